"""The `nianbao` command line, run in-process through desktop.cli.run (one subprocess
test checks the entry points). Exit codes: 0 done, 1 check found errors, 2 bad input."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import shlex
import shutil
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
    findings = [f for f in result["findings"] if f["severity"] == "error"]
    assert {f["rule"] for f in findings} == {"T3-1", "T3-2"}
    assert result["errors"] == len(findings) == 4
    assert {f["rule"] for f in result["findings"]} - {"T3-1", "T3-2"} == {"E-2"}  # no texts
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


# -- explain ---------------------------------------------------------------------------------

REASON = "2024年机构改革，原有申请移交新设机构办理"


@pytest.fixture
def two_years(report_path) -> Path:
    """2023 carried 2 natural-person applications over; 2024 says it received none (Y-1)."""
    from desktop.core.forms import load_form
    from desktop.core.report import Report

    with ReportFile.create(report_path) as file:
        last = Report("某区人民政府", 2023, load_form("2021"))
        last.set_value("s3.carried_out.natural", 2)
        file.add_report(last)
        this = Report("某区人民政府", 2024, load_form("2021"))
        for cell, value in (("s3.new.natural", 10), ("s3.carried_in.natural", 0)):
            this.set_value(cell, value)
        this.set_value("s3.granted.natural", 10)
        file.add_report(this)
    return report_path


def explanations_in(path: Path) -> dict[str, str]:
    with ReportFile.open(path, readonly=True) as file:
        return file.explanations(file.find(year=2024).id)


def check_json(cli, path: Path) -> tuple[int, dict]:
    code, out, _ = cli("check", path, "--year", 2024, "--json")
    [report] = json.loads(out)["reports"]
    return code, {f["key"]: f for f in report["findings"]}


def test_explain_records_removes_and_check_shows_it(cli, two_years):
    code, found = check_json(cli, two_years)
    assert code == 1 and found["Y-1:natural"]["explainable"] is True
    code, out, err = cli("explain", two_years, "Y-1:natural", REASON, "--year", 2024)
    assert (code, err) == (0, "")
    assert "已记录说明" in out and "上年结转0件" in out and "错误 1 处" in out
    assert explanations_in(two_years) == {"Y-1:natural": REASON}
    code, found = check_json(cli, two_years)
    assert code == 1 and found["Y-1:natural"]["explanation"] == REASON
    assert "explanation" not in found["Y-1:total"]
    assert cli("explain", two_years, "Y-1:total", "同上", "--year", 2024)[0] == 0
    assert check_json(cli, two_years)[0] == 0  # every error is explained
    out = cli("check", two_years, "--year", 2024)[1]
    assert f"（已说明：{REASON}）" in out and "错误 0 处" in out
    code, out, _ = cli("explain", two_years, "Y-1:total", "", "--year", 2024)
    assert code == 0 and "已删除说明" in out
    assert explanations_in(two_years) == {"Y-1:natural": REASON}
    assert check_json(cli, two_years)[0] == 1


def test_explain_refuses_hard_errors_and_unknown_keys_in_one_line(cli, two_years):
    before = sha256(two_years)
    line = assert_one_line_error(
        *cli("explain", two_years, "T3-1:natural", "口径调整", "--year", 2024)
    )
    assert "此项为硬性错误，须改正数据，不能以说明代替" in line
    line = assert_one_line_error(*cli("explain", two_years, "Z-9", "x", "--year", 2024))
    assert "没有编号为“Z-9”的检查" in line
    line = assert_one_line_error(*cli("explain", two_years, "Y-1", REASON, "--year", 2024))
    assert "Y-1:natural" in line
    line = assert_one_line_error(*cli("explain", two_years, "Y-1:natural", REASON))
    assert "多份报告" in line
    assert sha256(two_years) == before


def test_explained_y1_allows_the_final_pdf_and_prints_on_the_signoff(cli, two_years, tmp_path):
    target = tmp_path / "报告.pdf"
    code, _, err = cli("export", two_years, "--year", 2024, "--to", "pdf", "-o", target)
    assert code == 2 and "不能生成正式PDF" in err and not target.exists()
    for key in ("Y-1:natural", "Y-1:total"):
        assert cli("explain", two_years, key, REASON, "--year", 2024)[0] == 0
    code, _, err = cli("export", two_years, "--year", 2024, "--to", "pdf", "-o", target)
    assert (code, err) == (0, "")
    sheet = tmp_path / "报告-签批单.pdf"  # a document of its own, beside the report
    text = subprocess.run(
        ["pdftotext", "-layout", str(sheet), "-"], capture_output=True, text=True, check=True
    ).stdout
    compact = "".join(text.split())  # table cells wrap lines anywhere
    assert "签批单" in compact and "草稿" not in compact
    assert re.search(r"错误2处（其中2处已填写说明），提示\d+处", compact)
    assert compact.count(f"说明：{REASON}") == 2


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


# -- safe input and output -------------------------------------------------------------------

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX FIFOs, devices and shells")
OUTSIDE_GBK = "䢺川𠀀区人民政府"  # U+48BA (CJK Ext. A) and U+20000 (Ext. B) are not in GBK


def nianbao(*argv, env: dict | None = None, timeout: float = 120, **options):
    """The command in its own process (bytes in, bytes out), as a script would run it."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", *(str(arg) for arg in argv)],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        check=False,
        **options,
    )


def _limit_memory() -> None:  # a broken import reading /dev/zero must not take the machine
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))


def test_powershell_utf16_json_imports_like_utf8(cli, samples, tmp_path):
    text = published(samples, PINGTAN_2020).read_text(encoding="utf-8")
    utf8, utf16 = tmp_path / "utf8.json", tmp_path / "utf16.json"
    utf8.write_bytes(text.encode("utf-8"))
    utf16.write_bytes(codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le"))
    exports = []
    for source in (utf8, utf16):
        target = tmp_path / f"{source.stem}.sqlite"
        assert cli("import", source, "-o", target)[0] == 0
        code, out, _ = cli("export", target, "--to", "json", "-o", "-")
        assert code == 0
        exports.append(out)
    assert exports[0] == exports[1]
    assert json.loads(exports[1])["cells"] == json.loads(text)["cells"]


@pytest.mark.parametrize("key", ["year", "s3.new.natural"])
def test_import_refuses_a_key_given_twice(cli, samples, tmp_path, report_path, key):
    text = published(samples, TIANHE).read_text(encoding="utf-8")
    source = tmp_path / "twice.json"
    source.write_text(text.replace(f'"{key}":', f'"{key}": 1, "{key}":', 1), encoding="utf-8")
    line = assert_one_line_error(*cli("import", source, "-o", report_path))
    assert f"键“{key}”出现了两次" in line
    assert not report_path.exists()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"unit": "广州市天河区', r'"unit": "\ud800广州市天河区'),
        ('"texts": {}', r'"texts": {"s1": "正文\udc00"}'),
        ('"cells": {', r'"texts": {"s1": "\udc00"}, "cells": {'),  # and "texts" twice
        ('"cells": {', r'"cells": {"\ud800": 1, '),
    ],
    ids=["unit", "text", "text-given-twice", "key"],
)
def test_import_refuses_lone_surrogates(cli, samples, tmp_path, report_path, old, new):
    text = published(samples, TIANHE).read_text(encoding="utf-8")
    assert text.count(old) == 1
    source = tmp_path / "surrogate.json"
    source.write_text(text.replace(old, new), encoding="utf-8")
    line = assert_one_line_error(*cli("import", source, "-o", report_path))
    assert "不成对的代理字符" in line and line.isprintable()
    assert not report_path.exists()


@pytest.mark.parametrize("char", ["\u202e", "\u2067", "\u200b", "\ufeff"])
def test_new_and_import_refuse_invisible_characters_in_the_unit(
    cli, sample_json, tmp_path, report_path, char
):
    line = assert_one_line_error(*cli("new", report_path, "--unit", f"某区{char}", "--year", 2024))
    assert line.startswith("错误：单位名称的第3个字符") and f"U+{ord(char):04X}" in line
    data = sample_json(TIANHE)
    data["unit"] = f"广州市{char}天河区人民政府"
    line = assert_one_line_error(
        *cli("import", write_json(tmp_path / "u.json", data), "-o", report_path)
    )
    assert f"U+{ord(char):04X}" in line
    assert not report_path.exists()


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_import_of_a_fifo_or_a_device_is_refused_at_once(tmp_path, kind):
    if kind == "fifo":
        source = tmp_path / "pipe.json"
        os.mkfifo(source)
    else:
        source = Path("/dev/zero")
    target = tmp_path / "out.sqlite"
    done = nianbao("import", source, "-o", target, timeout=60, preexec_fn=_limit_memory)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and len(err.splitlines()) == 1, err
    assert f"{source} 不是普通文件" in err
    assert not target.exists()


@pytest.fixture
def outside_gbk(cli, sample_json, tmp_path) -> tuple[Path, Path]:
    """A report file (and its source) whose unit has characters a GBK console lacks."""
    with pytest.raises(UnicodeEncodeError):
        OUTSIDE_GBK.encode("cp936")
    data = sample_json(PINGTAN_2020)
    data["unit"] = OUTSIDE_GBK
    source = write_json(tmp_path / "gbk.json", data)
    path = tmp_path / "gbk.sqlite"
    assert cli("import", source, "-o", path)[0] == 0
    return path, source


CP936 = {"PYTHONIOENCODING": "cp936", "PYTHONUTF8": "0"}


@pytest.mark.parametrize(
    ("argv", "unit_of"),
    [
        (["check", "{file}", "--json"], lambda out: json.loads(out)["reports"][0]["unit"]),
        (["export", "{file}", "--to", "json", "-o", "-"], lambda out: json.loads(out)["unit"]),
        (["import", "{source}", "-o", "{other}", "--json"], lambda out: json.loads(out)["unit"]),
        (["check", "{file}"], lambda out: out.split(" ", 1)[0]),
        (["show", "{file}"], lambda out: out.splitlines()[1].split()[0]),
    ],
    ids=["check-json", "export-json", "import-json", "check-text", "show-text"],
)
def test_output_is_utf8_under_a_chinese_windows_code_page(outside_gbk, tmp_path, argv, unit_of):
    path, source = outside_gbk
    names = {"file": path, "source": source, "other": tmp_path / "other.sqlite"}
    done = nianbao(*(arg.format(**names) for arg in argv), env=CP936)
    assert done.stderr == b""
    out = done.stdout.decode("utf-8")  # strict: GBK bytes or "?" would not give the unit
    assert unit_of(out) == OUTSIDE_GBK


@pytest.fixture
def many_reports(cli, samples, tmp_path) -> Path:
    """A file whose `check --json` output is far more than a pipe holds (64 KB on Linux):
    50 reports with figures that break ten checks each."""
    data = json.loads(published(samples, "2024-huaian-szf").read_text(encoding="utf-8"))
    data["cells"] = {cell: (sum(map(ord, cell)) * 7) % 51 for cell in data["cells"]}
    path = tmp_path / "many.sqlite"
    for number in range(50):
        data["unit"] = f"第{number:02d}号测试单位"
        assert cli("import", write_json(tmp_path / "one.json", data), "-o", path)[0] == 0
    return path


@posix_only
@pytest.mark.skipif(shutil.which("head") is None, reason="needs head")
def test_check_piped_into_head_ends_quietly(cli, many_reports):
    code, out, _ = cli("check", many_reports, "--json")
    assert code == 1 and len(out.encode("utf-8")) > 200_000  # head leaves long before the end
    command = f"{shlex.quote(sys.executable)} -m desktop check {shlex.quote(str(many_reports))}"
    done = subprocess.run(
        command + " --json | head -1", shell=True, capture_output=True, timeout=120, check=False
    )
    assert done.returncode == 0 and done.stdout == b"{\n"
    assert done.stderr == b"", done.stderr.decode("utf-8", "replace")


def test_check_into_a_pipe_closed_before_it_writes_ends_quietly(samples, tmp_path):
    path = tmp_path / "one.sqlite"
    assert run(["import", str(published(samples, PINGTAN_2020)), "-o", str(path)]) == 0
    for options in ([], ["--json"]):
        process = subprocess.Popen(
            [sys.executable, "-m", "desktop", "check", str(path), *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        process.stdout.close()  # the reader is gone long before the interpreter has started
        process.wait(timeout=120)
        err = process.stderr.read()
        process.stderr.close()
        assert err == b"", err.decode("utf-8", "replace")


HEAVY = ("reportlab", "openpyxl", "pypdfium2", "sqlite_utils", "PIL", "PySide6")


def test_check_and_show_load_no_heavy_library(samples, report_path):
    """Start-up is a feature: checking a file needs none of the PDF, Excel or Qt code."""
    assert run(["import", str(published(samples, TIANHE)), "-o", str(report_path)]) == 0
    code = (
        "import sys\n"
        "from desktop.cli import run\n"
        f"run(['check', {str(report_path)!r}]); run(['show', {str(report_path)!r}])\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_a_declaration_travels_through_json_and_shows(cli, tmp_path, sample_json, report_path):
    data = sample_json(TIANHE)
    data["declarations"] = {"no_applications": "本年度未收到政府信息公开申请"}
    source = write_json(tmp_path / "声明.json", data)
    assert cli("import", source, "-o", report_path)[0] == 0
    assert "  声明：本年度未收到政府信息公开申请" in cli("show", report_path)[1].splitlines()
    exported = tmp_path / "导出.json"
    cli("export", report_path, "--to", "json", "-o", exported)
    assert json.loads(exported.read_text("utf-8"))["declarations"] == data["declarations"]
    data["declarations"] = {"no applications!": "x"}
    code, _, err = cli(
        "import", write_json(tmp_path / "坏.json", data), "-o", tmp_path / "坏.sqlite"
    )
    assert code == 2 and "声明编号" in err
