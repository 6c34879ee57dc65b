from enum import StrEnum


class OrdersListStatus(StrEnum):
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    PAID = "paid"
    REFUNDED = "refunded"

    def __str__(self) -> str:
        return str(self.value)
