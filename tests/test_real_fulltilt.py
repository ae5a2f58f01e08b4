"""The Full Tilt parser against every real Full Tilt (FTP) file of fpdb's regression set.

Read in place (never copied). Checks: every hand start is accounted for (parsed or quarantined,
counted independently here); only incomplete, cancelled or unsupported-game hands are
quarantined and every complete flop-game hand parses; pot conservation, exact schemas and sane
positions on every parsed hand; fpdb's `.hp` (per player) and `.hands` (per hand) sidecars agree
with our output on the first hand of their file; tournament summaries fill `tournaments`.
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
from ingestion.parsers.base import decode
from ingestion.schema import SCHEMAS

FPDB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real" / "fpdb-3" / \
    "regression-test-files"
DIRS = [FPDB / "cash" / "FTP", FPDB / "tour" / "FTP"]
SUMMARIES = FPDB / "summaries" / "FTP"
SIDE_SUFFIXES = (".hp", ".hands", ".gt")
HAND_START = re.compile(r"^(?:Full Tilt Poker|FullTiltPoker) Game #\d+", re.M)
ALLOWED = ("incomplete hand", "cancelled hand", "unsupported game")


def _files() -> list[Path]:
    return sorted(p for d in DIRS for p in d.rglob("*") if p.is_file()
                  and not p.name.endswith(SIDE_SUFFIXES))


def _count_hand_starts(path: Path) -> int:
    text, _, _ = decode(path.read_bytes())
    return len(HAND_START.findall(text.replace("\ufeff", "")))


@pytest.fixture(scope="module")
def result():
    if not FPDB.is_dir():
        pytest.fail(f"real data not found at {FPDB}")
    return parse_paths(DIRS)


def test_real_files_present() -> None:
    assert len(_files()) >= 43


def test_schemas_exact(result) -> None:
    for name, table in result.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False), name


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(FPDB)))
def test_every_hand_accounted_for(path: Path) -> None:
    r = parse_file(path)
    report = r.files[0]
    expected = _count_hand_starts(path)
    assert report.site == "fulltilt"
    assert report.hands_found == expected
    assert report.hands_parsed + report.hands_quarantined == expected
    assert r.tables["hands"].num_rows == report.hands_parsed
    reasons = r.tables["quarantine"]["reason"].to_pylist()
    for reason in reasons:
        assert reason.startswith(ALLOWED), (path.name, reason)
    if "/Flop/" in str(path):
        # every complete flop-game hand parses (one Matrix hand is cut after its header)
        assert all(x.startswith("incomplete hand") for x in reasons), reasons
    elif "/Mix/" not in str(path):
        assert all(x.startswith("unsupported game") for x in reasons) and len(reasons) == expected


def test_mixed_table_keeps_flop_games() -> None:
    r = parse_file(FPDB / "cash" / "FTP" / "Mix" / "10Game-6max-USD-2.50-5.201104.Sample.txt")
    games = Counter((h["game"], h["limit_type"]) for h in r.tables["hands"].to_pylist())
    assert games == {("holdem", "fl"): 10, ("omaha", "pl"): 10, ("holdem", "nl"): 3,
                     ("omaha_hilo", "fl"): 1}
    reasons = Counter(r.tables["quarantine"]["reason"].to_pylist())
    assert reasons["unsupported game: Limit Razz"] == 10
    assert all(x.startswith("unsupported game") for x in reasons)


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
        assert h["total_pot"] == invested, key


def test_positions_sane(result) -> None:
    # Flipout hands post no blinds (everyone antes all in): positions are not meaningful there
    blindless = {h["hand_id"] for h in result.tables["hands"].to_pylist() if not h["big_blind"]}
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
            if r["position"] is None and hand_id not in blindless:
                assert r["invested"] == 0 and not r["vpip"], (hand_id, r["player"])


def test_header_fields(result) -> None:
    hands = result.tables["hands"].to_pylist()
    games = {h["game"] for h in hands}
    assert {"holdem", "omaha", "omaha_hilo", "omaha5"} <= games
    assert {h["limit_type"] for h in hands} == {"nl", "pl", "fl"}
    assert {h["currency"] for h in hands} == {"USD", "play", "chips"}
    for h in hands:
        assert h["site"] == "fulltilt" and h["parser_version"] == "fulltilt/1"
        assert h["started_at"] is not None
        assert h["currency"] == "chips" if h["is_tournament"] else h["currency"] != "chips"
        if h["is_tournament"]:
            assert h["tournament_id"].isdigit()


def test_known_hands(result) -> None:
    hands = {h["hand_id"]: h for h in result.tables["hands"].to_pylist()}
    players = {(p["hand_id"], p["player"]): p for p in result.tables["hand_players"].to_pylist()}
    rit = hands["31318697695"]  # run it twice, side pot
    assert rit["board"] == "2c As Jh 9h Kh" and rit["board2"] == "2c As Jh Th 5d"
    assert players[("31318697695", "Player1")]["collected"] == Decimal("153.95")
    courchevel = hands["32635413160"]
    assert (courchevel["game"], courchevel["currency"]) == ("omaha5", "play")
    assert courchevel["board"] == "9h 9s Kd 7h 7d"
    worded = hands["22488827305"]  # "15:13 ET - Wed, July 21, 2010"
    assert worded["started_at"] == datetime(2010, 7, 21, 19, 13, tzinfo=UTC)
    observed = [p for k, p in players.items() if k[0] == "1463159669"]
    assert not any(p["is_hero"] for p in observed) and {"Phil Ivey", "Gus Hansen"} <= {
        p["player"] for p in observed}
    flhe = hands["26321049583"]  # limit: header $1/$2 are the bets, blinds from the posts
    assert (flhe["small_blind"], flhe["big_blind"], flhe["rake"]) == (Decimal("0.5"), 1, Decimal("0.75"))
    assert ("26321049583", "Player4") not in players and ("26321049583", "Player5") not in players
    flipout = hands["34541726731"]
    assert flipout["total_pot"] == 27000 and flipout["is_tournament"]


def test_tournaments_from_hands_and_summaries() -> None:
    r = parse_paths([FPDB / "tour" / "FTP", SUMMARIES])
    by_name = {Path(f.path).name: f for f in r.files}
    for name, report in by_name.items():
        if "/summaries/" in report.path and name.endswith(".txt"):
            assert report.site == "fulltilt" and report.hands_found == 0, name
    assert by_name["HORSE-2max-SnG-USD-200604.xls"].hands_quarantined == 0
    t = {row["tournament_id"]: row for row in r.tables["tournaments"].to_pylist()}
    matrix = t["244669447"]
    assert (matrix["buy_in"], matrix["fee"], matrix["currency"], matrix["players"]) == (5, 0, "USD", 6)
    assert matrix["hero"] == "Hero" and matrix["finish"] in (1, 2)
    cashes = t["214976900"]
    assert (cashes["buy_in"], cashes["fee"], cashes["finish"], cashes["prize"]) == (
        2, Decimal("0.25"), 3, Decimal("3.6"))
    assert cashes["started_at"] == datetime(2011, 1, 27, 19, 35, tzinfo=UTC)
    ko = t["123103916"]
    assert (ko["bounty"], ko["players"], ko["finish"]) == (3, 1741, 890)
    token = t["130659004"]
    assert token["finish"] == 1 and token["prize"] is None  # a satellite token is not cash
    worded = t["173750000"]
    assert worded["started_at"] == datetime(2010, 7, 22, 2, 40, tzinfo=UTC)
    assert worded["prize"] == Decimal("85.8")
    play = t["247472173"]
    assert play["currency"] in ("play", None)
    rush = t["233183652"]  # "$4 + $0.40 Rush On Demand" from the hand header
    assert (rush["buy_in"], rush["fee"], rush["currency"]) == (4, Decimal("0.4"), "USD")
    for row in t.values():
        assert row["site"] == "fulltilt" and row["parser_version"] == "fulltilt/1"


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


def _sidecars(suffix: str) -> list[Path]:
    return sorted(p for d in DIRS for p in d.rglob(f"*{suffix}"))


@pytest.mark.parametrize("hp", _sidecars(".hp"), ids=lambda p: p.name)
def test_hp_sidecar_first_hand(hp: Path) -> None:
    r = parse_file(hp.with_suffix(""))
    if "/Flop/" not in str(hp):
        assert r.tables["quarantine"]["reason"][0].as_py().startswith("unsupported game")
        return
    expected = _literal(hp)
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
        assert x["seat"] == e["seatNo"]


def _encode_card(card: str) -> int:
    return "23456789TJQKA".index(card[0]) + 1 + "hdcs".index(card[1]) * 13


@pytest.mark.parametrize("sidecar", _sidecars(".hands"), ids=lambda p: p.name)
def test_hands_sidecar_first_hand(sidecar: Path) -> None:
    r = parse_file(sidecar.with_suffix(""))
    if "/Flop/" not in str(sidecar):
        assert r.tables["quarantine"]["reason"][0].as_py().startswith("unsupported game")
        return
    expected = _literal(sidecar)
    hand = r.tables["hands"].to_pylist()[0]
    assert hand["hand_id"] == expected["siteHandNo"]
    assert hand["table_name"] == expected["tableName"]
    y, mo, d, h, mi, s = ([int(x) for x in expected["startTime"].split(",")] + [0])[:6]
    assert hand["started_at"] == datetime(y, mo, d, h, mi, s, tzinfo=UTC)
    board = [_encode_card(c) for c in (hand["board"] or "").split()]
    board += [0] * (5 - len(board))
    assert board == [expected[f"boardcard{i}"] for i in range(1, 6)]
    rows = [x for x in r.tables["hand_players"].to_pylist() if x["hand_id"] == hand["hand_id"]]
    assert len(rows) == expected["seats"]
    assert sum(x["saw_flop"] for x in rows) == expected["playersAtStreet1"]
    assert sum(x["saw_showdown"] for x in rows) == expected["playersAtShowdown"]
    assert sum(x["vpip"] for x in rows) == expected["playersVpi"]
