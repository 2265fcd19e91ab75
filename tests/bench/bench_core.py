"""Benchmark of the core (run on demand: `uv run python tests/bench/bench_core.py`).

Prints medians: (a) a full check and a one-cell re-check of the 2020 天河区 report;
(b) the per-edit save time through ReportFile and through ReportSession (validate,
write with change log and checksum, re-check), each with its ratio against a bare sqlite3
UPDATE + COMMIT on a file with the same durability (rollback journal, synchronous=EXTRA),
measured in the same run; a bare UPDATE + COMMIT in WAL mode is shown for comparison
(faster, but its edits sit in the -wal file, so a copy of the report file lacks them).
"""

from __future__ import annotations

import itertools
import sqlite3
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).parent))

from timing import median_seconds  # noqa: E402

from desktop.core.checks import CheckEngine, LiveFindings  # noqa: E402
from desktop.core.interchange import read_json  # noqa: E402
from desktop.core.session import ReportSession  # noqa: E402
from desktop.core.storage import ReportFile  # noqa: E402

SAMPLE = REPO / "tests/data/samples/published/2020-guangzhou-tianhe.json"


def bench_checks(report) -> None:
    engine = CheckEngine(report.form)
    full = median_seconds(lambda: engine.check(report), 200)
    live = LiveFindings(engine, report)
    values = itertools.cycle([1, 2])

    def one_edit():
        report.values["s3.new.natural"] = next(values)
        live.cell_changed("s3.new.natural")

    recheck = median_seconds(one_edit, 2000)
    print(f"full check ({len(engine.checks)} checks):        {full * 1e3:8.3f} ms")
    print(
        f"one-cell re-check ({len(engine.reading_cell('s3.new.natural'))} checks):   "
        f"{recheck * 1e3:8.3f} ms  ({full / recheck:.0f}x faster than a full check)"
    )


def bare_update(folder: Path, journal: str = "DELETE", sync: str = "EXTRA") -> float:
    conn = sqlite3.connect(folder / f"bare-{journal}.sqlite", isolation_level=None)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute(f"PRAGMA synchronous = {sync}")
    conn.execute("CREATE TABLE cells (cell TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO cells VALUES ('s3.new.natural', '0')")
    values = itertools.count()

    def update():
        conn.execute("BEGIN")
        conn.execute(
            "UPDATE cells SET value = ? WHERE cell = 's3.new.natural'", (str(next(values)),)
        )
        conn.execute("COMMIT")

    result = median_seconds(update, 300)
    conn.close()
    return result


def bench_saves(result, folder: Path) -> None:
    path = folder / "report.sqlite"
    with ReportFile.create(path) as file:
        report_id = file.add_report(result.report)
    baseline = bare_update(folder)
    wal = bare_update(folder, "WAL", "FULL")
    values = itertools.count(1)
    with ReportFile.open(path) as file:
        storage = median_seconds(
            lambda: file.set_cell(report_id, "s3.new.natural", next(values)), 300
        )
    session = ReportSession.open(path)
    full = median_seconds(lambda: session.set_cell("s3.new.natural", str(next(values))), 300)
    session.close()
    print(
        f"bare sqlite3 UPDATE + COMMIT, DELETE journal, EXTRA (baseline): {baseline * 1e3:8.3f} ms"
    )
    print(f"bare sqlite3 UPDATE + COMMIT, WAL, FULL (for comparison): {wal * 1e3:8.3f} ms")
    print(
        f"ReportFile.set_cell (write + change log): {storage * 1e3:8.3f} ms  ({storage / baseline:.2f}x baseline)"
    )
    print(
        f"ReportSession.set_cell (+ validate, re-check): {full * 1e3:8.3f} ms  ({full / baseline:.2f}x baseline)"
    )


def main() -> None:
    result = read_json(SAMPLE.read_bytes(), SAMPLE.name)
    print(f"report: {result.report.title}; medians")
    bench_checks(result.report)
    with tempfile.TemporaryDirectory(
        dir=REPO.parent if len(sys.argv) < 2 else sys.argv[1]
    ) as folder:
        bench_saves(read_json(SAMPLE.read_bytes(), SAMPLE.name), Path(folder))


if __name__ == "__main__":
    main()
