from enum import StrEnum


class OrderEventsListOrderingItem(StrEnum):
    OCCURRED_AT = "occurred_at"
    OCCURRED_AT_DESC = "-occurred_at"
    RECEIVED_AT = "received_at"
    RECEIVED_AT_DESC = "-received_at"

    def __str__(self) -> str:
        return str(self.value)
