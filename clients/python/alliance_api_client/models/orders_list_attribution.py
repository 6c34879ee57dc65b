from enum import StrEnum


class OrdersListAttribution(StrEnum):
    CLICK = "click"
    COUPON = "coupon"
    CUSTOMER = "customer"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
