from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_status_enum import ReviewStatusEnum

T = TypeVar("T", bound="StoreDomain")


@_attrs_define
class StoreDomain:
    """A domain the merchant sells on and its review. Only `host` is written, when declaring.

    Attributes:
        id (int):
        merchant (int):
        merchant_name (str):
        host (str): A domain name only (shop.example.com), stored lowercase and IDNA-encoded. It covers itself and every
            name under it once an admin approves it.
        status (ReviewStatusEnum): * `pending` - Pending review
            * `approved` - Approved
            * `rejected` - Rejected
            * `suspended` - Suspended
        review_reason (str):
        reviewed_at (datetime.datetime | None):
        created_at (datetime.datetime):
    """

    id: int
    merchant: int
    merchant_name: str
    host: str
    status: ReviewStatusEnum
    review_reason: str
    reviewed_at: datetime.datetime | None
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        merchant = self.merchant

        merchant_name = self.merchant_name

        host = self.host

        status = self.status.value

        review_reason = self.review_reason

        reviewed_at: None | str
        if isinstance(self.reviewed_at, datetime.datetime):
            reviewed_at = self.reviewed_at.isoformat()
        else:
            reviewed_at = self.reviewed_at

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "merchant": merchant,
                "merchant_name": merchant_name,
                "host": host,
                "status": status,
                "review_reason": review_reason,
                "reviewed_at": reviewed_at,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        merchant = d.pop("merchant")

        merchant_name = d.pop("merchant_name")

        host = d.pop("host")

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

        store_domain = cls(
            id=id,
            merchant=merchant,
            merchant_name=merchant_name,
            host=host,
            status=status,
            review_reason=review_reason,
            reviewed_at=reviewed_at,
            created_at=created_at,
        )

        store_domain.additional_properties = d
        return store_domain

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
