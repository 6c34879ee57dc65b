from enum import StrEnum


class SimilarAccountReasonEnum(StrEnum):
    DOWNLINE = "downline"
    NETWORK = "network"
    PAYOUT_ACCOUNT = "payout_account"
    UPLINE = "upline"

    def __str__(self) -> str:
        return str(self.value)
