from enum import StrEnum


class PenalisedOrdersListStatus(StrEnum):
    CLEARED = "cleared"
    HELD = "held"
    MARKED = "marked"
    VOIDED = "voided"

    def __str__(self) -> str:
        return str(self.value)
