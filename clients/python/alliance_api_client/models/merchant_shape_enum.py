from enum import StrEnum


class MerchantShapeEnum(StrEnum):
    MERCHANT = "merchant"

    def __str__(self) -> str:
        return str(self.value)
