from enum import StrEnum


class MerchantsListOrderingItem(StrEnum):
    CREATED_AT = "created_at"
    DEFAULT_COMMISSION_RATE = "default_commission_rate"
    NAME = "name"
    VALUE_1 = "-name"
    VALUE_3 = "-created_at"
    VALUE_5 = "-default_commission_rate"

    def __str__(self) -> str:
        return str(self.value)
