from enum import StrEnum


class CampaignsListOrderingItem(StrEnum):
    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    ENDS_AT = "ends_at"
    ENDS_AT_DESC = "-ends_at"
    RATE = "rate"
    RATE_DESC = "-rate"
    STARTS_AT = "starts_at"
    STARTS_AT_DESC = "-starts_at"

    def __str__(self) -> str:
        return str(self.value)
