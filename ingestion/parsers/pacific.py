"""888 / Pacific Poker ("Cassava", "888poker", "888.ro", "888poker.ca-on" ...) hand histories.

Why a module of its own: 888 writes a text format unlike any other site's ("#Game No : N",
"***** 888poker Hand History for Game N *****", bracketed amounts "calls [$0.04]") and leaves
out things the shared hand model needs, so this module reconstructs them:

* **No rake, no total pot, no uncalled-bet lines.** Every amount in brackets is the chips that
  action added. The unmatched part of the last bet (the top commitment on the last street with
  betting minus the second) is returned to its owner; 888 sometimes counts that return inside
  the owner's "collected" amount (walks, an all-in blind's overcall shown as an extra
  "collected" line) and sometimes not (a raise everyone folds to). Tournament hands have no
  rake, so the reading that balances the pot exactly is taken; in cash games the reading that
  leaves a non-negative rake is taken (preferring no rake on hands that end before the flop,
  and a "collected" line equal to the return as the return itself), and the rake is the rest.
* **No pot awarded** (the winner "did not show his hand" and no "collected" line): in a
  tournament the one player left takes the pot; in a cash game the rake is unknown, so the hand
  is quarantined as incomplete.
* **Localized numbers**: "$1,728.25", "0,02$", "1.183.764 $", "15 788,50 $" (nbsp thousands):
  a separator followed by exactly three digits is a thousands separator, else the last
  separator is the decimal point.
* **Localized cards**: "10s", German suits ("8Pik", "QHerz", "Kreuz", "Karo"), Russian ranks
  (Т A, К K, Д Q, В J, also as their cp1252 mojibake when the file was cp1251), Dutch (B J,
  V Q, H K) and Swedish (Kn J, D Q, E A) ranks. fpdb maps the Russian letters differently (Т to
  Q, В to A, Д to J); we follow the Russian card names. A card we cannot read is left out
  (Spanish suit letters are not read: their meaning is not documented).
* **Times**: "DD MM YYYY HH:MM:SS" in ET, converted to UTC; 888.ro tournament hands carry no
  time at all (started_at null).
* Cash currency from the symbol ($ USD, € EUR, £ GBP), "(Practice Play)"/"(Play Money)" or no
  symbol = `play`; tournaments are in `chips` whatever symbol 888 prints on chip amounts.
* Posts: a second "posts small blind" is dead (`post_dead`); "posts dead blind [sb + bb]" is a
  dead small blind plus a live big blind. BLAST lottery hands ("42.797,60 $/0 $ Blinds", only
  all-in antes) get small and big blind 0.
* Hands where fewer than two players put chips in ("cancelled" tables) are quarantined as
  cancelled; stud/razz/draw games as "unsupported game: <name>".
* Tournament summaries ("***** Cassava Tournament Summary *****": id, buy-in + fee, the hero's
  finish "R/N" and prize "and won X") fill `tournaments`. Rebuy/add-on counts are not kept
  (the contract has no column for them).
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

SITE = "888"
VERSION = "888/1"

HAND_START = re.compile(
    r"^\ufeff?(?:#Game No : \d+[ \t]*\r?\n)?\*{4,5} ?(?:Cassava|888poker|888)(?:\.[a-z]{2})?"
    r"(?:-[a-z]{2})? (?:Snap Poker |BLAST )*Hand History for Game \d+", re.M)
SUMMARY_START = re.compile(
    r"^\ufeff?\*{4,5} ?(?:Cassava|888poker|888)(?:\.[a-z]{2})?(?:-[a-z]{2})? Tournament Summary",
    re.M)
_TITLE = re.compile(r"Hand History for Game (\d+)")
_STAKES = re.compile(
    r"^(?P<sb>.+?)/(?P<bb>.+?) Blinds (?P<limit>No Limit|Pot Limit|Fix Limit|Fixed Limit|Limit)"
    r" (?P<game>.+?)(?: Jackpot table)? - \*\*\*\s*(?P<date>.*)$")
_GAMES = {"holdem": "holdem", "hold'em": "holdem", "omaha": "omaha", "omahahl": "omaha_hilo",
          "omaha hi/lo": "omaha_hilo", "omaha hi-lo": "omaha_hilo", "5 card omaha": "omaha5",
          "omaha 5 cards": "omaha5", "6 card omaha": "omaha6"}
_LIMITS = {"no limit": "nl", "pot limit": "pl", "fix limit": "fl", "fixed limit": "fl",
           "limit": "fl"}
_UNSUPPORTED = re.compile(r"Stud|Razz|Draw|Badugi|Lowball|Triple", re.I)
_DATE = re.compile(r"(\d{1,2}) (\d{1,2}) (\d{4})[ -]+(\d{1,2}):(\d{2}):(\d{2})")
_MAX = re.compile(r"\s(\d+) Max$")
_TOURNEY = re.compile(r"^Tournament #(\d+)\s*(.*?)(?:\s*-\s*Table #(\d+))?$")
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}
_ET = ZoneInfo("America/New_York")
_STRIP = str.maketrans("", "", "$€£ \u00a0\u202f\t")

_RANKS = "23456789TJQKA"
_SUITS = "cdhs"
_SUIT_WORDS = (("Kreuz", "c"), ("Karo", "d"), ("Pik", "s"), ("Herz", "h"))
_RANK_WORDS = {"10": "T", "Т": "A", "К": "K", "Д": "Q", "В": "J", "Ò": "A", "Ê": "K", "Ä": "Q",
               "Â": "J", "Kn": "J", "B": "J", "V": "Q", "H": "K", "D": "Q", "E": "A"}


# ---------------------------------------------------------------------------- money and cards
def amount(text: str) -> int:
    """Units of an 888 amount in any of its localized forms ("$1,728.25", "15 788,50 $")."""
    return _amount(text.translate(_STRIP))


@lru_cache(maxsize=65536)
def _amount(s: str) -> int:
    if not s:
        raise MoneyError("empty amount")
    dot, comma = s.rfind("."), s.rfind(",")
    if dot >= 0 and comma >= 0:
        dec = "." if dot > comma else ","
        other = "," if dec == "." else "."
        s = s.replace(other, "").replace(dec, ".")
    elif dot >= 0 or comma >= 0:
        sep = "." if dot >= 0 else ","
        pos = dot if dot >= 0 else comma
        if s.count(sep) > 1 or len(s) - pos - 1 == 3:
            s = s.replace(sep, "")
        else:
            s = s.replace(sep, ".")
    return to_units(s)


def _symbol(text: str) -> str | None:
    for sym in _SYMBOLS:
        if sym in text:
            return sym
    return None


@lru_cache(maxsize=4096)
def card(token: str) -> str | None:
    """A two-character card code from an 888 card token in any client language, else None."""
    t = token.strip()
    if len(t) == 2 and t[0] in _RANKS and t[1] in _SUITS:
        return t
    for word, suit in _SUIT_WORDS:
        if t.endswith(word):
            t = t[:-len(word)] + suit
            break
    if len(t) < 2 or t[-1] not in _SUITS:
        return None
    rank = t[:-1]
    rank = _RANK_WORDS.get(rank, rank)
    if len(rank) == 1 and rank in _RANKS:
        return rank + t[-1]
    return None


def cards(text: str) -> list[str]:
    """Cards inside the first [ ... ] of `text` (unknown tokens dropped)."""
    start = text.find("[")
    end = text.find("]", start + 1)
    if start < 0 or end < 0:
        return []
    out = []
    for tok in text[start + 1:end].split(","):
        c = card(tok)
        if c is not None:
            out.append(c)
    return out


def _bracket(text: str) -> str:
    start = text.find("[")
    end = text.rfind("]")
    if start < 0 or end <= start:
        raise HandError(f"expected an amount in brackets in {text[:80]!r}")
    return text[start + 1:end]


@lru_cache(maxsize=8192)
def _et_offset(y: int, mo: int, d: int, h: int) -> timedelta:
    return datetime(y, mo, d, h, 30, tzinfo=_ET).utcoffset() or timedelta(0)


def started_at(text: str) -> datetime | None:
    m = _DATE.search(text)
    if m is None:
        return None
    d, mo, y, h, mi, s = (int(x) for x in m.groups())
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC) - _et_offset(y, mo, d, h)


def _buy_in(text: str) -> tuple[int | None, int | None, str | None]:
    """(buy_in, fee, currency) from "$0.90 + $0.09", "13,95 $ + 1,05 $", "Free", "10 + 1"."""
    text = text.strip()
    if not text or not any(ch.isdigit() for ch in text):
        return (0, 0, None) if text else (None, None, None)
    parts = [p for p in text.split("+")]
    try:
        values = [amount(p) for p in parts]
    except (MoneyError, ValueError):
        return None, None, None
    sym = _symbol(text)
    currency = _SYMBOLS[sym] if sym else "play"
    if len(values) == 1:
        return values[0], 0, currency
    return values[0], sum(values[1:]), currency


# ---------------------------------------------------------------------------- the parser
class PacificParser(SiteParser):
    """888 / Pacific Poker text hand histories and tournament summaries."""

    site = SITE
    version = VERSION

    def detect(self, head: str) -> bool:
        head = head[:4096]
        return HAND_START.search(head) is not None or SUMMARY_START.search(head) is not None

    def iter_hands(self, text: str) -> Iterator[tuple[int, str]]:
        starts = [m.start() for m in HAND_START.finditer(text)]
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            if text.startswith("\ufeff", start):
                start += 1
            chunk = text[start:end]
            cut = SUMMARY_START.search(chunk)
            yield start, chunk[:cut.start()] if cut else chunk

    def parse_text(self, text: str, encoding: str, bom: int, builder: TableBuilder) -> int:
        """Hands as in the base class, plus tournament summaries (they hold no hands)."""
        found = super().parse_text(text, encoding, bom, builder)
        if "Tournament Summary" in text:
            starts = [m.start() for m in SUMMARY_START.finditer(text)]
            for i, start in enumerate(starts):
                end = starts[i + 1] if i + 1 < len(starts) else len(text)
                chunk = text[start:end]
                cut = HAND_START.search(chunk)
                try:
                    self._summary(chunk[:cut.start()] if cut else chunk, builder)
                except Exception:  # an unreadable summary adds nothing; hands are unaffected
                    continue
        return found

    # ------------------------------------------------------------------ one hand
    def parse_hand(self, text: str, builder: TableBuilder) -> Hand:
        lines = [ln.strip() for ln in text.splitlines()]
        k = 0
        while k < len(lines) and not lines[k].startswith("*****"):
            k += 1
        if k >= len(lines):
            raise HandError("line 1: expected '***** ... Hand History for Game N *****'")
        hand = Hand()
        hand.site = SITE
        title = _TITLE.search(lines[k])
        if title is None:
            raise HandError(f"line {k + 1}: expected 'Hand History for Game N'")
        hand.hand_id = title.group(1)
        if k + 1 >= len(lines):
            raise HandError("incomplete hand: nothing after the title line")
        self._stakes(lines[k + 1], k + 2, hand)
        if not any(ln.startswith("** Summary **") for ln in lines):
            raise HandError("incomplete hand: no '** Summary **' section")
        try:
            self._body(lines, k + 2, hand, builder)
        except (MoneyError, ValueError, IndexError, KeyError) as exc:
            raise HandError(f"cannot read the hand ({exc})") from None
        return hand

    def _stakes(self, line: str, n: int, hand: Hand) -> None:
        m = _STAKES.match(line)
        if m is None:
            u = _UNSUPPORTED.search(line)
            if u is not None:
                raise HandError(f"unsupported game: {line.split(' - ')[0][:80]}")
            raise HandError(f"line {n}: expected '<sb>/<bb> Blinds <limit> <game> - *** <date>', "
                            f"got {line[:100]!r}")
        game_name = m.group("game").strip()
        game = _GAMES.get(game_name.lower())
        if game is None:
            raise HandError(f"unsupported game: {game_name} {m.group('limit')}")
        hand.game = game
        hand.limit_type = _LIMITS[m.group("limit").lower()]
        try:
            hand.small_blind = amount(m.group("sb"))
            hand.big_blind = amount(m.group("bb"))
        except MoneyError as exc:
            raise HandError(f"line {n}: cannot read the stakes ({exc})") from None
        if hand.big_blind == 0:  # BLAST lottery hands show the prize pool as "small blind"
            hand.small_blind = 0
        sym = _symbol(m.group("sb") + m.group("bb"))
        hand.currency = _SYMBOLS[sym] if sym else "play"
        hand.started_at = started_at(m.group("date"))

    def _table(self, line: str, n: int, hand: Hand, builder: TableBuilder) -> None:
        play = False
        for tag in ("(Real Money)", "(Practice Play)", "(Play Money)"):
            if line.endswith(tag):
                play = tag != "(Real Money)"
                line = line[:-len(tag)].rstrip()
        mx = _MAX.search(" " + line)
        if mx is not None:
            hand.max_seats = int(mx.group(1))
            line = line[:len(line) - len(mx.group(0)) + 1].rstrip()
        if line.startswith("Table "):
            hand.table_name = line[6:].strip()
            if play:
                hand.currency = "play"
            return
        t = _TOURNEY.match(line)
        if t is None:
            raise HandError(f"line {n}: expected 'Table <name>' or 'Tournament #N ...', got {line[:100]!r}")
        hand.is_tournament = True
        hand.tournament_id = t.group(1)
        hand.currency = "chips"
        hand.table_name = t.group(3) or None
        buy_in, fee, currency = _buy_in(t.group(2))
        if play and currency is not None and currency != "play" and buy_in:
            currency = "play"
        builder.tournament(SITE, t.group(1), buy_in=buy_in, fee=fee, currency=currency,
                           started_at=hand.started_at, parser_version=VERSION)

    def _body(self, lines: list[str], start: int, hand: Hand, builder: TableBuilder) -> None:
        seats, names, stacks = hand.seats, hand.names, hand.stacks
        k = start
        # ---- table, button, seats ----
        while k < len(lines) and not lines[k].startswith("Seat "):
            line = lines[k]
            if line.startswith(("Table ", "Tournament #")):
                self._table(line, k + 1, hand, builder)
            k += 1
        while k < len(lines) and lines[k].startswith(("Seat ", "Total number of players")):
            line = lines[k]
            if line.startswith("Total number"):
                pass
            elif line.endswith(" is the button"):
                num = line[5:].split(" ", 1)[0]
                if num.isdigit():
                    hand.button_seat = int(num)
            else:
                colon = line.find(": ")
                open_ = line.rfind(" ( ")
                if colon < 0 or open_ < colon or not line.endswith(")"):
                    raise HandError(f"line {k + 1}: expected 'Seat N: <player> ( <stack> )', got {line[:100]!r}")
                name = line[colon + 2:open_]
                if name in seats:
                    raise HandError(f"line {k + 1}: player {name!r} seated twice")
                seats[name] = int(line[5:colon])
                names.append(name)
                try:
                    stacks[name] = amount(line[open_ + 3:-1])
                except MoneyError as exc:
                    raise HandError(f"line {k + 1}: cannot read the stack ({exc})") from None
            k += 1
        if not names:
            raise HandError(f"line {k + 1}: expected 'Seat N: <player> ( <stack> )' lines")
        by_length = sorted(names, key=len, reverse=True)
        street = 0
        board: list[str] = []
        commit: dict[str, int] = {}
        left = dict(stacks)
        dealt_to: list[str] = []
        collect_lines: dict[str, list[int]] = {}
        sb_posted = False
        in_summary = False
        ast, apl, akd, aam, art, aai = (hand.act_street, hand.act_player, hand.act_kind,
                                        hand.act_amount, hand.act_raise_to, hand.act_allin)

        def add(kind: str, name: str, value: int, to: int | None = None) -> None:
            left[name] -= value
            ast.append(street)
            apl.append(name)
            akd.append(kind)
            aam.append(value)
            art.append(to)
            aai.append(value > 0 and left[name] <= 0)
            if kind != "post_ante" and kind != "post_dead":
                commit[name] = commit.get(name, 0) + value

        for n, line in enumerate(lines[k:], start=k + 1):
            if not line:
                continue
            if line.startswith("** "):
                head = line[3:]
                if head.startswith("Summary"):
                    in_summary = True
                elif head.startswith("Dealing flop"):
                    street, commit = 1, {}
                    board = cards(line)
                elif head.startswith("Dealing turn"):
                    street, commit = 2, {}
                    board = board + cards(line)
                elif head.startswith("Dealing river"):
                    street, commit = 3, {}
                    board = board + cards(line)
                continue
            if line.startswith("Dealt to "):
                rest = line[9:]
                who = next((p for p in by_length if rest.startswith(p + " [")), None)
                if who is not None:
                    hand.add_cards(who, cards(rest[len(who):]))
                    if who not in dealt_to:
                        dealt_to.append(who)
                continue
            who = next((p for p in by_length if line.startswith(p + " ")), None)
            if who is None:
                continue  # chat, table messages
            rest = line[len(who) + 1:]
            try:
                if rest.startswith("collected "):
                    value = amount(_bracket(rest))
                    collect_lines.setdefault(who, []).append(value)
                elif rest.startswith(("shows ", "mucks ")):
                    hand.add_cards(who, cards(rest))
                elif in_summary:
                    continue
                elif rest == "folds":
                    add("fold", who, 0)
                elif rest == "checks":
                    add("check", who, 0)
                elif rest.startswith("calls"):
                    add("call", who, amount(_bracket(rest)))
                elif rest.startswith("bets"):
                    add("bet", who, amount(_bracket(rest)))
                elif rest.startswith("raises"):
                    value = amount(_bracket(rest))
                    add("raise", who, value, commit.get(who, 0) + value)
                elif rest.startswith("posts "):
                    what = rest[6:]
                    if what.startswith("small blind"):
                        add("post_dead" if sb_posted else "post_sb", who, amount(_bracket(what)))
                        sb_posted = True
                    elif what.startswith("big blind"):
                        add("post_bb", who, amount(_bracket(what)))
                    elif what.startswith("dead blind"):
                        dead, _, live = _bracket(what).partition("+")
                        dead_units = amount(dead)
                        live_units = amount(live) if live.strip() else 0
                        if dead_units:
                            add("post_dead", who, dead_units)
                        if live_units:
                            add("post_bb", who, live_units)
                    elif what.startswith("straddle"):
                        add("post_straddle", who, amount(_bracket(what)))
                    elif what.startswith(("ante", "the ante")):
                        value = amount(_bracket(what))
                        add("post_ante", who, value)
                        if not hand.ante:
                            hand.ante = value
                    else:
                        raise HandError(f"line {n}: unrecognised post {rest[:80]!r}")
                elif rest.startswith(("discards", "stands pat", "brings in")):
                    raise HandError(f"unsupported game: draw/stud action at line {n}")
            except (MoneyError, ValueError) as exc:
                raise HandError(f"line {n}: cannot read {line[:100]!r} ({exc})") from None
            except HandError as exc:
                text = str(exc)
                raise HandError(text if text.startswith(("line ", "unsupported")) else f"line {n}: {text}") from None
        hand.board = board
        if len(dealt_to) == 1:
            hand.hero = dealt_to[0]
        putters = {p for p, a in zip(apl, aam, strict=True) if a > 0}
        if len(putters) < 2:
            raise HandError("cancelled hand: fewer than two players put chips in")
        self._settle(hand, collect_lines)
        if hand.is_tournament and hand.hero is not None:
            builder.tournament(SITE, hand.tournament_id or "", hero=hand.hero)

    @staticmethod
    def _settle(hand: Hand, collect_lines: dict[str, list[int]]) -> None:
        """Uncalled bet, collections and rake (888 prints none of the three explicitly)."""
        invested_total = sum(hand.act_amount)
        # uncalled: the last street's top live commitment minus the second
        last = max(hand.act_street)
        commits: dict[str, int] = {}
        for st, kind, player, value in zip(hand.act_street, hand.act_kind, hand.act_player,
                                           hand.act_amount, strict=True):
            if st == last and kind != "post_ante" and kind != "post_dead":
                commits[player] = commits.get(player, 0) + value
        if not commits and all(kind == "post_ante" for kind in hand.act_kind):
            for player, value in zip(hand.act_player, hand.act_amount, strict=True):
                commits[player] = commits.get(player, 0) + value  # all-in antes only (BLAST)
        ranked = sorted(commits.items(), key=lambda kv: kv[1], reverse=True)
        owner, unc = None, 0
        if ranked and ranked[0][1] > (ranked[1][1] if len(ranked) > 1 else 0):
            owner = ranked[0][0]
            unc = ranked[0][1] - (ranked[1][1] if len(ranked) > 1 else 0)
        collected = {p: sum(v) for p, v in collect_lines.items()}
        if not collected:
            folded = {p for p, kind in zip(hand.act_player, hand.act_kind, strict=True) if kind == "fold"}
            live = [p for p in hand.names if p in set(hand.act_player) and p not in folded]
            if len(live) == 1 and hand.is_tournament:
                collected = {live[0]: invested_total - (unc if owner == live[0] else 0)}
            else:
                raise HandError("incomplete hand: no pot awarded (no 'collected' line)")
        total = sum(collected.values())
        rake_excl = invested_total - unc - total            # return not inside "collected"
        incl_ok = owner is not None and collected.get(owner, 0) >= unc
        rake_incl = invested_total - total if incl_ok else None   # return inside "collected"
        include = False
        if unc:
            if hand.is_tournament:
                include = rake_excl != 0 and rake_incl == 0
            else:
                preflop = not hand.board
                valid_excl = rake_excl >= 0
                valid_incl = rake_incl is not None and rake_incl >= 0
                if preflop and valid_incl and rake_incl == 0 and rake_excl != 0:
                    include = True
                elif preflop and valid_excl and rake_excl == 0:
                    include = False
                elif valid_incl and owner is not None and unc in collect_lines.get(owner, ()):
                    include = True
                elif valid_excl:
                    include = False
                elif valid_incl:
                    include = True
            if owner is not None:
                hand.returned[owner] = unc
            if include and owner is not None:
                collected[owner] -= unc
                if not collected[owner]:
                    del collected[owner]
        hand.collected.update(collected)
        rake = rake_incl if include else rake_excl
        if hand.is_tournament:
            hand.rake = 0
        else:
            if rake is None or rake < 0:
                raise HandError(f"pot does not balance: collected {total} exceeds invested "
                                f"{invested_total - unc} (units of 1/10000)")
            hand.rake = rake

    # ------------------------------------------------------------------ summaries
    def _summary(self, text: str, builder: TableBuilder) -> None:
        """A tournament summary: id, buy-in + fee, the hero's finish, entries and prize."""
        tid = buy_in = fee = currency = hero = finish = players = prize = None
        for line in (ln.strip() for ln in text.splitlines()):
            if line.startswith("Tournament ID:"):
                tid = line.split(":", 1)[1].strip()
            elif line.startswith("Buy-In:"):
                buy_in, fee, currency = _buy_in(line.split(":", 1)[1])
            else:
                m = re.match(r"^(.+?) finished (\d+)/(\d+)(?: and won (.+))?$", line)
                if m is not None:
                    hero, finish, players = m.group(1), int(m.group(2)), int(m.group(3))
                    prize = amount(m.group(4)) if m.group(4) else 0
                    if m.group(4) and currency is None:
                        sym = _symbol(m.group(4))
                        currency = _SYMBOLS[sym] if sym else None
        if tid is None:
            return
        builder.tournament(SITE, tid, buy_in=buy_in, fee=fee, currency=currency, hero=hero,
                           finish=finish, players=players, prize=prize, parser_version=VERSION)
