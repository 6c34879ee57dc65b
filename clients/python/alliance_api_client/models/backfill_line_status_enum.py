from enum import StrEnum


class BackfillLineStatusEnum(StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    ERROR = "error"

    def __str__(self) -> str:
        return str(self.value)
