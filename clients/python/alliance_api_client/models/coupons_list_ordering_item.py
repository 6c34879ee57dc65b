from enum import StrEnum


class CouponsListOrderingItem(StrEnum):
    CODE = "code"
    CREATED_AT = "created_at"
    VALID_UNTIL = "valid_until"
    VALUE_1 = "-created_at"
    VALUE_3 = "-valid_until"
    VALUE_5 = "-code"

    def __str__(self) -> str:
        return str(self.value)
