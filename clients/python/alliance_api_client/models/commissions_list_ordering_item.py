from enum import StrEnum


class CommissionsListOrderingItem(StrEnum):
    COMMISSION = "commission"
    PAID_AT = "paid_at"
    PROMOTER_AMOUNT = "promoter_amount"
    UPDATED_AT = "updated_at"
    VALUE_1 = "-paid_at"
    VALUE_3 = "-commission"
    VALUE_5 = "-promoter_amount"
    VALUE_7 = "-updated_at"

    def __str__(self) -> str:
        return str(self.value)
