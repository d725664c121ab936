"""Draw the illustrations of the invented sample cases in cases/.

Every named victim gets a drawn portrait (`portrait.jpg`, the printed photo: a flat drawing of a face,
labelled "tekening · geen echt persoon"); every sample case gets a stylised, clearly non-photographic picture: a place scene (gabled houses, a canal, a
dyke, a railway bridge, a polder, a wood, a street with a bicycle or a car) or a neutral silhouette, always with
a small drawn-pencil mark in a corner (a sign without words: the site says "illustration" beside it in the
reader's language, from the photo's ``illustration: true``), so nobody mistakes it for a real photo.

The scene is chosen from the case's tags (see SCENE_TAGS), otherwise from the case id; colours and details
are seeded from the case id and the file name, so a run gives the same pixels every time. Only Pillow is used.

Usage:  python scripts/make_sample_photos.py [CASES_DIR]      (default: cases/ next to this folder)
It (re)draws every photo named in the front matter of cases/*/case.md and keeps each JPEG under MAX_BYTES.
"""

from __future__ import annotations

import colorsys
import hashlib
import io
import math
import random
import sys
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1800, 1350  # 4:3, enough for 120 x 90 mm at 300 dpi
SUPERSAMPLE = 2  # draw at twice the size, then shrink: smooth edges without an antialiasing API
MAX_BYTES = 250_000
QUALITIES = (88, 84, 80, 76, 72, 68, 64, 60)

# The first matching tag decides the scene; cases without one get a scene from their id.
SCENE_TAGS = {
    "gracht": "canal",
    "water": "canal",
    "haven": "canal",
    "dijk": "dyke",
    "rivier": "dyke",
    "spoor": "bridge",
    "station": "bridge",
    "brug": "bridge",
    "polder": "polder",
    "platteland": "polder",
    "bos": "forest",
    "heide": "forest",
    "strand": "beach",
    "duinen": "beach",
    "fiets": "bicycle",
    "auto": "car",
    "snelweg": "car",
    "centrum": "gables",
    "straat": "gables",
    "dorp": "gables",
}
SCENES = ("gables", "canal", "dyke", "bridge", "polder", "forest", "beach", "bicycle", "car")
SECOND_SCENES = ("silhouette", "bicycle", "car", "gables", "polder")


def seeded_random(*parts: str) -> random.Random:
    """Return a Random seeded from the given strings (stable across runs and machines)."""
    digest = hashlib.sha256("/".join(parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def hsl(h: float, s: float, lum: float) -> tuple[int, int, int]:
    """Return an RGB triple for hue (0-1, wraps), saturation and lightness (0-1)."""
    r, g, b = colorsys.hls_to_rgb(h % 1.0, max(0.0, min(1.0, lum)), max(0.0, min(1.0, s)))
    return int(r * 255), int(g * 255), int(b * 255)


def mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    """Blend two colours; t=0 gives a, t=1 gives b."""
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


class Palette:
    """The colours of one picture, derived from a seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.mood = rng.choice(("day", "day", "dusk", "dawn", "night", "overcast"))
        base = rng.random()
        self.accent_hue = base
        if self.mood == "day":
            self.sky_top, self.sky_bottom = (
                hsl(0.58 + rng.uniform(-0.03, 0.03), 0.55, 0.55),
                hsl(0.55, 0.5, 0.85),
            )
        elif self.mood == "dusk":
            self.sky_top, self.sky_bottom = (
                hsl(0.70, 0.35, 0.35),
                hsl(0.06 + rng.uniform(-0.03, 0.03), 0.75, 0.7),
            )
        elif self.mood == "dawn":
            self.sky_top, self.sky_bottom = (
                hsl(0.60, 0.35, 0.55),
                hsl(0.95 + rng.uniform(-0.03, 0.03), 0.5, 0.82),
            )
        elif self.mood == "night":
            self.sky_top, self.sky_bottom = hsl(0.66, 0.45, 0.12), hsl(0.62, 0.35, 0.32)
        else:
            self.sky_top, self.sky_bottom = hsl(0.58, 0.1, 0.62), hsl(0.58, 0.08, 0.82)
        dark = 0.55 if self.mood == "night" else 1.0
        self.dark = dark
        self.grass = hsl(0.25 + rng.uniform(-0.04, 0.04), 0.40, 0.42 * dark)
        self.grass_light = hsl(0.22 + rng.uniform(-0.04, 0.04), 0.45, 0.55 * dark)
        self.water = hsl(0.55 + rng.uniform(-0.04, 0.04), 0.35, 0.38 * dark)
        self.road = hsl(0.6, 0.05, 0.36 * dark)
        self.brick = [
            hsl(h, s, lum * dark)
            for h, s, lum in (
                (0.02 + rng.uniform(-0.02, 0.02), 0.45, 0.38),
                (0.05 + rng.uniform(-0.02, 0.02), 0.40, 0.45),
                (0.08, 0.25, 0.55),
                (0.0, 0.30, 0.30),
                (base, 0.30, 0.50),
                (0.1, 0.15, 0.75),
            )
        ]
        self.accent = hsl(base, 0.65, 0.5 * dark + 0.05)
        self.window_lit = (255, 214, 120) if self.mood in ("night", "dusk") else hsl(0.58, 0.2, 0.3)
        self.silhouette = hsl(0.62, 0.25, 0.16)


def vertical_gradient(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], top, bottom) -> None:
    """Fill box with a top-to-bottom gradient (in bands of 4 pixels, which compress well)."""
    x0, y0, x1, y1 = box
    span = max(1, y1 - y0)
    for y in range(y0, y1, 4):
        draw.rectangle((x0, y, x1, min(y + 4, y1)), fill=mix(top, bottom, (y - y0) / span))


def sky(draw, pal: Palette, rng: random.Random, horizon: int, w: int) -> None:
    """Draw the sky with sun or moon and a few flat clouds."""
    vertical_gradient(draw, (0, 0, w, horizon), pal.sky_top, pal.sky_bottom)
    if pal.mood in ("day", "dawn", "dusk"):
        r = rng.randint(int(w * 0.04), int(w * 0.07))
        cx, cy = rng.randint(int(w * 0.1), int(w * 0.9)), rng.randint(int(horizon * 0.15), int(horizon * 0.6))
        sun = (255, 240, 200) if pal.mood == "day" else (255, 200, 140)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=sun)
    elif pal.mood == "night":
        r = int(w * 0.035)
        cx, cy = rng.randint(int(w * 0.1), int(w * 0.9)), int(horizon * 0.25)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(235, 235, 210))
        draw.ellipse((cx - r + r // 2, cy - r - r // 5, cx + r + r // 2, cy + r - r // 5), fill=pal.sky_top)
        for _ in range(40):
            sx, sy = rng.randint(0, w), rng.randint(0, int(horizon * 0.7))
            draw.ellipse((sx, sy, sx + 5, sy + 5), fill=(230, 230, 240))
    cloud = mix(pal.sky_bottom, (255, 255, 255), 0.55 if pal.mood != "night" else 0.1)
    for _ in range(rng.randint(2, 5)):
        cx, cy = rng.randint(0, w), rng.randint(int(horizon * 0.1), int(horizon * 0.55))
        cw = rng.randint(int(w * 0.08), int(w * 0.18))
        for k in range(4):
            ox = int(cw * (k - 1.5) * 0.45)
            rr = int(cw * (0.32 if k in (1, 2) else 0.22))
            draw.ellipse((cx + ox - rr, cy - rr, cx + ox + rr, cy + rr // 2), fill=cloud)


def gable_house(draw, pal: Palette, rng: random.Random, x: int, base: int, hw: int, hh: int) -> None:
    """Draw one narrow Dutch house with a step, neck, bell or pointed gable."""
    colour = rng.choice(pal.brick)
    trim = mix(colour, (255, 255, 255), 0.7)
    draw.rectangle((x, base - hh, x + hw, base), fill=colour)
    top = base - hh
    kind = rng.choice(("step", "neck", "bell", "point", "flat"))
    gh = int(hw * rng.uniform(0.45, 0.8))
    if kind == "step":
        steps = 3
        for i in range(steps):
            inset = int(hw * 0.5 * i / steps)
            draw.rectangle((x + inset, top - gh * (i + 1) // steps, x + hw - inset, top), fill=colour)
    elif kind == "neck":
        draw.rectangle((x + hw // 4, top - gh, x + hw - hw // 4, top), fill=colour)
        draw.polygon([(x, top), (x + hw // 4, top - gh // 2), (x + hw // 4, top)], fill=colour)
        draw.polygon([(x + hw, top), (x + hw - hw // 4, top - gh // 2), (x + hw - hw // 4, top)], fill=colour)
        draw.rectangle((x + hw // 4 - 6, top - gh - 10, x + hw - hw // 4 + 6, top - gh + 6), fill=trim)
    elif kind == "bell":
        draw.pieslice((x, top - gh, x + hw, top + gh), 180, 360, fill=colour)
        draw.rectangle((x + hw // 3, top - gh - 12, x + hw - hw // 3, top - gh + 8), fill=trim)
    elif kind == "point":
        draw.polygon([(x, top), (x + hw // 2, top - gh), (x + hw, top)], fill=colour)
    else:
        draw.rectangle((x - 6, top - 16, x + hw + 6, top), fill=trim)
    # windows: a grid, some lit
    cols = 2 if hw < 200 else 3
    rows = max(2, hh // 170)
    ww = int(hw / (cols * 1.8))
    wh = int(ww * 1.5)
    for r in range(rows):
        for c in range(cols):
            wx = x + int((c + 0.5) * hw / cols) - ww // 2
            wy = top + 40 + r * int((hh - 140) / rows)
            if wy + wh > base - 120:
                continue
            lit = pal.window_lit if rng.random() < 0.5 else mix(pal.window_lit, (30, 40, 60), 0.6)
            draw.rectangle((wx - 6, wy - 6, wx + ww + 6, wy + wh + 6), fill=trim)
            draw.rectangle((wx, wy, wx + ww, wy + wh), fill=lit)
            draw.line((wx, wy + wh // 2, wx + ww, wy + wh // 2), fill=trim, width=5)
    dw = int(hw * 0.28)
    dx = x + rng.choice((hw // 6, hw // 2 - dw // 2, hw - hw // 6 - dw))
    draw.rectangle((dx, base - int(dw * 2.1), dx + dw, base), fill=mix(colour, (20, 20, 30), 0.5))
    draw.rectangle((dx - 6, base - int(dw * 2.1) - 8, dx + dw + 6, base - int(dw * 2.1)), fill=trim)


def house_row(draw, pal, rng, base: int, w: int, scale: float = 1.0) -> None:
    """Draw a row of gabled houses standing on the line y=base across the width."""
    x = -rng.randint(0, 120)
    while x < w:
        hw = int(rng.randint(230, 340) * scale)
        hh = int(rng.randint(520, 820) * scale)
        gable_house(draw, pal, rng, x, base, hw, hh)
        x += hw + int(rng.choice((0, 0, 6, 14)) * scale)


def tree(draw, pal, rng, x: int, base: int, size: int, kind: str = "round") -> None:
    """Draw a simple tree: round crown, poplar or pine."""
    trunk = mix(pal.brick[3], (40, 30, 20), 0.5)
    leaf = mix(pal.grass, (10, 40, 20), rng.uniform(0.1, 0.5))
    if kind == "poplar":
        draw.rectangle((x - size // 22, base - size // 4, x + size // 22, base), fill=trunk)
        draw.ellipse((x - size // 6, base - size, x + size // 6, base - size // 6), fill=leaf)
    elif kind == "pine":
        draw.rectangle((x - size // 25, base - size // 5, x + size // 25, base), fill=trunk)
        for i in range(3):
            top = base - size + i * size // 4
            half = size // 5 + i * size // 10
            draw.polygon([(x, top), (x - half, top + size // 2), (x + half, top + size // 2)], fill=leaf)
    else:
        draw.rectangle((x - size // 18, base - size // 2, x + size // 18, base), fill=trunk)
        r = size // 3
        for ox, oy in ((0, -size + r), (-r // 2, -size + int(r * 1.5)), (r // 2, -size + int(r * 1.5))):
            draw.ellipse((x + ox - r, base + oy - r, x + ox + r, base + oy + r), fill=leaf)


def windmill(draw, pal, rng, x: int, base: int, size: int) -> None:
    """Draw a Dutch windmill silhouette."""
    body = mix(pal.silhouette, pal.sky_bottom, 0.35)
    draw.polygon(
        [
            (x - size // 5, base),
            (x - size // 9, base - size),
            (x + size // 9, base - size),
            (x + size // 5, base),
        ],
        fill=body,
    )
    hub = (x, base - size)
    a0 = rng.uniform(0, math.pi / 2)
    for k in range(4):
        a = a0 + k * math.pi / 2
        ex, ey = hub[0] + math.cos(a) * size * 0.8, hub[1] + math.sin(a) * size * 0.8
        draw.line((hub, (ex, ey)), fill=body, width=max(4, size // 40))
        px, py = -math.sin(a) * size * 0.09, math.cos(a) * size * 0.09
        m1 = (hub[0] + math.cos(a) * size * 0.2, hub[1] + math.sin(a) * size * 0.2)
        draw.polygon([m1, (ex, ey), (ex + px, ey + py), (m1[0] + px, m1[1] + py)], fill=body)
    draw.ellipse(
        (hub[0] - size // 14, hub[1] - size // 14, hub[0] + size // 14, hub[1] + size // 14), fill=body
    )


def bicycle(draw, colour, x: int, base: int, size: int, width: int) -> None:
    """Draw a classic Dutch bicycle (side view) standing at x, wheels on y=base."""
    r = size // 2
    back, front = (x - int(size * 0.6), base - r), (x + int(size * 0.6), base - r)
    for cx, cy in (back, front):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour, width=width)
        draw.ellipse((cx - width, cy - width, cx + width, cy + width), fill=colour)
    pedal = (x - int(size * 0.05), base - r)
    seat = (x - int(size * 0.2), base - int(size * 1.25))
    head = (front[0] - int(size * 0.15), base - int(size * 1.3))
    for a, b in (
        (back, pedal),
        (pedal, seat),
        (seat, back),
        (pedal, head),
        (head, front),
        ((seat[0] + int(size * 0.03), seat[1] + int(size * 0.1)), (head[0], head[1] + int(size * 0.12))),
    ):
        draw.line((a, b), fill=colour, width=width)
    draw.line(
        ((seat[0] - size // 7, seat[1] - width), (seat[0] + size // 10, seat[1] - width)),
        fill=colour,
        width=width * 2,
    )
    draw.line((head, (head[0] - size // 6, head[1] - size // 6)), fill=colour, width=width)
    draw.line(
        ((head[0] - size // 6, head[1] - size // 6), (head[0] - size // 3, head[1] - size // 7)),
        fill=colour,
        width=width,
    )
    # carrier over the back wheel
    draw.line(
        ((seat[0], seat[1] + size // 5), (back[0] - size // 8, back[1] - r - size // 12)),
        fill=colour,
        width=width,
    )


def car(draw, body, x: int, base: int, length: int, lights: bool) -> None:
    """Draw a boxy 1980s car in profile, its wheels on y=base, front to the right."""
    h = length // 4
    wheel = length // 9
    draw.rounded_rectangle(
        (x, base - h - wheel // 2, x + length, base - wheel // 2), radius=length // 30, fill=body
    )
    draw.polygon(
        [
            (x + length * 0.2, base - h - wheel // 2),
            (x + length * 0.32, base - h * 1.85 - wheel // 2),
            (x + length * 0.68, base - h * 1.85 - wheel // 2),
            (x + length * 0.8, base - h - wheel // 2),
        ],
        fill=body,
    )
    glass = mix(body, (200, 220, 235), 0.6)
    draw.polygon(
        [
            (x + length * 0.26, base - h - wheel // 2 - 6),
            (x + length * 0.345, base - h * 1.75 - wheel // 2),
            (x + length * 0.49, base - h * 1.75 - wheel // 2),
            (x + length * 0.49, base - h - wheel // 2 - 6),
        ],
        fill=glass,
    )
    draw.polygon(
        [
            (x + length * 0.52, base - h - wheel // 2 - 6),
            (x + length * 0.52, base - h * 1.75 - wheel // 2),
            (x + length * 0.665, base - h * 1.75 - wheel // 2),
            (x + length * 0.75, base - h - wheel // 2 - 6),
        ],
        fill=glass,
    )
    for cx in (x + length * 0.2, x + length * 0.8):
        draw.ellipse(
            (cx - wheel, base - 2 * wheel + wheel // 2, cx + wheel, base + wheel // 2), fill=(25, 25, 28)
        )
        draw.ellipse(
            (
                cx - wheel // 2,
                base - wheel - wheel // 2 + wheel // 2,
                cx + wheel // 2,
                base + wheel // 2 - wheel // 2,
            ),
            fill=(150, 150, 155),
        )
    if lights:
        draw.polygon(
            [
                (x + length, base - h * 0.8),
                (x + length * 1.9, base - h * 1.6),
                (x + length * 1.9, base + h * 0.4),
                (x + length, base - h * 0.45),
            ],
            fill=(255, 240, 190, 60),
        )
    draw.rectangle((x + length - 14, base - h * 0.85, x + length + 4, base - h * 0.6), fill=(255, 230, 160))


def scene_gables(img, draw, pal, rng) -> None:
    w, h = img.size
    horizon = int(h * 0.78)
    sky(draw, pal, rng, horizon, w)
    house_row(draw, pal, rng, horizon, w, scale=SUPERSAMPLE * 0.95)
    vertical_gradient(draw, (0, horizon, w, h), mix(pal.road, (120, 120, 120), 0.3), pal.road)
    for i in range(0, w, 180):  # cobbles, suggested
        draw.line((i, horizon + 40, i - 200, h), fill=mix(pal.road, (0, 0, 0), 0.15), width=6)
    lamp = pal.silhouette
    for lx in (int(w * rng.uniform(0.15, 0.35)), int(w * rng.uniform(0.65, 0.85))):
        draw.rectangle((lx - 10, horizon - 760, lx + 10, horizon + 60), fill=lamp)
        draw.rectangle((lx - 46, horizon - 800, lx + 46, horizon - 740), fill=lamp)
        if pal.mood in ("night", "dusk"):
            draw.ellipse((lx - 34, horizon - 790, lx + 34, horizon - 744), fill=(255, 225, 150))


def scene_canal(img, draw, pal, rng) -> None:
    w, h = img.size
    quay = int(h * 0.62)
    sky(draw, pal, rng, quay, w)
    house_row(draw, pal, rng, quay, w, scale=SUPERSAMPLE * 0.7)
    for _ in range(rng.randint(2, 4)):
        tree(draw, pal, rng, rng.randint(0, w), quay, rng.randint(500, 800))
    draw.rectangle((0, quay, w, quay + 60), fill=mix(pal.road, (150, 150, 150), 0.4))
    # the water mirrors the quay, darker and blurred
    top = img.crop((0, quay - (h - quay - 60), w, quay)).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    top = top.filter(ImageFilter.GaussianBlur(10))
    water = Image.new("RGB", top.size, pal.water)
    img.paste(Image.blend(top, water, 0.55), (0, quay + 60))
    for _ in range(60):
        y = rng.randint(quay + 80, h)
        x = rng.randint(0, w)
        draw.line((x, y, x + rng.randint(60, 220), y), fill=mix(pal.water, (255, 255, 255), 0.3), width=5)
    if rng.random() < 0.6:  # a bridge railing in front
        rail = pal.silhouette
        y = int(h * 0.9)
        draw.rectangle((0, y, w, y + 24), fill=rail)
        for x in range(0, w, 140):
            draw.rectangle((x, y, x + 16, h), fill=rail)


def scene_dyke(img, draw, pal, rng) -> None:
    w, h = img.size
    horizon = int(h * 0.55)
    sky(draw, pal, rng, horizon, w)
    draw.rectangle((0, horizon, w, h), fill=pal.water)
    crest = int(h * 0.5)
    draw.polygon([(0, h), (0, crest + 40), (w, crest - 40), (w, h)], fill=pal.grass)
    draw.polygon([(0, crest + 40), (w, crest - 40), (w, crest - 8), (0, crest + 72)], fill=pal.road)
    for k in range(12):  # dashed line of the dyke road
        x = k * w // 12
        y = crest + 56 - int(80 * x / w)
        draw.line((x, y, x + w // 30, y - 3), fill=(235, 235, 220), width=6)
    vertical_gradient(draw, (0, int(h * 0.75), w, h), pal.grass, pal.grass_light)
    for _ in range(rng.randint(3, 6)):
        tree(
            draw,
            pal,
            rng,
            rng.randint(0, w),
            crest - 20 + rng.randint(0, 40),
            rng.randint(250, 420),
            "poplar",
        )
    if rng.random() < 0.5:
        windmill(draw, pal, rng, rng.randint(int(w * 0.6), int(w * 0.9)), crest - 40, rng.randint(380, 520))
    for _ in range(rng.randint(4, 9)):  # sheep
        sx, sy = rng.randint(0, w), rng.randint(int(h * 0.7), int(h * 0.95))
        draw.ellipse((sx, sy, sx + 90, sy + 50), fill=(240, 238, 228))
        draw.ellipse((sx + 74, sy + 4, sx + 108, sy + 30), fill=(50, 50, 50))


def scene_bridge(img, draw, pal, rng) -> None:
    w, h = img.size
    horizon = int(h * 0.66)
    sky(draw, pal, rng, horizon, w)
    draw.rectangle((0, horizon, w, h), fill=pal.water)
    for _ in range(50):
        y, x = rng.randint(horizon + 20, h), rng.randint(0, w)
        draw.line((x, y, x + rng.randint(80, 260), y), fill=mix(pal.water, (255, 255, 255), 0.25), width=5)
    steel = mix(pal.accent, pal.silhouette, 0.55)
    deck = int(h * 0.5)
    draw.rectangle((0, deck, w, deck + 50), fill=steel)
    span = w // 3
    for s in range(3):
        x0 = s * span
        draw.rectangle((x0 - 30, deck + 50, x0 + 30, h), fill=mix(steel, (120, 110, 100), 0.5))
        draw.arc((x0, deck - span // 2, x0 + span, deck + span // 2), 180, 360, fill=steel, width=28)
        for k in range(1, 8):
            px = x0 + k * span // 8
            t = (px - x0 - span / 2) / (span / 2)
            py = deck - int(span / 2 * math.sqrt(max(0.0, 1 - t * t)))
            draw.line((px, py, px, deck), fill=steel, width=12)
            nx = x0 + (k + 1) * span // 8
            draw.line((px, py, nx, deck), fill=steel, width=8)
    if rng.random() < 0.7:  # a train on the bridge
        tx = rng.randint(-200, w // 3)
        colour = rng.choice(((245, 200, 40), (30, 60, 140), (200, 40, 40)))
        for c in range(rng.randint(2, 4)):
            x = tx + c * 620
            draw.rounded_rectangle((x, deck - 230, x + 600, deck - 10), radius=40, fill=colour)
            for wx in range(x + 60, x + 560, 110):
                draw.rectangle(
                    (wx, deck - 200, wx + 70, deck - 130), fill=mix(pal.sky_bottom, (40, 40, 60), 0.5)
                )


def scene_polder(img, draw, pal, rng) -> None:
    w, h = img.size
    horizon = int(h * 0.5)
    sky(draw, pal, rng, horizon, w)
    draw.rectangle((0, horizon, w, h), fill=pal.grass)
    vanish = (rng.randint(int(w * 0.3), int(w * 0.7)), horizon)
    for k in range(-8, 9):  # ditches run to the vanishing point
        x = vanish[0] + k * w // 5
        colour = pal.water if k % 2 == 0 else pal.grass_light
        draw.polygon([vanish, (x - 20, h), (x + (30 if k % 2 == 0 else 200), h)], fill=colour)
    for k in range(rng.randint(5, 11)):
        tree(draw, pal, rng, int(w * 0.05 + k * w * 0.07), horizon + 6, rng.randint(180, 260), "poplar")
    windmill(draw, pal, rng, rng.randint(int(w * 0.65), int(w * 0.92)), horizon + 10, rng.randint(300, 480))
    if rng.random() < 0.5:  # a farm
        fx = rng.randint(int(w * 0.1), int(w * 0.4))
        draw.rectangle((fx, horizon - 90, fx + 260, horizon + 4), fill=pal.brick[0])
        draw.polygon(
            [(fx - 30, horizon - 90), (fx + 130, horizon - 220), (fx + 290, horizon - 90)],
            fill=mix(pal.brick[3], (20, 20, 20), 0.4),
        )


def scene_forest(img, draw, pal, rng) -> None:
    w, h = img.size
    horizon = int(h * 0.6)
    sky(draw, pal, rng, horizon, w)
    vertical_gradient(draw, (0, horizon, w, h), mix(pal.grass, hsl(0.1, 0.3, 0.4), 0.5), pal.grass)
    path = mix(hsl(0.09, 0.3, 0.62), (0, 0, 0), 1 - pal.dark)
    draw.polygon(
        [(w // 2 - 30, horizon), (w // 2 + 30, horizon), (w // 2 + 500, h), (w // 2 - 420, h)], fill=path
    )
    for layer, (count, size) in enumerate(((14, 380), (10, 560), (6, 900))):
        for _ in range(count):
            x = rng.randint(0, w)
            if abs(x - w // 2) < 200 + layer * 150:
                continue
            base = horizon + layer * 140 + rng.randint(0, 60)
            tree(draw, pal, rng, x, base, size + rng.randint(-60, 60), rng.choice(("pine", "round", "pine")))


def scene_beach(img, draw, pal, rng) -> None:
    w, h = img.size
    horizon = int(h * 0.45)
    sky(draw, pal, rng, horizon, w)
    draw.rectangle((0, horizon, w, int(h * 0.62)), fill=mix(pal.water, (60, 110, 140), 0.4))
    sand = mix(hsl(0.12, 0.45, 0.78), (0, 0, 0), 1 - pal.dark)
    draw.rectangle((0, int(h * 0.62), w, h), fill=sand)
    for k in range(6):
        y = horizon + 40 + k * 50
        draw.line((0, y, w, y), fill=mix(pal.water, (255, 255, 255), 0.35), width=4)
    dune = mix(sand, pal.grass, 0.25)
    pts = (
        [(0, h)]
        + [
            (x, int(h * 0.75) - int(120 * math.sin(x / w * math.pi * rng.uniform(1.5, 3))))
            for x in range(0, w + 1, 60)
        ]
        + [(w, h)]
    )
    draw.polygon(pts, fill=dune)
    for _ in range(80):  # marram grass
        x, y = rng.randint(0, w), rng.randint(int(h * 0.72), h)
        draw.line(
            (x, y, x + rng.randint(-30, 30), y - rng.randint(40, 90)), fill=mix(pal.grass, dune, 0.3), width=5
        )
    for k in range(rng.randint(8, 14)):  # beach posts
        x = int(w * 0.55) + k * 70
        draw.rectangle(
            (x, int(h * 0.6) + k * 8, x + 24, int(h * 0.66) + k * 10), fill=mix(sand, (80, 60, 40), 0.6)
        )


def scene_bicycle(img, draw, pal, rng) -> None:
    w, h = img.size
    horizon = int(h * 0.8)
    wall = rng.choice(pal.brick[:3])
    draw.rectangle((0, 0, w, horizon), fill=wall)
    mortar = mix(wall, (240, 230, 220), 0.25)
    for row, y in enumerate(range(0, horizon, 60)):  # brick courses
        draw.line((0, y, w, y), fill=mortar, width=6)
        off = 0 if row % 2 else 120
        for x in range(off, w, 240):
            draw.line((x, y, x, y + 60), fill=mortar, width=6)
    wx = rng.randint(int(w * 0.05), int(w * 0.25))
    draw.rectangle((wx, int(h * 0.12), wx + 560, int(h * 0.5)), fill=mix(wall, (255, 255, 255), 0.7))
    draw.rectangle((wx + 30, int(h * 0.12) + 30, wx + 530, int(h * 0.5) - 30), fill=pal.window_lit)
    draw.rectangle((0, horizon, w, h), fill=mix(pal.road, (150, 150, 150), 0.4))
    bicycle(draw, pal.accent, int(w * rng.uniform(0.5, 0.65)), horizon + 60, 900, 26)


def scene_car(img, draw, pal, rng) -> None:
    w, h = img.size
    horizon = int(h * 0.58)
    sky(draw, pal, rng, horizon, w)
    draw.rectangle((0, horizon, w, h), fill=pal.grass)
    for _ in range(rng.randint(6, 12)):
        tree(draw, pal, rng, rng.randint(0, w), horizon + 10, rng.randint(260, 420), "round")
    road_top = int(h * 0.7)
    draw.rectangle((0, road_top, w, int(h * 0.92)), fill=pal.road)
    for x in range(0, w, 320):
        draw.rectangle((x, int(h * 0.81), x + 170, int(h * 0.81) + 16), fill=(235, 235, 225))
    body = hsl(rng.random(), 0.45, 0.42 * pal.dark + 0.1)
    car(draw, body, rng.randint(int(w * 0.1), int(w * 0.4)), int(h * 0.86), 1400, pal.mood == "night")


def scene_silhouette(img, draw, pal, rng) -> None:
    """A neutral head-and-shoulders outline on a patterned ground: clearly nobody in particular."""
    w, h = img.size
    bg = hsl(pal.accent_hue, 0.25, 0.78)
    draw.rectangle((0, 0, w, h), fill=bg)
    ring = mix(bg, (255, 255, 255), 0.35)
    cx, cy = w // 2, int(h * 0.5)
    for r in range(100, w, 140):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=ring, width=30)
    fig = hsl(pal.accent_hue + 0.5, 0.15, 0.32)
    head_r = int(h * 0.16)
    draw.ellipse(
        (cx - int(head_r * 0.85), int(h * 0.2), cx + int(head_r * 0.85), int(h * 0.2) + 2 * head_r), fill=fig
    )
    draw.rectangle(
        (cx - head_r // 3, int(h * 0.2) + 2 * head_r - 20, cx + head_r // 3, int(h * 0.62)), fill=fig
    )
    draw.pieslice((cx - int(w * 0.3), int(h * 0.6), cx + int(w * 0.3), int(h * 1.4)), 180, 360, fill=fig)
    draw.rectangle((cx - int(w * 0.3), int(h * 0.99), cx + int(w * 0.3), h), fill=fig)


SCENE_FUNCS = {
    "gables": scene_gables,
    "canal": scene_canal,
    "dyke": scene_dyke,
    "bridge": scene_bridge,
    "polder": scene_polder,
    "forest": scene_forest,
    "beach": scene_beach,
    "bicycle": scene_bicycle,
    "car": scene_car,
    "silhouette": scene_silhouette,
}


def label(img: Image.Image) -> None:
    """Put a small pencil sign in a rounded box in the bottom right corner, so the picture is never taken for a
    photo. No words: the picture is shown in every language, and the page names it in the reader's."""
    draw = ImageDraw.Draw(img)
    size = 64
    bx, by = img.width - size - 28, img.height - size - 28
    draw.rounded_rectangle((bx, by, bx + size, by + size), radius=12, fill=(255, 255, 255), outline=(60, 60, 60),
                           width=2)
    # A pencil drawn diagonally: body, wooden tip, lead.
    x0, y0, x1, y1 = bx + 14, by + size - 14, bx + size - 14, by + 14
    draw.line((x0 + 8, y0 - 8, x1, y1), fill=(60, 60, 60), width=12)
    draw.polygon([(x0, y0), (x0 + 3, y0 - 13), (x0 + 13, y0 - 3)], fill=(222, 184, 135), outline=(60, 60, 60))
    draw.polygon([(x0, y0), (x0 + 1, y0 - 5), (x0 + 5, y0 - 1)], fill=(40, 40, 40))


def draw_scene(scene: str, seed: str) -> Image.Image:
    """Return a WIDTH x HEIGHT RGB image of the scene, its details seeded by seed."""
    rng = seeded_random(seed)
    pal = Palette(rng)
    big = Image.new("RGB", (WIDTH * SUPERSAMPLE, HEIGHT * SUPERSAMPLE), pal.sky_bottom)
    SCENE_FUNCS[scene](big, ImageDraw.Draw(big, "RGBA"), pal, rng)
    img = big.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    label(img)
    return img


def encode(img: Image.Image) -> bytes:
    """Encode as JPEG at the highest quality in QUALITIES that stays under MAX_BYTES."""
    data = b""
    for quality in QUALITIES:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, optimize=True, progressive=True)
        data = buf.getvalue()
        if len(data) <= MAX_BYTES:
            return data
    raise ValueError(f"cannot get the image under {MAX_BYTES} bytes (last try {len(data)} bytes)")


def front_matter(case_md: Path) -> dict:
    """Return the YAML front matter of a case.md as a dict."""
    text = case_md.read_text(encoding="utf-8")
    if not text.startswith("---"):
        raise ValueError(f"{case_md}: no front matter")
    return yaml.safe_load(text.split("\n---", 1)[0][3:]) or {}


def scene_for(case_id: str, tags: list[str], index: int) -> str:
    """Pick the scene of the index-th photo of a case from its tags or, failing that, its id."""
    rng = seeded_random(case_id, "scene")
    if index == 0:
        for tag in tags:
            if str(tag) in SCENE_TAGS:
                return SCENE_TAGS[str(tag)]
        return rng.choice(SCENES)
    return SECOND_SCENES[(index + rng.randrange(len(SECOND_SCENES))) % len(SECOND_SCENES)]


PORTRAIT_SIZE = (1500, 1875)  # 4:5, enough for the 80 x 100 mm portrait frame at 300 dpi (A4)


def draw_portrait(seed: str) -> Image.Image:
    """A simple flat drawing of a head and shoulders: plainly a drawing, never a real person.

    Skin, hair and clothes are seeded from the case, so each case's drawing differs and stays the same.
    """
    rng = seeded_random(seed, "portrait")
    w, h = PORTRAIT_SIZE[0] * SUPERSAMPLE, PORTRAIT_SIZE[1] * SUPERSAMPLE
    background = hsl(rng.random(), 0.22, 0.80)
    img = Image.new("RGB", (w, h), background)
    draw = ImageDraw.Draw(img)
    skin = rng.choice([(241, 204, 170), (224, 172, 130), (198, 140, 100), (150, 100, 70), (110, 72, 50)])
    hair = rng.choice([(40, 30, 25), (90, 60, 35), (160, 120, 70), (200, 170, 110), (120, 120, 120)])
    shirt = hsl(rng.random(), 0.45, 0.38)
    cx = w // 2
    head_w, head_h = int(w * 0.36), int(h * 0.34)
    top = int(h * 0.17)
    long_hair = rng.random() < 0.5
    # Shoulders and neck first, the head over them.
    draw.pieslice((cx - int(w * 0.46), int(h * 0.66), cx + int(w * 0.46), int(h * 1.3)), 180, 360, fill=shirt)
    draw.rectangle((cx - int(w * 0.46), int(h * 0.98), cx + int(w * 0.46), h), fill=shirt)
    if long_hair:
        draw.rounded_rectangle((cx - head_w // 2 - int(w * 0.05), top + head_h // 4, cx + head_w // 2 + int(w * 0.05),
                                top + int(head_h * 1.25)), radius=int(w * 0.08), fill=hair)
    draw.rectangle((cx - int(w * 0.07), top + head_h - int(h * 0.04), cx + int(w * 0.07), int(h * 0.72)), fill=skin)
    draw.ellipse((cx - head_w // 2, top, cx + head_w // 2, top + head_h), fill=skin)
    draw.chord((cx - head_w // 2 - 8, top - int(h * 0.02), cx + head_w // 2 + 8, top + int(head_h * 0.55)),
               180, 360, fill=hair)
    eye_y, eye_dx, eye_r = top + int(head_h * 0.5), int(head_w * 0.2), int(w * 0.018)
    for side in (-1, 1):
        ex = cx + side * eye_dx
        draw.ellipse((ex - eye_r, eye_y - eye_r, ex + eye_r, eye_y + eye_r), fill=(45, 40, 40))
        draw.line((ex - 3 * eye_r, eye_y - 3 * eye_r, ex + 3 * eye_r, eye_y - int(3.4 * eye_r)), fill=hair,
                  width=max(6, eye_r // 2))
    draw.line((cx, eye_y + eye_r * 2, cx - eye_r, eye_y + int(head_h * 0.2)), fill=mix(skin, (0, 0, 0), 0.3),
              width=max(6, eye_r // 2))
    mouth_y = top + int(head_h * 0.78)
    draw.arc((cx - int(head_w * 0.16), mouth_y - int(h * 0.03), cx + int(head_w * 0.16), mouth_y + int(h * 0.015)),
             20, 160, fill=(120, 60, 60), width=max(8, eye_r // 2))
    img = img.resize(PORTRAIT_SIZE, Image.Resampling.LANCZOS)
    label(img, "tekening · geen echt persoon")
    return img


def main(argv: list[str]) -> int:
    """Draw every photo of every case under the cases folder; print one line per file."""
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "cases"
    total = 0
    for case_md in sorted(root.glob("*/case.md")):
        folder = case_md.parent
        if folder.name.startswith((".", "_")) or folder.name == "editions":
            continue
        meta = front_matter(case_md)
        tags = meta.get("tags") or []
        scenes = [photo["file"] for photo in meta.get("photos") or [] if photo["file"] != "portrait.jpg"]
        for photo in meta.get("photos") or []:
            name = photo["file"]
            if name == "portrait.jpg":
                scene, image = "portrait", draw_portrait(folder.name)
            else:
                scene = scene_for(folder.name, tags, scenes.index(name))
                image = draw_scene(scene, f"{folder.name}/{name}")
            data = encode(image)
            (folder / name).write_bytes(data)
            total += 1
            print(f"{folder.name}/{name}: {scene}, {len(data) // 1024} KB")
    print(f"{total} photos")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
