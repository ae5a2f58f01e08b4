"""The `pokerlake` command line: thin wiring from arguments to the pure core.

Each command imports its machinery lazily, so `--help` is instant and a failure in one
part of the stack does not stop the others from answering. Exit codes follow DESIGN.md:
0 done (quarantined hands included), 1 failure (one line on stderr), 2 usage error.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(
    name="pokerlake",
    help="Poker analytics lakehouse: hand histories -> Iceberg -> dbt marts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class CommandError(Exception):
    """A failure to report as one line on stderr with exit code 1."""


def _fail(message: str) -> None:
    first_line = (message.strip().splitlines() or ["unknown error"])[0]
    typer.echo(f"error: {first_line}", err=True)
    raise typer.Exit(code=1)


@contextmanager
def _errors_as_exit() -> Iterator[None]:
    try:
        yield
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:  # one clear line, never a traceback for the user
        _fail(f"{type(exc).__name__}: {exc}" if not isinstance(exc, CommandError) else str(exc))


def _console() -> Any:
    from rich.console import Console

    return Console()


@contextmanager
def _progress(label: str, total: int | None) -> Iterator[Callable[..., None]]:
    """Yield an `advance(n=1)` callback; draws a bar only on a terminal."""
    if not sys.stdout.isatty():
        yield lambda *_a, **_k: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task(label, total=total)

        def advance(*_args: Any, n: int = 1, **_kwargs: Any) -> None:
            bar.advance(task, n)

        yield advance


def _settings() -> Any:
    from pokerlake.settings import get_settings

    settings = get_settings()
    settings.ensure_dirs()
    return settings


PathsArg = Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")]


@app.command()
def generate(
    out: Annotated[Path, typer.Option("--out", help="Output folder (hands/, sessions/, labels/).")],
    hands: Annotated[int, typer.Option("--hands", min=1, help="Number of hands to simulate.")] = 10_000,
    players: Annotated[int, typer.Option("--players", min=2, help="Size of the player pool.")] = 60,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: same seed, same files.")] = 42,
    fmt: Annotated[str, typer.Option("--format", help="Hand-history format to write.")] = "stars",
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes to use.")] = 2,
) -> None:
    """Simulate online cash play: hand histories, live-session logs and tilt labels."""
    from ingestion.generator import SUPPORTED_FORMATS
    from ingestion.generator import generate as run_generate

    if fmt not in SUPPORTED_FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(SUPPORTED_FORMATS)}", param_hint="--format")
    with _errors_as_exit():

        with _progress("generating hands", hands) as advance:
            report = run_generate(out, hands=hands, players=players, seed=seed, fmt=fmt, workers=workers,
                                  progress=lambda n: advance(n=n))
        typer.echo(f"generated {report.hands} hands in {report.files} files, {report.sessions} live sessions, "
                   f"{report.tilt_episodes} tilt episodes into {out} ({report.elapsed_s:.1f} s)")


@app.command()
def parse(
    paths: PathsArg,
    out: Annotated[Path, typer.Option("--out", help="Folder for <table>.parquet files.")],
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes to use.")] = 2,
) -> None:
    """Parse hand histories and session logs into the contract's tables (loads nothing)."""
    with _errors_as_exit():
        _require_paths(paths)
        from ingestion.parse import discover_files, parse_paths, write_parquet

        files = discover_files(paths)
        with _progress("parsing files", len(files)) as advance:
            result = parse_paths(files, workers=workers, progress=advance)
        written = write_parquet(result, out)
        found = sum(f.hands_found for f in result.files)
        parsed = sum(f.hands_parsed for f in result.files)
        quarantined = sum(f.hands_quarantined for f in result.files)
        typer.echo(f"files: {len(result.files)}  hands found: {found}  parsed: {parsed}  "
                   f"quarantined: {quarantined}")
        for name, path in written.items():
            typer.echo(f"  {name:<13} {result.tables[name].num_rows:>9} rows  {path}")


@app.command()
def ingest(
    paths: PathsArg,
    reparse: Annotated[bool, typer.Option("--reparse", help="Re-read files loaded by an older parser version.")] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes to use for parsing.")] = 2,
) -> None:
    """Parse and load into the lake (Iceberg namespace `raw`); idempotent; does not build."""
    with _errors_as_exit():
        _require_paths(paths)
        report = _run_ingest(paths, reparse=reparse, workers=workers)
        _print_ingest(report)


def _require_paths(paths: list[Path]) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise CommandError(f"no such file or folder: {', '.join(missing)}")


def _run_ingest(paths: list[Path], reparse: bool, workers: int) -> Any:
    from ingestion.load.ingest import ingest_paths
    from ingestion.parse import discover_files

    settings = _settings()
    files = discover_files(paths)
    with _progress("ingesting files", len(files)) as advance:
        return ingest_paths(files, reparse=reparse, workers=workers, settings=settings, progress=advance)


def _print_ingest(report: Any) -> None:
    typer.echo(f"hands found: {report.hands_found}  loaded: {report.hands_loaded}  "
               f"already present: {report.hands_already_present}  quarantined: {report.hands_quarantined}")
    typer.echo(f"files: {report.files_seen} seen, {report.files_skipped_unchanged} unchanged  "
               f"live sessions loaded: {report.sessions_loaded}")


@app.command()
def build(
    full_refresh: Annotated[bool, typer.Option("--full-refresh", help="Rebuild incremental models from scratch.")] = False,
) -> None:
    """Run dbt build and publish the served marts (atomic swap)."""
    with _errors_as_exit():
        report = _run_build(full_refresh=full_refresh)
        _print_build(report)


def _run_build(full_refresh: bool = False) -> Any:
    from pokerlake.build import build as run_build

    return run_build(_settings(), full_refresh=full_refresh)


def _print_build(report: Any) -> None:
    settings = _settings()
    typer.echo(f"dbt build ok: {report.models} models, {report.tests} tests in {report.elapsed_s:.1f} s; "
               f"served marts: {settings.marts_db}")


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="A read-only SQL query.")],
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    lake: Annotated[bool, typer.Option("--lake", help="Query the raw Iceberg tables instead of the marts.")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help="With --lake: a snapshot id or an ISO time.")] = None,
) -> None:
    """Read-only SQL over the served marts, or over the raw lake (optionally as of a snapshot)."""
    from pokerlake.output import FORMATS

    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}", param_hint="--format")
    if as_of is not None and not lake:
        raise typer.BadParameter("--as-of needs --lake", param_hint="--as-of")
    with _errors_as_exit():
        settings = _settings()
        if lake:
            from ingestion.load.lake_query import query_lake

            table = query_lake(sql, as_of=as_of, settings=settings)
        else:
            from pokerlake.marts import query_marts

            table = query_marts(sql, settings=settings)
        _print_table(table, fmt)


def _print_table(table: Any, fmt: str, title: str | None = None) -> None:
    from pokerlake import output

    if fmt == "csv":
        sys.stdout.write(output.to_csv(table))
    elif fmt == "json":
        sys.stdout.write(output.to_json(table))
    else:
        _console().print(output.to_rich_table(table, title=title))


@app.command()
def demo(
    hands: Annotated[int, typer.Option("--hands", min=100, help="Hands to generate.")] = 20_000,
    players: Annotated[int, typer.Option("--players", min=6, help="Player pool size.")] = 60,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 7,
) -> None:
    """Everything pokerlake does so far, on generated data: generate -> ingest -> build -> summary."""
    with _errors_as_exit():
        from pokerlake.demo import run_demo

        started = time.monotonic()
        settings = _settings()
        summary = run_demo(settings, hands=hands, players=players, seed=seed, echo=typer.echo,
                           ingest=lambda paths: _run_ingest(paths, reparse=False, workers=2),
                           build=_run_build)
        for title, table in summary.tables:
            _print_table(table, "table", title=title)
        typer.echo("")
        for line in summary.lines:
            typer.echo(line)
        typer.echo(f"demo finished in {time.monotonic() - started:.0f} s")


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
