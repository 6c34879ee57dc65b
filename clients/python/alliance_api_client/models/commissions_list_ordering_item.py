from enum import StrEnum


class CommissionsListOrderingItem(StrEnum):
    COMMISSION = "commission"
    COMMISSION_DESC = "-commission"
    PAID_AT = "paid_at"
    PAID_AT_DESC = "-paid_at"
    PROMOTER_AMOUNT = "promoter_amount"
    PROMOTER_AMOUNT_DESC = "-promoter_amount"
    UPDATED_AT = "updated_at"
    UPDATED_AT_DESC = "-updated_at"

    def __str__(self) -> str:
        return str(self.value)
