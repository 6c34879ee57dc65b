from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.flag_status_enum import FlagStatusEnum
from ..models.invalid_reason_enum import InvalidReasonEnum
from ..models.penalty_status_enum import PenaltyStatusEnum
from ..models.reason_kind_enum import ReasonKindEnum

T = TypeVar("T", bound="PenalisedOrder")


@_attrs_define
class PenalisedOrder:
    """One penalised order (处罚订单). A promoter sees the merchant's order id masked and its
    own appeal note; a merchant sees neither the appeal note nor anything else of the
    promoter's; nobody but the admin queue sees a rule's thresholds or evidence.

        Attributes:
            id (int):
            order_id (str): The merchant's order id; masked for promoters (first 3 and last 2 characters).
            merchant (int):
            merchant_name (str):
            paid_at (datetime.datetime):
            amount (str): What the buyer paid.
            commission (str): The promoter's share of the order's lines, voided ones included.
            currency (str):
            status (PenaltyStatusEnum): * `voided` - Voided after review
                * `held` - Held for review
                * `marked` - Marked for review
                * `cleared` - Cleared after review
            reason_kind (None | ReasonKindEnum): The kind of reason of the order's flag (null for a void without a flag).
            reason (str): The reason in the request's language.
            invalid_reason (InvalidReasonEnum | None): `fraud` once voided (the commission's reason code), else null.
            flag (int | None):
            flag_status (FlagStatusEnum | None):
            can_appeal (bool): True for the promoter while the flag is open.
            appeal_note (None | str): The promoter's appeal note; null for merchants and when there is none.
    """

    id: int
    order_id: str
    merchant: int
    merchant_name: str
    paid_at: datetime.datetime
    amount: str
    commission: str
    currency: str
    status: PenaltyStatusEnum
    reason_kind: None | ReasonKindEnum
    reason: str
    invalid_reason: InvalidReasonEnum | None
    flag: int | None
    flag_status: FlagStatusEnum | None
    can_appeal: bool
    appeal_note: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        order_id = self.order_id

        merchant = self.merchant

        merchant_name = self.merchant_name

        paid_at = self.paid_at.isoformat()

        amount = self.amount

        commission = self.commission

        currency = self.currency

        status = self.status.value

        reason_kind: None | str
        if isinstance(self.reason_kind, ReasonKindEnum):
            reason_kind = self.reason_kind.value
        else:
            reason_kind = self.reason_kind

        reason = self.reason

        invalid_reason: None | str
        if isinstance(self.invalid_reason, InvalidReasonEnum):
            invalid_reason = self.invalid_reason.value
        else:
            invalid_reason = self.invalid_reason

        flag: int | None
        flag = self.flag

        flag_status: None | str
        if isinstance(self.flag_status, FlagStatusEnum):
            flag_status = self.flag_status.value
        else:
            flag_status = self.flag_status

        can_appeal = self.can_appeal

        appeal_note: None | str
        appeal_note = self.appeal_note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "order_id": order_id,
                "merchant": merchant,
                "merchant_name": merchant_name,
                "paid_at": paid_at,
                "amount": amount,
                "commission": commission,
                "currency": currency,
                "status": status,
                "reason_kind": reason_kind,
                "reason": reason,
                "invalid_reason": invalid_reason,
                "flag": flag,
                "flag_status": flag_status,
                "can_appeal": can_appeal,
                "appeal_note": appeal_note,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        order_id = d.pop("order_id")

        merchant = d.pop("merchant")

        merchant_name = d.pop("merchant_name")

        paid_at = datetime.datetime.fromisoformat(d.pop("paid_at"))

        amount = d.pop("amount")

        commission = d.pop("commission")

        currency = d.pop("currency")

        status = PenaltyStatusEnum(d.pop("status"))

        def _parse_reason_kind(data: object) -> None | ReasonKindEnum:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_kind_type_0 = ReasonKindEnum(data)

                return reason_kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReasonKindEnum, data)

        reason_kind = _parse_reason_kind(d.pop("reason_kind"))

        reason = d.pop("reason")

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

        def _parse_flag(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        flag = _parse_flag(d.pop("flag"))

        def _parse_flag_status(data: object) -> FlagStatusEnum | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                flag_status_type_0 = FlagStatusEnum(data)

                return flag_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FlagStatusEnum | None, data)

        flag_status = _parse_flag_status(d.pop("flag_status"))

        can_appeal = d.pop("can_appeal")

        def _parse_appeal_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        appeal_note = _parse_appeal_note(d.pop("appeal_note"))

        penalised_order = cls(
            id=id,
            order_id=order_id,
            merchant=merchant,
            merchant_name=merchant_name,
            paid_at=paid_at,
            amount=amount,
            commission=commission,
            currency=currency,
            status=status,
            reason_kind=reason_kind,
            reason=reason,
            invalid_reason=invalid_reason,
            flag=flag,
            flag_status=flag_status,
            can_appeal=can_appeal,
            appeal_note=appeal_note,
        )

        penalised_order.additional_properties = d
        return penalised_order

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
