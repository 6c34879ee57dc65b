from enum import StrEnum


class FlagStatusEnum(StrEnum):
    CLEARED = "cleared"
    CONFIRMED = "confirmed"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
