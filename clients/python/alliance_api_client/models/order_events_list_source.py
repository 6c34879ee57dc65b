from enum import StrEnum


class OrderEventsListSource(StrEnum):
    BACKFILL = "backfill"
    WEBHOOK = "webhook"

    def __str__(self) -> str:
        return str(self.value)
