"""The "try it" panels compute what the chapters' Keras models compute, on the built site.

- Forward pass: the panel's JavaScript and Keras' ``model.predict`` (the chapter's model code,
  the exported weights, no training) on the same held-out reviews given as ids.
- Tokenizer: the panel's and the chapter's function (``encode_review`` for English words,
  ``encode_syllables`` for Korean syllables) on the same texts.
- The page: no request leaves the site, the weights wait until the reader nears the panel, the
  panel answers typing and the keyboard, fits a phone, passes axe once drawn, and says what it is
  without JavaScript.
Each check is a function of what the browser returned, so it also runs on a broken copy of the
script (served in its place through ``page.route``).
"""

import ast
import base64
import contextlib
import json

import numpy as np
import pytest

from conftest import ROOT
from notebooks.tryit import export_path
from snippet_programs import code_blocks, expand_includes
from stand_ins import hand_over_local_imdb, hand_over_local_nsmc

from .conftest import browser_page, page_url

PAGES = ["lstm/index.html", "en/lstm/index.html"]
KOREAN_PAGES = ["nsmc/index.html", "en/nsmc/index.html"]
SCRIPT = ROOT / "docs" / "assets" / "tryit" / "tryit.js"
REVIEWS = 256  # validation reviews compared, at least 200 (issue 16)
TOLERANCE = 1e-5


def section(name: str) -> str:
    """The code of snippet section ``FILE:SECTION``, as a page shows it."""
    text = expand_includes(f'--8<-- "snippets/{name}"\n')
    return "\n".join(block.code for block in code_blocks(text, joined=False))


@pytest.fixture(scope="module")
def chapter(monkeypatch_module):
    """The chapter's code run up to its data and encode_review, with the model built, untrained."""
    hand_over_local_imdb(set_attribute=monkeypatch_module.setattr)  # offline, as in conftest.py
    namespace: dict = {}
    for name in ("common/imdb.md:load", "embedding.md:load-data", "lstm.md:model"):
        exec(section(name), namespace)
    exec(section("common/imdb.md:encode"), namespace)
    return namespace


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def exported_weights(slug: str) -> list[np.ndarray]:
    model = json.loads(export_path(slug).read_text(encoding="utf-8"))["model"]
    names = ("embedding", "kernel", "recurrent_kernel", "bias", "dense_kernel", "dense_bias")
    return [
        np.frombuffer(base64.b64decode(model[n]["float32"]), "<f4").reshape(model[n]["shape"])
        for n in names
    ]


def open_panel(page, url: str, script: str | None = None) -> None:
    """Load the chapter page (with ``script`` served as the panel's script) and load the model."""
    if script is not None:
        page.route("**/assets/tryit/tryit.js", lambda route: route.fulfill(body=script))
    page.goto(url, wait_until="load")
    page.locator(".tryit").scroll_into_view_if_needed()
    page.wait_for_selector(".tryit--ready")


_RUN = """async ([inputs, kind, slug]) => {
  const json = new URL(`${slug}.json`, document.querySelector(
    'script[src*="tryit.js"]').src).href;
  const { tokenizer, model } = await rnnTryit.load(json);
  return kind === "ids" ? inputs.map((ids) => model.predict(ids))
                        : inputs.map((text) => tokenizer.encode(text));
}"""


def in_browser(
    browser, url: str, inputs: list, kind: str, script: str | None = None, slug: str = "lstm"
) -> list:
    with browser_page(browser) as page:
        open_panel(page, url, script)
        return page.evaluate(_RUN, [inputs, kind, slug])


def agreement_problems(js: list[float], keras: np.ndarray) -> list[str]:
    diff = np.abs(np.asarray(js) - keras)
    if len(js) != len(keras) or diff.max() >= TOLERANCE:
        return [f"JavaScript vs Keras on {len(keras)} reviews: max abs diff {diff.max():.2e}"]
    return []


@pytest.fixture(scope="module")
def validation(chapter):
    """``(ids, Keras' probabilities)`` of the first validation reviews, the exported weights."""
    model = chapter["model_lstm"]
    model.set_weights(exported_weights("lstm"))
    ids = chapter["x_val"][:REVIEWS]
    return ids.tolist(), model.predict(ids, verbose=0)[:, 0].astype(np.float64)


def test_javascript_forward_pass_is_keras_predict(browser, base_url, validation):
    ids, keras = validation
    js = in_browser(browser, page_url(base_url, PAGES[1]), ids, "ids")
    assert agreement_problems(js, keras) == []


def test_agreement_check_catches_swapped_gates(browser, base_url, validation):
    ids, keras = validation
    text = SCRIPT.read_text(encoding="utf-8")
    broken = text.replace("const forget = sigmoid(z[units + u]);", "const forget = sigmoid(z[u]);")
    assert broken != text
    js = in_browser(browser, page_url(base_url, PAGES[1]), ids[:20], "ids", broken)
    assert agreement_problems(js, keras[:20]) != []


# -- the tokenizer


def review_texts(chapter) -> list[str]:
    """Typed-looking texts: the chapter's examples, hard cases, and real reviews dressed up.

    Real reviews (all of their words, rare and frequent) come back as text with capitals and
    punctuation added, some longer than the model's 100 words.
    """
    import keras

    texts = [
        "One of the best films of the year: a wonderful story, and the acting is great.",
        "A waste of time. The plot makes no sense, the acting is terrible. Boring!",
        "This movie was not good at all.",
        "I DON'T like it... Don't! don't; (don't) \"don't\"",
        "great<br />movie,was-great/really?yes:no;maybe[ok]{fine}~_`|^\\@#$%&*+=",
        "It's  the   film's\tbest\nscene \xa0 café naïve CINEMA Ünïcödé",
        "the and a of to is br in it i this that was as for with movie but film",
        "",
        "!!! ... ,,, ???",
        "zzzzqq notaword excellent",
    ]
    (train, _), _ = keras.datasets.imdb.load_data()
    words = {rank + 3: word for word, rank in keras.datasets.imdb.get_word_index().items()}
    marks = [", ", ". ", "! ", " - ", "? ", ": ", " (", ") ", " "]
    for r, review in enumerate(train[:40]):
        out = []
        for i, word_id in enumerate(review[1:]):
            word = words.get(int(word_id), "")
            out.append((word.capitalize() if i % 7 == r % 7 else word) + marks[(i * r) % 9])
        texts.append("".join(out))
    return texts


@pytest.fixture(scope="module")
def texts(chapter):
    found = review_texts(chapter)
    python = [chapter["encode_review"](text, num_words=1000).tolist() for text in found]
    # The dressed-up reviews make the tokenizer keep, drop and cut.
    assert any(sum(i > 0 for i in ids) == 100 for ids in python)
    return found, python


def tokenizer_problems(found: list[str], js: list[list[int]], python: list[list[int]]) -> list:
    return [
        f"text {i} ({text[:40]!r}...): JavaScript {a} != Python {b}"
        for i, (text, a, b) in enumerate(zip(found, js, python, strict=True))
        if a != b
    ][:3]


def test_javascript_tokenizer_is_encode_review(browser, base_url, texts):
    found, python = texts
    js = in_browser(browser, page_url(base_url, PAGES[0]), found, "texts")
    assert tokenizer_problems(found, js, python) == []


BROKEN_TOKENIZERS = {
    "no lower case": ("spaced.toLowerCase()", "spaced"),
    "shift of 2": ("i + spec.first_id]", "i + spec.first_id - 1]"),
    "frequent words kept": ("id < spec.skip_top;", "id < 4;"),
    "first 100 words kept": (
        "read.slice(0, Math.max(0, read.length - maxlen))",
        "read.slice(maxlen)",
    ),
    "apostrophe a separator": ("new Set(spec.separators)", 'new Set(spec.separators + "\'")'),
}


@pytest.mark.parametrize("mutation", BROKEN_TOKENIZERS)
def test_tokenizer_check_catches(browser, base_url, texts, mutation):
    found, python = texts
    old, new = BROKEN_TOKENIZERS[mutation]
    text = SCRIPT.read_text(encoding="utf-8")
    assert old in text
    js = in_browser(browser, page_url(base_url, PAGES[0]), found, "texts", text.replace(old, new))
    assert tokenizer_problems(found, js, python) != []


# -- the page


def type_review(page, text: str) -> list[list[str]]:
    """Replace the panel's text from the keyboard; the tokens drawn, as [label, status]."""
    before = page.locator(".tryit__verdict").inner_text()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.wait_for_function(
        "before => document.querySelector('.tryit__verdict').textContent !== before", arg=before
    )
    return page.locator(".tryit__strip > li").evaluate_all(
        "items => items.map(li => [li.querySelector('.tryit__label').textContent,"
        " li.className.split('--')[1]])"
    )


def serious_violations(page, axe_script) -> list[str]:
    page.add_script_tag(path=str(axe_script))
    return page.evaluate(
        "async () => (await axe.run('.tryit', {resultTypes: ['violations']})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)"
    )


@contextlib.contextmanager
def on_a_phone(browser, base_url, path, scheme, weights):
    """The page at ``path`` on a phone, loaded, with every URL it requested (the list goes on
    filling); ``weights``, the panel's model file, must not have been fetched at load."""
    with browser_page(browser, viewport={"width": 390, "height": 800}, color_scheme=scheme) as page:
        requests: list[str] = []
        page.on("request", lambda request, seen=requests: seen.append(request.url))
        page.goto(page_url(base_url, path), wait_until="load")
        assert not [url for url in requests if url.endswith(weights)], "fetched at load"
        yield page, requests


def test_panel_on_the_page(browser, base_url, axe_script):
    """Each language (one light, one dark), on a phone: nothing from another host, weights only
    on demand, typing, the keyboard, axe on the drawn panel."""
    for path, scheme in zip(PAGES, ("light", "dark"), strict=True):
        with on_a_phone(browser, base_url, path, scheme, "lstm.json") as (page, requests):
            # Keyboard only: Tab into the text box loads the model.
            page.locator(".tryit textarea").focus()
            page.wait_for_selector(".tryit--ready")
            verdict = page.locator(".tryit__verdict")
            assert verdict.get_attribute("aria-live") == "polite"
            words = type_review(page, "This movie was boring and terrible.")
            assert words[:3] == [["this", "frequent"], ["movie", "kept"], ["was", "frequent"]]
            assert ["boring", "kept"] in words
            page.keyboard.press("Tab")  # on to the examples
            page.keyboard.press("Enter")
            assert page.locator(".tryit textarea").input_value().startswith("One of the best")
            # A phone's width: the panel scrolls inside itself, the page does not.
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
            assert not [url for url in requests if not url.startswith(base_url)]
            assert serious_violations(page, axe_script) == [], path


def test_panel_says_what_it_is_without_javascript(browser, base_url):
    for path in PAGES + KOREAN_PAGES:
        with browser_page(browser, java_script_enabled=False) as page:
            page.goto(page_url(base_url, path), wait_until="load")
            assert len(page.locator(".tryit").inner_text()) > 40
            assert page.locator(".tryit textarea").count() == 0


# -- the Korean panel: the NSMC chapter's syllable model


def definitions(section_name: str, names: set[str]) -> str:
    """The top-level functions and assignments ``names`` of a shown section, as shown.

    The tokenizers' section also starts Kiwi, and the vocabulary's counts the whole corpus: the
    panel's checks need only the chapter's functions, with the exported vocabulary.
    """
    tree = ast.parse(section(section_name))
    keep = [
        node
        for node in tree.body
        if (isinstance(node, ast.FunctionDef) and node.name in names)
        or (isinstance(node, ast.Assign) and {getattr(t, "id", None) for t in node.targets} & names)
    ]
    return ast.unparse(ast.Module(keep, type_ignores=[]))


@pytest.fixture(scope="module")
def korean(monkeypatch_module):
    """The chapter's syllable functions and model code, with the exported vocabulary and weights,
    and the first test reviews of NSMC (held out from training)."""
    import keras

    hand_over_local_nsmc(set_attribute=monkeypatch_module.setattr)
    export = json.loads(export_path("nsmc").read_text(encoding="utf-8"))
    namespace: dict = {"keras": keras, "np": np}
    exec(definitions("nsmc.md:load", {"NSMC", "SHA256", "load_nsmc"}), namespace)
    exec(definitions("nsmc.md:tokenizers", {"words", "syllables"}), namespace)
    encode = definitions("nsmc.md:syllable-vocabulary", {"SYLLABLE_MAXLEN", "encode_syllables"})
    exec(encode, namespace)
    tokens = export["tokenizer"]["tokens"]
    assert namespace["SYLLABLE_MAXLEN"] == export["tokenizer"]["maxlen"]
    namespace["syllable_vocabulary"] = tokens
    namespace["syllable_to_id"] = {token: i + 2 for i, token in enumerate(tokens)}
    with contextlib.redirect_stdout(None):
        exec(section("nsmc.md:syllable-model"), namespace)
    namespace["test_texts"] = namespace["load_nsmc"]("ratings_test.txt")[0]
    return namespace


@pytest.fixture(scope="module")
def korean_validation(korean):
    model = korean["model_syllables"]
    model.set_weights(exported_weights("nsmc"))
    ids = korean["encode_syllables"](korean["test_texts"][:REVIEWS])
    return ids.tolist(), model.predict(ids, verbose=0)[:, 0].astype(np.float64)


def test_korean_forward_pass_is_keras_predict(browser, base_url, korean_validation):
    ids, keras = korean_validation
    js = in_browser(browser, page_url(base_url, KOREAN_PAGES[1]), ids, "ids", slug="nsmc")
    assert agreement_problems(js, keras) == []


def korean_texts(korean) -> list[str]:
    """Real test reviews, and texts that probe where syllables can be cut two ways."""
    texts = [
        "배우들 연기가 최고였다",
        "  띄어쓰기가   여러 번  ",
        "탭\t과 줄\n바꿈, 그리고\xa0줄바꿈 없는 공백",
        "이모지 😀👍🏽 는 코드 포인트 둘 이상",
        "조합형 한글 ᄒᆞᆫ글 과 자모 ㅋㅋㅋ ㅠㅠ",
        "English Mixed CASE 영화 MOVIE",
        "漢字 映畫 와 기호 ★☆♥",
        "",
        " ",
        "아주 긴 리뷰 " * 20,
    ]
    return texts + korean["test_texts"][:60]


@pytest.fixture(scope="module")
def syllable_texts(korean):
    found = korean_texts(korean)
    python = [korean["encode_syllables"]([text])[0].tolist() for text in found]
    # The texts make the tokenizer read unknown syllables as 1 and cut long reviews.
    assert any(1 in ids for ids in python) and any(0 not in ids for ids in python)
    return found, python


def test_javascript_syllables_are_encode_syllables(browser, base_url, syllable_texts):
    found, python = syllable_texts
    js = in_browser(browser, page_url(base_url, KOREAN_PAGES[0]), found, "texts", slug="nsmc")
    assert tokenizer_problems(found, js, python) == []


BROKEN_SYLLABLES = {
    "UTF-16 code units": (
        'Array.from(text.split(" ").filter((piece) => piece).join(" "))',
        'text.split(" ").filter((piece) => piece).join(" ").split("")',
    ),
    "empty pieces kept": ('.filter((piece) => piece).join(" ")', '.join(" ")'),
    "unknown syllables dropped": (
        'status: "oov", read: true',
        'status: "oov", read: false',
    ),
    "ids shifted by one": (
        "spec.tokens.map((token, i) => [token, i + spec.first_id])",
        "spec.tokens.map((token, i) => [token, i + 1])",
    ),
}


@pytest.mark.parametrize("mutation", BROKEN_SYLLABLES)
def test_syllable_check_catches(browser, base_url, syllable_texts, mutation):
    found, python = syllable_texts
    old, new = BROKEN_SYLLABLES[mutation]
    text = SCRIPT.read_text(encoding="utf-8")
    assert old in text
    url = page_url(base_url, KOREAN_PAGES[0])
    js = in_browser(browser, url, found, "texts", text.replace(old, new), slug="nsmc")
    assert tokenizer_problems(found, js, python) != []


def test_korean_panel_on_the_page(browser, base_url, axe_script):
    """Korean typed on a phone, in both page languages: the syllables as the model reads them."""
    for path, scheme in zip(KOREAN_PAGES, ("dark", "light"), strict=True):
        with on_a_phone(browser, base_url, path, scheme, "nsmc.json") as (page, requests):
            box = page.locator(".tryit textarea")
            assert box.get_attribute("lang") == "ko"
            box.focus()
            page.wait_for_selector(".tryit--ready")
            syllables = type_review(page, "정말 재밌다 😀")
            assert syllables == [
                ["정", "kept"], ["말", "kept"], ["␣", "kept"], ["재", "kept"], ["밌", "kept"],
                ["다", "kept"], ["␣", "kept"], ["😀", "oov"],
            ]
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
            assert not [url for url in requests if not url.startswith(base_url)]
            assert serious_violations(page, axe_script) == [], path
