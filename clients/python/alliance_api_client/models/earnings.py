from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Earnings")


@_attrs_define
class Earnings:
    """
    Attributes:
        currency (str):
        estimated (str):
        confirmed (str):
        settled (str):
        paid (str):
        available_balance (str):
    """

    currency: str
    estimated: str
    confirmed: str
    settled: str
    paid: str
    available_balance: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        estimated = self.estimated

        confirmed = self.confirmed

        settled = self.settled

        paid = self.paid

        available_balance = self.available_balance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "estimated": estimated,
                "confirmed": confirmed,
                "settled": settled,
                "paid": paid,
                "available_balance": available_balance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        currency = d.pop("currency")

        estimated = d.pop("estimated")

        confirmed = d.pop("confirmed")

        settled = d.pop("settled")

        paid = d.pop("paid")

        available_balance = d.pop("available_balance")

        earnings = cls(
            currency=currency,
            estimated=estimated,
            confirmed=confirmed,
            settled=settled,
            paid=paid,
            available_balance=available_balance,
        )

        earnings.additional_properties = d
        return earnings

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
