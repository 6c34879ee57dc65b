from enum import StrEnum


class CampaignsListOrderingItem(StrEnum):
    CREATED_AT = "created_at"
    ENDS_AT = "ends_at"
    RATE = "rate"
    STARTS_AT = "starts_at"
    VALUE_1 = "-rate"
    VALUE_3 = "-created_at"
    VALUE_5 = "-starts_at"
    VALUE_7 = "-ends_at"

    def __str__(self) -> str:
        return str(self.value)
