"""The Winamax parser against every real Winamax file of fpdb's regression set (read in place).

Checks: every hand start is accounted for (parsed or quarantined, counted independently here);
only unsupported-game hands are quarantined (stud, razz, draw); pot conservation, sane
positions and exact schemas on every parsed hand; fpdb's `.hp` and `.hands` sidecars agree
with our output on the first hand of their file; summaries and the saved tournament page fill
`tournaments`.
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
DIRS = [FPDB / "cash" / "Winamax", FPDB / "tour" / "Winamax"]
SUMMARIES = FPDB / "summaries" / "Winamax"
SIDE_SUFFIXES = (".hp", ".hands", ".gt")
HAND_START = re.compile(r"^Winamax Poker - .*HandId: #", re.M)


def _files() -> list[Path]:
    return sorted(p for d in DIRS for p in d.rglob("*") if p.is_file()
                  and not p.name.endswith(SIDE_SUFFIXES))


def _count_hand_starts(path: Path) -> int:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return len(HAND_START.findall(text.replace("\ufeff", "")))


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
    expected = _count_hand_starts(path)
    assert expected >= 1
    assert report.site == "winamax"
    assert report.hands_found == expected
    assert report.hands_parsed + report.hands_quarantined == expected
    reasons = r.tables["quarantine"]["reason"].to_pylist()
    if "/Flop/" in str(path):  # every complete hold'em/omaha hand parses
        assert report.hands_parsed == expected, reasons
    else:
        assert report.hands_quarantined == expected
        assert all(x.startswith("unsupported game") for x in reasons), reasons


def test_unsupported_games_named(result) -> None:
    reasons = " ".join(q["reason"] for q in result.tables["quarantine"].to_pylist())
    for name in ("7-Card Stud", "7stud", "Razz", "2-7 Triple Draw"):
        assert f"unsupported game: {name}" in reasons


def test_pot_conservation_every_hand(result) -> None:
    hands = {h["hand_id"]: h for h in result.tables["hands"].to_pylist()}
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for p in result.tables["hand_players"].to_pylist():
        sums[p["hand_id"]][0] += p["collected"]
        sums[p["hand_id"]][1] += p["invested"]
        assert p["net"] == (p["cashout"] if p["cashout"] is not None else p["collected"]) - p["invested"]
        assert p["invested"] >= 0 and p["collected"] >= 0
    assert set(sums) == set(hands)
    for key, (collected, invested) in sums.items():
        h = hands[key]
        assert collected - invested == -(h["rake"] + h["fees"]), key
        assert h["total_pot"] == invested - h["fees"], key


def test_positions_sane(result) -> None:
    by_hand: dict[str, list[dict]] = defaultdict(list)
    for p in result.tables["hand_players"].to_pylist():
        by_hand[p["hand_id"]].append(p)
    for hand_id, rows in by_hand.items():
        positions = [r["position"] for r in rows if r["position"] is not None]
        counts = Counter(positions)
        assert all(c == 1 for c in counts.values()), (hand_id, positions)
        if len(positions) >= 3:
            assert counts["BTN"] == 1 and counts["BB"] == 1, (hand_id, positions)
        if len(positions) == 2:
            assert sorted(positions) == ["BB", "SB"], (hand_id, positions)
        for r in rows:
            if r["position"] is None:
                assert r["invested"] == 0 and not r["vpip"], (hand_id, r["player"])


def test_hand_fields(result) -> None:
    hands = result.tables["hands"].to_pylist()
    for h in hands:
        assert h["site"] == "winamax" and h["parser_version"] == "winamax/1"
        assert re.fullmatch(r"\d+-\d+-\d+", h["hand_id"])
        assert h["started_at"] is not None and h["started_at"].tzinfo is not None
        assert h["currency"] == "chips" if h["is_tournament"] else h["currency"] in ("EUR", "play")
        assert (h["tournament_id"] is not None) == h["is_tournament"]
    games = Counter((h["game"], h["limit_type"]) for h in hands)
    assert {("holdem", "nl"), ("omaha", "pl"), ("omaha5", "pl"), ("omaha_hilo", "pl")} <= set(games)
    for a in result.tables["actions"].to_pylist():
        assert a["parser_version"] == "winamax/1"


# ---------------------------------------------------------------- fpdb sidecars
def _literal(path: Path) -> dict:
    text = path.read_text(errors="replace")
    text = re.sub(r"\bu'", "'", text)
    text = re.sub(r"datetime\.datetime\(([^)]*?)\)", r"'\1'", text)
    return ast.literal_eval(text)


def _fpdb_positions(rows: list[dict]) -> dict[str, object]:
    order = ["UTG", "UTG1", "UTG2", "UTG3", "LJ", "HJ", "CO", "BTN"]
    others = sorted((r for r in rows if r["position"] in order), key=lambda r: order.index(r["position"]))
    out: dict[str, object] = {r["player"]: len(others) - 1 - i for i, r in enumerate(others)}
    for r in rows:
        if r["position"] == "SB":
            out[r["player"]] = "S"
        elif r["position"] == "BB":
            out[r["player"]] = "B"
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
        assert x["won_at_showdown"] == (e["wonAtSD"] > 0), x["player"]
        assert positions[x["player"]] == e["position"], x["player"]


def _encode_card(card: str) -> int:
    return "23456789TJQKA".index(card[0]) + 1 + "hdcs".index(card[1]) * 13


@pytest.mark.parametrize("sidecar", sorted(p for d in DIRS for p in d.rglob("*.hands")),
                         ids=lambda p: p.name)
def test_hands_sidecar_first_hand(sidecar: Path) -> None:
    expected = _literal(sidecar)
    r = parse_file(sidecar.with_suffix(""))
    hand = r.tables["hands"].to_pylist()[0]
    _, b, c = hand["hand_id"].split("-")
    assert b + c == expected["siteHandNo"]  # fpdb's (older) short form of the same number
    tid, table_no = re.search(r"\((\d+)\)#(\d+)$", hand["table_name"]).groups()
    assert f"{tid} {table_no}" == expected["tableName"]
    y, mo, d, h, mi, s = (int(x) for x in expected["startTime"].split(","))
    assert hand["started_at"] == datetime(y, mo, d, h, mi, s, tzinfo=UTC)
    board = [_encode_card(x) for x in (hand["board"] or "").split()]
    board += [0] * (5 - len(board))
    assert board == [expected[f"boardcard{i}"] for i in range(1, 6)]
    rows = [x for x in r.tables["hand_players"].to_pylist() if x["hand_id"] == hand["hand_id"]]
    assert sum(x["saw_flop"] for x in rows) == expected["playersAtStreet1"]
    assert sum(x["saw_showdown"] for x in rows) == expected["playersAtShowdown"]
    assert sum(x["vpip"] for x in rows) == expected["playersVpi"]
    assert len(rows) == expected["seats"]


# ---------------------------------------------------------------- money quirks on real hands
def _players(path: Path) -> dict[str, dict]:
    return {p["player"]: p for p in parse_file(path).tables["hand_players"].to_pylist()}


def test_uncalled_bet_taken_out_of_collected() -> None:
    p = _players(FPDB / "cash" / "Winamax" / "Flop" / "PLO-5max-EUR-2.00-4.00-201412.sb.oop.txt")
    hero = p["Hero"]
    assert (hero["invested"], hero["collected"], hero["net"]) == (Decimal(12), Decimal(28), Decimal(16))
    assert p["Incognito 2"]["invested"] == Decimal(2) and p["Incognito 2"]["position"] is not None


def test_half_chip_rounding_balanced() -> None:
    path = FPDB / "tour" / "Winamax" / "Flop" / "NLHE-Ticket-MTT-201010.raise.written.as.bet.preflop.txt"
    r = parse_file(path)
    p = {x["player"]: x for x in r.tables["hand_players"].to_pylist()}
    assert p["Player2"]["collected"] == Decimal(2570) and p["Player2"]["net"] == Decimal(1350)
    assert p["Player6"]["net"] == Decimal(-1220) and p["Player6"]["pfr"]
    assert r.tables["hands"]["total_pot"][0].as_py() == Decimal(2570)


def test_hi_lo_split() -> None:
    p = _players(FPDB / "cash" / "Winamax" / "Flop" / "PLO8-2max-play-0.05-0.10-201610.export.txt")
    assert p["Hero"]["collected"] == Decimal("0.46") and p["Player0"]["collected"] == Decimal("0.47")
    assert p["Hero"]["won_at_showdown"] and p["Player0"]["won_at_showdown"]


# ---------------------------------------------------------------- summaries
def test_tournament_summaries() -> None:
    r = parse_paths([SUMMARIES])
    for f in r.files:
        assert f.site == "winamax" and f.hands_found == 0 and f.hands_quarantined == 0, f.path
    rows = {t["tournament_id"]: t for t in r.tables["tournaments"].to_pylist()}
    assert len(rows) == 6
    cashed = rows["13828726"]  # cp1252 file, euro sign as byte 0x80
    assert (cashed["buy_in"], cashed["fee"], cashed["currency"]) == (Decimal("0.46"), Decimal("0.04"), "EUR")
    assert (cashed["hero"], cashed["finish"], cashed["prize"], cashed["players"]) == ("Hero", 3, Decimal("0.92"), 10)
    assert cashed["started_at"] == datetime(2011, 10, 31, 17, 11, 45, tzinfo=UTC)
    mtt = rows["191089502"]
    assert (mtt["name"], mtt["hero"], mtt["finish"], mtt["prize"], mtt["players"]) == \
        ("W SERIES Event 102", "I_LIMP_KQJT", 845, Decimal(0), 1743)
    unknown = rows["39203383"]  # "You finished in ... place"
    assert unknown["finish"] is None and unknown["prize"] is None
    page = rows["17045686"]  # saved winamax.fr page
    assert (page["buy_in"], page["fee"], page["players"]) == (Decimal(0), Decimal(0), 10)
    assert page["started_at"] == datetime(2012, 1, 15, 17, 10, tzinfo=UTC)
    for t in rows.values():
        assert t["parser_version"] == "winamax/1"


def test_tournaments_from_hands(result) -> None:
    rows = {t["tournament_id"]: t for t in result.tables["tournaments"].to_pylist()}
    eur = rows["1853325"]
    assert (eur["buy_in"], eur["fee"], eur["currency"]) == (Decimal("0.9"), Decimal("0.1"), "EUR")
    assert rows["5142226"]["buy_in"] == 0  # "Gratuit"
    assert rows["26220213"]["buy_in"] is None  # "Ticket only": value not stated
    assert rows["26220213"]["hero"] == "Hero"
