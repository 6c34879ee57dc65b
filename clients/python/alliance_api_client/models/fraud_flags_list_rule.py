from enum import StrEnum


class FraudFlagsListRule(StrEnum):
    CHANNEL_MISMATCH = "channel_mismatch"
    CLICK_FLOOD = "click_flood"
    CLICK_REUSE = "click_reuse"
    CONVERSION_OUTLIER = "conversion_outlier"
    COOKIE_STUFFING = "cookie_stuffing"
    CUSTOMER_REPEAT = "customer_repeat"
    FAST_PAY = "fast_pay"
    MERCHANT_REPORT = "merchant_report"
    NO_REFERER_BURST = "no_referer_burst"
    ORDER_VALUE_OUTLIER = "order_value_outlier"
    REFUND_ABUSE = "refund_abuse"
    REFUND_OUTLIER = "refund_outlier"
    SELF_PURCHASE = "self_purchase"
    SHARED_CUSTOMER = "shared_customer"
    SHARED_IDENTITY = "shared_identity"
    UPLINE_CHAIN = "upline_chain"

    def __str__(self) -> str:
        return str(self.value)
