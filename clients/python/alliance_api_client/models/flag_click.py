from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FlagClick")


@_attrs_define
class FlagClick:
    """
    Attributes:
        id (UUID):
        created_at (datetime.datetime):
        link (int):
        link_code (str):
        ip_hash (str):
        net_hash (str):
        referer (str):
        user_agent (str):
        is_unique (bool):
        is_bot (bool):
        is_suspicious (bool):
        suspicion (str):
    """

    id: UUID
    created_at: datetime.datetime
    link: int
    link_code: str
    ip_hash: str
    net_hash: str
    referer: str
    user_agent: str
    is_unique: bool
    is_bot: bool
    is_suspicious: bool
    suspicion: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        created_at = self.created_at.isoformat()

        link = self.link

        link_code = self.link_code

        ip_hash = self.ip_hash

        net_hash = self.net_hash

        referer = self.referer

        user_agent = self.user_agent

        is_unique = self.is_unique

        is_bot = self.is_bot

        is_suspicious = self.is_suspicious

        suspicion = self.suspicion

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created_at": created_at,
                "link": link,
                "link_code": link_code,
                "ip_hash": ip_hash,
                "net_hash": net_hash,
                "referer": referer,
                "user_agent": user_agent,
                "is_unique": is_unique,
                "is_bot": is_bot,
                "is_suspicious": is_suspicious,
                "suspicion": suspicion,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        link = d.pop("link")

        link_code = d.pop("link_code")

        ip_hash = d.pop("ip_hash")

        net_hash = d.pop("net_hash")

        referer = d.pop("referer")

        user_agent = d.pop("user_agent")

        is_unique = d.pop("is_unique")

        is_bot = d.pop("is_bot")

        is_suspicious = d.pop("is_suspicious")

        suspicion = d.pop("suspicion")

        flag_click = cls(
            id=id,
            created_at=created_at,
            link=link,
            link_code=link_code,
            ip_hash=ip_hash,
            net_hash=net_hash,
            referer=referer,
            user_agent=user_agent,
            is_unique=is_unique,
            is_bot=is_bot,
            is_suspicious=is_suspicious,
            suspicion=suspicion,
        )

        flag_click.additional_properties = d
        return flag_click

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
