from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.payout import Payout


T = TypeVar("T", bound="Balances")


@_attrs_define
class Balances:
    """
    Attributes:
        promoter (int):
        pending (str): Estimated earnings: own share and upline shares, orders paid.
        confirmed (str): Confirmed earnings, waiting for settlement after the hold.
        held (str): Of pending and confirmed: held for a fraud review, not settled until it is decided (docs/fraud.md).
        available (str): Settled and not paid out: what a payout may take (may be negative).
        in_transit (str): Approved payouts not yet paid.
        paid (str): Paid out, all time.
        min_payout (str):
        currency (str):
        open_payout (None | Payout):
    """

    promoter: int
    pending: str
    confirmed: str
    held: str
    available: str
    in_transit: str
    paid: str
    min_payout: str
    currency: str
    open_payout: None | Payout
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.payout import Payout  # noqa: PLC0415

        promoter = self.promoter

        pending = self.pending

        confirmed = self.confirmed

        held = self.held

        available = self.available

        in_transit = self.in_transit

        paid = self.paid

        min_payout = self.min_payout

        currency = self.currency

        open_payout: dict[str, Any] | None
        if isinstance(self.open_payout, Payout):
            open_payout = self.open_payout.to_dict()
        else:
            open_payout = self.open_payout

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "promoter": promoter,
                "pending": pending,
                "confirmed": confirmed,
                "held": held,
                "available": available,
                "in_transit": in_transit,
                "paid": paid,
                "min_payout": min_payout,
                "currency": currency,
                "open_payout": open_payout,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.payout import Payout  # noqa: PLC0415

        d = dict(src_dict)
        promoter = d.pop("promoter")

        pending = d.pop("pending")

        confirmed = d.pop("confirmed")

        held = d.pop("held")

        available = d.pop("available")

        in_transit = d.pop("in_transit")

        paid = d.pop("paid")

        min_payout = d.pop("min_payout")

        currency = d.pop("currency")

        def _parse_open_payout(data: object) -> None | Payout:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                open_payout_type_1 = Payout.from_dict(data)

                return open_payout_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Payout, data)

        open_payout = _parse_open_payout(d.pop("open_payout"))

        balances = cls(
            promoter=promoter,
            pending=pending,
            confirmed=confirmed,
            held=held,
            available=available,
            in_transit=in_transit,
            paid=paid,
            min_payout=min_payout,
            currency=currency,
            open_payout=open_payout,
        )

        balances.additional_properties = d
        return balances

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
