"""The `nianbao` command line, run in-process through desktop.cli.run (one subprocess
test checks the entry points). Exit codes: 0 done, 1 check found errors, 2 bad input."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from desktop.cli import run
from desktop.core.storage import ReportFile
from desktop.core.storage.schema import LATEST

TIANHE = "2020-guangzhou-tianhe"  # balances
PINGTAN_2020 = "2020-pingtan-zhsyq"  # published （七）总计 20 / 21, outcome rows add up to 26 / 27


@pytest.fixture
def cli(capsys):
    """Run the command line; returns (exit code, stdout, stderr)."""

    def invoke(*argv) -> tuple[int, str, str]:
        code = run([str(arg) for arg in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def assert_one_line_error(code: int, out: str, err: str) -> str:
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("错误：")
    assert "Traceback" not in out + err
    return lines[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def published(samples: Path, name: str) -> Path:
    return samples / "published" / f"{name}.json"


def forms_in(path: Path) -> list[tuple[str, int, str]]:
    with ReportFile.open(path, readonly=True) as file:
        return [(r.unit, r.year, r.form) for r in file.reports()]


# -- new --------------------------------------------------------------------------------


def test_new_2024_report_uses_the_2021_format(cli, report_path):
    code, out, _ = cli("new", report_path, "--unit", "某区政府", "--year", 2024)
    assert code == 0 and "新建" in out
    assert forms_in(report_path) == [("某区政府", 2024, "2021")]


def test_new_2020_report_uses_the_2019_format(cli, report_path):
    assert cli("new", report_path, "--unit", "某区政府", "--year", 2020)[0] == 0
    assert forms_in(report_path) == [("某区政府", 2020, "2019")]


def test_new_with_an_older_form_is_allowed_but_check_reports_b8(cli, report_path):
    assert cli("new", report_path, "--unit", "某区政府", "--year", 2024, "--form", 2019)[0] == 0
    assert forms_in(report_path) == [("某区政府", 2024, "2019")]
    code, out, _ = cli("check", report_path, "--json")
    assert code == 1
    [result] = json.loads(out)["reports"]
    assert ("B-8", "error") in [(f["rule"], f["severity"]) for f in result["findings"]]


def test_new_refuses_a_second_report_of_the_same_unit_and_year(cli, report_path):
    cli("new", report_path, "--unit", "某区政府", "--year", 2024)
    before = sha256(report_path)
    line = assert_one_line_error(*cli("new", report_path, "--unit", "某区政府", "--year", 2024))
    assert "--replace" in line
    assert sha256(report_path) == before


# -- import and check of real published reports ---------------------------------------------


def test_balanced_sample_imports_and_checks_clean(cli, samples, report_path):
    assert cli("import", published(samples, TIANHE), "-o", report_path)[0] == 0
    code, out, _ = cli("check", report_path)
    assert code == 0 and "错误 0 处" in out
    code, out, _ = cli("check", report_path, "--json")
    assert code == 0
    assert json.loads(out)["reports"][0]["errors"] == 0


def test_import_reports_published_totals_that_disagree(cli, samples, report_path):
    code, out, _ = cli("import", published(samples, PINGTAN_2020), "-o", report_path, "--json")
    assert code == 0
    result = json.loads(out)
    assert result["written"] is True and result["rejected"] == []
    found = {d["cell"]: (d["published"], d["computed"]) for d in result["discrepancies"]}
    assert found == {"s3.total.natural": (20, 26), "s3.total.total": (21, 27)}


def test_check_of_unbalanced_sample_exits_1_with_t3_findings(cli, samples, report_path):
    cli("import", published(samples, PINGTAN_2020), "-o", report_path)
    code, out, _ = cli("check", report_path)
    assert code == 1 and "错误 4 处" in out
    code, out, _ = cli("check", report_path, "--json")
    assert code == 1
    [result] = json.loads(out)["reports"]
    findings = result["findings"]
    assert {f["rule"] for f in findings} == {"T3-1", "T3-2"}
    assert result["errors"] == len(findings) == 4
    for finding in findings:
        assert {"rule", "severity", "cells", "values", "message"} <= finding.keys()
        assert finding["severity"] == "error" and finding["cells"] and finding["message"]
    t3_2 = next(f for f in findings if f["key"] == "T3-2:total")
    assert (t3_2["left"], t3_2["right"]) == (21, 27)


def test_import_twice_needs_replace(cli, samples, report_path):
    source = published(samples, TIANHE)
    cli("import", source, "-o", report_path)
    assert "--replace" in assert_one_line_error(*cli("import", source, "-o", report_path))
    assert cli("import", source, "-o", report_path, "--replace")[0] == 0
    assert len(forms_in(report_path)) == 1


# -- import of bad data: nothing written ----------------------------------------------------

BAD_CELLS = {
    "s3.nope.natural": 1,  # no such cell
    "s3.new.legal": -1,  # negative count
    "s3.new.research": 1.5,  # fraction in a count cell
    "s3.new.social": "3",  # a string, not a number
}


def bad_source(tmp_path: Path, sample_json, cells: dict) -> Path:
    data = sample_json(TIANHE)
    data["cells"].update(cells)
    return write_json(tmp_path / "bad.json", data)


@pytest.mark.parametrize("cell", BAD_CELLS, ids=["unknown", "negative", "fraction", "string"])
def test_import_with_a_bad_cell_writes_nothing(cli, tmp_path, sample_json, report_path, cell):
    source = bad_source(tmp_path, sample_json, {cell: BAD_CELLS[cell]})
    line = assert_one_line_error(*cli("import", source, "-o", report_path))
    assert cell in line and "未写入任何内容" in line
    assert not report_path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_import_json_lists_every_rejected_cell(cli, tmp_path, sample_json, report_path):
    source = bad_source(tmp_path, sample_json, BAD_CELLS)
    code, out, err = cli("import", source, "-o", report_path, "--json")
    assert_one_line_error(code, out, err)
    result = json.loads(out)
    assert result["written"] is False
    assert {r["cell"] for r in result["rejected"]} == set(BAD_CELLS)
    assert all(r["message"] for r in result["rejected"])
    assert not report_path.exists()


def test_import_with_a_bad_cell_leaves_an_existing_file_unchanged(
    cli, tmp_path, samples, sample_json, report_path
):
    cli("import", published(samples, PINGTAN_2020), "-o", report_path)
    source = bad_source(tmp_path, sample_json, {"s3.new.legal": -1})
    before = sha256(report_path), sorted(p.name for p in tmp_path.iterdir())
    assert_one_line_error(*cli("import", source, "-o", report_path))
    assert (sha256(report_path), sorted(p.name for p in tmp_path.iterdir())) == before


@pytest.mark.parametrize(
    "content",
    [
        "单位,年度\n某区,2024\n",
        json.dumps({"schema": 1, "year": 2020, "cells": {}}),
        json.dumps({"schema": 1, "unit": "某区", "year": "2020", "cells": {}}),
        json.dumps([1, 2, 3]),
        json.dumps({"schema": 2, "unit": "某区", "year": 2020}),
    ],
    ids=["not-json", "no-unit", "year-as-string", "array", "schema-2"],
)
def test_import_of_a_malformed_source_is_one_line_error(cli, tmp_path, report_path, content):
    source = tmp_path / "source.json"
    source.write_text(content, encoding="utf-8")
    assert_one_line_error(*cli("import", source, "-o", report_path))
    assert not report_path.exists()


def test_import_of_a_huge_integer_literal_is_one_line_error(cli, tmp_path, report_path):
    source = tmp_path / "huge.json"
    source.write_text(
        '{"schema": 1, "unit": "某区", "year": 2020, "cells": {"s3.new.natural": '
        + "9" * 5000
        + "}}",
        encoding="utf-8",
    )
    assert_one_line_error(*cli("import", source, "-o", report_path))


def test_import_of_deeply_nested_json_is_one_line_error(cli, tmp_path, report_path):
    source = tmp_path / "deep.json"
    source.write_text(
        '{"schema": 1, "unit": "某区", "year": 2020, "cells": ' + "[" * 5000 + "]" * 5000 + "}",
        encoding="utf-8",
    )
    assert_one_line_error(*cli("import", source, "-o", report_path))


# -- export ---------------------------------------------------------------------------------


def test_export_import_export_round_trip_is_exact(cli, tmp_path, sample_json):
    data = sample_json(PINGTAN_2020)
    data["texts"] = {"s1": "一、总体情况\n第二行 “引号” 与 \\ 反斜杠", "s6": "其他事项"}
    data["meta"] = {"preparer": "张三", "phone": "0591-12345678"}
    data["explanations"] = {"T3-1:natural": "机构改革后口径调整"}
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    assert cli("import", write_json(tmp_path / "source.json", data), "-o", first)[0] == 0
    assert cli("export", first, "--to", "json", "-o", tmp_path / "one.json")[0] == 0
    assert cli("import", tmp_path / "one.json", "-o", second)[0] == 0
    code, out, _ = cli("export", second, "--to", "json", "-o", "-")
    exported = (tmp_path / "one.json").read_text(encoding="utf-8")
    assert code == 0 and out == exported
    again = json.loads(exported)
    assert '"s2.procurement.amount": 7380.28959' in exported
    assert again["cells"] == data["cells"]  # published (wrong) totals included
    assert (again["texts"], again["meta"]) == (data["texts"], data["meta"])
    assert again["explanations"] == data["explanations"]


def test_export_of_a_file_with_several_reports_needs_a_selection(cli, samples, tmp_path):
    path = tmp_path / "several.sqlite"
    cli("import", published(samples, TIANHE), "-o", path)
    cli("import", published(samples, PINGTAN_2020), "-o", path)
    out_path = tmp_path / "out.json"
    line = assert_one_line_error(*cli("export", path, "--to", "json", "-o", out_path))
    assert "多份报告" in line and "广州市天河区人民政府 2020年度" in line and "平潭" in line
    assert not out_path.exists()
    code, out, _ = cli("export", path, "--to", "json", "-o", "-", "--unit", "广州市天河区人民政府")
    assert code == 0 and json.loads(out)["unit"] == "广州市天河区人民政府"


# -- show ------------------------------------------------------------------------------------


def test_show_with_one_report_prints_the_summary(cli, samples, report_path):
    cli("import", published(samples, TIANHE), "-o", report_path)
    code, out, _ = cli("show", report_path)
    assert code == 0
    assert "共有 1 份报告" in out
    assert "广州市天河区人民政府2020年政府信息公开工作年度报告" in out.splitlines()
    assert "已填单元格：166 / 166" in out


def test_show_with_several_reports_lists_them_without_summary(cli, samples, report_path):
    cli("import", published(samples, TIANHE), "-o", report_path)
    cli("new", report_path, "--unit", "某区政府", "--year", 2024)
    code, out, _ = cli("show", report_path)
    assert code == 0 and "共有 2 份报告" in out
    assert "广州市天河区人民政府 2020年度（2019年格式）" in out
    assert "某区政府 2024年度（2021年格式）" in out
    assert "已填单元格" not in out


# -- failures: one line on stderr, exit 2, no traceback ------------------------------------


@pytest.fixture
def workspace(tmp_path, samples) -> dict[str, Path]:
    report = tmp_path / "one.sqlite"
    assert run(["import", str(published(samples, TIANHE)), "-o", str(report)]) == 0
    text = tmp_path / "notes.txt"
    text.write_text("不是数据库", encoding="utf-8")
    return {"one": report, "text": text, "missing": tmp_path / "missing.sqlite", "dir": tmp_path}


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "{missing}"],
        ["check", "{text}"],
        ["show", "{dir}"],
        ["check", "{one}", "--year", "2019"],
        ["check", "{one}", "--year", "二〇二〇"],
        ["export", "{one}", "--to", "json", "-o", "{dir}/no/such/dir/out.json"],
        ["export", "{one}", "--to", "xlsx", "-o", "-"],
        ["import", "{missing}", "-o", "{dir}/new.sqlite"],
        ["import", "{dir}", "-o", "{dir}/new.sqlite"],
        ["import", "{one}", "-o", "{dir}/new.sqlite"],
        ["new", "{one}", "--unit", "某区"],
        ["new", "{one}", "--unit", "某区", "--year", "1900"],
        ["new", "{one}", "--unit", "", "--year", "2024"],
        ["new", "{text}", "--unit", "某区", "--year", "2024"],
        ["new", "{dir}/no/such/dir/x.sqlite", "--unit", "某区", "--year", "2024"],
        ["frobnicate"],
    ],
)
def test_every_error_is_one_line_with_exit_2(cli, workspace, argv):
    args = [arg.format(**workspace) for arg in argv]
    assert_one_line_error(*cli(*args))


def test_check_of_a_newer_version_file_says_to_upgrade(cli, workspace):
    path = workspace["one"]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = sha256(path)
    assert "更新版本" in assert_one_line_error(*cli("check", path))
    assert sha256(path) == before


def test_check_of_a_file_with_a_smashed_page_is_one_line(cli, workspace):
    path = workspace["one"]
    data = bytearray(path.read_bytes())
    data[4096 + 8 : 4096 + 200] = b"\xab" * 192  # page 2's cell pointers
    path.write_bytes(bytes(data))
    assert_one_line_error(*cli("check", path))


def test_no_arguments_opens_the_window_and_a_file_opens_in_it(cli, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr("desktop.cli._window", lambda path: opened.append(path) or 0)
    report = tmp_path / "报告.sqlite"
    report.write_bytes(b"")
    assert cli()[0] == 0
    assert cli(report)[0] == 0
    assert opened == [None, str(report)]


def test_help_lists_the_commands(cli):
    code, out, err = cli("--help")
    assert code == 0 and err == ""
    assert out.startswith("usage: nianbao") and "import" in out and "check" in out


# -- entry points ----------------------------------------------------------------------------


def test_module_and_console_script_entry_points_exist():
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("usage: nianbao")
    scripts = entry_points(group="console_scripts", name="nianbao")
    assert [ep.value for ep in scripts] == ["desktop.__main__:main"]
    script = Path(sys.executable).parent / ("nianbao.exe" if sys.platform == "win32" else "nianbao")
    assert script.is_file()


def test_export_pdf_final_draft_and_refusal(cli, samples, tmp_path):
    report = tmp_path / "r.sqlite"
    assert (
        run(
            ["import", str(samples / "published" / "2020-guangzhou-tianhe.json"), "-o", str(report)]
        )
        == 0
    )
    out = tmp_path / "r.pdf"
    code, _, err = cli("export", report, "--to", "pdf", "-o", out)
    assert code == 0 and err == "" and out.read_bytes().startswith(b"%PDF")
    bad = tmp_path / "bad.sqlite"
    assert (
        run(["import", str(samples / "published" / "2020-pingtan-zhsyq.json"), "-o", str(bad)]) == 0
    )
    refused = tmp_path / "refused.pdf"
    code, _, err = cli("export", bad, "--to", "pdf", "-o", refused)
    assert code == 2 and "不能生成正式PDF" in err and len(err.strip().splitlines()) == 1
    assert not refused.exists()
    code, _, err = cli("export", bad, "--to", "pdf", "-o", refused, "--draft", "--no-signoff")
    assert code == 0 and "草稿" in err and refused.read_bytes().startswith(b"%PDF")
