"""Official fonts found by family name (Windows font folders and registry, fontconfig),
every candidate tried before the shipped font, the font of each role reported, and rare
characters taken first from a font of the same class (宋/仿宋/楷 before 黑)."""

import shutil
import sys
import types
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from desktop import paths
from desktop.core.pdf import PdfOptions, fontfiles, render
from desktop.core.pdf import fonts as pdf_fonts
from desktop.core.pdf.fontfiles import InstalledFace
from tests.core.pdf import fakefonts
from tests.core.pdf.conftest import sample

SHIPPED = paths.resource("fonts")
WQY = paths.resource("fonts", pdf_fonts.FALLBACK)


def faces(*entries) -> tuple[InstalledFace, ...]:
    return tuple(InstalledFace(Path(path), 0, tuple(families)) for path, families in entries)


def installed(monkeypatch, *entries) -> None:
    monkeypatch.setattr(pdf_fonts, "installed", lambda: faces(*entries))


# --- the shipped fonts --------------------------------------------------------------


def test_shipped_fonts_cover_every_role_and_rare_names_fall_back(fonts):
    assert set(fonts.roles) == {"title", "body", "heading1", "heading2", "song"}
    assert fonts.sources[fonts.roles["body"]].name == "FandolFang-Regular.ttf"
    assert fonts.font_for("body", "仿") == fonts.roles["body"]
    for char in "堃昇喆赟玥珺〇":
        assert fonts.font_for("body", char) is not None, char
    assert fonts.markup("张堃<b>", "body") == '张<font face="nb-fallback">堃</font>&lt;b&gt;'
    assert fonts.missing("正常文字𠀀") == {"𠀀"}


def test_shipped_fonts_are_described_as_shipped():
    lines = pdf_fonts.load_fonts(official=False).describe()
    assert lines[:2] == ["标题：FandolSong（软件自带）", "正文：FandolFang（软件自带）"]
    assert [line.split("：")[0] for line in lines[:5]] == [
        "标题", "正文", "一级标题", "二级标题", "表格和页码",
    ]  # fmt: skip


# --- rare characters: the same class first -------------------------------------------


def test_a_character_the_body_font_lacks_comes_from_a_song_font_not_from_hei(monkeypatch, tmp_path):
    """訁 is in FandolSong but not in FandolFang (the body) nor FandolKai; an installed 黑体
    (WenQuanYi standing in) has it too. The 仿宋 body takes it from 宋体, not from 黑体."""
    hei = shutil.copy(WQY, tmp_path / "hei.ttc")
    kai = SHIPPED / "FandolKai-Regular.ttf"
    installed(monkeypatch, (kai, ["方正小标宋简体"]), (hei, ["黑体", "SimHei"]))
    fonts = pdf_fonts.load_fonts()
    assert fonts.sources[fonts.roles["heading1"]] == Path(hei)
    assert fonts.sources[fonts.roles["title"]] == kai
    for role in ("body", "title", "heading2", "song"):
        assert fonts.font_for(role, "訁") == fonts.roles["song"], role
    assert fonts.font_for("heading1", "訁") == fonts.roles["heading1"]  # 黑体 has it


def test_an_installed_song_font_with_rare_characters_comes_before_the_sans_fallback(
    monkeypatch, tmp_path
):
    """堃 is in none of the Fandol fonts. An installed SimSun-ExtB-like 宋体 font that has
    it prints it in the body before WenQuanYi Micro Hei (黑体 class) would."""
    extra = fakefonts.make(
        tmp_path / "extb.ttf", "SimSun-ExtB", source=pdf_fonts.FALLBACK, chars="堃"
    )
    installed(monkeypatch, (extra, ["SimSun-ExtB"]))
    fonts = pdf_fonts.load_fonts()
    name = fonts.font_for("body", "堃")
    assert fonts.sources[name] == extra
    assert fonts.font_for("heading1", "堃") == "nb-fallback"  # 黑体: its own class first
    fonts.markup("张堃", "body")
    assert fonts.describe()[-1] == f"补字：SimSun-ExtB（{extra}），用于“堃”"


def test_fallback_fonts_are_read_only_when_a_character_needs_them(monkeypatch, tmp_path):
    extra = fakefonts.make(
        tmp_path / "extb.ttf", "SimSun-ExtB", source=pdf_fonts.FALLBACK, chars="堃"
    )
    installed(monkeypatch, (extra, ["SimSun-ExtB"]))
    fonts = pdf_fonts.load_fonts()
    assert extra not in fonts.sources.values()
    fonts.font_for("body", "文")
    assert extra not in fonts.sources.values()
    fonts.font_for("body", "堃")
    assert extra in fonts.sources.values()


# --- official fonts by family name ------------------------------------------------------


@pytest.fixture(scope="module")
def office_fonts(tmp_path_factory):
    """Fonts as an office PC might have them, under file names that say nothing."""
    root = tmp_path_factory.mktemp("pc")
    made = types.SimpleNamespace(root=root)
    made.windir = root / "Windows"
    made.local = root / "Users" / "x" / "AppData" / "Local"
    system, user = made.windir / "Fonts", made.local / "Microsoft" / "Windows" / "Fonts"
    text = "仿宋黑体楷标题正文"
    made.fang = fakefonts.make(user / "a1.ttf", "仿宋_GB2312", "FangSong_GB2312", "FandolFang-Regular.ttf", text)  # fmt: skip
    made.hei = fakefonts.make(
        system / "font07.ttf", "黑体", "SimHei", "FandolHei-Regular.ttf", text
    )
    made.kai = fakefonts.make(root / "elsewhere" / "k.ttf", "楷体", "KaiTi", "FandolKai-Regular.ttf", text)  # fmt: skip
    # Named like SimSun's file but another family: not taken for 宋体.
    made.not_song = fakefonts.make(system / "simsun.ttc", "某某圆体", "SomeRound", chars=text)
    # 方正小标宋简体 that reportlab cannot use (no outlines), then 华文中宋 that it can.
    made.broken_title = fakefonts.make(system / "fzxbs.ttf", "方正小标宋简体", "FZXiaoBiaoSong-B05S", chars=text)  # fmt: skip
    _drop_outlines(made.broken_title)
    made.zhongsong = fakefonts.make(system / "stzhongs.ttf", "华文中宋", "STZhongsong", chars=text)
    (system / "readme.txt").write_text("not a font")
    made.registry = [
        ("黑体 & SimHei (TrueType)", "font07.ttf"),  # HKLM: relative to the system folder
        ("楷体 (TrueType)", str(made.kai)),  # HKCU: per-user install, a full path
        ("Gone (TrueType)", "gone.ttf"),  # an entry whose file was deleted
    ]
    return made


def _drop_outlines(path: Path) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    del font["glyf"], font["loca"]
    font.save(path)


def test_windows_fonts_are_found_by_family_in_folders_and_registry(monkeypatch, office_fonts):
    found = fontfiles.windows_faces(
        [office_fonts.windir / "Fonts", office_fonts.local / "Microsoft" / "Windows" / "Fonts"],
        office_fonts.registry,
    )
    families = {face.path: set(face.families) for face in found}
    assert families[office_fonts.fang] == {"仿宋_GB2312", "FangSong_GB2312"}  # per-user folder
    assert families[office_fonts.hei] == {"黑体", "SimHei"}
    assert families[office_fonts.kai] == {"楷体", "KaiTi"}  # only in the registry
    assert families[office_fonts.not_song] == {"某某圆体", "SomeRound"}


def test_on_windows_every_role_takes_its_font_by_family(monkeypatch, office_fonts):
    monkeypatch.setattr(pdf_fonts.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(office_fonts.windir))
    monkeypatch.setenv("LOCALAPPDATA", str(office_fonts.local))
    monkeypatch.setattr(pdf_fonts, "registry_fonts", lambda: office_fonts.registry)
    pdf_fonts.installed.cache_clear()
    try:
        official = pdf_fonts.find_official()
        fonts = pdf_fonts.load_fonts()
    finally:
        pdf_fonts.installed.cache_clear()
    assert official["body"] == [(office_fonts.fang, 0)]
    assert official["title"] == [(office_fonts.broken_title, 0), (office_fonts.zhongsong, 0)]
    assert "song" not in official  # simsun.ttc by name, but not 宋体 by family
    source = {role: fonts.sources[fonts.roles[role]] for role in fonts.roles}
    assert source == {
        "title": office_fonts.zhongsong,  # the unusable first candidate was passed over
        "body": office_fonts.fang,
        "heading1": office_fonts.hei,
        "heading2": office_fonts.kai,
        "song": SHIPPED / "FandolSong-Regular.ttf",
    }
    described = fonts.describe()
    assert described[:4] == [
        f"标题：华文中宋（{office_fonts.zhongsong}）",
        f"正文：仿宋_GB2312（{office_fonts.fang}）",
        f"一级标题：黑体（{office_fonts.hei}）",
        f"二级标题：楷体（{office_fonts.kai}）",
    ]
    assert described[4] == "表格和页码：FandolSong（软件自带；本机未装宋体、华文宋体）"


def test_the_registry_is_read_from_hklm_and_hkcu(monkeypatch):
    values = {
        "HKLM": [("宋体 & 新宋体 (TrueType)", "simsun.ttc", 1)],
        "HKCU": [("方正小标宋简体 (TrueType)", r"C:\Users\x\AppData\Local\Microsoft\Windows\Fonts\FZXBSJW.TTF", 1)],
    }  # fmt: skip

    class Key:
        def __init__(self, hive):
            self.hive = hive

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def open_key(hive, path):
        assert path == r"Software\Microsoft\Windows NT\CurrentVersion\Fonts"
        return Key(hive)

    winreg = types.SimpleNamespace(
        HKEY_LOCAL_MACHINE="HKLM",
        HKEY_CURRENT_USER="HKCU",
        OpenKey=open_key,
        QueryInfoKey=lambda key: (0, len(values[key.hive]), 0),
        EnumValue=lambda key, i: values[key.hive][i],
    )
    monkeypatch.setitem(sys.modules, "winreg", winreg)
    assert pdf_fonts.registry_fonts() == [
        ("宋体 & 新宋体 (TrueType)", "simsun.ttc"),
        ("方正小标宋简体 (TrueType)", r"C:\Users\x\AppData\Local\Microsoft\Windows\Fonts\FZXBSJW.TTF"),
    ]  # fmt: skip


def test_fontconfig_families_are_matched_loosely(monkeypatch):
    fang = SHIPPED / "FandolKai-Regular.ttf"  # stands in for an installed 仿宋
    installed(monkeypatch, (fang, ["Fang Song", "仿宋"]))
    assert pdf_fonts.find_official() == {"body": [(fang, 0)]}  # FangSong = "Fang Song"
    chosen = pdf_fonts.load_fonts()
    assert chosen.sources[chosen.roles["body"]] == fang


def test_an_unusable_official_font_falls_back_to_the_shipped_one(monkeypatch, tmp_path):
    broken = tmp_path / "simfang.ttf"
    broken.write_bytes(b"OTTO not really a font")
    installed(monkeypatch, (broken, ["仿宋"]))
    chosen = pdf_fonts.load_fonts()
    assert chosen.sources[chosen.roles["body"]].name == "FandolFang-Regular.ttf"
    assert (
        chosen.describe()[1] == "正文：FandolFang（软件自带；本机未装仿宋_GB2312、仿宋、华文仿宋）"
    )


def test_family_names_are_read_in_every_language():
    assert set(fontfiles.family_names(WQY)) >= {"WenQuanYi Micro Hei", "文泉驿微米黑"}
    assert fontfiles.display_name(WQY) == "文泉驿微米黑"
    assert fontfiles.display_name(WQY, 1) == "文泉驿等宽微米黑"
    assert fontfiles.family_names(SHIPPED / "LICENSE-fandol.txt") == ()


def test_two_files_with_one_postscript_name_each_print_their_own_glyphs(tmp_path):
    """reportlab maps a second font with the same PostScript name to the first one."""
    a = fakefonts.make(tmp_path / "a.ttf", "宋体", chars="文")
    b = fakefonts.make(tmp_path / "b.ttf", "宋体", chars="文字", raise_dash=100)
    fonts = pdf_fonts.FontSet()
    names = fonts.register("nb-test-ps", a), fonts.register("nb-test-ps", b)
    assert [pdfmetrics.getFont(n).face.filename for n in names] == [str(a), str(b)]


def test_the_pdf_is_printed_in_the_fonts_described(monkeypatch, office_fonts, tmp_path):
    installed(
        monkeypatch,
        (office_fonts.fang, ["仿宋_GB2312"]),
        (office_fonts.hei, ["黑体"]),
    )
    fonts = pdf_fonts.load_fonts()
    pdf = render(sample("tianhe"), [], PdfOptions(), fonts)
    assert pdf.startswith(b"%PDF")
    assert fonts.describe()[1] == f"正文：仿宋_GB2312（{office_fonts.fang}）"
    assert any(line.startswith("补字：") for line in fonts.describe())  # the subset lacks most
