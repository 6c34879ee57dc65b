from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Link")


@_attrs_define
class Link:
    """
    Attributes:
        id (int):
        code (str):
        title (str):
        is_active (bool):
        target_url (str):
        short_url (str):
        share_text (str):
        qr_svg_url (str):
        qr_png_url (str):
        clicks_count (int):  Default: 0.
        unique_clicks_count (int): People's first clicks in the unique window, neither bot nor suspicious. Default: 0.
        bot_clicks_count (int):  Default: 0.
        suspicious_clicks_count (int): Clicks of people a traffic rule marked suspicious (docs/fraud.md). Default: 0.
        created_at (datetime.datetime):
        channel (int | None | Unset):
        product (int | None | Unset):
        merchant (int | None | Unset):
        coupon (int | None | Unset):
        sub_id (str | Unset):
    """

    id: int
    code: str
    title: str
    is_active: bool
    target_url: str
    short_url: str
    share_text: str
    qr_svg_url: str
    qr_png_url: str
    created_at: datetime.datetime
    clicks_count: int = 0
    unique_clicks_count: int = 0
    bot_clicks_count: int = 0
    suspicious_clicks_count: int = 0
    channel: int | None | Unset = UNSET
    product: int | None | Unset = UNSET
    merchant: int | None | Unset = UNSET
    coupon: int | None | Unset = UNSET
    sub_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        code = self.code

        title = self.title

        is_active = self.is_active

        target_url = self.target_url

        short_url = self.short_url

        share_text = self.share_text

        qr_svg_url = self.qr_svg_url

        qr_png_url = self.qr_png_url

        clicks_count = self.clicks_count

        unique_clicks_count = self.unique_clicks_count

        bot_clicks_count = self.bot_clicks_count

        suspicious_clicks_count = self.suspicious_clicks_count

        created_at = self.created_at.isoformat()

        channel: int | None | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        else:
            channel = self.channel

        product: int | None | Unset
        if isinstance(self.product, Unset):
            product = UNSET
        else:
            product = self.product

        merchant: int | None | Unset
        if isinstance(self.merchant, Unset):
            merchant = UNSET
        else:
            merchant = self.merchant

        coupon: int | None | Unset
        if isinstance(self.coupon, Unset):
            coupon = UNSET
        else:
            coupon = self.coupon

        sub_id = self.sub_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "code": code,
                "title": title,
                "is_active": is_active,
                "target_url": target_url,
                "short_url": short_url,
                "share_text": share_text,
                "qr_svg_url": qr_svg_url,
                "qr_png_url": qr_png_url,
                "clicks_count": clicks_count,
                "unique_clicks_count": unique_clicks_count,
                "bot_clicks_count": bot_clicks_count,
                "suspicious_clicks_count": suspicious_clicks_count,
                "created_at": created_at,
            }
        )
        if channel is not UNSET:
            field_dict["channel"] = channel
        if product is not UNSET:
            field_dict["product"] = product
        if merchant is not UNSET:
            field_dict["merchant"] = merchant
        if coupon is not UNSET:
            field_dict["coupon"] = coupon
        if sub_id is not UNSET:
            field_dict["sub_id"] = sub_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        code = d.pop("code")

        title = d.pop("title")

        is_active = d.pop("is_active")

        target_url = d.pop("target_url")

        short_url = d.pop("short_url")

        share_text = d.pop("share_text")

        qr_svg_url = d.pop("qr_svg_url")

        qr_png_url = d.pop("qr_png_url")

        clicks_count = d.pop("clicks_count")

        unique_clicks_count = d.pop("unique_clicks_count")

        bot_clicks_count = d.pop("bot_clicks_count")

        suspicious_clicks_count = d.pop("suspicious_clicks_count")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_channel(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))

        def _parse_product(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        product = _parse_product(d.pop("product", UNSET))

        def _parse_merchant(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        merchant = _parse_merchant(d.pop("merchant", UNSET))

        def _parse_coupon(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        coupon = _parse_coupon(d.pop("coupon", UNSET))

        sub_id = d.pop("sub_id", UNSET)

        link = cls(
            id=id,
            code=code,
            title=title,
            is_active=is_active,
            target_url=target_url,
            short_url=short_url,
            share_text=share_text,
            qr_svg_url=qr_svg_url,
            qr_png_url=qr_png_url,
            clicks_count=clicks_count,
            unique_clicks_count=unique_clicks_count,
            bot_clicks_count=bot_clicks_count,
            suspicious_clicks_count=suspicious_clicks_count,
            created_at=created_at,
            channel=channel,
            product=product,
            merchant=merchant,
            coupon=coupon,
            sub_id=sub_id,
        )

        link.additional_properties = d
        return link

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
