"""Fonts for the printed report: the official ones when the machine has them, else the
free fonts shipped in resources/fonts/, and a per-character fallback so that no
character is ever silently dropped (reportlab draws nothing for a missing glyph).

Installed fonts are found by family name, read from each font's 'name' table (Windows: the
system and per-user font folders and the registry's font lists; elsewhere fontconfig),
never by file name; every installed candidate of a role is tried before the shipped font.

A character the role's font lacks is printed first from a font of the same class (宋体,
仿宋, 楷体 and 小标宋 are one serif class; 黑体 the sans class) before the other class: a
rare name character in the 仿宋 body comes from 宋体 or 楷体, not from a heavy 黑体.

Reading a font file is the slow part of a PDF (some 40 MB for the five faces), so each
file is read and registered once per process and every later PDF reuses it; fallback
fonts are read only when a character needs them; the list of installed fonts is taken once.
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
from desktop.core.pdf import fontfiles
from desktop.core.pdf.fontfiles import InstalledFace, normal
from desktop.paths import resource

ROLES = ("title", "body", "heading1", "heading2", "song")
ROLE_WORDS = {
    "title": "标题",
    "body": "正文",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "song": "表格和页码",
}
# Role -> official font families, in order of preference (GB/T 9704 practice). Each
# installed one is tried in turn before the shipped font.
OFFICIAL = {
    "title": (
        "方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05",
        "华文中宋", "STZhongsong",
    ),
    "body": ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "华文仿宋", "STFangsong"),
    "heading1": ("黑体", "SimHei", "方正黑体_GBK", "FZHei-B01", "方正黑体简体", "FZHei-B01S"),
    "heading2": ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "华文楷体", "STKaiti"),
    "song": ("宋体", "SimSun", "华文宋体", "STSong"),
}  # fmt: skip
# Installed serif (宋体-class) fonts with many rare characters, tried after the official
# ones for a character they lack. OpenType/CFF ones are skipped when reportlab refuses them.
SERIF_EXTRA = (
    "SimSun-ExtB", "SimSun-ExtG", "宋体-方正超大字符集", "SimSun (Founder Extended)",
    "MingLiU-ExtB", "HanaMinA", "HanaMinB", "AR PL UMing CN", "AR PL SungtiL GB",
)  # fmt: skip
SANS_ROLES = frozenset({"heading1"})
SHIPPED = {
    "title": "FandolSong-Regular.ttf",
    "body": "FandolFang-Regular.ttf",
    "heading1": "FandolHei-Regular.ttf",
    "heading2": "FandolKai-Regular.ttf",
    "song": "FandolSong-Regular.ttf",
}
SHIPPED_SERIF = ("FandolSong-Regular.ttf", "FandolFang-Regular.ttf", "FandolKai-Regular.ttf")
SHIPPED_SANS = ("FandolHei-Regular.ttf",)
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
        # reportlab also maps a new name to the font first registered with the same
        # PostScript name (two versions of one font, a copy): give this face its own.
        if font.face.name in getattr(pdfmetrics, "_dynFaceNames", {}):
            own = f"-{unique}"
            font.face.name += own.encode() if isinstance(font.face.name, bytes) else own
        pdfmetrics.registerFont(font)
        # A family of one face: <font face> switches inside a paragraph otherwise look for
        # bold/italic variants and can fall back to an unembedded Helvetica.
        pdfmetrics.registerFontFamily(
            unique, normal=unique, bold=unique, italic=unique, boldItalic=unique
        )
        _FACES[key] = _Face(unique, frozenset(font.face.charToGlyph))
    return _FACES[key]


_Link = tuple[str, Path, int]  # (name to register under, file, subfont index)


@dataclass
class FontSet:
    """A registered font per role plus, per role, the fallback chain for every character."""

    roles: dict[str, str] = field(default_factory=dict)  # role -> reportlab font name
    sources: dict[str, Path] = field(default_factory=dict)  # font name -> file
    indexes: dict[str, int] = field(default_factory=dict)  # font name -> subfont index
    chains: dict[str, list[_Link]] = field(default_factory=dict)  # role -> fonts after its own
    official: bool = True  # official fonts were looked for
    substituted: dict[str, set[str]] = field(default_factory=dict)  # font -> chars it printed
    _cmaps: dict[str, frozenset[int]] = field(default_factory=dict)
    _linked: dict[tuple[Path, int], str | None] = field(default_factory=dict)

    def register(self, name: str, path: Path, index: int = 0) -> str | None:
        """The reportlab name of the font file (`name` unless the file was registered
        before, or another file has that name), or None if reportlab cannot use it."""
        face = _face(name, path, index)
        if face is None:
            return None
        self._cmaps[face.name] = face.chars
        self.sources[face.name] = path
        self.indexes[face.name] = index
        return face.name

    def _chain(self, role: str):
        """The role's font, then its fallbacks, each read the first time it is asked."""
        yield self.roles[role]
        for name, path, index in self.chains.get(role, ()):
            if (path, index) not in self._linked:
                self._linked[path, index] = self.register(name, path, index)
            if (registered := self._linked[path, index]) is not None:
                yield registered

    def font_for(self, role: str, char: str) -> str | None:
        code = ord(char)
        for name in self._chain(role):
            if code in self._cmaps[name]:
                return name
        return None

    def missing(self, text: str, role: str = "body") -> set[str]:
        return {ch for ch in set(text) if not ch.isspace() and self.font_for(role, ch) is None}

    def runs(self, text: str, role: str) -> list[tuple[str, str]]:
        """The text as (font, characters) runs: the role font wherever it has the
        character, a fallback font elsewhere (recorded for describe())."""
        base, runs, current, chars = self.roles[role], [], None, []
        for char in text:
            name = base if char.isspace() else (self.font_for(role, char) or base)
            if name != base:
                self.substituted.setdefault(name, set()).add(char)
            if name != current and chars:
                runs.append((current, "".join(chars)))
                chars = []
            current = name
            chars.append(char)
        if chars:
            runs.append((current, "".join(chars)))
        return runs

    def markup(self, text: str, role: str) -> str:
        """Paragraph markup with a font switch wherever the role font lacks a character."""
        base = self.roles[role]
        return "".join(
            escape(run) if name == base else f'<font face="{name}">{escape(run)}</font>'
            for name, run in self.runs(text, role)
        )

    def width(self, text: str, role: str, size: float) -> float:
        """The printed width of the text, each character in the font that prints it."""
        return sum(pdfmetrics.stringWidth(run, name, size) for name, run in self.runs(text, role))

    def draw(self, canvas, x: float, y: float, text: str, role: str, size: float) -> float:
        """Draw the text at (x, y) in the role's fonts; the x where it ends."""
        for name, run in self.runs(text, role):
            canvas.setFont(name, size)
            canvas.drawString(x, y, run)
            x += pdfmetrics.stringWidth(run, name, size)
        return x

    def ink(self, role: str, char: str) -> tuple[float, float, float, float] | None:
        """The ink box of a character in the font that prints it, in em (None if unknown)."""
        name = self.font_for(role, char)
        if name is None:
            return None
        glyph = pdfmetrics.getFont(name).face.charToGlyph.get(ord(char))
        if glyph is None:
            return None
        return fontfiles.ink_box(self.sources[name], self.indexes.get(name, 0), glyph)

    def describe(self) -> list[str]:
        """Which font printed each role, and which fonts supplied characters a role font
        lacks, as lines to show the officer, e.g. 正文：仿宋_GB2312（C:\\Windows\\Fonts\\…）."""
        lines = []
        for role in ROLES:
            name = self.roles[role]
            lines.append(f"{ROLE_WORDS[role]}：{self._named(name, role)}")
        for name, chars in self.substituted.items():
            shown = "".join(sorted(chars)[:10]) + ("等" if len(chars) > 10 else "")
            lines.append(f"补字：{self._named(name)}，用于“{shown}”")
        return lines

    def _named(self, name: str, role: str | None = None) -> str:
        path, index = self.sources[name], self.indexes.get(name, 0)
        family = fontfiles.display_name(path, index)
        if not _shipped(path):
            return f"{family}（{path}）"
        if role is None or not self.official:
            return f"{family}（软件自带）"
        wanted = "、".join(f for f in OFFICIAL[role] if not f.isascii())
        return f"{family}（软件自带；本机未装{wanted}）"


def _shipped(path: Path) -> bool:
    return path.parent == resource("fonts")


def load_fonts(official: bool = True) -> FontSet:
    """Official fonts where installed (unless official=False), shipped ones otherwise;
    files already read in this process are not read again."""
    fonts = FontSet(official=official)
    found = find_official() if official else {}
    for role in ROLES:
        for path, index in found.get(role, ()):
            if (name := fonts.register(f"nb-{role}", path, index)) is not None:
                break
        else:
            shipped = resource("fonts", SHIPPED[role])
            if (name := fonts.register(f"nb-{role}", shipped)) is None:
                raise NianbaoError(f"找不到打印用字体 {shipped}，软件安装不完整，请重新安装。")
        fonts.roles[role] = name
    if fonts.register("nb-fallback", resource("fonts", FALLBACK)) is None:
        raise NianbaoError(f"找不到打印用字体 {resource('fonts', FALLBACK)}，软件安装不完整。")
    extra = find_installed(SERIF_EXTRA) if official else []
    for role in ROLES:
        fonts.chains[role] = _fallbacks(fonts, role, found, extra)
    return fonts


def _fallbacks(fonts: FontSet, role: str, found, extra) -> list[_Link]:
    """After the role's font: the same class first (its other installed candidates, then
    宋体, then the other serif roles' fonts, rare-character serif fonts and the shipped
    serif fonts; for 黑体 its candidates, FandolHei, WenQuanYi), then the other class."""

    def role_links(r: str) -> list[_Link]:
        own = fonts.roles[r]
        return [(own, fonts.sources[own], fonts.indexes[own])] + [
            (f"nb-{r}", path, index) for path, index in found.get(r, ())
        ]

    def shipped(files) -> list[_Link]:
        return [("nb-fallback-" + f.split("-")[0].lower(), resource("fonts", f), 0) for f in files]

    serif = role_links("song") + role_links("body") + role_links("heading2")
    serif += role_links("title") + [("nb-extra", path, index) for path, index in extra]
    serif += shipped(SHIPPED_SERIF)
    sans = role_links("heading1") + shipped(SHIPPED_SANS)
    sans.append(("nb-fallback", resource("fonts", FALLBACK), 0))
    own = role_links(role)
    chain = own + (sans + serif if role in SANS_ROLES else serif + sans)
    first, seen, links = own[0], set(), []
    for link in chain:
        key = (os.path.normcase(str(link[1])), link[2])
        if key not in seen:
            seen.add(key)
            if link is not first:
                links.append(link)
    return links


def describe(official: bool = True) -> list[str]:
    """Which font prints each role on this machine (see FontSet.describe)."""
    return load_fonts(official).describe()


# --- the installed fonts ---------------------------------------------------------------


def find_official() -> dict[str, list[tuple[Path, int]]]:
    """Per role, the installed official fonts by family name, in order of preference."""
    result = {}
    for role, families in OFFICIAL.items():
        if found := find_installed(families):
            result[role] = found
    return result


def find_installed(families) -> list[tuple[Path, int]]:
    """The installed faces of these families, in the order the families are given."""
    by_family = _by_family(installed())
    found = []
    for family in families:
        for face in by_family.get(normal(family), ()):
            if face not in found:
                found.append(face)
    return found


@functools.lru_cache(maxsize=4)
def _by_family(faces: tuple[InstalledFace, ...]) -> dict[str, list[tuple[Path, int]]]:
    index: dict[str, list[tuple[Path, int]]] = {}
    for face in faces:
        for name in dict.fromkeys(normal(name) for name in face.families):
            index.setdefault(name, []).append((face.path, face.index))
    return index


@functools.cache
def installed() -> tuple[InstalledFace, ...]:
    """Every installed face with its family names (taken once per process)."""
    if sys.platform == "win32":
        return fontfiles.windows_faces(windows_font_folders(), registry_fonts())
    return _fontconfig_faces()


def windows_font_folders() -> list[Path]:
    """The system font folder, then the per-user one (fonts installed without admin)."""
    folders = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if local := os.environ.get("LOCALAPPDATA"):
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return folders


REGISTRY_KEY = r"Software\Microsoft\Windows NT\CurrentVersion\Fonts"


def registry_fonts() -> list[tuple[str, str]]:
    """(value name, file) of the font lists in HKLM and HKCU."""
    try:
        import winreg
    except ImportError:
        return []
    entries = []
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(hive, REGISTRY_KEY) as key:
                for i in range(winreg.QueryInfoKey(key)[1]):
                    name, data, _ = winreg.EnumValue(key, i)
                    if isinstance(data, str):
                        entries.append((name, data))
        except OSError:
            continue
    return entries


def _fontconfig_faces() -> tuple[InstalledFace, ...]:
    if not shutil.which("fc-list"):
        return ()
    try:
        output = subprocess.run(
            ["fc-list", "--format", "%{file}\t%{index}\t%{family}\n"],
            capture_output=True, text=True, timeout=10, check=False,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return ()
    faces = {}
    for line in output.splitlines():
        path, index, names = [*line.split("\t"), "", ""][:3]
        families = tuple(f.strip() for f in names.split(",") if f.strip())
        if path and families:
            key = (path, int(index or 0) & 0xFFFF)  # high bits: a variable font's instance
            faces.setdefault(key, InstalledFace(Path(path), key[1], families))
    return tuple(faces.values())
