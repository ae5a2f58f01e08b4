"""One table session: who sits where, stacks between hands, tilt episodes, the clock.

Players join empty seats and leave after a while (the hero stays for the whole unit), rebuy
when short, and the button moves to the next occupied seat. After a big loss (>= a per-player
threshold of 40-60 big blinds) or a bad beat (losing a showdown with three of a kind or better)
a player may start a tilt episode - with probability equal to their tilt propensity - during
which they play looser and more aggressively for 20-80 hands. Each dealt-in (hand, player) pair
yields a ground-truth label row.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from datetime import timedelta
from random import Random

from ingestion.generator.cards import TRIPS, category
from ingestion.generator.engine import play_hand
from ingestion.generator.plan import ET, Unit
from ingestion.generator.players import PlayerProfile
from ingestion.generator.stars import HAND_SEPARATOR, format_hand


@dataclass
class UnitResult:
    """What a unit produced: the file text and label columns (plus counters)."""

    idx: int
    text: str
    hand_ids: list[int] = field(default_factory=list)
    players: list[str] = field(default_factory=list)
    is_tilt: list[bool] = field(default_factory=list)
    episode_ids: list[str | None] = field(default_factory=list)
    hands: int = 0
    episodes: int = 0
    max_rake_ok: bool = True


@dataclass
class _Seat:
    pidx: int
    stack: int
    buy_in: int
    leave_after: int
    tilt_left: int = 0
    episode: str | None = None


def _tilted(p: PlayerProfile) -> tuple[float, float, float]:
    vpip = min(0.8, p.vpip * 1.8 + 0.05)
    pfr = min(vpip, p.pfr * 2.0 + 0.04)
    return vpip, pfr, min(0.95, p.aggression + 0.3)


def simulate_unit(unit: Unit, pool: list[PlayerProfile], cum_activity: list[float]) -> UnitResult:
    """Play all of a unit's hands; deterministic in (unit, pool)."""
    rng = Random(unit.seed)
    cfg = unit.cfg
    bb = cfg.bb
    seats: dict[int, _Seat] = {}
    total_w = cum_activity[-1]
    npool = len(pool)
    base_params = [(p.vpip, p.pfr, p.aggression) for p in pool]
    tilt_params = [_tilted(p) for p in pool]
    thresholds = [bb * (40 + int(20 * ((p.idx * 2654435761) % 1000) / 1000)) for p in pool]

    def buy_in() -> int:
        return bb * (100 if rng.random() < 0.7 else rng.randint(40, 100))

    def seat_player(seat_no: int, pidx: int, hero: bool = False) -> None:
        b = bb * 100 if hero else buy_in()
        seats[seat_no] = _Seat(pidx=pidx, stack=b, buy_in=b,
                               leave_after=10**9 if hero else int(rng.expovariate(1 / 120)) + 5)

    def pick_newcomer() -> int | None:
        at_table = {s.pidx for s in seats.values()}
        if len(at_table) >= npool:
            return None
        for _ in range(20):
            pidx = bisect.bisect_left(cum_activity, rng.random() * total_w)
            pidx = min(pidx, npool - 1)
            if pidx not in at_table:
                return pidx
        free = [i for i in range(npool) if i not in at_table]
        return rng.choice(free)

    all_seats = list(range(1, cfg.max_seats + 1))
    hero_seat = rng.choice(all_seats)
    seat_player(hero_seat, unit.hero, hero=True)
    capacity = min(cfg.max_seats, npool)
    for s in rng.sample(all_seats, cfg.max_seats):
        if len(seats) >= max(2, capacity - rng.randint(0, 1)):
            break
        if s in seats:
            continue
        p = pick_newcomer()
        if p is None:
            break
        seat_player(s, p)

    res = UnitResult(idx=unit.idx, text="")
    chunks: list[str] = []
    button_seat = rng.choice(sorted(seats))
    now = unit.start_utc
    mean_gap = 48 if cfg.max_seats == 6 else 62
    ep_counter = itertools.count(1)
    for h_no in range(unit.hands):
        hand_id = unit.first_hand_id + h_no
        order = sorted(seats)
        # Button to the next occupied seat after the previous button.
        nxt = [s for s in order if s > button_seat]
        button_seat = nxt[0] if nxt else order[0]
        occ = [seats[s] for s in order]
        names = [pool[o.pidx].name for o in occ]
        params = [tilt_params[o.pidx] if o.tilt_left > 0 else base_params[o.pidx] for o in occ]
        hand = play_hand(rng, cfg, order, [o.stack for o in occ], order.index(button_seat), params)
        hero_i = order.index(hero_seat)
        text = format_hand(hand, hand_id, now.astimezone(ET), unit.table, names, hero_i)
        chunks.append(text)
        chunks.append(HAND_SEPARATOR)
        if hand.rake > cfg.cap_for(len(order)):
            res.max_rake_ok = False
        for i, o in enumerate(occ):
            res.hand_ids.append(hand_id)
            res.players.append(names[i])
            tilting = o.tilt_left > 0
            res.is_tilt.append(tilting)
            res.episode_ids.append(o.episode if tilting else None)
        res.hands += 1

        # ---- between hands: stacks, tilt, leaving, joining, the clock ----
        for i, o in enumerate(occ):
            net = hand.collected[i] - hand.invested[i]
            o.stack += net
            if o.tilt_left > 0:
                o.tilt_left -= 1
                if o.tilt_left == 0:
                    o.episode = None
            lost_big = -net >= thresholds[o.pidx]
            bad_beat = (hand.showdown and i in hand.ranks and hand.collected[i] == 0
                        and category(hand.ranks[i]) <= TRIPS and -net >= 15 * bb)
            if (lost_big or bad_beat) and rng.random() < pool[o.pidx].tilt_propensity:
                if o.tilt_left <= 0:
                    o.episode = f"{unit.seed.split(':', 1)[1]}:{next(ep_counter)}"
                    res.episodes += 1
                o.tilt_left = max(o.tilt_left, rng.randint(20, 80))
        for s in order:
            o = seats[s]
            o.leave_after -= 1
            short = o.stack < bb * 25 + cfg.ante
            if s == hero_seat:
                if short:
                    o.stack = max(o.stack, o.buy_in)
                continue
            if o.leave_after <= 0 or (short and rng.random() < 0.3) or o.stack < bb + cfg.ante:
                del seats[s]
            elif short:
                o.stack = max(o.stack, o.buy_in)
        for s in all_seats:
            if s not in seats and (len(seats) < 2 or rng.random() < 0.12):
                p = pick_newcomer()
                if p is not None:
                    seat_player(s, p)
        now += timedelta(seconds=int(mean_gap * (0.5 + rng.random())) + 8 * (len(hand.actions) > 12))
    res.text = "".join(chunks)
    return res
