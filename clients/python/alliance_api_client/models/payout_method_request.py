from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payout_method_kind_enum import PayoutMethodKindEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PayoutMethodRequest")


@_attrs_define
class PayoutMethodRequest:
    """A payout method. The account is write-only in full and always read back masked.

    Attributes:
        kind (PayoutMethodKindEnum): * `alipay` - Alipay
            * `bank` - Bank account
        account_name (str): The holder's real name.
        account (str): Alipay: an email or a mainland mobile number; bank: 12-19 digits.
        bank_name (str | Unset):  Default: ''.
        is_default (bool | Unset):  Default: False.
    """

    kind: PayoutMethodKindEnum
    account_name: str
    account: str
    bank_name: str | Unset = ""
    is_default: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        account_name = self.account_name

        account = self.account

        bank_name = self.bank_name

        is_default = self.is_default

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "account_name": account_name,
                "account": account,
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
        kind = PayoutMethodKindEnum(d.pop("kind"))

        account_name = d.pop("account_name")

        account = d.pop("account")

        bank_name = d.pop("bank_name", UNSET)

        is_default = d.pop("is_default", UNSET)

        payout_method_request = cls(
            kind=kind,
            account_name=account_name,
            account=account,
            bank_name=bank_name,
            is_default=is_default,
        )

        payout_method_request.additional_properties = d
        return payout_method_request

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
