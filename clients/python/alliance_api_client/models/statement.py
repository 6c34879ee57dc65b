from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.statement_status_enum import StatementStatusEnum

T = TypeVar("T", bound="Statement")


@_attrs_define
class Statement:
    """
    Attributes:
        id (int):
        merchant (int):
        merchant_name (str):
        month (datetime.date):
        period (str): The month as YYYY-MM.
        status (StatementStatusEnum): * `issued` - Issued
            * `paid` - Paid
        commission_count (int):
        commission_total (str):
        promoter_total (str):
        platform_fee_total (str):
        adjustment_total (str):
        total_owed (str):
        currency (str):
        issued_at (datetime.datetime):
        paid_at (datetime.datetime | None):
        paid_by (None | str):
        payment_reference (str):
    """

    id: int
    merchant: int
    merchant_name: str
    month: datetime.date
    period: str
    status: StatementStatusEnum
    commission_count: int
    commission_total: str
    promoter_total: str
    platform_fee_total: str
    adjustment_total: str
    total_owed: str
    currency: str
    issued_at: datetime.datetime
    paid_at: datetime.datetime | None
    paid_by: None | str
    payment_reference: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        merchant = self.merchant

        merchant_name = self.merchant_name

        month = self.month.isoformat()

        period = self.period

        status = self.status.value

        commission_count = self.commission_count

        commission_total = self.commission_total

        promoter_total = self.promoter_total

        platform_fee_total = self.platform_fee_total

        adjustment_total = self.adjustment_total

        total_owed = self.total_owed

        currency = self.currency

        issued_at = self.issued_at.isoformat()

        paid_at: None | str
        if isinstance(self.paid_at, datetime.datetime):
            paid_at = self.paid_at.isoformat()
        else:
            paid_at = self.paid_at

        paid_by: None | str
        paid_by = self.paid_by

        payment_reference = self.payment_reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "merchant": merchant,
                "merchant_name": merchant_name,
                "month": month,
                "period": period,
                "status": status,
                "commission_count": commission_count,
                "commission_total": commission_total,
                "promoter_total": promoter_total,
                "platform_fee_total": platform_fee_total,
                "adjustment_total": adjustment_total,
                "total_owed": total_owed,
                "currency": currency,
                "issued_at": issued_at,
                "paid_at": paid_at,
                "paid_by": paid_by,
                "payment_reference": payment_reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        merchant = d.pop("merchant")

        merchant_name = d.pop("merchant_name")

        month = datetime.date.fromisoformat(d.pop("month"))

        period = d.pop("period")

        status = StatementStatusEnum(d.pop("status"))

        commission_count = d.pop("commission_count")

        commission_total = d.pop("commission_total")

        promoter_total = d.pop("promoter_total")

        platform_fee_total = d.pop("platform_fee_total")

        adjustment_total = d.pop("adjustment_total")

        total_owed = d.pop("total_owed")

        currency = d.pop("currency")

        issued_at = datetime.datetime.fromisoformat(d.pop("issued_at"))

        def _parse_paid_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_at_type_0 = datetime.datetime.fromisoformat(data)

                return paid_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        paid_at = _parse_paid_at(d.pop("paid_at"))

        def _parse_paid_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        paid_by = _parse_paid_by(d.pop("paid_by"))

        payment_reference = d.pop("payment_reference")

        statement = cls(
            id=id,
            merchant=merchant,
            merchant_name=merchant_name,
            month=month,
            period=period,
            status=status,
            commission_count=commission_count,
            commission_total=commission_total,
            promoter_total=promoter_total,
            platform_fee_total=platform_fee_total,
            adjustment_total=adjustment_total,
            total_owed=total_owed,
            currency=currency,
            issued_at=issued_at,
            paid_at=paid_at,
            paid_by=paid_by,
            payment_reference=payment_reference,
        )

        statement.additional_properties = d
        return statement

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
