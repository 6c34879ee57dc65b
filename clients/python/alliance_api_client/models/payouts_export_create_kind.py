from enum import StrEnum


class PayoutsExportCreateKind(StrEnum):
    ALIPAY = "alipay"
    BANK = "bank"

    def __str__(self) -> str:
        return str(self.value)
