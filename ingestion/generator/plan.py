"""Split a run into table sessions ("units") before any hand is played.

Each unit is one hero's sitting at one table: its game and stakes, hand count, start time,
first hand number and its own RNG seed. Because the plan is a pure function of (hands, players,
seed) and units share no state, units can be simulated in any process, in any order, and the
output is byte-identical whatever the worker count.

Hand numbers: `200_000_000_000 + (seed % 5000) * 100_000_000 + running index` - 12 digits like
Stars', unique within a run (up to 100M hands) and disjoint across seeds below 5,000.
Start times fall between 09:00 and 19:59 ET and units last at most ~4 hours, so no hand lands
in a daylight-saving gap or repeated hour and the ET text always maps to one UTC instant.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ingestion.generator.engine import TableConfig

ET = ZoneInfo("America/New_York")
UTC = ZoneInfo("UTC")

HAND_ID_BASE = 200_000_000_000
HANDS_PER_SEED_BLOCK = 100_000_000

# (sb, bb, rake cap 3+ players, rake cap heads-up) in cents; weights favour the micros.
STAKES = (
    ((5, 10, 150, 50), 0.34),
    ((10, 25, 200, 50), 0.26),
    ((25, 50, 250, 100), 0.2),
    ((50, 100, 300, 100), 0.12),
    ((100, 200, 300, 100), 0.08),
)
_STAR_NAMES = ("Wezen", "Telephus", "Archid", "Latona", "Owa", "Hesperia", "Gutemberga", "Juno",
               "Discovery", "Lampland", "Tantalus", "Phoebe", "Alkes", "Caph", "Diphda", "Enif",
               "Gienah", "Hadar", "Izar", "Kochab", "Menkar", "Nunki", "Rasalas", "Sabik", "Tureis",
               "Ukdah", "Vindemiatrix", "Wasat", "Zaniah", "Aludra")
_ROMAN = ("", " II", " III", " IV", " V", " VI", " VII", " VIII", " IX", " X", " XI", " XII",
          " XIII", " XIV", " XV", " XVI")


@dataclass(frozen=True)
class Unit:
    """One table session, simulated independently of every other unit."""

    idx: int
    table: str
    cfg: TableConfig
    hands: int
    first_hand_id: int
    start_utc: datetime
    hero: int  # pool index
    seed: str


def hand_id_base(seed: int) -> int:
    return HAND_ID_BASE + (seed % 5000) * HANDS_PER_SEED_BLOCK


def plan_units(hands: int, players: int, seed: int, hero_weights: list[float]) -> list[Unit]:
    """The run's units, in a fixed order; their hand counts sum to `hands`."""
    if hands > HANDS_PER_SEED_BLOCK:
        raise ValueError(f"hands must be at most {HANDS_PER_SEED_BLOCK:,} per run")
    rng = random.Random(f"pokerlake-plan:{seed}:{hands}:{players}")
    first_day = date(2026, 1, 5) + timedelta(days=seed % 200)
    units_per_day = max(4, players // 3)
    stakes, weights = zip(*STAKES, strict=True)
    units: list[Unit] = []
    next_id = hand_id_base(seed)
    remaining = hands
    idx = 0
    heroes = list(range(players))
    while remaining > 0:
        omaha = rng.random() < 0.1
        max_seats = 6 if omaha or rng.random() < 0.7 else 9
        sb, bb, cap, cap_hu = rng.choices(stakes, weights=weights)[0]
        ante = max(1, bb // 5) if not omaha and rng.random() < 0.08 else 0
        cfg = TableConfig(game="omaha" if omaha else "holdem", sb=sb, bb=bb, ante=ante,
                          max_seats=max_seats, rake_cap=cap, rake_cap_hu=cap_hu)
        n = min(remaining, rng.randint(60, 260) if max_seats == 6 else rng.randint(50, 200))
        day = first_day + timedelta(days=idx // units_per_day)
        local = datetime(day.year, day.month, day.day, rng.randint(9, 19), rng.randint(0, 59),
                         rng.randint(0, 59), tzinfo=ET)
        name = rng.choice(_STAR_NAMES) + rng.choice(_ROMAN)
        hero = rng.choices(heroes, weights=hero_weights)[0]
        units.append(Unit(idx=idx, table=name, cfg=cfg, hands=n, first_hand_id=next_id,
                          start_utc=local.astimezone(UTC), hero=hero,
                          seed=f"pokerlake-unit:{seed}:{idx}"))
        next_id += n
        remaining -= n
        idx += 1
    return units
