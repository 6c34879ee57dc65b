from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.member_shape_enum import MemberShapeEnum
from ..models.review_status_enum import ReviewStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="MerchantMember")


@_attrs_define
class MerchantMember:
    """A merchant as its members and the platform's admins see it: its settings and review.

    Attributes:
        shape (MemberShapeEnum): * `member` - member
        id (int):
        name (str):
        store_url (str):
        status (ReviewStatusEnum): * `pending` - Pending review
            * `approved` - Approved
            * `rejected` - Rejected
            * `suspended` - Suspended
        review_reason (str):
        reviewed_at (datetime.datetime | None):
        created_at (datetime.datetime):
        platform_fee_rate (str):
        upline_rate_level1 (str):
        upline_rate_level2 (str):
        default_commission_rate (str | Unset):
        attribution_window_days (int | Unset):
        hold_days (int | Unset):
        customer_binding_days (int | Unset):
        click_param (str | Unset): Query parameter that carries the click id to the store.
        allow_self_purchase (bool | Unset):
    """

    shape: MemberShapeEnum
    id: int
    name: str
    store_url: str
    status: ReviewStatusEnum
    review_reason: str
    reviewed_at: datetime.datetime | None
    created_at: datetime.datetime
    platform_fee_rate: str
    upline_rate_level1: str
    upline_rate_level2: str
    default_commission_rate: str | Unset = UNSET
    attribution_window_days: int | Unset = UNSET
    hold_days: int | Unset = UNSET
    customer_binding_days: int | Unset = UNSET
    click_param: str | Unset = UNSET
    allow_self_purchase: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        shape = self.shape.value

        id = self.id

        name = self.name

        store_url = self.store_url

        status = self.status.value

        review_reason = self.review_reason

        reviewed_at: None | str
        if isinstance(self.reviewed_at, datetime.datetime):
            reviewed_at = self.reviewed_at.isoformat()
        else:
            reviewed_at = self.reviewed_at

        created_at = self.created_at.isoformat()

        platform_fee_rate = self.platform_fee_rate

        upline_rate_level1 = self.upline_rate_level1

        upline_rate_level2 = self.upline_rate_level2

        default_commission_rate = self.default_commission_rate

        attribution_window_days = self.attribution_window_days

        hold_days = self.hold_days

        customer_binding_days = self.customer_binding_days

        click_param = self.click_param

        allow_self_purchase = self.allow_self_purchase

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "shape": shape,
                "id": id,
                "name": name,
                "store_url": store_url,
                "status": status,
                "review_reason": review_reason,
                "reviewed_at": reviewed_at,
                "created_at": created_at,
                "platform_fee_rate": platform_fee_rate,
                "upline_rate_level1": upline_rate_level1,
                "upline_rate_level2": upline_rate_level2,
            }
        )
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
        shape = MemberShapeEnum(d.pop("shape"))

        id = d.pop("id")

        name = d.pop("name")

        store_url = d.pop("store_url")

        status = ReviewStatusEnum(d.pop("status"))

        review_reason = d.pop("review_reason")

        def _parse_reviewed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reviewed_at_type_0 = datetime.datetime.fromisoformat(data)

                return reviewed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        reviewed_at = _parse_reviewed_at(d.pop("reviewed_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        platform_fee_rate = d.pop("platform_fee_rate")

        upline_rate_level1 = d.pop("upline_rate_level1")

        upline_rate_level2 = d.pop("upline_rate_level2")

        default_commission_rate = d.pop("default_commission_rate", UNSET)

        attribution_window_days = d.pop("attribution_window_days", UNSET)

        hold_days = d.pop("hold_days", UNSET)

        customer_binding_days = d.pop("customer_binding_days", UNSET)

        click_param = d.pop("click_param", UNSET)

        allow_self_purchase = d.pop("allow_self_purchase", UNSET)

        merchant_member = cls(
            shape=shape,
            id=id,
            name=name,
            store_url=store_url,
            status=status,
            review_reason=review_reason,
            reviewed_at=reviewed_at,
            created_at=created_at,
            platform_fee_rate=platform_fee_rate,
            upline_rate_level1=upline_rate_level1,
            upline_rate_level2=upline_rate_level2,
            default_commission_rate=default_commission_rate,
            attribution_window_days=attribution_window_days,
            hold_days=hold_days,
            customer_binding_days=customer_binding_days,
            click_param=click_param,
            allow_self_purchase=allow_self_purchase,
        )

        merchant_member.additional_properties = d
        return merchant_member

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
