from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.application_status_enum import ApplicationStatusEnum

T = TypeVar("T", bound="CampaignApplication")


@_attrs_define
class CampaignApplication:
    """
    Attributes:
        id (int):
        campaign (int):
        campaign_name (str):
        promoter (int):
        promoter_name (str):
        message (str):
        status (ApplicationStatusEnum): * `pending` - Pending review
            * `approved` - Approved
            * `rejected` - Rejected
        review_reason (str):
        reviewed_at (datetime.datetime | None):
        created_at (datetime.datetime):
    """

    id: int
    campaign: int
    campaign_name: str
    promoter: int
    promoter_name: str
    message: str
    status: ApplicationStatusEnum
    review_reason: str
    reviewed_at: datetime.datetime | None
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        campaign = self.campaign

        campaign_name = self.campaign_name

        promoter = self.promoter

        promoter_name = self.promoter_name

        message = self.message

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
                "campaign": campaign,
                "campaign_name": campaign_name,
                "promoter": promoter,
                "promoter_name": promoter_name,
                "message": message,
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

        campaign = d.pop("campaign")

        campaign_name = d.pop("campaign_name")

        promoter = d.pop("promoter")

        promoter_name = d.pop("promoter_name")

        message = d.pop("message")

        status = ApplicationStatusEnum(d.pop("status"))

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

        campaign_application = cls(
            id=id,
            campaign=campaign,
            campaign_name=campaign_name,
            promoter=promoter,
            promoter_name=promoter_name,
            message=message,
            status=status,
            review_reason=review_reason,
            reviewed_at=reviewed_at,
            created_at=created_at,
        )

        campaign_application.additional_properties = d
        return campaign_application

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
