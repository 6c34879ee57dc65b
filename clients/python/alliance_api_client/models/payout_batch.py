from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payout_method_kind_enum import PayoutMethodKindEnum

T = TypeVar("T", bound="PayoutBatch")


@_attrs_define
class PayoutBatch:
    """
    Attributes:
        id (int):
        kind (PayoutMethodKindEnum): * `alipay` - Alipay
            * `bank` - Bank account
        count (int):
        total (str):
        currency (str):
        created_at (datetime.datetime):
        created_by (None | str):
    """

    id: int
    kind: PayoutMethodKindEnum
    count: int
    total: str
    currency: str
    created_at: datetime.datetime
    created_by: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        count = self.count

        total = self.total

        currency = self.currency

        created_at = self.created_at.isoformat()

        created_by: None | str
        created_by = self.created_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "count": count,
                "total": total,
                "currency": currency,
                "created_at": created_at,
                "created_by": created_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        kind = PayoutMethodKindEnum(d.pop("kind"))

        count = d.pop("count")

        total = d.pop("total")

        currency = d.pop("currency")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        payout_batch = cls(
            id=id,
            kind=kind,
            count=count,
            total=total,
            currency=currency,
            created_at=created_at,
            created_by=created_by,
        )

        payout_batch.additional_properties = d
        return payout_batch

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
