"""The PHH parser against every real PHH file (pokerkit's Pluribus, WSOP and famous hands), read in place.

Checks: every hand is accounted for (parsed or quarantined, counted independently here); only
stud/draw/badugi hands are quarantined, by name; every hold'em/Omaha hand parses; pot
conservation, sane positions and exact schemas; and for every hold'em/Omaha hand with
`finishing_stacks`, finishing − starting stack equals our net for every player (read here
with the standard library's `tomllib`, independently of the parser's own TOML reader).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from ingestion.parse import parse_file, parse_paths
from ingestion.schema import ACTION_TYPES, SCHEMAS

PHH = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real" / "pokerkit-phh"
FLOP_VARIANTS = {"NT", "NS", "PO", "FT", "FO/8"}
TABLE_HEADER = re.compile(r"^\s*\[[^\[\]\n.]+\]\s*$", re.M)


def _files() -> list[Path]:
    return sorted(p for p in PHH.rglob("*") if p.is_file() and p.suffix in (".phh", ".phhs"))


def _hands_in(path: Path) -> list[dict]:
    """The hands of a file, read with tomllib (a .phhs holds one table per hand)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    if path.suffix == ".phhs" or TABLE_HEADER.search(path.read_text(encoding="utf-8")):
        return [v for v in data.values() if isinstance(v, dict)]
    return [data]


@pytest.fixture(scope="module")
def result():
    if not PHH.is_dir():
        pytest.fail(f"real data not found at {PHH}")
    return parse_paths([PHH])


def test_real_files_present() -> None:
    assert len(_files()) >= 2000
    assert (PHH / "LICENSE.source.txt").is_file()


def test_schemas_exact(result) -> None:
    for name, table in result.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False), name


def test_every_hand_accounted_for(result) -> None:
    reports = {Path(r.path): r for r in result.files}
    assert set(reports) == {p.resolve() for p in _files()}  # the LICENSE is skipped
    quarantined = defaultdict(list)
    for q in result.tables["quarantine"].to_pylist():
        quarantined[Path(q["source_file"])].append(q["reason"])
    for path in _files():
        report = reports[path.resolve()]
        hands = _hands_in(path)
        assert report.site == "phh", path
        assert report.hands_found == len(hands), path
        assert report.hands_parsed + report.hands_quarantined == len(hands), path
        flop = sum(h["variant"] in FLOP_VARIANTS for h in hands)
        assert report.hands_parsed == flop, (path, quarantined[path.resolve()])
        for reason in quarantined[path.resolve()]:
            assert reason.startswith("unsupported game: "), (path, reason)


def test_unsupported_games_named(result) -> None:
    reasons = Counter(q["reason"] for q in result.tables["quarantine"].to_pylist())
    text = " | ".join(reasons)
    for code, name in (("F7S", "seven card stud"), ("F7S/8", "stud hi/lo"), ("FR", "razz"),
                       ("N2L1D", "single draw"), ("F2L3D", "triple draw"), ("FB", "badugi")):
        assert f"unsupported game: {code} (" in text and name in text, code
    assert sum(reasons.values()) == 46


def test_net_equals_finishing_minus_starting(result) -> None:
    """The issue's check: every hold'em/Omaha hand's finishing − starting stack is our net."""
    nets = {(p["hand_id"], p["player"]): p["net"] for p in result.tables["hand_players"].to_pylist()}
    ids = {(Path(s["source_file"]), s["source_offset"]): s["hand_id"]
           for s in result.tables["hand_sources"].to_pylist()}
    checked = 0
    for path in _files():
        hands = _hands_in(path)
        if len(hands) != 1 or hands[0]["variant"] not in FLOP_VARIANTS:
            continue
        hand = hands[0]
        if "finishing_stacks" not in hand:
            continue
        hand_id = ids[(path.resolve(), 0)]
        names = hand["players"]
        for name, start, finish in zip(names, hand["starting_stacks"], hand["finishing_stacks"],
                                       strict=True):
            assert nets[(hand_id, name)] == Decimal(finish) - Decimal(start), (path, name)
            checked += 1
    assert checked > 12_000


def test_famous_showdowns_awarded_without_finishing_stacks() -> None:
    """Hands that stop at the showdown: the pot goes where history says it went."""
    def rows(name: str) -> dict[str, dict]:
        r = parse_file(PHH / "phh" / name)
        return {p["player"]: p for p in r.tables["hand_players"].to_pylist()}

    ab = rows("antonius-blom-2009.phh")  # the largest online pot: Antonius's wheel
    assert ab["Patrik Antonius"]["collected"] == Decimal("1356947")
    assert ab["Victor Blom"]["net"] == Decimal("-678473.5")
    dwan = rows("dwan-ivey-2009.phh")  # Dwan's seven-high straight beats Ivey's wheel
    assert dwan["Tom Dwan"]["collected"] == Decimal("1109500")
    assert dwan["Phil Ivey"]["net"] == Decimal("-553500")
    sd = rows("phua-xuan-2019.phh")  # short deck: Xuan's river straight beats a set
    assert sd["Tan Xuan"]["collected"] == Decimal("623000")
    assert sd["Paul Phua"]["net"] == Decimal("-301000")


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
        assert h["total_pot"] == invested


def test_actions_sum_to_invested(result) -> None:
    put_in = defaultdict(Decimal)
    for a in result.tables["actions"].to_pylist():
        put_in[(a["hand_id"], a["player"])] += a["amount"]
        assert a["action"] in ACTION_TYPES
    for p in result.tables["hand_players"].to_pylist():
        assert p["invested"] <= put_in[(p["hand_id"], p["player"])]


def test_positions_sane(result) -> None:
    by_hand: dict[str, list[dict]] = defaultdict(list)
    for p in result.tables["hand_players"].to_pylist():
        by_hand[p["hand_id"]].append(p)
    for hand_id, rows in by_hand.items():
        positions = [r["position"] for r in rows]
        assert None not in positions, hand_id  # every PHH player is dealt in
        counts = Counter(positions)
        assert all(c == 1 for c in counts.values()), (hand_id, positions)
        if len(rows) == 2:
            assert sorted(positions) == ["BB", "SB"], (hand_id, positions)
        else:
            assert counts["BTN"] == 1, (hand_id, positions)


def test_header_fields(result) -> None:
    hands = result.tables["hands"].to_pylist()
    assert len({h["hand_id"] for h in hands}) == len(hands) == sum(r.hands_parsed for r in result.files)
    games = Counter((h["game"], h["limit_type"]) for h in hands)
    assert {("holdem", "nl"), ("holdem", "fl"), ("omaha", "pl"), ("omaha_hilo", "fl"),
            ("shortdeck", "nl")} <= set(games)
    for h in hands:
        assert h["site"] == "phh" and h["parser_version"] == "phh/1"
        assert re.fullmatch(r"[0-9a-f]{32}", h["hand_id"])
        assert h["started_at"] is None  # no file here gives a time of day
        if h["is_tournament"]:
            assert h["currency"] == "chips" and h["tournament_id"]
    currencies = Counter(h["currency"] for h in hands)
    assert {"chips", "USD", "GBP"} <= set(currencies)
    wsop = [h for h in hands if h["is_tournament"]]
    wsop_flop = [p for p in (PHH / "phh" / "wsop").rglob("*.phh")
                 if _hands_in(p)[0]["variant"] in FLOP_VARIANTS]
    assert len(wsop) == len(wsop_flop) > 30 and {h["tournament_id"] for h in wsop} == {
        "2023 World Series of Poker Event #43: $50,000 Poker Players Championship"}
    t = result.tables["tournaments"].to_pylist()
    assert [(r["buy_in"], r["currency"]) for r in t] == [(Decimal("50000"), "USD")]


def test_hand_ids_stable_across_runs() -> None:
    path = PHH / "phh" / "pluribus" / "108" / "63.phh"
    first = parse_file(path).tables["hands"]["hand_id"].to_pylist()
    assert parse_file(path).tables["hands"]["hand_id"].to_pylist() == first
