"""No measured number is typed into a page: accuracies and times come from stored runs.

A page cites a measurement through a token (``{{ results... }}``, ``{{ bench... }}``,
``{{ book... }}``, ``{{ memory... }}``) that the build fills from a stored run. What is left of a
page's prose once code fences and tokens are taken out must hold no accuracy-like number
(0.400-0.9999) and no time in seconds.
"""

import re

import pytest

from conftest import DOCS, LANGUAGES

ACCURACY = re.compile(r"(?<![\d.])0\.[4-9]\d{2,3}(?!\d)")
SECONDS = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s?(?:초|s(?![A-Za-z]))")
FENCE = re.compile(r"^```.*?^```", re.M | re.S)
TOKEN = re.compile(r"\{\{.*?\}\}")


def typed_numbers(name: str, text: str) -> list[str]:
    prose = TOKEN.sub("", FENCE.sub("", text))
    problems = []
    for line in prose.splitlines():
        for pattern in (ACCURACY, SECONDS):
            problems += [
                f"{name}: {m.group(0)!r} typed in: {line.strip()[:100]}"
                for m in pattern.finditer(line)
            ]
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_type_no_measured_number(language):
    problems = [
        p for page in sorted((DOCS / language).glob("*.md"))
        for p in typed_numbers(page.name, page.read_text(encoding="utf-8"))
    ]
    assert problems == [], "cite a stored run with a token (CONTRIBUTING.md, Numbers)"


def test_check_catches_a_typed_accuracy_and_time_but_not_tokens_or_code():
    assert typed_numbers("x.md", "Accuracy {{ bench.ours.lstm.median }}.\n```\n0.8312\n```\n") == []
    assert len(typed_numbers("x.md", "It scored 0.8312 after 146 s.")) == 2
    assert len(typed_numbers("x.md", "검증 정확도는 0.650, 훈련은 707초였다.")) == 2
    assert typed_numbers("memory.md", "| {{ memory.lstm.k70.spread }} |") == []
    assert typed_numbers("memory.md", "| 0.510 |") != []


# A Korean particle right after a number must not depend on how that number is read aloud
# (0.8152이 / 0.8150가): a token's value changes when a run is redone. 이다, 이었다, 에서,
# 까지 and units read the same after every number.
VARIANT_PARTICLE = re.compile(r"\}\}(?:가|이 |는|은|를|을|로|으로|와|과|였|다)")


def particle_problems(text: str) -> list[str]:
    return [f"{m.group(0)!r} in: {line.strip()[:100]}"
            for line in text.splitlines() for m in VARIANT_PARTICLE.finditer(line)]


def test_korean_particles_after_numbers_fit_any_value():
    problems = [p for page in sorted((DOCS / "ko").glob("*.md"))
                for p in particle_problems(page.read_text(encoding="utf-8"))]
    assert problems == []


def test_particle_check_catches_a_value_dependent_particle():
    assert particle_problems("정확도가 {{ bench.ours.lstm.median }}로 올랐다.") != []
    assert particle_problems("{{ a.b }}가 되었다. {{ a.b }}이 되었다.") != []
    assert particle_problems("{{ a.b }}에서 {{ a.b }}까지, {{ a.b }}이었다, {{ a.b }}초") == []
