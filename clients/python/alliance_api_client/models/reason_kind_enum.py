from enum import StrEnum


class ReasonKindEnum(StrEnum):
    ABNORMAL_ORDERS = "abnormal_orders"
    INVALID_TRAFFIC = "invalid_traffic"
    LINKED_ACCOUNTS = "linked_accounts"
    MERCHANT_REPORT = "merchant_report"
    REFUND_ABUSE = "refund_abuse"
    SELF_PURCHASE = "self_purchase"

    def __str__(self) -> str:
        return str(self.value)
