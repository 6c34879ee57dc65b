from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attribution_enum import AttributionEnum
from ..models.invalid_reason_enum import InvalidReasonEnum
from ..models.order_status_enum import OrderStatusEnum
from ..models.promoter_shape_enum import PromoterShapeEnum

T = TypeVar("T", bound="PromoterOrder")


@_attrs_define
class PromoterOrder:
    """A promoter sees the merchant's order id masked (first 3 and last 2 characters).

    Attributes:
        shape (PromoterShapeEnum): * `promoter` - promoter
        id (int):
        merchant (int):
        order_id (str):
        status (OrderStatusEnum): * `paid` - Paid
            * `completed` - Completed
            * `refunded` - Refunded
            * `cancelled` - Cancelled
        paid_at (datetime.datetime):
        completed_at (datetime.datetime | None):
        amount (str):
        refunded_amount (str):
        currency (str):
        attribution (AttributionEnum): * `click` - Click on a link
            * `coupon` - Exclusive coupon
            * `customer` - Bound customer
            * `none` - Unattributed
        promoter (int | None):
        link (int | None):
        channel (int | None):
        estimated_commission (str): The promoter's share (P) of the lines that still earn; null without one.
        settled_commission (str): The promoter's share credited to its balance; null without one.
        invalid_reason (InvalidReasonEnum | None): Why the whole order earns nothing (unknown_source, cancelled,
            refunded); null when it earns.

            * `cancelled` - The order was cancelled
            * `refunded` - The goods were refunded
            * `self_purchase` - Bought by the promoter's own customer account
            * `zero_rate` - The product earns no commission
            * `fraud` - Voided by the platform after review
            * `suspension` - Voided by the platform after a suspension
            * `unknown_source` - The order did not come through a promoter
        invalid_reason_display (str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        merchant_name (str):
    """

    shape: PromoterShapeEnum
    id: int
    merchant: int
    order_id: str
    status: OrderStatusEnum
    paid_at: datetime.datetime
    completed_at: datetime.datetime | None
    amount: str
    refunded_amount: str
    currency: str
    attribution: AttributionEnum
    promoter: int | None
    link: int | None
    channel: int | None
    estimated_commission: str
    settled_commission: str
    invalid_reason: InvalidReasonEnum | None
    invalid_reason_display: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    merchant_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        shape = self.shape.value

        id = self.id

        merchant = self.merchant

        order_id = self.order_id

        status = self.status.value

        paid_at = self.paid_at.isoformat()

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        amount = self.amount

        refunded_amount = self.refunded_amount

        currency = self.currency

        attribution = self.attribution.value

        promoter: int | None
        promoter = self.promoter

        link: int | None
        link = self.link

        channel: int | None
        channel = self.channel

        estimated_commission = self.estimated_commission

        settled_commission = self.settled_commission

        invalid_reason: None | str
        if isinstance(self.invalid_reason, InvalidReasonEnum):
            invalid_reason = self.invalid_reason.value
        else:
            invalid_reason = self.invalid_reason

        invalid_reason_display = self.invalid_reason_display

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        merchant_name = self.merchant_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "shape": shape,
                "id": id,
                "merchant": merchant,
                "order_id": order_id,
                "status": status,
                "paid_at": paid_at,
                "completed_at": completed_at,
                "amount": amount,
                "refunded_amount": refunded_amount,
                "currency": currency,
                "attribution": attribution,
                "promoter": promoter,
                "link": link,
                "channel": channel,
                "estimated_commission": estimated_commission,
                "settled_commission": settled_commission,
                "invalid_reason": invalid_reason,
                "invalid_reason_display": invalid_reason_display,
                "created_at": created_at,
                "updated_at": updated_at,
                "merchant_name": merchant_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        shape = PromoterShapeEnum(d.pop("shape"))

        id = d.pop("id")

        merchant = d.pop("merchant")

        order_id = d.pop("order_id")

        status = OrderStatusEnum(d.pop("status"))

        paid_at = datetime.datetime.fromisoformat(d.pop("paid_at"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        amount = d.pop("amount")

        refunded_amount = d.pop("refunded_amount")

        currency = d.pop("currency")

        attribution = AttributionEnum(d.pop("attribution"))

        def _parse_promoter(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        promoter = _parse_promoter(d.pop("promoter"))

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

        estimated_commission = d.pop("estimated_commission")

        settled_commission = d.pop("settled_commission")

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

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        merchant_name = d.pop("merchant_name")

        promoter_order = cls(
            shape=shape,
            id=id,
            merchant=merchant,
            order_id=order_id,
            status=status,
            paid_at=paid_at,
            completed_at=completed_at,
            amount=amount,
            refunded_amount=refunded_amount,
            currency=currency,
            attribution=attribution,
            promoter=promoter,
            link=link,
            channel=channel,
            estimated_commission=estimated_commission,
            settled_commission=settled_commission,
            invalid_reason=invalid_reason,
            invalid_reason_display=invalid_reason_display,
            created_at=created_at,
            updated_at=updated_at,
            merchant_name=merchant_name,
        )

        promoter_order.additional_properties = d
        return promoter_order

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
