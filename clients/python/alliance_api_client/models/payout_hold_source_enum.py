from enum import StrEnum


class PayoutHoldSourceEnum(StrEnum):
    ADMIN = "admin"
    FRAUD = "fraud"

    def __str__(self) -> str:
        return str(self.value)
