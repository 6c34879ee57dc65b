from enum import StrEnum


class StoreDomainsListOrderingItem(StrEnum):
    CREATED_AT = "created_at"
    HOST = "host"
    REVIEWED_AT = "reviewed_at"
    VALUE_1 = "-host"
    VALUE_3 = "-created_at"
    VALUE_5 = "-reviewed_at"

    def __str__(self) -> str:
        return str(self.value)
