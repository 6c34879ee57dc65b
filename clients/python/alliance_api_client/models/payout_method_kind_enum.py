from enum import StrEnum


class PayoutMethodKindEnum(StrEnum):
    ALIPAY = "alipay"
    BANK = "bank"

    def __str__(self) -> str:
        return str(self.value)
