"""Compile a form's [[rules]] entries into checks, validating them on the way.

An entry names its kind (relation by default) and may repeat itself for_each column
or row of a table, or for each of a list of bindings; {name} placeholders in its
expressions and message are filled from the binding.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from desktop.core.checks.expr import Comparison, ExpressionError, parse_comparison
from desktop.core.checks.kinds import (
    BlankCellsCheck,
    Check,
    DeclarationCheck,
    EmptyTextCheck,
    FormYearCheck,
    RelationCheck,
    Rule,
    TextSimilarityCheck,
    TextYearCheck,
    ValueCheck,
    fill,
)

SEVERITIES = ("error", "warning")


def compile_rules(form, entries) -> tuple[Check, ...]:
    checks: list[Check] = []
    seen: set[str] = set()
    keys: set[str] = set()
    for entry in entries:
        rule = _rule(form, entry)
        if rule.id in seen:
            entry.fail(f"规则编号 {rule.id} 重复")
        seen.add(rule.id)
        builder = _BUILDERS.get(entry.text("kind", "relation"))
        if builder is None:
            entry.fail(f"未知的规则类型“{entry.data['kind']}”，可用：{'、'.join(_BUILDERS)}")
        for bindings in _bindings(form, entry):
            built = builder(form, entry, rule, bindings)
            for check in built if isinstance(built, list) else [built]:
                if check.key in keys:
                    entry.fail(f"for_each 产生了重复的检查 {check.key}")
                keys.add(check.key)
                checks.append(check)
    return tuple(checks)


def _rule(form, entry) -> Rule:
    entry.name = f"{entry.name}（{entry.data.get('id', '?')}）"
    severity = entry.text("severity")
    if severity not in SEVERITIES:
        entry.fail("severity 应为 error 或 warning")
    scope = entry.text("scope")
    if scope != "report" and scope not in {s.id for s in form.sections}:
        entry.fail(f"scope“{scope}”不是本格式的栏目")
    explainable = entry.get("explainable", bool, None)
    if explainable is not None and severity != "error":
        entry.fail('explainable 只用于 severity = "error" 的规则（提示总是可以填写说明）')
    return Rule(
        id=entry.text("id"),
        severity=severity,
        scope=scope,
        origin=entry.text("origin", ""),
        message=entry.text("message"),
        explainable=severity == "warning" or bool(explainable),
    )


def _bindings(form, entry) -> list[dict]:
    spec = entry.data.get("for_each")
    if spec is None:
        return [{}]
    if isinstance(spec, list) and all(isinstance(b, dict) for b in spec) and spec:
        return [{k: str(v) for k, v in b.items()} for b in spec]
    if isinstance(spec, dict) and len(spec) == 1:
        ((axis, where),) = spec.items()
        tables = [_table(form, entry, w) for w in (where if isinstance(where, list) else [where])]
        if axis == "columns":
            return [{"col": c.id, "col_label": c.label} for t, _ in tables for c in t.columns]
        if axis == "rows":
            return [
                {"row": r.id, "row_label": form.cells[f"{s}.{r.id}.{t.columns[0].id}"].row_words}
                for t, s in tables
                for r in t.rows
                if not r.derived  # a total row's parts are checked by its own rule
            ]
    entry.fail('for_each 应为 {columns = "栏目.表格"}、{rows = "栏目.表格"} 或绑定列表')


def _table(form, entry, where):
    section_id, _, table_id = str(where).partition(".")
    for section in form.sections:
        for table in section.tables:
            if section.id == section_id and table.id == table_id:
                return table, section.id
    entry.fail(f"for_each 引用了不存在的表格“{where}”")


def _key(rule: Rule, bindings: dict) -> str:
    """Stable per report: what explanations are attached to (e.g. "Y-1:natural")."""
    if "id" in bindings:
        return f"{rule.id}:{bindings['id']}"
    tail = ",".join(v for k, v in bindings.items() if not k.endswith("_label"))
    return f"{rule.id}:{tail}" if tail else rule.id


def _comparison(form, entry, key: str, bindings: dict) -> Comparison | None:
    text = entry.data.get(key)
    if text is None:
        return None
    if not isinstance(text, str):
        entry.fail(f"“{key}”应为字符串")
    try:
        comparison = parse_comparison(fill(text, bindings))
    except ExpressionError as error:
        entry.fail(f"{key}：{error}")
    for ref in comparison.refs:
        if ref.cell not in form.cells:
            entry.fail(f"{key} 引用了不存在的单元格 {ref.cell}")
        if ref.source == "published" and not form.cells[ref.cell].derived:
            entry.fail(f"published() 只能用于自动计算的合计单元格，{ref.cell} 不是")
    return comparison


def _this_cells(form, comparisons) -> frozenset[str]:
    return frozenset(
        r.cell for c in comparisons if c is not None for r in c.refs if r.source == "this"
    )


def _sections(form, entry, key: str = "sections") -> tuple[str, ...]:
    sections = entry.strings(key)
    text_ids = {s.id for s in form.text_sections}
    for section in sections:
        if section not in text_ids:
            entry.fail(f"{key} 中“{section}”不是文字栏目")
    return sections


def _check_message(entry, rule: Rule, names: set[str]) -> None:
    allowed = names | {"year", "prev_year"}
    for name in re.findall(r"\{(\w+)\}", rule.message):
        if name not in allowed:
            entry.fail(f"message 中的 {{{name}}} 无法填写，可用：{'、'.join(sorted(allowed))}")


_SIDES = {"left", "right", "difference"}


def _relation(form, entry, rule, bindings) -> Check:
    assertion = _comparison(form, entry, "assert", bindings)
    if assertion is None:
        entry.fail("缺少“assert”")
    when = _comparison(form, entry, "when", bindings)
    unless = entry.data.get("unless_text", {})
    texts = _sections(form, _sub(entry, "unless_text", unless)) if unless else ()
    keywords = _sub(entry, "unless_text", unless).strings("any") if unless else ()
    pattern = entry.text("unit_pattern", "")
    _valid_regex(entry, pattern)
    strip = entry.data.get("strip")
    if strip is not None:
        strip_entry = _sub(entry, "strip", strip)
        strip = (strip_entry.text("left"), strip_entry.text("right"))
    _check_message(entry, rule, set(bindings) | _SIDES)
    return RelationCheck(
        rule=rule,
        key=_key(rule, bindings),
        bindings=bindings,
        cells=_this_cells(form, (assertion, when)),
        texts=frozenset(texts),
        reads_identity=bool(pattern),
        assertion=assertion,
        when=when,
        unless_text=keywords,
        unit_pattern=pattern,
        strip=strip,
    )


def _sub(entry, key, data):
    return type(entry)(entry.path, f"{entry.name}.{key}", data)


def _valid_regex(entry, pattern: str, groups: int = 0) -> None:
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        entry.fail(f"正则表达式“{pattern}”无效：{error}")
    if compiled.groups < groups:
        entry.fail(f"正则表达式“{pattern}”应有{groups}个捕获组")


def _values(form, entry, rule, bindings) -> list[Check]:
    prefixes = entry.strings("cells")
    _check_message(entry, rule, {"cell", "problem"})
    matched = [c for c in form.cells.values() if not c.derived and c.id.startswith(prefixes)]
    if not matched:
        entry.fail("cells 没有匹配任何输入单元格")
    return [
        ValueCheck(rule=rule, key=f"{rule.id}:{c.id}", cells=frozenset({c.id}), cell=c.id)
        for c in matched
    ]


def _form_year(form, entry, rule, bindings) -> Check:
    _check_message(entry, rule, {"form_name", "form_years"})
    return FormYearCheck(rule=rule, key=rule.id, reads_identity=True)


def _text_year(form, entry, rule, bindings) -> Check:
    pattern = entry.text("pattern")
    _valid_regex(entry, pattern, groups=1)
    _check_message(entry, rule, {"section", "found", "quote"})
    return TextYearCheck(
        rule=rule,
        key=rule.id,
        texts=frozenset(_sections(form, entry)),
        reads_identity=True,
        pattern=pattern,
    )


def _text_similarity(form, entry, rule, bindings) -> list[Check]:
    threshold = Decimal(str(entry.get("threshold", float)))
    _check_message(entry, rule, {"section", "percent"})
    return [
        TextSimilarityCheck(
            rule=rule,
            key=f"{rule.id}:{section}",
            texts=frozenset({section}),
            section=section,
            threshold=threshold,
        )
        for section in _sections(form, entry)
    ]


def _blank_cells(form, entry, rule, bindings) -> list[Check]:
    _check_message(entry, rule, {"table", "count"})
    checks = []
    for section in form.sections:
        for table in section.tables:
            cells = [
                c.id
                for c in form.cells.values()
                if not c.derived and c.section.id == section.id and c.table.id == table.id
            ]
            words = section.heading + (f"（{table.caption}）" if table.caption else "")
            checks.append(
                BlankCellsCheck(
                    rule=replace(rule, scope=section.id),
                    key=f"{rule.id}:{section.id}.{table.id}",
                    cells=frozenset(cells),
                    table=words,
                )
            )
    return checks


def _empty_text(form, entry, rule, bindings) -> list[Check]:
    _check_message(entry, rule, {"section"})
    return [
        EmptyTextCheck(
            rule=replace(rule, scope=s.id),
            key=f"{rule.id}:{s.id}",
            texts=frozenset({s.id}),
            section=s.id,
        )
        for s in form.text_sections
    ]


def _declaration(form, entry, rule, bindings) -> list[Check]:
    _check_message(entry, rule, {"declared", "cell", "count"})
    return [
        DeclarationCheck(
            rule=replace(rule, scope=d.section),
            key=f"{rule.id}:{d.id}",
            cells=frozenset(
                c.id for c in form.cells.values() if not c.derived and c.section.id == d.section
            ),
            reads_declarations=True,
            declaration=d.id,
        )
        for d in form.declarations
    ]


_BUILDERS = {
    "relation": _relation,
    "values": _values,
    "form_year": _form_year,
    "text_year": _text_year,
    "text_similarity": _text_similarity,
    "blank_cells": _blank_cells,
    "empty_text": _empty_text,
    "declaration": _declaration,
}
