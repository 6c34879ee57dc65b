"""A statement's lines as CSV, streamed: rows are read from the ledger with a server-side cursor
in chunks and written out a chunk at a time, so a month of any size uses bounded memory."""

import csv
import io
from collections.abc import Iterator

from django.utils import timezone

from alliance.money import amount_text

from .models import Statement
from .selectors import line_amounts, statement_lines

# Rows fetched from the database and written out per chunk: about 200 KB of CSV.
CHUNK_ROWS = 2000
COLUMNS = (
    "posted_at",
    "kind",
    "order_id",
    "sku",
    "promoter",
    "settled_at",
    "base_amount",
    "rate",
    "commission",
    "platform_fee",
    "promoter_amount",
    "upline1_amount",
    "upline2_amount",
    "currency",
)
TEXT_COLUMNS = {"order_id", "sku", "promoter"}
AMOUNT_COLUMNS = {
    "base_amount",
    "commission",
    "platform_fee",
    "promoter_amount",
    "upline1_amount",
    "upline2_amount",
}
# A text cell starting with one of these runs as a formula in spreadsheet programs; such a
# cell is prefixed with an apostrophe, as spreadsheets themselves do (products.imports too).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _cell(name: str, value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return timezone.localtime(value, timezone.get_default_timezone()).isoformat()
    if name in AMOUNT_COLUMNS:
        return amount_text(value)
    text = str(value)
    if name in TEXT_COLUMNS and text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def csv_file_name(statement: Statement) -> str:
    return f"statement-{statement.merchant_id}-{statement.period}.csv"


def statement_csv(statement: Statement) -> Iterator[bytes]:
    """The statement's lines, oldest first, in UTF-8 with a byte order mark (so that Excel
    reads Chinese names), one header row, then one row per posting."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    rows = statement_lines(merchant_id=statement.merchant_id, month=statement.month)
    pending = 0
    first = True
    for row in rows.iterator(chunk_size=CHUNK_ROWS):
        line = line_amounts(row)
        line["promoter"] = line["promoter_name"]
        line["currency"] = statement.currency
        writer.writerow([_cell(name, line[name]) for name in COLUMNS])
        pending += 1
        if pending >= CHUNK_ROWS:
            yield _drain(buffer, first)
            first, pending = False, 0
    yield _drain(buffer, first)


def _drain(buffer: io.StringIO, first: bool) -> bytes:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode("utf-8-sig" if first else "utf-8")
