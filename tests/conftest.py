"""Shared fixtures. Qt runs offscreen: set before anything can import it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = SHARED / "samples"


@pytest.fixture
def samples() -> Path:
    """The real published reports; CI lays shared/ beside the checkout."""
    if not SAMPLES.is_dir():
        pytest.fail(f"reference samples missing: expected {SAMPLES} beside the checkout")
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
