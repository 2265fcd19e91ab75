"""Official fonts when installed, shipped ones otherwise, per-character fallback."""

from desktop import paths
from desktop.core.pdf import fonts as pdf_fonts


def test_shipped_fonts_cover_every_role_and_rare_names_fall_back(fonts):
    assert set(fonts.roles) == {"title", "body", "heading1", "heading2", "song"}
    assert fonts.sources[fonts.roles["body"]].name == "FandolFang-Regular.ttf"
    assert fonts.font_for("body", "仿") == fonts.roles["body"]
    for char in "堃昇喆赟玥珺〇":
        assert fonts.font_for("body", char) is not None, char
    assert fonts.markup("张堃<b>", "body") == '张<font face="nb-fallback">堃</font>&lt;b&gt;'
    assert fonts.missing("正常文字𠀀") == {"𠀀"}


def test_installed_official_fonts_are_preferred(monkeypatch):
    fang = paths.resource("fonts", "FandolKai-Regular.ttf")  # stands in for an installed 仿宋
    monkeypatch.setattr(pdf_fonts, "_fontconfig_families", lambda: {"FangSong": (fang, 0)})
    monkeypatch.setattr(pdf_fonts, "_font_files", lambda: {})
    assert pdf_fonts.find_official() == {"body": (fang, 0)}
    chosen = pdf_fonts.load_fonts()
    assert chosen.sources[chosen.roles["body"]] == fang


def test_windows_font_files_are_found_by_name(monkeypatch):
    hei = paths.resource("fonts", "FandolHei-Regular.ttf")
    monkeypatch.setattr(pdf_fonts, "_font_files", lambda: {"simhei.ttf": hei})
    monkeypatch.setattr(pdf_fonts, "_fontconfig_families", lambda: {})
    assert pdf_fonts.find_official() == {"heading1": (hei, 0)}


def test_an_unusable_official_font_falls_back_to_the_shipped_one(monkeypatch, tmp_path):
    broken = tmp_path / "simfang.ttf"
    broken.write_bytes(b"OTTO not really a font")
    monkeypatch.setattr(pdf_fonts, "_font_files", lambda: {"simfang.ttf": broken})
    monkeypatch.setattr(pdf_fonts, "_fontconfig_families", lambda: {})
    chosen = pdf_fonts.load_fonts()
    assert chosen.sources[chosen.roles["body"]].name == "FandolFang-Regular.ttf"
