"""Printing query results: one formatter per `--format`, exact numbers everywhere.

Decimals are written from their exact text (never through float), with no thousands
separators, so `query --format csv` can be diffed and re-imported without drift.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import pyarrow as pa

FORMATS = ("table", "csv", "json")


def plain(value: Any) -> str:
    """One cell as plain text: exact decimals, ISO times, empty for null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _json_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")  # a JSON number, exactly as stored
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(str(k))}:{_json_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_json_value(v) for v in value) + "]"
    return json.dumps(plain(value), ensure_ascii=False)


def to_csv(table: pa.Table) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.column_names)
    for row in table.to_pylist():
        writer.writerow([plain(v) for v in row.values()])
    return buf.getvalue()


def to_json(table: pa.Table) -> str:
    """A JSON array of objects, one per row; decimals stay exact JSON numbers."""
    rows = [_json_value(row) for row in table.to_pylist()]
    return "[" + ",\n ".join(rows) + "]\n"


def to_rich_table(table: pa.Table, title: str | None = None) -> Any:
    from rich.table import Table

    numeric = {f.name for f in table.schema if pa.types.is_integer(f.type) or pa.types.is_decimal(f.type)
               or pa.types.is_floating(f.type)}
    out = Table(title=title, show_lines=False)
    for name in table.column_names:
        out.add_column(name, justify="right" if name in numeric else "left")
    for row in table.to_pylist():
        out.add_row(*(plain(v) for v in row.values()))
    return out
