from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.merchant_order import MerchantOrder
    from ..models.promoter_order import PromoterOrder


T = TypeVar("T", bound="OrderSyncPage")


@_attrs_define
class OrderSyncPage:
    """
    Attributes:
        results (list[MerchantOrder | PromoterOrder]):
        next_cursor (str):
        has_more (bool):
    """

    results: list[MerchantOrder | PromoterOrder]
    next_cursor: str
    has_more: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.merchant_order import MerchantOrder  # noqa: PLC0415

        results = []
        for results_item_data in self.results:
            results_item: dict[str, Any]
            if isinstance(results_item_data, MerchantOrder):
                results_item = results_item_data.to_dict()
            else:
                results_item = results_item_data.to_dict()

            results.append(results_item)

        next_cursor = self.next_cursor

        has_more = self.has_more

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "results": results,
                "next_cursor": next_cursor,
                "has_more": has_more,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.merchant_order import MerchantOrder  # noqa: PLC0415
        from ..models.promoter_order import PromoterOrder  # noqa: PLC0415

        d = dict(src_dict)
        results = []
        _results = d.pop("results")
        for results_item_data in _results:

            def _parse_results_item(data: object) -> MerchantOrder | PromoterOrder:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_order_type_0 = MerchantOrder.from_dict(data)

                    return componentsschemas_order_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_order_type_1 = PromoterOrder.from_dict(data)

                return componentsschemas_order_type_1

            results_item = _parse_results_item(results_item_data)

            results.append(results_item)

        next_cursor = d.pop("next_cursor")

        has_more = d.pop("has_more")

        order_sync_page = cls(
            results=results,
            next_cursor=next_cursor,
            has_more=has_more,
        )

        order_sync_page.additional_properties = d
        return order_sync_page

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
