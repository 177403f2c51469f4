"""The figures: the committed SVGs are what diagrams/ draws now, and each one is real text,
self-contained and legible on its colour scheme's page; the numbers pages cite from a figure are
its data now; and an alt text names only the time steps its figure draws."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from mkdocs.exceptions import PluginError
from sitelib import load_hook

from diagrams import DATA, DATA_DIR, FIGURES, figure_path, write_all, write_data
from diagrams.gradient_decay import cited_values, jacobian_norms
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


# -- numbers the pages cite from a figure's data


def stale_data(data_dir: Path) -> list[str]:
    """The figures whose stored numbers in `data_dir` are missing or not what the code gives now."""
    problems = []
    for name, values in DATA.items():
        path = data_dir / f"{name}.json"
        if not path.exists():
            problems.append(f"{path.name} is missing: run `python -m diagrams`")
        elif json.loads(path.read_text(encoding="utf-8")) != values():
            problems.append(f"{path.name} differs from what diagrams/ measures now")
    return problems


def test_stored_data_is_what_the_code_measures_now():
    assert stale_data(DATA_DIR) == []


def test_stale_data_check_catches_a_changed_and_a_missing_file(tmp_path):
    write_data(tmp_path)
    assert stale_data(tmp_path) == []
    path = tmp_path / "gradient-decay.json"
    values = json.loads(path.read_text(encoding="utf-8"))
    values["gain1.0_k10"] += 0.01
    path.write_text(json.dumps(values), encoding="utf-8")
    assert stale_data(tmp_path)
    path.unlink()
    assert stale_data(tmp_path)


def test_gradient_decay_curves_do_what_the_bptt_page_says():
    """Gain 1.0 (the site's initialisation) and 0.8 fall, 0.8 faster; gain 1.2 grows."""
    data = cited_values()
    assert 1 > data["gain1.0_k10"] > data["gain1.0_k20"] > data["gain1.0_k50"]
    assert data["gain0.8_k10"] < data["gain1.0_k10"]
    assert 1 < data["gain1.2_k10"] < data["gain1.2_k50"] < 1.2**50


def test_results_hook_reads_a_figures_stored_number():
    results = load_hook("results")
    stored = json.loads((DATA_DIR / "gradient-decay.json").read_text(encoding="utf-8"))
    token = "{{ results.gradient-decay.gain1.2_k50 }}"
    assert results.replace_tokens(token, DOCS) == f"{stored['gain1.2_k50']:.2f}"
    with pytest.raises(PluginError, match="has no gain9.9_k10"):
        results.replace_tokens("{{ results.gradient-decay.gain9.9_k10 }}", DOCS)


# -- alt text against the figure: the time steps it names are the ones drawn

FIGURE_IMAGE = re.compile(r"!\[([^\]]*)\]\(figures/([\w-]+)-light\.svg")
STEP_LABEL = re.compile(r"t\s*=\s*(\d+)")
# "t = 1..5", "t = 1부터 t = 5까지", "time step, from 1 to 4", "타임 스텝 1부터 4"
ALT_RANGE = re.compile(
    r"(?:t\s*=|타임\s*스텝|time\s+steps?,?(?:\s+from)?)\s*(\d+)\s*(?:\.\.|…|–|~|부터|to)\s*"
    r"(?:t\s*=\s*)?(\d+)"
)
ALT_STEP = re.compile(r"\bt\s*=\s*(\d+)|\bt_\{?(\d+)")


def drawn_time_steps(name: str, lang: str) -> set[int]:
    """The time steps a figure labels as ``t = N``."""
    _, root = parse(name, lang, "light")
    texts = ("".join(text.itertext()).strip() for text in root.iter(f"{SVG}text"))
    return {int(match.group(1)) for text in texts if (match := STEP_LABEL.fullmatch(text))}


def alt_step_problems(alt: str, drawn: set[int]) -> list[str]:
    """Time steps an alt text names that the figure does not draw, or a range that differs."""
    problems = []
    for first, last in ALT_RANGE.findall(alt):
        named = set(range(int(first), int(last) + 1))
        if named != drawn:
            problems.append(f"alt text names t = {first}..{last}, the figure {sorted(drawn)}")
    for match in ALT_STEP.finditer(alt):
        step = int(match.group(1) or match.group(2))
        if step not in drawn:
            problems.append(f"alt text names t = {step}, the figure {sorted(drawn)}")
    return problems


def page_alt_problems(page: Path, lang: str) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [
        f"{page.name}, figure {name}: {problem}"
        for alt, name in FIGURE_IMAGE.findall(text)
        for problem in alt_step_problems(alt, drawn_time_steps(name, lang))
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_alt_texts_name_the_time_steps_their_figures_draw(lang):
    pages = sorted((DOCS / lang).glob("*.md"))
    assert any("t = 1" in page.read_text(encoding="utf-8") for page in pages)  # something to check
    assert [problem for page in pages for problem in page_alt_problems(page, lang)] == []


@pytest.mark.parametrize(
    ("lang", "broken"),
    [
        ("ko", ("t = 1부터 t = 5까지", "t = 1부터 t = 4까지")),
        ("ko", ("t = 1부터 t = 5까지", "타임 스텝 1부터 4까지")),  # the wording that got through
        ("en", ("from t = 1 to t = 5", "from 1 to 4")),
        ("en", ("from t = 1 to t = 5", "from t = 1 to t = 6")),
        ("en", ("from t = 1 to t = 5", "from t = 1 to t = 5, t_7 last")),
    ],
)
def test_alt_step_check_catches_a_mismatch(tmp_path, lang, broken):
    page = DOCS / lang / "sequential-data.md"
    text = page.read_text(encoding="utf-8")
    right, wrong = broken
    assert right in text
    copy = tmp_path / page.name
    copy.write_text(text.replace(right, wrong), encoding="utf-8")
    assert page_alt_problems(page, lang) == []
    assert page_alt_problems(copy, lang)
