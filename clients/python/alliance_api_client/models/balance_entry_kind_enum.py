from enum import StrEnum


class BalanceEntryKindEnum(StrEnum):
    ADJUSTMENT = "adjustment"
    PAYOUT = "payout"
    SETTLEMENT = "settlement"
    STATEMENT_PAYMENT = "statement_payment"

    def __str__(self) -> str:
        return str(self.value)
