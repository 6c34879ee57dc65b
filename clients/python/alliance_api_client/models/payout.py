from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payout_method_kind_enum import PayoutMethodKindEnum
from ..models.payout_status_enum import PayoutStatusEnum

T = TypeVar("T", bound="Payout")


@_attrs_define
class Payout:
    """A payout, the account of its method masked.

    Attributes:
        id (int):
        promoter (int):
        promoter_name (str):
        method (int):
        kind (PayoutMethodKindEnum): * `alipay` - Alipay
            * `bank` - Bank account
        account_name (str):
        account (str):
        bank_name (str):
        amount (str):
        currency (str):
        status (PayoutStatusEnum): * `requested` - Requested
            * `held` - Held
            * `approved` - Approved, in transit
            * `rejected` - Rejected
            * `paid` - Paid
            * `failed` - Failed Default: PayoutStatusEnum.REQUESTED.
        reason (str):
        reference (str):
        requested_at (datetime.datetime):
        approved_at (datetime.datetime | None):
        reviewed_at (datetime.datetime | None):
        reviewed_by (None | str):
        paid_at (datetime.datetime | None):
        failed_at (datetime.datetime | None):
        exported_at (datetime.datetime | None):
        batch (int | None):
    """

    id: int
    promoter: int
    promoter_name: str
    method: int
    kind: PayoutMethodKindEnum
    account_name: str
    account: str
    bank_name: str
    amount: str
    currency: str
    reason: str
    reference: str
    requested_at: datetime.datetime
    approved_at: datetime.datetime | None
    reviewed_at: datetime.datetime | None
    reviewed_by: None | str
    paid_at: datetime.datetime | None
    failed_at: datetime.datetime | None
    exported_at: datetime.datetime | None
    batch: int | None
    status: PayoutStatusEnum = PayoutStatusEnum.REQUESTED
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        promoter = self.promoter

        promoter_name = self.promoter_name

        method = self.method

        kind = self.kind.value

        account_name = self.account_name

        account = self.account

        bank_name = self.bank_name

        amount = self.amount

        currency = self.currency

        status = self.status.value

        reason = self.reason

        reference = self.reference

        requested_at = self.requested_at.isoformat()

        approved_at: None | str
        if isinstance(self.approved_at, datetime.datetime):
            approved_at = self.approved_at.isoformat()
        else:
            approved_at = self.approved_at

        reviewed_at: None | str
        if isinstance(self.reviewed_at, datetime.datetime):
            reviewed_at = self.reviewed_at.isoformat()
        else:
            reviewed_at = self.reviewed_at

        reviewed_by: None | str
        reviewed_by = self.reviewed_by

        paid_at: None | str
        if isinstance(self.paid_at, datetime.datetime):
            paid_at = self.paid_at.isoformat()
        else:
            paid_at = self.paid_at

        failed_at: None | str
        if isinstance(self.failed_at, datetime.datetime):
            failed_at = self.failed_at.isoformat()
        else:
            failed_at = self.failed_at

        exported_at: None | str
        if isinstance(self.exported_at, datetime.datetime):
            exported_at = self.exported_at.isoformat()
        else:
            exported_at = self.exported_at

        batch: int | None
        batch = self.batch

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "promoter": promoter,
                "promoter_name": promoter_name,
                "method": method,
                "kind": kind,
                "account_name": account_name,
                "account": account,
                "bank_name": bank_name,
                "amount": amount,
                "currency": currency,
                "status": status,
                "reason": reason,
                "reference": reference,
                "requested_at": requested_at,
                "approved_at": approved_at,
                "reviewed_at": reviewed_at,
                "reviewed_by": reviewed_by,
                "paid_at": paid_at,
                "failed_at": failed_at,
                "exported_at": exported_at,
                "batch": batch,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        promoter = d.pop("promoter")

        promoter_name = d.pop("promoter_name")

        method = d.pop("method")

        kind = PayoutMethodKindEnum(d.pop("kind"))

        account_name = d.pop("account_name")

        account = d.pop("account")

        bank_name = d.pop("bank_name")

        amount = d.pop("amount")

        currency = d.pop("currency")

        status = PayoutStatusEnum(d.pop("status"))

        reason = d.pop("reason")

        reference = d.pop("reference")

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        def _parse_approved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_at_type_0 = datetime.datetime.fromisoformat(data)

                return approved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        approved_at = _parse_approved_at(d.pop("approved_at"))

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

        def _parse_reviewed_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reviewed_by = _parse_reviewed_by(d.pop("reviewed_by"))

        def _parse_paid_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_at_type_0 = datetime.datetime.fromisoformat(data)

                return paid_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        paid_at = _parse_paid_at(d.pop("paid_at"))

        def _parse_failed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                failed_at_type_0 = datetime.datetime.fromisoformat(data)

                return failed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        failed_at = _parse_failed_at(d.pop("failed_at"))

        def _parse_exported_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                exported_at_type_0 = datetime.datetime.fromisoformat(data)

                return exported_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        exported_at = _parse_exported_at(d.pop("exported_at"))

        def _parse_batch(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        batch = _parse_batch(d.pop("batch"))

        payout = cls(
            id=id,
            promoter=promoter,
            promoter_name=promoter_name,
            method=method,
            kind=kind,
            account_name=account_name,
            account=account,
            bank_name=bank_name,
            amount=amount,
            currency=currency,
            status=status,
            reason=reason,
            reference=reference,
            requested_at=requested_at,
            approved_at=approved_at,
            reviewed_at=reviewed_at,
            reviewed_by=reviewed_by,
            paid_at=paid_at,
            failed_at=failed_at,
            exported_at=exported_at,
            batch=batch,
        )

        payout.additional_properties = d
        return payout

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
