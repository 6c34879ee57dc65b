from enum import StrEnum


class StatementStatusEnum(StrEnum):
    ISSUED = "issued"
    PAID = "paid"

    def __str__(self) -> str:
        return str(self.value)
