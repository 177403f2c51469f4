"""The one look of every figure: fonts, sizes and the colour of each role, per colour scheme.

A colour means the same thing in every figure (inputs green, hidden states blue, weights orange,
gradients red...), so a reader learns the legend once. Each role has one colour per scheme, chosen
for a WCAG contrast of at least 4.5 against the page: white for Material's default scheme, #1e2129
for its slate scheme. Box fills are pale (light) or deep (dark) tints of the same colour.
The charts drawn with matplotlib share the fonts, the colours and the SVG text (``svg_text``).
"""

import io
from dataclasses import dataclass

# Korean fonts first, so Hangul never falls back to a random font (the page's stack does the same).
FONT_FAMILY = (
    "'Noto Sans KR', 'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', "
    "'Segoe UI', Roboto, sans-serif"
)
# Figures are at most 720 units wide and shown at most at their own size, so a 14-unit font is
# never smaller than 14 px on a desktop page.
FONT_SIZE = 16
SMALL_SIZE = 14
MIN_SIZE = 13  # subscripts too
MAX_WIDTH = 720
MATPLOTLIB_FONT = "Noto Sans CJK KR"  # measures a chart's text; the SVG names FONT_FAMILY

SCHEMES = ("light", "dark")

_ROLE_COLOURS = {
    # role: (on white, on slate)
    "input": ("#2e7d32", "#81c784"),
    "hidden": ("#1565c0", "#64b5f6"),
    "weight": ("#b34700", "#ffb74d"),
    "gradient": ("#c62828", "#ff8a80"),
    "cell_state": ("#5e35b1", "#b39ddb"),
    "forget_gate": ("#ad1457", "#f48fb1"),
    "input_gate": ("#00796b", "#4dd0c1"),
    "output_gate": ("#7a6a00", "#d4c84a"),
    "op": ("#59636e", "#a3acb9"),
}


@dataclass(frozen=True)
class Scheme:
    name: str
    background: str
    ink: str
    muted: str
    faint: str  # grid lines and greyed-out shapes: never used for text

    def colour(self, role: str) -> str:
        """The stroke and text colour of a role, or of `ink` / `muted` / `faint` themselves."""
        if role in ("ink", "muted", "faint"):
            return getattr(self, role)
        return _ROLE_COLOURS[role][SCHEMES.index(self.name)]

    def fill(self, role: str) -> str:
        """A box fill for a role: close to the page, so ink text on it keeps its contrast."""
        if role == "op":
            return "#f2f3f5" if self.name == "light" else "#2b2f38"
        return mix(self.colour(role), self.background, 0.12 if self.name == "light" else 0.24)


LIGHT = Scheme("light", background="#ffffff", ink="#1f2328", muted="#59636e", faint="#c9ced6")
DARK = Scheme("dark", background="#1e2129", ink="#e6edf3", muted="#a3acb9", faint="#4a505c")


def scheme(name: str) -> Scheme:
    return {"light": LIGHT, "dark": DARK}[name]


def mix(colour: str, base: str, amount: float) -> str:
    """`amount` of `colour` over `base`, as #rrggbb."""
    a, b = _rgb(colour), _rgb(base)
    return "#" + "".join(
        f"{round(x * amount + y * (1 - amount)):02x}" for x, y in zip(a, b, strict=True)
    )


def _rgb(colour: str) -> tuple[int, int, int]:
    h = colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def matplotlib_colours(colours: Scheme) -> dict:
    """matplotlib settings that draw a chart's text and axes in a scheme's colours."""
    return {
        "text.color": colours.ink,
        "axes.labelcolor": colours.ink,
        "axes.edgecolor": colours.muted,
        "xtick.color": colours.muted,
        "ytick.color": colours.muted,
        "xtick.labelcolor": colours.ink,
        "ytick.labelcolor": colours.ink,
    }


def svg_text(fig, metadata: dict | None = None) -> str:
    """A matplotlib chart as SVG text (text kept as text, no date), the figure closed after.

    Call it inside the chart's ``rc_context``: saving reads ``svg.fonttype`` and ``svg.hashsalt``
    from it. The text names the site's font stack, so a reader without Noto Sans CJK KR gets the
    next font.
    """
    import matplotlib.pyplot as plt  # here, so the hand-drawn diagrams never load matplotlib

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", transparent=True, metadata={"Date": None, **(metadata or {})})
    plt.close(fig)
    return buffer.getvalue().replace(f"'{MATPLOTLIB_FONT}'", FONT_FAMILY)
