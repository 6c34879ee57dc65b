from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AuditLog")


@_attrs_define
class AuditLog:
    """
    Attributes:
        id (int):
        created_at (datetime.datetime):
        actor (int | None):
        actor_username (None | str):
        action (str):
        target_type (str):
        target_id (str):
        data (Any):
    """

    id: int
    created_at: datetime.datetime
    actor: int | None
    actor_username: None | str
    action: str
    target_type: str
    target_id: str
    data: Any
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        created_at = self.created_at.isoformat()

        actor: int | None
        actor = self.actor

        actor_username: None | str
        actor_username = self.actor_username

        action = self.action

        target_type = self.target_type

        target_id = self.target_id

        data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created_at": created_at,
                "actor": actor,
                "actor_username": actor_username,
                "action": action,
                "target_type": target_type,
                "target_id": target_id,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_actor(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        actor = _parse_actor(d.pop("actor"))

        def _parse_actor_username(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_username = _parse_actor_username(d.pop("actor_username"))

        action = d.pop("action")

        target_type = d.pop("target_type")

        target_id = d.pop("target_id")

        data = d.pop("data")

        audit_log = cls(
            id=id,
            created_at=created_at,
            actor=actor,
            actor_username=actor_username,
            action=action,
            target_type=target_type,
            target_id=target_id,
            data=data,
        )

        audit_log.additional_properties = d
        return audit_log

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
