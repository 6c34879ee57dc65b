from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.commission_status_enum import CommissionStatusEnum
from ..models.invalid_reason_enum import InvalidReasonEnum

T = TypeVar("T", bound="FlagCommission")


@_attrs_define
class FlagCommission:
    """
    Attributes:
        id (int):
        order (int):
        order_id (str):
        status (CommissionStatusEnum): * `pending` - Estimated (order paid)
            * `confirmed` - Confirmed (order completed)
            * `settled` - Settled into the balance
            * `paid` - Paid out
            * `reversed` - Reversed
            * `void` - Void
        invalid_reason (InvalidReasonEnum | None): Why it earns nothing; null while it earns.

            * `cancelled` - The order was cancelled
            * `refunded` - The goods were refunded
            * `self_purchase` - Bought by the promoter's own customer account
            * `zero_rate` - The product earns no commission
            * `fraud` - Voided by the platform after review
            * `suspension` - Voided by the platform after a suspension
            * `unknown_source` - The order did not come through a promoter
        commission (str):
        promoter_amount (str):
        currency (str):
        review_hold (bool):
    """

    id: int
    order: int
    order_id: str
    status: CommissionStatusEnum
    invalid_reason: InvalidReasonEnum | None
    commission: str
    promoter_amount: str
    currency: str
    review_hold: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        order = self.order

        order_id = self.order_id

        status = self.status.value

        invalid_reason: None | str
        if isinstance(self.invalid_reason, InvalidReasonEnum):
            invalid_reason = self.invalid_reason.value
        else:
            invalid_reason = self.invalid_reason

        commission = self.commission

        promoter_amount = self.promoter_amount

        currency = self.currency

        review_hold = self.review_hold

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "order": order,
                "order_id": order_id,
                "status": status,
                "invalid_reason": invalid_reason,
                "commission": commission,
                "promoter_amount": promoter_amount,
                "currency": currency,
                "review_hold": review_hold,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        order = d.pop("order")

        order_id = d.pop("order_id")

        status = CommissionStatusEnum(d.pop("status"))

        def _parse_invalid_reason(data: object) -> InvalidReasonEnum | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                invalid_reason_type_0 = InvalidReasonEnum(data)

                return invalid_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvalidReasonEnum | None, data)

        invalid_reason = _parse_invalid_reason(d.pop("invalid_reason"))

        commission = d.pop("commission")

        promoter_amount = d.pop("promoter_amount")

        currency = d.pop("currency")

        review_hold = d.pop("review_hold")

        flag_commission = cls(
            id=id,
            order=order,
            order_id=order_id,
            status=status,
            invalid_reason=invalid_reason,
            commission=commission,
            promoter_amount=promoter_amount,
            currency=currency,
            review_hold=review_hold,
        )

        flag_commission.additional_properties = d
        return flag_commission

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
