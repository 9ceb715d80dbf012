"""The bundled DejaVu fonts, registered with reportlab so Welsh letters and symbols print.

Regular and bold come from the diagrams' registration (the same glyphs the diagrams were
measured with); the report adds the monospaced face for request lines and code. Italic
uses DejaVu Sans Oblique when it is bundled in ``resources/fonts`` and the upright face
otherwise, so ``*emphasis*`` never fails, it only loses its slant.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workbook.diagrams.reportlab import FONT_NAMES, register_fonts
from workbook.resources import resource_path

SANS = FONT_NAMES[False]
BOLD = FONT_NAMES[True]
MONO = "DejaVuSansMono"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"


def _register(name: str, filename: str) -> bool:
    """Register a bundled font under ``name``; False when the file is not bundled."""
    if name in pdfmetrics.getRegisteredFontNames():
        return True
    path = resource_path("fonts", filename)
    if not path.is_file():
        return False
    pdfmetrics.registerFont(TTFont(name, str(path)))
    return True


@lru_cache(maxsize=1)
def register() -> None:
    """Make every face the report uses known to reportlab; safe to call again."""
    register_fonts()
    _register(MONO, f"{MONO}.ttf")
    italic = ITALIC if _register(ITALIC, f"{ITALIC}.ttf") else SANS
    bold_italic = BOLD_ITALIC if _register(BOLD_ITALIC, f"{BOLD_ITALIC}.ttf") else BOLD
    # <b> and <i> in paragraph markup pick a family's faces through these mappings; the
    # upright faces go last, as the last mapping of a face is what that face itself means
    for family, faces in (
        (SANS, ((0, 1, italic), (1, 1, bold_italic), (1, 0, BOLD), (0, 0, SANS))),
        (MONO, ((0, 1, MONO), (1, 1, MONO), (1, 0, MONO), (0, 0, MONO))),
    ):
        for bold, slanted, face in faces:
            addMapping(family, bold, slanted, face)
