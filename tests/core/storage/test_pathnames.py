"""The name given to SQLite and the OS: mapped drives, UNC paths, Chinese names, spaces
and long paths. The Windows cases are the string logic, run here with Windows rules."""

from __future__ import annotations

import os
import sys

import pytest

from desktop.core.storage import ReportFile
from desktop.core.storage.pathnames import WINDOWS_MAX_PATH, native

LONG = "\\".join(["很长的文件夹名称" * 4] * 8)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (r"Z:\年报\某局 2024.sqlite", r"Z:\年报\某局 2024.sqlite"),  # a mapped drive stays
        (r"\\server\share\年报\报告.sqlite", r"\\server\share\年报\报告.sqlite"),
        (r"E:\U盘\..\报告.sqlite", r"E:\报告.sqlite"),
        (r"\\?\C:\already\prefixed.sqlite", r"\\?\C:\already\prefixed.sqlite"),
        (f"C:\\{LONG}\\报告.sqlite", f"\\\\?\\C:\\{LONG}\\报告.sqlite"),
        (
            f"\\\\server\\share\\{LONG}\\报告.sqlite",
            f"\\\\?\\UNC\\server\\share\\{LONG}\\报告.sqlite",
        ),
    ],
    ids=["mapped drive", "unc", "dots", "prefixed", "long", "long unc"],
)
def test_windows_names(given, expected):
    assert native(given, windows=True) == expected


def test_a_path_just_short_enough_for_its_journal_gets_no_prefix():
    name = "C:\\" + "a" * (WINDOWS_MAX_PATH - len("C:\\") - len("-journal") - 1)
    assert native(name, windows=True) == name
    assert native(name + "b", windows=True).startswith("\\\\?\\")


def test_posix_names_are_absolute_and_not_resolved(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert native("报告.sqlite", windows=False) == str(tmp_path / "报告.sqlite")
    if sys.platform != "win32":
        (tmp_path / "真实").mkdir()
        os.symlink(tmp_path / "真实", tmp_path / "快捷方式")
        assert native("快捷方式/报告.sqlite", windows=False) == str(
            tmp_path / "快捷方式/报告.sqlite"
        )


def test_chinese_names_spaces_and_deep_folders_open(tmp_path):
    from desktop.core.forms import load_form
    from desktop.core.report import Report

    folder = tmp_path.joinpath(*["政务 公开（2024）"] * 6)
    folder.mkdir(parents=True)
    path = folder / "某某区 人民政府 2024年度报告.sqlite"
    ReportFile.create(path, (Report("某某区人民政府", 2024, load_form("2021")), {})).close()
    with ReportFile.open(path) as file:
        file.set_cell(file.find().id, "s3.new.natural", 2)
    with ReportFile.open(path, readonly=True) as file:
        assert file.load(file.find().id).values == {"s3.new.natural": 2}
