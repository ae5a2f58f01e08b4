"""Live-session logs: detection by content, exact schema, row-by-row validation with reasons."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from ingestion.schema import QUARANTINE, SESSIONS
from ingestion.sessions import is_session_log, parse_session_log

DOC = Path(__file__).resolve().parents[1] / "docs" / "session-logs.md"
HEADER = "player,started_at,ended_at,game,stakes,currency,location,buy_in,rebuys,cash_out,expenses,notes\n"
GOOD = "kaRo77,2026-03-14T19:30:00-07:00,2026-03-15T01:10:00-07:00,holdem,1/3,USD,\"Bellagio, Las Vegas\",300,300,845,20,\"good table, two regs\"\n"


def _parse(text: str | bytes, name: str = "log.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_session_log(Path(name), data, hashlib.sha256(data).hexdigest())


def _doc_block(lang: str) -> str:
    return re.search(rf"```{lang}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)


def test_documented_csv_example_parses_exactly() -> None:
    text = _doc_block("csv")
    assert is_session_log(Path("x.csv"), text.encode())
    sessions, quarantine = _parse(text)
    assert sessions.schema == SESSIONS and quarantine.schema == QUARANTINE
    assert quarantine.num_rows == 0 and sessions.num_rows == 3
    first = sessions.to_pylist()[0]
    assert first["started_at"] == datetime(2026, 3, 15, 2, 30, tzinfo=UTC)
    assert first["ended_at"] == datetime(2026, 3, 15, 8, 10, tzinfo=UTC)
    assert first["buy_in"] == Decimal("300") and first["rebuys"] == Decimal("300")
    assert first["cash_out"] == Decimal("845") and first["expenses"] == Decimal("20")
    assert first["location"] == "Bellagio, Las Vegas" and first["notes"] == "good table, two regs"
    assert first["source_file"] == "log.csv" and first["source_line"] == 2
    rows = sessions.to_pylist()
    assert rows[1]["expenses"] == Decimal("5.5") and rows[1]["notes"] is None
    assert rows[2]["notes"] == 'tired after 6h, "should have quit earlier"'
    assert rows[2]["cash_out"] == Decimal("1390.25") and rows[2]["currency"] == "GBP"


def test_documented_json_example_parses() -> None:
    text = _doc_block("json")
    assert is_session_log(Path("x.json"), text.encode())
    sessions, quarantine = _parse(text, "log.json")
    assert quarantine.num_rows == 0 and sessions.num_rows == 1
    assert sessions.column("source_line").to_pylist() == [2]


def test_detection_by_content() -> None:
    assert is_session_log(Path("anything.txt"), HEADER.encode())
    assert is_session_log(Path("a.csv"), b"\xef\xbb\xbf" + HEADER.encode())
    assert not is_session_log(Path("a.csv"), b"date,amount,category\n2026-01-01,3,food\n")
    assert not is_session_log(Path("a.txt"), b"PokerStars Hand #1:  Hold'em No Limit ($0.05/$0.10 USD)")
    assert not is_session_log(Path("a.json"), b'{"name": "pokerlake"}')
    assert is_session_log(Path("a.json"), b'[{"player": "a", "started_at": "x", "buy_in": "1"}]')


BAD_ROWS = [
    ("kaRo77,14/03/2026 19:30,2026-03-15T01:10:00-07:00,holdem,1/3,USD,,300,0,845,0,\n",
     "column started_at: expected an ISO 8601 time"),
    ("kaRo77,2026-03-14T19:30:00,2026-03-15T01:10:00-07:00,holdem,1/3,USD,,300,0,845,0,\n",
     "column started_at: time '2026-03-14T19:30:00' has no UTC offset"),
    ("kaRo77,2026-03-14T19:30:00-07:00,2026-03-14T18:00:00-07:00,holdem,1/3,USD,,300,0,845,0,\n",
     "column ended_at: session ends"),
    ("kaRo77,2026-03-14T19:30:00-07:00,2026-03-20T18:00:00-07:00,holdem,1/3,USD,,300,0,845,0,\n",
     "longer than 72 hours"),
    ("kaRo77,2026-03-14T19:30:00-07:00,2026-03-15T01:10:00-07:00,holdem,1/3,USD,,-300,0,845,0,\n",
     "column buy_in: amount must not be negative"),
    ("kaRo77,2026-03-14T19:30:00-07:00,2026-03-15T01:10:00-07:00,holdem,1/3,USD,,$300,0,845,0,\n",
     "column buy_in: expected a decimal amount"),
    ("kaRo77,2026-03-14T19:30:00-07:00,2026-03-15T01:10:00-07:00,holdem,1/3,USD,,300,0,845.12345,0,\n",
     "column cash_out: expected a decimal amount"),
    ("kaRo77,2026-03-14T19:30:00-07:00,2026-03-15T01:10:00-07:00,holdem,1/3,DOL,,300,0,845,0,\n",
     "column currency: expected an ISO 4217 code"),
    ("kaRo77,2026-03-14T19:30:00-07:00,2026-03-15T01:10:00-07:00,holdem,1/3,USD,,300,0,,0,\n",
     "column cash_out: required value is missing"),
    (",2026-03-14T19:30:00-07:00,2026-03-15T01:10:00-07:00,holdem,1/3,USD,,300,0,845,0,\n",
     "column player: required value is missing"),
    ("kaRo77,2026-03-14T19:30:00-07:00,2026-03-15T01:10:00-07:00,razz,1/3,USD,,300,0,845,0,\n",
     "column game: expected one of holdem"),
    ("kaRo77,2026-03-14T19:30:00-07:00,2026-03-15T01:10:00-07:00,holdem,one-three,USD,,300,0,845,0,\n",
     "column stakes: expected blinds like 1/3"),
    ("kaRo77,2026-03-14T19:30:00-07:00,2026-03-15T01:10:00-07:00,holdem,1/3,USD,,300,0,845\n",
     "expected 12 fields as in the header, got 10"),
]


@pytest.mark.parametrize(("row", "reason"), BAD_ROWS, ids=[r for _, r in BAD_ROWS])
def test_bad_row_is_quarantined_with_reason_and_offset(row: str, reason: str) -> None:
    text = HEADER + GOOD + row + GOOD.replace("2026-03-14T19:30", "2026-03-20T19:30").replace(
        "2026-03-15T01:10", "2026-03-21T01:10")
    sessions, quarantine = _parse(text)
    assert sessions.num_rows == 2, "the good rows around the bad one still load"
    assert sessions.column("source_line").to_pylist() == [2, 4]
    assert quarantine.num_rows == 1
    q = quarantine.to_pylist()[0]
    assert reason in q["reason"] and q["reason"].startswith("line 3")
    assert q["site"] == "live" and q["parser_version"] == "sessions/1"
    assert q["source_offset"] == len((HEADER + GOOD).encode())
    assert q["raw"] == row.rstrip("\n")
    assert q["source_sha256"] == hashlib.sha256(text.encode()).hexdigest()


def test_duplicate_key_and_blank_lines() -> None:
    sessions, quarantine = _parse(HEADER + GOOD + "\n" + GOOD)
    assert sessions.num_rows == 1
    assert quarantine.num_rows == 1
    assert "duplicate session" in quarantine.column("reason")[0].as_py()
    assert "already on line 2" in quarantine.column("reason")[0].as_py()


def test_multiline_notes_keep_offsets_and_lines() -> None:
    row2 = GOOD.replace('"good table, two regs"', '"line one\nline two"')
    row3 = GOOD.replace("2026-03-14T19:30", "2026-03-20T19:30").replace("USD", "XXX")
    sessions, quarantine = _parse(HEADER + row2 + row3)
    assert sessions.column("notes").to_pylist() == ["line one\nline two"]
    assert quarantine.num_rows == 1
    assert quarantine.column("reason")[0].as_py().startswith("line 4")
    assert quarantine.column("source_offset")[0].as_py() == len((HEADER + row2).encode())


def test_file_level_problems_never_raise() -> None:
    for data in (b"\xff\xfe garbage", b"player,started_at\n", b"", b'{"sessions": 3}', b"[1, 2",
                 HEADER.encode() + b'x,"unterminated\n'):
        sessions, quarantine = _parse(data)
        assert sessions.schema == SESSIONS and quarantine.schema == QUARANTINE
        assert sessions.num_rows == 0
    _, q = _parse(b"player,started_at\n")
    assert "lacks required column(s)" in q.column("reason")[0].as_py()


def test_json_rows_validated_individually() -> None:
    text = ('[\n {"player": "a", "started_at": "2026-01-01T10:00:00Z", "ended_at": "2026-01-01T12:00:00Z",'
            ' "game": "holdem", "stakes": "1/2", "currency": "EUR", "buy_in": 200, "cash_out": "150.5"},\n'
            ' {"player": "b", "started_at": "2026-01-01T10:00:00Z", "ended_at": "2026-01-01T09:00:00Z",'
            ' "game": "holdem", "stakes": "1/2", "currency": "EUR", "buy_in": "200", "cash_out": "0"}\n]')
    sessions, quarantine = _parse(text, "log.json")
    assert sessions.column("player").to_pylist() == ["a"]
    assert sessions.column("buy_in").to_pylist() == [Decimal("200")]
    assert sessions.column("rebuys").to_pylist() == [Decimal("0")]
    assert quarantine.num_rows == 1
    q = quarantine.to_pylist()[0]
    assert q["reason"].startswith("line 3, column ended_at")
    assert q["source_offset"] == text.index('{"player": "b"')
    assert q["raw"].startswith('{"player": "b"')
