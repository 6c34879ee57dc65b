from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.flag_severity_enum import FlagSeverityEnum
from ..models.flag_status_enum import FlagStatusEnum
from ..models.fraud_rule_enum import FraudRuleEnum

T = TypeVar("T", bound="Flag")


@_attrs_define
class Flag:
    """A flag as the queue lists it.

    Attributes:
        id (int):
        rule (FraudRuleEnum): * `click_flood` - Click flood
            * `no_referer_burst` - Burst of clicks with no referer or from one network
            * `cookie_stuffing` - One visitor clicking many promoters' links
            * `channel_mismatch` - Clicks that never come from the declared channel
            * `fast_pay` - Paid implausibly soon after the click
            * `click_reuse` - Many orders from one click
            * `customer_repeat` - Many orders from one customer
            * `shared_customer` - One customer across many promoters
            * `conversion_outlier` - Conversion rate far above its peers
            * `refund_outlier` - Refund rate far above its peers
            * `order_value_outlier` - Average order value far from its peers
            * `self_purchase` - Undeclared self-purchase
            * `shared_identity` - Payout account or phone shared by several promoters
            * `upline_chain` - Upline chain of accounts created minutes apart
            * `refund_abuse` - Refunds after settlement above the promoter's history
            * `merchant_report` - Reported by the merchant
        rule_label (str):
        severity (FlagSeverityEnum): * `low` - Low: marked for review
            * `high` - High: money held until review
        status (FlagStatusEnum): * `open` - Open
            * `cleared` - Cleared
            * `confirmed` - Confirmed as fraud
        promoter (int):
        promoter_name (str):
        merchant (int | None):
        merchant_name (None | str):
        summary (str):
        order_count (int): Orders it touches.
        commission_count (int): Commissions it touches.
        held_count (int): Of those, held from settlement now (by this or another flag).
        has_appeal (bool):
        created_at (datetime.datetime):
        reviewed_at (datetime.datetime | None):
        reviewed_by (None | str):
    """

    id: int
    rule: FraudRuleEnum
    rule_label: str
    severity: FlagSeverityEnum
    status: FlagStatusEnum
    promoter: int
    promoter_name: str
    merchant: int | None
    merchant_name: None | str
    summary: str
    order_count: int
    commission_count: int
    held_count: int
    has_appeal: bool
    created_at: datetime.datetime
    reviewed_at: datetime.datetime | None
    reviewed_by: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        rule = self.rule.value

        rule_label = self.rule_label

        severity = self.severity.value

        status = self.status.value

        promoter = self.promoter

        promoter_name = self.promoter_name

        merchant: int | None
        merchant = self.merchant

        merchant_name: None | str
        merchant_name = self.merchant_name

        summary = self.summary

        order_count = self.order_count

        commission_count = self.commission_count

        held_count = self.held_count

        has_appeal = self.has_appeal

        created_at = self.created_at.isoformat()

        reviewed_at: None | str
        if isinstance(self.reviewed_at, datetime.datetime):
            reviewed_at = self.reviewed_at.isoformat()
        else:
            reviewed_at = self.reviewed_at

        reviewed_by: None | str
        reviewed_by = self.reviewed_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "rule": rule,
                "rule_label": rule_label,
                "severity": severity,
                "status": status,
                "promoter": promoter,
                "promoter_name": promoter_name,
                "merchant": merchant,
                "merchant_name": merchant_name,
                "summary": summary,
                "order_count": order_count,
                "commission_count": commission_count,
                "held_count": held_count,
                "has_appeal": has_appeal,
                "created_at": created_at,
                "reviewed_at": reviewed_at,
                "reviewed_by": reviewed_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        rule = FraudRuleEnum(d.pop("rule"))

        rule_label = d.pop("rule_label")

        severity = FlagSeverityEnum(d.pop("severity"))

        status = FlagStatusEnum(d.pop("status"))

        promoter = d.pop("promoter")

        promoter_name = d.pop("promoter_name")

        def _parse_merchant(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        merchant = _parse_merchant(d.pop("merchant"))

        def _parse_merchant_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        merchant_name = _parse_merchant_name(d.pop("merchant_name"))

        summary = d.pop("summary")

        order_count = d.pop("order_count")

        commission_count = d.pop("commission_count")

        held_count = d.pop("held_count")

        has_appeal = d.pop("has_appeal")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_reviewed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reviewed_at_type_0 = datetime.datetime.fromisoformat(data)

                return reviewed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        reviewed_at = _parse_reviewed_at(d.pop("reviewed_at"))

        def _parse_reviewed_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reviewed_by = _parse_reviewed_by(d.pop("reviewed_by"))

        flag = cls(
            id=id,
            rule=rule,
            rule_label=rule_label,
            severity=severity,
            status=status,
            promoter=promoter,
            promoter_name=promoter_name,
            merchant=merchant,
            merchant_name=merchant_name,
            summary=summary,
            order_count=order_count,
            commission_count=commission_count,
            held_count=held_count,
            has_appeal=has_appeal,
            created_at=created_at,
            reviewed_at=reviewed_at,
            reviewed_by=reviewed_by,
        )

        flag.additional_properties = d
        return flag

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
