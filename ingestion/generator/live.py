"""Live-session logs for some of the simulated players (`DIR/sessions/*.csv`).

Live regulars log their casino sessions by hand; the generator writes such logs in the
documented CSV schema (docs/session-logs.md) so the session parser and the `fct_sessions` mart
have data. Times carry the casino's own UTC offset, money is decimal text in the casino's
currency; a few notes contain commas and quotes to exercise CSV quoting.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from ingestion.generator.players import PlayerProfile

COLUMNS = ("player", "started_at", "ended_at", "game", "stakes", "currency", "location", "buy_in",
           "rebuys", "cash_out", "expenses", "notes")

CASINOS = (  # location, time zone, currency, stakes (sb, bb)
    ("Bellagio, Las Vegas", "America/Los_Angeles", "USD", ((1, 3), (2, 5), (5, 10))),
    ("Commerce Casino, Los Angeles", "America/Los_Angeles", "USD", ((1, 2), (2, 3), (5, 5))),
    ("Borgata, Atlantic City", "America/New_York", "USD", ((1, 2), (2, 5))),
    ("Hippodrome, London", "Europe/London", "GBP", ((1, 2), (2, 5))),
    ("King's Casino, Rozvadov", "Europe/Prague", "EUR", ((1, 2), (2, 5), (5, 10))),
    ("Playground, Montreal", "America/Toronto", "CAD", ((1, 2), (2, 5))),
    ("Crown, Melbourne", "Australia/Melbourne", "AUD", ((1, 2), (2, 5))),
)
NOTES = ("", "", "", "", "good table, two regs", "ran bad in big pots, stayed focused",
         'tired after 6h, "should have quit earlier"', "seat change to the 1 seat", "comped dinner",
         "stuck early, recovered", "tough lineup; left early")


def _dec(value: Decimal) -> str:
    text = format(value.quantize(Decimal("0.01")), "f")
    return text[:-3] if text.endswith(".00") else text


def session_rows(player: PlayerProfile, rng: random.Random, first_day: date, days: int) -> list[dict[str, str]]:
    """A player's logged sessions, oldest first, never overlapping."""
    rows: list[dict[str, str]] = []
    home = rng.choice(CASINOS)
    day = first_day + timedelta(days=rng.randint(0, 6))
    for _ in range(rng.randint(3, 14)):
        location, tz_name, currency, stakes_list = home if rng.random() < 0.8 else rng.choice(CASINOS)
        tz = ZoneInfo(tz_name)
        sb, bb = rng.choice(stakes_list)
        start = datetime(day.year, day.month, day.day, rng.randint(12, 21), rng.choice((0, 15, 30, 45)),
                         tzinfo=tz)
        end = start + timedelta(minutes=rng.randint(60, 600))
        buy_in = Decimal(bb * 100)
        rebuys = Decimal(bb * 100) * rng.choice((0, 0, 0, 0, 1, 2))
        swing = Decimal(rng.gauss(0, 60 * bb)).quantize(Decimal("1"))
        cash_out = max(Decimal(0), buy_in + rebuys + swing + Decimal(3 * bb))
        expenses = Decimal(rng.choice((0, 0, 5, 10, 20))) + Decimal(rng.choice((0, 0, 50))) / 100
        rows.append({
            "player": player.name,
            "started_at": start.isoformat(),
            "ended_at": end.isoformat(),
            "game": "holdem" if rng.random() < 0.85 else "omaha",
            "stakes": f"{sb}/{bb}",
            "currency": currency,
            "location": location,
            "buy_in": _dec(buy_in),
            "rebuys": _dec(rebuys),
            "cash_out": _dec(cash_out),
            "expenses": _dec(expenses),
            "notes": rng.choice(NOTES),
        })
        day += timedelta(days=rng.randint(1, max(2, days // 10)))
    return rows


def write_session_logs(out_dir: Path, pool: list[PlayerProfile], seed: int, first_day: date,
                       days: int) -> tuple[list[Path], int]:
    """Write one CSV per live-playing player; returns (files, session rows)."""
    rng = random.Random(f"pokerlake-live:{seed}:{len(pool)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    k = max(1, min(200, len(pool) // 4))
    chosen = sorted(rng.sample(range(len(pool)), k))
    files: list[Path] = []
    total = 0
    for pidx in chosen:
        rows = session_rows(pool[pidx], rng, first_day, days)
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        path = out_dir / f"live_{pool[pidx].name}.csv"
        path.write_text(buf.getvalue(), encoding="utf-8")
        files.append(path)
        total += len(rows)
    return files, total
