from enum import StrEnum


class StoreDomainsListStatus(StrEnum):
    APPROVED = "approved"
    PENDING = "pending"
    REJECTED = "rejected"
    SUSPENDED = "suspended"

    def __str__(self) -> str:
        return str(self.value)
