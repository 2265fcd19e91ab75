"""What a check reports: a finding an officer can read and a machine can use."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from desktop.core.values import Number, canonical_decimal, to_text

SEVERITY_WORDS = {"error": "错误", "warning": "提示"}
NOT_EXPLAINABLE = "此项为硬性错误，须改正数据，不能以说明代替"


@dataclass(frozen=True)
class Finding:
    rule: str  # rule id from the form, e.g. "T3-1"
    key: str  # unique per report: rule id plus the column/row it is about
    severity: str  # "error" or "warning"
    section: str  # section id the finding belongs to
    message: str  # in words, never in ids
    cells: tuple[str, ...] = ()  # this report's cells involved
    previous_cells: tuple[str, ...] = ()  # cells of last year's report involved
    left: Number | None = None
    right: Number | None = None
    difference: Number | None = None
    values: tuple[tuple[str, Number | None], ...] = ()  # (reference, value) as read
    explanation: str = ""  # an officer's recorded reason (e.g. 机构改革 for Y-1)
    explainable: bool = False  # a warning, or an error the form lets an explanation stand for

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def blocking(self) -> bool:
        """An error nobody has explained: it fails `check` and refuses the final PDF."""
        return self.is_error and not (self.explainable and self.explanation)

    def explained(self, text: str) -> Finding:
        """With the officer's explanation; one recorded for a hard error (say, imported
        from another program) is not attached: the data must be corrected instead."""
        return replace(self, explanation=text) if self.explainable else self

    def to_json(self) -> dict:
        data = {
            "rule": self.rule,
            "key": self.key,
            "severity": self.severity,
            "section": self.section,
            "cells": list(self.cells),
            "message": self.message,
            "explainable": self.explainable,
        }
        if self.previous_cells:
            data["previous_cells"] = list(self.previous_cells)
        if self.values:
            data["values"] = {
                ref: None if value is None else json_number(value) for ref, value in self.values
            }
        for name in ("left", "right", "difference"):
            value = getattr(self, name)
            if value is not None:
                data[name] = json_number(value)
        if self.explanation:
            data["explanation"] = self.explanation
        return data

    def line(self) -> str:
        text = f"[{SEVERITY_WORDS[self.severity]}] {self.message}"
        return text + (f"（已说明：{self.explanation}）" if self.explanation else "")


def number(value: Decimal) -> Number:
    """Decimal arithmetic results back to the cell's natural type (int when whole)."""
    value = canonical_decimal(value)
    return int(value) if value == value.to_integral_value() else value


def json_number(value: Number) -> int | float:
    # Money has at most 6 decimals and 12 digits, so float repr is exact.
    return float(value) if isinstance(value, Decimal) else value


def words(value: Number | None) -> str:
    return "空" if value is None else to_text(value)
