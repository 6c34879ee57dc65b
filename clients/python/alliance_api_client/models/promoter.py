from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.platforms_enum import PlatformsEnum
from ..models.review_status_enum import ReviewStatusEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.upline import Upline


T = TypeVar("T", bound="Promoter")


@_attrs_define
class Promoter:
    """A promoter's own profile (and what admins see).

    Attributes:
        id (int):
        username (str):
        display_name (str):
        invite_code (str):
        upline (None | Upline):
        status (ReviewStatusEnum): * `pending` - Pending review
            * `approved` - Approved
            * `rejected` - Rejected
            * `suspended` - Suspended
        review_reason (str):
        reviewed_at (datetime.datetime | None):
        created_at (datetime.datetime):
        bio (str | Unset):
        platforms (list[PlatformsEnum] | Unset):
        fans_count (int | Unset):
        audience_tags (list[str] | Unset):
    """

    id: int
    username: str
    display_name: str
    invite_code: str
    upline: None | Upline
    status: ReviewStatusEnum
    review_reason: str
    reviewed_at: datetime.datetime | None
    created_at: datetime.datetime
    bio: str | Unset = UNSET
    platforms: list[PlatformsEnum] | Unset = UNSET
    fans_count: int | Unset = UNSET
    audience_tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.upline import Upline  # noqa: PLC0415

        id = self.id

        username = self.username

        display_name = self.display_name

        invite_code = self.invite_code

        upline: dict[str, Any] | None
        if isinstance(self.upline, Upline):
            upline = self.upline.to_dict()
        else:
            upline = self.upline

        status = self.status.value

        review_reason = self.review_reason

        reviewed_at: None | str
        if isinstance(self.reviewed_at, datetime.datetime):
            reviewed_at = self.reviewed_at.isoformat()
        else:
            reviewed_at = self.reviewed_at

        created_at = self.created_at.isoformat()

        bio = self.bio

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
                "id": id,
                "username": username,
                "display_name": display_name,
                "invite_code": invite_code,
                "upline": upline,
                "status": status,
                "review_reason": review_reason,
                "reviewed_at": reviewed_at,
                "created_at": created_at,
            }
        )
        if bio is not UNSET:
            field_dict["bio"] = bio
        if platforms is not UNSET:
            field_dict["platforms"] = platforms
        if fans_count is not UNSET:
            field_dict["fans_count"] = fans_count
        if audience_tags is not UNSET:
            field_dict["audience_tags"] = audience_tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.upline import Upline  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        username = d.pop("username")

        display_name = d.pop("display_name")

        invite_code = d.pop("invite_code")

        def _parse_upline(data: object) -> None | Upline:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                upline_type_1 = Upline.from_dict(data)

                return upline_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Upline, data)

        upline = _parse_upline(d.pop("upline"))

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

        bio = d.pop("bio", UNSET)

        _platforms = d.pop("platforms", UNSET)
        platforms: list[PlatformsEnum] | Unset = UNSET
        if _platforms is not UNSET:
            platforms = []
            for platforms_item_data in _platforms:
                platforms_item = PlatformsEnum(platforms_item_data)

                platforms.append(platforms_item)

        fans_count = d.pop("fans_count", UNSET)

        audience_tags = cast(list[str], d.pop("audience_tags", UNSET))

        promoter = cls(
            id=id,
            username=username,
            display_name=display_name,
            invite_code=invite_code,
            upline=upline,
            status=status,
            review_reason=review_reason,
            reviewed_at=reviewed_at,
            created_at=created_at,
            bio=bio,
            platforms=platforms,
            fans_count=fans_count,
            audience_tags=audience_tags,
        )

        promoter.additional_properties = d
        return promoter

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
