"""The WPN ("Winning") parser against every real WPN file of fpdb's regression set (read in place).

Checks: every hand start is accounted for (parsed or quarantined, counted independently here);
only incomplete, cancelled or unsupported-game (stud) hands are quarantined; pot conservation
and sane positions on every parsed hand; both text formats, UTF-16 files, tournaments and the
web tournament report.
"""

from __future__ import annotations

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
DIRS = [FPDB / "cash" / "Winning", FPDB / "tour" / "Winning"]
REPORT = FPDB / "summaries" / "Winning" / "PlayerTransactionHistory.html"
# counted independently of the parser: old hands start "Game ID: N", new ones "Hand #N - "
STARTS = re.compile(r"^(?:Game ID: \d+|(?:Game )?Hand #\d+ - )", re.M)
ALLOWED_REASONS = ("incomplete hand", "cancelled hand", "unsupported game")


def _files() -> list[Path]:
    return sorted(p for d in DIRS for p in d.rglob("*") if p.is_file())


def _text(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


@pytest.fixture(scope="module")
def result():
    if not FPDB.is_dir():
        pytest.fail(f"real data not found at {FPDB}")
    return parse_paths(DIRS)


def test_real_files_present() -> None:
    assert len(_files()) >= 25


def test_schemas_exact(result) -> None:
    for name, table in result.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False), name


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(FPDB)))
def test_every_hand_accounted_for(path: Path) -> None:
    r = parse_file(path)
    report = r.files[0]
    expected = len(STARTS.findall(_text(path).replace("\r", "")))
    assert report.site == "winning"
    assert report.hands_found == expected
    assert report.hands_parsed + report.hands_quarantined == expected
    reasons = r.tables["quarantine"]["reason"].to_pylist()
    for reason in reasons:
        assert reason.startswith(ALLOWED_REASONS), (path.name, reason)
    if "Stud" in path.name:
        assert reasons and all(x.startswith("unsupported game") for x in reasons)
    elif "no.flop" not in path.name:  # that one hand's street order is corrupt
        assert report.hands_quarantined == 0, reasons


def test_pot_conservation_every_hand(result) -> None:
    hands = {h["hand_id"]: h for h in result.tables["hands"].to_pylist()}
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for p in result.tables["hand_players"].to_pylist():
        sums[p["hand_id"]][0] += p["collected"]
        sums[p["hand_id"]][1] += p["invested"]
        assert p["net"] == p["collected"] - p["invested"]
        assert p["invested"] >= 0
    assert set(sums) == set(hands)
    for hand_id, (collected, invested) in sums.items():
        h = hands[hand_id]
        assert collected - invested == -(h["rake"] + h["fees"]), hand_id


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
        for r in rows:
            if r["position"] is None:
                assert r["invested"] == 0 and not r["vpip"], (hand_id, r["player"])


def test_header_fields(result) -> None:
    hands = result.tables["hands"].to_pylist()
    for h in hands:
        assert h["site"] == "winning" and h["parser_version"] == "winning/1"
        assert h["started_at"] is not None
        assert (h["currency"] == "chips") == h["is_tournament"]
        assert (h["tournament_id"] is not None) == h["is_tournament"]
        assert len((h["board"] or "").split()) in (0, 3, 4, 5)
    assert {"holdem", "shortdeck", "omaha", "omaha_hilo"} <= {h["game"] for h in hands}
    assert {"USD", "play", "chips"} <= {h["currency"] for h in hands}
    by_id = {h["hand_id"]: h for h in hands}
    lo8 = by_id["78708209"]  # new format: "$20.00/$40.00" fixed limit = blinds 10/20, JP fee
    assert (lo8["limit_type"], lo8["small_blind"], lo8["big_blind"]) == ("fl", 10, 20)
    assert (lo8["rake"], lo8["fees"]) == (Decimal("0.96"), Decimal("0.04"))
    assert lo8["started_at"] == datetime(2019, 7, 18, 15, 13, 1, tzinfo=UTC)
    lhe = by_id["693968595"]  # old format: "2/4", big blind 2 -> fixed limit 1/2
    assert (lhe["limit_type"], lhe["small_blind"], lhe["big_blind"], lhe["rake"]) == \
        ("fl", 1, 2, Decimal("0.15"))
    assert by_id["1377529121"]["game"] == "shortdeck"
    assert by_id["1296393662"]["tournament_id"] == "27099516"
    assert by_id["695367612"]["tournament_id"] == "5732408"  # old format: from the file name


def test_walks_and_uncalled(result) -> None:
    players = {(p["hand_id"], p["player"]): p for p in result.tables["hand_players"].to_pylist()}
    walk = players[("784373412", "Player5")]  # no collect line: the summary's "won" is used
    assert (walk["invested"], walk["collected"], walk["net"]) == (Decimal("0.05"), Decimal("0.07"), Decimal("0.02"))
    p3 = players[("68217077", "Player3")]  # "raises $0.22 to $0.22", $0.12 returned
    assert (p3["invested"], p3["collected"]) == (Decimal("0.10"), Decimal("0.25"))
    assert p3["pfr"] and p3["vpip"]


def test_unnamed_player_is_the_unaccounted_seat(result) -> None:
    players = {(p["hand_id"], p["player"]): p for p in result.tables["hand_players"].to_pylist()}
    assert ("665312038", "") not in players
    p7 = players[("665312038", "Player7")]
    assert (p7["position"], p7["invested"]) == ("BB", Decimal(2))
    p3 = players[("665307190", "Player3")]
    assert (p3["collected"], p3["net"]) == (Decimal("20.37"), Decimal("10.15"))


def test_disconnected_allin_adds_nothing(result) -> None:
    players = {(p["hand_id"], p["player"]): p for p in result.tables["hand_players"].to_pylist()}
    p0 = players[("741631166", "Player0")]
    assert (p0["invested"], p0["collected"], p0["saw_showdown"]) == (Decimal(80), Decimal("198.5"), True)


def test_button_draw_cards_are_not_hole_cards(result) -> None:
    players = {(p["hand_id"], p["player"]): p for p in result.tables["hand_players"].to_pylist()}
    assert players[("82980175", "Hero")]["hole_cards"] == "Ks 9h 3d Th"
    assert players[("82980175", "Player3")]["hole_cards"] == "Td Ad Qd 4s"
    assert players[("82980175", "Player0")]["hole_cards"] is None


def test_web_tournament_report() -> None:
    r = parse_file(REPORT)
    assert r.files[0].site == "winning" and r.files[0].hands_found == 0
    rows = {t["tournament_id"]: t for t in r.tables["tournaments"].to_pylist()}
    assert len(rows) == 5
    t = rows["5731520"]
    assert (t["name"], t["buy_in"], t["fee"], t["currency"], t["hero"], t["prize"]) == \
        ("$5 Regular 9-Max", Decimal(5), Decimal("0.37"), "USD", "ChazDazzle", 0)
    assert t["started_at"] == datetime(2016, 8, 4, 16, 25, 41, tzinfo=UTC)
    assert rows["5732551"]["prize"] == Decimal("4.80")
