"""7. Accessibility: axe-core finds no serious or critical violation on any page."""

from .conftest import browser_page, page_url, serve_edited

SEVERE = ("serious", "critical")


def axe_problems(browser, base_url: str, paths: list[str], axe_script) -> list[str]:
    problems = []
    with browser_page(browser) as page:
        for path in paths:
            page.goto(page_url(base_url, path), wait_until="load")
            page.add_script_tag(path=str(axe_script))
            violations = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
                " nodes: v.nodes.map(n => n.target.join(' '))}))"
            )
            for violation in violations:
                nodes = violation["nodes"]
                if violation["impact"] in SEVERE and nodes:
                    problems.append(
                        f"{path}: {violation['impact']} {violation['id']} ({violation['help']}): "
                        f"{len(nodes)} node(s), e.g. {nodes[:3]}"
                    )
    return problems


def test_no_serious_accessibility_violation(browser, base_url, pages, axe_script):
    assert axe_problems(browser, base_url, pages, axe_script) == []


def test_axe_check_catches_an_image_without_alt(browser, site, tmp_path, axe_script):
    image = '<img src="../figures/x.svg"></article>'
    with serve_edited(site, tmp_path, "bptt/index.html", "</article>", image) as url:
        problems = axe_problems(browser, url, ["bptt/index.html"], axe_script)
    assert any("image-alt" in p for p in problems), problems
