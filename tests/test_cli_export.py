"""`nianbao export --to pdf`: the 签批单 separate by default (the report can be published
as it is), appended or left out on request; and a target open in another program (Windows
refuses to replace it) named as the likely cause, with nothing left behind."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from desktop.cli import run

PEOPLE = {"preparer": "张三", "reviewer": "李四", "phone": "020-38621234"}


@pytest.fixture
def signed(cli, tmp_path, sample_json) -> Path:
    """天河 2020 (balanced) with who filled and reviewed it and a phone number."""
    data = {**sample_json("2020-guangzhou-tianhe"), "meta": PEOPLE}
    source = tmp_path / "天河.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = tmp_path / "天河.sqlite"
    assert cli("import", source, "-o", report)[0] == 0
    return report


def text(path: Path) -> str:
    document = pdfium.PdfDocument(path)
    return "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def personal(words: str) -> list[str]:
    return [w for w in (*PEOPLE.values(), "签批单") if w in words]


def one_line_error(code: int, err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1 and lines[0].startswith("错误："), err
    return lines[0]


def test_by_default_the_sheet_is_a_file_of_its_own(cli, signed, tmp_path):
    out = tmp_path / "报告.pdf"
    code, stdout, err = cli("export", signed, "--to", "pdf", "-o", out)
    assert (code, err) == (0, "")
    assert personal(text(out)) == []  # the report can be published as it is
    sheet = tmp_path / "报告-签批单.pdf"
    assert personal(text(sheet)) == [*PEOPLE.values(), "签批单"]
    assert str(sheet) in stdout and "不随报告公开" in stdout
    assert "签批单第1页共1页" in "".join(text(sheet).split())


def test_the_sheet_appended_or_left_out_on_request(cli, signed, tmp_path):
    appended = tmp_path / "附.pdf"
    assert cli("export", signed, "--to", "pdf", "-o", appended, "--signoff", "append")[0] == 0
    document = pdfium.PdfDocument(appended)
    last = document[len(document) - 1].get_textpage().get_text_range()
    assert "签批单" in last and "张三" in last and len(document) % 2 == 1  # a front side
    for argv in (["--signoff", "none"], ["--no-signoff"]):
        out = tmp_path / "无.pdf"
        assert cli("export", signed, "--to", "pdf", "-o", out, *argv)[0] == 0
        assert personal(text(out)) == []
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["无.pdf", "附.pdf"]


def test_the_sheet_where_asked_and_the_report_to_stdout(signed, tmp_path, monkeypatch):
    sheet = tmp_path / "内部" / "签批.pdf"
    sheet.parent.mkdir()
    stdout, stderr = io.BytesIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(stdout, encoding="utf-8"))
    monkeypatch.setattr(sys, "stderr", stderr)
    argv = ["export", str(signed), "--to", "pdf", "-o", "-", "--signoff-output", str(sheet)]
    assert run(argv) == 0
    pdf = stdout.getvalue()
    assert pdf.startswith(b"%PDF") and personal(text(pdf)) == []
    assert "签批单" in text(sheet) and str(sheet) in stderr.getvalue()


@pytest.mark.parametrize(
    "argv, words",
    [
        (["-o", "-"], "--signoff-output"),
        (["-o", "{dir}/r.pdf", "--no-signoff", "--signoff", "append"], "矛盾"),
        (["-o", "{dir}/r.pdf", "--signoff", "none", "--signoff-output", "{dir}/s.pdf"], "只用于"),
        (["-o", "{dir}/r.pdf", "--signoff-output", "{dir}/r.pdf"], "同一个文件"),
        (["-o", "{dir}/r.pdf", "--signoff", "both"], "invalid choice"),
    ],
)
def test_sign_off_choices_that_cannot_be_done_are_one_line(cli, signed, tmp_path, argv, words):
    args = [arg.format(dir=tmp_path) for arg in argv]
    code, out, err = cli("export", signed, "--to", "pdf", *args)
    assert words in one_line_error(code, err) and out == ""
    assert list(tmp_path.glob("*.pdf")) == []


def refuse_replace(monkeypatch) -> None:
    """What Windows does when WPS or Acrobat has the target open."""

    def refuse(source, destination):
        raise PermissionError(13, "Permission denied", str(destination))

    monkeypatch.setattr(os, "replace", refuse)


@pytest.mark.parametrize("kind", ["pdf", "json"])
def test_a_target_open_in_another_program_is_named_and_nothing_is_left(
    cli, signed, tmp_path, monkeypatch, kind
):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"报告.{kind}"
    target.write_bytes(b"old")
    refuse_replace(monkeypatch)
    code, out, err = cli("export", signed, "--to", kind, "-o", target)
    line = one_line_error(code, err)
    assert str(target) in line and "WPS" in line and "Acrobat" in line
    assert "关闭该文件" in line and "换一个文件名" in line and "Traceback" not in err
    assert target.read_bytes() == b"old" and out == ""
    assert sorted(p.name for p in folder.iterdir()) == [target.name]  # no temporary file


def test_a_folder_without_permission_is_not_called_an_open_file(cli, signed, tmp_path, monkeypatch):
    refuse_replace(monkeypatch)
    target = tmp_path / "新.pdf"
    line = one_line_error(*cli("export", signed, "--to", "pdf", "-o", target)[::2])
    assert "权限" in line and "WPS" not in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["天河.json", "天河.sqlite"]


def test_a_sheet_that_cannot_replace_its_file_leaves_the_old_one(
    cli, signed, tmp_path, monkeypatch
):
    report, sheet = tmp_path / "报告.pdf", tmp_path / "报告-签批单.pdf"
    sheet.write_bytes(b"old sheet")
    real = os.replace

    def refuse_sheet(source, destination):
        if Path(destination) == sheet:
            raise PermissionError(13, "Permission denied", str(destination))
        real(source, destination)

    monkeypatch.setattr(os, "replace", refuse_sheet)
    line = one_line_error(*cli("export", signed, "--to", "pdf", "-o", report)[::2])
    assert str(sheet) in line and "WPS" in line and f"{report} 已写入" in line
    assert sheet.read_bytes() == b"old sheet"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_the_export_says_which_font_printed_each_role(cli, signed, tmp_path):
    code, stdout, _ = cli("export", signed, "--to", "pdf", "-o", tmp_path / "报告.pdf")
    [line] = [line for line in stdout.splitlines() if line.startswith("字体：")]
    assert code == 0 and "正文：" in line and "标题：" in line
