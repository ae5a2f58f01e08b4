"""PartyPoker hand histories (the "***** Hand History for Game N *****" text, all its eras).

Why its own module: Party's text changed many times and every era is still in players'
folders. The rules here were read off the real files and fpdb's PartyPokerToFpdb:

* Hand start: a line "***** Hand History for|For Game <id> *****" (optionally followed by a
  converter's site mark such as "(Poker Stars)"). Lines "Game #N starts." and "#Game No : N"
  between hands, ">You have options at ..." notices and blank lines are ignored; every line
  may be indented (Club WPT exports).
* Game line, three eras: old cash "$15/$30 USD Texas Hold'em - <date>", "$10 USD NL Texas
  Hold'em" (a buy-in, not stakes), "€10 EUR ...", "fastforward"; old tournaments "NL Texas
  Hold'em $30 Buy-in + $3 Entry Fee Trny:N Level:L Blinds(50/100)" (also Stakes(…) for fixed
  limit, Blinds-Antes(a/b -ante)); new (2013+) "0.50/1 Texas Hold'em Game Table (NL) - Sun Jan
  20 13:58:07 EST 2013" and "70000/140000 Tourney Texas Holdem Game Table (NL) (MTT Tournament
  #N) (Buyin $100.0 + $9.0)". Converted hands "(Poker Stars) Tourney Hand NL Texas Hold'em"
  keep the named site; their placeholder id 1111111111 is replaced by a content hash.
* Amounts appear as "[$0.20 USD]", "[ $0,75 USD ]", "(0.02)", "[3,000]", "raises 0.06 to 0.08"
  — always the chips ADDED by the action ("raises X to Y": X added, Y the total). Decimal
  comma (`$48,47`) and thousands separators (`3,000`, `$1,000`) are told apart by position.
* Old-era money: "wins" lines give what each player took, INCLUDING any uncalled bet (there is
  no "returned" line and no rake line): the uncalled bet (top commitment's excess on the last
  street with money in) is subtracted from the bettor's `invested` and `collected`, and rake =
  Σ invested − Σ collected. A player who checks preflop without having posted (a silent "post
  both") is given the missing live big blind, and a dead small blind when only that balances.
* New-era money: the "** Summary **" block is authoritative: "Main Pot/Side Pot N" (after
  rake), "Rake", and per player "balance, bet X, collected Y" / "lost X". The uncalled bet is
  Σ bet − Σ pots − rake, returned to the largest bettor. Action amounts that are off by
  rounding in converted exports are corrected to the summary's total on the player's last
  action. "Cashed out" players: `cashout` = their collected amount, `collected` = their pot
  share (the pots minus what the others took).
* Old tournaments post no blinds in the text: like fpdb, the small blind is the first active
  seat after the button (heads-up: the button), the big blind the next, each for
  min(blind, stack); "There is no Small Blind" skips it. The LAST "Blinds(…)"/"Stakes(…)" in
  the hand is the level (a level change shows the new one in the body); fixed-limit Stakes(a/b)
  means blinds a/2, a.
* Players: names are matched against the seat list (longest first); the emailed format writes
  a shortened seat name ("Hero") and the full name elsewhere ("Hero Name"): the full name is
  used. A player acting without a seat ("X has joined the table" then posts) gets the first
  free seat and an unknown (null) stack. An anonymiser's leftover (one unseated actor that
  never posted + one seated player that only posted) is merged into one player, as fpdb does.
* Games: Texas Hold'em / Holdem, Omaha (Hi), Omaha Hi-Lo, Short Deck (`shortdeck`: the button
  blind is `post_straddle`, small = big = the button blind). Quarantined by name: 7 Card Stud
  (Hi-Lo), Double Hold'em (three hole cards, a point card), Razz, draw games.
* Times: the header's zone (ET, EST/EDT, BST, CET/CEST/MESZ, EEST, MSK/MSKS, YEKST, ICT, …;
  none means ET) converted to UTC.
* Quarantine: "Table Closed" / "Connection Lost" (cancelled), no "wins" line and no summary
  (incomplete), unknown game or unreadable amounts (with the line number).

Variants met but not supported: stud and Double Hold'em hands (quarantined by name).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from ingestion.hand_builder import Hand, HandError, TableBuilder
from ingestion.money import SCALE
from ingestion.parsers.base import SiteParser

VERSION = "partypoker/1"

HAND_START = re.compile(r"^[ \t\x00\ufeff]*\*{5} Hand History [Ff]or Game (\w+) \*{5}", re.M)
_MARK = re.compile(r"\*{5}\s*\(([^)]*)\)")
_SITE_MARKS = {"poker stars": "pokerstars", "pokerstars": "pokerstars", "party": "partypoker",
               "partypoker": "partypoker", "ipoker": "ipoker", "pacific": "888",
               "wpn": "winning", "pokermaster": "pokermaster", "pokerbros": "pokerbros"}
_DATE = re.compile(r"([A-Z][a-z]+),?\s*([A-Z][a-z]+)\s+(\d{1,2}),?\s+(\d{1,2}):(\d{2}):(\d{2})"
                   r"\s+(?:([A-Z]{2,5})\s+)?(\d{4})")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_ZONES = {
    "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
    "CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
    "MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver",
    "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
    "GMT": "UTC", "UTC": "UTC", "BST": "Europe/London", "WET": "Europe/Lisbon",
    "WEST": "Europe/Lisbon", "CET": "Europe/Paris", "CEST": "Europe/Paris",
    "MEZ": "Europe/Berlin", "MESZ": "Europe/Berlin", "EET": "Europe/Athens",
    "EEST": "Europe/Athens", "MSK": "Europe/Moscow", "MSD": "Europe/Moscow",
    "MSKS": "Europe/Moscow", "YEKT": "Asia/Yekaterinburg", "YEKST": "Asia/Yekaterinburg",
    "ICT": "Asia/Bangkok", "IST": "Asia/Kolkata", "JST": "Asia/Tokyo", "HKT": "Asia/Hong_Kong",
    "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "BRT": "America/Sao_Paulo",
    "ART": "America/Argentina/Buenos_Aires", "NZST": "Pacific/Auckland",
}
_GAME = re.compile(r"(Double Hold'?em|Texas Hold'?em|Hold'?em|Omaha Hi-Lo|Omaha Hi/Lo|Omaha Hi"
                   r"|Omaha|Short Deck|7 Card Stud Hi-Lo|7 Card Stud|5 Card Stud|Razz|Badugi"
                   r"|\w* ?Draw)", re.I)
_SUPPORTED = {"texas hold'em": "holdem", "texas holdem": "holdem", "hold'em": "holdem",
              "holdem": "holdem", "omaha": "omaha", "omaha hi": "omaha",
              "omaha hi-lo": "omaha_hilo", "omaha hi/lo": "omaha_hilo", "short deck": "shortdeck"}
_LIMIT = re.compile(r"(?:^|[\s(])(NL|PL|FL)(?=[\s)]|$)")
_STAKES = re.compile(r"([$€£]?)\s?(\d[\d.,]*)/([$€£]?)\s?(\d[\d.,]*)")
_LEVEL = re.compile(r"(Blinds|Stakes)(?:-Antes)?\(\s*([\d.,]+)\s*/\s*([\d.,]+)(?:\s*-\s*([\d.,]+))?"
                    r"\s*\)")
_TRNY = re.compile(r"Trny:\s?(\d+)")
_TOURNAMENT_NO = re.compile(r"Tournament #(\d+)")
_BUYIN_NEW = re.compile(r"\(Buyin ([$€£]?)\s?([\d.,]+) \+ ([$€£]?)\s?([\d.,]+)\)")
_BUYIN_OLD = re.compile(r"([$€£])\s?([\d.,]+)\s*(?:USD|EUR|GBP)?\s*Buy-in(?:\s*\+\s*([$€£])\s?([\d.,]+)"
                        r"\s*Entry Fee)?")
_SEAT = re.compile(r"^[Ss]eat ?(\d+): (.*?) \(\s*([^()]*?)\s*\)\s*(?:-.*)?$")
_BRACKET = re.compile(r"[\[(]\s*([^\])]*?)\s*[\])]")
_CARD = re.compile(r"\b([2-9TJQKA]|10)([shdc])\b", re.I)
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}
_VERBS = ("posts", "folds", "checks", "calls", "bets", "raises", "is all-In", "is all-in",
          "shows", "doesn't show", "does not show", "wins", "mucks", "has joined", "has left",
          "is sitting out", "opted for cash-out", "Cashout Amount is", "Cash-out Premium",
          "probabilty is", "probability is", "will be using", "did not respond",
          "could not respond", "balance", "Cashed out", "finished in", "double bets",
          "bring-ins", "completes", "opens", "- Selects", "sits out", "has been reconnected",
          "is disconnected", "has timed out", "returned to the table")
_VERB_RE = re.compile(r" (" + "|".join(re.escape(v.strip()) for v in _VERBS) + r")(?=\W|$)")


def amount(text: str) -> int:
    """A Party amount in 1/10,000 units ("$1,000", "$48,47", "3,000", "0.5", "€0,10")."""
    s = "".join(ch for ch in text if ch.isdigit() or ch in ".,-")
    neg = s.startswith("-")
    s = s.strip("-.,")
    if not s or not any(ch.isdigit() for ch in s):
        raise HandError(f"not an amount: {text!r}")
    dot, comma = s.rfind("."), s.rfind(",")
    if dot >= 0 and comma >= 0:
        dec: str | None = "." if dot > comma else ","
    elif dot >= 0 or comma >= 0:
        sep = "." if dot >= 0 else ","
        head, _, tail = s.rpartition(sep)
        if s.count(sep) > 1 or (len(tail) == 3 and head.replace(sep, "") not in ("", "0")):
            dec = None
        else:
            dec = sep
    else:
        dec = None
    if dec is None:
        whole, frac = s.replace(".", "").replace(",", ""), ""
    else:
        other = "," if dec == "." else "."
        whole, _, frac = s.replace(other, "").rpartition(dec)
    if len(frac) > 4 and frac[4:].strip("0"):
        raise HandError(f"more than 4 decimals: {text!r}")
    frac = frac[:4]
    value = int(whole or "0") * SCALE + (int(frac.ljust(4, "0")) if frac else 0)
    return -value if neg else value


def _first_amount(text: str) -> int | None:
    m = _BRACKET.search(text)
    if m is not None and any(ch.isdigit() for ch in m.group(1)):
        return amount(m.group(1))
    m2 = re.search(r"[$€£]?\s?\d[\d.,]*", text)
    return amount(m2.group(0)) if m2 else None


def _cards(text: str) -> list[str]:
    out = []
    for rank, suit in _CARD.findall(text):
        out.append(("T" if rank == "10" else rank.upper()) + suit.lower())
    return out


@lru_cache(maxsize=64)
def _zone(abbrev: str) -> ZoneInfo:
    return ZoneInfo(_ZONES.get(abbrev.upper(), "America/New_York"))


def parse_date(text: str) -> datetime | None:
    """The header's date ("Monday, April 25, 09:42:13 BST 2011", "Sun Jan 20 13:58:07 EST
    2013"), converted to UTC; no zone means ET."""
    m = _DATE.search(text)
    if m is None:
        return None
    _, mon, d, h, mi, s, tz, y = m.groups()
    month = _MONTHS.get(mon[:3].lower())
    if month is None:
        return None
    try:
        local = datetime(int(y), month, int(d), int(h), int(mi), int(s), tzinfo=_zone(tz or "ET"))
    except ValueError:
        return None
    return local.astimezone(UTC)


class PartyPokerParser(SiteParser):
    """PartyPoker text hand histories (see the module docstring for the variants)."""

    site = "partypoker"
    version = VERSION

    def detect(self, head: str) -> bool:
        return HAND_START.search(head) is not None

    def iter_hands(self, text: str) -> Iterator[tuple[int, str]]:
        starts = []
        for m in HAND_START.finditer(text):
            star = text.find("*", m.start())
            starts.append(star)
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            yield start, text[start:end]

    def site_of(self, text: str) -> str:
        m = _MARK.search(text[:200])
        if m is not None:
            return _SITE_MARKS.get(m.group(1).strip().lower(), self.site)
        return self.site

    # ------------------------------------------------------------------ one hand
    def parse_hand(self, text: str, builder: TableBuilder) -> Hand:
        raw_lines = text.splitlines()
        lines = [ln.strip(" \t\r\n\x00\ufeff") for ln in raw_lines]
        m = HAND_START.match(lines[0] if lines else "")
        if m is None:
            raise HandError("line 1: expected '***** Hand History for Game <id> *****'")
        hand = Hand()
        hand.site = self.site_of(lines[0])
        hand_id = m.group(1)
        if hand_id == "1111111111":  # a converter's placeholder id: hash the hand instead
            hand_id = "h" + hashlib.sha256(text.strip().encode()).hexdigest()[:16]
        hand.hand_id = hand_id
        if re.search(r"^\s*(Table Closed|Connection Lost due to some reason)", text, re.M):
            raise HandError("cancelled hand: 'Table Closed' / 'Connection Lost' line")
        if len(lines) < 2 or not lines[1]:
            raise HandError("incomplete hand: no game line after the header")
        ctx = self._header(lines[1], text, hand, builder)
        return _Body(hand, lines, ctx, builder).run()

    def _header(self, line: str, text: str, hand: Hand, builder: TableBuilder) -> dict:
        d = _DATE.search(line)
        desc = line[:d.start()].rstrip(" -") if d else line
        hand.started_at = parse_date(line[d.start():]) if d else None
        g = _GAME.search(desc)
        if g is None:
            raise HandError(f"line 2: expected a game name in {line[:120]!r}")
        name = g.group(1)
        game = _SUPPORTED.get(name.lower())
        if game is None:
            raise HandError(f"unsupported game: {name}")
        hand.game = game
        lm = _LIMIT.search(desc)
        hand.limit_type = {"NL": "nl", "PL": "pl", "FL": "fl"}[lm.group(1)] if lm else "fl"
        is_tournament = ("Trny" in desc or "Tournament #" in desc or "Tourney" in desc)
        hand.is_tournament = is_tournament
        ctx: dict = {"level": None, "stakes": None, "buyin": None, "fl_stakes": False}
        levels = list(_LEVEL.finditer(text))
        if levels:
            lv = levels[-1]
            a, b = amount(lv.group(2)), amount(lv.group(3))
            if lv.group(1) == "Stakes":
                ctx["level"] = (a // 2, a)
            else:
                ctx["level"] = (a, b)
            if lv.group(4):
                hand.ante = amount(lv.group(4))
        pre = desc[:g.start()]
        st = _STAKES.search(pre)
        if st is not None:
            ctx["stakes"] = (amount(st.group(2)), amount(st.group(4)))
            symbol = st.group(1) or st.group(3)
        else:
            bi = re.search(r"([$€£]?)\s?(\d[\d.,]*)\s*(?:USD|EUR|GBP)?", pre)
            symbol = ""
            if bi is not None and not is_tournament:
                ctx["buyin"] = amount(bi.group(2))
                symbol = bi.group(1)
        code = re.search(r"\b(USD|EUR|GBP|CAD)\b", desc)
        table_m = next((ln for ln in text.splitlines()[2:6] if ln.strip().startswith("Table ")), "")
        play = "Play Money" in table_m
        if is_tournament:
            hand.currency = "chips"
        elif play:
            hand.currency = "play"
        elif code:
            hand.currency = code.group(1)
        elif symbol:
            hand.currency = _SYMBOLS.get(symbol, "USD")
        else:
            sym = re.search(r"[$€£]", text)
            hand.currency = _SYMBOLS[sym.group(0)] if sym else "play"
        if is_tournament:
            t = _TOURNAMENT_NO.search(desc) or _TRNY.search(desc) or _TRNY.search(text)
            tid = t.group(1) if t else None
            table_text = table_m.strip()[6:]
            if tid is None and desc.strip().startswith("Tourney"):
                tid = table_text.split(" ", 1)[0] if table_text else None
            if not tid:
                raise HandError("line 2: expected a tournament number (Trny: N)")
            hand.tournament_id = tid
            buy_in = fee = None
            currency = None
            nb = _BUYIN_NEW.search(desc)
            ob = _BUYIN_OLD.search(desc)
            if nb is not None:
                buy_in, fee = amount(nb.group(2)), amount(nb.group(4))
                currency = _SYMBOLS.get(nb.group(1))
            elif ob is not None:
                buy_in = amount(ob.group(2))
                fee = amount(ob.group(4)) if ob.group(4) else None
                currency = _SYMBOLS.get(ob.group(1))
            elif "freeroll" in table_text.lower():
                buy_in, fee = 0, 0
            cm = re.search(r"\b(USD|EUR|GBP)\b", desc)
            if cm:
                currency = cm.group(1)
            tname = None if desc.strip().startswith("Tourney") else re.split(r"\s*\(\d+\)|\s+#\d+|\s+Table #", table_text.split("(Real Money)")[0]
                             .split("(Play Money)")[0])[0].strip() or None
            builder.tournament(hand.site, tid, name=tname, buy_in=buy_in, fee=fee,
                               currency=currency, started_at=hand.started_at,
                               parser_version=self.version)
        return ctx


class _Body:
    """The lines after the game line: table, seats, actions, results, summary."""

    def __init__(self, hand: Hand, lines: list[str], ctx: dict, builder: TableBuilder) -> None:
        self.hand = hand
        self.lines = lines
        self.ctx = ctx
        self.builder = builder
        self.aliases: dict[str, str] = {}       # seat name -> full name seen elsewhere
        self.joined: set[str] = set()
        self.unseated: list[str] = []
        self.commit: dict[str, int] = {}
        self.street = 0
        self.summary: dict[str, tuple[int, int, bool]] = {}
        self.pots = 0
        self.summary_rake: int | None = None
        self.has_summary = False
        self.wins_seen = False
        self.cashout_lines: dict[str, int] = {}
        self.implicit: list[str] = []
        self.finishes: list[str] = []
        self.no_small_blind = False
        self.dealt: list[str] = []
        self.sorted_names: list[str] = []

    # ---- names ----
    def resolve(self, actor: str) -> str | None:
        seats = self.hand.seats
        if actor in seats:
            return actor
        for name in self.sorted_names:
            if actor.startswith(name + " "):
                self.aliases.setdefault(name, actor)
                return name
        return None

    def split(self, line: str) -> tuple[str, str, str] | None:
        """(player, verb, rest) for "<player> <verb> ...", the player matched to the seats."""
        for name in self.sorted_names:
            if line.startswith(name + " "):
                rest = line[len(name) + 1:]
                v = _VERB_RE.match(" " + rest)
                if v is not None:
                    verb = v.group(1)
                    return name, verb, rest[len(verb):]
        for v in _VERB_RE.finditer(line):
            actor = line[:v.start()]
            if not actor:
                continue
            who = self.resolve(actor)
            if who is None:
                if ": " in actor or actor.endswith(":"):
                    return None  # a chat line ("Ann: I folds too much")
                who = actor
            return who, v.group(1), line[v.end():]
        return None

    def add_player(self, name: str, seat: int | None, stack: int | None) -> None:
        hand = self.hand
        if seat is None:
            used = set(hand.seats.values())
            seat = next(s for s in range(1, 100) if s not in used)
        hand.names.append(name)
        hand.seats[name] = seat
        hand.stacks[name] = stack  # type: ignore[assignment]
        self.sorted_names = sorted(hand.seats, key=len, reverse=True)

    # ---- main ----
    def run(self) -> Hand:
        hand = self.hand
        lines = self.lines
        k = 2
        for n in range(2, min(len(lines), 8)):
            ln = lines[n]
            if ln.startswith("Table "):
                self._table(ln)
            b = re.search(r"Seat (\d+) is the button", ln)
            if b is not None:
                hand.button_seat = int(b.group(1))
            t = re.match(r"Total number of players\s*:\s*(\d+)(?:/(\d+))?", ln)
            if t is not None and t.group(2):
                hand.max_seats = int(t.group(2))
            if _SEAT.match(ln):
                k = n
                break
        else:
            raise HandError("line 3: expected 'Seat N: <player> ( <stack> )' lines")
        while k < len(lines) and _SEAT.match(lines[k]):
            m = _SEAT.match(lines[k])
            assert m is not None
            name = m.group(2).strip()
            if name in hand.seats:
                raise HandError(f"line {k + 1}: player {name!r} seated twice")
            self.add_player(name, int(m.group(1)), amount(m.group(3)) if any(
                ch.isdigit() for ch in m.group(3)) else 0)
            k += 1
        if len(hand.names) < 1:
            raise HandError("line 3: expected 'Seat N: <player> ( <stack> )' lines")
        for n in range(k, len(lines)):
            line = lines[n]
            if not line:
                continue
            try:
                cut = line.find("does not show cards.")
                if cut > 0 and cut + 20 < len(line):  # "... does not show cards.X wins $1"
                    self._line(line[:cut + 20], n + 1)
                    line = line[cut + 20:].strip()
                self._line(line, n + 1)
            except HandError:
                raise
            except (ValueError, IndexError, KeyError) as exc:
                raise HandError(f"line {n + 1}: cannot read {line[:100]!r} ({exc})") from None
        if not self.wins_seen and not self.has_summary:
            raise HandError("incomplete hand: no 'wins' line and no '** Summary **' section")
        self._finish()
        return hand

    def _table(self, line: str) -> None:
        body = line[6:]
        cut = len(body)
        for marker in ("(Real Money)", "( Real Money )", "(Play Money)", "( Play Money )"):
            i = body.find(marker)
            if i >= 0:
                cut = min(cut, i)
        name = body[:cut].replace("(No DP)", "").strip()
        self.hand.table_name = re.sub(r"\s+", " ", name) or None

    def _line(self, line: str, n: int) -> None:
        hand = self.hand
        if line.startswith("** "):
            self._section(line)
            return
        if line.startswith(("Game #", "#Game No", ">", "Trny:", "Blinds", "Stakes",
                            "Creating ", "Board:")):
            return
        if line.startswith("There is no Small Blind"):
            self.no_small_blind = True
            return
        if line.startswith(("Main Pot:", "Main pot:")):
            self._pots(line)
            return
        if line.startswith("Dealt to "):
            rest = line[9:]
            b = rest.find("[")
            actor = rest[:b].strip() if b >= 0 else rest.strip()
            who = self.resolve(actor)
            if who is None:
                who = actor
                if who not in hand.seats:
                    self.add_player(who, None, None)
                    self.unseated.append(who)
            cards = _cards(rest[b:]) if b >= 0 else []
            if cards:
                hand.add_cards(who, cards)
                if who not in self.dealt:
                    self.dealt.append(who)
            return
        if line.startswith("Congratulations to player "):
            self.finishes.append(line)
            return
        if line.startswith("Player ") and " finished in " in line:
            self.finishes.append(line[7:])
            return
        parts = self.split(line)
        if parts is None:
            return
        who, verb, rest = parts
        if verb == "finished in":
            self.finishes.append(line)
            return
        if verb in ("has joined", "has left", "is sitting out", "sits out", "will be using",
                    "did not respond", "could not respond", "has been reconnected",
                    "is disconnected", "has timed out", "returned to the table",
                    "Cash-out Premium", "probabilty is", "probability is"):
            if verb == "has joined":
                self.joined.add(who)
            return
        if verb in ("double bets", "bring-ins", "completes", "opens"):
            raise HandError(f"unsupported game: stud action '{verb}' at line {n}")
        if verb == "- Selects":
            raise HandError(f"unsupported game: Double Hold'em point card at line {n}")
        if who not in hand.seats:
            if verb in ("shows", "doesn't show", "does not show", "mucks", "balance"):
                return
            self.add_player(who, None, None)
            self.unseated.append(who)
        if verb in ("shows", "doesn't show", "mucks"):
            b = rest.find("[")
            e = rest.find("]", b)
            if b >= 0:
                hand.add_cards(who, _cards(rest[b:e + 1 if e > 0 else None]))
            return
        if verb == "does not show":
            return
        if verb == "wins":
            self.wins_seen = True
            body = rest
            if body.startswith("Lo ("):
                body = body[4:]
            amt = _first_amount(body.split(" from ")[0] if " from " in body else body)
            if amt is None:
                raise HandError(f"line {n}: expected an amount in {line[:100]!r}")
            hand.collected[who] = hand.collected.get(who, 0) + amt
            return
        if verb == "opted for cash-out":
            self.cashout_lines.setdefault(who, 0)
            return
        if verb == "Cashout Amount is":
            self.cashout_lines[who] = amount(rest)
            return
        if verb in ("balance", "Cashed out"):
            self._balance(who, verb, rest)
            return
        self._action(who, verb, rest, n)

    def _section(self, line: str) -> None:
        head = line[3:].lower()
        if head.startswith("summary"):
            self.has_summary = True
            return
        if head.startswith("dealing down cards"):
            self._set_street(0)
        elif head.startswith("dealing flop"):
            self._set_street(1)
            self.hand.board = _cards(line)
        elif head.startswith("dealing turn"):
            self._set_street(2)
            self.hand.board = self.hand.board + _cards(line)
        elif head.startswith("dealing river"):
            self._set_street(3)
            self.hand.board = self.hand.board + _cards(line)
        elif head.startswith("dealing"):
            raise HandError(f"unsupported game: stud street '{line.strip('* ')}'")

    def _set_street(self, street: int) -> None:
        if street != self.street:
            self.street = street
            self.commit = {}

    def _pots(self, line: str) -> None:
        total = 0
        for m in re.finditer(r"(?:Main|Side) [Pp]ot(?: \d+)?:\s*\$?\s?([\d.,]+)", line):
            total += amount(m.group(1))
        r = re.search(r"Rake:\s*\$?\s?([\d.,]+)", line)
        self.pots = total
        self.summary_rake = amount(r.group(1)) if r else 0

    def _balance(self, who: str, verb: str, rest: str) -> None:
        cashed = verb == "Cashed out"
        bet = re.search(r"\bbet \$?\s?([\d.,]+)", rest)
        lost = re.search(r"\blost \$?\s?([\d.,]+)", rest)
        col = re.search(r"\bcollected \$?\s?([\d.,]+)", rest)
        invested = amount(bet.group(1)) if bet else amount(lost.group(1)) if lost else 0
        self.summary[who] = (invested, amount(col.group(1)) if col else 0, cashed)
        b = rest.find("[")
        if b >= 0:
            e = rest.find("]", b)
            self.hand.add_cards(who, _cards(rest[b:e + 1]))

    def _append(self, who: str, kind: str, add: int, to: int | None, allin: bool) -> None:
        hand = self.hand
        hand.act_street.append(self.street)
        hand.act_player.append(who)
        hand.act_kind.append(kind)
        hand.act_amount.append(add)
        hand.act_raise_to.append(to)
        hand.act_allin.append(allin)
        if kind not in ("post_ante", "post_dead"):
            self.commit[who] = self.commit.get(who, 0) + add

    def _action(self, who: str, verb: str, rest: str, n: int) -> None:
        hand = self.hand
        rest = rest.strip()
        if verb == "folds":
            self._append(who, "fold", 0, None, False)
        elif verb == "checks":
            top = max(self.commit.values(), default=0)
            mine = self.commit.get(who, 0)
            if self.street == 0 and top > mine and not hand.is_tournament and \
                    who not in hand.act_player:
                # a silent post: the player checks a big blind it never posted
                self._append(who, "post_bb", top - mine, None, False)
                self.implicit.append(who)
            self._append(who, "check", 0, None, False)
        elif verb == "posts":
            what = rest.lower()
            amt = _first_amount(rest)
            if amt is None:
                raise HandError(f"line {n}: expected an amount in a post: {rest[:80]!r}")
            if what.startswith("small blind"):
                self._append(who, "post_sb", amt, None, False)
            elif what.startswith("big blind + dead") or what.startswith("big blind+dead"):
                live = min(amt, self.ctx_bb() or amt)
                if amt - live:
                    self._append(who, "post_dead", amt - live, None, False)
                self._append(who, "post_bb", live, None, False)
            elif what.startswith("big blind"):
                self._append(who, "post_bb", amt, None, False)
            elif what.startswith("ante"):
                self._append(who, "post_ante", amt, None, False)
                if not hand.ante:
                    hand.ante = amt
            elif what.startswith("button blind"):
                self._append(who, "post_straddle", amt, None, False)
            elif what.startswith("dead"):
                self._append(who, "post_dead", amt, None, False)
            elif what.startswith("straddle"):
                self._append(who, "post_straddle", amt, None, False)
            else:
                raise HandError(f"line {n}: unrecognised post {rest[:80]!r}")
        elif verb in ("calls", "bets", "raises", "is all-In", "is all-in"):
            amt: int | None
            to = None
            tm = re.match(r"\$?\s?([\d.,]+)\s+to\s+\$?\s?([\d.,]+)", rest)
            if tm is not None:
                amt, to = amount(tm.group(1)), amount(tm.group(2))
            else:
                amt = _first_amount(rest) if any(ch.isdigit() for ch in rest) else None
            if verb.startswith("is all"):
                if amt is None:  # "X is all-In." marks the player's previous action
                    for i in range(len(hand.act_player) - 1, -1, -1):
                        if hand.act_player[i] == who:
                            hand.act_allin[i] = True
                            break
                    return
                new = self.commit.get(who, 0) + amt
                top = max((v for p, v in self.commit.items() if p != who), default=0)
                if new <= top:
                    kind = "call"
                elif top == 0 and self.street > 0:
                    kind = "bet"
                else:
                    kind, to = "raise", new
                self._append(who, kind, amt, to, True)
                return
            if amt is None:
                raise HandError(f"line {n}: expected an amount after '{verb}'")
            if verb == "raises":
                if to is None:
                    to = self.commit.get(who, 0) + amt
                self._append(who, "raise", amt, to, False)
            elif verb == "bets":
                kind = "raise" if self.street == 0 else "bet"
                self._append(who, kind, amt, self.commit.get(who, 0) + amt if kind == "raise"
                             else None, False)
            else:
                self._append(who, "call", amt, None, False)

    def ctx_bb(self) -> int | None:
        stakes = self.ctx.get("stakes") or self.ctx.get("level")
        return stakes[1] if stakes else None

    # ---- after the last line ----
    def _finish(self) -> None:
        hand = self.hand
        self._merge_placeholder()
        if hand.is_tournament and not any(k in ("post_sb", "post_bb", "post_straddle")
                                          for k in hand.act_kind):
            self._synthesize_blinds()
        self._stakes()
        if self.has_summary and self.summary:
            self._summary_money()
        else:
            self._text_money()
        if len(self.dealt) == 1:
            hand.hero = self.dealt[0]
        self._rename()
        if hand.is_tournament and hand.hero is not None and hand.tournament_id:
            self.builder.tournament(hand.site, hand.tournament_id, hero=hand.hero)
            for line in self.finishes:
                self._tournament_finish(line)

    def _merge_placeholder(self) -> None:
        hand = self.hand
        actors = [p for p in self.unseated if p not in self.joined and p in hand.seats
                  and not any(a == p and k.startswith("post") for a, k in
                              zip(hand.act_player, hand.act_kind, strict=True))]
        idle = [p for p in hand.names if p not in self.unseated and not any(
            a == p and not k.startswith("post") for a, k in
            zip(hand.act_player, hand.act_kind, strict=True)) and p not in hand.collected
                and p not in self.summary and any(a == p for a in hand.act_player)]
        if len(actors) != 1 or len(idle) != 1:
            return
        actor, seated = actors[0], idle[0]
        hand.seats[actor] = hand.seats.pop(seated)
        hand.stacks[actor] = hand.stacks.pop(seated)
        hand.names = [actor if p == seated else p for p in hand.names if p != actor]
        hand.act_player = [actor if p == seated else p for p in hand.act_player]
        self.unseated.remove(actor)
        if seated in hand.cards:
            hand.add_cards(actor, hand.cards.pop(seated))
        self.sorted_names = sorted(hand.seats, key=len, reverse=True)

    def _synthesize_blinds(self) -> None:
        hand = self.hand
        level = self.ctx.get("level") or self.ctx.get("stakes")
        if level is None or hand.button_seat is None:
            return
        sb_amt, bb_amt = level
        active_names = [p for p in hand.names if p in hand.act_player or p in hand.collected
                        or p in hand.cards]
        by_seat = {hand.seats[p]: p for p in active_names}
        if len(by_seat) < 2:
            return
        seats = sorted(by_seat)

        def after(seat: int) -> int:
            return next((s for s in seats if s > seat), seats[0])

        btn = hand.button_seat
        if self.no_small_blind:
            sb_seat = None
            bb_seat = after(btn)
        else:
            sb_seat = btn if len(seats) == 2 and btn in by_seat else after(btn)
            bb_seat = after(sb_seat)
        posts = []
        if sb_seat is not None:
            p = by_seat[sb_seat]
            posts.append((p, "post_sb", min(sb_amt, hand.stacks.get(p) or sb_amt)))
        p = by_seat[bb_seat]
        posts.append((p, "post_bb", min(bb_amt, hand.stacks.get(p) or bb_amt)))
        # insert after the antes, before the first preflop action
        idx = next((i for i, k in enumerate(hand.act_kind) if k != "post_ante"), len(hand.act_kind))
        for j, (p, kind, amt) in enumerate(posts):
            hand.act_street.insert(idx + j, 0)
            hand.act_player.insert(idx + j, p)
            hand.act_kind.insert(idx + j, kind)
            hand.act_amount.insert(idx + j, amt)
            hand.act_raise_to.insert(idx + j, None)
            hand.act_allin.insert(idx + j, amt == hand.stacks.get(p))
        self._fix_raise_to()

    def _fix_raise_to(self) -> None:
        """Recompute raise-to totals per street after blinds were inserted."""
        hand = self.hand
        commit: dict[str, int] = {}
        street = 0
        for i, (s, p, k, a) in enumerate(zip(hand.act_street, hand.act_player, hand.act_kind,
                                             hand.act_amount, strict=True)):
            if s != street:
                street, commit = s, {}
            if k in ("post_ante", "post_dead"):
                continue
            commit[p] = commit.get(p, 0) + a
            if k == "raise":
                hand.act_raise_to[i] = commit[p]

    def _stakes(self) -> None:
        hand = self.hand
        kinds, amounts = hand.act_kind, hand.act_amount
        sb = next((a for k, a in zip(kinds, amounts, strict=True) if k == "post_sb"), 0)
        bb = next((a for k, a in zip(kinds, amounts, strict=True) if k == "post_bb"), 0)
        button = next((a for k, a in zip(kinds, amounts, strict=True) if k == "post_straddle"), 0)
        stakes, level, buyin = self.ctx.get("stakes"), self.ctx.get("level"), self.ctx.get("buyin")
        if hand.game == "shortdeck":
            blind = button or (stakes[0] if stakes else bb)
            hand.small_blind = hand.big_blind = blind
            return
        if hand.is_tournament and level is not None:
            hand.small_blind, hand.big_blind = level
        elif stakes is not None and hand.limit_type != "fl":
            hand.small_blind, hand.big_blind = stakes
        elif sb or bb:
            hand.big_blind = bb or 2 * sb
            sb_player = next((p for k, p in zip(kinds, hand.act_player, strict=True)
                              if k == "post_sb"), None)
            short = sb_player is not None and hand.stacks.get(sb_player) == sb and bb > 2 * sb
            hand.small_blind = hand.big_blind // 2 if (not sb or short) else sb
        elif stakes is not None:  # fixed limit a/b: the bets; blinds unseen in this hand
            hand.big_blind, hand.small_blind = stakes[0], stakes[0] // 2
        elif buyin:
            hand.big_blind = buyin // 100
            hand.small_blind = hand.big_blind // 2

    def _text_money(self) -> None:
        """Old era: 'wins' include uncalled bets; rake is what the pot lost."""
        hand = self.hand
        collected = dict(hand.collected)
        uncalled = _uncalled(hand)
        total_in = sum(hand.act_amount)
        if uncalled is not None:
            who, amt = uncalled
            hand.returned[who] = amt
            total_in -= amt
            if collected.get(who, 0) >= amt:
                collected[who] -= amt
                if not collected[who]:
                    del collected[who]
        rake = total_in - sum(collected.values())
        if rake < 0 and self.implicit:
            dead = hand.small_blind
            if 0 < -rake <= dead:
                who = self.implicit[0]
                i = hand.act_player.index(who)
                for lst, v in ((hand.act_street, 0), (hand.act_player, who),
                               (hand.act_kind, "post_dead"), (hand.act_amount, dead),
                               (hand.act_raise_to, None), (hand.act_allin, False)):
                    lst.insert(i, v)  # type: ignore[attr-defined]
                total_in += dead
                rake += dead
        if rake < 0:
            raise HandError(f"pot does not balance: the 'wins' lines pay "
                            f"{sum(collected.values()) / SCALE} from a pot of {total_in / SCALE}")
        hand.collected = collected
        hand.rake = rake
        hand.total_pot = total_in

    def _summary_money(self) -> None:
        """New era: the '** Summary **' balances are authoritative."""
        hand = self.hand
        put_in: dict[str, int] = {}
        last: dict[str, int] = {}
        for i, (p, a) in enumerate(zip(hand.act_player, hand.act_amount, strict=True)):
            put_in[p] = put_in.get(p, 0) + a
            if a:
                last[p] = i
        for p, (bet, _, _) in self.summary.items():
            if p not in hand.seats:
                continue
            diff = bet - put_in.get(p, 0)
            if diff:
                if p not in last or abs(diff) * 200 > max(bet, 1):
                    raise HandError(f"summary says {p!r} bet {bet / SCALE}, the actions put in "
                                    f"{put_in.get(p, 0) / SCALE}")
                hand.act_amount[last[p]] += diff  # rounding in converted exports
        rake = self.summary_rake or 0
        total_bet = sum(b for b, _, _ in self.summary.values())
        uncalled = total_bet - self.pots - rake
        if uncalled < 0:
            raise HandError(f"pot does not balance: summary pots {self.pots / SCALE} + rake "
                            f"{rake / SCALE} exceed the bets {total_bet / SCALE}")
        top = max(self.summary, key=lambda p: self.summary[p][0])
        collected: dict[str, int] = {}
        cashed: list[str] = []
        for p, (_, col, is_cash) in self.summary.items():
            if is_cash:
                cashed.append(p)
                hand.cashout[p] = col
                continue
            if p == top and uncalled:
                col -= uncalled
            if col:
                collected[p] = col
        if uncalled:
            hand.returned[top] = uncalled
        for p in cashed:
            share = self.pots - sum(collected.values())
            if share < 0:
                raise HandError("pot does not balance: the others collected more than the pots")
            if share:
                collected[p] = share
        hand.collected = collected
        hand.rake = rake
        hand.total_pot = self.pots + rake

    def _rename(self) -> None:
        """Use the full names the emailed format shows elsewhere for shortened seat names."""
        if not self.aliases:
            return
        hand = self.hand
        names = {short: full for short, full in self.aliases.items()
                 if full not in hand.seats and short in hand.seats}
        if not names:
            return

        def r(p: str) -> str:
            return names.get(p, p)
        hand.names = [r(p) for p in hand.names]
        hand.seats = {r(p): v for p, v in hand.seats.items()}
        hand.stacks = {r(p): v for p, v in hand.stacks.items()}
        hand.act_player = [r(p) for p in hand.act_player]
        hand.collected = {r(p): v for p, v in hand.collected.items()}
        hand.returned = {r(p): v for p, v in hand.returned.items()}
        hand.cashout = {r(p): v for p, v in hand.cashout.items()}
        hand.cards = {r(p): v for p, v in hand.cards.items()}
        hand.hero = r(hand.hero) if hand.hero else None

    def _tournament_finish(self, line: str) -> None:
        hand = self.hand
        hero = hand.hero
        if line.startswith("Congratulations to player "):
            who = line[26:].split(" for winning", 1)[0]
            if who == hero:
                self.builder.tournament(hand.site, hand.tournament_id or "", finish=1)
            return
        who, _, tail = line.partition(" finished in ")
        if who != hero and self.aliases.get(who) != hero:
            return
        place_text = tail.split(" place", 1)[0].rstrip(".")
        digits = "".join(ch for ch in place_text if ch.isdigit())
        prize = None
        pm = re.search(r"received ([$€£]?)([\d.,]+)", tail)
        if pm is not None:
            prize = amount(pm.group(2))
        self.builder.tournament(hand.site, hand.tournament_id or "",
                                finish=int(digits) if digits else None, prize=prize)


def _uncalled(hand: Hand) -> tuple[str, int] | None:
    """(player, amount) of the bet nobody matched on the last street with money in."""
    streets = [s for s, k, a in zip(hand.act_street, hand.act_kind, hand.act_amount, strict=True)
               if a and k not in ("post_ante", "post_dead")]
    if not streets:
        return None
    last = max(streets)
    commits: dict[str, int] = {}
    for s, k, p, a in zip(hand.act_street, hand.act_kind, hand.act_player, hand.act_amount,
                          strict=True):
        if s == last and k not in ("post_ante", "post_dead"):
            commits[p] = commits.get(p, 0) + a
    ranked = sorted(commits.items(), key=lambda kv: kv[1], reverse=True)
    top_player, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if top > second:
        return top_player, top - second
    return None
