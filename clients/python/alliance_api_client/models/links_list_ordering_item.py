from enum import StrEnum


class LinksListOrderingItem(StrEnum):
    CLICKS_COUNT = "clicks_count"
    CREATED_AT = "created_at"
    UNIQUE_CLICKS_COUNT = "unique_clicks_count"
    VALUE_1 = "-created_at"
    VALUE_3 = "-clicks_count"
    VALUE_5 = "-unique_clicks_count"

    def __str__(self) -> str:
        return str(self.value)
