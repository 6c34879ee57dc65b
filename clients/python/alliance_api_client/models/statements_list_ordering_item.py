from enum import StrEnum


class StatementsListOrderingItem(StrEnum):
    ISSUED_AT = "issued_at"
    ISSUED_AT_DESC = "-issued_at"
    MONTH = "month"
    MONTH_DESC = "-month"
    TOTAL_OWED = "total_owed"
    TOTAL_OWED_DESC = "-total_owed"

    def __str__(self) -> str:
        return str(self.value)
