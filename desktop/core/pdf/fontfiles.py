"""What a font file says about itself: its family names (so that installed fonts are found
by family, never by file name) and a glyph's ink box.

Only the few bytes needed are read: the table directory, the 'name' table, and for a glyph
box 'head', 'loca' and one 'glyf' header; a font folder of a thousand files reads quickly.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
_FAMILY_IDS = (1, 16, 4)  # family, typographic family, full name (older CJK fonts differ)
_CHINESE = (0x804, 0x1004, 0x404, 0xC04, 0x1404)  # zh-CN, zh-SG, zh-TW, zh-HK, zh-MO


@dataclass(frozen=True)
class InstalledFace:
    """One face (a file, or one subfont of a collection) and the families it calls itself."""

    path: Path
    index: int
    families: tuple[str, ...]


def normal(family: str) -> str:
    """Family names compared loosely: `FangSong_GB2312` = `fangsong gb2312`."""
    return "".join(ch for ch in family.casefold() if ch not in " _-")


# --- reading a font file --------------------------------------------------------------


def _tables(stream, index: int) -> dict[bytes, tuple[int, int]]:
    """tag -> (offset, length) of face `index` (a collection's subfont, else 0)."""
    stream.seek(0)
    head = stream.read(12)
    base = 0
    if head[:4] == b"ttcf":
        count = struct.unpack(">I", head[8:12])[0]
        if index >= count:
            raise ValueError("no such subfont")
        stream.seek(12 + 4 * index)
        base = struct.unpack(">I", stream.read(4))[0]
        stream.seek(base)
        head = stream.read(12)
    elif index:
        raise ValueError("not a collection")
    tables = {}
    count = struct.unpack(">H", head[4:6])[0]
    stream.seek(base + 12)
    records = stream.read(16 * count)
    for i in range(count):
        tag, _, offset, length = struct.unpack(">4sIII", records[16 * i : 16 * i + 16])
        tables[tag] = (offset, length)
    return tables


def face_count(path: Path) -> int:
    with open(path, "rb") as stream:
        head = stream.read(12)
    return struct.unpack(">I", head[8:12])[0] if head[:4] == b"ttcf" else 1


def _decode(platform: int, encoding: int, raw: bytes) -> str | None:
    try:
        if platform == 3 and encoding in (3, 4, 5):  # PRC/Big5 as double bytes (old CJK fonts)
            text = raw.replace(b"\x00", b"").decode("gbk" if encoding == 3 else "big5")
        elif platform in (0, 3):
            text = raw.decode("utf-16-be")
        elif platform == 1:
            text = raw.decode({25: "gb2312", 2: "big5"}.get(encoding, "mac_roman"))
        else:
            return None
    except (UnicodeDecodeError, LookupError):
        return None
    return text.strip("\x00 ") or None


def _names(path: Path, index: int) -> list[tuple[int, int, str]]:
    """(nameID, languageID, text) for the family-like names of one face."""
    with open(path, "rb") as stream:
        tables = _tables(stream, index)
        if b"name" not in tables:
            return []
        offset, length = tables[b"name"]
        stream.seek(offset)
        data = stream.read(length)
    _, count, strings = struct.unpack(">HHH", data[:6])
    names = []
    for i in range(count):
        platform, encoding, language, name_id, size, at = struct.unpack(
            ">6H", data[6 + 12 * i : 18 + 12 * i]
        )
        if name_id in _FAMILY_IDS:
            raw = data[strings + at : strings + at + size]
            if (text := _decode(platform, encoding, raw)) is not None:
                names.append((name_id, language if platform == 3 else -1, text))
    return names


def family_names(path: Path, index: int = 0) -> tuple[str, ...]:
    """Every family name the face gives itself, in every language; () if unreadable."""
    try:
        return tuple(dict.fromkeys(text for _, _, text in _names(path, index)))
    except (OSError, ValueError, struct.error):
        return ()


def display_name(path: Path, index: int = 0) -> str:
    """The face's family as an officer would name it: Chinese if it has a Chinese name."""
    try:
        names = _names(path, index)
    except (OSError, ValueError, struct.error):
        names = []
    families = [n for n in names if n[0] in (16, 1)]
    for language in _CHINESE:
        for name_id in (16, 1):
            for found_id, found_language, text in families:
                if (found_id, found_language) == (name_id, language):
                    return text
    for name_id in (16, 1):
        for found_id, _, text in families:
            if found_id == name_id:
                return text
    return path.stem


def ink_box(path: Path, index: int, glyph: int) -> tuple[float, float, float, float] | None:
    """(xMin, yMin, xMax, yMax) of a TrueType glyph's outline in em, or None (no outline,
    not TrueType, unreadable)."""
    try:
        with open(path, "rb") as stream:
            tables = _tables(stream, index)
            if not {b"head", b"loca", b"glyf"} <= tables.keys():
                return None
            stream.seek(tables[b"head"][0])
            head = stream.read(54)
            units, = struct.unpack(">H", head[18:20])  # fmt: skip
            long_offsets = struct.unpack(">h", head[50:52])[0] == 1
            size = 4 if long_offsets else 2
            stream.seek(tables[b"loca"][0] + size * glyph)
            pair = stream.read(2 * size)
            start, end = struct.unpack(">II" if long_offsets else ">HH", pair)
            if not long_offsets:
                start, end = 2 * start, 2 * end
            if end <= start:
                return None
            stream.seek(tables[b"glyf"][0] + start)
            _, *box = struct.unpack(">h4h", stream.read(10))
    except (OSError, ValueError, struct.error):
        return None
    return tuple(value / units for value in box)  # type: ignore[return-value]


# --- the installed fonts' files --------------------------------------------------------


def faces_of(paths) -> tuple[InstalledFace, ...]:
    """The faces of font files, each with the family names read from its 'name' table."""
    faces = []
    for path in paths:
        try:
            count = face_count(path)
        except OSError:
            continue
        for index in range(count):
            if families := family_names(path, index):
                faces.append(InstalledFace(path, index, families))
    return tuple(faces)


def windows_faces(
    folders: list[Path], registry: list[tuple[str, str]]
) -> tuple[InstalledFace, ...]:
    """The faces of Windows' font files: those the registry lists (value name, file; a
    file name is relative to the system font folder, per-user entries are full paths) and
    those lying in the font folders, read for their family names."""
    files: dict[str, Path] = {}
    system = folders[0] if folders else None

    def add(path: Path) -> None:
        if path.suffix.lower() in FONT_SUFFIXES and path.is_file():
            files.setdefault(os.path.normcase(str(path)), path)

    for _, data in registry:
        path = Path(os.path.expandvars(data))
        if not path.is_absolute():
            for folder in folders:
                if (folder / path).is_file():
                    path = folder / path
                    break
            else:
                path = (system or Path()) / path
        add(path)
    for folder in folders:
        try:
            for path in sorted(folder.iterdir()):
                add(path)
        except OSError:
            continue
    return faces_of(files.values())
