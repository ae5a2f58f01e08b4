"""Winamax hand histories ("Winamax Poker - ...") and tournament summaries.

Why a module of its own: Winamax's text differs from the Stars family in ways that touch the
money (no "Uncalled bet" lines, blinds out of position, amounts written with a trailing €, pots
abbreviated to "3.37k"), so every quirk is read here and the shared hand model
(`ingestion.hand_builder`) does the rest.

Formats read (fpdb's regression files plus what fpdb's WinamaxToFpdb.py documents):
* Header "Winamax Poker - <CashGame | Go Fast "t" | HOLD-UP "t" | ESCAPE "t" | Tournament "name"
  buyIn: ... level: N> - HandId: #a-b-c - <game> <limit> (<stakes>) - <date> UTC". The hand id is
  the whole "a-b-c" the site prints (fpdb shortens it; its `.hands` sidecars hold b followed by c).
* Games: Holdem, Omaha, Omaha5 / "5 Card Omaha", Omaha8 / "Omaha Hi/Lo". **"5 Card Omaha Hi/Lo"
  is read as `omaha5`** (hi only): Winamax labels its five-card PLO tables so, and fpdb's parser
  records the same correction. Stud, razz and draw hands are quarantined as "unsupported game".
* Player lines have no colon ("Player0 raises 4€ to 6€"); names may contain spaces, so the
  player is the longest seated name the line starts with.
* Amounts: "2€", "0.50€", "$1", plain numbers for play money and tournament chips; tournament
  buy-ins use decimal commas ("0,90€ + 0,10€"). Cash currency from the symbol (€ EUR, $ USD,
  £ GBP), else EUR for "(real money)" and `play` for "(play money)"; tournaments are `chips`.
* Blinds: "posts small blind X out of position" is a dead small blind (`post_dead`) when it is
  no more than the small blind, else a dead part plus a live big blind (the "post both" case);
  "posts big blind X out of position" is a live big blind (`post_bb`); zero posts are dropped;
  "raises X to Y" inside *** ANTE/BLINDS *** (a blind raise before the cards) is a
  `post_straddle` of the amount put in. A preflop "bets X" is a raise by X (fpdb does the same).
* **Uncalled bets** are never printed and "collected" includes them: the excess of the last
  street's biggest commitment over the second is returned to its player and taken out of his
  collected amount, so `invested` and `collected` follow the contract and the net is unchanged.
* **Tournament half chips**: Winamax rounds the collected chips to whole numbers while bets can
  be half chips ("bets 292.50"); when Σ collected differs from the pot by less than one chip,
  the difference is put on the biggest collector so the pot balances exactly.
* "Total pot" is written after rake and sometimes abbreviated ("3.37k"): `total_pot` is always
  what was put in (uncalled bets excluded, site money added), like the other sites' pots.
* HOLD-UP / ESCAPE "to Pot: total X": money the site added to the pot (negative fees); any
  amount after the rake on the "Total pot" line (a jackpot) is money taken from it (fees).
* Hi/lo: "collected X from pot (HI)" / "(LO)" are summed per player.
* Run it twice (not seen in real files; read like the Stars family): "*** SECOND FLOP ***"
  style sections add no betting and "SECOND Board [...]" fills `board2`.
* Unknown posts with an amount are dead money (`post_dead`); the pot check guards them.
* Hero: the one player with "Dealt to X [cards]".
* Times are UTC as written (another zone abbreviation, e.g. CET, is converted).
* Summaries ("Winamax Poker - Tournament summary : name(id)") fill `tournaments`: buy-in + fee
  (+ bounty), registered players, start, the player's finish ("You finished in 3rd place") and
  prize ("You won 0.92€"; no such line after a finish means 0). A saved winamax.fr tournament
  page (HTML) is read for id, name, buy-in, players and start; it names no hero.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from ingestion.hand_builder import Hand, HandError, TableBuilder
from ingestion.money import MoneyError, to_units
from ingestion.parsers.base import SiteParser

SITE = "winamax"
VERSION = "winamax/1"

HAND_START = re.compile(r"^\ufeff?Winamax Poker - (?!Tournament summary)[^\n]*?HandId:", re.M)
SUMMARY_START = re.compile(r"^\ufeff?Winamax Poker - Tournament summary\s*:\s*(.*)$", re.M)
HTML_PAGE = re.compile(r"winamax\.[a-z.]+/poker/tournament\.php\?ID=(\d+)", re.I)
_HEADER = re.compile(
    r"^\ufeff?Winamax Poker - (?P<kind>.*?)\s*-?\s*HandId:\s*#(?P<id>[\d-]+)\s*-\s*(?P<game>.*?)\s+"
    r"(?P<limit>no limit|pot limit|fixed limit|limit)\s*\((?P<stakes>[^()]*)\)\s*-\s*(?P<date>.*)$",
    re.I)
_GAMES = {
    "holdem": "holdem", "hold'em": "holdem", "omaha": "omaha", "omaha5": "omaha5",
    "5 card omaha": "omaha5", "5 card omaha hi/lo": "omaha5", "omaha8": "omaha_hilo",
    "omaha hi/lo": "omaha_hilo", "omaha6": "omaha6", "6 card omaha": "omaha6",
    "omaha5 hi/lo": "omaha5_hilo", "5 card omaha8": "omaha5_hilo",
}
_LIMITS = {"no limit": "nl", "pot limit": "pl", "fixed limit": "fl", "limit": "fl"}
_UNSUPPORTED = re.compile(r"(stud|razz|draw|badugi|lowball)", re.I)
_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\s+([A-Z]{2,5}))?")
_TABLE = re.compile(r"^Table:?\s*'(?P<name>.*)'\s*(?:(?P<max>\d+)-max)?\s*(?P<rest>.*)$")
_TOURNEY_TABLE = re.compile(r"\((\d+)\)#(\d+)$")
_SEAT = re.compile(r"^Seat (\d+): (.*) \(([^()]*?)(?:, ([^()]*?) bounty)?\)\s*$")
_SUMMARY_SEAT = re.compile(r"^Seat (\d+): (.*)$", re.M)
_SUMMARY_CARDS = re.compile(r"^Seat (\d+): .*?(?:showed|mucked) \[([^\]]*)\]", re.M)
_WON = re.compile(r" won ([^\s]+)")
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th|er|e|ème)\b")
_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP"}
_ZONES = {"UTC": "UTC", "GMT": "UTC", "CET": "Europe/Paris", "CEST": "Europe/Paris",
          "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York"}
_ALLIN = " and is all-in"


def _money(text: str) -> int:
    """Amount at the start of `text` ("4€ and is all-in" -> 40000, "0,50€" -> 5000)."""
    return _amount(text.strip().split(" ", 1)[0].strip("()"))


_AMOUNTS: dict[str, int] = {}


def _amount(token: str) -> int:
    """One amount token, with thousands separators or a decimal comma ("$0,02", "1.250,50").

    A comma is a decimal comma when no dot follows it and it is not followed by exactly three
    digits (a thousands group), or when dots come before it ("1.250,50"). Memoised per token.
    """
    value = _AMOUNTS.get(token)
    if value is None:
        value = _read_amount(token)
        if len(_AMOUNTS) > 100_000:
            _AMOUNTS.clear()
        _AMOUNTS[token] = value
    return value


def _read_amount(token: str) -> int:
    digits = token.strip("()$€£¥₹ ").rstrip(".")
    comma = digits.rfind(",")
    if comma >= 0:
        dot = digits.rfind(".")
        tail = digits[comma + 1:]
        if (dot < 0 and len(tail) != 3 and tail.isdigit()) or 0 <= dot < comma:
            return to_units(token.rstrip("."), ",")
    return to_units(token)


def _cards(text: str) -> list[str]:
    out: list[str] = []
    start = text.find("[")
    while start >= 0:
        end = text.find("]", start)
        if end < 0:
            break
        out.extend(c for c in text[start + 1:end].split() if c not in ("X", "x", "?"))
        start = text.find("[", end)
    return out


@lru_cache(maxsize=4096)
def _utc_offset(y: int, mo: int, d: int, h: int, zone: str) -> timedelta:
    tz = ZoneInfo(_ZONES.get(zone, "UTC"))
    return datetime(y, mo, d, h, 30, tzinfo=tz).utcoffset() or timedelta(0)


def _started_at(text: str) -> datetime | None:
    m = _DATE.search(text)
    if m is None:
        return None
    y, mo, d, h, mi, s = (int(x) for x in m.groups()[:6])
    zone = (m.group(7) or "UTC").upper()
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC) - _utc_offset(y, mo, d, h, zone)


def _buy_in(text: str) -> tuple[int | None, int | None, int | None, str | None]:
    """(buy_in, fee, bounty, currency) from "0,90€ + 0,10€", "2€ + 2€ + 0.50€", "Ticket only"..."""
    value = text.strip()
    low = value.lower()
    if not any(ch.isdigit() for ch in value):
        if low.startswith(("gratuit", "free")):
            return 0, 0, None, None
        return None, None, None, None  # a ticket of unstated value
    currency = next((code for sym, code in _SYMBOLS.items() if sym in value), None)
    if currency is None and "FPP" in value:
        currency = "FPP"
    parts = [p for p in value.split("+") if any(ch.isdigit() for ch in p)]
    amounts = []
    for p in parts:
        token = re.sub(r"[^\d.,]", "", p)
        sep = "," if "," in token and "." not in token else "."
        amounts.append(to_units(token, sep))
    if len(amounts) >= 3:  # buy-in + bounty + fee, in Winamax's order
        return amounts[0], amounts[2], amounts[1], currency
    if len(amounts) == 2:
        return amounts[0], amounts[1], None, currency
    return amounts[0], 0, None, currency


@lru_cache(maxsize=4096)
def _describe(kind: str, game_text: str, limit_text: str, stakes: str) -> tuple:
    """Game, limit, tournament fields, stakes and currency symbol of a header (cached)."""
    key = game_text.strip().lower()
    game = _GAMES.get(key)
    if game is None:
        if _UNSUPPORTED.search(game_text) is not None:
            raise HandError(f"unsupported game: {game_text.strip()}")
        raise HandError(f"line 1: expected a game name before the limit, got {game_text[:80]!r}")
    limit_type = _LIMITS[limit_text.lower()]
    symbol = next((sym for sym in _SYMBOLS if sym in stakes), "")
    parts = [p for p in stakes.split("/") if p.strip()]
    if len(parts) < 2:
        raise HandError(f"line 1: expected the stakes '(small/big)', got {stakes!r}")
    values = [_money(re.sub(r"[^\d.,]", "", p)) for p in parts]
    ante = values[0] if len(values) == 3 else 0
    small, big = values[-2], values[-1]
    tourney = None
    if kind.startswith("Tournament"):
        m = re.match(r'Tournament\s+"(?P<name>.*)"\s*(?:buyIn:\s*(?P<buyin>.*?))?\s*(?:level:\s*\d+)?\s*$',
                     kind)
        name = m.group("name") if m else kind[10:].strip()
        buy = _buy_in(m.group("buyin") or "") if m and m.group("buyin") else (None, None, None, None)
        tourney = (name, *buy)
    return game, limit_type, small, big, ante, symbol, tourney


class WinamaxParser(SiteParser):
    """Winamax text hand histories, tournament summaries and saved tournament pages."""

    site = SITE
    version = VERSION

    def detect(self, head: str) -> bool:
        head = head[:4096]
        return (HAND_START.search(head) is not None or SUMMARY_START.search(head) is not None
                or HTML_PAGE.search(head) is not None)

    def iter_hands(self, text: str) -> Iterator[tuple[int, str]]:
        starts = [m.start() for m in HAND_START.finditer(text)]
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            if text.startswith("\ufeff", start):
                start += 1
            yield start, text[start:end]

    def parse_text(self, text: str, encoding: str, bom: int, builder: TableBuilder) -> int:
        """Hands as in the base class, plus summaries and saved pages (they hold no hands)."""
        found = super().parse_text(text, encoding, bom, builder)
        if found:
            return found
        try:
            starts = [m.start() for m in SUMMARY_START.finditer(text)]
            for i, start in enumerate(starts):
                end = starts[i + 1] if i + 1 < len(starts) else len(text)
                self._summary(text[start:end], builder)
            if not starts and HTML_PAGE.search(text[:4096]) is not None:
                self._html_page(text, builder)
        except Exception:  # a summary we cannot read adds nothing; never a crash
            pass
        return found

    # ------------------------------------------------------------------ one hand
    def parse_hand(self, text: str, builder: TableBuilder) -> Hand:
        lines = text.splitlines()
        hand = Hand()
        tourney = self._header(lines[0], hand)
        if "*** SUMMARY ***" not in text:
            raise HandError("incomplete hand: no *** SUMMARY *** section")
        if len(lines) < 2 or not lines[1].startswith("Table"):
            raise HandError("line 2: expected \"Table: '<name>' N-max (real money) Seat #N is the button\"")
        self._table(lines[1], hand, builder, tourney)
        try:
            self._body(lines, hand, builder)
        except (MoneyError, ValueError, IndexError, KeyError) as exc:
            raise HandError(f"{exc}") from None
        return hand

    @staticmethod
    def _header(line: str, hand: Hand) -> tuple | None:
        """Read line 1 into `hand`; returns the tournament fields of the header, if any."""
        m = _HEADER.match(line)
        if m is None:
            low = line.lower()
            u = _UNSUPPORTED.search(low)
            if u is not None:
                g = re.search(r"HandId:\s*#[\d-]+\s*-\s*(.*?)\s*(?:fixed limit|no limit|pot limit|\()", line)
                raise HandError(f"unsupported game: {(g.group(1) if g else u.group(1)).strip()}")
            raise HandError(f"line 1: expected a Winamax hand header, got {line[:120]!r}")
        hand.site = SITE
        hand.hand_id = m.group("id")
        kind = m.group("kind").strip()
        (hand.game, hand.limit_type, hand.small_blind, hand.big_blind, hand.ante, symbol,
         tourney) = _describe(kind, m.group("game"), m.group("limit"), m.group("stakes"))
        hand.started_at = _started_at(m.group("date"))
        hand.is_tournament = tourney is not None
        if tourney is not None:
            hand.currency = "chips"
        else:
            hand.currency = _SYMBOLS.get(symbol, "") if symbol else ""
        return tourney

    @staticmethod
    def _table(line: str, hand: Hand, builder: TableBuilder, tourney: tuple | None) -> None:
        m = _TABLE.match(line)
        if m is None:
            raise HandError(f"line 2: expected \"Table: '<name>' ...\", got {line[:120]!r}")
        hand.table_name = m.group("name")
        if m.group("max"):
            hand.max_seats = int(m.group("max"))
        rest = m.group("rest")
        b = re.search(r"Seat #(\d+)", rest)
        if b is not None and b.group(1) != "0":
            hand.button_seat = int(b.group(1))
        if not hand.is_tournament and not hand.currency:
            hand.currency = "play" if "play money" in rest.lower() else "EUR"
        if tourney is not None:
            t = _TOURNEY_TABLE.search(hand.table_name)
            name, buy_in, fee, bounty, currency = tourney
            hand.tournament_id = t.group(1) if t else f"{name}"
            builder.tournament(SITE, hand.tournament_id, name=name, buy_in=buy_in, fee=fee,
                               bounty=bounty, currency=currency, started_at=hand.started_at,
                               parser_version=VERSION)

    def _body(self, lines: list[str], hand: Hand, builder: TableBuilder) -> None:
        seats = hand.seats
        names = hand.names
        by_seat: dict[int, str] = {}
        collected = hand.collected
        street = 0
        blinds_section = False
        commit: dict[str, int] = {}
        dealt_to: list[str] = []
        second_board: list[str] | None = None
        added = 0
        summary_at = 0
        sb_seen = False
        k = 2
        while k < len(lines) and lines[k].startswith("Seat "):
            n = k + 1
            sm = _SEAT.match(lines[k])
            if sm is None:
                raise HandError(f"line {n}: expected 'Seat N: <player> (<stack>)', got {lines[k][:100]!r}")
            seat, name = int(sm.group(1)), sm.group(2)
            if name in seats:
                raise HandError(f"line {n}: player {name!r} seated twice")
            try:
                stack = _money(re.sub(r"[^\d.,-]", "", sm.group(3)) or "x")
            except MoneyError as exc:
                raise HandError(f"line {n}: cannot read the stack ({exc})") from None
            seats[name] = seat
            by_seat[seat] = name
            names.append(name)
            hand.stacks[name] = stack
            k += 1
        if not seats:
            raise HandError("line 3: expected 'Seat N: <player> (<stack>)' lines")
        # longest names first, so "Incognito 10" wins over "Incognito 1"
        ordered = sorted(seats, key=len, reverse=True)

        def who(line: str) -> tuple[str | None, str]:
            for cand in ordered:
                if line.startswith(cand) and line[len(cand):len(cand) + 1] == " ":
                    return cand, line[len(cand) + 1:]
            return None, line

        def add(kind: str, name: str, amount: int, to: int | None = None, allin: bool = False) -> None:
            hand.act_street.append(street)
            hand.act_player.append(name)
            hand.act_kind.append(kind)
            hand.act_amount.append(amount)
            hand.act_raise_to.append(to)
            hand.act_allin.append(allin)
            if kind != "post_ante" and kind != "post_dead":
                commit[name] = commit.get(name, 0) + amount

        for n, line in enumerate(lines[k:], start=k + 1):
            if not line:
                continue
            try:
                if line[:4] == "*** ":
                    head = line[4:]
                    if head.startswith("SUMMARY"):
                        summary_at = n
                        break
                    blinds_section = head.startswith("ANTE/BLINDS")
                    word = head.split(" ", 1)[0]
                    rerun = word in ("FIRST", "SECOND")
                    if rerun:
                        head = head[len(word) + 1:]
                    if head.startswith(("ANTE/BLINDS", "PRE-FLOP")):
                        new_street = 0
                    elif head.startswith("FLOP"):
                        new_street = 1
                    elif head.startswith("TURN"):
                        new_street = 2
                    elif head.startswith("RIVER"):
                        new_street = 3
                    elif head.startswith(("3rd", "THIRD", "FIRST-", "DRAW", "4th", "5th")):
                        raise HandError(f"unsupported game: stud/draw street {head.strip(' *')!r} "
                                        f"at line {n}")
                    else:  # SHOW DOWN, FIRST SHOW DOWN, any label we do not know
                        continue
                    if word == "SECOND":
                        second_board = _cards(line)
                        continue  # a re-run board: no betting follows
                    if new_street != street:
                        commit = {}
                    street = new_street
                    continue
                if line.startswith("Dealt to "):
                    name, rest = who(line[9:])
                    if name is not None:
                        cards = _cards(rest)
                        if cards:
                            hand.add_cards(name, cards)
                            if name not in dealt_to:
                                dealt_to.append(name)
                    continue
                if " to Pot: total " in line and line.startswith(("Hold-up", "Escape", "HOLD-UP", "ESCAPE")):
                    added += _money(re.sub(r"[^\d.,]", "", line.rpartition("total ")[2]))
                    continue
                name, rest = who(line)
                if name is None:
                    continue
                allin = rest.endswith(_ALLIN)
                if rest.startswith("folds"):
                    add("fold", name, 0)
                elif rest.startswith("checks"):
                    add("check", name, 0)
                elif rest.startswith("calls "):
                    add("call", name, _money(rest[6:]), None, allin)
                elif rest.startswith("bets "):
                    amount = _money(rest[5:])
                    if street == 0:
                        to = commit.get(name, 0) + amount
                        add("raise", name, amount, to, allin)
                    else:
                        add("bet", name, amount, None, allin)
                elif rest.startswith("raises "):
                    to = _money(rest.partition(" to ")[2])
                    amount = to - commit.get(name, 0)
                    if blinds_section:
                        add("post_straddle", name, amount, None, allin)
                    else:
                        add("raise", name, amount, to, allin)
                elif rest.startswith("posts "):
                    what = rest[6:]
                    oop = "out of position" in what
                    if what.startswith("small blind "):
                        amount = _money(what[12:])
                        if not oop and not sb_seen:
                            sb_seen = True
                            add("post_sb", name, amount, None, allin)
                        elif amount > hand.small_blind and hand.big_blind:
                            live = min(amount, hand.big_blind)
                            if amount - live:
                                add("post_dead", name, amount - live)
                            add("post_bb", name, live, None, allin)
                        elif amount:
                            add("post_dead", name, amount, None, allin)
                    elif what.startswith("big blind "):
                        amount = _money(what[10:])
                        if amount:
                            add("post_bb", name, amount, None, allin)
                    elif what.startswith("ante "):
                        amount = _money(what[5:])
                        if amount:
                            if not hand.ante:
                                hand.ante = amount
                            add("post_ante", name, amount, None, allin)
                    elif what.startswith("dead blind "):
                        amount = _money(what[11:])
                        if amount:
                            add("post_dead", name, amount, None, allin)
                    elif what.startswith("small & big blind"):
                        total = _money(what.partition("(")[2].rstrip(")"))
                        live = min(total, hand.big_blind) if hand.big_blind else total
                        if total - live:
                            add("post_dead", name, total - live)
                        add("post_bb", name, live, None, allin)
                    else:  # a post this reader has never seen: dead money if it has an amount
                        amounts = [t for t in what.split() if any(ch.isdigit() for ch in t)]
                        amount = _money(amounts[0]) if amounts else 0
                        if amount:
                            add("post_dead", name, amount, None, allin)
                elif rest.startswith("shows ["):
                    hand.add_cards(name, _cards(rest))
                elif rest.startswith("collected "):
                    collected[name] = collected.get(name, 0) + _money(rest[10:])
                elif rest.startswith(("stands pat", "discards", "brings in", "bring-in")):
                    raise HandError(f"unsupported game: draw/stud action at line {n}")
                # else: "deny BB", sitting out, chat...
            except (MoneyError, ValueError, IndexError) as exc:
                raise HandError(f"line {n}: cannot read {line[:100]!r} ({exc})") from None
        if not summary_at:
            raise HandError("incomplete hand: no *** SUMMARY *** section")
        block_lines = lines[summary_at:]
        block = "\n".join(block_lines)
        total_text = next((ln for ln in block_lines[:4] if ln.startswith("Total pot")), None)
        if total_text is None:
            raise HandError("incomplete hand: no 'Total pot' line in the *** SUMMARY *** section")
        parts = total_text[10:].split(" | ")
        try:
            taken = 0
            for part in parts[1:]:
                part = part.strip()
                value = re.sub(r"[^\d.,]", "", part)
                if part.startswith("Rake "):
                    hand.rake = _money(value)
                elif value and any(ch.isdigit() for ch in value):  # jackpot-style money from the pot
                    taken += _money(value)
            for line in block_lines[:6]:
                if line.startswith(("Board: [", "Board: ", "FIRST Board")) and "[" in line:
                    hand.board = _cards(line)
                elif line.startswith("SECOND Board") and "[" in line:
                    second_board = _cards(line)
        except MoneyError as exc:
            raise HandError(f"line {summary_at + 1}: cannot read the pot ({exc})") from None
        for seat_text, cards in _SUMMARY_CARDS.findall(block):
            seat_name = by_seat.get(int(seat_text))
            if seat_name is not None:
                hand.add_cards(seat_name, cards.split())
        if second_board is not None:
            shared = hand.board[:5 - len(second_board)] if len(second_board) < 5 else []
            hand.board2 = shared + second_board
        hand.fees = taken - added
        self._uncalled(hand)
        invested = sum(hand.act_amount) - sum(hand.returned.values())
        hand.total_pot = invested + added  # the written total is after rake, or "3.37k"
        if hand.is_tournament:
            diff = invested + added - hand.rake - taken - sum(collected.values())
            if collected and diff and abs(diff) < 10_000:  # half chips rounded by Winamax
                top = max(collected, key=lambda p: collected[p])
                collected[top] += diff
        # (cash tables never round: an unbalanced cash pot is quarantined by the shared model)

        def won() -> dict[str, int]:
            out: dict[str, int] = {}
            for seat_text, rest in _SUMMARY_SEAT.findall(block):
                seat_name = by_seat.get(int(seat_text))
                if seat_name is None:
                    continue
                for amount in _WON.findall(rest[len(seat_name):]):
                    out[seat_name] = out.get(seat_name, 0) + _money(re.sub(r"[^\d.,]", "", amount))
            return out

        hand.won_lookup = won
        if len(dealt_to) == 1:
            hand.hero = dealt_to[0]
        if hand.is_tournament and hand.hero is not None:
            builder.tournament(SITE, hand.tournament_id or "", hero=hand.hero)

    @staticmethod
    def _uncalled(hand: Hand) -> None:
        """Return the unmatched part of the last street's biggest commitment (never printed)."""
        if not hand.act_street:
            return
        last = max(hand.act_street)
        commits: dict[str, int] = {}
        for street, kind, player, amount in zip(hand.act_street, hand.act_kind, hand.act_player,
                                                hand.act_amount, strict=True):
            if street == last and kind != "post_ante" and kind != "post_dead":
                commits[player] = commits.get(player, 0) + amount
        ranked = sorted(commits.values(), reverse=True)
        if not ranked:
            return
        top = ranked[0]
        second = ranked[1] if len(ranked) > 1 else 0
        excess = top - second
        if excess <= 0:
            return
        player = next(p for p, v in commits.items() if v == top)
        if hand.collected.get(player, 0) >= excess:
            hand.returned[player] = excess
            hand.collected[player] -= excess
            if not hand.collected[player]:
                del hand.collected[player]

    # ------------------------------------------------------------------ summaries
    @staticmethod
    def _summary(text: str, builder: TableBuilder) -> None:
        lines = [ln.strip() for ln in text.replace("\ufeff", "").splitlines()]
        m = SUMMARY_START.match(lines[0])
        if m is None:
            return
        title = m.group(1).strip()
        tm = re.match(r"^(.*)\((\d+)\)", title)
        if tm is None:
            return
        name, tid = tm.group(1).strip() or None, tm.group(2)
        buy_in = fee = bounty = players = finish = prize = None
        currency = started = hero = None
        finished = won_line = False
        for line in lines[1:]:
            key, sep, value = line.partition(":")
            key = key.strip().lower()
            if not sep:
                key = line.lower()
            if key == "player":
                hero = value.strip()
            elif key == "buy-in":
                buy_in, fee, bounty, currency = _buy_in(value.replace("\ufffd", "€"))
            elif key == "registered players":
                players = int(re.sub(r"\D", "", value) or 0) or None
            elif key.startswith("tournament started"):
                started = _started_at(line)
            elif line.startswith("You finished in"):
                finished = True
                o = _ORDINAL.search(line)
                finish = int(o.group(1)) if o else None
            elif line.startswith("You won"):
                won_line = True
                amounts = re.findall(r"(\d[\d.,]*)\s*(?:€|\ufffd|\$|£)", line)
                if amounts:
                    token = amounts[0]
                    sep_ = "," if "," in token and "." not in token else "."
                    prize = to_units(token, sep_)
        if finished and finish is not None and prize is None and not won_line:
            prize = 0  # finished without a "You won" line; a won ticket of no stated value stays null
        builder.tournament(SITE, tid, name=name, buy_in=buy_in, fee=fee, bounty=bounty,
                           currency=currency, started_at=started, players=players, hero=hero,
                           finish=finish, prize=prize, parser_version=VERSION)

    @staticmethod
    def _html_page(text: str, builder: TableBuilder) -> None:
        """A saved winamax.fr tournament page: id, name, buy-in, players, start (Paris time)."""
        tid = HTML_PAGE.search(text).group(1)  # type: ignore[union-attr]
        plain = html.unescape(re.sub(r"<[^>]+>", " ", text))
        plain = re.sub(r"\s+", " ", plain)
        name = None
        t = re.search(r'og:title" content="Tournoi de poker (.*?) du \d', text)
        if t is not None:
            name = html.unescape(t.group(1)).strip()
        buy_in = fee = bounty = currency = players = started = None
        b = re.search(r"Buy-in : ([^A-Za-zÀ-ÿ]*)", plain)
        if b is not None:
            buy_in, fee, bounty, currency = _buy_in(b.group(1))
        p = re.search(r"joueurs inscrits : (\d+)", plain)
        if p is not None:
            players = int(p.group(1))
        d = re.search(r"D[ée]but du tournoi : (\d{2})-(\d{2})-(\d{4}) (\d{1,2}):(\d{2})", plain)
        if d is not None:
            day, mo, y, h, mi = (int(x) for x in d.groups())
            local = datetime(y, mo, day, h, mi, tzinfo=ZoneInfo("Europe/Paris"))
            started = local.astimezone(UTC)
        builder.tournament(SITE, tid, name=name, buy_in=buy_in, fee=fee, bounty=bounty,
                           currency=currency, started_at=started, players=players,
                           parser_version=VERSION)
