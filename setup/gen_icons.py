"""Draw the project's own module icons (static/description/icon.png): a rounded
square in the addon's colour with a simple white glyph. No Odoo or OCA logo.

    python setup/gen_icons.py            every addon of the repository
"""

from pathlib import Path
import sys

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
SIZE = 256
WHITE = (255, 255, 255, 255)
# addon suffix -> background colour
COLOURS = {
    "": (44, 110, 148),
    "refund": (46, 139, 87),
    "coupon": (196, 92, 38),
    "return": (120, 82, 170),
    "repair": (90, 98, 112),
    "fsm": (200, 150, 30),
}


def life_ring(draw):
    draw.ellipse((48, 48, 208, 208), outline=WHITE, width=30)
    for x0, y0, x1, y1 in ((116, 40, 140, 88), (116, 168, 140, 216)):
        draw.rectangle((x0, y0, x1, y1), fill=WHITE)
    for x0, y0, x1, y1 in ((40, 116, 88, 140), (168, 116, 216, 140)):
        draw.rectangle((x0, y0, x1, y1), fill=WHITE)


def refund(draw):
    draw.ellipse((56, 56, 200, 200), outline=WHITE, width=22)
    draw.polygon([(40, 128), (88, 88), (88, 168)], fill=WHITE)
    draw.rectangle((112, 96, 144, 160), fill=WHITE)


def coupon(draw):
    draw.rounded_rectangle((36, 76, 220, 180), radius=14, fill=WHITE)
    background = COLOURS["coupon"]
    draw.ellipse((20, 108, 52, 148), fill=background)
    draw.ellipse((204, 108, 236, 148), fill=background)
    for y in range(88, 172, 16):
        draw.rectangle((150, y, 156, y + 8), fill=background)


def return_arrow(draw):
    draw.arc((64, 64, 200, 200), start=270, end=180, fill=WHITE, width=26)
    draw.polygon([(36, 120), (96, 80), (96, 160)], fill=WHITE)


def repair(draw):
    draw.line((80, 176, 168, 88), fill=WHITE, width=30)
    draw.ellipse((140, 48, 212, 120), fill=WHITE)
    draw.polygon([(170, 56), (204, 56), (204, 90)], fill=COLOURS["repair"])
    draw.ellipse((56, 152, 104, 200), fill=WHITE)


def pin(draw):
    draw.ellipse((72, 40, 184, 152), fill=WHITE)
    draw.polygon([(84, 120), (172, 120), (128, 220)], fill=WHITE)
    draw.ellipse((108, 76, 148, 116), fill=COLOURS["fsm"])


GLYPHS = {
    "": life_ring,
    "refund": refund,
    "coupon": coupon,
    "return": return_arrow,
    "repair": repair,
    "fsm": pin,
}


def draw_icon(suffix):
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=44, fill=COLOURS[suffix])
    GLYPHS[suffix](draw)
    return image.resize((128, 128), Image.LANCZOS)


def main():
    for manifest in sorted(ROOT.glob("helpdesk_aftersales*/__manifest__.py")):
        addon_dir = manifest.parent
        suffix = addon_dir.name.removeprefix("helpdesk_aftersales").lstrip("_")
        if suffix not in GLYPHS:
            print(f"{addon_dir.name}: no glyph", file=sys.stderr)
            continue
        path = addon_dir / "static" / "description" / "icon.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        draw_icon(suffix).save(path, optimize=True)
        print(f"{path.relative_to(ROOT)} written")


if __name__ == "__main__":
    main()
