"""Money rules, localized text and quarantine reasons of the 888 parser on small hands written here."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.parse import parse_file
from ingestion.parsers.pacific import amount, card
from ingestion.schema import SCHEMAS

D = Decimal


def _parse(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "h.txt"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return parse_file(path)


def _players(r) -> dict[str, dict]:
    return {p["player"]: p for p in r.tables["hand_players"].to_pylist()}


def _conserved(r) -> None:
    for h in r.tables["hands"].to_pylist():
        rows = [p for p in r.tables["hand_players"].to_pylist() if p["hand_id"] == h["hand_id"]]
        assert sum(p["collected"] for p in rows) - sum(p["invested"] for p in rows) == -(h["rake"] + h["fees"])


HEAD = """#Game No : {hid}
***** 888poker Hand History for Game {hid} *****
{stakes} Blinds No Limit Holdem - *** 15 07 2021 15:18:32
{table}
Seat 1 is the button
Total number of players : 3
"""

RAISE_FOLD = HEAD.format(hid=1, stakes="$0.05/$0.10", table="Table Alpha 6 Max (Real Money)") + """\
Seat 1: Ann ( $10 )
Seat 2: Bob Jr ( $10 )
Seat 3: Cid ( $10 )
Bob Jr posts small blind [$0.05]
Cid posts big blind [$0.10]
** Dealing down cards **
Dealt to Ann [ Ah, Kh ]
Ann raises [$0.30]
Bob Jr folds
Cid folds
** Summary **
Ann did not show his hand
Ann collected [ $0.25 ]
"""


def test_raise_folded_to_returns_the_unmatched_part(tmp_path: Path) -> None:
    r = _parse(tmp_path, RAISE_FOLD)
    p = _players(r)
    assert p["Ann"]["invested"] == D("0.10") and p["Ann"]["collected"] == D("0.25")
    assert p["Ann"]["net"] == D("0.15") and p["Ann"]["is_hero"] and p["Ann"]["hole_cards"] == "Ah Kh"
    assert p["Ann"]["pfr"] and not p["Cid"]["vpip"]
    assert [p[n]["position"] for n in ("Ann", "Bob Jr", "Cid")] == ["BTN", "SB", "BB"]
    h = r.tables["hands"].to_pylist()[0]
    assert (h["rake"], h["currency"], h["max_seats"], h["table_name"]) == (0, "USD", 6, "Alpha")
    assert str(h["started_at"]) == "2021-07-15 19:18:32+00:00"  # ET summer time
    acts = r.tables["actions"].to_pylist()
    assert acts[2]["action"] == "raise" and acts[2]["raise_to"] == D("0.30")
    _conserved(r)


WALK = HEAD.format(hid=2, stakes="$1/$2", table="Table Beta (Real Money)") + """\
Seat 1: Ann ( $100 )
Seat 2: Bob ( $100 )
Seat 3: Cid ( $100 )
Bob posts small blind [$1]
Cid posts big blind [$2]
** Dealing down cards **
Ann folds
Bob folds
** Summary **
Cid collected [ $3 ]
"""


def test_walk_counts_the_return_inside_collected(tmp_path: Path) -> None:
    p = _players(_parse(tmp_path, WALK))
    assert (p["Cid"]["invested"], p["Cid"]["collected"], p["Cid"]["net"]) == (D(1), D(2), D(1))


RAKED = HEAD.format(hid=3, stakes="0,01 €/0,02 €", table="Table Gamma (Real Money)") + """\
Seat 1: Ann ( 1.234,50 € )
Seat 2: Bob ( 2 € )
Seat 3: Cid ( 2 € )
Bob posts small blind [0,01 €]
Cid posts big blind [0,02 €]
Ann posts dead blind [0,01 € + 0,02 €]
** Dealing down cards **
Bob calls [0,01 €]
Ann checks
Cid checks
** Dealing flop ** [ 10Herz, BPik, DKaro ]
Bob bets [0,10 €]
Ann calls [0,10 €]
Cid folds
** Dealing turn ** [ 2c ]
Bob bets [1,88 €]
Ann folds
** Summary **
Bob collected [ 0,25 € ]
"""


def test_localized_amounts_dead_blind_rake_and_cards(tmp_path: Path) -> None:
    r = _parse(tmp_path, RAKED)
    h = r.tables["hands"].to_pylist()[0]
    assert (h["currency"], h["small_blind"], h["big_blind"]) == ("EUR", D("0.01"), D("0.02"))
    assert h["board"] == "Th Js Qd 2c"
    p = _players(r)
    assert p["Ann"]["starting_stack"] == D("1234.50")
    assert p["Ann"]["invested"] == D("0.01") + D("0.02") + D("0.10")
    assert p["Bob"]["invested"] == D("0.12")  # the 1.88 turn bet came back
    assert h["rake"] == D("0.13") + D("0.12") + D("0.02") - D("0.25")
    acts = [a["action"] for a in r.tables["actions"].to_pylist()]
    assert acts[:4] == ["post_sb", "post_bb", "post_dead", "post_bb"] and acts[4:6] == ["call", "check"]
    _conserved(r)


TOURNEY = """***** 888poker Hand History for Game 4 *****
$100/$200 Blinds No Limit Holdem - *** 24 11 2013 01:46:48
Tournament #52872115 $10 + $1 - Table #60 (Real Money)
Seat 1 is the button
Total number of players : 3
Seat 1: Ann ( $70 )
Seat 2: Bob ( $1,000 )
Seat 3: Cid ( $5,000 )
Ann posts ante [$10]
Bob posts ante [$10]
Cid posts ante [$10]
Bob posts small blind [$100]
Cid posts big blind [$200]
** Dealing down cards **
Ann raises [$60]
Bob folds
Cid raises [$600]
** Dealing flop ** [ 6c, Kc, 9c ]
** Dealing turn ** [ 5d ]
** Dealing river ** [ 4s ]
** Summary **
Ann shows [ 7s, Td ]
Cid shows [ 8c, 5h ]
Cid collected [ $210 ]
Cid collected [ $80 ]
"""


def test_tournament_all_in_short_and_uncalled(tmp_path: Path) -> None:
    r = _parse(tmp_path, TOURNEY)
    h = r.tables["hands"].to_pylist()[0]
    assert (h["is_tournament"], h["tournament_id"], h["currency"], h["rake"]) == (True, "52872115", "chips", 0)
    assert h["table_name"] == "60" and h["ante"] == D(10)
    p = _players(r)
    assert p["Ann"]["invested"] == D(70)
    assert p["Cid"]["invested"] == D(10 + 100)  # raised to 800, 700 unmatched came back
    assert p["Cid"]["collected"] == D(290)
    allin = [a for a in r.tables["actions"].to_pylist() if a["player"] == "Ann" and a["action"] == "raise"]
    assert allin[0]["is_all_in"]
    t = r.tables["tournaments"].to_pylist()[0]
    assert (t["buy_in"], t["fee"], t["currency"], t["hero"]) == (D(10), D(1), "USD", None)
    _conserved(r)


def test_cancelled_and_incomplete_and_unsupported(tmp_path: Path) -> None:
    cancelled = HEAD.format(hid=5, stakes="$5/$10", table="Table K (Real Money)") + """\
Seat 1: Ann ( $665 )
Seat 2: Bob ( $430 )
Ann posts small blind [$5]
Bob folds
** Summary **
Ann collected [ $5 ]
"""
    incomplete = RAISE_FOLD.split("** Summary **")[0]
    stud = HEAD.format(hid=7, stakes="$1/$2", table="Table S (Real Money)").replace(
        "No Limit Holdem", "Fix Limit 7 Card Stud")
    r = _parse(tmp_path, cancelled + "\n" + incomplete + "\n" + stud)
    reasons = r.tables["quarantine"]["reason"].to_pylist()
    assert r.files[0].hands_found == 3 and r.files[0].hands_parsed == 0
    assert reasons[0].startswith("cancelled hand")
    assert reasons[1].startswith("incomplete hand: no '** Summary **'")
    assert reasons[2].startswith("unsupported game: ")


def test_cash_hand_with_no_pot_awarded_is_incomplete(tmp_path: Path) -> None:
    text = RAISE_FOLD.replace("Ann collected [ $0.25 ]\n", "")
    reasons = _parse(tmp_path, text).tables["quarantine"]["reason"].to_pylist()
    assert reasons == ["incomplete hand: no pot awarded (no 'collected' line)"]


def test_cp1252_russian_cards_and_play_money(tmp_path: Path) -> None:
    text = RAISE_FOLD.replace("$", "").replace("(Real Money)", "(Practice Play)").replace(
        "[ Ah, Kh ]", "[ Тh, Кs ]")
    r = _parse(tmp_path, text, encoding="cp1251")
    h = r.tables["hands"].to_pylist()[0]
    assert h["currency"] == "play"
    assert _players(r)["Ann"]["hole_cards"] == "Ah Ks"


def test_summary_file(tmp_path: Path) -> None:
    text = ("***** 888poker Tournament Summary *****\nTournament ID: 7\nBuy-In: $3.15 + $0.35\n"
            "Rebuy: $3.15\nHero finished 1/468 and won $250.50\n")
    t = _parse(tmp_path, text).tables["tournaments"].to_pylist()
    assert len(t) == 1
    assert (t[0]["buy_in"], t[0]["fee"], t[0]["currency"], t[0]["finish"], t[0]["players"], t[0]["prize"]) == \
        (D("3.15"), D("0.35"), "USD", 1, 468, D("250.50"))


@pytest.mark.parametrize(("text", "units"), [
    ("$1,728.25", 17_282_500), ("0,02$", 200), ("1.183.764 $", 11_837_640_000),
    ("15\u00a0788,50 $", 157_885_000), ("9,966.25", 99_662_500), ("8.12", 81_200), ("42.797,60", 427_976_000),
])
def test_amounts(text: str, units: int) -> None:
    assert amount(text) == units


@pytest.mark.parametrize(("token", "code"), [
    ("Td", "Td"), ("10s", "Ts"), ("QPik", "Qs"), ("AKreuz", "Ac"), ("Kns", "Js"), ("Bh", "Jh"),
    ("Vd", "Qd"), ("Hc", "Kc"), ("Dc", "Qc"), ("Ес", None), ("Ò", None), ("Òd", "Ad"), ("xx", None),
])
def test_cards(token: str, code: str | None) -> None:
    assert card(token) == code


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_never_raises_on_damaged_hands(tmp_path: Path, data) -> None:
    lines = (RAISE_FOLD + RAKED + TOURNEY).splitlines()
    cut = data.draw(st.integers(0, len(lines)))
    drop = data.draw(st.sets(st.integers(0, len(lines) - 1), max_size=4))
    garbage = data.draw(st.binary(max_size=20))
    kept = [ln for i, ln in enumerate(lines[:cut]) if i not in drop]
    path = tmp_path / "f.txt"
    path.write_bytes(("\n".join(kept)).encode() + garbage)
    r = parse_file(path)
    for name, table in r.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False)
    _conserved(r)


def test_straddle_post(tmp_path: Path) -> None:
    text = RAISE_FOLD.replace("Cid posts big blind [$0.10]\n",
                              "Cid posts big blind [$0.10]\nAnn posts straddle [$0.20]\n").replace(
        "Ann raises [$0.30]", "Ann checks").replace("Ann collected [ $0.25 ]", "Ann collected [ $0.35 ]")
    r = _parse(tmp_path, text)
    acts = [a["action"] for a in r.tables["actions"].to_pylist()]
    assert acts[:3] == ["post_sb", "post_bb", "post_straddle"]
    p = _players(r)
    assert (p["Ann"]["invested"], p["Ann"]["collected"]) == (D("0.10"), D("0.25"))
    _conserved(r)
