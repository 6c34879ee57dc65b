from enum import StrEnum


class StatementsListStatus(StrEnum):
    ISSUED = "issued"
    PAID = "paid"

    def __str__(self) -> str:
        return str(self.value)
