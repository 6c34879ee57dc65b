from enum import StrEnum


class CommissionStatusEnum(StrEnum):
    CONFIRMED = "confirmed"
    PAID = "paid"
    PENDING = "pending"
    REVERSED = "reversed"
    SETTLED = "settled"
    VOID = "void"

    def __str__(self) -> str:
        return str(self.value)
