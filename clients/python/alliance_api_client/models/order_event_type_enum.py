from enum import StrEnum


class OrderEventTypeEnum(StrEnum):
    ORDER_CANCELLED = "order.cancelled"
    ORDER_COMPLETED = "order.completed"
    ORDER_PAID = "order.paid"
    ORDER_REFUNDED = "order.refunded"

    def __str__(self) -> str:
        return str(self.value)
