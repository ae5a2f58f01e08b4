"""The GGPoker parser against every real GGPoker file of fpdb's regression set (read in place).

Checks: every hand start is accounted for and parses (all of them are complete flop-game hands),
pot conservation, sane positions and exact schemas on every hand, and the format's money
quirks (straddles, ShortDeck button blind, run it two/three times, jackpot and cash-drop fees).
There are no fpdb `.hp`/`.hands` sidecars for GGPoker in the set; if some appear they are
checked on their file's first hand like the other sites'.
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
DIRS = [FPDB / "cash" / "GGPoker", FPDB / "tour" / "GGPoker"]
CASH = FPDB / "cash" / "GGPoker" / "Flop"
SIDE_SUFFIXES = (".hp", ".hands", ".gt")
HAND_START = re.compile(r"^Poker Hand #\w+:", re.M)
D = Decimal


def _files() -> list[Path]:
    return sorted(p for d in DIRS for p in d.rglob("*") if p.is_file()
                  and not p.name.endswith(SIDE_SUFFIXES))


def _count_hand_starts(path: Path) -> int:
    return len(HAND_START.findall(path.read_bytes().decode("utf-8-sig", errors="replace")))


@pytest.fixture(scope="module")
def result():
    if not FPDB.is_dir():
        pytest.fail(f"real data not found at {FPDB}")
    return parse_paths(DIRS)


def test_real_files_present() -> None:
    assert len(_files()) >= 11


def test_schemas_exact(result) -> None:
    for name, table in result.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False), name


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(FPDB)))
def test_every_hand_accounted_for(path: Path) -> None:
    r = parse_file(path)
    report = r.files[0]
    expected = _count_hand_starts(path)
    assert expected >= 1 and report.site == "ggpoker"
    assert report.hands_found == expected
    assert report.hands_parsed + report.hands_quarantined == expected
    reasons = r.tables["quarantine"]["reason"].to_pylist()
    assert all(x.startswith(("incomplete hand", "cancelled hand", "unsupported game")) for x in reasons)
    if "/Flop/" in str(path):
        assert report.hands_parsed == expected, reasons


def test_pot_conservation_every_hand(result) -> None:
    hands = {h["hand_id"]: h for h in result.tables["hands"].to_pylist()}
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [D(0), D(0)])
    for p in result.tables["hand_players"].to_pylist():
        sums[p["hand_id"]][0] += p["collected"]
        sums[p["hand_id"]][1] += p["invested"]
        assert p["net"] == (p["cashout"] if p["cashout"] is not None else p["collected"]) - p["invested"]
        assert p["invested"] >= 0
    assert set(sums) == set(hands)
    for key, (collected, invested) in sums.items():
        h = hands[key]
        assert collected - invested == -(h["rake"] + h["fees"]), key


def test_actions_sum_to_invested(result) -> None:
    put_in: dict[tuple, Decimal] = defaultdict(Decimal)
    for a in result.tables["actions"].to_pylist():
        put_in[(a["hand_id"], a["player"])] += a["amount"]
        assert a["amount"] >= 0
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
        if len(positions) >= 3:
            assert counts["BTN"] == 1, (hand_id, positions)
        if len(positions) == 2:
            assert sorted(positions) == ["BB", "SB"], (hand_id, positions)
        for r in rows:
            if r["position"] is None:
                assert r["invested"] == 0 and not r["vpip"], (hand_id, r["player"])
        assert sum(r["is_hero"] for r in rows) == 1 and any(r["player"] == "Hero" and r["is_hero"] for r in rows)


def test_hand_fields(result) -> None:
    hands = result.tables["hands"].to_pylist()
    for h in hands:
        assert h["site"] == "ggpoker" and h["parser_version"] == "ggpoker/1"
        assert re.fullmatch(r"[A-Z]{2}\d+", h["hand_id"])
        assert h["started_at"] is not None
        assert h["currency"] == ("chips" if h["is_tournament"] else "USD")
    games = {h["game"] for h in hands}
    assert {"holdem", "omaha", "omaha5", "shortdeck"} <= games
    first = next(h for h in hands if h["hand_id"] == "OM181427446")
    assert first["started_at"] == datetime(2020, 4, 14, 11, 56, 19, tzinfo=UTC)  # ET -> UTC


def test_tournaments_from_hands(result) -> None:
    rows = {t["tournament_id"]: t for t in result.tables["tournaments"].to_pylist()}
    assert rows["25313426"]["name"] == "H-04: $1,050 GGMasters High Rollers"
    assert rows["5948181"]["name"] == "High Rollers PLO Main Event $1K"
    assert all(t["hero"] == "Hero" and t["parser_version"] == "ggpoker/1" for t in rows.values())


# ---------------------------------------------------------------- money quirks on real hands
def _hand(path: Path, hand_id: str | None = None) -> tuple[dict, dict[str, dict], list[dict]]:
    r = parse_file(path)
    hands = r.tables["hands"].to_pylist()
    h = hands[0] if hand_id is None else next(x for x in hands if x["hand_id"] == hand_id)
    players = {p["player"]: p for p in r.tables["hand_players"].to_pylist() if p["hand_id"] == h["hand_id"]}
    actions = [a for a in r.tables["actions"].to_pylist() if a["hand_id"] == h["hand_id"]]
    return h, players, actions


def test_shortdeck_button_blind_and_straddles() -> None:
    h, p, acts = _hand(CASH / "NL-ShortDeck-5max-USD-0.2-202103.txt", "SD27208832")
    assert (h["small_blind"], h["big_blind"], h["ante"]) == (D("0.02"), D("0.02"), D("0.02"))
    straddles = [a["amount"] for a in acts if a["action"] == "post_straddle"]
    assert straddles == [D("0.02"), D("0.04"), D("0.04"), D("0.08")]  # "straddle $X" = total to X
    assert p["27925b27"]["invested"] == D("0.04") and p["27925b27"]["collected"] == D("0.12")
    assert p["f1da9c5a"]["position"] == "BTN"


def test_straddle_over_straddle_all_in() -> None:
    _, p, _ = _hand(CASH / "PLO5-6max-USD-0.1-0.25-202104.over.straddle.txt")
    assert p["9e7f64d4"]["invested"] == D("0.25") and p["9e7f64d4"]["net"] == D("0.35")


def test_run_it_three_times() -> None:
    h, p, _ = _hand(CASH / "PLO-6max-USD-2-5-202106.run.it.thrice.txt")
    assert h["board"] == "Js 5s Jd 7s 2s" and h["board2"] == "Js 5s Jd 4d Qs"
    assert (h["rake"], h["fees"]) == (D("7.5"), D(5))
    assert p["Hero"]["collected"] == D("315.3") and p["Hero"]["net"] == D("153.9")


def test_run_it_twice_split_and_jackpot() -> None:
    h, p, _ = _hand(CASH / "PLO5-6max-USD-2-5-202104.Jackpot.txt")
    assert h["board2"] == "5d 2h 6c 3d Td" and h["fees"] == D(5)
    assert p["Hero"]["collected"] == D("515.32") and p["3a59c1a9"]["collected"] == D("69.26")


def test_cash_drop_is_negative_fee() -> None:
    h, p, _ = _hand(CASH / "PLO-6max-USD-0.01-0.02-202104.STP.txt")
    assert (h["total_pot"], h["rake"], h["fees"]) == (D("2.81"), D("0.06"), D("-0.18"))
    assert p["291a0936"]["net"] == D("1.44")


def test_thousands_separators() -> None:
    h, p, _ = _hand(CASH / "PLO5-6max-USD-25-50-20210411.txt")
    assert p["43be033f"]["starting_stack"] == D("13611.97")
    assert p["Hero"]["collected"] == D("2746.6") and h["total_pot"] == D("2796.6")


# ---------------------------------------------------------------- fpdb sidecars, if any
def _literal(path: Path) -> dict:
    text = re.sub(r"\bu'", "'", path.read_text(errors="replace"))
    return ast.literal_eval(re.sub(r"datetime\.datetime\(([^)]*?)\)", r"'\1'", text))


def test_hp_sidecars_first_hand() -> None:
    """Every `.hp` sidecar beside a GG file (none in the set today) agrees on its first hand."""
    for hp in sorted(p for d in DIRS for p in d.rglob("*.hp")):
        expected = _literal(hp)
        r = parse_file(hp.with_suffix(""))
        first = r.tables["hands"]["hand_id"][0].as_py()
        rows = [x for x in r.tables["hand_players"].to_pylist() if x["hand_id"] == first]
        assert {x["player"] for x in rows} == set(expected), hp
        for x in rows:
            e = expected[x["player"]]
            assert int(x["starting_stack"] * 100) == e["startCash"], (hp, x["player"])
            assert int(x["net"] * 100) == e["totalProfit"], (hp, x["player"])
            assert (x["vpip"], x["pfr"], x["three_bet"], x["saw_showdown"]) == \
                (e["street0VPI"], e["street0Aggr"], e["street0_3BDone"], e["sawShowdown"]), hp
