"""Where the shipped resources are: resources/ beside the package in a checkout, or the
copy inside an installed package."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource(*parts: str) -> Path:
    for base in (_PACKAGE.parent / "resources", _PACKAGE / "_data" / "resources"):
        if base.is_dir():
            return base.joinpath(*parts)
    return _PACKAGE.parent.joinpath("resources", *parts)


SAMPLE_JSON = ("samples", "2020-guangzhou-tianhe.json")
UI_FONT = ("fonts", "wqy-microhei.ttc")
