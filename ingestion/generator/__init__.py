"""Synthetic online cash play for demos, tests and benchmarks (`pokerlake generate`).

Deterministic by seed: a pool of players with fixed styles plays NL hold'em and PLO at several
stakes; tilt episodes are labelled as ground truth. Output: PokerStars-format hand histories,
live-session logs and label files (see `generate`).
"""

from ingestion.generator.run import SUPPORTED_FORMATS, GenerateReport, generate

__all__ = ["SUPPORTED_FORMATS", "GenerateReport", "generate"]
