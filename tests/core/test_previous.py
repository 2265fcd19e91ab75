"""Last year's report for a new one: carried figures from the same file, another report
file or a published report, the source kept, and corrections with their reason."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.core.errors import InputError
from desktop.core.forms import load_form
from desktop.core.interchange import from_interchange, to_interchange
from desktop.core.pdf import PdfOptions, load_fonts, render_signoff
from desktop.core.previous import Correction, Previous
from desktop.core.report import Report
from desktop.core.session import ReportSession
from desktop.core.storage import ReportFile
from tests.conftest import SAMPLES

UNIT = "平潭综合实验区管委会"
CARRIED_OUT = {"s3.carried_out.natural": 3, "s3.carried_out.legal": 1}


def last_year_file(path: Path, year: int = 2023) -> Path:
    report = Report(UNIT, year, load_form("2021"), dict(CARRIED_OUT))
    report.texts["s1"] = "总体情况。" * 40
    ReportFile.create(path, (report, {})).close()
    return path


def carried_in(path: Path, year: int = 2024) -> dict:
    with ReportFile.open(path, readonly=True) as file:
        report = file.load(file.find(year=year).id)
    return {k: v for k, v in report.values.items() if k.startswith("s3.carried_in.")}, report


def y1(session: ReportSession) -> set[str]:
    return {f.key for f in session.findings() if f.rule == "Y-1"}


def test_new_takes_the_carried_figures_from_last_year_in_the_same_file(cli, report_path):
    last_year_file(report_path)
    code, out, _ = cli("new", report_path, "--unit", UNIT, "--year", 2024)
    assert code == 0 and "上年数据来源：本文件中的2023年度报告" in out
    values, report = carried_in(report_path)
    assert values == {"s3.carried_in.natural": 3, "s3.carried_in.legal": 1}
    assert report.previous.source == "本文件中的2023年度报告" and not report.previous.copied
    session = ReportSession.open(report_path, year=2024)
    assert y1(session) == set() and session.prev.year == 2023
    session.close()


def test_a_copy_from_another_report_file_is_kept_and_checked_against(cli, tmp_path):
    other = last_year_file(tmp_path / "去年.sqlite")
    path = tmp_path / "今年.sqlite"
    code, out, _ = cli("new", path, "--unit", UNIT, "--year", 2024, "--previous", other)
    assert code == 0 and "去年.sqlite" in out
    other.unlink()  # the source may go away: its figures are kept
    session = ReportSession.open(path)
    assert session.report.previous.copied and session.prev.value("s3.carried_out.natural") == 3
    session.set_cell("s3.carried_in.natural", 5)
    assert y1(session) == {"Y-1:natural", "Y-1:total"}
    session.close()


def test_a_published_report_serves_as_last_year(cli, report_path):
    source = SAMPLES / "published" / "2023-pingtan-zhsyq.json"
    published = json.loads(source.read_text("utf-8"))["cells"]
    code, _, err = cli(
        "new", report_path, "--unit", "平潭综合实验区", "--year", 2024, "--previous", source
    )
    assert code == 0, err
    values, report = carried_in(report_path)
    expected = {
        k.replace("carried_out", "carried_in"): v
        for k, v in published.items()
        if k.startswith("s3.carried_out.") and not k.endswith(".total")
    }
    assert {k: int(v) for k, v in values.items()} == {k: int(v) for k, v in expected.items()}
    assert "2023-pingtan-zhsyq.json" in report.previous.source


def test_last_years_narrative_as_a_draft_is_flagged_as_repeated(cli, report_path):
    last_year_file(report_path)
    assert cli("new", report_path, "--unit", UNIT, "--year", 2024, "--texts")[0] == 0
    session = ReportSession.open(report_path, year=2024)
    assert session.report.texts["s1"] == "总体情况。" * 40
    assert "Y-3:s1" in {f.key for f in session.findings()}  # must be rewritten
    session.close()


def test_a_correction_is_used_kept_with_its_reason_and_printed(cli, report_path):
    last_year_file(report_path)
    cli("new", report_path, "--unit", UNIT, "--year", 2024)
    session = ReportSession.open(report_path, year=2024)
    session.set_cell("s3.carried_in.natural", 5)
    assert y1(session)
    with pytest.raises(InputError, match="理由"):
        session.correct_previous("s3.carried_out.natural", 5, " ")
    session.correct_previous("s3.carried_out.natural", 5, "2023年度报告漏计2件")
    assert y1(session) == set()
    session.close()
    code, out, _ = cli("show", report_path, "--year", 2024)
    assert code == 0 and "更正：" in out and "上年报告为3，按5计；理由：2023年度报告漏计2件" in out
    with ReportFile.open(report_path, readonly=True) as file:
        report = file.load(file.find(year=2024).id)
    assert report.previous.corrections["s3.carried_out.natural"] == Correction(
        5, 3, "2023年度报告漏计2件"
    )
    sheet = render_signoff(report, [], PdfOptions(draft=True), load_fonts(official=False))
    assert "2023年度报告漏计2件" in _pdf_text(sheet)
    assert (
        cli("correct-previous", report_path, "--year", 2024, "s3.carried_out.natural", "")[0] == 0
    )
    session = ReportSession.open(report_path, year=2024)
    assert y1(session) and session.report.previous is None  # back to this file's report
    session.close()


def _pdf_text(pdf: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    return "".join(
        "".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document))
    )


def test_the_cli_refuses_a_correction_without_a_reason(cli, report_path):
    last_year_file(report_path)
    cli("new", report_path, "--unit", UNIT, "--year", 2024)
    code, _, err = cli(
        "correct-previous", report_path, "--year", 2024, "s3.carried_out.natural", "5"
    )
    assert code == 2 and "理由" in err


def test_previous_travels_in_the_interchange_json():
    report = Report(UNIT, 2024, load_form("2021"))
    report.previous = Previous(
        "报告文件“去年.sqlite”", "2021", {"s3.carried_out.natural": 3},
        {"s3.carried_out.natural": Correction(5, 3, "漏计")},
    )  # fmt: skip
    data = json.loads(json.dumps(to_interchange(report)))
    assert from_interchange(data, "x").report.previous == report.previous


@pytest.mark.parametrize(
    "rows",
    [
        {"form": "2021"},
        {"source": "x", "form": "2021", "cell:s3.nope": "1"},
        {"source": "x", "form": "2021", "cell:s3.carried_out.natural": "-1"},
        {"source": "x", "fix:s3.carried_out.natural": "1"},
        {"source": "x", "bogus": "1"},
        {"source": "x" * 300},
    ],
    ids=["no source", "unknown cell", "negative", "fix without reason", "unknown key", "long"],
)
def test_last_years_data_that_does_not_fit_is_refused(rows):
    with pytest.raises(InputError):
        Previous.from_rows(rows)


def test_a_file_with_bad_last_year_data_is_refused_on_opening(cli, report_path):
    from desktop.core.errors import ReportFileError
    from desktop.core.storage import checksum

    last_year_file(report_path)
    cli("new", report_path, "--unit", UNIT, "--year", 2024)
    conn = sqlite3.connect(report_path, isolation_level=None)
    conn.execute("INSERT INTO previous VALUES (2, 'bogus', 'x')")
    checksum.stamp_all(conn)  # as a careful forger would
    conn.close()
    with pytest.raises(ReportFileError, match="上年数据无效"):
        ReportFile.open(report_path, readonly=True)
