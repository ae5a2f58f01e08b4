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
HERO_CARDS = {"alice": "As Ks", "bob": "Qh Qd", "carol": "7c 7d", "dave": "2s 3s", "erin": "Jc Tc",
              "frank": "9d 8d"}


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
                amount_units: int = 12_345, sha: str | None = None) -> FakeParseResult:
    """One "file" of hands seen by `hero`; `show_cards` maps other players to their shown cards."""
    path = str(path)
    sha = sha or hashlib.sha256(f"{path}|{version}|{hand_ids}".encode()).hexdigest()
    players = [hero, *[p for p in PLAYERS if p != hero][: players_per_hand - 1]]
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
            cards = HERO_CARDS[p] if p == hero else show_cards.get(p)
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


class FakeParser:
    """Stands in for `ingestion.parse` (parse_paths, current_parser_version) over real small files.

    Each `add_file` writes a real file (so the loader's sha256 is the file's) and registers the
    tables a parser would return for it; `set_version` simulates a parser upgrade.
    """

    def __init__(self, monkeypatch, folder: Path) -> None:
        import ingestion.parse as parse_mod

        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.results: dict[str, FakeParseResult] = {}
        self.kwargs: dict[str, dict] = {}
        self.parsed: list[str] = []
        monkeypatch.setattr(parse_mod, "parse_paths", self.parse_paths)
        monkeypatch.setattr(parse_mod, "current_parser_version", self.current_parser_version)

    def add_file(self, name: str, hand_ids: list[int], **kw) -> Path:
        path = (self.folder / name).resolve()
        path.write_text(f"fake hand history {name} {hand_ids} {sorted(kw.items())}\n")
        self.kwargs[str(path)] = dict(kw, hand_ids=hand_ids)
        self._build(path)
        return path

    def set_version(self, path: Path, version: str, **changes) -> None:
        """The parser now reads `path` as `version` (and emits rows changed as given)."""
        self.kwargs[str(path)].update(changes, version=version)
        self._build(path)

    def _build(self, path: Path) -> None:
        kw = dict(self.kwargs[str(path)])
        hand_ids = kw.pop("hand_ids")
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        if "session_players" in kw:
            self.results[str(path)] = sessions_tables(path, kw["session_players"], sha=sha)
        else:
            self.results[str(path)] = file_tables(path, hand_ids, sha=sha, **kw)

    def parse_paths(self, paths, workers: int = 1, progress=None):
        out = []
        for p in paths:
            key = str(Path(p).resolve())
            self.parsed.append(key)
            result = self.results[key]
            out.append(result)
            if progress is not None:
                progress(result.files[0])
        return combine(*out)

    def current_parser_version(self, path) -> str:
        return self.kwargs[str(Path(path).resolve())].get("version", PARSER_VERSION)


def sessions_tables(path: str | Path, players: list[str], *, sha: str, version: str = "sessions/1") -> FakeParseResult:
    """A live-session log: one session per player, bought in 100.0050 and cashed out 250.1234."""
    path = str(path)
    n = len(players)
    cols = {"player": players, "started_at": [T0 + timedelta(days=i) for i in range(n)],
            "ended_at": [T0 + timedelta(days=i, hours=4) for i in range(n)], "game": ["holdem"] * n,
            "stakes": ["1/2"] * n, "currency": ["EUR"] * n, "location": ["Casino"] * n,
            "buy_in": [1_000_050] * n, "rebuys": [0] * n, "cash_out": [2_501_234] * n, "expenses": [0] * n,
            "notes": [None] * n, "source_file": [path] * n, "source_line": list(range(2, n + 2))}
    tables = {name: SCHEMAS[name].empty_table() for name in PARSED_TABLES}
    tables["sessions"] = _table("sessions", cols)
    report = FakeFileReport(path=path, sha256=sha, bytes=100 * n, site="sessions", hands_found=n, hands_parsed=n,
                            hands_quarantined=0, parser_version=version, started_at=T0,
                            finished_at=T0 + timedelta(seconds=1))
    return FakeParseResult(tables=tables, files=[report])
