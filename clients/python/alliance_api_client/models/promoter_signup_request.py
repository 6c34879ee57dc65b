from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.platforms_enum import PlatformsEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PromoterSignupRequest")


@_attrs_define
class PromoterSignupRequest:
    """
    Attributes:
        username (str):
        password (str):
        display_name (str):
        email (str | Unset):
        invite_code (str | Unset):  Default: ''.
        platforms (list[PlatformsEnum] | Unset):
        fans_count (int | Unset):  Default: 0.
        audience_tags (list[str] | Unset):
    """

    username: str
    password: str
    display_name: str
    email: str | Unset = UNSET
    invite_code: str | Unset = ""
    platforms: list[PlatformsEnum] | Unset = UNSET
    fans_count: int | Unset = 0
    audience_tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        password = self.password

        display_name = self.display_name

        email: str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        invite_code = self.invite_code

        platforms: list[str] | Unset = UNSET
        if not isinstance(self.platforms, Unset):
            platforms = []
            for platforms_item_data in self.platforms:
                platforms_item = platforms_item_data.value
                platforms.append(platforms_item)

        fans_count = self.fans_count

        audience_tags: list[str] | Unset = UNSET
        if not isinstance(self.audience_tags, Unset):
            audience_tags = self.audience_tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "username": username,
                "password": password,
                "display_name": display_name,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if invite_code is not UNSET:
            field_dict["invite_code"] = invite_code
        if platforms is not UNSET:
            field_dict["platforms"] = platforms
        if fans_count is not UNSET:
            field_dict["fans_count"] = fans_count
        if audience_tags is not UNSET:
            field_dict["audience_tags"] = audience_tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        username = d.pop("username")

        password = d.pop("password")

        display_name = d.pop("display_name")

        def _parse_email(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        invite_code = d.pop("invite_code", UNSET)

        _platforms = d.pop("platforms", UNSET)
        platforms: list[PlatformsEnum] | Unset = UNSET
        if _platforms is not UNSET:
            platforms = []
            for platforms_item_data in _platforms:
                platforms_item = PlatformsEnum(platforms_item_data)

                platforms.append(platforms_item)

        fans_count = d.pop("fans_count", UNSET)

        audience_tags = cast(list[str], d.pop("audience_tags", UNSET))

        promoter_signup_request = cls(
            username=username,
            password=password,
            display_name=display_name,
            email=email,
            invite_code=invite_code,
            platforms=platforms,
            fans_count=fans_count,
            audience_tags=audience_tags,
        )

        promoter_signup_request.additional_properties = d
        return promoter_signup_request

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
