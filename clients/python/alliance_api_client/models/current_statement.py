from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CurrentStatement")


@_attrs_define
class CurrentStatement:
    """The running month so far, computed from the ledger when asked; not a stored statement.

    Attributes:
        merchant (int):
        month (datetime.date):
        period (str):
        commission_count (int):
        commission_total (str):
        promoter_total (str):
        platform_fee_total (str):
        adjustment_total (str):
        total_owed (str):
        currency (str):
        as_of (datetime.datetime):
    """

    merchant: int
    month: datetime.date
    period: str
    commission_count: int
    commission_total: str
    promoter_total: str
    platform_fee_total: str
    adjustment_total: str
    total_owed: str
    currency: str
    as_of: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        merchant = self.merchant

        month = self.month.isoformat()

        period = self.period

        commission_count = self.commission_count

        commission_total = self.commission_total

        promoter_total = self.promoter_total

        platform_fee_total = self.platform_fee_total

        adjustment_total = self.adjustment_total

        total_owed = self.total_owed

        currency = self.currency

        as_of = self.as_of.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "merchant": merchant,
                "month": month,
                "period": period,
                "commission_count": commission_count,
                "commission_total": commission_total,
                "promoter_total": promoter_total,
                "platform_fee_total": platform_fee_total,
                "adjustment_total": adjustment_total,
                "total_owed": total_owed,
                "currency": currency,
                "as_of": as_of,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        merchant = d.pop("merchant")

        month = datetime.date.fromisoformat(d.pop("month"))

        period = d.pop("period")

        commission_count = d.pop("commission_count")

        commission_total = d.pop("commission_total")

        promoter_total = d.pop("promoter_total")

        platform_fee_total = d.pop("platform_fee_total")

        adjustment_total = d.pop("adjustment_total")

        total_owed = d.pop("total_owed")

        currency = d.pop("currency")

        as_of = datetime.datetime.fromisoformat(d.pop("as_of"))

        current_statement = cls(
            merchant=merchant,
            month=month,
            period=period,
            commission_count=commission_count,
            commission_total=commission_total,
            promoter_total=promoter_total,
            platform_fee_total=platform_fee_total,
            adjustment_total=adjustment_total,
            total_owed=total_owed,
            currency=currency,
            as_of=as_of,
        )

        current_statement.additional_properties = d
        return current_statement

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
