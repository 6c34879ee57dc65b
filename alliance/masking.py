"""What one party may see of another's identifiers. Pure string functions, so the template
filters of every page and the API's serializers show the same masked form."""


def mask_order_id(order_id: str) -> str:
    """What a promoter sees of a merchant's order id: the first 3 and last 2 characters."""
    if len(order_id) <= 5:
        return "*" * len(order_id)
    return f"{order_id[:3]}{'*' * (len(order_id) - 5)}{order_id[-2:]}"
