from enum import StrEnum


class CampaignsListKind(StrEnum):
    EVENT = "event"
    GENERAL = "general"
    TARGETED = "targeted"

    def __str__(self) -> str:
        return str(self.value)
