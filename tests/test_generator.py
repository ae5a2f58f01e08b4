"""`pokerlake generate`'s core: determinism, output layout, label files, text shape, and a
round trip through the real PokerStars parser (no quarantine, pot conservation, labels join,
tilt visible in VPIP/PFR)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from ingestion.generator import SUPPORTED_FORMATS, GenerateReport, generate
from ingestion.generator.plan import ET

REAL_STARS = (Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real" / "fpdb-3"
              / "regression-test-files" / "cash" / "Stars" / "Flop")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> GenerateReport:
    return generate(tmp_path_factory.mktemp("gen") / "out", hands=4000, players=40, seed=42)


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_layout_and_report(run: GenerateReport) -> None:
    assert run.hands == 4000
    hand_files = sorted(run.hands_dir.glob("*.txt"))
    assert len(hand_files) == run.files > 5
    assert sorted(run.sessions_dir.glob("*.csv")) and run.sessions > 0
    assert run.labels_path == run.out_dir / "labels" / "tilt.parquet" and run.labels_path.exists()
    assert run.players_path.exists()
    assert run.tilt_episodes > 0
    text = "".join(p.read_text(encoding="utf-8") for p in hand_files)
    ids = re.findall(r"^PokerStars Hand #(\d+):", text, flags=re.M)
    assert len(ids) == len(set(ids)) == 4000


def test_same_seed_same_bytes_whatever_the_workers(tmp_path: Path, run: GenerateReport) -> None:
    again = generate(tmp_path / "w2", hands=4000, players=40, seed=42, workers=2)
    assert again.hands == run.hands and again.tilt_episodes == run.tilt_episodes
    assert _tree(tmp_path / "w2") == _tree(run.out_dir)


def test_other_seed_other_hands_and_ids(tmp_path: Path, run: GenerateReport) -> None:
    other = generate(tmp_path / "s2", hands=300, players=40, seed=43)
    ids_a = set(pq.read_table(run.labels_path, columns=["hand_id"]).column(0).to_pylist())
    ids_b = set(pq.read_table(other.labels_path, columns=["hand_id"]).column(0).to_pylist())
    assert not ids_a & ids_b


def test_progress_and_format_check(tmp_path: Path) -> None:
    seen: list[int] = []
    rep = generate(tmp_path / "p", hands=500, players=12, seed=1, progress=seen.append)
    assert sum(seen) == rep.hands == 500
    with pytest.raises(ValueError, match="supported formats: stars"):
        generate(tmp_path / "x", hands=10, players=5, seed=1, fmt="gg")
    assert SUPPORTED_FORMATS == ("stars",)
    with pytest.raises(ValueError, match="players"):
        generate(tmp_path / "y", hands=10, players=1, seed=1)


def test_label_file_schema(run: GenerateReport) -> None:
    labels = pq.read_table(run.labels_path)
    assert labels.schema == pa.schema([
        ("site", pa.string()), ("hand_id", pa.string()), ("player", pa.string()),
        ("is_tilt", pa.bool_()), ("episode_id", pa.string()),
    ])
    assert set(labels.column("site").to_pylist()) == {"pokerstars"}
    keys = list(zip(labels.column("hand_id").to_pylist(), labels.column("player").to_pylist(), strict=True))
    assert len(keys) == len(set(keys))
    tilt = labels.column("is_tilt")
    ep = labels.column("episode_id")
    assert pc.all(pc.equal(pc.is_valid(ep), tilt)).as_py(), "episode_id set exactly on tilt rows"
    assert 0.005 < pc.mean(pc.cast(tilt, pa.float64())).as_py() < 0.4
    players = pq.read_table(run.players_path)
    assert {"player", "style", "vpip_target", "pfr_target", "aggression", "tilt_propensity"} <= set(
        players.column_names)
    assert set(players.column("style").to_pylist()) >= {"tight-aggressive", "loose-passive"}


def test_text_follows_real_stars_line_shapes(run: GenerateReport) -> None:
    text = next(iter(sorted(run.hands_dir.glob("*.txt")))).read_text(encoding="utf-8")
    hands = [h for h in text.split("\n\n\n\n") if h.strip()]
    shapes = [
        r"PokerStars Hand #\d{12}:  (Hold'em No Limit|Omaha Pot Limit) \(\$[\d.]+/\$[\d.]+ USD\) - "
        r"\d{4}/\d\d/\d\d \d{1,2}:\d\d:\d\d ET",
        r"Table '[A-Za-z]+( [IVX]+)?' [69]-max Seat #\d is the button",
        r"Seat \d: \S+ \(\$[\d.]+ in chips\)",
        r"\S+: posts (small blind|big blind|the ante) \$[\d.]+",
        r"\*\*\* (HOLE CARDS|SHOW DOWN|SUMMARY) \*\*\*",
        r"Dealt to \S+ \[([2-9TJQKA][cdhs] ?){2,4}\]",
        r"\S+: (folds|checks|calls \$[\d.]+|bets \$[\d.]+|raises \$[\d.]+ to \$[\d.]+)( and is all-in)?",
        r"Uncalled bet \(\$[\d.]+\) returned to \S+",
        r"\*\*\* FLOP \*\*\* \[\S\S \S\S \S\S\]",
        r"\*\*\* TURN \*\*\* \[\S\S \S\S \S\S\] \[\S\S\]",
        r"\*\*\* RIVER \*\*\* \[\S\S \S\S \S\S \S\S\] \[\S\S\]",
        r"\S+ collected \$[\d.]+ from (pot|main pot|side pot(-\d)?)",
        r"\S+: doesn't show hand",
        r"\S+: shows \[[^]]+\] \((a |two |three |four |high card)[^)]*\)",
        r"\S+: mucks hand",
        r"Total pot \$[\d.]+( Main pot \$[\d.]+\.( Side pot(-\d)? \$[\d.]+\.)+)? \| Rake \$[\d.]+",
        r"Board \[[^]]+\]",
        r"Seat \d: \S+( \(button\))?( \((small|big) blind\))? (folded before Flop( \(didn't bet\))?|"
        r"folded on the (Flop|Turn|River)|collected \(\$[\d.]+\)|mucked \[[^]]+\]|"
        r"showed \[[^]]+\] and (won \(\$[\d.]+\)|lost) with .+)",
    ]
    pattern = re.compile("|".join(f"(?:{s})" for s in shapes))
    for hand in hands:
        lines = hand.split("\n")
        assert sum(1 for line in lines if line.startswith("Dealt to ")) == 1
        for line in lines:
            assert pattern.fullmatch(line), f"unexpected line shape: {line!r}"


def test_et_wall_clock_maps_to_one_utc_instant(run: GenerateReport) -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(run.hands_dir.glob("*.txt")))
    stamps = re.findall(r" - (\d{4})/(\d\d)/(\d\d) (\d{1,2}):(\d\d):(\d\d) ET$", text, flags=re.M)
    assert len(stamps) == 4000
    for y, mo, d, h, mi, s in stamps[:500]:
        local = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s))
        first = local.replace(tzinfo=ET, fold=0).astimezone(UTC)
        second = local.replace(tzinfo=ET, fold=1).astimezone(UTC)
        assert first == second, "no hand in a DST gap or repeated hour"
        assert 9 <= int(h) <= 23


def _parse():
    return pytest.importorskip("ingestion.parse")


@pytest.mark.slow
def test_parser_reads_every_generated_hand(run: GenerateReport) -> None:
    parse = _parse()
    result = parse.parse_paths([run.hands_dir, run.sessions_dir])
    t = result.tables
    assert t["quarantine"].num_rows == 0, t["quarantine"].column("reason").to_pylist()[:5]
    hands, hp = t["hands"], t["hand_players"]
    assert hands.num_rows == run.hands
    labels = pq.read_table(run.labels_path)
    assert hp.num_rows == labels.num_rows
    assert set(hands.column("site").to_pylist()) == {"pokerstars"}
    # pot conservation per hand: sum(collected) - sum(invested) = -(rake + fees)
    sums = hp.group_by(["site", "hand_id"]).aggregate([("collected", "sum"), ("invested", "sum")])
    joined = sums.join(hands.select(["site", "hand_id", "rake", "fees"]), ["site", "hand_id"])
    for row in joined.to_pylist():
        assert row["collected_sum"] - row["invested_sum"] == -(row["rake"] + row["fees"]), row
    # every label row joins a parsed hand_players row and vice versa
    lab_keys = set(zip(labels.column("site").to_pylist(), labels.column("hand_id").to_pylist(),
                       labels.column("player").to_pylist(), strict=True))
    hp_keys = set(zip(hp.column("site").to_pylist(), hp.column("hand_id").to_pylist(),
                      hp.column("player").to_pylist(), strict=True))
    assert lab_keys == hp_keys
    # the live-session logs the generator wrote are read without quarantine
    assert t["sessions"].num_rows == run.sessions
    # hands start at the ET wall-clock time printed, as UTC
    assert hands.column("started_at").type == pa.timestamp("us", tz="UTC")
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(run.hands_dir.glob("*.txt")))
    printed = {hid: datetime.strptime(stamp, "%Y/%m/%d %H:%M:%S").replace(tzinfo=ET).astimezone(UTC)
               for hid, stamp in re.findall(r"^PokerStars Hand #(\d+):.* - (\S+ \S+) ET$", text, flags=re.M)}
    parsed = dict(zip(hands.column("hand_id").to_pylist(), hands.column("started_at").to_pylist(), strict=True))
    assert parsed == printed


@pytest.mark.slow
def test_tilt_shows_in_vpip_and_pfr(tmp_path: Path) -> None:
    """Against each player's own baseline: tilted hands are looser and more aggressive."""
    import polars as pl

    parse = _parse()
    rep = generate(tmp_path / "tilt", hands=6000, players=30, seed=9)
    hp = pl.from_arrow(parse.parse_paths([rep.hands_dir]).tables["hand_players"]
                       .select(["site", "hand_id", "player", "vpip", "pfr"]))
    labels = pl.read_parquet(rep.labels_path)
    j = hp.join(labels, on=["site", "hand_id", "player"], how="inner")
    assert j.height == hp.height
    per = (j.group_by("player", "is_tilt")
           .agg(pl.col("vpip").mean(), pl.col("pfr").mean(), pl.len().alias("n"))
           .pivot(on="is_tilt", index="player", values=["vpip", "pfr", "n"])
           .drop_nulls()
           .filter(pl.col("n_true") >= 30))
    assert per.height >= 5
    assert (per["vpip_true"] > per["vpip_false"]).all()
    assert (per["pfr_true"] > per["pfr_false"]).all()
    assert (per["vpip_true"] - per["vpip_false"]).mean() > 0.1


_RANK_WORDS = (r"(Aces?|Kings?|Queens?|Jacks?|Tens?|Nines?|Eights?|Sevens?|Sixes|Six|Fives?|Fours?|"
               r"Threes?|Deuces?|Trey)")


def _line_shapes(text: str) -> set[str]:
    """Lines with names, cards, amounts, ranks and table names abstracted away."""
    out: set[str] = set()
    for hand in re.split(r"\n\s*\n", text.replace("\r", "")):
        names = sorted(set(re.findall(r"^Seat \d+: (.+?) \((?:[$€£]|\d)", hand, flags=re.M)),
                       key=len, reverse=True)
        for line in hand.split("\n"):
            if not line.strip():
                continue
            for name in names:
                line = line.replace(name, "P")
            line = re.sub(r"\[[^\]]*\]", "[C]", line)
            line = re.sub(_RANK_WORDS, "R", line)
            line = re.sub(r"'[^']*'", "'T'", line)
            line = re.sub(r"[$€£]?\d+(,\d{3})*(\.\d+)?", "N", line)
            # combinations (position tags x hand descriptions x pot counts) are not all in a small
            # corpus; the shape of each part is
            line = re.sub(r" \((button|small blind|big blind)\)", "", line)
            line = re.sub(r"(shows \[C\]) \(.*\)$", r"\1 (DESC)", line)
            line = re.sub(r" with .*$", " with DESC", line)
            line = re.sub(r"( Side pot-N N\.)+", " Side pot-N N.", line)
            line = re.sub(r"  +", " ", line).replace("PokerStars Game", "PokerStars Hand")
            out.add(line)
    return out


def _read_any(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def test_every_line_shape_occurs_in_real_stars_files(run: GenerateReport) -> None:
    real_dirs = [REAL_STARS, REAL_STARS.parents[2] / "tour" / "Stars" / "Flop"]
    real: set[str] = set()
    for d in real_dirs:
        for p in sorted(d.glob("*.txt")):
            real |= _line_shapes(_read_any(p))
    assert len(real) > 200
    generated: set[str] = set()
    for p in sorted(run.hands_dir.glob("*.txt")):
        generated |= _line_shapes(p.read_text(encoding="utf-8"))
    assert generated - real == set()
