from enum import StrEnum


class PayoutsListStatus(StrEnum):
    APPROVED = "approved"
    FAILED = "failed"
    HELD = "held"
    PAID = "paid"
    REJECTED = "rejected"
    REQUESTED = "requested"

    def __str__(self) -> str:
        return str(self.value)
