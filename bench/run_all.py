"""Every benchmark in one command (`make bench`), each printing its own figures.

Benchmarks are separate scripts so each can be run and tuned alone; this runner only calls
them in order with their defaults (pass-through flags: none) and stops on the first failure.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SCRIPTS = ["bench_generate.py", "bench_parse.py"]


def main() -> int:
    for script in SCRIPTS:
        print(f"== {script}", flush=True)
        rc = subprocess.call([sys.executable, str(BENCH / script)])
        if rc != 0:
            print(f"{script} failed with exit code {rc}", file=sys.stderr)
            return rc
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
