from enum import StrEnum


class StoreDomainsListOrderingItem(StrEnum):
    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    HOST = "host"
    HOST_DESC = "-host"
    REVIEWED_AT = "reviewed_at"
    REVIEWED_AT_DESC = "-reviewed_at"

    def __str__(self) -> str:
        return str(self.value)
