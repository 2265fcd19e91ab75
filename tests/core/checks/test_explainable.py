"""Which findings an explanation may stand for: every warning, and only the errors the
form data marks `explainable = true` (Y-1, 上年结转 after 机构改革)."""

import shutil

import pytest

from desktop.core.checks import CheckEngine
from desktop.core.errors import FormDefinitionError
from desktop.core.forms import forms_dir, load_form
from desktop.core.forms.loader import load_form_file
from desktop.core.session import check_report
from tests.core.checks.conftest import balanced

REASON = "2024年机构改革，原有申请移交新设机构办理"


def with_y1(carried_out_last_year: int = 2):
    prev = balanced(year=2023)
    prev.set_value("s3.carried_out.natural", carried_out_last_year)
    return balanced(), prev


def findings(report, prev=None, explanations=None):
    return {f.key: f for f in check_report(report, prev, explanations)}


@pytest.mark.parametrize("form_id", ["2019", "2021"])
def test_only_y1_among_the_errors_is_explainable(form_id):
    checks = load_form(form_id).checks
    explainable_errors = {c.rule.id for c in checks if c.rule.severity == "error"} & {
        c.rule.id for c in checks if c.rule.explainable
    }
    assert explainable_errors == {"Y-1"}
    assert all(c.rule.explainable for c in checks if c.rule.severity == "warning")


def test_an_explained_y1_error_no_longer_blocks():
    report, prev = with_y1()
    found = findings(report, prev)
    assert {"Y-1:natural", "Y-1:total"} <= found.keys()
    assert found["Y-1:natural"].explainable and found["Y-1:natural"].blocking
    explained = findings(report, prev, {"Y-1:natural": REASON})
    assert explained["Y-1:natural"].explanation == REASON
    assert not explained["Y-1:natural"].blocking
    assert explained["Y-1:total"].blocking  # each column is explained on its own
    assert explained["Y-1:natural"].to_json()["explanation"] == REASON
    assert explained["Y-1:natural"].to_json()["explainable"] is True


def test_an_explanation_recorded_for_a_hard_error_is_not_attached():
    """E.g. imported from another program: the balance must still be corrected."""
    report = balanced()
    report.set_value("s3.new.natural", 400)
    found = findings(report, None, {"T3-1:natural": "口径调整"})["T3-1:natural"]
    assert not found.explainable and found.blocking and found.explanation == ""
    assert found.to_json()["explainable"] is False and "explanation" not in found.to_json()


def test_an_explained_warning_shows_its_explanation_and_never_blocked():
    report = balanced()
    report.set_value("s3.new.natural", 10)
    report.set_value("s3.granted.natural", 6)
    report.set_value("s3.carried_out.natural", 4)
    found = findings(report, None, {"T3-8": "年末集中收到申请"})["T3-8"]
    assert found.explainable and not found.blocking
    assert found.explanation == "年末集中收到申请"
    assert found.line().endswith("（已说明：年末集中收到申请）")


def test_the_engine_finds_checks_by_key():
    engine = CheckEngine(load_form("2021"))
    assert engine.by_key["Y-1:natural"].rule.explainable
    assert not engine.by_key["T3-1:natural"].rule.explainable


# -- the `explainable` key in the form data ---------------------------------------------


@pytest.fixture
def form_copy(tmp_path):
    target = tmp_path / "forms"
    shutil.copytree(forms_dir(), target)
    return target / "2021.toml"


RULE = (
    '[[rules]]\nid = "X-1"\nseverity = "{severity}"\nscope = "s3"\n'
    'assert = "s3.new.total == 0"\nmessage = "m {{left}}"\n{extra}'
)


def with_rule(path, severity: str, extra: str):
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" + RULE.format(severity=severity, extra=extra), encoding="utf-8")
    return load_form_file(path)


def x1(form):
    return next(c for c in form.checks if c.rule.id == "X-1").rule


@pytest.mark.parametrize(
    ("extra", "explainable"),
    [("", False), ("explainable = true\n", True), ("explainable = false\n", False)],
)
def test_an_error_is_explainable_only_when_the_data_says_so(form_copy, extra, explainable):
    assert x1(with_rule(form_copy, "error", extra)).explainable is explainable


@pytest.mark.parametrize(
    ("severity", "extra", "problem"),
    [
        ("error", 'explainable = "yes"\n', "“explainable”应为true 或 false"),
        ("error", "explainable = 1\n", "“explainable”应为true 或 false"),
        ("warning", "explainable = true\n", "explainable 只用于"),
        ("warning", "explainable = false\n", "explainable 只用于"),
    ],
)
def test_a_wrong_explainable_key_is_named(form_copy, severity, extra, problem):
    with pytest.raises(FormDefinitionError) as caught:
        with_rule(form_copy, severity, extra)
    assert "X-1" in caught.value.entry and str(form_copy) in str(caught.value)
    assert problem in caught.value.problem
