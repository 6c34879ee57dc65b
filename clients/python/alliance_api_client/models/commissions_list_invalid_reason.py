from enum import StrEnum


class CommissionsListInvalidReason(StrEnum):
    CANCELLED = "cancelled"
    FRAUD = "fraud"
    REFUNDED = "refunded"
    SELF_PURCHASE = "self_purchase"
    SUSPENSION = "suspension"
    UNKNOWN_SOURCE = "unknown_source"
    ZERO_RATE = "zero_rate"

    def __str__(self) -> str:
        return str(self.value)
