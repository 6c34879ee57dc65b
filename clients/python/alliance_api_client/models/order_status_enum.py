from enum import StrEnum


class OrderStatusEnum(StrEnum):
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    PAID = "paid"
    REFUNDED = "refunded"

    def __str__(self) -> str:
        return str(self.value)
