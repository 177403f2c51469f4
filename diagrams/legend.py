"""The one legend: the same swatch and word for a colour role in every figure."""

from diagrams.labels import labels
from diagrams.style import SMALL_SIZE
from diagrams.svg import Drawing, text_width

# Roles drawn as lines in the figures get a line swatch; the others a box swatch.
_LINE_ROLES = {"gradient", "cell_state"}
_SWATCH = 22.0
_GAP = 22.0
ROW_HEIGHT = 24.0


def legend_height(drawing_width: float, roles: list[str], lang: str) -> float:
    return ROW_HEIGHT * len(_rows(drawing_width, roles, lang))


def draw_legend(d: Drawing, roles: list[str], lang: str, top: float) -> None:
    """Swatches and their words in centred rows starting at `top`."""
    words = labels(lang)
    for row_index, row in enumerate(_rows(d.width, roles, lang)):
        y = top + ROW_HEIGHT * (row_index + 0.5)
        x = (d.width - _row_width(row, lang)) / 2
        for role in row:
            colour = d.scheme.colour(role)
            if role in _LINE_ROLES:
                d.arrow([(x, y), (x + _SWATCH, y)], colour, 2.5, dashed=role == "gradient")
            else:
                d.rect(x, y - 7, _SWATCH, 14, colour, d.scheme.fill(role), rx=3)
            d.text(x + _SWATCH + 6, y, words[f"role.{role}"], "ink", SMALL_SIZE, anchor="start")
            x += _entry_width(role, lang) + _GAP


def _entry_width(role: str, lang: str) -> float:
    return _SWATCH + 6 + text_width(labels(lang)[f"role.{role}"], SMALL_SIZE)


def _row_width(row: list[str], lang: str) -> float:
    return sum(_entry_width(role, lang) for role in row) + _GAP * (len(row) - 1)


def _rows(width: float, roles: list[str], lang: str) -> list[list[str]]:
    rows: list[list[str]] = [[]]
    for role in roles:
        if rows[-1] and _row_width([*rows[-1], role], lang) > width - 40:
            rows.append([])
        rows[-1].append(role)
    return rows
