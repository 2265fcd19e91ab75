"""ReportSession: the one way in for every face (window, command line).

An edit typed in the window and one made on the command line take the same
path: validated by the report rules, written durably with its change-log entry,
then only the checks that read the edited cell run again.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desktop.core.checks import CheckEngine, Finding, LiveFindings
from desktop.core.checks.findings import NOT_EXPLAINABLE
from desktop.core.errors import InputError
from desktop.core.forms import Form
from desktop.core.report import (
    MAX_EXPLANATION_LENGTH,
    Report,
    checked_identity,
    checked_meta,
    checked_text,
    checked_value,
)
from desktop.core.storage import ReportFile, ReportInfo
from desktop.core.textrules import checked_multiline, shown

_ENGINES: dict[str, CheckEngine] = {}


def engine_for(form: Form) -> CheckEngine:
    """Engines are built once per format: indexing the checks is the costly part."""
    engine = _ENGINES.get(form.id)
    if engine is None or engine.form is not form:
        engine = _ENGINES[form.id] = CheckEngine(form)
    return engine


def last_year(file: ReportFile, report: Report) -> Report | None:
    """Last year's report the cross-year checks read: this file's, or the copy the report
    keeps of one from elsewhere, with the officer's corrections."""
    same_file = file.previous(report)
    record = report.previous
    return same_file if record is None else record.last_year(report, same_file)


def check_report(report: Report, prev: Report | None, explanations=None) -> list[Finding]:
    """All findings of a report, explanations attached (command line, PDF, 汇总)."""
    notes = explanations or {}
    findings = engine_for(report.form).check(report, prev)
    return [f.explained(notes[f.key]) if f.key in notes else f for f in findings]


def checked_explanation(form: Form, key: object, text: object) -> str:
    """An explanation as it will be stored ("" removes one), or InputError in words: an
    unknown key, a hard error (which must be corrected), text too long or not text."""
    check = engine_for(form).by_key.get(key) if isinstance(key, str) else None
    if check is None:
        raise InputError(_unknown_key(form, key))
    if not isinstance(text, str):
        raise InputError("说明应为文字")
    text = checked_multiline(text, "说明").strip()
    if text and not check.rule.explainable:
        raise InputError(f"{check.rule.id}：{NOT_EXPLAINABLE}")
    if len(text) > MAX_EXPLANATION_LENGTH:
        raise InputError(f"说明不能超过{MAX_EXPLANATION_LENGTH}字（现为{len(text)}字）")
    return text


def _unknown_key(form: Form, key: object) -> str:
    """A rule id given where its checks have one key per column or row names them."""
    words = f"没有编号为“{shown(str(key), limit=40)}”的检查"
    keys = [c.key for c in form.checks if c.rule.id == key]
    if keys:
        listed = "、".join(keys[:8]) + ("等" if len(keys) > 8 else "")
        return f"{words}：规则 {key} 按列或按行分为多项检查，请写明其中一项，如 {listed}"
    return f"{words}（各项检查的编号见 nianbao check --json 中的 key）"


class ReportSession:
    def __init__(self, file: ReportFile, info: ReportInfo):
        self.file, self.info = file, info
        self.report = file.load(info.id)
        self.explanations = file.explanations(info.id)
        self._recheck_last_year()

    def _recheck_last_year(self) -> None:
        """Last year's report as this one knows it, and every check against it."""
        self.prev = last_year(self.file, self.report)
        self.live = LiveFindings(engine_for(self.report.form), self.report, self.prev)

    @classmethod
    def open(
        cls, path: Path | str, unit: str | None = None, year: int | None = None, readonly=False
    ) -> ReportSession:
        file = ReportFile.open(path, readonly=readonly)
        try:
            return cls(file, file.find(unit, year))
        except BaseException:
            file.close()
            raise

    def close(self) -> None:
        self.file.close()

    def findings(self) -> list[Finding]:
        notes = self.explanations
        return [f.explained(notes[f.key]) if f.key in notes else f for f in self.live.all()]

    def set_cell(self, cell_id: str, raw: object) -> list[str]:
        """Store a typed value; returns the keys of findings that changed."""
        return self.set_cells({cell_id: raw})

    def set_cells(
        self, raws: dict[str, object], declarations: dict[str, bool] | None = None
    ) -> list[str]:
        """Validate every value (and declaration made or withdrawn with them) first,
        then store all in one transaction and re-check."""
        values = {
            cell_id: checked_value(self.report.form, cell_id, raw) for cell_id, raw in raws.items()
        }
        stated = {
            key: self._declaration(key).text if made else None
            for key, made in (declarations or {}).items()
        }
        self.file.set_cells(self.info.id, values, stated)  # durable before it is shown
        changed: dict[str, None] = {}
        for cell_id, value in values.items():
            self.report.set_value(cell_id, value)
            changed.update(dict.fromkeys(self.live.cell_changed(cell_id)))
        if stated:
            for key, text in stated.items():
                if text is None:
                    self.report.declarations.pop(key, None)
                else:
                    self.report.declarations[key] = text
            changed.update(dict.fromkeys(self.live.declarations_changed()))
        return list(changed)

    def _declaration(self, key: str):
        if key not in {d.id for d in self.report.form.declarations}:
            raise InputError(f"{self.report.form.name}没有编号为“{key}”的声明")
        return self.report.form.declaration(key)

    def zero_fill(self, section_id: str, table_id: str | None = None) -> dict[str, int]:
        """The blank input cells of a table (or of a whole section) and the 0 that
        本表无数据 / a declaration puts in each; cells already filled keep their figure."""
        return {
            cell_id: 0
            for cell_id, cell in self.report.form.cells.items()
            if not cell.derived
            and cell.section.id == section_id
            and table_id in (None, cell.table.id)
            and cell_id not in self.report.values
        }

    def set_text(self, section_id: str, text: str) -> list[str]:
        text = checked_text(self.report.form, section_id, text)
        self.file.set_text(self.info.id, section_id, text)
        self.report.texts[section_id] = text
        return self.live.text_changed(section_id)

    def set_texts(self, texts: dict[str, str], raws: dict[str, object] | None = None) -> list[str]:
        """Narrative sections and figures (a Word draft) validated first, then stored in
        one transaction; returns the keys of findings that changed."""
        form = self.report.form
        texts = {section_id: checked_text(form, section_id, t) for section_id, t in texts.items()}
        values = {
            cell_id: checked_value(form, cell_id, raw) for cell_id, raw in (raws or {}).items()
        }
        self.file.set_texts(self.info.id, texts, {c: v for c, v in values.items() if v is not None})
        changed: dict[str, None] = {}
        for section_id, text in texts.items():
            self.report.texts[section_id] = text
            changed.update(dict.fromkeys(self.live.text_changed(section_id)))
        for cell_id, value in values.items():
            if value is not None:
                self.report.set_value(cell_id, value)
                changed.update(dict.fromkeys(self.live.cell_changed(cell_id)))
        return list(changed)

    def set_meta(self, name: str, value: str) -> None:
        value = checked_meta(name, value)
        self.file.set_meta(self.info.id, name, value)
        self.report.meta[name] = value

    def explain(self, key: str, text: str) -> None:
        """Record why a finding is acceptable (kept with the file, shown with the finding);
        empty text removes the explanation. Refused for a hard error: it must be corrected."""
        text = checked_explanation(self.report.form, key, text)
        self.file.set_explanation(self.info.id, key, text)
        if text:
            self.explanations[key] = text
        else:
            self.explanations.pop(key, None)

    def set_identity(self, unit: str, year: int) -> None:
        """Rename the unit or correct the year; last year's report and every check
        follow (a year the format does not cover is then a finding, B-8)."""
        self.file.set_identity(self.info.id, unit, year)
        self.info = self.file.find(*checked_identity(unit, year))
        self.report.unit, self.report.year = self.info.unit, self.info.year
        self._recheck_last_year()

    def set_previous(self, previous) -> None:
        """Where last year's report comes from (desktop.core.previous.Previous; None: this
        file's), saved, and the cross-year checks run against it."""
        self.file.set_previous(self.info.id, previous)
        self.report.previous = previous
        self._recheck_last_year()

    def correct_previous(self, cell_id: str, value: object, reason: str) -> None:
        """Last year printed this figure wrong: use the corrected one, keeping the figure
        as printed and the reason (both go on the 签批单). An empty value withdraws it."""
        self.set_previous(self.corrected_previous(cell_id, value, reason))

    def corrected_previous(self, cell_id: str, value: object, reason: str):
        """What `correct_previous` would store, validated, nothing saved."""
        from desktop.core.previous import Correction, Previous

        record = self.report.previous or Previous(f"本文件中的{self.report.year - 1}年度报告")
        corrections = dict(record.corrections)
        if value in (None, ""):
            corrections.pop(cell_id, None)
        else:
            if self.prev is None:
                raise InputError(f"没有{self.report.year - 1}年度的报告，无从更正上年数字")
            corrected = checked_value(self.prev.form, cell_id, value)
            if not reason.strip():
                raise InputError("更正上年数字须写明理由")
            earlier = corrections.get(cell_id)
            original = earlier.original if earlier else self.prev.values.get(cell_id)
            corrections[cell_id] = Correction(corrected, original, reason.strip())
        updated = replace(record, corrections=corrections)
        return None if updated == Previous(updated.source) else updated

    def export(self) -> dict:
        from desktop.core.interchange import to_interchange

        return to_interchange(self.report, self.explanations)
