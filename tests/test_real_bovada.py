"""The Bovada parser against every real Bovada / Ignition / Bodog file of fpdb's regression set.

Read in place (never copied). Checks: every hand start is accounted for (parsed or quarantined,
counted independently here); only incomplete, cancelled or unsupported-game hands are
quarantined, and every flop-game hand that is complete parses; pot conservation, exact schemas
and sane positions on every parsed hand; `.hp` sidecars (none ship for Bovada today; any that
appear are checked like the Stars ones).
"""

from __future__ import annotations

import ast
import re
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from ingestion.parse import parse_file, parse_paths
from ingestion.schema import SCHEMAS

FPDB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real" / "fpdb-3" / \
    "regression-test-files"
DIRS = [FPDB / "cash" / "Bovada", FPDB / "tour" / "Bovada"]
SIDE_SUFFIXES = (".hp", ".hands", ".gt")
HAND_START = re.compile(r"^(?:Ignition|Bovada|Bodog)\S* Hand #", re.M)
ALLOWED = ("incomplete hand", "cancelled hand", "unsupported game")


def _files() -> list[Path]:
    return sorted(p for d in DIRS for p in d.rglob("*") if p.is_file()
                  and not p.name.endswith(SIDE_SUFFIXES))


def _count_hand_starts(path: Path) -> int:
    text = path.read_bytes().decode("utf-8", errors="replace")
    return len(HAND_START.findall(text.replace("\ufeff", "")))


@pytest.fixture(scope="module")
def result():
    if not FPDB.is_dir():
        pytest.fail(f"real data not found at {FPDB}")
    return parse_paths(DIRS)


def test_real_files_present() -> None:
    assert len(_files()) >= 28


def test_schemas_exact(result) -> None:
    for name, table in result.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False), name


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(FPDB)))
def test_every_hand_accounted_for(path: Path) -> None:
    r = parse_file(path)
    report = r.files[0]
    expected = _count_hand_starts(path)
    assert report.site == "bovada"
    assert report.hands_found == expected
    assert report.hands_parsed + report.hands_quarantined == expected
    assert r.tables["hands"].num_rows == report.hands_parsed
    reasons = r.tables["quarantine"]["reason"].to_pylist()
    for reason in reasons:
        assert reason.startswith(ALLOWED), (path.name, reason)
    if "/Flop/" in str(path):
        # every complete hold'em/omaha hand parses; the one concatenated file is incomplete
        assert all(x.startswith("incomplete hand") for x in reasons), reasons
        if "partial" not in path.name:
            assert report.hands_quarantined == 0, reasons
    else:
        assert reasons and all(x.startswith("unsupported game: 7 Card Stud") for x in reasons)


def test_pot_conservation_every_hand(result) -> None:
    hands = {(h["site"], h["hand_id"]): h for h in result.tables["hands"].to_pylist()}
    sums: dict[tuple, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for p in result.tables["hand_players"].to_pylist():
        key = (p["site"], p["hand_id"])
        sums[key][0] += p["collected"]
        sums[key][1] += p["invested"]
        assert p["net"] == p["collected"] - p["invested"]
        assert p["invested"] >= 0
    assert set(sums) == set(hands)
    for key, (collected, invested) in sums.items():
        h = hands[key]
        assert collected - invested == -(h["rake"] + h["fees"]), key
        assert h["rake"] >= 0
        if h["is_tournament"]:
            assert h["rake"] == 0, key


def test_positions_sane(result) -> None:
    by_hand: dict[str, list[dict]] = defaultdict(list)
    for p in result.tables["hand_players"].to_pylist():
        by_hand[p["hand_id"]].append(p)
    for hand_id, rows in by_hand.items():
        positions = [r["position"] for r in rows if r["position"] is not None]
        counts = Counter(positions)
        assert all(c == 1 for c in counts.values()), (hand_id, positions)
        if len(positions) >= 3:
            assert counts["BTN"] + counts.get("SB", 0) >= 1, (hand_id, positions)
        if len(positions) == 2:
            assert sorted(positions) == ["BB", "SB"], (hand_id, positions)
        assert sum(r["is_hero"] for r in rows) <= 1
        for r in rows:
            assert r["player"] == "Hero" if r["is_hero"] else r["player"] == f"Seat {r['seat']}"


def test_header_fields(result) -> None:
    hands = result.tables["hands"].to_pylist()
    assert {h["game"] for h in hands} == {"holdem", "omaha", "omaha_hilo"}
    assert {h["limit_type"] for h in hands} == {"nl", "pl", "fl"}
    for h in hands:
        assert h["site"] == "bovada" and h["parser_version"] == "bovada/1"
        assert h["started_at"] is not None
        assert h["big_blind"] > 0 and h["small_blind"] > 0
        assert h["currency"] == ("chips" if h["is_tournament"] else "USD")
        assert h["board"] is None or len(h["board"].split()) in (3, 4, 5)


def test_known_hands(result) -> None:
    hands = {h["hand_id"]: h for h in result.tables["hands"].to_pylist()}
    players = {(p["hand_id"], p["player"]): p for p in result.tables["hand_players"].to_pylist()}
    # Fixed limit, two winners split the pot, rake = total pot - collected
    flhe = hands["3183548059"]
    assert (flhe["small_blind"], flhe["big_blind"], flhe["rake"]) == (15, 30, 3)
    assert players[("3183548059", "Seat 5")]["net"] == Decimal(381 - 240)
    assert players[("3183548059", "Seat 2")]["three_bet"]
    # Zone poker: no Total Pot line, rake is what was put in minus what was collected
    zone = hands["3581708086"]
    assert zone["rake"] == Decimal("0.27") and zone["table_name"] == "Zone Poker ID 1205"
    # MVS table, times in UTC
    mvs = hands["4107052743"]
    assert mvs["started_at"].hour == 11 and mvs["rake"] == 4
    # old format without street markers: streets inferred from the betting
    plo8 = hands["2641146259"]
    assert plo8["game"] == "omaha_hilo" and plo8["limit_type"] == "fl"
    streets = Counter(a["street"] for a in result.tables["actions"].to_pylist()
                      if a["hand_id"] == "2641146259")
    assert streets == {"preflop": 10, "flop": 4, "turn": 5, "river": 3}
    # repeated (corrupted) lines are read once
    dup = [p for k, p in players.items() if k[0] == "3152355148"]
    assert sorted(p["collected"] for p in dup if p["collected"]) == [1630, 1630]


def test_tournament_rows(result) -> None:
    t = {r["tournament_id"]: r for r in result.tables["tournaments"].to_pylist()}
    double_up = t["14303391"]
    assert (double_up["hero"], double_up["finish"], double_up["prize"], double_up["currency"]) == \
        ("Hero", 1, Decimal(9), "USD")
    assert t["1235263"]["finish"] == 39
    for r in t.values():
        assert r["site"] == "bovada" and r["parser_version"] == "bovada/1"


# ---------------------------------------------------------------- fpdb sidecars (if any)
def _literal(path: Path) -> dict:
    text = path.read_text(errors="replace")
    text = re.sub(r"\bu'", "'", text)
    text = re.sub(r"datetime\.datetime\(([^)]*?),\s*tzinfo=pytz\.utc\)", r"'\1'", text)
    return ast.literal_eval(text)


def _fpdb_positions(rows: list[dict]) -> dict[str, object]:
    order = ["UTG", "UTG1", "UTG2", "UTG3", "LJ", "HJ", "CO", "BTN"]
    others = sorted((r for r in rows if r["position"] in order), key=lambda r: order.index(r["position"]))
    out: dict[str, object] = {r["player"]: len(others) - 1 - i for i, r in enumerate(others)}
    for r in rows:
        if r["position"] in ("SB", "BB"):
            out[r["player"]] = r["position"][0]
    return out


def test_hp_sidecars_first_hand() -> None:
    for hp in sorted(p for d in DIRS for p in d.rglob("*.hp") if "/Flop/" in str(p)):
        expected = _literal(hp)
        r = parse_file(hp.with_suffix(""))
        first = r.tables["hands"]["hand_id"][0].as_py()
        rows = [x for x in r.tables["hand_players"].to_pylist() if x["hand_id"] == first]
        assert {x["player"] for x in rows} == set(expected), hp.name
        positions = _fpdb_positions(rows)
        for x in rows:
            e = expected[x["player"]]
            assert int(x["starting_stack"] * 100) == e["startCash"]
            assert int(x["net"] * 100) == e["totalProfit"]
            assert (x["vpip"], x["pfr"], x["three_bet"], x["saw_showdown"]) == (
                e["street0VPI"], e["street0Aggr"], e["street0_3BDone"], e["sawShowdown"])
            assert positions[x["player"]] == e["position"]
