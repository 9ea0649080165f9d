"""The small CJK font shipped with the book (``_static/fonts/``), so that Chinese names and quotes
show as characters, not boxes, on a reader's screen without a CJK font and in the PDF editions.

The font is a subset of Noto Sans CJK TC (Debian's ``fonts-noto-cjk``) holding exactly the CJK
characters the book's sources use: the notebooks, the prose pages and the data. It is committed, so
building the book needs no CJK font; ``python -m briefing fonts`` (``make fonts``) regenerates it and
its licence file after a source adds a character (a test says when that is needed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ...paths import repo_root

# Blocks a Chinese, Japanese or Korean text may use. The same ranges are the @font-face
# unicode-range in _static/briefing.css, so the font is fetched only by pages that need it.
CJK_RANGES = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3100, 0x31FF),  # bopomofo, kanbun, strokes
    (0x3400, 0x4DBF),  # CJK unified ideographs extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half- and full-width forms
    (0x20000, 0x2FA1F),  # supplementary ideographs
)
_CJK = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in CJK_RANGES) + "]")

SOURCE_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SOURCE_FACE = "Noto Sans CJK TC"  # the book's Chinese names and quotes are in traditional characters
SOURCE_LICENCE = Path("/usr/share/doc/fonts-noto-cjk/copyright")
FONT_NAME = "briefing-cjk.woff"
LICENCE_NAME = "OFL.txt"


def cjk_characters(text: str) -> set[str]:
    """Every CJK character in ``text``."""
    return set(_CJK.findall(text))


def font_dir(root: Path | None = None) -> Path:
    return (root or repo_root()) / "_static" / "fonts"


def source_files(root: Path) -> list[Path]:
    """The files the book's text comes from: notebooks, prose pages and data."""
    patterns = ("index.md", "book/*.md", "book/*.bib", "notebooks/*.ipynb", "data/*.csv", "data/*.json")
    return sorted(path for pattern in patterns for path in root.glob(pattern))


def book_characters(root: Path | None = None, extra: Iterable[Path] = ()) -> set[str]:
    """The CJK characters the book's sources (and any ``extra`` files, e.g. built pages) use."""
    root = root or repo_root()
    found: set[str] = set()
    for path in [*source_files(root), *extra]:
        found |= cjk_characters(path.read_text(encoding="utf-8"))
    return found


def covered(font: Path | None = None) -> set[str]:
    """The characters the shipped font has a glyph for."""
    from fontTools.ttLib import TTFont

    with TTFont(font or font_dir() / FONT_NAME) as face:
        return {chr(code) for code in face.getBestCmap()}


def _face_number(collection: Path, family: str) -> int:
    from fontTools.ttLib import TTCollection

    with TTCollection(collection, lazy=True) as fonts:
        for number, face in enumerate(fonts):
            if face["name"].getDebugName(1) == family:
                return number
    raise ValueError(f"{collection} has no face named {family!r}")


def _licence_text(copyright_notice: str) -> str:
    """The font's copyright line and the SIL Open Font License, as Debian ships them."""
    text = SOURCE_LICENCE.read_text(encoding="utf-8")
    block = text.split("License: SIL-1.1\n", 2)[-1].split("\nLicense:", 1)[0]
    body = "\n".join("" if line.strip() == "." else line[1:] for line in block.splitlines())
    header = (
        f"{FONT_NAME} is a subset of {SOURCE_FACE} (Noto CJK), holding only the characters this book\n"
        f"uses. It is licensed, like the original, under the SIL Open Font License 1.1.\n\n"
        f"{copyright_notice}\n\n"
    )
    return header + body.strip() + "\n"


def _to_truetype(face) -> None:
    """Redraw the subset's CFF outlines as TrueType quadratics, in place.

    Chromium's PDF writer embeds TrueType fonts as fonts but turns CFF-flavoured OpenType (what
    Noto CJK ships) into nameless Type 3 glyph drawings; as TrueType the printed editions embed a
    real, named CJK font."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = face.getGlyphOrder()
    glyph_set = face.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    face["loca"] = newTable("loca")
    face["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, glyphs
    for table in ("CFF ", "VORG"):
        if table in face:
            del face[table]
    glyf.compile(face)
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            face["hmtx"][name] = (face["hmtx"][name][0], glyph.xMin)
    face["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion, maxp.maxZones = 0x00010000, 1
    for field in (
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
    ):  # fmt: skip
        setattr(maxp, field, 0)
    post = face["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    post.glyphOrder = order
    face["head"].glyphDataFormat = 0
    face.sfntVersion = "\x00\x01\x00\x00"


def write(root: Path | None = None) -> tuple[Path, int]:
    """Subset the system's Noto Sans CJK TC to the book's CJK characters; write it and its licence.

    Returns the font's path and how many characters it holds."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    if not SOURCE_FONT.is_file():
        raise FileNotFoundError(
            f"{SOURCE_FONT} not found: install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk)"
        )
    root = root or repo_root()
    characters = sorted(book_characters(root))
    options = subset.Options()
    options.flavor = "woff"  # zlib-compressed: no extra dependency, every browser reads it
    options.layout_features = ["*"]
    options.hinting = False  # no TrueType hints to carry over from CFF outlines
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and licence fields
    options.drop_tables += ["DSIG"]
    face = TTFont(
        SOURCE_FONT, fontNumber=_face_number(SOURCE_FONT, SOURCE_FACE), lazy=False, recalcTimestamp=False
    )
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(characters))
    subsetter.subset(face)
    _to_truetype(face)
    folder = font_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / FONT_NAME
    subset.save_font(face, str(target), options)
    (folder / LICENCE_NAME).write_text(_licence_text(face["name"].getDebugName(0)), encoding="utf-8")
    return target, len(characters)
