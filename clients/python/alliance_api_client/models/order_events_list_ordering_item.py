from enum import StrEnum


class OrderEventsListOrderingItem(StrEnum):
    OCCURRED_AT = "occurred_at"
    RECEIVED_AT = "received_at"
    VALUE_1 = "-received_at"
    VALUE_3 = "-occurred_at"

    def __str__(self) -> str:
        return str(self.value)
