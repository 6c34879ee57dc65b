from enum import StrEnum


class PromotersListOrderingItem(StrEnum):
    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    DISPLAY_NAME = "display_name"
    DISPLAY_NAME_DESC = "-display_name"
    FANS_COUNT = "fans_count"
    FANS_COUNT_DESC = "-fans_count"

    def __str__(self) -> str:
        return str(self.value)
