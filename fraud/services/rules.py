"""The order and account rules."""


def orders_check(order_ids: list[int]) -> int:
    """Run the order rules over these orders; answers how many flags were raised."""
    return 0


def orders_sweep() -> int:
    """Run the order and account rules over what changed since the last sweep."""
    return 0
