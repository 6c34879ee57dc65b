from enum import StrEnum


class CouponsListOrderingItem(StrEnum):
    CODE = "code"
    CODE_DESC = "-code"
    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    VALID_UNTIL = "valid_until"
    VALID_UNTIL_DESC = "-valid_until"

    def __str__(self) -> str:
        return str(self.value)
