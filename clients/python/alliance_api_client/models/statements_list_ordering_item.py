from enum import StrEnum


class StatementsListOrderingItem(StrEnum):
    ISSUED_AT = "issued_at"
    MONTH = "month"
    TOTAL_OWED = "total_owed"
    VALUE_1 = "-month"
    VALUE_3 = "-total_owed"
    VALUE_5 = "-issued_at"

    def __str__(self) -> str:
        return str(self.value)
