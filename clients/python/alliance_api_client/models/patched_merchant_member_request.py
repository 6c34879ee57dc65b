from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedMerchantMemberRequest")


@_attrs_define
class PatchedMerchantMemberRequest:
    """A merchant as its members and the platform's admins see it: its settings and review.

    Attributes:
        name (str | Unset):
        store_url (str | Unset):
        default_commission_rate (str | Unset):
        attribution_window_days (int | Unset):
        hold_days (int | Unset):
        customer_binding_days (int | Unset):
        click_param (str | Unset): Query parameter that carries the click id to the store.
        allow_self_purchase (bool | Unset):
    """

    name: str | Unset = UNSET
    store_url: str | Unset = UNSET
    default_commission_rate: str | Unset = UNSET
    attribution_window_days: int | Unset = UNSET
    hold_days: int | Unset = UNSET
    customer_binding_days: int | Unset = UNSET
    click_param: str | Unset = UNSET
    allow_self_purchase: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        store_url = self.store_url

        default_commission_rate = self.default_commission_rate

        attribution_window_days = self.attribution_window_days

        hold_days = self.hold_days

        customer_binding_days = self.customer_binding_days

        click_param = self.click_param

        allow_self_purchase = self.allow_self_purchase

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if store_url is not UNSET:
            field_dict["store_url"] = store_url
        if default_commission_rate is not UNSET:
            field_dict["default_commission_rate"] = default_commission_rate
        if attribution_window_days is not UNSET:
            field_dict["attribution_window_days"] = attribution_window_days
        if hold_days is not UNSET:
            field_dict["hold_days"] = hold_days
        if customer_binding_days is not UNSET:
            field_dict["customer_binding_days"] = customer_binding_days
        if click_param is not UNSET:
            field_dict["click_param"] = click_param
        if allow_self_purchase is not UNSET:
            field_dict["allow_self_purchase"] = allow_self_purchase

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        store_url = d.pop("store_url", UNSET)

        default_commission_rate = d.pop("default_commission_rate", UNSET)

        attribution_window_days = d.pop("attribution_window_days", UNSET)

        hold_days = d.pop("hold_days", UNSET)

        customer_binding_days = d.pop("customer_binding_days", UNSET)

        click_param = d.pop("click_param", UNSET)

        allow_self_purchase = d.pop("allow_self_purchase", UNSET)

        patched_merchant_member_request = cls(
            name=name,
            store_url=store_url,
            default_commission_rate=default_commission_rate,
            attribution_window_days=attribution_window_days,
            hold_days=hold_days,
            customer_binding_days=customer_binding_days,
            click_param=click_param,
            allow_self_purchase=allow_self_purchase,
        )

        patched_merchant_member_request.additional_properties = d
        return patched_merchant_member_request

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
