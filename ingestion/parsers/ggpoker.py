"""GGPoker / Natural8 hand histories ("Poker Hand #..." text, the GG network's one format).

Why a module of its own: GG writes a Stars-like text but with its own quirks, and every one of
them lives here (the shared hand model, positions, flags and pot accounting are in
`ingestion.hand_builder`). One hand is read line by line with `startswith`/`partition` dispatch.

Formats read (fpdb's regression files plus what fpdb's GGPokerToFpdb.py documents):
* Header "Poker Hand #<id>: <game> <limit> (<stakes>) - <date>"; the hand id keeps its letter
  prefix (`RC58843003`, `TM106348078`): the prefix is part of the number GG shows, and GG's
  counters of different prefixes overlap, so stripping it could merge two hands.
* Games: Hold'em, ShortDeck (button blind + antes; "($0.02)" is the ante), Omaha / PLO,
  PLO-5, PLO-6, their Hi/Lo variants; "(NL postflop)" is mapped to `nl`. A game without a
  limit word ("PLO-5") is pot limit, hold'em no limit. Stud, razz, draw, badugi: quarantined as
  "unsupported game: <name>".
* Cash games in $ (USD), ¥ (CNY), € / £ / ₹ or an ISO code when written; play money when no
  symbol; tournaments in `chips` ("Tournament #N, <name> <game> - Level.. (sb/bb)"): the
  tournament name goes to `tournaments`, buy-in only from summaries (hand headers carry none).
* Times: GG headers carry no zone; like fpdb we read them as ET and convert to UTC.
* Straddles: "X: straddle $A" (no "posts") gives the player's total preflop commitment (A
  straddle over a straddle by the same player adds only the difference); "posts button blind"
  (ShortDeck) is recorded as `post_straddle` and the button keeps position BTN. A second
  "posts small blind" by another player, "posts missed blind" and any other post with an
  amount are dead money (`post_dead`); the pot check still guards every such hand.
* Pot lines: "Total pot $P | Rake $R | Jackpot $J | Bingo $B | ...": every item after the rake
  is money taken from the pot (`fees`); "Cash Drop to Pot : total $D" is money GG added to the
  pot (negative fees). Files from 2020 print "Total pot $P" alone and "collected" before rake:
  we record what is written (rake 0), nothing else is knowable from the text.
* Run it twice / three times ("*** FIRST TURN ***", "FIRST Board [...]", "SECOND Board [4d Qs]"
  with only the re-dealt cards): `board` is the first board, `board2` the second completed
  with the shared cards; a third board is not kept (the contract has two board columns), its
  pot shares are in `collected` as written.
* EV cash-out: "X: Receives Cashout ($A)" -> cashout A; "X: Pays Cashout Risk ($R)" (the
  player won the pot after cashing out) -> cashout = collected − R. `collected` stays the pot
  share, so pot conservation is unaffected.
* All-in insurance (2020: "pay premium of all-in insurance ($4)") is paid outside the pot;
  it is not in the hand's money (the contract has no column for it).
* Hero: the one player with "Dealt to X [cards]". Cancelled ("Hand cancelled") and incomplete
  (no *** SUMMARY ***) hands are quarantined by name.
* Tournament summaries ("Tournament #N, <name>" then "Buy-in: $a+$b[+$c]" read as buy-in +
  fee [+ bounty], "N Players",
  "Tournament started ...", "You finished the tournament in Nth place", "You received a total
  of $X") fill `tournaments`; no such file is in the regression set, the reader follows the
  layout GG writes and never quarantines anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from ingestion.hand_builder import Hand, HandError, TableBuilder
from ingestion.money import MoneyError, to_units
from ingestion.parsers.base import SiteParser

SITE = "ggpoker"
VERSION = "ggpoker/1"

HAND_START = re.compile(r"^\ufeff?Poker Hand #[A-Z]{0,4}\d+:", re.M)
SUMMARY_START = re.compile(r"^\ufeff?Tournament #(\d+), ?(.*)$", re.M)
_HEADER = re.compile(r"^\ufeff?Poker Hand #(?P<id>[A-Z]{0,4}\d+):\s*(?P<rest>.*)$")
_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})[\s-]+(\d{1,2}):(\d{2})(?::(\d{2}))?")
_GAMES = {
    "hold'em": "holdem", "holdem": "holdem", "shortdeck": "shortdeck", "short deck": "shortdeck",
    "6+ hold'em": "shortdeck", "omaha": "omaha", "plo": "omaha", "plo-4": "omaha",
    "omaha hi/lo": "omaha_hilo", "plo hi/lo": "omaha_hilo", "plo8": "omaha_hilo",
    "plo-5": "omaha5", "plo5": "omaha5", "5 card omaha": "omaha5", "plo-5 hi/lo": "omaha5_hilo",
    "plo-6": "omaha6", "plo6": "omaha6", "6 card omaha": "omaha6", "plo-6 hi/lo": "omaha6_hilo",
}
_GAME_AT_END = re.compile(
    r"(6\+ Hold'em|Hold'em|Holdem|ShortDeck|Short Deck|Omaha Hi/Lo|PLO-[456] Hi/Lo|PLO Hi/Lo|"
    r"[56] Card Omaha|Omaha|PLO-[456]|PLO[568]|PLO)"
    r"(?:\s+(No Limit|Pot Limit|Fixed Limit|Limit|\(NL postflop\)))?\s*$", re.I)
_LIMITS = {"no limit": "nl", "pot limit": "pl", "fixed limit": "fl", "limit": "fl",
           "(nl postflop)": "nl"}
_UNSUPPORTED = re.compile(r"(\S*\s*(?:Stud|Razz|Badugi|Draw|Lowball|Badeucey|Badacey)\S*)", re.I)
_LEVEL = re.compile(r"\s*-?\s*Level\s*[IVXLC\d]*\s*$", re.I)
_CODE = re.compile(r"\b(USD|EUR|GBP|CNY|INR|CAD|AUD|JPY|KRW|BRL|RUB|THB|VND|PHP)\b")
_SYMBOL = {"$": "USD", "¥": "CNY", "€": "EUR", "£": "GBP", "₹": "INR"}
_SEAT = re.compile(r"^Seat (\d+): (.*) \(([^()]*?) in chips(?:, ([^()]*?) bounty)?\)(.*)$")
_SUMMARY_CARDS = re.compile(r"^Seat (\d+): .*?(?:showed|mucked) \[([^\]]*)\]", re.M)
_SUMMARY_SEAT = re.compile(r"^Seat (\d+): (.*)$", re.M)
_WON = re.compile(r"(?:won|collected) \(([^)]*)\)")
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
_ALLIN = " and is all-in"
_ET = ZoneInfo("America/New_York")


def _money(text: str) -> int:
    """Amount at the start of `text` ("$0.60 and is all-in" -> 6000, "(1,050)" -> 1050 units)."""
    return _amount(text.split(" ", 1)[0].strip("()"))


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


def _first_amount(text: str) -> int:
    """The first token holding a digit ("missed blind $0.02" -> 200)."""
    for token in text.split():
        if any(ch.isdigit() for ch in token):
            return _money(token)
    raise MoneyError(f"no amount in {text!r}")


def _cards(text: str) -> list[str]:
    """All cards inside every [...] of `text`."""
    out: list[str] = []
    start = text.find("[")
    while start >= 0:
        end = text.find("]", start)
        if end < 0:
            break
        out.extend(text[start + 1:end].split())
        start = text.find("[", end)
    return out


@lru_cache(maxsize=8192)
def _et_offset(y: int, mo: int, d: int, h: int) -> timedelta:
    return datetime(y, mo, d, h, 30, tzinfo=_ET).utcoffset() or timedelta(0)


def _started_at(text: str) -> datetime | None:
    """UTC time of the first date in `text` (GG writes ET without saying so)."""
    m = _DATE.search(text)
    if m is None:
        return None
    y, mo, d, h, mi, s = (int(x) if x else 0 for x in m.groups())
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC) - _et_offset(y, mo, d, h)


_Desc = tuple[str, str, bool, str | None, str | None, str, int, int, int]


@lru_cache(maxsize=4096)
def _describe(desc: str, stakes: str) -> _Desc:
    """(game, limit, is_tournament, tournament_id, tournament name, currency, sb, bb, ante).

    `desc` is the header text before the stakes, `stakes` the text inside their brackets.
    Cached: a table repeats the same header. Raises HandError (never cached).
    """
    tournament_id = name = None
    is_tournament = False
    t = re.match(r"\s*(?:\{[^}]*\}\s*)?(?:Zoom\s+|Rush\s+)?Tournament #(\d+),\s*", desc)
    if t is not None:
        is_tournament = True
        tournament_id = t.group(1)
        desc = desc[t.end():]
    body = _LEVEL.sub("", desc).rstrip(" -,")
    g = _GAME_AT_END.search(body)
    if g is None:
        u = _UNSUPPORTED.search(body)
        if u is not None:
            raise HandError(f"unsupported game: {body.strip()[:80]}")
        raise HandError(f"line 1: expected a game name and limit in {desc.strip()[:120]!r}")
    game = _GAMES[g.group(1).lower()]
    limit_word = (g.group(2) or "").lower()
    if limit_word:
        limit_type = _LIMITS[limit_word]
    else:
        limit_type = "pl" if game.startswith("omaha") else "nl"
    if is_tournament:
        name = body[:g.start()].strip(" ,-") or None
    code_m = _CODE.search(stakes)
    inner = _CODE.sub("", stakes)
    ante = 0
    a = re.match(r"\s*ante\s+([^\s/]+?),\s+", inner, re.I)
    if a is not None:
        ante = _amount(a.group(1))
        inner = inner[a.end():]
    inner = re.split(r"\s+-\s+", inner)[0]  # "$1/$2 - $10 Cap -"
    parts = [p.strip() for p in inner.split("/") if p.strip()]
    if not parts:
        raise HandError(f"line 1: expected the stakes '(small/big)', got {stakes!r}")
    symbol = next((ch for ch in inner if ch in _SYMBOL), "")
    values = [_amount(p.strip()) for p in parts]
    if len(values) == 1:  # ShortDeck: "($0.02)" is the ante; the button blind is posted
        small = big = ante = values[0]
    else:
        small, big = values[-2], values[-1]
        if len(values) == 3:
            ante = values[0]
    if is_tournament:
        currency = "chips"
    elif code_m:
        currency = code_m.group(1)
    elif symbol:
        currency = _SYMBOL[symbol]
    else:
        currency = "play"
    return (game, limit_type, is_tournament, tournament_id, name, currency, small, big, ante)


class GGPokerParser(SiteParser):
    """GGPoker / Natural8 text hand histories and tournament summaries."""

    site = SITE
    version = VERSION

    def detect(self, head: str) -> bool:
        head = head[:4096]
        if HAND_START.search(head) is not None:
            return True
        m = SUMMARY_START.search(head)
        return m is not None and re.search(r"^Buy-?in\s*:", head, re.M | re.I) is not None

    def iter_hands(self, text: str) -> Iterator[tuple[int, str]]:
        starts = [m.start() for m in HAND_START.finditer(text)]
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            if text.startswith("\ufeff", start):
                start += 1
            yield start, text[start:end]

    def parse_text(self, text: str, encoding: str, bom: int, builder: TableBuilder) -> int:
        """Hands as in the base class, plus tournament summaries (they hold no hands)."""
        found = super().parse_text(text, encoding, bom, builder)
        if found == 0 and "Tournament #" in text:
            starts = [m.start() for m in SUMMARY_START.finditer(text)]
            for i, start in enumerate(starts):
                end = starts[i + 1] if i + 1 < len(starts) else len(text)
                try:
                    self._summary(text[start:end], builder)
                except Exception:  # a summary we cannot read adds nothing
                    continue
        return found

    # ------------------------------------------------------------------ one hand
    def parse_hand(self, text: str, builder: TableBuilder) -> Hand:
        lines = text.splitlines()
        hand = Hand()
        self._header(lines[0], hand, builder)
        if "Hand cancelled" in text:
            raise HandError("cancelled hand: 'Hand cancelled' line")
        if "*** SUMMARY ***" not in text:
            raise HandError("incomplete hand: no *** SUMMARY *** section")
        if len(lines) < 2 or not lines[1].startswith("Table "):
            raise HandError("line 2: expected \"Table '<name>' N-max Seat #N is the button\"")
        self._table(lines[1], hand)
        try:
            self._body(lines, hand, builder)
        except (MoneyError, ValueError, IndexError, KeyError) as exc:
            raise HandError(f"{exc}") from None
        if hand.total_pot is None:
            raise HandError("incomplete hand: no 'Total pot' line in the *** SUMMARY *** section")
        return hand

    def _header(self, line: str, hand: Hand, builder: TableBuilder) -> None:
        m = _HEADER.match(line)
        if m is None:
            raise HandError(f"line 1: expected a GGPoker hand header, got {line[:120]!r}")
        hand.site = SITE
        hand.hand_id = m.group("id")
        rest = m.group("rest")
        dates = list(_DATE.finditer(rest))
        dm = dates[-1] if dates else None
        head = rest[:dm.start()].rstrip(" -") if dm is not None else rest
        close = head.rfind(")")
        open_ = head.rfind("(", 0, close) if close >= 0 else -1
        if open_ < 0:
            u = _UNSUPPORTED.search(head)
            if u is not None:
                raise HandError(f"unsupported game: {head.strip()[:80]}")
            raise HandError(f"line 1: expected the stakes '(small/big)' in {line[:120]!r}")
        (hand.game, hand.limit_type, hand.is_tournament, hand.tournament_id, name, hand.currency,
         hand.small_blind, hand.big_blind, hand.ante) = _describe(head[:open_], head[open_ + 1:close])
        hand.started_at = _started_at(rest[dm.start():]) if dm is not None else None
        if hand.is_tournament:
            builder.tournament(SITE, hand.tournament_id or "", name=name,
                               started_at=hand.started_at, parser_version=VERSION)

    @staticmethod
    def _table(line: str, hand: Hand) -> None:
        i = line.find("'")
        j = line.rfind("'")
        if i < 0 or j <= i:
            raise HandError(f"line 2: expected a quoted table name in {line[:120]!r}")
        hand.table_name = line[i + 1:j]
        tail = line[j + 1:]
        mx = re.search(r"(\d+)-max", tail, re.I)
        if mx is not None:
            hand.max_seats = int(mx.group(1))
        b = re.search(r"Seat #(\d+)", tail)
        if b is not None:
            hand.button_seat = int(b.group(1))
        if "(Play Money)" in tail and not hand.is_tournament:
            hand.currency = "play"

    def _body(self, lines: list[str], hand: Hand, builder: TableBuilder) -> None:
        seats = hand.seats
        names = hand.names
        by_seat: dict[int, str] = {}
        collected = hand.collected
        street = 0
        commit: dict[str, int] = {}
        board: list[str] = []
        boards: list[list[str]] = []
        dealt_to: list[str] = []
        cash_drop = 0
        risk: dict[str, int] = {}
        received: dict[str, int] = {}
        finishes: list[str] = []
        summary_at = 0
        sb_poster: str | None = None
        button_blind: int | None = None
        k = 2
        while k < len(lines) and lines[k].startswith("Seat "):
            n = k + 1
            sm = _SEAT.match(lines[k])
            if sm is None:
                raise HandError(f"line {n}: expected 'Seat N: <player> (<stack> in chips)', "
                                f"got {lines[k][:100]!r}")
            seat, name = int(sm.group(1)), sm.group(2)
            if name in seats:
                raise HandError(f"line {n}: player {name!r} seated twice")
            try:
                stack = _money(sm.group(3))
            except MoneyError as exc:
                raise HandError(f"line {n}: cannot read the stack ({exc})") from None
            seats[name] = seat
            by_seat[seat] = name
            names.append(name)
            hand.stacks[name] = stack
            k += 1
        if not seats:
            raise HandError("line 3: expected 'Seat N: <player> (<stack> in chips)' lines")

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
                    if head.startswith(("HOLE CARDS", "PRE-FLOP")):
                        new_street = 0
                    else:
                        word = head.split(" ", 1)[0]
                        if word in ("FIRST", "SECOND", "THIRD"):
                            head = head.split(" ", 1)[1] if " " in head else ""
                            if word != "FIRST":
                                continue  # a re-run board: no betting follows
                        if head.startswith("FLOP"):
                            new_street = 1
                        elif head.startswith("TURN"):
                            new_street = 2
                        elif head.startswith("RIVER"):
                            new_street = 3
                        else:
                            continue  # SHOWDOWN, FIRST SHOWDOWN ...
                        board = _cards(line)
                    if new_street != street:
                        commit = {}
                    street = new_street
                    continue
                colon = line.find(": ")
                name = None
                while colon > 0:
                    if line[:colon] in seats:
                        name = line[:colon]
                        break
                    colon = line.find(": ", colon + 1)
                if name is not None:
                    rest = line[colon + 2:]
                    allin = rest.endswith(_ALLIN)
                    if rest == "folds" or rest.startswith("folds "):
                        add("fold", name, 0)
                        if "[" in rest:
                            hand.add_cards(name, _cards(rest))
                    elif rest == "checks":
                        add("check", name, 0)
                    elif rest.startswith("calls "):
                        add("call", name, _money(rest[6:]), None, allin)
                    elif rest.startswith("bets "):
                        add("bet", name, _money(rest[5:]), None, allin)
                    elif rest.startswith("raises "):
                        to = _money(rest.partition(" to ")[2])
                        add("raise", name, to - commit.get(name, 0), to, allin)
                    elif rest.startswith("posts "):
                        what = rest[6:]
                        if what.startswith("small blind "):
                            amount = _money(what[12:])
                            if sb_poster is None or sb_poster == name:
                                sb_poster = name
                                add("post_sb", name, amount, None, allin)
                            else:
                                add("post_dead", name, amount, None, allin)
                        elif what.startswith("big blind "):
                            add("post_bb", name, _money(what[10:]), None, allin)
                        elif what.startswith(("the ante ", "ante ")):
                            amount = _money(what.partition("ante ")[2])
                            if not hand.ante:
                                hand.ante = amount
                            add("post_ante", name, amount, None, allin)
                        elif what.startswith("button blind "):
                            amount = _money(what[13:])
                            button_blind = amount
                            add("post_straddle", name, amount, None, allin)
                        elif what.startswith(("missed blind ", "dead ")):
                            add("post_dead", name, _first_amount(what), None, allin)
                        elif what.startswith("small & big blinds "):
                            total = _money(what[19:])
                            live = min(total, hand.big_blind) if hand.big_blind else total
                            if total - live:
                                add("post_dead", name, total - live)
                            add("post_bb", name, live, None, allin)
                        elif what.startswith("straddle "):
                            to = _money(what[9:])
                            add("post_straddle", name, to - commit.get(name, 0), None, allin)
                        else:  # a post this reader has never seen: dead money if it has an amount
                            amount = _first_amount(what)
                            if amount:
                                add("post_dead", name, amount, None, allin)
                    elif rest.startswith("straddle "):
                        to = _money(rest[9:])
                        add("post_straddle", name, to - commit.get(name, 0), None, allin)
                    elif rest.startswith(("shows [", "mucks [")):
                        hand.add_cards(name, _cards(rest))
                    elif rest.startswith("Receives Cashout"):
                        received[name] = received.get(name, 0) + _money(rest.partition("(")[2].rstrip(")"))
                    elif rest.startswith("Pays Cashout Risk"):
                        risk[name] = risk.get(name, 0) + _money(rest.partition("(")[2].rstrip(")"))
                    elif rest.startswith(("discards", "stands pat", "brings in", "bring-in")):
                        raise HandError(f"unsupported game: draw/stud action at line {n}")
                    # else: EV cash-out choice, insurance, sitting out, "doesn't show hand"...
                    continue
                if line.startswith("Uncalled bet ("):
                    close = line.find(")")
                    amount = _amount(line[14:close])
                    who = line[close + 1:].partition(" returned to ")[2]
                    if who not in seats:
                        raise HandError(f"line {n}: uncalled bet returned to unknown player {who!r}")
                    hand.returned[who] = hand.returned.get(who, 0) + amount
                    commit[who] = commit.get(who, 0) - amount
                elif line.startswith("Dealt to "):
                    rest = line[9:]
                    b = rest.find(" [")
                    while b >= 0 and rest[:b] not in seats:
                        b = rest.find(" [", b + 1)
                    if b >= 0:
                        who = rest[:b]
                        cards = [c for c in _cards(rest[b:]) if c not in ("X", "?", "??")]
                        if cards:
                            hand.add_cards(who, cards)
                            if who not in dealt_to:
                                dealt_to.append(who)
                elif " collected " in line:
                    who, _, tail = line.rpartition(" collected ")
                    if who in seats:
                        collected[who] = collected.get(who, 0) + _money(tail)
                elif line.startswith("Cash Drop to Pot"):
                    cash_drop += _money(line.rpartition("total ")[2])
                elif " finished the tournament" in line or " wins the tournament" in line:
                    finishes.append(line)
            except (MoneyError, ValueError, IndexError) as exc:
                raise HandError(f"line {n}: cannot read {line[:100]!r} ({exc})") from None
        if not summary_at:
            raise HandError("incomplete hand: no *** SUMMARY *** section")
        if button_blind is not None and hand.game == "shortdeck":
            hand.small_blind = hand.big_blind = button_blind
        for line in lines[summary_at:]:  # cash-out lines, should GG ever write them this late
            if ": Receives Cashout (" in line or ": Pays Cashout Risk (" in line:
                who, _, tail = line.partition(": ")
                if who in seats:
                    target = received if tail.startswith("Receives") else risk
                    target[who] = target.get(who, 0) + _money(tail.partition("(")[2].rstrip(")"))
        try:
            fees = self._summary_block(lines[summary_at:], hand, by_seat, board, boards)
        except (MoneyError, ValueError, IndexError) as exc:
            raise HandError(f"lines {summary_at + 1}-{len(lines)} (*** SUMMARY ***): "
                            f"cannot read an amount ({exc})") from None
        hand.fees = fees - cash_drop
        for who in set(risk) | set(received):
            hand.cashout[who] = collected.get(who, 0) - risk.get(who, 0) + received.get(who, 0)
        if len(dealt_to) == 1:
            hand.hero = dealt_to[0]
        if hand.is_tournament and hand.hero is not None:
            builder.tournament(SITE, hand.tournament_id or "", hero=hand.hero)
            for line in finishes:
                self._finish(line, hand, builder)

    @staticmethod
    def _summary_block(lines: list[str], hand: Hand, by_seat: dict[int, str], board: list[str],
                       boards: list[list[str]]) -> int:
        """Pot, rake, fees, boards and shown cards of the *** SUMMARY *** lines; returns fees."""
        fees = 0
        first: list[str] | None = None
        second: list[str] | None = None
        block = "\n".join(lines)
        for line in lines[:8]:
            if line.startswith("Total pot"):
                parts = line.split(" | ")
                hand.total_pot = _money(parts[0][9:].strip())
                for part in parts[1:]:
                    key, _, value = part.strip().rpartition(" ")
                    if key.lower() == "rake":
                        hand.rake = _amount(value)
                    elif key:
                        fees += _amount(value)
            elif line.startswith(("Board [", "FIRST Board [")):
                first = _cards(line)
            elif line.startswith("SECOND Board ["):
                second = _cards(line)
        main = first if first is not None else board
        hand.board = main
        if second is not None:
            shared = main[:max(0, 5 - len(second))] if len(second) < 5 else []
            hand.board2 = shared + second
        if "[" in block:
            for seat_text, cards in _SUMMARY_CARDS.findall(block):
                name = by_seat.get(int(seat_text))
                if name is not None:
                    hand.add_cards(name, cards.split())

        def won() -> dict[str, int]:
            out: dict[str, int] = {}
            for seat_text, rest in _SUMMARY_SEAT.findall(block):
                name = by_seat.get(int(seat_text))
                if name is None:
                    continue
                rest = rest[len(name):] if rest.startswith(name) else rest
                amounts = [_amount(a) for a in _WON.findall(rest)]
                if amounts:
                    out[name] = out.get(name, 0) + sum(amounts)
            return out

        hand.won_lookup = won
        return fees

    @staticmethod
    def _finish(line: str, hand: Hand, builder: TableBuilder) -> None:
        if " finished the tournament" in line:
            who, _, tail = line.partition(" finished the tournament")
            o = _ORDINAL.search(tail)
            finish = int(o.group(1)) if o else None
            prize = None
            if " received " in tail:
                prize = _money(tail.partition(" received ")[2].rstrip("."))
        else:
            who = line.partition(" wins the tournament")[0]
            finish = 1
            prize = _money(line.partition(" receives ")[2]) if " receives " in line else None
        if who == hand.hero:
            builder.tournament(SITE, hand.tournament_id or "", hero=who, finish=finish, prize=prize)

    # ------------------------------------------------------------------ summaries
    @staticmethod
    def _summary(text: str, builder: TableBuilder) -> None:
        """A GG tournament summary: buy-in, players, start, the hero's finish and prize."""
        lines = [ln.strip() for ln in text.replace("\ufeff", "").splitlines()]
        m = SUMMARY_START.match(lines[0])
        if m is None:
            return
        tid = m.group(1)
        head = m.group(2).strip()
        name = re.split(r",\s*(?:Hold'em|Omaha|PLO|ShortDeck)", head)[0].strip() or None
        buy_in = fee = bounty = players = finish = prize = None
        currency = started = hero = None
        places: dict[int, str] = {}
        for line in lines[1:]:
            low = line.lower()
            if low.startswith(("buy-in", "buyin")):
                value = line.partition(":")[2].strip()
                sym = next((ch for ch in value if ch in _SYMBOL), "")
                code_m = _CODE.search(value)
                currency = code_m.group(1) if code_m else _SYMBOL.get(sym) if sym else None
                amounts = [_amount(p.strip()) for p in _CODE.sub("", value).split("+")
                           if any(ch.isdigit() for ch in p)]
                if len(amounts) == 3:  # buy-in + fee + bounty, as GG lists them
                    buy_in, fee, bounty = amounts
                elif len(amounts) == 2:
                    buy_in, fee = amounts
                elif len(amounts) == 1:
                    buy_in, fee = amounts[0], 0
            elif re.match(r"^[\d,]+ Players", line):
                players = int(line.split()[0].replace(",", ""))
            elif low.startswith("tournament started"):
                started = _started_at(line)
            elif line.startswith("You finished the tournament in"):
                o = _ORDINAL.search(line)
                finish = int(o.group(1)) if o else None
            elif line.startswith("You received a total of"):
                prize = _money(line.rpartition(" ")[2].rstrip("."))
            else:
                pm = re.match(r"^(\d+)(?:st|nd|rd|th) : (.+?), (.*)$", line)
                if pm is not None:
                    places[int(pm.group(1))] = pm.group(2)
        if finish is not None:
            hero = places.get(finish)
        if finish is not None and prize is None:
            prize = 0
        builder.tournament(SITE, tid, name=name, buy_in=buy_in, fee=fee, bounty=bounty,
                           currency=currency, started_at=started, players=players, hero=hero,
                           finish=finish, prize=prize, parser_version=VERSION)
