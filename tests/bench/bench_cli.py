"""Benchmark of the command line (run on demand: `uv run python tests/bench/bench_cli.py`).

Prints medians, each run a fresh process: `nianbao check FILE` on the 2020 天河区
report against a bare `python -c "import sqlite3"`, both measured in the same run with
the same interpreter, and their ratio; once with Python's bytecode cached (every run
after the first) and once with none written. Never asserted on: timings depend on the
machine.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "samples" / "2020-guangzhou-tianhe.json"


def nianbao() -> list[str]:
    """The installed `nianbao` script beside this interpreter, as an officer runs it;
    `python -m desktop` (the same entry point) when it is not installed."""
    script = shutil.which("nianbao", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "desktop"]


def time_run(command: list[str], env: dict[str, str], expect: set[int]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    assert done.returncode in expect, (command, done.returncode, done.stderr.decode())
    return elapsed


def environments(folder: Path) -> dict[str, dict[str, str]]:
    cached = {**os.environ, "PYTHONPYCACHEPREFIX": str(folder / "pycache")}
    cached.pop("PYTHONDONTWRITEBYTECODE", None)
    not_written = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    not_written.pop("PYTHONPYCACHEPREFIX", None)
    return {
        "bytecode cached": cached,
        "no bytecode written (pyc files as found)": not_written,
    }


def main(runs: int = 15) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        report = folder / "报告.sqlite"
        imported = [*nianbao(), "import", str(SAMPLE), "-o", str(report)]
        time_run(imported, dict(os.environ), {0})
        check = [*nianbao(), "check", str(report)]
        bare = [sys.executable, "-c", "import sqlite3"]
        for label, env in environments(folder).items():
            for command in (bare, check, bare, check):  # warm the disk cache (and bytecode)
                time_run(command, env, {0, 1})
            bare_times, check_times = [], []
            for _ in range(runs):  # interleaved, so a busy moment hurts both alike
                bare_times.append(time_run(bare, env, {0}))
                check_times.append(time_run(check, env, {0, 1}))
            bare_median = statistics.median(bare_times)
            check_median = statistics.median(check_times)
            print(f"{label}, median of {runs} fresh processes:")
            print(f"  python -c 'import sqlite3':  {bare_median * 1e3:8.1f} ms")
            print(
                f"  nianbao check 报告.sqlite:    {check_median * 1e3:8.1f} ms"
                f"  ({check_median / bare_median:.2f}x bare)"
            )


if __name__ == "__main__":
    main()
