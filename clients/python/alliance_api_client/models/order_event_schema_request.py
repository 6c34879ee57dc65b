from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.order_event_type_enum import OrderEventTypeEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_item_schema_request import OrderItemSchemaRequest


T = TypeVar("T", bound="OrderEventSchemaRequest")


@_attrs_define
class OrderEventSchemaRequest:
    """One order event: the full snapshot of the order (docs/webhooks.md).

    Attributes:
        type_ (OrderEventTypeEnum): * `order.paid` - Paid
            * `order.completed` - Completed
            * `order.refunded` - Refunded
            * `order.cancelled` - Cancelled
        order_id (int | str): The store's order id, as a string or a whole number.
        occurred_at (datetime.datetime):
        paid_at (datetime.datetime):
        items (list[OrderItemSchemaRequest]):
        completed_at (datetime.datetime | None | Unset):
        click_id (None | str | Unset):  Default: ''.
        coupon_code (None | str | Unset):  Default: ''.
        customer_id (None | str | Unset):  Default: ''.
        buyer_contact_hash (None | str | Unset): SHA-256, in hex, of the buyer's normalised phone (digits with the
            country code, 8613800138000) or email (trimmed, lowercased); stored lowercased.
        device_id (None | str | Unset): The store's opaque id of the buyer's device: 1 to 64 visible ASCII characters.
    """

    type_: OrderEventTypeEnum
    order_id: int | str
    occurred_at: datetime.datetime
    paid_at: datetime.datetime
    items: list[OrderItemSchemaRequest]
    completed_at: datetime.datetime | None | Unset = UNSET
    click_id: None | str | Unset = ""
    coupon_code: None | str | Unset = ""
    customer_id: None | str | Unset = ""
    buyer_contact_hash: None | str | Unset = UNSET
    device_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        order_id: int | str
        order_id = self.order_id

        occurred_at = self.occurred_at.isoformat()

        paid_at = self.paid_at.isoformat()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        elif isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        click_id: None | str | Unset
        if isinstance(self.click_id, Unset):
            click_id = UNSET
        else:
            click_id = self.click_id

        coupon_code: None | str | Unset
        if isinstance(self.coupon_code, Unset):
            coupon_code = UNSET
        else:
            coupon_code = self.coupon_code

        customer_id: None | str | Unset
        if isinstance(self.customer_id, Unset):
            customer_id = UNSET
        else:
            customer_id = self.customer_id

        buyer_contact_hash: None | str | Unset
        if isinstance(self.buyer_contact_hash, Unset):
            buyer_contact_hash = UNSET
        else:
            buyer_contact_hash = self.buyer_contact_hash

        device_id: None | str | Unset
        if isinstance(self.device_id, Unset):
            device_id = UNSET
        else:
            device_id = self.device_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "order_id": order_id,
                "occurred_at": occurred_at,
                "paid_at": paid_at,
                "items": items,
            }
        )
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if click_id is not UNSET:
            field_dict["click_id"] = click_id
        if coupon_code is not UNSET:
            field_dict["coupon_code"] = coupon_code
        if customer_id is not UNSET:
            field_dict["customer_id"] = customer_id
        if buyer_contact_hash is not UNSET:
            field_dict["buyer_contact_hash"] = buyer_contact_hash
        if device_id is not UNSET:
            field_dict["device_id"] = device_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order_item_schema_request import OrderItemSchemaRequest  # noqa: PLC0415

        d = dict(src_dict)
        type_ = OrderEventTypeEnum(d.pop("type"))

        def _parse_order_id(data: object) -> int | str:
            return cast(int | str, data)

        order_id = _parse_order_id(d.pop("order_id"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        paid_at = datetime.datetime.fromisoformat(d.pop("paid_at"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = OrderItemSchemaRequest.from_dict(items_item_data)

            items.append(items_item)

        def _parse_completed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))

        def _parse_click_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        click_id = _parse_click_id(d.pop("click_id", UNSET))

        def _parse_coupon_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        coupon_code = _parse_coupon_code(d.pop("coupon_code", UNSET))

        def _parse_customer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer_id = _parse_customer_id(d.pop("customer_id", UNSET))

        def _parse_buyer_contact_hash(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        buyer_contact_hash = _parse_buyer_contact_hash(d.pop("buyer_contact_hash", UNSET))

        def _parse_device_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        device_id = _parse_device_id(d.pop("device_id", UNSET))

        order_event_schema_request = cls(
            type_=type_,
            order_id=order_id,
            occurred_at=occurred_at,
            paid_at=paid_at,
            items=items,
            completed_at=completed_at,
            click_id=click_id,
            coupon_code=coupon_code,
            customer_id=customer_id,
            buyer_contact_hash=buyer_contact_hash,
            device_id=device_id,
        )

        order_event_schema_request.additional_properties = d
        return order_event_schema_request

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
