"""Draw the app icon into resources/icons/ (PNG for the window, ICO for the Windows build).

    .venv/bin/python tools/make_icon.py

A blue tile with a white workbook page whose rows end in ticks: the engagement's steps.
The committed files are the output of this script; run it again only to change the icon.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
BLUE = (0, 94, 184, 255)  # NHS blue
DARK = (0, 48, 135, 255)
WHITE = (255, 255, 255, 255)
GREEN = (0, 150, 57, 255)
SIZE = 1024  # drawn large, scaled down smoothly
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((32, 32, SIZE - 32, SIZE - 32), radius=180, fill=BLUE)
    page = (232, 160, 792, 864)
    fold = 150
    left, top, right, bottom = page
    pen.polygon(
        [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)],
        fill=WHITE,
    )
    pen.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=DARK)
    for row in range(4):
        y = 390 + row * 125
        pen.rounded_rectangle((left + 70, y, left + 340, y + 44), radius=22, fill=BLUE)
        tick = [(left + 400, y + 20), (left + 440, y + 60), (left + 500, y - 20)]
        pen.line(tick, fill=GREEN if row < 3 else (200, 200, 200, 255), width=30, joint="curve")
    return image


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.resize((256, 256), Image.Resampling.LANCZOS).save(ICONS / "engagement-workbook.png")
    image.save(ICONS / "engagement-workbook.ico", sizes=ICO_SIZES)
    print(f"wrote {ICONS}/engagement-workbook.png and .ico")


if __name__ == "__main__":
    main()
