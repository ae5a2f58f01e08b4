"""The 888 / Pacific parser against every real 888 file of fpdb's regression set (read in place).

Checks: every hand start is accounted for (parsed or quarantined, counted independently here);
only incomplete, cancelled or unsupported-game hands are quarantined; pot conservation and sane
positions on every parsed hand; fpdb's `.hp`/`.hands` sidecars agree with our output on the
first hand of their file; tournament summaries fill `tournaments`.
"""

from __future__ import annotations

import ast
import re
from collections import Counter, defaultdict
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from ingestion.parse import parse_file, parse_paths
from ingestion.schema import SCHEMAS

FPDB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real" / "fpdb-3" / \
    "regression-test-files"
DIRS = [FPDB / "cash" / "PacificPoker", FPDB / "tour" / "PacificPoker"]
SUMMARIES = FPDB / "summaries" / "PacificPoker"
SIDE_SUFFIXES = (".hp", ".hands", ".gt")
# counted independently of the parser: the title line of every hand
TITLE = re.compile(r"^\*{4,5} ?\S+ (?:\S+ )?Hand History for Game \d+", re.M)
ALLOWED_REASONS = ("incomplete hand", "cancelled hand", "unsupported game")


def _files() -> list[Path]:
    return sorted(p for d in DIRS for p in d.rglob("*") if p.is_file()
                  and not p.name.endswith(SIDE_SUFFIXES))


def _count(path: Path) -> int:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return len(TITLE.findall(text))


@pytest.fixture(scope="module")
def result():
    if not FPDB.is_dir():
        pytest.fail(f"real data not found at {FPDB}")
    return parse_paths(DIRS)


def test_real_files_present() -> None:
    assert len(_files()) >= 20


def test_schemas_exact(result) -> None:
    for name, table in result.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False), name


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(FPDB)))
def test_every_hand_accounted_for(path: Path) -> None:
    r = parse_file(path)
    report = r.files[0]
    expected = _count(path)
    assert report.site == "888"
    assert report.hands_found == expected
    assert report.hands_parsed + report.hands_quarantined == expected
    for reason in r.tables["quarantine"]["reason"].to_pylist():
        assert reason.startswith(ALLOWED_REASONS), (path.name, reason)
    if "cancelled" not in path.name:
        assert report.hands_quarantined == 0, r.tables["quarantine"]["reason"].to_pylist()


def test_cancelled_hand_quarantined_by_name() -> None:
    r = parse_file(FPDB / "cash" / "PacificPoker" / "Flop" /
                   "888-LHE-HU-USD-10-20-201202.cancelled.hand.txt")
    assert r.tables["quarantine"]["reason"][0].as_py().startswith("cancelled hand")


def test_pot_conservation_every_hand(result) -> None:
    hands = {h["hand_id"]: h for h in result.tables["hands"].to_pylist()}
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for p in result.tables["hand_players"].to_pylist():
        sums[p["hand_id"]][0] += p["collected"]
        sums[p["hand_id"]][1] += p["invested"]
        assert p["net"] == p["collected"] - p["invested"]
        assert p["invested"] >= 0 and p["collected"] >= 0
    assert set(sums) == set(hands)
    for hand_id, (collected, invested) in sums.items():
        h = hands[hand_id]
        assert collected - invested == -(h["rake"] + h["fees"]), hand_id
        assert h["rake"] >= 0
        if h["is_tournament"]:
            assert h["rake"] == 0


def test_positions_sane(result) -> None:
    by_hand: dict[str, list[dict]] = defaultdict(list)
    for p in result.tables["hand_players"].to_pylist():
        by_hand[p["hand_id"]].append(p)
    for hand_id, rows in by_hand.items():
        positions = [r["position"] for r in rows if r["position"] is not None]
        counts = Counter(positions)
        assert all(c == 1 for c in counts.values()), (hand_id, positions)
        if len(positions) == 2:
            assert sorted(positions) == ["BB", "SB"], (hand_id, positions)
        elif len(positions) >= 3:
            assert counts["BTN"] == 1 or counts["SB"] == 1, (hand_id, positions)


def test_header_fields(result) -> None:
    hands = result.tables["hands"].to_pylist()
    for h in hands:
        assert h["site"] == "888" and h["parser_version"] == "888/1"
        assert h["game"] in ("holdem", "omaha", "omaha_hilo")
        assert h["limit_type"] in ("nl", "pl", "fl")
        assert (h["currency"] == "chips") == h["is_tournament"]
        assert (h["tournament_id"] is not None) == h["is_tournament"]
    assert {"USD", "play", "chips"} <= {h["currency"] for h in hands}
    assert {"nl", "pl", "fl"} <= {h["limit_type"] for h in hands}
    by_id = {h["hand_id"]: h for h in hands}
    euro = by_id["896313800"]  # 888.ro: "8.000 $/16.000 $", no time
    assert (euro["small_blind"], euro["big_blind"], euro["started_at"]) == (Decimal(8000), Decimal(16000), None)
    assert by_id["441790927"]["started_at"] == datetime(2011, 3, 21, 23, 41, 31, tzinfo=UTC)


def test_localized_amounts_and_cards(result) -> None:
    players = {(p["hand_id"], p["player"]): p for p in result.tables["hand_players"].to_pylist()}
    assert players[("526119469", "Player0")]["starting_stack"] == Decimal("15788.50")
    assert players[("896313800", "Grazietutti")]["collected"] == Decimal("1183764")
    assert players[("332877236", "Hero")]["hole_cards"] == "8s Qs"          # "8Pik, QPik"
    assert players[("103581731", "Player1")]["hole_cards"] == "8c Ac"       # Russian "Т"
    hands = {h["hand_id"]: h for h in result.tables["hands"].to_pylist()}
    assert hands["526119469"]["board"] == "2d Js 7d"                      # Swedish "Kn"
    assert hands["103581731"]["board"] == "9s Jh 2s 5h Qc"


def test_uncalled_bets_and_collections(result) -> None:
    players = {(p["hand_id"], p["player"]): p for p in result.tables["hand_players"].to_pylist()}
    # raise folded to: the return is not inside "collected"
    p7 = players[("384829651", "Player7")]
    assert (p7["invested"], p7["collected"]) == (Decimal(80 + 400 + 400), Decimal(2240))
    # walk: the big blind's own unmatched half is inside "collected"
    bb = players[("385494443", "Player2")]
    assert (bb["invested"], bb["collected"], bb["net"]) == (Decimal(25), Decimal(75), Decimal(50))
    # all-in blind: the overcall comes back as an extra "collected" line
    hero = players[("418361264", "Hero")]
    assert (hero["invested"], hero["collected"]) == (Decimal(10), Decimal(0))
    hands = {h["hand_id"]: h for h in result.tables["hands"].to_pylist()}
    assert hands["418361264"]["rake"] == Decimal("1.25")
    # no pot awarded in a tournament: the last player takes it
    p4 = players[("424764397", "Player4")]
    assert (p4["collected"], p4["invested"]) == (Decimal(30 + 60 * 3 + 105 * 3 + 262 * 2), Decimal(60 + 105 + 262))


# ---------------------------------------------------------------- fpdb sidecars
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


@pytest.mark.parametrize("hp", sorted(p for d in DIRS for p in d.rglob("*.hp")), ids=lambda p: p.name)
def test_hp_sidecar_first_hand(hp: Path) -> None:
    expected = _literal(hp)
    r = parse_file(hp.with_suffix(""))
    first = r.tables["hands"]["hand_id"][0].as_py()
    rows = [x for x in r.tables["hand_players"].to_pylist() if x["hand_id"] == first]
    assert {x["player"] for x in rows} == set(expected)
    positions = _fpdb_positions(rows)
    for x in rows:
        e = expected[x["player"]]
        assert int(x["starting_stack"] * 100) == e["startCash"], x["player"]
        assert int(x["net"] * 100) == e["totalProfit"], x["player"]
        assert x["vpip"] == e["street0VPI"], x["player"]
        assert x["pfr"] == e["street0Aggr"], x["player"]
        assert x["three_bet"] == e["street0_3BDone"], x["player"]
        assert x["saw_showdown"] == e["sawShowdown"], x["player"]
        assert x["saw_flop"] == e["street1Seen"], x["player"]
        assert positions[x["player"]] == e["position"], x["player"]


def _encode_card(c: str) -> int:
    return "23456789TJQKA".index(c[0]) + 1 + "hdcs".index(c[1]) * 13


@pytest.mark.parametrize("sidecar", sorted(p for d in DIRS for p in d.rglob("*.hands")), ids=lambda p: p.name)
def test_hands_sidecar_first_hand(sidecar: Path) -> None:
    expected = _literal(sidecar)
    r = parse_file(sidecar.with_suffix(""))
    hand = r.tables["hands"].to_pylist()[0]
    assert hand["hand_id"] == expected["siteHandNo"]
    assert hand["table_name"] == expected["tableName"]
    y, mo, d, h, mi, s = (int(x) for x in expected["startTime"].split(","))
    assert hand["started_at"] == datetime(y, mo, d, h, mi, s, tzinfo=UTC)
    board = [_encode_card(c) for c in (hand["board"] or "").split()]
    assert board + [0] * (5 - len(board)) == [expected[f"boardcard{i}"] for i in range(1, 6)]
    rows = [x for x in r.tables["hand_players"].to_pylist() if x["hand_id"] == hand["hand_id"]]
    assert sum(x["saw_flop"] for x in rows) == expected["playersAtStreet1"]
    assert sum(x["saw_showdown"] for x in rows) == expected["playersAtShowdown"]
    assert sum(x["vpip"] for x in rows) == expected["playersVpi"]


# ---------------------------------------------------------------- tournaments
def test_tournaments_from_hands(result) -> None:
    rows = {t["tournament_id"]: t for t in result.tables["tournaments"].to_pylist()}
    assert (rows["38340077"]["buy_in"], rows["38340077"]["fee"], rows["38340077"]["currency"]) == \
        (Decimal("0.9"), Decimal("0.09"), "USD")
    assert (rows["133514588"]["buy_in"], rows["133514588"]["fee"]) == (Decimal("13.95"), Decimal("1.05"))
    assert (rows["36216773"]["buy_in"], rows["36216773"]["fee"]) == (0, 0)


def test_tournament_summaries() -> None:
    r = parse_paths([SUMMARIES])
    for report in r.files:
        assert report.site == "888" and report.hands_found == 0 and report.hands_quarantined == 0
    rows = {t["tournament_id"]: t for t in r.tables["tournaments"].to_pylist()}
    assert len(rows) == 5
    sng = rows["39132902"]
    assert (sng["buy_in"], sng["fee"], sng["currency"], sng["finish"], sng["players"], sng["hero"]) == \
        (Decimal("0.09"), Decimal("0.01"), "EUR", 3, 6, "Hero")
    assert (rows["38377169"]["buy_in"], rows["38377169"]["currency"]) == (Decimal(20), "USD")
    assert rows["28352940"]["currency"] == "play"
    assert (rows["30390859"]["buy_in"], rows["30390859"]["finish"]) == (0, 440)
    for t in rows.values():
        assert t["parser_version"] == "888/1"
