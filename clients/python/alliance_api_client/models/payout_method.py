from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payout_method_kind_enum import PayoutMethodKindEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PayoutMethod")


@_attrs_define
class PayoutMethod:
    """A payout method. The account is write-only in full and always read back masked.

    Attributes:
        id (int):
        promoter (int):
        kind (PayoutMethodKindEnum): * `alipay` - Alipay
            * `bank` - Bank account
        account_name (str): The holder's real name.
        account_masked (str):
        is_active (bool):  Default: True.
        created_at (datetime.datetime):
        bank_name (str | Unset):  Default: ''.
        is_default (bool | Unset):  Default: False.
    """

    id: int
    promoter: int
    kind: PayoutMethodKindEnum
    account_name: str
    account_masked: str
    created_at: datetime.datetime
    is_active: bool = True
    bank_name: str | Unset = ""
    is_default: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        promoter = self.promoter

        kind = self.kind.value

        account_name = self.account_name

        account_masked = self.account_masked

        is_active = self.is_active

        created_at = self.created_at.isoformat()

        bank_name = self.bank_name

        is_default = self.is_default

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "promoter": promoter,
                "kind": kind,
                "account_name": account_name,
                "account_masked": account_masked,
                "is_active": is_active,
                "created_at": created_at,
            }
        )
        if bank_name is not UNSET:
            field_dict["bank_name"] = bank_name
        if is_default is not UNSET:
            field_dict["is_default"] = is_default

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        promoter = d.pop("promoter")

        kind = PayoutMethodKindEnum(d.pop("kind"))

        account_name = d.pop("account_name")

        account_masked = d.pop("account_masked")

        is_active = d.pop("is_active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        bank_name = d.pop("bank_name", UNSET)

        is_default = d.pop("is_default", UNSET)

        payout_method = cls(
            id=id,
            promoter=promoter,
            kind=kind,
            account_name=account_name,
            account_masked=account_masked,
            is_active=is_active,
            created_at=created_at,
            bank_name=bank_name,
            is_default=is_default,
        )

        payout_method.additional_properties = d
        return payout_method

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
