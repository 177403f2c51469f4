"""The benchmark's Lighthouse pass: which pages it measures, when it measures a page again, and
how a page below the goal is counted (``benchmarks/lighthouse.py``)."""

import itertools

from benchmarks import lighthouse


def test_every_page_of_both_languages_korean_first_and_no_asset(site):
    found = lighthouse.pages(site)
    assert found[0] == "index.html" and "en/index.html" in found
    assert "bptt/index.html" in found and "en/bptt/index.html" in found
    assert "notebooks/lstm/index.html" in found
    assert not any(page.startswith("assets/") for page in found)
    first_english = found.index("en/index.html")
    assert all(not page.startswith("en/") for page in found[:first_english])


def test_a_page_is_measured_again_when_its_html_or_a_file_it_loads_changes(tmp_path):
    site = tmp_path / "site"
    (site / "assets" / "tryit").mkdir(parents=True)
    (site / "en").mkdir()
    page = '<link rel="stylesheet" href="../assets/main.css"><a href="../other/">x</a>'
    page += f'<img src="data:image/png;base64,{"A" * 300}"><a href="https://a.org/x.css">'
    (site / "en" / "index.html").write_text(page + '<div class="tryit" data-tryit="lstm"></div>')
    (site / "assets" / "main.css").write_text("p {}")
    (site / "assets" / "tryit" / "lstm.json").write_text("{}")
    (site / "assets" / "other.js").write_text("")
    prints = [lighthouse.fingerprint(site, "en/index.html")]
    for path, text in [
        ("assets/main.css", "p { color: red }"),  # a stylesheet it links
        ("assets/tryit/lstm.json", "{ }"),  # its panel's weights
        ("en/index.html", page + "<p>edited</p>"),  # its HTML
    ]:
        (site / path).write_text(text)
        prints.append(lighthouse.fingerprint(site, "en/index.html"))
    assert len(set(prints)) == 4
    (site / "assets" / "other.js").write_text("a script no page loads;")
    assert lighthouse.fingerprint(site, "en/index.html") == prints[-1]


def test_a_page_under_the_goal_counts_by_the_median_of_three_runs():
    scores = itertools.chain([90, 97, 99])
    runs = lighthouse.measure_page(lambda: {"performance": next(scores)})
    assert [run["performance"] for run in runs] == [90, 97, 99]
    assert lighthouse.below_goal({"pages": {"p": {"runs": runs}}}) == {}
    low = [{"performance": s} for s in (90, 93, 99)]
    assert lighthouse.below_goal({"pages": {"p": {"runs": low}}}) == {"p": 93}


def test_a_page_at_the_goal_runs_once():
    calls = []
    runs = lighthouse.measure_page(lambda: calls.append(1) or {"performance": lighthouse.GOAL})
    assert len(runs) == len(calls) == 1
