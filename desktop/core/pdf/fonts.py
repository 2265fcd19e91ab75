"""Fonts for the printed report: the official ones when the machine has them, else the
free fonts shipped in resources/fonts/, and a per-character fallback so that no
character is ever silently dropped (reportlab draws nothing for a missing glyph).

Reading a font file is the slow part of a PDF (some 40 MB for the five faces), so each
file is read and registered once per process and every later PDF reuses it; the list of
installed fonts is likewise taken once.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.core.errors import NianbaoError
from desktop.paths import resource

# Role -> official font families/files, in order of preference (GB/T 9704 practice).
OFFICIAL = {
    "title": (("方正小标宋简体", "FZXiaoBiaoSong-B05S"), ("FZXBSJW.TTF", "方正小标宋简体.ttf")),
    "body": (
        ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"),
        ("仿宋_GB2312.ttf", "simfang.ttf"),
    ),
    "heading1": (("黑体", "SimHei"), ("simhei.ttf",)),
    "heading2": (
        ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"),
        ("楷体_GB2312.ttf", "simkai.ttf"),
    ),
    "song": (("宋体", "SimSun"), ("simsun.ttc",)),
}
SHIPPED = {
    "title": "FandolSong-Regular.ttf",
    "body": "FandolFang-Regular.ttf",
    "heading1": "FandolHei-Regular.ttf",
    "heading2": "FandolKai-Regular.ttf",
    "song": "FandolSong-Regular.ttf",
}
FALLBACK = "wqy-microhei.ttc"  # covers all of GBK, incl. 〇 and rare name characters


class MissingCharacters(NianbaoError):
    """Characters no available font can print; raised before any PDF is written."""


@dataclass(frozen=True)
class _Face:
    """A font file registered with reportlab under `name`, and the characters it has."""

    name: str
    chars: frozenset[int]


# (file, subfont index, size, modification time) -> its face, or None if unusable.
_FACES: dict[tuple[str, int, int, int], _Face | None] = {}


def _face(name: str, path: Path, index: int) -> _Face | None:
    """The face of a font file, read and registered on first use only. It keeps the name
    it was first registered under: reportlab silently keeps the first font registered
    under a name, so a different file never reuses a name already taken."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), index, stat.st_size, stat.st_mtime_ns)
    if key not in _FACES:
        taken, unique, number = set(pdfmetrics.getRegisteredFontNames()), name, 1
        while unique in taken:
            number += 1
            unique = f"{name}-{number}"
        try:
            font = TTFont(unique, str(path), subfontIndex=index)
        except Exception:  # OpenType/CFF, broken or unreadable: not usable by reportlab
            _FACES[key] = None
            return None
        pdfmetrics.registerFont(font)
        # A family of one face: <font face> switches inside a paragraph otherwise look for
        # bold/italic variants and can fall back to an unembedded Helvetica.
        pdfmetrics.registerFontFamily(
            unique, normal=unique, bold=unique, italic=unique, boldItalic=unique
        )
        _FACES[key] = _Face(unique, frozenset(font.face.charToGlyph))
    return _FACES[key]


@dataclass
class FontSet:
    """A registered font per role plus the fallback chain used for every character."""

    roles: dict[str, str] = field(default_factory=dict)  # role -> reportlab font name
    sources: dict[str, Path] = field(default_factory=dict)  # font name -> file
    chain: list[str] = field(default_factory=list)  # fallback order after the role font
    _cmaps: dict[str, frozenset[int]] = field(default_factory=dict)

    def register(self, name: str, path: Path, index: int = 0) -> str | None:
        """The reportlab name of the font file (`name` unless the file was registered
        before, or another file has that name), or None if reportlab cannot use it."""
        face = _face(name, path, index)
        if face is None:
            return None
        self._cmaps[face.name] = face.chars
        self.sources[face.name] = path
        return face.name

    def font_for(self, role: str, char: str) -> str | None:
        code = ord(char)
        for name in [self.roles[role], *self.chain]:
            if code in self._cmaps[name]:
                return name
        return None

    def missing(self, text: str, role: str = "body") -> set[str]:
        return {ch for ch in set(text) if not ch.isspace() and self.font_for(role, ch) is None}

    def markup(self, text: str, role: str) -> str:
        """Paragraph markup with a font switch wherever the role font lacks a character."""
        base, runs, current, chars = self.roles[role], [], None, []
        for char in text:
            name = base if char.isspace() else (self.font_for(role, char) or base)
            if name != current and chars:
                runs.append((current, "".join(chars)))
                chars = []
            current = name
            chars.append(char)
        if chars:
            runs.append((current, "".join(chars)))
        return "".join(
            escape(run) if name == base else f'<font face="{name}">{escape(run)}</font>'
            for name, run in runs
        )


def load_fonts(official: bool = True) -> FontSet:
    """Official fonts where installed (unless official=False), shipped ones otherwise;
    files already read in this process are not read again."""
    fonts = FontSet()
    found = find_official() if official else {}
    for role in SHIPPED:
        path, index = found.get(role, (None, 0))
        name = fonts.register(f"nb-{role}", path, index) if path is not None else None
        if name is None:
            shipped = resource("fonts", SHIPPED[role])
            if (name := fonts.register(f"nb-{role}", shipped)) is None:
                raise NianbaoError(f"找不到打印用字体 {shipped}，软件安装不完整，请重新安装。")
        fonts.roles[role] = name
    if (fallback := fonts.register("nb-fallback", resource("fonts", FALLBACK))) is None:
        raise NianbaoError(f"找不到打印用字体 {resource('fonts', FALLBACK)}，软件安装不完整。")
    fonts.chain = [*dict.fromkeys(fonts.roles.values()), fallback]
    return fonts


def find_official() -> dict[str, tuple[Path, int]]:
    """The official fonts installed on this machine: Windows font folders by file name,
    fontconfig by family name elsewhere."""
    result = {}
    files = _font_files()
    families = _fontconfig_families()
    for role, (names, filenames) in OFFICIAL.items():
        for filename in filenames:
            if filename.lower() in files:
                result[role] = (files[filename.lower()], 0)
                break
        else:
            for family in names:
                if family in families:
                    result[role] = families[family]
                    break
    return result


@functools.cache
def _font_files() -> dict[str, Path]:
    folders = []
    if sys.platform == "win32":
        folders.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        if local := os.environ.get("LOCALAPPDATA"):
            folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    files = {}
    for folder in folders:
        if folder.is_dir():
            for path in folder.iterdir():
                files.setdefault(path.name.lower(), path)
    return files


@functools.cache
def _fontconfig_families() -> dict[str, tuple[Path, int]]:
    if sys.platform == "win32" or not shutil.which("fc-list"):
        return {}
    try:
        output = subprocess.run(
            ["fc-list", "--format", "%{file}\t%{index}\t%{family}\n"],
            capture_output=True, text=True, timeout=10, check=False,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    families = {}
    for line in output.splitlines():
        path, index, names = [*line.split("\t"), "", ""][:3]
        for family in names.split(","):
            families.setdefault(family.strip(), (Path(path), int(index or 0)))
    return families
