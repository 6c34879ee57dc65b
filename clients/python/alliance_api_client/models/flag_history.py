from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.flag_history_commissions import FlagHistoryCommissions
    from ..models.flag_history_flags import FlagHistoryFlags


T = TypeVar("T", bound="FlagHistory")


@_attrs_define
class FlagHistory:
    """
    Attributes:
        promoter_status (str):
        joined_at (datetime.datetime):
        account_age_days (int):
        clicks (int):
        unique_clicks (int):
        bot_clicks (int):
        suspicious_clicks (int):
        orders (int):
        refunded_orders (int): Refunded in full or in part.
        gmv (str):
        refunded_amount (str):
        conversion (float | None): Orders per unique click; null without unique clicks.
        refund_rate (float | None): Refunded orders per order; null without orders.
        commissions (FlagHistoryCommissions): The promoter's share, summed by commission status.
        flags (FlagHistoryFlags): Its flags (this one too) by status.
        currency (str):
    """

    promoter_status: str
    joined_at: datetime.datetime
    account_age_days: int
    clicks: int
    unique_clicks: int
    bot_clicks: int
    suspicious_clicks: int
    orders: int
    refunded_orders: int
    gmv: str
    refunded_amount: str
    conversion: float | None
    refund_rate: float | None
    commissions: FlagHistoryCommissions
    flags: FlagHistoryFlags
    currency: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        promoter_status = self.promoter_status

        joined_at = self.joined_at.isoformat()

        account_age_days = self.account_age_days

        clicks = self.clicks

        unique_clicks = self.unique_clicks

        bot_clicks = self.bot_clicks

        suspicious_clicks = self.suspicious_clicks

        orders = self.orders

        refunded_orders = self.refunded_orders

        gmv = self.gmv

        refunded_amount = self.refunded_amount

        conversion: float | None
        conversion = self.conversion

        refund_rate: float | None
        refund_rate = self.refund_rate

        commissions = self.commissions.to_dict()

        flags = self.flags.to_dict()

        currency = self.currency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "promoter_status": promoter_status,
                "joined_at": joined_at,
                "account_age_days": account_age_days,
                "clicks": clicks,
                "unique_clicks": unique_clicks,
                "bot_clicks": bot_clicks,
                "suspicious_clicks": suspicious_clicks,
                "orders": orders,
                "refunded_orders": refunded_orders,
                "gmv": gmv,
                "refunded_amount": refunded_amount,
                "conversion": conversion,
                "refund_rate": refund_rate,
                "commissions": commissions,
                "flags": flags,
                "currency": currency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.flag_history_commissions import FlagHistoryCommissions  # noqa: PLC0415
        from ..models.flag_history_flags import FlagHistoryFlags  # noqa: PLC0415

        d = dict(src_dict)
        promoter_status = d.pop("promoter_status")

        joined_at = datetime.datetime.fromisoformat(d.pop("joined_at"))

        account_age_days = d.pop("account_age_days")

        clicks = d.pop("clicks")

        unique_clicks = d.pop("unique_clicks")

        bot_clicks = d.pop("bot_clicks")

        suspicious_clicks = d.pop("suspicious_clicks")

        orders = d.pop("orders")

        refunded_orders = d.pop("refunded_orders")

        gmv = d.pop("gmv")

        refunded_amount = d.pop("refunded_amount")

        def _parse_conversion(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        conversion = _parse_conversion(d.pop("conversion"))

        def _parse_refund_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        refund_rate = _parse_refund_rate(d.pop("refund_rate"))

        commissions = FlagHistoryCommissions.from_dict(d.pop("commissions"))

        flags = FlagHistoryFlags.from_dict(d.pop("flags"))

        currency = d.pop("currency")

        flag_history = cls(
            promoter_status=promoter_status,
            joined_at=joined_at,
            account_age_days=account_age_days,
            clicks=clicks,
            unique_clicks=unique_clicks,
            bot_clicks=bot_clicks,
            suspicious_clicks=suspicious_clicks,
            orders=orders,
            refunded_orders=refunded_orders,
            gmv=gmv,
            refunded_amount=refunded_amount,
            conversion=conversion,
            refund_rate=refund_rate,
            commissions=commissions,
            flags=flags,
            currency=currency,
        )

        flag_history.additional_properties = d
        return flag_history

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
