"""Real published reports import, and their findings match what is known about them
(copies of the reference samples in tests/data/samples)."""

import itertools

import pytest

from desktop.core.interchange import read_json
from desktop.core.session import check_report
from tests.conftest import SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*/*.json"))


def imported(path):
    result = read_json(path.read_bytes(), path.name)
    assert result.ok, result.rejected
    return result


def errors(result, prev=None):
    return {f.key for f in check_report(result.report, prev) if f.is_error}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_every_sample_imports(samples, path):
    result = imported(path)
    assert len(result.imported) >= 150
    assert result.report.form.covers_year(result.report.year)


def test_guangzhou_tianhe_2020_balances(samples):
    result = imported(samples / "published/2020-guangzhou-tianhe.json")
    assert result.discrepancies == []
    assert errors(result) == set()


def test_pingtan_2020_published_total_differs_from_the_outcome_rows(samples):
    result = imported(samples / "published/2020-pingtan-zhsyq.json")
    assert [(d.cell, d.published, d.computed) for d in result.discrepancies] == [
        ("s3.total.natural", 20, 26),
        ("s3.total.total", 21, 27),
    ]
    assert errors(result) == {"T3-1:natural", "T3-1:total", "T3-2:natural", "T3-2:total"}


def test_shanghai_2019_blank_totals_are_not_discrepancies(samples):
    result = imported(samples / "published/2019-shanghai-szfbgt.json")
    assert "s3.granted.total" not in result.report.published
    assert result.discrepancies == []
    assert result.report.value("s3.granted.total") is not None
    assert str(result.report.value("s2.procurement.amount")) == "25.1"


@pytest.mark.parametrize(
    "name",
    ["2021-pingtan-zhsyq", "2024-huaian-szf", "2025-suqian-shuyang-xzf", "2019-pingtan-zhsyq"],
)
def test_balanced_samples_have_no_errors(samples, name):
    assert errors(imported(samples / f"published/{name}.json")) == set()


def test_pingtan_years_chain_without_carry_over_errors(samples):
    years = sorted((samples / "published").glob("20*-pingtan-zhsyq.json"))
    reports = [imported(p) for p in years]
    for prev, this in itertools.pairwise(reports):
        assert not {k for k in errors(this, prev.report) if k.startswith("Y-1")}


@pytest.mark.parametrize("path", sorted((SAMPLES / "pingtan-departments-2019").glob("*.json")))
def test_departments_of_the_coordinating_office(samples, path):
    result = imported(path)
    assert result.report.year == 2019 and result.report.form.id == "2019"
