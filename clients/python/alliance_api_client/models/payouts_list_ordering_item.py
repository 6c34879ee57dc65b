from enum import StrEnum


class PayoutsListOrderingItem(StrEnum):
    AMOUNT = "amount"
    AMOUNT_DESC = "-amount"
    REQUESTED_AT = "requested_at"
    REQUESTED_AT_DESC = "-requested_at"
    REVIEWED_AT = "reviewed_at"
    REVIEWED_AT_DESC = "-reviewed_at"

    def __str__(self) -> str:
        return str(self.value)
