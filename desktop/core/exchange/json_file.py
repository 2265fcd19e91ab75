"""The interchange JSON through the common reader interface."""

from __future__ import annotations

from pathlib import Path

from desktop.core.interchange import MAX_JSON_BYTES, ImportResult, read_json
from desktop.core.sources import read_source


def read(path: Path, unit: str | None = None, year: int | None = None) -> ImportResult:
    return read_json(read_source(path, MAX_JSON_BYTES), path.name)
