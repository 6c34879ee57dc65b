from enum import StrEnum


class LinksListOrderingItem(StrEnum):
    BOT_CLICKS_COUNT = "bot_clicks_count"
    BOT_CLICKS_COUNT_DESC = "-bot_clicks_count"
    CLICKS_COUNT = "clicks_count"
    CLICKS_COUNT_DESC = "-clicks_count"
    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    SUSPICIOUS_CLICKS_COUNT = "suspicious_clicks_count"
    SUSPICIOUS_CLICKS_COUNT_DESC = "-suspicious_clicks_count"
    UNIQUE_CLICKS_COUNT = "unique_clicks_count"
    UNIQUE_CLICKS_COUNT_DESC = "-unique_clicks_count"

    def __str__(self) -> str:
        return str(self.value)
