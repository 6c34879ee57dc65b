from enum import StrEnum


class FraudDecisionEnum(StrEnum):
    CLEAR = "clear"
    CONFIRM = "confirm"

    def __str__(self) -> str:
        return str(self.value)
