from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.commission_status_enum import CommissionStatusEnum
from ..models.invalid_reason_enum import InvalidReasonEnum

T = TypeVar("T", bound="Commission")


@_attrs_define
class Commission:
    """
    Attributes:
        id (int):
        order (int):
        order_id (str):
        merchant (int):
        promoter (int):
        link (int | None):
        channel (int | None):
        product (int | None):
        sku (str):
        rate (str):
        base_amount (str):
        commission (str):
        platform_fee (str):
        upline1_amount (str):
        upline2_amount (str):
        promoter_amount (str):
        estimated_amount (str): The promoter's share P as the order stands now (预估收入 while pending); 0.00 once reversed
            or void, as the order's estimated_commission counts it.
        settled_amount (str): What the ledger credited the promoter for this line; 0.00 until settled.
        currency (str):
        status (CommissionStatusEnum): * `pending` - Estimated (order paid)
            * `confirmed` - Confirmed (order completed)
            * `settled` - Settled into the balance
            * `paid` - Paid out
            * `reversed` - Reversed
            * `void` - Void
        invalid_reason (InvalidReasonEnum | None): Why this line earns nothing (docs/orders.md); null while it earns.

            * `cancelled` - The order was cancelled
            * `refunded` - The goods were refunded
            * `self_purchase` - Bought by the promoter's own customer account
            * `zero_rate` - The product earns no commission
            * `fraud` - Voided by the platform after review
            * `suspension` - Voided by the platform after a suspension
            * `unknown_source` - The order did not come through a promoter
        invalid_reason_display (str):
        void_note (str):
        paid_at (datetime.datetime):
        available_at (datetime.datetime | None):
        settled_at (datetime.datetime | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: int
    order: int
    order_id: str
    merchant: int
    promoter: int
    link: int | None
    channel: int | None
    product: int | None
    sku: str
    rate: str
    base_amount: str
    commission: str
    platform_fee: str
    upline1_amount: str
    upline2_amount: str
    promoter_amount: str
    estimated_amount: str
    settled_amount: str
    currency: str
    status: CommissionStatusEnum
    invalid_reason: InvalidReasonEnum | None
    invalid_reason_display: str
    void_note: str
    paid_at: datetime.datetime
    available_at: datetime.datetime | None
    settled_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        order = self.order

        order_id = self.order_id

        merchant = self.merchant

        promoter = self.promoter

        link: int | None
        link = self.link

        channel: int | None
        channel = self.channel

        product: int | None
        product = self.product

        sku = self.sku

        rate = self.rate

        base_amount = self.base_amount

        commission = self.commission

        platform_fee = self.platform_fee

        upline1_amount = self.upline1_amount

        upline2_amount = self.upline2_amount

        promoter_amount = self.promoter_amount

        estimated_amount = self.estimated_amount

        settled_amount = self.settled_amount

        currency = self.currency

        status = self.status.value

        invalid_reason: None | str
        if isinstance(self.invalid_reason, InvalidReasonEnum):
            invalid_reason = self.invalid_reason.value
        else:
            invalid_reason = self.invalid_reason

        invalid_reason_display = self.invalid_reason_display

        void_note = self.void_note

        paid_at = self.paid_at.isoformat()

        available_at: None | str
        if isinstance(self.available_at, datetime.datetime):
            available_at = self.available_at.isoformat()
        else:
            available_at = self.available_at

        settled_at: None | str
        if isinstance(self.settled_at, datetime.datetime):
            settled_at = self.settled_at.isoformat()
        else:
            settled_at = self.settled_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "order": order,
                "order_id": order_id,
                "merchant": merchant,
                "promoter": promoter,
                "link": link,
                "channel": channel,
                "product": product,
                "sku": sku,
                "rate": rate,
                "base_amount": base_amount,
                "commission": commission,
                "platform_fee": platform_fee,
                "upline1_amount": upline1_amount,
                "upline2_amount": upline2_amount,
                "promoter_amount": promoter_amount,
                "estimated_amount": estimated_amount,
                "settled_amount": settled_amount,
                "currency": currency,
                "status": status,
                "invalid_reason": invalid_reason,
                "invalid_reason_display": invalid_reason_display,
                "void_note": void_note,
                "paid_at": paid_at,
                "available_at": available_at,
                "settled_at": settled_at,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        order = d.pop("order")

        order_id = d.pop("order_id")

        merchant = d.pop("merchant")

        promoter = d.pop("promoter")

        def _parse_link(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        link = _parse_link(d.pop("link"))

        def _parse_channel(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        channel = _parse_channel(d.pop("channel"))

        def _parse_product(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        product = _parse_product(d.pop("product"))

        sku = d.pop("sku")

        rate = d.pop("rate")

        base_amount = d.pop("base_amount")

        commission = d.pop("commission")

        platform_fee = d.pop("platform_fee")

        upline1_amount = d.pop("upline1_amount")

        upline2_amount = d.pop("upline2_amount")

        promoter_amount = d.pop("promoter_amount")

        estimated_amount = d.pop("estimated_amount")

        settled_amount = d.pop("settled_amount")

        currency = d.pop("currency")

        status = CommissionStatusEnum(d.pop("status"))

        def _parse_invalid_reason(data: object) -> InvalidReasonEnum | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                invalid_reason_type_0 = InvalidReasonEnum(data)

                return invalid_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvalidReasonEnum | None, data)

        invalid_reason = _parse_invalid_reason(d.pop("invalid_reason"))

        invalid_reason_display = d.pop("invalid_reason_display")

        void_note = d.pop("void_note")

        paid_at = datetime.datetime.fromisoformat(d.pop("paid_at"))

        def _parse_available_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                available_at_type_0 = datetime.datetime.fromisoformat(data)

                return available_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        available_at = _parse_available_at(d.pop("available_at"))

        def _parse_settled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                settled_at_type_0 = datetime.datetime.fromisoformat(data)

                return settled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        settled_at = _parse_settled_at(d.pop("settled_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        commission = cls(
            id=id,
            order=order,
            order_id=order_id,
            merchant=merchant,
            promoter=promoter,
            link=link,
            channel=channel,
            product=product,
            sku=sku,
            rate=rate,
            base_amount=base_amount,
            commission=commission,
            platform_fee=platform_fee,
            upline1_amount=upline1_amount,
            upline2_amount=upline2_amount,
            promoter_amount=promoter_amount,
            estimated_amount=estimated_amount,
            settled_amount=settled_amount,
            currency=currency,
            status=status,
            invalid_reason=invalid_reason,
            invalid_reason_display=invalid_reason_display,
            void_note=void_note,
            paid_at=paid_at,
            available_at=available_at,
            settled_at=settled_at,
            created_at=created_at,
            updated_at=updated_at,
        )

        commission.additional_properties = d
        return commission

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
