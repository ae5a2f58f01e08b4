"""The PartyPoker parser against every real Party file of fpdb's regression set (read in place).

Checks: every hand start is accounted for (parsed or quarantined, counted independently here);
only incomplete, cancelled or unsupported-game hands are quarantined; pot conservation and sane
positions on every parsed hand; the fpdb `.hp` sidecar agrees on its file's first hand; and the
money of each era's special cases (cash-out, silent posts, unseated players, summaries).
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
DIRS = [FPDB / "cash" / "PartyPoker", FPDB / "tour" / "PartyPoker"]
SIDE_SUFFIXES = (".hp", ".hands", ".gt")
HAND_START = re.compile(r"^\s*\*{5} Hand History [Ff]or Game \w+ \*{5}", re.M)
ALLOWED_REASONS = ("incomplete hand", "cancelled hand", "unsupported game")
D = Decimal


def _files() -> list[Path]:
    return sorted(p for d in DIRS for p in d.rglob("*") if p.is_file()
                  and not p.name.endswith(SIDE_SUFFIXES))


def _count_hand_starts(path: Path) -> int:
    text = path.read_bytes().decode("utf-8", errors="replace").replace("\x00", "")
    return len(HAND_START.findall(text.replace("\ufeff", "")))


@pytest.fixture(scope="module")
def result():
    if not FPDB.is_dir():
        pytest.fail(f"real data not found at {FPDB}")
    return parse_paths(DIRS)


def _players(res, hand_id: str | None = None) -> dict[str, dict]:
    rows = res.tables["hand_players"].to_pylist()
    if hand_id is None:
        hand_id = res.tables["hands"]["hand_id"][0].as_py()
    return {p["player"]: p for p in rows if p["hand_id"] == hand_id}


def test_real_files_present() -> None:
    assert len(_files()) >= 30


def test_schemas_exact(result) -> None:
    for name, table in result.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False), name


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(FPDB)))
def test_every_hand_accounted_for(path: Path) -> None:
    res = parse_file(path)
    report = res.files[0]
    expected = _count_hand_starts(path)
    assert expected >= 1
    assert report.site in ("partypoker", "pokerstars")
    assert report.hands_found == expected
    assert report.hands_parsed + report.hands_quarantined == expected
    assert res.tables["hands"].num_rows == report.hands_parsed
    for reason in res.tables["quarantine"]["reason"].to_pylist():
        assert reason.startswith(ALLOWED_REASONS), (path.name, reason)
    if "/Flop/" in str(path):
        if "double.holdem" in path.name:  # three hole cards and a point card: not hold'em
            assert res.tables["quarantine"]["reason"][0].as_py() == "unsupported game: Double Hold'em"
        else:  # every complete hold'em / omaha / short-deck hand parses
            assert report.hands_quarantined == 0, res.tables["quarantine"]["reason"].to_pylist()
    else:
        assert report.hands_parsed == 0
        assert res.tables["quarantine"]["reason"][0].as_py().startswith("unsupported game: 7 Card Stud")


def test_pot_conservation_every_hand(result) -> None:
    hands = {h["hand_id"]: h for h in result.tables["hands"].to_pylist()}
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [D(0), D(0)])
    for p in result.tables["hand_players"].to_pylist():
        sums[p["hand_id"]][0] += p["collected"]
        sums[p["hand_id"]][1] += p["invested"]
        expected_net = (p["cashout"] if p["cashout"] is not None else p["collected"]) - p["invested"]
        assert p["net"] == expected_net
        assert p["invested"] >= 0 and p["collected"] >= 0
    assert set(sums) == set(hands)
    for hand_id, (collected, invested) in sums.items():
        h = hands[hand_id]
        assert collected - invested == -(h["rake"] + h["fees"]), hand_id
        assert h["rake"] >= 0
        if h["is_tournament"]:
            assert h["rake"] == 0, hand_id


def test_actions_match_invested(result) -> None:
    put_in: dict[tuple, Decimal] = defaultdict(Decimal)
    for a in result.tables["actions"].to_pylist():
        put_in[(a["hand_id"], a["player"])] += a["amount"]
    for p in result.tables["hand_players"].to_pylist():
        assert p["invested"] <= put_in.get((p["hand_id"], p["player"]), D(0))


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
            assert counts["BB"] == 1, (hand_id, positions)
        for r in rows:
            if r["position"] is None:
                assert r["invested"] == 0 and not r["vpip"], (hand_id, r["player"])


def test_hand_fields(result) -> None:
    for h in result.tables["hands"].to_pylist():
        assert h["game"] in ("holdem", "omaha", "omaha_hilo", "shortdeck")
        assert h["limit_type"] in ("nl", "pl", "fl")
        assert h["started_at"] is not None
        assert (h["currency"] == "chips") == h["is_tournament"]
        assert h["parser_version"] == "partypoker/1"
        assert h["big_blind"] > 0 and h["small_blind"] > 0
    src = result.tables["hand_sources"].to_pylist()
    assert len(src) == result.tables["hands"].num_rows


def test_quarantine_and_sources_point_at_hand_starts(result) -> None:
    for row in result.tables["hand_sources"].to_pylist() + result.tables["quarantine"].to_pylist():
        with open(row["source_file"], "rb") as fh:
            fh.seek(row["source_offset"])
            assert fh.read(12).startswith(b"*****")


# ---------------------------------------------------------------- fpdb sidecar
def _literal(path: Path) -> dict:
    text = re.sub(r"\bu'", "'", path.read_text(errors="replace"))
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
    res = parse_file(hp.with_suffix(""))
    rows = list(_players(res).values())
    assert {r["player"] for r in rows} == set(expected)
    positions = _fpdb_positions(rows)
    for r in rows:
        e = expected[r["player"]]
        assert int(r["starting_stack"] * 100) == e["startCash"], r["player"]
        assert int(r["net"] * 100) == e["totalProfit"], r["player"]
        assert r["vpip"] == e["street0VPI"], r["player"]
        assert r["pfr"] == e["street0Aggr"], r["player"]
        assert r["three_bet"] == e["street0_3BDone"], r["player"]
        assert r["saw_showdown"] == e["sawShowdown"], r["player"]
        assert r["saw_flop"] == e["street1Seen"], r["player"]
        if r["position"] is not None:  # fpdb numbers seated players without actions too
            assert positions[r["player"]] == e["position"], r["player"]
        else:
            assert e["totalProfit"] == 0 and not e["street0VPI"]


# ---------------------------------------------------------------- special cases
CASH = FPDB / "cash" / "PartyPoker" / "Flop"
TOUR = FPDB / "tour" / "PartyPoker" / "Flop"


def test_cash_out_summary() -> None:
    res = parse_file(CASH / "PLO-6max-USD-0.10-0.25-202602.cash.out.txt")
    p = _players(res)
    assert p["Player2"]["cashout"] == D("23.01") and p["Player2"]["collected"] == 0
    assert p["Player2"]["invested"] == D("20.20") and p["Player2"]["net"] == D("2.81")
    assert p["Hero"]["invested"] == D("20.20") and p["Hero"]["collected"] == D("38.50")
    assert p["Hero"]["net"] == D("18.30")
    hand = res.tables["hands"].to_pylist()[0]
    assert hand["hand_id"] == "1770659766668adeb0h5qfm" and hand["rake"] == D("2")
    assert hand["game"] == "omaha" and hand["limit_type"] == "pl" and hand["currency"] == "USD"


def test_old_format_wins_include_uncalled_bets() -> None:
    res = parse_file(CASH / "NLHE-EUR-0.05-0.10-201011.Sample.txt")
    p = _players(res)
    assert p["Hero"]["invested"] == D("0.66") and p["Hero"]["collected"] == D("1.52")
    hand = res.tables["hands"].to_pylist()[0]
    assert (hand["currency"], hand["rake"], hand["total_pot"]) == ("EUR", D("0.1"), D("1.62"))
    assert hand["board"] == "5s 9d Ad"


def test_silent_post_both() -> None:
    p = _players(parse_file(CASH / "NLHE-6max-USD-0.05-0.10-201209.silent.post.both.txt"))
    assert p["Player2"]["invested"] == D("0.15") and not p["Player2"]["vpip"]
    assert p["Player4"]["collected"] == D("0.38")


def test_unseated_players_and_localized_amounts() -> None:
    res = parse_file(CASH / "NLHE-6max-USD-0.10-0.25-201212.unseated.big.blind.txt")
    p = _players(res)
    assert p["Player4"]["position"] == "BB" and p["Player4"]["starting_stack"] is None
    assert p["Player0"]["starting_stack"] == D("48.47")
    assert p["Player2"]["collected"] == D("0.60") and p["Player2"]["invested"] == D("0.25")
    p2 = _players(parse_file(CASH / "NLHE-USD-0.01-0.02-201105.Unseated.player.is.only.big.blind.txt"))
    assert p2["Unseated"]["collected"] == D("0.32") and p2["Player4"]["collected"] == D("0.32")
    assert p2["Player1"]["position"] is None  # sitting out


def test_partial_names_and_placeholder_merge() -> None:
    p = _players(parse_file(CASH / "NLHE-6max-USD-0.50-1.00-201301.partial.player.names.txt"))
    assert "Hero Name" in p and "Hero" not in p
    assert p["Hero Name"]["is_hero"] and p["Hero Name"]["hole_cards"] == "Ad 5d"
    assert p["Hero Name"]["net"] == D("0.57") and p["Player2"]["net"] == D("0.56")
    p2 = _players(parse_file(CASH / "PLO-2max-USD-0.50-1.00-201601.unknown.preamble.txt"))
    assert set(p2) == {"Jack0340", "zejnikogoj"}
    assert p2["zejnikogoj"]["seat"] == 2 and p2["zejnikogoj"]["position"] == "SB"


def test_short_deck_and_forced_all_in_blind() -> None:
    res = parse_file(CASH / "Short-Deck-6max-USD-1.00-1.00-201904.txt")
    hand = res.tables["hands"].to_pylist()[0]
    assert (hand["game"], hand["small_blind"], hand["big_blind"], hand["ante"]) == \
        ("shortdeck", D("1"), D("1"), D("1"))
    assert hand["rake"] == D("3")
    res2 = parse_file(CASH / "NLHE-USD-0.02-0.04-20100804.smallBlindIsForcedAllIn.txt")
    hand2 = res2.tables["hands"].to_pylist()[0]
    assert (hand2["small_blind"], hand2["big_blind"]) == (D("0.02"), D("0.04"))
    p = _players(res2)
    assert p["Player5"]["collected"] == D("0.02") and p["Hero"]["net"] == D("-0.01")


def test_old_tournaments_synthesize_blinds() -> None:
    res = parse_file(TOUR / "LHE-Freeroll-MTT-201207.txt")
    p = _players(res, "11932611928")
    assert p["Hero"]["position"] == "SB" and p["Player0"]["position"] == "BB"
    assert p["Player1"]["collected"] == 1800 and p["Player1"]["invested"] == 800
    hand = res.tables["hands"].to_pylist()[0]
    assert (hand["limit_type"], hand["small_blind"], hand["big_blind"]) == ("fl", 100, 200)
    t = res.tables["tournaments"].to_pylist()[0]
    assert (t["tournament_id"], t["hero"], t["finish"], t["buy_in"]) == ("71207318", "Hero", 2138, 0)
    lc = parse_file(TOUR / "NLHE-USD-MTT-215-201110.level.change.txt")
    hand = lc.tables["hands"].to_pylist()[0]
    assert (hand["small_blind"], hand["big_blind"]) == (100, 200)


def test_tournament_buy_ins() -> None:
    res = parse_paths([TOUR])
    rows = {t["tournament_id"]: t for t in res.tables["tournaments"].to_pylist()}
    assert (rows["15286975"]["buy_in"], rows["15286975"]["fee"]) == (30, 3)
    assert (rows["303344128"]["buy_in"], rows["303344128"]["fee"], rows["303344128"]["currency"]) == \
        (100, 9, "USD")
    assert rows["3282980"]["buy_in"] == 530
    assert rows["54322000"]["finish"] == 3
    assert rows["2481408818"]["site"] == "pokerstars"  # a Stars hand converted to Party text
    for t in rows.values():
        assert t["parser_version"] == "partypoker/1"


def test_summary_rounding_and_uncalled() -> None:
    res = parse_file(TOUR / "NLHE-MTT-USD-50-5-202104.anon.txt")
    p = _players(res)
    assert p["Player7"]["collected"] == 39423920
    assert p["Player5"]["invested"] == 11389667
    res2 = parse_file(TOUR / "NLHE-MTT-USD-100-9-202104.anon.txt")
    p2 = _players(res2)
    assert p2["Player4"]["net"] == 3530625 and p2["Hero"]["net"] == -3079125
