from enum import StrEnum


class OrdersListOrderingItem(StrEnum):
    AMOUNT = "amount"
    AMOUNT_DESC = "-amount"
    PAID_AT = "paid_at"
    PAID_AT_DESC = "-paid_at"
    UPDATED_AT = "updated_at"
    UPDATED_AT_DESC = "-updated_at"

    def __str__(self) -> str:
        return str(self.value)
