"""A small SVG builder for box-and-arrow figures.

Why not matplotlib: its SVGs carry generated ids, clip paths and glyph-by-glyph positioning; here
each label is one `<text>` element (selectable, searchable, translated), and a file is a few kB.
Coordinates are rounded to 0.1 so the output is byte-for-byte stable. Arrowheads are drawn as
polygons rather than `<marker>`s, so the file needs no ids at all.
"""

import math
import re
from xml.sax.saxutils import escape, quoteattr

from diagrams.style import FONT_FAMILY, FONT_SIZE, MAX_WIDTH, MIN_SIZE, Scheme

HEAD_LENGTH = 9.0
HEAD_HALF_WIDTH = 4.5

# `h_t`, `h_{t−1}`: the part after `_` is set as a subscript.
_SUBSCRIPT = re.compile(r"_(\{[^}]*\}|\S)")


def num(value: float) -> str:
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def text_width(label: str, size: float) -> float:
    """Estimated width of a label: Hangul is about one em wide, Latin about half."""
    width = 0.0
    for part, is_sub in split_subscripts(label):
        scale = max(MIN_SIZE / size, 0.75) if is_sub else 1.0
        for char in part:
            if "\uac00" <= char <= "\ud7a3":
                em = 1.0
            elif char in "WM":
                em = 0.9
            elif char.isupper() or char in "mw×−→⋯":
                em = 0.68
            elif char.isdigit():
                em = 0.57
            elif char in " .,:;·()|ijlt'":
                em = 0.3
            else:
                em = 0.55
            width += em * size * scale
    return width


def split_subscripts(label: str) -> list[tuple[str, bool]]:
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in _SUBSCRIPT.finditer(label):
        if match.start() > position:
            parts.append((label[position : match.start()], False))
        parts.append((match.group(1).strip("{}"), True))
        position = match.end()
    if position < len(label):
        parts.append((label[position:], False))
    return parts


class Drawing:
    """One figure in one colour scheme; `str()` gives the SVG document."""

    def __init__(self, width: float, height: float, scheme: Scheme):
        if width > MAX_WIDTH:
            raise ValueError(
                f"{width} units wide: too wide to read on a phone (at most {MAX_WIDTH})"
            )
        self.width = width
        self.height = height
        self.scheme = scheme
        self._elements: list[str] = []

    def __str__(self) -> str:
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(self.width)} '
            f'{num(self.height)}" width="{num(self.width)}" height="{num(self.height)}" '
            f'font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}">'
        )
        return "\n".join([head, *self._elements, "</svg>"]) + "\n"

    # Shapes ----------------------------------------------------------------------------------

    def rect(self, x, y, w, h, stroke=None, fill="none", rx=6.0, dashed=False, width=1.5):
        stroke_attrs = self._stroke(stroke, width, dashed) if stroke else ""
        self._elements.append(
            f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" rx="{num(rx)}" '
            f'fill="{self._paint(fill)}"{stroke_attrs}/>'
        )

    def circle(self, cx, cy, r, stroke=None, fill="none", width=1.5):
        stroke_attrs = self._stroke(stroke, width, False) if stroke else ""
        self._elements.append(
            f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{num(r)}" '
            f'fill="{self._paint(fill)}"{stroke_attrs}/>'
        )

    def line(self, points, colour, width=2.0, dashed=False, radius=0.0):
        """A polyline; `radius` rounds its corners."""
        self._elements.append(
            f'<path d="{_path(points, radius)}" fill="none"'
            f"{self._stroke(colour, width, dashed)} "
            'stroke-linecap="round" stroke-linejoin="round"/>'
        )

    def arrow(self, points, colour, width=2.0, dashed=False, radius=0.0):
        """A polyline ending in an arrowhead at its last point."""
        (x0, y0), (x1, y1) = points[-2], points[-1]
        length = math.hypot(x1 - x0, y1 - y0)
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        # Stop the line inside the head so its square end never pokes out of the tip.
        shaft_end = (x1 - ux * HEAD_LENGTH * 0.6, y1 - uy * HEAD_LENGTH * 0.6)
        self.line([*points[:-1], shaft_end], colour, width, dashed, radius)
        bx, by = x1 - ux * HEAD_LENGTH, y1 - uy * HEAD_LENGTH
        corners = [
            (x1, y1),
            (bx - uy * HEAD_HALF_WIDTH, by + ux * HEAD_HALF_WIDTH),
            (bx + uy * HEAD_HALF_WIDTH, by - ux * HEAD_HALF_WIDTH),
        ]
        coords = " ".join(f"{num(x)},{num(y)}" for x, y in corners)
        self._elements.append(f'<polygon points="{coords}" fill="{self._paint(colour)}"/>')

    def polyline(self, points, colour, width=2.0, dashed=False):
        """A data line: many points, no rounding of corners."""
        coords = " ".join(f"{num(x)},{num(y)}" for x, y in points)
        self._elements.append(
            f'<polyline points="{coords}" fill="none"{self._stroke(colour, width, dashed)} '
            'stroke-linejoin="round"/>'
        )

    # Text ------------------------------------------------------------------------------------

    def text(self, x, y, label, colour="ink", size=FONT_SIZE, anchor="middle", bold=False):
        """One label; `y` is the middle of the lowercase letters, so text centres on a shape."""
        shift = round(size * 0.28, 1)
        body = []
        lowered = False
        for part, is_sub in split_subscripts(label):
            if is_sub:
                small = num(max(MIN_SIZE, size * 0.75))
                body.append(f'<tspan dy="{num(shift)}" font-size="{small}">{escape(part)}</tspan>')
            elif lowered:
                body.append(f'<tspan dy="-{num(shift)}">{escape(part)}</tspan>')
            else:
                body.append(escape(part))
            lowered = is_sub
        attrs = [
            f'x="{num(x)}"',
            f'y="{num(y + size * 0.35)}"',
            f'fill="{self._paint(colour)}"',
        ]
        if size != FONT_SIZE:
            attrs.append(f'font-size="{num(size)}"')
        attrs.append(f'text-anchor="{anchor}"')
        if bold:
            attrs.append('font-weight="bold"')
        self._elements.append(f"<text {' '.join(attrs)}>{''.join(body)}</text>")

    def box(self, cx, cy, w, h, role, lines, colours=None, sizes=None, dashed=False, rx=8.0):
        """A rounded box of a role's colours with lines of text centred in it."""
        self.rect(
            cx - w / 2,
            cy - h / 2,
            w,
            h,
            self.scheme.colour(role),
            self.scheme.fill(role),
            rx,
            dashed,
        )
        sizes = sizes or [FONT_SIZE] * len(lines)
        colours = colours or ["ink"] * len(lines)
        gap = 4.0
        total = sum(sizes) + gap * (len(lines) - 1)
        y = cy - total / 2
        for line, size, colour in zip(lines, sizes, colours, strict=True):
            self.text(cx, y + size / 2, line, colour, size)
            y += size + gap

    def op(self, cx, cy, symbol, role="op", r=13.0):
        """A pointwise operation (+, ×, ·) as a small circle."""
        self.circle(cx, cy, r, self.scheme.colour(role), self.scheme.fill(role))
        self.text(cx, cy - 1, symbol, "ink", FONT_SIZE + 2, bold=True)

    # Helpers ---------------------------------------------------------------------------------

    def _paint(self, colour: str) -> str:
        if colour.startswith("#") or colour == "none":
            return colour
        return self.scheme.colour(colour)

    def _stroke(self, colour, width, dashed) -> str:
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        return f' stroke={quoteattr(self._paint(colour))} stroke-width="{num(width)}"{dash}'


def _path(points, radius: float) -> str:
    """SVG path data through `points`, with corners cut by quadratic curves of `radius`."""
    x0, y0 = points[0]
    d = [f"M{num(x0)} {num(y0)}"]
    for (xa, ya), (xb, yb), (xc, yc) in zip(points, points[1:], points[2:], strict=False):
        r_in = min(radius, math.hypot(xb - xa, yb - ya) / 2)
        r_out = min(radius, math.hypot(xc - xb, yc - yb) / 2)
        if r_in and r_out:
            start = _towards((xb, yb), (xa, ya), r_in)
            end = _towards((xb, yb), (xc, yc), r_out)
            d.append(f"L{num(start[0])} {num(start[1])}")
            d.append(f"Q{num(xb)} {num(yb)} {num(end[0])} {num(end[1])}")
        else:
            d.append(f"L{num(xb)} {num(yb)}")
    xn, yn = points[-1]
    d.append(f"L{num(xn)} {num(yn)}")
    return "".join(d)


def _towards(origin, target, distance):
    (x0, y0), (x1, y1) = origin, target
    length = math.hypot(x1 - x0, y1 - y0)
    return x0 + (x1 - x0) / length * distance, y0 + (y1 - y0) / length * distance
