from enum import StrEnum


class PromotersListOrderingItem(StrEnum):
    CREATED_AT = "created_at"
    DISPLAY_NAME = "display_name"
    FANS_COUNT = "fans_count"
    VALUE_1 = "-created_at"
    VALUE_3 = "-fans_count"
    VALUE_5 = "-display_name"

    def __str__(self) -> str:
        return str(self.value)
