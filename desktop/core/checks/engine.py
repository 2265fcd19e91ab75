"""The check engine: every check of a form on a report, or only those an edit touches."""

from __future__ import annotations

from collections import defaultdict

from desktop.core.checks.findings import Finding
from desktop.core.forms import Form
from desktop.core.report import Report

TYPE_CHECKING = False  # as typing.TYPE_CHECKING; the check kinds load with the form's rules
if TYPE_CHECKING:
    from desktop.core.checks.kinds import Check


class CheckEngine:
    """Indexes a form's checks by what they read, so a one-cell edit re-runs few."""

    def __init__(self, form: Form):
        self.form = form
        self.checks: tuple[Check, ...] = form.checks
        self.by_key: dict[str, Check] = {c.key: c for c in self.checks}
        self._by_cell = self._index_cells()
        self._by_text: dict[str, list[Check]] = defaultdict(list)
        for check in self.checks:
            for section in check.texts:
                self._by_text[section].append(check)
        self._identity = [c for c in self.checks if c.reads_identity]
        self._declarations = [c for c in self.checks if c.reads_declarations]

    def _index_cells(self) -> dict[str, tuple[Check, ...]]:
        readers: dict[str, list[Check]] = defaultdict(list)
        for check in self.checks:
            for cell in check.cells:
                readers[cell].append(check)
        dependents: dict[str, set[str]] = defaultdict(set)
        for cell in self.form.cells.values():
            for part in cell.parts:
                dependents[part].add(cell.id)
        order = {id(c): i for i, c in enumerate(self.checks)}
        index = {}
        for cell_id in self.form.cells:
            affected = {cell_id} | _closure(cell_id, dependents)
            found = {id(c): c for a in affected for c in readers.get(a, ())}
            index[cell_id] = tuple(found[k] for k in sorted(found, key=order.__getitem__))
        return index

    def check(self, report: Report, prev: Report | None = None) -> list[Finding]:
        return _run(self.checks, report, prev)

    def reading_cell(self, cell_id: str) -> tuple[Check, ...]:
        return self._by_cell.get(cell_id, ())

    def reading_text(self, section_id: str) -> tuple[Check, ...]:
        return tuple(self._by_text.get(section_id, ()))

    def reading_identity(self) -> tuple[Check, ...]:
        return tuple(self._identity)

    def reading_declarations(self) -> tuple[Check, ...]:
        return tuple(self._declarations)


def _closure(cell_id: str, dependents: dict[str, set[str]]) -> set[str]:
    found, todo = set(), [cell_id]
    while todo:
        for parent in dependents.get(todo.pop(), ()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


def _run(checks, report: Report, prev: Report | None) -> list[Finding]:
    return [f for f in (c.evaluate(report, prev) for c in checks) if f is not None]


class LiveFindings:
    """The current findings of one report, kept up to date edit by edit."""

    def __init__(self, engine: CheckEngine, report: Report, prev: Report | None = None):
        self.engine, self.report, self.prev = engine, report, prev
        self._order = {c.key: i for i, c in enumerate(engine.checks)}
        self._findings = {f.key: f for f in engine.check(report, prev)}

    def all(self) -> list[Finding]:
        return sorted(self._findings.values(), key=lambda f: self._order[f.key])

    def cell_changed(self, cell_id: str) -> list[str]:
        return self._rerun(self.engine.reading_cell(cell_id))

    def text_changed(self, section_id: str) -> list[str]:
        return self._rerun(self.engine.reading_text(section_id))

    def identity_changed(self) -> list[str]:
        return self._rerun(self.engine.reading_identity())

    def declarations_changed(self) -> list[str]:
        return self._rerun(self.engine.reading_declarations())

    def _rerun(self, checks) -> list[str]:
        """Re-evaluate these checks; returns the keys whose finding appeared, changed or went."""
        changed = []
        for check in checks:
            old = self._findings.pop(check.key, None)
            new = check.evaluate(self.report, self.prev)
            if new is not None:
                self._findings[check.key] = new
            if old != new:
                changed.append(check.key)
        return changed
