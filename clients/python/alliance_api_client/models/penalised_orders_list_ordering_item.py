from enum import StrEnum


class PenalisedOrdersListOrderingItem(StrEnum):
    AMOUNT = "amount"
    AMOUNT_DESC = "-amount"
    PAID_AT = "paid_at"
    PAID_AT_DESC = "-paid_at"

    def __str__(self) -> str:
        return str(self.value)
