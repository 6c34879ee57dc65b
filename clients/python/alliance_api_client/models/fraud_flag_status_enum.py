from enum import StrEnum


class FraudFlagStatusEnum(StrEnum):
    CLEARED = "cleared"
    CONFIRMED = "confirmed"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
