"""`import` and `new` are all or nothing: killed (SIGKILL) at any instant, they leave
the file as it was before or complete, and the same command run again then works."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.forms import load_form
from desktop.core.storage import ReportFile
from tests.conftest import REPO, SAMPLES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
TRIALS = 10
EXPLANATIONS = len({check.key for check in load_form("2021").checks})  # 235


def command(*args: object) -> list[str]:
    return [sys.executable, "-m", "desktop", *map(str, args)]


def run(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run(command(*args), cwd=REPO, capture_output=True, text=True)


def killed_at_random(args: tuple, duration: float, rng: random.Random) -> None:
    """Start the command and kill it somewhere in its second half, where it writes."""
    process = subprocess.Popen(
        command(*args), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(rng.uniform(duration * 0.4, duration * 1.05))
    process.kill()
    process.wait()


def timed(*args: object) -> float:
    start = time.perf_counter()
    assert run(*args).returncode == 0
    return time.perf_counter() - start


@pytest.fixture
def explained_source(tmp_path) -> Path:
    """A real 2021 report with an explanation for every one of its 235 checks."""
    data = json.loads((SAMPLES / "published" / "2021-pingtan-zhsyq.json").read_text("utf-8"))
    keys = sorted({check.key for check in load_form("2021").checks})
    data["explanations"] = {key: f"第{n}条说明" for n, key in enumerate(keys)}
    source = tmp_path / "导入.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return source


def reports_in(path: Path) -> dict[int, int]:
    """Year -> number of explanations, as a reader sees the file (it must open)."""
    with ReportFile.open(path, readonly=True) as file:
        return {info.year: len(file.explanations(info.id)) for info in file.reports()}


def test_import_killed_at_any_instant_leaves_before_or_complete(tmp_path, explained_source):
    base = tmp_path / "base.sqlite"
    assert run("new", base, "--unit", "平潭综合实验区管委会", "--year", 2020).returncode == 0
    duration = timed("import", explained_source, "-o", tmp_path / "timing.sqlite")
    rng = random.Random(7)
    for trial in range(TRIALS):
        path = tmp_path / f"第{trial}次" / "报告.sqlite"
        path.parent.mkdir()
        path.write_bytes(base.read_bytes())
        killed_at_random(("import", explained_source, "-o", path), duration, rng)
        state = reports_in(path)
        assert state in ({2020: 0}, {2020: 0, 2021: EXPLANATIONS}), state
        again = run("import", explained_source, "-o", path)
        if 2021 in state:
            assert again.returncode == 2 and "已有" in again.stderr
        else:
            assert again.returncode == 0, again.stderr
        assert reports_in(path) == {2020: 0, 2021: EXPLANATIONS}


def test_new_killed_at_any_instant_leaves_nothing_or_a_whole_file(tmp_path):
    duration = timed("new", tmp_path / "timing.sqlite", "--unit", "某单位", "--year", 2024)
    rng = random.Random(11)
    for trial in range(TRIALS):
        folder = tmp_path / f"第{trial}次"
        folder.mkdir()
        path = folder / "新报告.sqlite"
        killed_at_random(("new", path, "--unit", "某单位", "--year", 2024), duration, rng)
        if path.exists():
            assert reports_in(path) == {2024: 0}
        again = run("new", path, "--unit", "某单位", "--year", 2025)
        assert again.returncode == 0, again.stderr
        assert set(reports_in(path)) in ({2025}, {2024, 2025})
        assert [p.name for p in folder.iterdir() if not p.name.startswith(".")] == [path.name]


PAUSED_IMPORT = """
import sys, time
from desktop.core.storage import opening, reportfile

configure, write_row, rows = opening.configure, reportfile.ReportFile._write_row, [0]

def small_cache(conn):
    configure(conn)
    conn.execute("PRAGMA cache_size = 2")  # spill: pages reach the file before COMMIT

def pausing(self, *args):
    write_row(self, *args)
    rows[0] += 1
    if rows[0] == 200:
        print("inside", flush=True)
        time.sleep(600)

opening.configure, reportfile.ReportFile._write_row = small_cache, pausing
from desktop.cli import run
sys.exit(run(sys.argv[1:]))
"""


def test_import_killed_inside_its_transaction_is_rolled_back_by_the_next_open(
    tmp_path, explained_source
):
    """Deterministic: killed with pages of the import already in the file and its
    journal beside it, the next open plays our own journal back: the state before."""
    path = tmp_path / "报告.sqlite"
    assert run("new", path, "--unit", "平潭综合实验区管委会", "--year", 2020).returncode == 0
    before = path.read_bytes()
    child = subprocess.Popen(
        [sys.executable, "-c", PAUSED_IMPORT, "import", str(explained_source), "-o", str(path)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "inside"
    child.kill()
    child.wait()
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and path.read_bytes() != before  # a real half-saved file
    assert reports_in(path) == {2020: 0}  # read-only: rolled back on a private copy
    assert journal.exists()
    assert run("import", explained_source, "-o", path).returncode == 0
    assert not journal.exists()
    assert reports_in(path) == {2020: 0, 2021: EXPLANATIONS}
