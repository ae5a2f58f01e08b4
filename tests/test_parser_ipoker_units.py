"""Money rules, flags and quarantine reasons of the iPoker XML parser on small sessions written here."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.hand_builder import HandError
from ingestion.parse import parse_file
from ingestion.parsers.ipoker import amount, card, parse_date
from ingestion.schema import SCHEMAS

D = Decimal


def _parse(tmp_path: Path, text: str, name: str = "s.xml", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return parse_file(path)


def _players(result) -> dict[str, dict]:
    return {p["player"]: p for p in result.tables["hand_players"].to_pylist()}


def _reasons(result) -> list[str]:
    return result.tables["quarantine"]["reason"].to_pylist()


def _session(games: str, gametype: str = "Holdem NL $0.05/$0.10", extra: str = "",
             currency: str = "USD") -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<session sessioncode="1">
 <general>
  {extra}
  <mode>real</mode>
  <gametype>{gametype}</gametype>
  <tablename>Alpha, 123456</tablename>
  <tablecurrency>{currency}</tablecurrency>
  <startdate>2020-01-02 10:00:00</startdate>
  <currency>{currency}</currency>
  <nickname>Hero</nickname>
 </general>
{games}
</session>
"""


# Hero raises to 0.30 (type 23), Bob folds, the blinds fold: the 0.20 uncalled is in Hero's win.
FOLD_TO_RAISE = """ <game gamecode="1001">
  <general>
   <startdate>2020-01-02 10:00:00</startdate>
   <players>
    <player seat="1" name="Hero" chips="$10" dealer="1" win="$0.45" bet="$0.30"/>
    <player seat="2" name="Sam" chips="$10" dealer="0" win="$0" bet="$0.05"/>
    <player seat="3" name="Bea" chips="$10" dealer="0" win="$0" bet="$0.10"/>
   </players>
  </general>
  <round no="0">
   <action no="2" player="Bea" type="2" sum="$0.10"/>
   <action no="1" player="Sam" type="1" sum="$0.05"/>
  </round>
  <round no="1">
   <cards type="Pocket" player="Hero">SA D10</cards>
   <cards type="Pocket" player="Sam">X X</cards>
   <action no="3" player="Hero" type="23" sum="$0.30"/>
   <action no="4" player="Sam" type="0" sum="$0"/>
   <action no="5" player="Bea" type="0" sum="$0"/>
  </round>
 </game>"""


def test_amounts_cards_dates() -> None:
    assert amount("€301,49") == 3_014_900
    assert amount("$2,473.97") == 24_739_700
    assert amount("RSD1,110.25") == 11_102_500
    assert amount("1.500") == 15_000_000      # Italian thousands
    assert amount("0.500") == 5_000           # a bare zero never groups thousands
    assert amount("€1 000,50") == 10_005_000
    assert amount("£0.05") == 500
    with pytest.raises(HandError):
        amount("N/A")
    assert card("D10") == "Td" and card("SK") == "Ks" and card("X") is None
    assert parse_date("18.05.2021 18:26:13") == datetime(2021, 5, 18, 18, 26, 13, tzinfo=UTC)
    assert parse_date("07-Apr-2014 00:57:23") == datetime(2014, 4, 7, 0, 57, 23, tzinfo=UTC)
    assert parse_date("2017/01/23 22:27:48") == datetime(2017, 1, 23, 22, 27, 48, tzinfo=UTC)
    assert parse_date("30/01/2012 02:30") == datetime(2012, 1, 30, 2, 30, tzinfo=UTC)


def test_uncalled_bet_inside_win_for_old_clients(tmp_path: Path) -> None:
    r = _parse(tmp_path, _session(FOLD_TO_RAISE))
    assert r.files[0].hands_parsed == 1
    p = _players(r)
    assert p["Hero"]["invested"] == D("0.10") and p["Hero"]["collected"] == D("0.25")
    assert p["Hero"]["net"] == D("0.15") and p["Hero"]["is_hero"]
    assert p["Hero"]["hole_cards"] == "As Td" and p["Sam"]["hole_cards"] is None
    assert [p[n]["position"] for n in ("Hero", "Sam", "Bea")] == ["BTN", "SB", "BB"]
    assert p["Hero"]["pfr"] and p["Hero"]["vpip"] and not p["Bea"]["vpip"]
    h = r.tables["hands"].to_pylist()[0]
    assert (h["rake"], h["total_pot"], h["currency"], h["small_blind"], h["big_blind"]) == \
        (0, D("0.25"), "USD", D("0.05"), D("0.10"))
    acts = r.tables["actions"].to_pylist()
    assert [a["action"] for a in acts] == ["post_sb", "post_bb", "raise", "fold", "fold"]
    assert (acts[2]["amount"], acts[2]["raise_to"]) == (D("0.30"), D("0.30"))
    for name, table in r.tables.items():
        assert table.schema.equals(SCHEMAS[name], check_metadata=False), name


def test_uncalled_bet_outside_win_for_new_clients(tmp_path: Path) -> None:
    game = FOLD_TO_RAISE.replace('win="$0.45"', 'win="$0.24"')
    r = _parse(tmp_path, _session(game, extra="<client_version>21.1.1.9</client_version>"))
    p = _players(r)
    assert p["Hero"]["collected"] == D("0.24") and p["Hero"]["invested"] == D("0.10")
    assert r.tables["hands"]["rake"][0].as_py() == D("0.01")
    r2 = _parse(tmp_path, _session(game, extra="<uncalled_bet_enabled>true</uncalled_bet_enabled>"),
                "t.xml")
    assert _players(r2)["Hero"]["collected"] == D("0.24")


def test_post_both_sitting_out_and_ante(tmp_path: Path) -> None:
    game = """ <game gamecode="1002">
  <general><players>
    <player seat="1" name="Hero" chips="$10" dealer="1" win="$0.36" bet="$0.17"/>
    <player seat="2" name="Sam" chips="$10" dealer="0" win="$0" bet="$0.07"/>
    <player seat="3" name="Bea" chips="$10" dealer="0" win="$0" bet="$0.12"/>
    <player seat="4" name="Out" chips="$10" dealer="0" win="$0" bet="$0"/>
    <player seat="5" name="Nap" chips="$10" dealer="0" win="$0" bet="$0"/>
  </players></general>
  <round no="0">
   <action no="1" player="Hero" type="15" sum="$0.02"/>
   <action no="2" player="Sam" type="15" sum="$0.02"/>
   <action no="3" player="Bea" type="15" sum="$0.02"/>
   <action no="4" player="Sam" type="1" sum="$0.05"/>
   <action no="5" player="Bea" type="2" sum="$0.10"/>
   <action no="6" player="Nap" type="8" sum="$0"/>
  </round>
  <round no="1">
   <action no="7" player="Out" type="9" sum="$0"/>
   <action no="8" player="Hero" type="3" sum="$0.10"/>
   <action no="9" player="Sam" type="0" sum="$0"/>
   <action no="10" player="Bea" type="4" sum="$0"/>
  </round>
  <round no="2">
   <cards type="Flop" player="">H2 C7 D9</cards>
   <action no="11" player="Bea" type="4" sum="$0"/>
   <action no="12" player="Hero" type="5" sum="$0.05"/>
   <action no="13" player="Bea" type="0" sum="$0"/>
  </round>
 </game>"""
    r = _parse(tmp_path, _session(game))
    assert r.files[0].hands_parsed == 1, _reasons(r)
    p = _players(r)
    assert p["Hero"]["invested"] == D("0.12") and p["Hero"]["collected"] == D("0.31")
    assert p["Out"]["position"] is not None and p["Out"]["invested"] == 0   # type 9: a fold
    assert p["Nap"]["position"] is None                                      # type 8: no action
    h = r.tables["hands"].to_pylist()[0]
    assert (h["ante"], h["board"], h["rake"]) == (D("0.02"), "2h 7c 9d", 0)

    both = FOLD_TO_RAISE.replace('name="Bea" chips="$10" dealer="0" win="$0" bet="$0.10"',
                                 'name="Bea" chips="$10" dealer="0" win="$0" bet="$0.15"')
    both = both.replace('player="Bea" type="2" sum="$0.10"', 'player="Bea" type="2" sum="$0.15"')
    both = both.replace('win="$0.45"', 'win="$0.50"')
    r2 = _parse(tmp_path, _session(both), "b.xml")
    acts = [(a["player"], a["action"], a["amount"]) for a in r2.tables["actions"].to_pylist()]
    assert ("Bea", "post_dead", D("0.05")) in acts and ("Bea", "post_bb", D("0.10")) in acts
    assert _players(r2)["Hero"]["collected"] == D("0.30")


def test_localized_cp1252_and_game_names(tmp_path: Path) -> None:
    game = FOLD_TO_RAISE.replace("$", "€").replace("0.", "0,")
    text = _session(game, gametype="PL €0,05/€0,10", currency="EUR")
    text = text.replace("SA D10", "SA D10 H2 H3 H4").replace("X X", "X X X X X")
    r = _parse(tmp_path, text, encoding="cp1252")
    assert r.files[0].hands_parsed == 1, _reasons(r)
    h = r.tables["hands"].to_pylist()[0]
    assert (h["game"], h["limit_type"], h["currency"], h["big_blind"]) == ("omaha5", "pl", "EUR", D("0.1"))
    r2 = _parse(tmp_path, _session(FOLD_TO_RAISE, gametype="Omaha Hi-Lo PL $0.05/$0.10"), "o.xml")
    assert r2.tables["hands"]["game"][0].as_py() == "omaha_hilo"
    r3 = _parse(tmp_path, _session(FOLD_TO_RAISE, gametype="Six Plus Holdem NL $0.05/$0.10"), "s.xml")
    assert r3.tables["hands"]["game"][0].as_py() == "shortdeck"


def test_quarantine_reasons(tmp_path: Path) -> None:
    stud = _parse(tmp_path, _session(FOLD_TO_RAISE, gametype="7 Card Stud L $0.05/$0.10"), "a.xml")
    assert _reasons(stud) == ["unsupported game: 7 Card Stud L $0.05/$0.10"]
    truncated = FOLD_TO_RAISE.split('<action no="3"')[0]
    inc = _parse(tmp_path, _session(truncated), "b.xml")
    assert _reasons(inc)[0].startswith("incomplete hand: the actions put in 0.0 for 'Hero'")
    partial = FOLD_TO_RAISE.replace(' win="$0.45" bet="$0.30"', "")
    assert _reasons(_parse(tmp_path, _session(partial), "c.xml"))[0].startswith(
        "incomplete hand: players without 'bet'/'win'")
    odd = FOLD_TO_RAISE.replace('type="23" sum="$0.30"', 'type="42" sum="$0.30"')
    assert "unknown action type '42'" in _reasons(_parse(tmp_path, _session(odd), "d.xml"))[0]
    nolimit = _parse(tmp_path, _session(FOLD_TO_RAISE, gametype="Holdem XYZ $1/$2"), "e.xml")
    assert _reasons(nolimit)[0].startswith("session header: no limit type")


def test_tournament_session_and_several_sessions(tmp_path: Path) -> None:
    extra = ("<tournamentcode>777</tournamentcode><tournamentname>Daily</tournamentname>"
             "<place>4</place><buyin>$10+$1</buyin><win>$25.50</win>")
    game = FOLD_TO_RAISE.replace("$", "").replace("0.", "").replace('"05"', '"5"')
    game = game.replace('sum="05"', 'sum="5"').replace('bet="05"', 'bet="5"')
    text = _session(game, gametype="Holdem NL", extra=extra) + _session(
        FOLD_TO_RAISE.replace("1001", "1003"))
    r = _parse(tmp_path, text)
    assert r.files[0].hands_parsed == 2, _reasons(r)
    hands = {h["hand_id"]: h for h in r.tables["hands"].to_pylist()}
    assert hands["1001"]["is_tournament"] and hands["1001"]["currency"] == "chips"
    assert hands["1001"]["tournament_id"] == "777" and hands["1001"]["big_blind"] == 10
    assert not hands["1003"]["is_tournament"] and hands["1003"]["currency"] == "USD"
    t = r.tables["tournaments"].to_pylist()[0]
    assert (t["name"], t["buy_in"], t["fee"], t["currency"], t["hero"], t["finish"], t["prize"]) == \
        ("Daily", 10, 1, "USD", "Hero", 4, D("25.5"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=2000), junk=st.binary(max_size=20),
       at=st.integers(min_value=0, max_value=2000))
def test_never_raises_on_damaged_input(tmp_path: Path, cut: int, junk: bytes, at: int) -> None:
    data = _session(FOLD_TO_RAISE + FOLD_TO_RAISE.replace("1001", "1004")).encode()
    damaged = data[:at] + junk + data[at:cut + at]
    path = tmp_path / "f.xml"
    path.write_bytes(damaged)
    r = parse_file(path)
    report = r.files[0]
    if report.site == "ipoker":  # else too damaged to recognise: one 'unrecognised file' row
        assert report.hands_parsed + report.hands_quarantined == report.hands_found
