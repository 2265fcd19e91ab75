"""Benchmark: `nianbao check` of one file holding 1,000 reports, against checking the
same 1,000 reports as separate files in one process (run on demand:
`uv run python tests/bench/bench_scale.py [reports]`). Prints medians and the ratio."""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).parent))

from timing import median_seconds  # noqa: E402

from desktop.cli import run  # noqa: E402
from desktop.core.interchange import read_json  # noqa: E402
from desktop.core.storage import ReportFile  # noqa: E402

SAMPLE = REPO / "tests/data/samples/published/2020-guangzhou-tianhe.json"


def reports(count: int):
    for n in range(count):
        report = read_json(SAMPLE.read_bytes(), SAMPLE.name).report
        report.unit = f"第{n:04d}号单位"
        yield report, {}


def check(*paths: Path) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        for path in paths:
            run(["check", str(path)])


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        one = Path(folder) / "all.sqlite"
        ReportFile.create(one, *reports(count)).close()
        separate = []
        for n, pair in enumerate(reports(count)):
            separate.append(Path(folder) / f"{n}.sqlite")
            ReportFile.create(separate[-1], pair).close()
        single = median_seconds(lambda: check(one), 5)
        many = median_seconds(lambda: check(*separate), 5)
    print(f"check, one file of {count} reports:        {single:7.3f} s")
    print(f"check, {count} files of one report (1 process): {many:7.3f} s")
    print(f"ratio: {single / many:.2f}x")


if __name__ == "__main__":
    main()
