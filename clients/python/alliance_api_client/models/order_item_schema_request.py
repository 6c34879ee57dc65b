from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderItemSchemaRequest")


@_attrs_define
class OrderItemSchemaRequest:
    """
    Attributes:
        sku (str):
        quantity (int):
        amount (float | str): An amount, as a string ("129.50") or a number (129.5).
        refunded_amount (float | str | Unset): An amount, as a string ("129.50") or a number (129.5). Default: '0.00'.
    """

    sku: str
    quantity: int
    amount: float | str
    refunded_amount: float | str | Unset = "0.00"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sku = self.sku

        quantity = self.quantity

        amount: float | str
        amount = self.amount

        refunded_amount: float | str | Unset
        if isinstance(self.refunded_amount, Unset):
            refunded_amount = UNSET
        else:
            refunded_amount = self.refunded_amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sku": sku,
                "quantity": quantity,
                "amount": amount,
            }
        )
        if refunded_amount is not UNSET:
            field_dict["refunded_amount"] = refunded_amount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sku = d.pop("sku")

        quantity = d.pop("quantity")

        def _parse_amount(data: object) -> float | str:
            return cast(float | str, data)

        amount = _parse_amount(d.pop("amount"))

        def _parse_refunded_amount(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        refunded_amount = _parse_refunded_amount(d.pop("refunded_amount", UNSET))

        order_item_schema_request = cls(
            sku=sku,
            quantity=quantity,
            amount=amount,
            refunded_amount=refunded_amount,
        )

        order_item_schema_request.additional_properties = d
        return order_item_schema_request

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
