from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.balance_entry_kind_enum import BalanceEntryKindEnum

T = TypeVar("T", bound="BalanceEntry")


@_attrs_define
class BalanceEntry:
    """One movement of the available balance.

    Attributes:
        id (int):
        created_at (datetime.datetime):
        kind (BalanceEntryKindEnum): * `settlement` - Settlement
            * `adjustment` - Adjustment after settlement
            * `payout` - Payout
            * `statement_payment` - Statement payment
        amount (str):
        currency (str):
        commission (int | None):
        payout (int | None):
    """

    id: int
    created_at: datetime.datetime
    kind: BalanceEntryKindEnum
    amount: str
    currency: str
    commission: int | None
    payout: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        created_at = self.created_at.isoformat()

        kind = self.kind.value

        amount = self.amount

        currency = self.currency

        commission: int | None
        commission = self.commission

        payout: int | None
        payout = self.payout

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created_at": created_at,
                "kind": kind,
                "amount": amount,
                "currency": currency,
                "commission": commission,
                "payout": payout,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        kind = BalanceEntryKindEnum(d.pop("kind"))

        amount = d.pop("amount")

        currency = d.pop("currency")

        def _parse_commission(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        commission = _parse_commission(d.pop("commission"))

        def _parse_payout(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        payout = _parse_payout(d.pop("payout"))

        balance_entry = cls(
            id=id,
            created_at=created_at,
            kind=kind,
            amount=amount,
            currency=currency,
            commission=commission,
            payout=payout,
        )

        balance_entry.additional_properties = d
        return balance_entry

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
