"""Live-session logs (CSV or JSON) -> the `sessions` table, validated row by row.

Live players keep their own logs, typed by hand, so every row is checked on its own: a bad row
goes to `quarantine` with its byte offset, the row/column at fault and what was expected, and
the rest of the file still loads. Nothing here raises on bad input. The format is documented in
docs/session-logs.md.

Rules: times are ISO 8601 with a UTC offset (or `Z`) and are stored in UTC; `ended_at` must be
after `started_at`; money is plain decimal text (at most 4 decimals, not negative) in the row's
ISO 4217 `currency`; `rebuys` and `expenses` default to 0; (player, started_at) must be unique
within a file.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa

from ingestion.money import MoneyError, decimal_array, to_units
from ingestion.schema import GAMES, QUARANTINE, SESSIONS

PARSER_VERSION = "sessions/1"
SITE = "live"

COLUMNS = ("player", "started_at", "ended_at", "game", "stakes", "currency", "location", "buy_in",
           "rebuys", "cash_out", "expenses", "notes")
REQUIRED = ("player", "started_at", "ended_at", "game", "stakes", "currency", "buy_in", "cash_out")
OPTIONAL_MONEY = ("rebuys", "expenses")
MAX_SESSION = timedelta(hours=72)

# ISO 4217 codes a live log plausibly uses (active currencies of countries with card rooms).
CURRENCIES = frozenset(["AED", "ARS", "AUD", "BGN", "BRL", "BYN", "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DKK", "EGP", "EUR", "GBP", "GEL", "HKD", "HRK", "HUF", "IDR", "ILS", "INR", "ISK", "JPY", "KES", "KHR", "KRW", "KZT", "MAD", "MOP", "MXN", "MYR", "NGN", "NOK", "NZD", "PEN", "PHP", "PKR", "PLN", "RON", "RSD", "RUB", "SAR", "SEK", "SGD", "THB", "TRY", "TWD", "UAH", "USD", "UYU", "VND", "ZAR"])
_STAKES = re.compile(r"^\d+(\.\d{1,2})?/\d+(\.\d{1,2})?(/\d+(\.\d{1,2})?)?$")
_MONEY = re.compile(r"^\d+(\.\d{1,4})?$")
_CSV_HEADER_KEYS = ("player", "started_at", "buy_in", "cash_out")


def is_session_log(path: Path, head: bytes) -> bool:
    """True when the content looks like a session log: a CSV header naming the schema's key
    columns, or JSON whose first object has `started_at` and `buy_in`."""
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if not text:
        return False
    if text[0] in "[{":
        return '"started_at"' in text and '"buy_in"' in text
    first = text.split("\n", 1)[0].strip().lower()
    try:
        cols = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return False
    names = {c.strip() for c in cols}
    return all(k in names for k in _CSV_HEADER_KEYS)


class _Rejected(ValueError):
    """A row failed validation; the message is the quarantine reason."""


def _time(value: str, col: str, where: str) -> datetime:
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise _Rejected(f"{where}, column {col}: expected an ISO 8601 time like "
                        f"2026-03-14T19:30:00-07:00, got {value!r}") from None
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise _Rejected(f"{where}, column {col}: time {value!r} has no UTC offset "
                        f"(expected e.g. 2026-03-14T19:30:00-07:00 or ...Z)")
    return dt.astimezone(UTC)


def _money(value: str, col: str, where: str) -> int:
    v = value.strip()
    if v.startswith("-"):
        raise _Rejected(f"{where}, column {col}: amount must not be negative, got {value!r}")
    if not _MONEY.match(v):
        raise _Rejected(f"{where}, column {col}: expected a decimal amount like 300 or 1250.50 "
                        f"(no currency sign, at most 4 decimals), got {value!r}")
    try:
        return to_units(v)
    except MoneyError:  # pragma: no cover - the regex already guards this
        raise _Rejected(f"{where}, column {col}: not an amount: {value!r}") from None


def _validate(row: dict[str, object], where: str) -> dict[str, object]:
    """One row -> typed values, or _Rejected naming the first problem."""
    clean: dict[str, str] = {}
    for col in COLUMNS:
        raw = row.get(col)
        if raw is None:
            clean[col] = ""
        elif isinstance(raw, (int, float)) and not isinstance(raw, bool) and col in (
                "buy_in", "rebuys", "cash_out", "expenses"):
            clean[col] = repr(raw) if isinstance(raw, float) else str(raw)
        elif isinstance(raw, str):
            clean[col] = raw.strip()
        else:
            raise _Rejected(f"{where}, column {col}: expected text, got {type(raw).__name__}")
    for col in REQUIRED:
        if not clean[col]:
            raise _Rejected(f"{where}, column {col}: required value is missing")
    started = _time(clean["started_at"], "started_at", where)
    ended = _time(clean["ended_at"], "ended_at", where)
    if ended <= started:
        raise _Rejected(f"{where}, column ended_at: session ends ({clean['ended_at']}) before or when "
                        f"it starts ({clean['started_at']})")
    if ended - started > MAX_SESSION:
        raise _Rejected(f"{where}, column ended_at: session longer than 72 hours "
                        f"({clean['started_at']} to {clean['ended_at']})")
    game = clean["game"].lower()
    if game not in GAMES:
        raise _Rejected(f"{where}, column game: expected one of {', '.join(GAMES)}, got {clean['game']!r}")
    if not _STAKES.match(clean["stakes"]):
        raise _Rejected(f"{where}, column stakes: expected blinds like 1/3 or 2/5 (optional /straddle), "
                        f"got {clean['stakes']!r}")
    currency = clean["currency"].upper()
    if currency not in CURRENCIES:
        raise _Rejected(f"{where}, column currency: expected an ISO 4217 code like USD, EUR, GBP; "
                        f"unknown code {clean['currency']!r}")
    money = {col: _money(clean[col], col, where) for col in ("buy_in", "cash_out")}
    for col in OPTIONAL_MONEY:
        money[col] = _money(clean[col], col, where) if clean[col] else 0
    return {
        "player": clean["player"], "started_at": started, "ended_at": ended, "game": game,
        "stakes": clean["stakes"], "currency": currency, "location": clean["location"] or None,
        "buy_in": money["buy_in"], "rebuys": money["rebuys"], "cash_out": money["cash_out"],
        "expenses": money["expenses"], "notes": clean["notes"] or None,
    }


# ---- row sources: (byte offset, line number, raw text, row dict | error message) -------------
Row = tuple[int, int, str, dict[str, object] | None, str | None]


class _LineFeed:
    """Feeds csv.reader line by line while remembering where each line started."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines(keepends=True)
        self.pos = 0
        self.byte = 0
        self.starts: list[int] = []

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.lines):
            raise StopIteration
        line = self.lines[self.pos]
        self.starts.append(self.byte)
        self.byte += len(line.encode("utf-8"))
        self.pos += 1
        return line


def _csv_rows(text: str, bom: int) -> Iterator[Row]:
    feed = _LineFeed(text)
    reader = csv.reader(feed, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        yield bom, 1, text[:2000], None, f"line 1: expected a CSV header row ({exc or 'empty file'})"
        return
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        yield bom, 1, text.split("\n", 1)[0], None, (
            f"line 1: CSV header lacks required column(s) {', '.join(missing)}; "
            f"expected columns {', '.join(COLUMNS)}")
        return
    unknown = [n for n in names if n not in COLUMNS]
    while True:
        first_line = feed.pos  # index of the next line csv will pull
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            start = feed.starts[first_line] if first_line < len(feed.starts) else feed.byte
            raw = "".join(feed.lines[first_line:feed.pos])
            yield bom + start, first_line + 1, raw, None, f"line {first_line + 1}: malformed CSV ({exc})"
            continue
        raw = "".join(feed.lines[first_line:feed.pos]).rstrip("\r\n")
        start = bom + feed.starts[first_line]
        line_no = first_line + 1
        if not cells or all(not c.strip() for c in cells):
            continue  # blank line
        if len(cells) != len(names):
            yield start, line_no, raw, None, (f"line {line_no}: expected {len(names)} fields as in the "
                                              f"header, got {len(cells)}")
            continue
        row = {n: c for n, c in zip(names, cells, strict=True) if n not in unknown}
        yield start, line_no, raw, row, None


def _json_rows(text: str, bom: int) -> Iterator[Row]:
    dec = json.JSONDecoder()
    try:
        doc = json.loads(text)
    except ValueError as exc:
        yield bom, 1, text[:2000], None, f"not valid JSON: {exc}"
        return
    if isinstance(doc, dict):
        items = doc.get("sessions")
        if not isinstance(items, list):
            yield bom, 1, text[:2000], None, 'JSON object must have a "sessions" list of session objects'
            return
        arr_at = text.index("[", text.index('"sessions"'))
    elif isinstance(doc, list):
        arr_at = text.index("[")
    else:
        yield bom, 1, text[:2000], None, "expected a JSON list of session objects or {\"sessions\": [...]}"
        return
    # Walk the array once more with raw_decode to learn where each element starts.
    i = arr_at + 1
    n = len(text)
    while True:
        while i < n and text[i] in " \t\r\n,":
            i += 1
        if i >= n or text[i] == "]":
            return
        obj, end = dec.raw_decode(text, i)
        raw = text[i:end]
        offset = bom + len(text[:i].encode("utf-8"))
        line_no = text.count("\n", 0, i) + 1
        if isinstance(obj, dict):
            yield offset, line_no, raw, obj, None
        else:
            yield offset, line_no, raw, None, f"line {line_no}: expected a JSON object, got {type(obj).__name__}"
        i = end


def parse_session_log(path: Path, data: bytes, sha256: str) -> tuple[pa.Table, pa.Table]:
    """(sessions, quarantine) for one CSV or JSON session log; never raises on bad content."""
    source = str(path)
    good: list[tuple[int, dict[str, object]]] = []
    bad: list[tuple[int, str, str]] = []
    try:
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        try:
            text = data[bom:].decode("utf-8")
        except UnicodeDecodeError as exc:
            bad.append((exc.start + bom, f"byte {exc.start + bom}: file is not UTF-8 text ({exc.reason})",
                        data[:2000].decode("utf-8", errors="replace")))
            return _tables(source, sha256, good, bad)
        stripped = text.lstrip()
        rows = _json_rows(text, bom) if stripped[:1] in ("[", "{") else _csv_rows(text, bom)
        seen: dict[tuple[str, datetime], int] = {}
        for offset, line_no, raw, row, error in rows:
            if error is not None or row is None:
                bad.append((offset, error or "unreadable row", raw))
                continue
            where = f"line {line_no}"
            try:
                values = _validate(row, where)
            except _Rejected as exc:
                bad.append((offset, str(exc), raw))
                continue
            key = (str(values["player"]), values["started_at"])
            if key in seen:
                bad.append((offset, f"{where}: duplicate session (player {key[0]!r}, started_at "
                                    f"{row.get('started_at')}) already on line {seen[key]}", raw))
                continue
            seen[key] = line_no
            good.append((line_no, values))
    except Exception as exc:  # last resort: the contract is "never raises"
        bad.append((0, f"unexpected error reading the session log: {type(exc).__name__}: {exc}",
                    data[:2000].decode("utf-8", errors="replace")))
    return _tables(source, sha256, good, bad)


def _tables(source: str, sha256: str, good: list[tuple[int, dict[str, object]]],
            bad: list[tuple[int, str, str]]) -> tuple[pa.Table, pa.Table]:
    def col(name: str) -> list:
        return [v[name] for _, v in good]

    sessions = pa.table({
        "player": pa.array(col("player"), pa.string()),
        "started_at": pa.array(col("started_at"), SESSIONS.field("started_at").type),
        "ended_at": pa.array(col("ended_at"), SESSIONS.field("ended_at").type),
        "game": pa.array(col("game"), pa.string()),
        "stakes": pa.array(col("stakes"), pa.string()),
        "currency": pa.array(col("currency"), pa.string()),
        "location": pa.array(col("location"), pa.string()),
        "buy_in": decimal_array(col("buy_in")),
        "rebuys": decimal_array(col("rebuys")),
        "cash_out": decimal_array(col("cash_out")),
        "expenses": decimal_array(col("expenses")),
        "notes": pa.array(col("notes"), pa.string()),
        "source_file": pa.array([source] * len(good), pa.string()),
        "source_line": pa.array([line for line, _ in good], pa.int32()),
    }, schema=SESSIONS)
    quarantine = pa.table({
        "source_file": pa.array([source] * len(bad), pa.string()),
        "source_offset": pa.array([o for o, _, _ in bad], pa.int64()),
        "site": pa.array([SITE] * len(bad), pa.string()),
        "reason": pa.array([r for _, r, _ in bad], pa.string()),
        "raw": pa.array([raw for _, _, raw in bad], pa.string()),
        "source_sha256": pa.array([sha256] * len(bad), pa.string()),
        "parser_version": pa.array([PARSER_VERSION] * len(bad), pa.string()),
    }, schema=QUARANTINE)
    return sessions, quarantine
