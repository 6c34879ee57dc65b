from enum import StrEnum


class PayoutStatusEnum(StrEnum):
    APPROVED = "approved"
    FAILED = "failed"
    HELD = "held"
    PAID = "paid"
    REJECTED = "rejected"
    REQUESTED = "requested"

    def __str__(self) -> str:
        return str(self.value)
