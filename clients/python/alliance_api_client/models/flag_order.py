from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.order_status_enum import OrderStatusEnum

T = TypeVar("T", bound="FlagOrder")


@_attrs_define
class FlagOrder:
    """
    Attributes:
        id (int):
        order_id (str):
        merchant (int):
        status (OrderStatusEnum): * `paid` - Paid
            * `completed` - Completed
            * `refunded` - Refunded
            * `cancelled` - Cancelled
        amount (str):
        refunded_amount (str):
        currency (str):
        paid_at (datetime.datetime):
        click_id (str):
        customer_id (str):
    """

    id: int
    order_id: str
    merchant: int
    status: OrderStatusEnum
    amount: str
    refunded_amount: str
    currency: str
    paid_at: datetime.datetime
    click_id: str
    customer_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        order_id = self.order_id

        merchant = self.merchant

        status = self.status.value

        amount = self.amount

        refunded_amount = self.refunded_amount

        currency = self.currency

        paid_at = self.paid_at.isoformat()

        click_id = self.click_id

        customer_id = self.customer_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "order_id": order_id,
                "merchant": merchant,
                "status": status,
                "amount": amount,
                "refunded_amount": refunded_amount,
                "currency": currency,
                "paid_at": paid_at,
                "click_id": click_id,
                "customer_id": customer_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        order_id = d.pop("order_id")

        merchant = d.pop("merchant")

        status = OrderStatusEnum(d.pop("status"))

        amount = d.pop("amount")

        refunded_amount = d.pop("refunded_amount")

        currency = d.pop("currency")

        paid_at = datetime.datetime.fromisoformat(d.pop("paid_at"))

        click_id = d.pop("click_id")

        customer_id = d.pop("customer_id")

        flag_order = cls(
            id=id,
            order_id=order_id,
            merchant=merchant,
            status=status,
            amount=amount,
            refunded_amount=refunded_amount,
            currency=currency,
            paid_at=paid_at,
            click_id=click_id,
            customer_id=customer_id,
        )

        flag_order.additional_properties = d
        return flag_order

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
