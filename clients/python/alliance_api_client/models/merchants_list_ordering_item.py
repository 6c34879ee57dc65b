from enum import StrEnum


class MerchantsListOrderingItem(StrEnum):
    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    DEFAULT_COMMISSION_RATE = "default_commission_rate"
    DEFAULT_COMMISSION_RATE_DESC = "-default_commission_rate"
    NAME = "name"
    NAME_DESC = "-name"

    def __str__(self) -> str:
        return str(self.value)
