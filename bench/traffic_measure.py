"""The traffic simulator's measurement, read from the database at the end of a run against the
scenario's ground truth (docs/fraud.md, "Measured: the traffic simulator").

A commission counts as caught when it is held (review_hold, or settled or paid while its
promoter has an active fraud payout hold, so the money cannot leave) or voided with reason
fraud or self_purchase. Its money is its commission as it stood after the settlement run
(before the refunds that follow it), so refunded abuse still counts what was at risk."""

from decimal import Decimal

from traffic_scenario import HONEST, PATTERNS, Scenario

GOAL_RECALL = Decimal("0.95")
GOAL_HONEST_HELD = Decimal("0.01")
ZERO = Decimal("0.00")


def money_snapshot(order_ids: list[str]) -> dict[int, Decimal]:
    """Commission pk -> commission amount now (taken after the settlement run)."""
    from commissions.models import Commission

    return dict(
        Commission.objects.filter(order__order_id__in=order_ids).values_list("pk", "commission")
    )


def _caught(row: dict, fraud_held: set[int]) -> bool:
    from commissions.models import Commission

    status = row["status"]
    if status == Commission.Status.VOID:
        return row["invalid_reason"] in (
            Commission.InvalidReason.FRAUD,
            Commission.InvalidReason.SELF_PURCHASE,
        )
    if row["review_hold"]:
        return True
    settled = (Commission.Status.SETTLED, Commission.Status.PAID, Commission.Status.REVERSED)
    return status in settled and row["promoter_id"] in fraud_held


def _share(part, whole) -> float | None:
    return float(part / whole) if whole else None


def measure(scenario: Scenario, promoters: dict[str, int], snapshot: dict[int, Decimal]) -> dict:
    """Per pattern: the attack money caught over the attack money (recall); over honest
    promoters: the share of their money held, their flags by severity and the big KOLs' high
    flags. Click spam has no orders: its recall is the share of its clicks marked bot or
    suspicious."""
    from django.db.models import Count, Q

    from commissions.models import Commission
    from fraud.models import Flag
    from payouts.models import PayoutHold
    from promoters.models import Click

    label_of = {order.order_id: order.label for order in scenario.orders}
    kind_of = {promoters[p.key]: p.kind for p in scenario.promoters}
    label_by_pk = {promoters[p.key]: p.label for p in scenario.promoters}
    fraud_held = set(
        PayoutHold.objects.filter(
            source=PayoutHold.Source.FRAUD, released_at__isnull=True
        ).values_list("promoter_id", flat=True)
    )
    rows = Commission.objects.filter(order__order_id__in=list(label_of)).values(
        "pk",
        "order__order_id",
        "promoter_id",
        "commission",
        "status",
        "invalid_reason",
        "review_hold",
    )
    groups = {
        name: {"orders": set(), "money": ZERO, "caught": ZERO} for name in (*PATTERNS, HONEST)
    }
    for row in rows:
        group = groups[label_of[row["order__order_id"]]]
        money = snapshot.get(row["pk"], row["commission"])
        group["orders"].add(row["order__order_id"])
        group["money"] += money
        if _caught(row, fraud_held):
            group["caught"] += money
    report: dict = {"patterns": {}, "honest": {}}
    for name, group in groups.items():
        entry = {
            "orders": len(group["orders"]),
            "money": str(group["money"]),
            "caught": str(group["caught"]),
            "share": _share(group["caught"], group["money"]),
        }
        share = entry.pop("share")
        if name == HONEST:
            report["honest"] = {**entry, "held_share": share}
        else:
            report["patterns"][name] = {**entry, "recall": share}

    spammers = [pk for pk, kind in kind_of.items() if kind == "click_spam"]
    honest_pks = [pk for pk, label in label_by_pk.items() if label == HONEST]
    marked = Q(is_bot=True) | Q(is_suspicious=True)
    spam = Click.objects.filter(link__promoter_id__in=spammers).aggregate(
        clicks=Count("pk"), marked=Count("pk", filter=marked)
    )
    report["patterns"]["click_spam"] = {
        "clicks": spam["clicks"],
        "marked": spam["marked"],
        "recall": _share(spam["marked"], spam["clicks"]),
        "measured_on": "clicks marked bot or suspicious (click spam has no orders)",
    }
    honest_clicks = Click.objects.filter(link__promoter_id__in=honest_pks).aggregate(
        clicks=Count("pk"),
        suspicious=Count("pk", filter=Q(is_suspicious=True)),
        bot=Count("pk", filter=Q(is_bot=True)),
    )
    flags = Flag.objects.values_list("promoter_id", "severity", "rule")
    by_severity = {severity: 0 for severity in Flag.Severity.values}
    kol_high = 0
    by_pattern: dict[str, dict[str, int]] = {name: {} for name in PATTERNS}
    for promoter_id, severity, rule in flags:
        label = label_by_pk.get(promoter_id)
        if label == HONEST:
            by_severity[severity] += 1
            kol_high += kind_of[promoter_id] == "big_kol" and severity == Flag.Severity.HIGH
        elif label in by_pattern:
            key = f"{rule}:{severity}"
            by_pattern[label][key] = by_pattern[label].get(key, 0) + 1
    report["honest"].update(
        flags=by_severity,
        big_kol_high_flags=kol_high,
        clicks=honest_clicks["clicks"],
        clicks_suspicious=honest_clicks["suspicious"],
        clicks_bot=honest_clicks["bot"],
    )
    report["flags_by_pattern"] = by_pattern
    report["goals"] = goals(report)
    return report


def goals(report: dict) -> dict:
    recall_met = {
        name: entry["recall"] is not None and entry["recall"] >= float(GOAL_RECALL)
        for name, entry in report["patterns"].items()
    }
    held = report["honest"]["held_share"]
    return {
        "recall_per_pattern": recall_met,
        "honest_held_below_1pct": held is not None and held < float(GOAL_HONEST_HELD),
        "no_big_kol_high_flag": report["honest"]["big_kol_high_flags"] == 0,
    }


def rows(report: dict) -> list[tuple[str, ...]]:
    """The table: one line per pattern, then the honest promoters."""
    lines = [("pattern", "orders", "money", "held/voided", "recall", "goal >= 95%")]
    for name, entry in report["patterns"].items():
        met = "met" if report["goals"]["recall_per_pattern"][name] else "NOT met"
        recall = "-" if entry["recall"] is None else f"{entry['recall']:.1%}"
        if name == "click_spam":
            lines.append(
                (f"{name} (clicks)", str(entry["clicks"]), "-", str(entry["marked"]), recall, met)
            )
        else:
            lines.append((name, str(entry["orders"]), entry["money"], entry["caught"], recall, met))
    honest = report["honest"]
    held = "-" if honest["held_share"] is None else f"{honest['held_share']:.2%}"
    goal = "met" if report["goals"]["honest_held_below_1pct"] else "NOT met"
    lines.append(
        (
            "honest (held)",
            str(honest["orders"]),
            honest["money"],
            honest["caught"],
            held,
            f"< 1%: {goal}",
        )
    )
    return lines
