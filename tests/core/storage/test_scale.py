"""A file of many reports is read in linear time: `check` of a file with twice the
reports makes SQLite do twice the work (its virtual-machine steps, counted, not timed),
and opening many files one after another keeps no descriptor."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.cli import run
from desktop.core.forms import load_form
from desktop.core.report import Report
from desktop.core.storage import ReportFile, snapshot


def many_reports(path: Path, count: int) -> Path:
    reports = []
    for n in range(count):
        report = Report(f"第{n:04d}单位", 2024 - n % 2, load_form("2021"))
        report.values.update({"s3.new.natural": n, "s3.new.legal": 1})
        reports.append((report, {}))
    ReportFile.create(path, *reports).close()
    return path


def work_of_check(path: Path, monkeypatch) -> int:
    """SQLite's virtual-machine steps (in hundreds) for `nianbao check` of the file."""
    count = [0]
    to_memory = snapshot.to_memory

    def step() -> int:
        count[0] += 1
        return 0  # go on

    def counted(data):
        conn = to_memory(data)
        conn.set_progress_handler(step, 100)
        return conn

    monkeypatch.setattr(snapshot, "to_memory", counted)
    assert run(["check", str(path), "--json"]) in (0, 1)
    return count[0]


def test_check_work_grows_linearly_with_the_reports_in_a_file(tmp_path, monkeypatch, capsys):
    small = work_of_check(many_reports(tmp_path / "40.sqlite", 40), monkeypatch)
    large = work_of_check(many_reports(tmp_path / "80.sqlite", 80), monkeypatch)
    capsys.readouterr()
    assert large <= 2.1 * small


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="counts Linux descriptors")
def test_opening_many_files_keeps_no_descriptor(tmp_path):
    paths = [many_reports(tmp_path / f"{n}.sqlite", 1) for n in range(5)]
    for path in paths:  # warm up: modules, caches
        ReportFile.open(path).close()
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(60):
        for path in paths:
            ReportFile.open(path).close()
            ReportFile.open(path, readonly=True).close()
    assert len(os.listdir("/proc/self/fd")) == before
