from enum import StrEnum


class RoleEnum(StrEnum):
    ADMIN = "admin"
    MERCHANT = "merchant"
    NONE = "none"
    PROMOTER = "promoter"

    def __str__(self) -> str:
        return str(self.value)
