"""Contract-shaped tables for the loader tests, built without the parser.

The loader must not depend on parser details to be tested: these helpers make small, valid
`ingestion.schema` tables (exact decimals, UTC timestamps) for hands seen from one or more
observers, plus the `ParseResult`-like object the loader consumes, so a test can say exactly
which hands, players and hole cards a "file" contains.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa

from ingestion.money import decimal_array
from ingestion.schema import PARSED_TABLES, SCHEMAS

PARSER_VERSION = "test-1"
T0 = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
PLAYERS = ("alice", "bob", "carol", "dave", "erin", "frank")


@dataclass(frozen=True)
class FakeFileReport:
    """Same fields as `ingestion.parse.FileReport`."""

    path: str
    sha256: str
    bytes: int
    site: str | None
    hands_found: int
    hands_parsed: int
    hands_quarantined: int
    parser_version: str
    started_at: datetime
    finished_at: datetime


@dataclass
class FakeParseResult:
    tables: dict[str, pa.Table] = field(default_factory=dict)
    files: list[FakeFileReport] = field(default_factory=list)


def _table(name: str, cols: dict[str, list]) -> pa.Table:
    schema = SCHEMAS[name]
    arrays = []
    for f in schema:
        values = cols[f.name]
        if f.type == pa.decimal128(18, 4):
            arrays.append(decimal_array(values))
        else:
            arrays.append(pa.array(values, type=f.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def file_tables(path: str | Path, hand_ids: list[int], *, hero: str = "alice", site: str = "pokerstars",
                version: str = PARSER_VERSION, actions_per_hand: int = 4, quarantined: int = 0,
                players_per_hand: int = 3, show_cards: dict[str, str] | None = None,
                amount_units: int = 12_345) -> FakeParseResult:
    """One "file" of hands seen by `hero`; `show_cards` maps other players to their shown cards."""
    path = str(path)
    sha = hashlib.sha256(f"{path}|{version}|{hand_ids}".encode()).hexdigest()
    players = [hero] + [p for p in PLAYERS if p != hero][: players_per_hand - 1]
    show_cards = show_cards or {}
    h: dict[str, list] = {f.name: [] for f in SCHEMAS["hands"]}
    hp: dict[str, list] = {f.name: [] for f in SCHEMAS["hand_players"]}
    ac: dict[str, list] = {f.name: [] for f in SCHEMAS["actions"]}
    hs: dict[str, list] = {f.name: [] for f in SCHEMAS["hand_sources"]}
    q: dict[str, list] = {f.name: [] for f in SCHEMAS["quarantine"]}
    for i, hid in enumerate(hand_ids):
        hid_s = str(hid)
        row = dict(site=site, hand_id=hid_s, game="holdem", limit_type="nl", is_tournament=False,
                   tournament_id=None, currency="USD", small_blind=500, big_blind=1000, ante=0,
                   started_at=T0 + timedelta(minutes=hid % 100_000), table_name="T1", max_seats=6,
                   button_seat=1, board="Ah Kd 2c 7s 9h", board2=None, total_pot=amount_units * 3,
                   rake=amount_units // 10, fees=0, parser_version=version)
        for k, v in row.items():
            h[k].append(v)
        for s, p in enumerate(players, start=1):
            cards = "As Ks" if p == hero else show_cards.get(p)
            prow = dict(site=site, hand_id=hid_s, player=p, seat=s, position=("BTN", "SB", "BB")[s % 3],
                        is_hero=p == hero, starting_stack=1_000_000 + 1, hole_cards=cards,
                        invested=amount_units, collected=amount_units * 2 if s == 1 else 0,
                        cashout=None, net=amount_units if s == 1 else -amount_units,
                        vpip=True, pfr=s == 1, three_bet=False, saw_flop=True, saw_showdown=False,
                        won_at_showdown=False, parser_version=version)
            for k, v in prow.items():
                hp[k].append(v)
        for seq in range(actions_per_hand):
            arow = dict(site=site, hand_id=hid_s, seq=seq, street="preflop", player=players[seq % len(players)],
                        action="call", amount=amount_units, raise_to=None, is_all_in=False,
                        parser_version=version)
            for k, v in arow.items():
                ac[k].append(v)
        srow = dict(site=site, hand_id=hid_s, source_sha256=sha, observer=hero, source_file=path,
                    source_offset=i * 1000, parser_version=version)
        for k, v in srow.items():
            hs[k].append(v)
    for j in range(quarantined):
        qrow = dict(source_file=path, source_offset=10_000_000 + j, site=site,
                    reason=f"incomplete hand: no summary (line {j + 1})", raw=f"PokerStars Hand #{j}...",
                    source_sha256=sha, parser_version=version)
        for k, v in qrow.items():
            q[k].append(v)
    tables = {n: SCHEMAS[n].empty_table() for n in PARSED_TABLES}
    tables["hands"] = _table("hands", h)
    tables["hand_players"] = _table("hand_players", hp)
    tables["actions"] = _table("actions", ac)
    tables["hand_sources"] = _table("hand_sources", hs)
    tables["quarantine"] = _table("quarantine", q)
    report = FakeFileReport(path=path, sha256=sha, bytes=1000 * len(hand_ids) + 1, site=site,
                            hands_found=len(hand_ids) + quarantined, hands_parsed=len(hand_ids),
                            hands_quarantined=quarantined, parser_version=version,
                            started_at=T0, finished_at=T0 + timedelta(seconds=1))
    return FakeParseResult(tables=tables, files=[report])


def combine(*results: FakeParseResult) -> FakeParseResult:
    out = FakeParseResult()
    for name in PARSED_TABLES:
        out.tables[name] = pa.concat_tables([r.tables[name] for r in results]) if results else \
            SCHEMAS[name].empty_table()
    for r in results:
        out.files.extend(r.files)
    return out
