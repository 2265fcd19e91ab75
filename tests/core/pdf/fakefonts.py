"""Small TrueType fonts made for the tests from the shipped ones (fontTools, a dev
dependency): a subset of a few characters under any family name, standing in for the
official fonts of an office PC (仿宋_GB2312, 黑体, …) that cannot be shipped."""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from desktop import paths

LATIN = "0123456789 —年月日"


def make(
    target: Path,
    family: str,
    english: str = "",
    source: str = "FandolSong-Regular.ttf",
    chars: str = "",
    raise_dash: int = 0,
) -> Path:
    """A font at `target` with the characters of `chars` (and digits, dash, 年月日) from a
    shipped font, calling itself `family` in Chinese and `english` in English. raise_dash
    moves the 一字线's outline up by that many font units."""
    font = TTFont(paths.resource("fonts", source), fontNumber=0)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(ch) for ch in chars + LATIN})
    subsetter.subset(font)
    names = font["name"]
    names.names = [n for n in names.names if n.nameID not in (1, 4, 16)]
    for name_id in (1, 4):
        names.setName(english or family, name_id, 3, 1, 0x409)
        names.setName(family, name_id, 3, 1, 0x804)
    if raise_dash:
        glyph = font["glyf"][font.getBestCmap()[0x2014]]
        glyph.coordinates.translate((0, raise_dash))
        glyph.recalcBounds(font["glyf"])
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    return target
