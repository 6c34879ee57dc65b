from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.settlement_run_status_enum import SettlementRunStatusEnum

T = TypeVar("T", bound="SettlementRun")


@_attrs_define
class SettlementRun:
    """
    Attributes:
        id (int):
        status (SettlementRunStatusEnum): * `queued` - Queued
            * `running` - Running
            * `finished` - Finished
            * `failed` - Failed
        cycle (str):
        cutoff (datetime.datetime): Commissions due by this moment are settled.
        started_at (datetime.datetime):
        finished_at (datetime.datetime | None):
        due_count (int):
        settled_count (int):
        held_count (int):
        batches (int):
        progress (float): Settled out of due when the run began, 0 to 1; 1 once finished.
        commission_total (str):
        platform_fee_total (str):
        per_merchant (Any):
        triggered_by (int | None):
        error (str):
    """

    id: int
    status: SettlementRunStatusEnum
    cycle: str
    cutoff: datetime.datetime
    started_at: datetime.datetime
    finished_at: datetime.datetime | None
    due_count: int
    settled_count: int
    held_count: int
    batches: int
    progress: float
    commission_total: str
    platform_fee_total: str
    per_merchant: Any
    triggered_by: int | None
    error: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        cycle = self.cycle

        cutoff = self.cutoff.isoformat()

        started_at = self.started_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        due_count = self.due_count

        settled_count = self.settled_count

        held_count = self.held_count

        batches = self.batches

        progress = self.progress

        commission_total = self.commission_total

        platform_fee_total = self.platform_fee_total

        per_merchant = self.per_merchant

        triggered_by: int | None
        triggered_by = self.triggered_by

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "cycle": cycle,
                "cutoff": cutoff,
                "started_at": started_at,
                "finished_at": finished_at,
                "due_count": due_count,
                "settled_count": settled_count,
                "held_count": held_count,
                "batches": batches,
                "progress": progress,
                "commission_total": commission_total,
                "platform_fee_total": platform_fee_total,
                "per_merchant": per_merchant,
                "triggered_by": triggered_by,
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        status = SettlementRunStatusEnum(d.pop("status"))

        cycle = d.pop("cycle")

        cutoff = datetime.datetime.fromisoformat(d.pop("cutoff"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        due_count = d.pop("due_count")

        settled_count = d.pop("settled_count")

        held_count = d.pop("held_count")

        batches = d.pop("batches")

        progress = d.pop("progress")

        commission_total = d.pop("commission_total")

        platform_fee_total = d.pop("platform_fee_total")

        per_merchant = d.pop("per_merchant")

        def _parse_triggered_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        triggered_by = _parse_triggered_by(d.pop("triggered_by"))

        error = d.pop("error")

        settlement_run = cls(
            id=id,
            status=status,
            cycle=cycle,
            cutoff=cutoff,
            started_at=started_at,
            finished_at=finished_at,
            due_count=due_count,
            settled_count=settled_count,
            held_count=held_count,
            batches=batches,
            progress=progress,
            commission_total=commission_total,
            platform_fee_total=platform_fee_total,
            per_merchant=per_merchant,
            triggered_by=triggered_by,
            error=error,
        )

        settlement_run.additional_properties = d
        return settlement_run

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
