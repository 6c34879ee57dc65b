from enum import StrEnum


class PayoutsListOrderingItem(StrEnum):
    AMOUNT = "amount"
    REQUESTED_AT = "requested_at"
    REVIEWED_AT = "reviewed_at"
    VALUE_1 = "-requested_at"
    VALUE_3 = "-amount"
    VALUE_5 = "-reviewed_at"

    def __str__(self) -> str:
        return str(self.value)
