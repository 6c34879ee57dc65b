"""The traffic rules, over the stored clicks (never in the redirect)."""


def clicks_sweep() -> int:
    """Mark suspicious clicks and raise traffic flags; answers how many flags were raised."""
    return 0
