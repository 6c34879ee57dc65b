from enum import StrEnum


class LinksListOrderingItem(StrEnum):
    CLICKS_COUNT = "clicks_count"
    CLICKS_COUNT_DESC = "-clicks_count"
    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    UNIQUE_CLICKS_COUNT = "unique_clicks_count"
    UNIQUE_CLICKS_COUNT_DESC = "-unique_clicks_count"

    def __str__(self) -> str:
        return str(self.value)
