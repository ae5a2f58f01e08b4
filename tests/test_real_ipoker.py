"""The iPoker XML parser against every real iPoker file of fpdb's regression set (read in place).

Checks: every `<game>` is accounted for (parsed or quarantined, counted independently here);
only incomplete or unsupported-game hands are quarantined; pot conservation and sane positions
on every parsed hand; the fpdb sidecars (beside stud files only) belong to quarantined hands;
and the money rules of each client era (uncalled bets inside or outside `win`, posts of both
blinds, antes, localized amounts, tournament headers).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from ingestion.parse import parse_file, parse_paths
from ingestion.schema import SCHEMAS

FPDB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real" / "fpdb-3" / \
    "regression-test-files"
DIRS = [FPDB / "cash" / "iPoker", FPDB / "tour" / "iPoker"]
SIDE_SUFFIXES = (".hp", ".hands", ".gt")
GAME_START = re.compile(r"<game\b[^>]*\bgamecode=")
ALLOWED_REASONS = ("incomplete hand", "cancelled hand", "unsupported game")
CASH = FPDB / "cash" / "iPoker" / "Flop"
TOUR = FPDB / "tour" / "iPoker" / "Flop"
D = Decimal


def _files() -> list[Path]:
    return sorted(p for d in DIRS for p in d.rglob("*") if p.is_file()
                  and not p.name.endswith(SIDE_SUFFIXES))


def _count_games(path: Path) -> int:
    return len(GAME_START.findall(path.read_bytes().decode("cp1252", errors="replace")))


@pytest.fixture(scope="module")
def result():
    if not FPDB.is_dir():
        pytest.fail(f"real data not found at {FPDB}")
    return parse_paths(DIRS)


def _players(res, hand_id: str | None = None) -> dict[str, dict]:
    if hand_id is None:
        hand_id = res.tables["hands"]["hand_id"][0].as_py()
    return {p["player"]: p for p in res.tables["hand_players"].to_pylist() if p["hand_id"] == hand_id}


def _hand(res, hand_id: str) -> dict:
    return next(h for h in res.tables["hands"].to_pylist() if h["hand_id"] == hand_id)


def test_real_files_present() -> None:
    assert len(_files()) >= 20


def test_schemas_exact(result) -> None:
    for name, table in result.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False), name


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(FPDB)))
def test_every_hand_accounted_for(path: Path) -> None:
    res = parse_file(path)
    report = res.files[0]
    expected = _count_games(path)
    assert expected >= 1
    assert report.site == "ipoker"
    assert report.hands_found == expected
    assert report.hands_parsed + report.hands_quarantined == expected
    reasons = res.tables["quarantine"]["reason"].to_pylist()
    for reason in reasons:
        assert reason.startswith(ALLOWED_REASONS), (path.name, reason)
    if "/Stud/" in str(path):
        assert report.hands_parsed == 0
        assert all(r.startswith("unsupported game: ") and "Stud" in r for r in reasons)
    elif "partial.format" in path.name:  # the export lists only the blinds of each game
        assert report.hands_parsed == 0 and all(r.startswith("incomplete hand") for r in reasons)
    else:  # every complete flop-game hand parses
        assert report.hands_quarantined == 0, reasons


def test_pot_conservation_every_hand(result) -> None:
    hands = {h["hand_id"]: h for h in result.tables["hands"].to_pylist()}
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [D(0), D(0)])
    for p in result.tables["hand_players"].to_pylist():
        sums[p["hand_id"]][0] += p["collected"]
        sums[p["hand_id"]][1] += p["invested"]
        assert p["net"] == p["collected"] - p["invested"]
        assert p["invested"] >= 0 and p["collected"] >= 0
    assert set(sums) == set(hands)
    for hand_id, (collected, invested) in sums.items():
        h = hands[hand_id]
        assert collected - invested == -(h["rake"] + h["fees"]), hand_id
        assert 0 <= h["rake"] <= h["total_pot"] * D("0.07"), hand_id
        if h["is_tournament"]:
            assert h["rake"] == 0, hand_id


def test_actions_sum_to_invested(result) -> None:
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
            assert counts["BB"] == 1 and counts["BTN"] <= 1, (hand_id, positions)
        for r in rows:
            if r["position"] is None:
                assert r["invested"] == 0 and not r["vpip"], (hand_id, r["player"])


def test_hand_fields(result) -> None:
    for h in result.tables["hands"].to_pylist():
        assert h["game"] in ("holdem", "omaha", "omaha5", "omaha_hilo", "shortdeck")
        assert h["limit_type"] in ("nl", "pl", "fl")
        assert (h["currency"] == "chips") == h["is_tournament"]
        assert h["parser_version"] == "ipoker/1"
        assert h["big_blind"] > 0 and h["small_blind"] > 0
        assert h["started_at"] is not None
    assert {h["currency"] for h in result.tables["hands"].to_pylist()} >= {"USD", "EUR", "GBP", "RSD",
                                                                           "chips"}


def test_quarantine_and_sources_point_at_games(result) -> None:
    for row in result.tables["hand_sources"].to_pylist() + result.tables["quarantine"].to_pylist():
        with open(row["source_file"], "rb") as fh:
            fh.seek(row["source_offset"])
            assert fh.read(6) == b"<game ", row


@pytest.mark.parametrize("sidecar", sorted(p for d in DIRS for p in d.rglob("*")
                                           if p.name.endswith((".hp", ".hands"))), ids=lambda p: p.name)
def test_sidecars_belong_to_unsupported_games(sidecar: Path) -> None:
    res = parse_file(sidecar.with_suffix(""))
    assert res.tables["quarantine"]["reason"][0].as_py() == "unsupported game: 5 Card Stud L $0.05/$0.10"


# ---------------------------------------------------------------- money rules per client era
def test_old_client_win_includes_uncalled_bet() -> None:
    res = parse_file(CASH / "LHE-HU-USD-20-40-201103.flat.format.txt")
    p = _players(res)
    assert p["Hero"]["invested"] == 40 and p["Hero"]["collected"] == 79  # win 99 - uncalled 20
    assert p["Hero"]["hole_cards"] == "Ks Jh" and p["Hero"]["is_hero"]
    h = res.tables["hands"].to_pylist()[0]
    assert (h["rake"], h["small_blind"], h["big_blind"], h["limit_type"]) == (1, 10, 20, "fl")
    acts = [(a["action"], a["amount"], a["raise_to"]) for a in res.tables["actions"].to_pylist()]
    assert acts[2] == ("raise", 30, 40)  # type 6: chips added


def test_new_client_win_excludes_uncalled_bet() -> None:
    res = parse_file(CASH / "5CPLO-EUR-0.05-0.10-202105.new.date.format.txt")
    p = _players(res)
    assert p["Player1"]["invested"] == D("1.15") and p["Player1"]["collected"] == D("2.33")
    h = res.tables["hands"].to_pylist()[0]
    assert (h["game"], h["currency"], h["rake"]) == ("omaha5", "EUR", D("0.07"))
    assert h["board"] == "2d 8h Ts 9c"
    res2 = parse_file(CASH / "5CPLO-EUR-2.00-4.00-201905.txt")  # <uncalled_bet_enabled>true
    p2 = _players(res2, "3422554305")
    assert p2["Player0"]["collected"] == D("23.5") and p2["Player0"]["invested"] == 12
    assert p2["Hero"]["starting_stack"] == 158 and _players(res2, "3422554295")["Player0"][
        "starting_stack"] == D("301.49")


def test_raise_to_and_all_in_amounts() -> None:
    res = parse_file(CASH / "NLHE-GBP-0.05-0.10-201307.uncalled.2nd.winner.xml")
    p = _players(res)
    assert p["gortaleva"]["invested"] == D("6.04") and p["P0k3rkIng2k"]["invested"] == D("6.04")
    assert p["P0k3rkIng2k"]["collected"] == D("11.42") and p["P0k3rkIng2k"]["three_bet"]
    acts = res.tables["actions"].to_pylist()
    assert [a["player"] for a in acts][:4] == ["Certusjr", "SudenUniMC", "gortaleva", "P0k3rkIng2k"]
    allin = [a for a in acts if a["is_all_in"]]
    assert allin and allin[0]["action"] == "call" and allin[0]["amount"] == D("4.84")


def test_post_both_blinds_and_antes() -> None:
    res = parse_file(CASH / "LHE-USD-5-10-201204.post.both.txt")
    acts = [(a["player"], a["action"], a["amount"]) for a in res.tables["actions"].to_pylist()]
    assert ("Player2", "post_dead", D("2.5")) in acts and ("Player2", "post_bb", 5) in acts
    h = res.tables["hands"].to_pylist()[0]
    assert (h["small_blind"], h["big_blind"], h["total_pot"], h["rake"]) == (D("2.5"), 5, 20, 0)
    res2 = parse_file(CASH / "NLHE-USD-0.05-0.10-201312.player.antes.then.sits.out.txt")
    h2 = res2.tables["hands"].to_pylist()[0]
    assert (h2["ante"], h2["currency"]) == (D("0.02"), "USD")  # table currency, not the account's
    p = _players(res2)
    assert p["Player3"]["invested"] == D("0.02") and not p["Player3"]["vpip"]
    assert p["Player0"]["position"] is None


def test_tournaments(result) -> None:
    rows = {t["tournament_id"]: t for t in result.tables["tournaments"].to_pylist()}
    assert (rows["21387619"]["buy_in"], rows["21387619"]["fee"], rows["21387619"]["hero"]) == \
        (10, 1, "yurk")
    assert (rows["825200070"]["finish"], rows["825200070"]["currency"]) == (3, "USD")
    it = rows["547028881"]
    assert (it["finish"], it["prize"], it["currency"], it["buy_in"]) == (1, D("0.8"), "EUR", D("0.5"))
    assert (rows["611669111"]["buy_in"], rows["611669111"]["finish"]) == (0, 1015)
    res = parse_file(TOUR / "NLHE-EUR-SNG-0.50.iPoker.it.txt")  # "1.500" chips: thousands
    p = _players(res)
    assert p["Player2"]["starting_stack"] == 1500 and p["Player2"]["collected"] == 3060
