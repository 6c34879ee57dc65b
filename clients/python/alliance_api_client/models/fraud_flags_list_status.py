from enum import StrEnum


class FraudFlagsListStatus(StrEnum):
    ANY = "any"
    CLEARED = "cleared"
    CONFIRMED = "confirmed"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
