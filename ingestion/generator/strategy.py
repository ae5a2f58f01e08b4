"""How a simulated player chooses an action: small pure functions of numbers.

The rules engine asks these for an intent (fold / check / call / bet-or-raise to an amount) and
then enforces legality itself (min-raise, pot limit, stack), so a strategy bug can never produce
an illegal hand. Styles enter only through three rates (VPIP, PFR, aggression); tilt scales them.
Preflop hand strength is a percentile (0 = best starting hand), postflop a 0..1 strength built
from the hand's phevaluator category.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations

FOLD, CHECK, CALL, RAISE = 0, 1, 2, 3

# Postflop strength by phevaluator rank band (lower rank = better hand).
_BANDS = (  # (last rank of band, strength at band's best, strength at band's worst)
    (10, 1.0, 0.99), (166, 0.99, 0.98), (322, 0.98, 0.95), (1599, 0.95, 0.90),
    (1609, 0.90, 0.86), (2467, 0.86, 0.80), (3325, 0.80, 0.62), (6185, 0.62, 0.22),
    (7462, 0.20, 0.0),
)


def _chen(r1: int, r2: int, suited: bool) -> float:
    """Bill Chen's starting-hand score (ranks 0..12 = 2..A)."""
    hi, lo = max(r1, r2), min(r1, r2)
    base = {12: 10.0, 11: 8.0, 10: 7.0, 9: 6.0}.get(hi, (hi + 2) / 2)
    if hi == lo:
        return max(5.0, base * 2)
    score = base + (2 if suited else 0)
    gap = hi - lo - 1
    score -= (0, 1, 2, 4)[gap] if gap < 4 else 5
    if gap <= 1 and hi < 10:
        score += 1
    return score


@lru_cache(maxsize=1)
def holdem_percentiles() -> tuple[float, ...]:
    """Index c1*52+c2 -> share of the 1,326 starting hands that are at least as strong (0 = AA)."""
    scores = {}
    for a, b in combinations(range(52), 2):
        scores[(a, b)] = _chen(a >> 2, b >> 2, (a & 3) == (b & 3))
    ordered = sorted(scores.values(), reverse=True)
    # percentile = fraction of combos strictly stronger, plus half the ties
    first: dict[float, int] = {}
    last: dict[float, int] = {}
    for i, s in enumerate(ordered):
        first.setdefault(s, i)
        last[s] = i
    out = [1.0] * (52 * 52)
    n = len(ordered)
    for (a, b), s in scores.items():
        p = (first[s] + last[s] + 1) / 2 / n
        out[a * 52 + b] = out[b * 52 + a] = p
    return tuple(out)


def omaha_score(hole: tuple[int, ...] | list[int]) -> float:
    """Rough PLO starting-hand score: high pairs, suited aces, connectedness."""
    ranks = sorted((c >> 2 for c in hole), reverse=True)
    suits = [c & 3 for c in hole]
    score = sum(ranks) * 0.25
    for i in range(4):
        for j in range(i + 1, 4):
            a, b = hole[i], hole[j]
            if a >> 2 == b >> 2:
                score += 3 + (a >> 2) * 0.5
            elif abs((a >> 2) - (b >> 2)) <= 2:
                score += 1.2
            if suits[i] == suits[j]:
                score += 1.5 + (2 if max(a >> 2, b >> 2) == 12 else 0)
    if len(set(c >> 2 for c in hole)) <= 2:  # trips/quads in hand are bad in Omaha
        score -= 8
    return score


@lru_cache(maxsize=1)
def _omaha_reference() -> tuple[float, ...]:
    import random

    rng = random.Random(20261128)
    deck = list(range(52))
    return tuple(sorted(omaha_score(rng.sample(deck, 4)) for _ in range(4000)))


def omaha_percentile(hole: tuple[int, ...] | list[int]) -> float:
    from bisect import bisect_left

    ref = _omaha_reference()
    return 1.0 - bisect_left(ref, omaha_score(hole)) / len(ref)


def strength(rank: int) -> float:
    """0..1 postflop strength of a made hand from its phevaluator rank."""
    lo = 0
    for last, best, worst in _BANDS:
        if rank <= last:
            span = last - lo
            return best - (best - worst) * ((rank - lo - 1) / span if span > 1 else 0.0)
        lo = last
    return 0.0


def preflop(r: float, hs: float, vpip: float, pfr: float, posf: float, nraises: int,
            to_call: int) -> int:
    """Intent before the flop; `hs` is the hand's percentile (0 best), `r` a uniform draw."""
    hs = hs * (0.8 + 0.4 * r)
    if nraises == 0:
        if hs < pfr * posf:
            return RAISE
        if to_call == 0:
            return CHECK
        if hs < vpip * posf:
            return CALL
        return FOLD
    if nraises == 1:
        if hs < pfr * 0.45:
            return RAISE
        return CALL if hs < vpip * 0.6 * posf else FOLD
    if nraises == 2:
        if hs < pfr * 0.1:
            return RAISE
        return CALL if hs < vpip * 0.22 else FOLD
    if hs < 0.02:
        return RAISE
    return CALL if hs < 0.045 else FOLD


def postflop(r: float, s: float, agg: float, loose: float, to_call: int, pot: int) -> tuple[int, float]:
    """Intent after the flop and the bet size as a fraction of the pot."""
    if to_call == 0:
        p_bet = agg * (0.1 + 0.9 * s) if s >= 0.3 else agg * 0.3
        if r < p_bet:
            return RAISE, (0.33, 0.5, 0.66, 0.75, 1.0)[int(r / p_bet * 4.999)] if p_bet > 0 else 0.5
        return CHECK, 0.0
    odds = to_call / (pot + to_call)
    if s >= 0.8 and r < agg * 0.6:
        return RAISE, 0.0
    if s < 0.2 and r < agg * 0.05:
        return RAISE, 0.0
    need = odds * 1.3 + 0.1 - loose * 0.25
    if s + (r - 0.5) * 0.2 > need:
        return CALL, 0.0
    return FOLD, 0.0
