"""Shared fixtures. Qt runs offscreen: set before anything can import it."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

from desktop.cli import run

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Claims of open report files (storage/claims.py) go to a folder of this run, inherited
# by the programs the tests start, never to the developer's own profile.
os.environ["NIANBAO_STATE_DIR"] = tempfile.mkdtemp(prefix="nianbao-state-")
os.environ["NIANBAO_CACHE_DIR"] = tempfile.mkdtemp(prefix="nianbao-cache-")

REPO = Path(__file__).resolve().parents[1]
# Copies of the public reference reports, so that a clone alone passes.
SAMPLES = REPO / "tests" / "data" / "samples"


@pytest.fixture
def samples() -> Path:
    """The real published reports (copied from the reference material into tests/data)."""
    return SAMPLES


@pytest.fixture
def report_path(tmp_path) -> Path:
    """A fresh, not yet existing report file for each test."""
    return tmp_path / "报告.sqlite"


@pytest.fixture
def sample_json(samples):
    def load(name: str) -> dict:
        return json.loads((samples / "published" / f"{name}.json").read_text(encoding="utf-8"))

    return load


@pytest.fixture
def cli(capsys):
    """Run the command line; returns (exit code, stdout, stderr)."""

    def invoke(*argv) -> tuple[int, str, str]:
        code = run([str(arg) for arg in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke
