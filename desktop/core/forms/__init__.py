"""The official formats: one data file per format under forms/, loaded once."""

from __future__ import annotations

import functools
from pathlib import Path

from desktop.core.errors import InputError, NianbaoError
from desktop.core.forms.loader import load_form_file
from desktop.core.forms.model import CellDef, Column, Form, HeaderCell, Row, Section, Table

__all__ = [
    "CellDef",
    "Column",
    "Form",
    "HeaderCell",
    "Row",
    "Section",
    "Table",
    "all_forms",
    "form_for_year",
    "forms_dir",
    "load_form",
]

_PACKAGE = Path(__file__).resolve().parents[2]


def forms_dir() -> Path:
    """forms/ beside the package in a checkout, or the copy inside an installed package."""
    for candidate in (_PACKAGE.parent / "forms", _PACKAGE / "_data" / "forms"):
        if candidate.is_dir():
            return candidate
    raise NianbaoError("找不到报告格式定义（forms 文件夹），软件安装不完整，请重新安装。")


@functools.cache
def all_forms() -> dict[str, Form]:
    forms = (load_form_file(path) for path in sorted(forms_dir().glob("*.toml")))
    return {form.id: form for form in forms}


def load_form(form_id: str) -> Form:
    forms = all_forms()
    if form_id not in forms:
        known = "、".join(forms)
        raise InputError(f"未知的报告格式“{form_id}”，可用的格式：{known}")
    return forms[form_id]


def form_for_year(year: int) -> Form:
    """The official format that applies to reports of this year."""
    for form in all_forms().values():
        if form.covers_year(year):
            return form
    raise NianbaoError(f"没有适用于{year}年度报告的格式（最早为2019年度）")
