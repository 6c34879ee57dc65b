from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel_kind_enum import ChannelKindEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="ChannelRequest")


@_attrs_define
class ChannelRequest:
    """
    Attributes:
        name (str):
        kind (ChannelKindEnum | Unset): * `wechat_group` - WeChat group
            * `wechat_moments` - WeChat Moments
            * `douyin` - Douyin
            * `xiaohongshu` - Xiaohongshu
            * `weibo` - Weibo
            * `blog` - Blog or website
            * `other` - Other
    """

    name: str
    kind: ChannelKindEnum | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        _kind = d.pop("kind", UNSET)
        kind: ChannelKindEnum | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = ChannelKindEnum(_kind)

        channel_request = cls(
            name=name,
            kind=kind,
        )

        channel_request.additional_properties = d
        return channel_request

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
