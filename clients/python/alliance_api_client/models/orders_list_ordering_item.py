from enum import StrEnum


class OrdersListOrderingItem(StrEnum):
    AMOUNT = "amount"
    PAID_AT = "paid_at"
    UPDATED_AT = "updated_at"
    VALUE_1 = "-paid_at"
    VALUE_3 = "-amount"
    VALUE_5 = "-updated_at"

    def __str__(self) -> str:
        return str(self.value)
