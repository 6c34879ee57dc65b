from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.order_event_source_enum import OrderEventSourceEnum
from ..models.order_event_status_enum import OrderEventStatusEnum
from ..models.order_event_type_enum import OrderEventTypeEnum

T = TypeVar("T", bound="OrderEvent")


@_attrs_define
class OrderEvent:
    """
    Attributes:
        id (int):
        webhook_id (str):
        source (OrderEventSourceEnum): * `webhook` - Webhook
            * `backfill` - Backfill upload
        type_ (OrderEventTypeEnum): * `order.paid` - Paid
            * `order.completed` - Completed
            * `order.refunded` - Refunded
            * `order.cancelled` - Cancelled
        order_id (str):
        occurred_at (datetime.datetime):
        status (OrderEventStatusEnum): * `pending` - Waiting to be applied
            * `applied` - Applied
            * `failed` - Failed
        error (str):
        received_at (datetime.datetime):
        applied_at (datetime.datetime | None):
    """

    id: int
    webhook_id: str
    source: OrderEventSourceEnum
    type_: OrderEventTypeEnum
    order_id: str
    occurred_at: datetime.datetime
    status: OrderEventStatusEnum
    error: str
    received_at: datetime.datetime
    applied_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        webhook_id = self.webhook_id

        source = self.source.value

        type_ = self.type_.value

        order_id = self.order_id

        occurred_at = self.occurred_at.isoformat()

        status = self.status.value

        error = self.error

        received_at = self.received_at.isoformat()

        applied_at: None | str
        if isinstance(self.applied_at, datetime.datetime):
            applied_at = self.applied_at.isoformat()
        else:
            applied_at = self.applied_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "webhook_id": webhook_id,
                "source": source,
                "type": type_,
                "order_id": order_id,
                "occurred_at": occurred_at,
                "status": status,
                "error": error,
                "received_at": received_at,
                "applied_at": applied_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        webhook_id = d.pop("webhook_id")

        source = OrderEventSourceEnum(d.pop("source"))

        type_ = OrderEventTypeEnum(d.pop("type"))

        order_id = d.pop("order_id")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        status = OrderEventStatusEnum(d.pop("status"))

        error = d.pop("error")

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        def _parse_applied_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                applied_at_type_0 = datetime.datetime.fromisoformat(data)

                return applied_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        applied_at = _parse_applied_at(d.pop("applied_at"))

        order_event = cls(
            id=id,
            webhook_id=webhook_id,
            source=source,
            type_=type_,
            order_id=order_id,
            occurred_at=occurred_at,
            status=status,
            error=error,
            received_at=received_at,
            applied_at=applied_at,
        )

        order_event.additional_properties = d
        return order_event

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
