from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Click")


@_attrs_define
class Click:
    """
    Attributes:
        id (UUID):
        link (int):
        link_code (str):
        created_at (datetime.datetime):
        sub_id (str):
        referer (str):
        user_agent (str):
        is_unique (bool):
        is_unique_checked (bool):
        is_bot (bool):
        is_suspicious (bool):
        suspicion (str):
    """

    id: UUID
    link: int
    link_code: str
    created_at: datetime.datetime
    sub_id: str
    referer: str
    user_agent: str
    is_unique: bool
    is_unique_checked: bool
    is_bot: bool
    is_suspicious: bool
    suspicion: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        link = self.link

        link_code = self.link_code

        created_at = self.created_at.isoformat()

        sub_id = self.sub_id

        referer = self.referer

        user_agent = self.user_agent

        is_unique = self.is_unique

        is_unique_checked = self.is_unique_checked

        is_bot = self.is_bot

        is_suspicious = self.is_suspicious

        suspicion = self.suspicion

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "link": link,
                "link_code": link_code,
                "created_at": created_at,
                "sub_id": sub_id,
                "referer": referer,
                "user_agent": user_agent,
                "is_unique": is_unique,
                "is_unique_checked": is_unique_checked,
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

        link = d.pop("link")

        link_code = d.pop("link_code")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        sub_id = d.pop("sub_id")

        referer = d.pop("referer")

        user_agent = d.pop("user_agent")

        is_unique = d.pop("is_unique")

        is_unique_checked = d.pop("is_unique_checked")

        is_bot = d.pop("is_bot")

        is_suspicious = d.pop("is_suspicious")

        suspicion = d.pop("suspicion")

        click = cls(
            id=id,
            link=link,
            link_code=link_code,
            created_at=created_at,
            sub_id=sub_id,
            referer=referer,
            user_agent=user_agent,
            is_unique=is_unique,
            is_unique_checked=is_unique_checked,
            is_bot=is_bot,
            is_suspicious=is_suspicious,
            suspicion=suspicion,
        )

        click.additional_properties = d
        return click

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
