"""Which official format a published report follows, told by its labels, not its year:
each table section votes for the format whose own labels (those no other format prints)
it prints. A section printed in another format than the report's is either read into
this one where the form data allows (a 2019-style single （六）其他处理 row goes into
3.其他) or left out, and the officer is told which."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.exchange.published.labels import (
    MATCH,
    catch_all,
    distinct_labels,
    norm,
    similarity,
)
from desktop.core.forms import Form, Row, all_forms, form_for_year


@dataclass
class Recognised:
    form: Form
    notes: list[str] = field(default_factory=list)
    skip: dict[str, str] = field(default_factory=dict)  # section id -> why it is left out
    foreign: list[tuple[Row, Row]] = field(default_factory=list)  # (printed row, read into)


def recognise(region_text: str, year: int | None) -> Recognised:
    text = norm(region_text)
    forms = all_forms()
    votes: dict[str, tuple[Form, list[str]]] = {}
    for section_id in _table_sections(forms):
        hits = {}
        for form in forms.values():
            others = [f for f in forms.values() if f is not form]
            own = distinct_labels(form, others, section_id)
            found = sorted((own[label] for label in own if label in text), key=len)
            if found:
                hits[form.id] = found
        if hits:
            best = max(hits.values(), key=len)
            winners = [i for i, h in hits.items() if len(h) == len(best)]
            if len(winners) == 1:
                votes[section_id] = (forms[winners[0]], hits[winners[0]])
    chosen = _choose(votes, year)
    result = Recognised(chosen)
    evidence = [x for form, found in votes.values() if form is chosen for x in found[-2:]]
    if evidence:
        result.notes.append(
            f"识别为{chosen.name}（{chosen.notice}），依据“{'”“'.join(evidence[:3])}”等标签"
        )
    else:
        result.notes.append(f"表中没有能区分格式的标签，按{year}年度采用{chosen.name}")
    for section_id, (form, _) in votes.items():
        if form is not chosen:
            heading = chosen.section(section_id).heading
            result.skip[section_id] = (
                f"{heading}按{form.name}印制，栏目与{chosen.name}不同，这部分数字未导入"
            )
    result.foreign = _foreign_rows(chosen, forms, text, votes)
    if year is not None and not chosen.covers_year(year):
        result.notes.append(
            f"注意：{year}年度的报告应使用{form_for_year(year).name}，而表格是按{chosen.name}印制的"
        )
    return result


def _table_sections(forms: dict[str, Form]) -> list[str]:
    ids: list[str] = []
    for form in forms.values():
        ids += [s.id for s in form.sections if not s.is_text and s.id not in ids]
    return ids


def _choose(votes: dict, year: int | None) -> Form:
    chosen = {form.id: form for form, _ in votes.values()}
    if len(chosen) == 1:
        return next(iter(chosen.values()))
    by_year = form_for_year(year) if year is not None else None
    if by_year is not None and (not chosen or by_year.id in chosen):
        return by_year
    if chosen:
        # Sections disagree and the year does not settle it: the applications table,
        # which carries most figures, decides.
        return votes.get("s3", next(iter(votes.values())))[0]
    from desktop.core.errors import InputError

    raise InputError("未能从表格的标签识别报告格式，也不知道报告年度，无法导入")


def _foreign_rows(chosen: Form, forms: dict[str, Form], text: str, votes: dict):
    """Rows of another format printed where this format has a group of rows: read into
    the group's catch-all row, where this format's own rows of the group are absent."""
    found = []
    for section in chosen.sections:
        if section.is_text or section.id in votes:
            continue  # printed in this format (its own labels were found), or left out
        mine = {tuple(norm(p) for p in r.path) for t in section.tables for r in t.rows}
        groups = {norm(p) for t in section.tables for r in t.rows for p in r.path[:-1]}
        for other in forms.values():
            if other is chosen:
                continue
            for table in other.section(section.id).tables if _has(other, section.id) else ():
                for row in table.rows:
                    label = norm(row.label)
                    if tuple(norm(p) for p in row.path) in mine or label not in groups:
                        continue
                    into = catch_all(chosen, section.id, label)
                    siblings = _group_rows(chosen, section.id, label)
                    if (
                        into is not None
                        and label in text
                        and not any(
                            similarity(norm(s.label), text) >= MATCH
                            for s in siblings
                            if len(norm(s.label)) > 4
                        )
                    ):
                        found.append((row, into))
    return found


def _has(form: Form, section_id: str) -> bool:
    return any(s.id == section_id for s in form.sections)


def _group_rows(form: Form, section_id: str, group_label: str) -> list[Row]:
    section = form.section(section_id)
    return [
        r
        for t in section.tables
        for r in t.rows
        if len(r.path) > 1 and norm(r.path[-2]) == group_label
    ]
