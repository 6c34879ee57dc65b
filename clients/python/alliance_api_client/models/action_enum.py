from enum import StrEnum


class ActionEnum(StrEnum):
    APPROVE = "approve"
    MARK_FAILED = "mark_failed"
    MARK_PAID = "mark_paid"
    REJECT = "reject"

    def __str__(self) -> str:
        return str(self.value)
