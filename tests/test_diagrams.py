"""The figures: the committed SVGs are what diagrams/ draws now, and each one is real text,
self-contained and legible on its colour scheme's page."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from diagrams import FIGURES, figure_path, write_all
from diagrams.gradient_decay import jacobian_norms
from diagrams.labels import LANGUAGES
from diagrams.style import SCHEMES

DOCS = Path(__file__).resolve().parent.parent / "docs"
SVG = "{http://www.w3.org/2000/svg}"
# Material's page background in each scheme: white, and slate's #1e2129.
BACKGROUNDS = {"light": "#ffffff", "dark": "#1e2129"}
MIN_CONTRAST = 4.5  # WCAG AA for normal text
MIN_FONT_SIZE = 13  # px, with the figure at most 720 px wide
MAX_WIDTH = 720
ABSOLUTE_PATH = re.compile(r"file:|[A-Za-z]:\\|/(home|work|tmp|usr|Users|root)/")
HANGUL = re.compile(r"[\uac00-\ud7a3]")

CASES = [(name, lang, scheme) for name in FIGURES for lang in LANGUAGES for scheme in SCHEMES]
IDS = [f"{name}-{lang}-{scheme}" for name, lang, scheme in CASES]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """Every figure drawn now, into a scratch docs folder."""
    docs = tmp_path_factory.mktemp("docs")
    write_all(docs)
    return docs


@pytest.mark.parametrize(("name", "lang", "scheme"), CASES, ids=IDS)
def test_committed_figure_is_what_the_code_draws(fresh, name, lang, scheme):
    committed = figure_path(DOCS, name, lang, scheme)
    shown = committed.relative_to(DOCS.parent)
    assert committed.exists(), f"{shown} is missing: run `make diagrams`"
    drawn_now = figure_path(fresh, name, lang, scheme).read_text(encoding="utf-8")
    assert committed.read_text(encoding="utf-8") == drawn_now, (
        f"{shown} differs from what diagrams/ draws now: run `make diagrams`"
    )


def parse(name: str, lang: str, scheme: str) -> tuple[str, ET.Element]:
    path = figure_path(DOCS, name, lang, scheme)
    source = path.read_text(encoding="utf-8")
    return source, ET.fromstring(source)


@pytest.mark.parametrize(("name", "lang", "scheme"), CASES, ids=IDS)
def test_figure_is_self_contained_text(name, lang, scheme):
    source, root = parse(name, lang, scheme)
    assert root.tag == f"{SVG}svg"
    view_box = root.get("viewBox")
    assert view_box, "no viewBox: the figure would not scale to a phone's width"
    assert float(view_box.split()[2]) <= MAX_WIDTH
    texts = list(root.iter(f"{SVG}text"))
    assert texts, "labels must stay <text>, not paths"
    words = " ".join("".join(text.itertext()) for text in texts)
    assert bool(HANGUL.search(words)) == (lang == "ko"), "labels in the wrong language"
    assert not list(root.iter(f"{SVG}image")), "no raster images"
    for element in root.iter():
        for attribute, value in element.attrib.items():
            external = attribute.endswith("href") and "http" in value
            assert not external, f"external reference {value}"
    assert not ABSOLUTE_PATH.search(source), "absolute path in the SVG"
    default_size = float(root.get("font-size"))
    for text in root.iter(f"{SVG}text"):
        size = float(text.get("font-size", default_size))
        for part in text.iter():  # subscripts (<tspan>) too
            part_size = float(part.get("font-size", size))
            assert part_size >= MIN_FONT_SIZE, f"{''.join(text.itertext())!r} at {part_size}px"


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("name", "lang", "scheme"), CASES, ids=IDS)
def test_text_contrasts_with_its_page(name, lang, scheme):
    _, root = parse(name, lang, scheme)
    background = BACKGROUNDS[scheme]
    for text in root.iter(f"{SVG}text"):
        fill = text.get("fill", "")
        assert re.fullmatch(r"#[0-9a-f]{6}", fill), f"text without a #rrggbb fill: {fill!r}"
        ratio = contrast(fill, background)
        label = "".join(text.itertext())
        assert ratio >= MIN_CONTRAST, f"{label!r}: {fill} on {background} has contrast {ratio:.2f}"


def test_contrast_matches_wcag_examples():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_gradient_decays_at_least_geometrically_with_a_contracting_w_h():
    """With W_h = 0.5·I, |tanh'| ≤ 1 bounds ‖∂h_T/∂h_(T−k)‖ by 0.5^k, and tiny inputs reach it."""
    rng = np.random.default_rng(0)
    w_h = 0.5 * np.eye(8)
    lags = np.arange(31)

    norms = jacobian_norms(w_h, rng.normal(0, 0.5, (40, 8)), 30)
    assert norms[0] == 1
    assert np.all(norms <= 0.5**lags * (1 + 1e-12))

    tiny = jacobian_norms(w_h, rng.normal(0, 1e-4, (40, 8)), 30)
    np.testing.assert_allclose(tiny, 0.5**lags, rtol=1e-6)
