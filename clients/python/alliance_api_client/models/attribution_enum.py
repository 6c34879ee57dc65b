from enum import StrEnum


class AttributionEnum(StrEnum):
    CLICK = "click"
    COUPON = "coupon"
    CUSTOMER = "customer"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
