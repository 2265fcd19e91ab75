"""ReportSession: the one way in for every face (window, command line).

An edit typed in the window and one made on the command line take the same
path: validated by the report rules, written durably with its change-log entry,
then only the checks that read the edited cell run again.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.checks import CheckEngine, Finding, LiveFindings
from desktop.core.errors import InputError
from desktop.core.forms import Form
from desktop.core.interchange import MAX_EXPLANATION_LENGTH, to_interchange
from desktop.core.report import Report, checked_meta, checked_text, checked_value
from desktop.core.storage import ReportFile, ReportInfo

_ENGINES: dict[str, CheckEngine] = {}


def engine_for(form: Form) -> CheckEngine:
    """Engines are built once per format: indexing the checks is the costly part."""
    engine = _ENGINES.get(form.id)
    if engine is None or engine.form is not form:
        engine = _ENGINES[form.id] = CheckEngine(form)
    return engine


def check_report(report: Report, prev: Report | None, explanations=None) -> list[Finding]:
    """All findings of a report, explanations attached (command line, PDF, 汇总)."""
    notes = explanations or {}
    findings = engine_for(report.form).check(report, prev)
    return [f.explained(notes[f.key]) if f.key in notes else f for f in findings]


class ReportSession:
    def __init__(self, file: ReportFile, info: ReportInfo):
        self.file, self.info = file, info
        self.report = file.load(info.id)
        self.prev = file.previous(self.report)
        self.explanations = file.explanations(info.id)
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

    def set_cells(self, raws: dict[str, object]) -> list[str]:
        """Validate every value first, then store all in one transaction and re-check."""
        values = {
            cell_id: checked_value(self.report.form, cell_id, raw) for cell_id, raw in raws.items()
        }
        self.file.set_cells(self.info.id, values)  # durable before it is shown
        changed: dict[str, None] = {}
        for cell_id, value in values.items():
            self.report.set_value(cell_id, value)
            changed.update(dict.fromkeys(self.live.cell_changed(cell_id)))
        return list(changed)

    def set_text(self, section_id: str, text: str) -> list[str]:
        text = checked_text(self.report.form, section_id, text)
        self.file.set_text(self.info.id, section_id, text)
        self.report.texts[section_id] = text
        return self.live.text_changed(section_id)

    def set_meta(self, name: str, value: str) -> None:
        value = checked_meta(name, value)
        self.file.set_meta(self.info.id, name, value)
        self.report.meta[name] = value

    def explain(self, key: str, text: str) -> None:
        """Record why a finding is acceptable (kept with the file, shown with the finding)."""
        if key not in {c.key for c in self.report.form.checks}:
            raise InputError(f"没有编号为“{key}”的检查")
        text = text.strip()
        if len(text) > MAX_EXPLANATION_LENGTH:
            raise InputError(f"说明不能超过{MAX_EXPLANATION_LENGTH}字")
        self.file.set_explanation(self.info.id, key, text)
        if text:
            self.explanations[key] = text
        else:
            self.explanations.pop(key, None)

    def export(self) -> dict:
        return to_interchange(self.report, self.explanations)
