"""A broken format file fails with the file, the entry and the problem named."""

import shutil

import pytest

from desktop.core.errors import FormDefinitionError
from desktop.core.forms import forms_dir
from desktop.core.forms.loader import load_form_file


@pytest.fixture
def form_copy(tmp_path):
    """A writable copy of the shipped formats; returns (path of 2021.toml, its text)."""
    target = tmp_path / "forms"
    shutil.copytree(forms_dir(), target)
    path = target / "2021.toml"
    return path, path.read_text(encoding="utf-8")


def broken(form_copy, old: str, new: str, count: int = 1) -> FormDefinitionError:
    path, text = form_copy
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    with pytest.raises(FormDefinitionError) as caught:
        load_form_file(path)
    assert str(path) in str(caught.value)
    return caught.value


def test_shipped_copy_loads(form_copy):
    assert load_form_file(form_copy[0]).id == "2021"


@pytest.mark.parametrize(
    ("old", "new", "entry", "problem"),
    [
        ('kind = "count"', 'kind = "percent"', "sections[1].tables[0].columns[0]", "percent"),
        ('id = "issued"', 'id = "repealed"', "sections[1].tables[0]", "重复"),
        ('sum_of = ["natural"', 'sum_of = ["nobody"', "sections[2].tables[0]", "nobody"),
        ("colspan = 7", "colspan = 6", "sections[2].tables[0]", "header"),
        ('title = "总体情况"\n', "", "sections[0]", "缺少“title”"),
        ("label_columns = 1", 'label_columns = "one"', "sections[1].tables[0]", "整数"),
        ("schema = 1", "schema = 9", "顶层", "schema"),
    ],
)
def test_structure_problems_are_named(form_copy, old, new, entry, problem):
    error = broken(form_copy, old, new)
    assert entry in error.entry
    assert problem in error.problem


def test_toml_syntax_error_is_named(form_copy):
    error = broken(form_copy, 'id = "2021"', 'id = "2021')
    assert error.entry == "TOML 语法"


def rules_error(form_copy, rule: str) -> FormDefinitionError:
    path, text = form_copy
    path.write_text(text + "\n" + rule, encoding="utf-8")
    with pytest.raises(FormDefinitionError) as caught:
        load_form_file(path)
    return caught.value


RULE = '[[rules]]\nid = "X-1"\nseverity = "error"\nscope = "s3"\nmessage = "m {left}"\n'


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ('assert = "s3.new.nobody == 0"\n', "不存在的单元格 s3.new.nobody"),
        ('assert = "s3.new.total = 0"\n', "比较符"),
        ('assert = "s3.new.total == (1 + "\n', "不完整"),
        ('assert = "published(s3.new.natural) == 0"\n', "published()"),
        ('assert = "s3.new.total == 0"\nkind = "magic"\n', "未知的规则类型"),
        ('assert = "s3.new.total == 0"\nfor_each = { columns = "s3.nope" }\n', "s3.nope"),
    ],
)
def test_rule_problems_are_named(form_copy, extra, problem):
    error = rules_error(form_copy, RULE + extra)
    assert "X-1" in error.entry
    assert problem in error.problem


def test_unknown_message_placeholder_is_refused(form_copy):
    error = rules_error(
        form_copy, RULE.replace("{left}", "{nonsense}") + 'assert = "s3.new.total == 0"\n'
    )
    assert "{nonsense}" in error.problem


def test_duplicate_rule_id_is_refused(form_copy):
    error = rules_error(form_copy, RULE.replace("X-1", "T3-1") + 'assert = "s3.new.total == 0"\n')
    assert "T3-1" in error.problem


def test_wrong_severity_is_refused(form_copy):
    error = rules_error(
        form_copy, RULE.replace('"error"', '"fatal"') + 'assert = "s3.new.total == 0"\n'
    )
    assert "severity" in error.problem


def test_a_new_format_is_a_new_data_file(form_copy):
    """Next year's format: copy, rename, change the years — no code."""
    path, text = form_copy
    new = path.with_name("2031.toml")
    new.write_text(
        text.replace('id = "2021"', 'id = "2031"', 1).replace(
            "first_year = 2021", "first_year = 2031"
        ),
        encoding="utf-8",
    )
    form = load_form_file(new)
    assert form.id == "2031" and form.covers_year(2031) and not form.covers_year(2030)
