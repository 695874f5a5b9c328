"""Pictures of pages made from text we control, for the OCR tests.

A page is drawn as a scanner would give it: a serif font with Vietnamese letters (Debian's
DejaVu) at 250 dpi, turned a little, with salt-and-pepper specks.
"""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def draw_page(text: str, dpi: int = 250, angle: float = 1.2, specks: float = 0.02, seed: int = 1):
    """A PIL picture of an A4 page holding `text`, wrapped at 70 characters a line.

    Returns:
        The picture and the text as drawn (its lines joined by newlines).
    """
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), int(13 * dpi / 72))
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    page = Image.new("L", (width, height), 255)
    pen = ImageDraw.Draw(page)
    y, step = int(0.8 * dpi), int(font.size * 1.45)
    drawn = []
    for paragraph in text.split("\n"):
        for line in textwrap.wrap(paragraph, 70) or [""]:
            if y > height - dpi:
                break
            pen.text((int(0.9 * dpi), y), line, font=font, fill=0)
            drawn.append(line)
            y += step
    page = page.rotate(angle, fillcolor=255, resample=Image.BICUBIC)
    rng = random.Random(seed)
    pixels = page.load()
    for _ in range(int(width * height * specks)):
        pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 255))
    return page, "\n".join(drawn)
