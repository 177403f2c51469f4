"""1. Every page loads with no console error, no failed request and nothing fetched off-site."""

from urllib.parse import urlsplit

from webcheck.server import HOST

from .conftest import TIMEOUT, page_url, serve_edited


def load_problems(browser, base_url: str, paths: list[str]) -> list[str]:
    """Open each page; report console errors, failed or refused requests and off-site requests.

    Requests to any host but 127.0.0.1 are recorded and aborted, so the run stays offline.
    """
    problems: list[str] = []
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT)
    current = [""]

    def route(route):
        if urlsplit(route.request.url).hostname != HOST:
            problems.append(f"{current[0]}: request to another host: {route.request.url}")
            route.abort()
        else:
            route.continue_()

    def on_console(message):
        if message.type == "error":
            problems.append(f"{current[0]}: console error: {message.text}")

    def on_failed(request):
        # Off-site requests are reported by route(); ERR_ABORTED is the browser dropping what the
        # page still loads (the search worker's scripts) when the test moves on to the next page.
        if urlsplit(request.url).hostname == HOST and "ERR_ABORTED" not in str(request.failure):
            problems.append(f"{current[0]}: request failed: {request.url} ({request.failure})")

    def on_response(response):
        if response.status >= 400:
            problems.append(f"{current[0]}: HTTP {response.status}: {response.url}")

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"{current[0]}: script error: {error}"))
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    try:
        for path in paths:
            current[0] = path
            page.goto(page_url(base_url, path), wait_until="load")
            page.wait_for_timeout(300)
    finally:
        context.close()
    return problems


def test_every_page_loads_cleanly(browser, base_url, pages):
    assert load_problems(browser, base_url, pages) == []


def test_load_check_catches_a_third_party_script_and_a_missing_file(browser, site, tmp_path):
    fetches = (
        '<script src="https://cdn.example.com/x.js"></script>'
        '<link rel="stylesheet" href="missing.css"></head>'
    )
    with serve_edited(site, tmp_path, "bptt/index.html", "</head>", fetches) as url:
        problems = load_problems(browser, url, ["bptt/index.html"])
    assert any("request to another host: https://cdn.example.com/x.js" in p for p in problems)
    assert any("HTTP 404" in p and "missing.css" in p for p in problems)
