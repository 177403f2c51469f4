"""The chapter notebooks: made from the snippets, current, the same in both languages, rendered.

``make notebooks`` writes ``docs/{ko,en}/notebooks/SLUG.ipynb`` from ``snippets/SLUG.md``. These
tests hold the stored notebooks to the current snippets (a notebook whose code differs is stale),
check their outputs and both languages, the rendered pages and download/Colab links of the built
site, and the ``{{ results.SLUG.KEY }}`` tokens.
"""

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from mkdocs.exceptions import PluginError
from sitelib import in_language, load_hook, load_page, resolve

from conftest import DOCS, LANGUAGES, ROOT
from notebooks import SLUGS, SNIPPETS, notebook_path
from notebooks.program import join_continuations, shown_steps, source_hash
from project import HIDDEN_CHECK, is_hidden
from snippet_programs import code_blocks, expand_includes

KO = LANGUAGES[0]
CASES = [(slug, language) for slug in SLUGS for language in LANGUAGES]
# An exercise's solution is shown on the page but is the reader's work after the chapter: no cell.
_SOLUTION = re.compile(r"<!-- --8<-- \[start:(exercise-\d+)\] -->.*?\[end:\1\] -->", re.S)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb: dict) -> list[dict]:
    return [cell for cell in nb["cells"] if cell["cell_type"] == "code"]


def source(cell: dict) -> str:
    text = cell["source"]
    return "".join(text) if isinstance(text, list) else text


def relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


# -- checks


def stale_problems(program: Path, notebook: Path) -> list[str]:
    """The notebook's stored ``source_hash`` is not the hash of the program's shown code now."""
    current = source_hash([cell.code for cell in join_continuations(shown_steps(program))])
    stored = load(notebook).get("metadata", {}).get("rnn_docs", {}).get("source_hash")
    if stored != current:
        return [f"notebook {relative(notebook)} is stale: run make notebooks"]
    return []


def repo_path(repo_url: str) -> str:
    return "/".join(urlsplit(repo_url).path.strip("/").split("/")[:2])


# -- the stored notebooks


@pytest.mark.parametrize("slug, language", CASES)
def test_code_cells_are_the_shown_snippet_blocks(slug, language):
    program = SNIPPETS / f"{slug}.md"
    # The shown blocks, read independently of notebooks/program.py: every fence but the checks
    # and the exercises' solutions.
    chapter = _SOLUTION.sub("", program.read_text(encoding="utf-8"))
    blocks = [
        block.code.rstrip("\n")
        for block in code_blocks(expand_includes(chapter), joined=False)
        if not is_hidden(block.code)
    ]
    assert [step.code for step in shown_steps(program)] == blocks
    cells = [source(cell) for cell in code_cells(load(notebook_path(slug, language)))]
    # One cell per block; an indented block (a method of the class above) joins its cell.
    expected = [cell.code for cell in join_continuations(shown_steps(program))]
    assert cells == expected, f"{notebook_path(slug, language)}: run make notebooks"
    assert "\n\n".join(cells) == "\n\n".join(blocks)
    assert not any(HIDDEN_CHECK in cell for cell in cells)


@pytest.mark.parametrize("slug, language", CASES)
def test_notebook_is_not_stale(slug, language):
    assert stale_problems(SNIPPETS / f"{slug}.md", notebook_path(slug, language)) == []


@pytest.mark.parametrize("slug, language", CASES)
def test_metadata_names_the_generator(slug, language):
    meta = load(notebook_path(slug, language))["metadata"]
    assert meta["rnn_docs"]["generated_by"] == "make notebooks"
    assert meta["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("slug", SLUGS)
def test_languages_share_code_and_outputs(slug):
    ko, *others = (load(notebook_path(slug, language)) for language in LANGUAGES)
    for other in others:
        assert code_cells(other) == code_cells(ko)
        assert other["metadata"] == ko["metadata"]
        kinds = [cell["cell_type"] for cell in other["cells"]]
        assert kinds == [cell["cell_type"] for cell in ko["cells"]]


@pytest.mark.parametrize("slug", SLUGS)
def test_outputs_hold_a_plot_and_the_validation_accuracy(slug):
    outputs = [out for cell in code_cells(load(notebook_path(slug, KO))) for out in cell["outputs"]]
    assert any("image/png" in out.get("data", {}) for out in outputs)
    streams = ["".join(out["text"]) for out in outputs if out["output_type"] == "stream"]
    assert any("validation accuracy:" in text for text in streams)
    assert not [out for out in outputs if out["output_type"] == "error"]


@pytest.mark.parametrize("slug", SLUGS)
def test_no_trace_of_the_offline_stand_in(slug):
    for language in LANGUAGES:
        text = notebook_path(slug, language).read_text(encoding="utf-8")
        # get_file is no trace: the NSMC chapter calls it as a reader does; the stand-in's own
        # check of the hash (validate_file) is one.
        for trace in ("shared/data", "validate_file", "IPYTHONDIR", "LOCAL_", "_hand_keras"):
            assert trace not in text, (language, trace)
        counts = [cell["execution_count"] for cell in code_cells(json.loads(text))]
        assert counts == list(range(1, len(counts) + 1))


def test_staleness_check_reports_a_changed_snippet(tmp_path):
    snippets = tmp_path / "snippets"
    shutil.copytree(SNIPPETS, snippets)
    program = snippets / "lstm.md"
    text = program.read_text(encoding="utf-8")
    line = "        keras.layers.LSTM(8),"
    assert line in text
    notebook = notebook_path("lstm", KO)
    assert stale_problems(program, notebook) == []
    program.write_text(text.replace(line, "        keras.layers.LSTM(16),"), encoding="utf-8")
    assert stale_problems(program, notebook) == [
        "notebook docs/ko/notebooks/lstm.ipynb is stale: run make notebooks"
    ]


# -- the built site


@pytest.mark.parametrize("slug, language", CASES)
def test_notebook_is_a_rendered_page(site, slug, language):
    path = in_language(f"notebooks/{slug}/index.html", language)
    file = site / path
    assert file.is_file(), f"{path} was not built: the notebook page is missing"
    html = file.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html"), f"{path} is not HTML"
    assert '"cell_type"' not in html, f"{path} shows the notebook's JSON"
    page = load_page(site, path)
    assert page.lang == language
    assert any(src.startswith("data:image/png") for src in page.images), f"{path}: no plot"
    assert "jp-CodeCell" in html, f"{path}: no code cells"


@pytest.mark.parametrize("slug, language", CASES)
def test_chapter_page_links_its_notebook(site, slug, language):
    path = in_language(f"{slug}/index.html", language)
    page = load_page(site, path)
    buttons = [href for href, classes in page.links if "md-button" in classes]
    downloads = [
        href
        for href in buttons
        if urlsplit(href).path.endswith(".ipynb") and not urlsplit(href).scheme
    ]
    colab = [href for href in buttons if href.startswith("https://colab.research.google.com/")]
    assert downloads and colab, (
        f"{path}: no notebook links; put <!-- notebook-links --> at the top of "
        f"docs/{language}/{slug}.md"
    )
    source = notebook_path(slug, language)
    for href in downloads:
        target = resolve(path, href)
        assert target and (site / target).is_file(), f"{path}: {href} leads to no file"
        assert (site / target).read_bytes() == source.read_bytes()
    repo_url = re.search(r"^repo_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(), re.M)[1]
    for href in colab:
        prefix = f"https://colab.research.google.com/github/{repo_path(repo_url)}/blob/main/"
        assert href.startswith(prefix), href
        assert (ROOT / href[len(prefix) :]) == source
        assert source.is_file()


# -- the hooks


def test_results_tokens_resolve_from_the_stored_notebooks():
    results = load_hook("results")
    text = " ".join(f"{{{{ results.{slug}.val_accuracy }}}}" for slug in SLUGS)
    values = results.replace_tokens(text, DOCS).split()
    assert all(re.fullmatch(r"0\.\d{4}", value) for value in values), values
    assert re.fullmatch(
        r"\d+\.\d", results.replace_tokens("{{results.lstm.seconds_per_epoch}}", DOCS)
    )
    assert results.replace_tokens("{{ results.keras-simplernn.params }}", DOCS) == "4,289"
    assert results.replace_tokens("{{ results.numpy-rnn.epochs }}", DOCS) == "20"


@pytest.mark.parametrize(
    "token",
    [
        "{{ results.lstm.accuracy }}",  # unknown key
        "{{ results.gru.val_accuracy }}",  # unknown chapter
        "{{ results.val_accuracy }}",
    ],
)
def test_results_hook_raises_on_an_unknown_token(token):
    results = load_hook("results")
    with pytest.raises(PluginError):
        results.replace_tokens(f"Accuracy: {token}.", DOCS)


def test_results_hook_raises_when_the_notebook_lacks_the_output(tmp_path):
    nb = json.loads(notebook_path("lstm", "ko").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        cell.get("outputs", []).clear()
    stripped = tmp_path / "ko" / "notebooks" / "lstm.ipynb"
    stripped.parent.mkdir(parents=True)
    stripped.write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(PluginError, match="has no output for params"):
        load_hook("results").replace_tokens("{{ results.lstm.params }}", tmp_path)


def test_results_hook_raises_without_the_notebook(tmp_path):
    with pytest.raises(PluginError, match=r"unknown token.*\[\] \(the stored notebooks\)"):
        load_hook("results").replace_tokens("{{ results.lstm.epochs }}", tmp_path)


def test_notebook_links_fail_without_the_notebook():
    links = load_hook("notebook_links")
    page = SimpleNamespace(file=SimpleNamespace(src_uri="ko/no-such-chapter.md", locale="ko"))
    config = {
        "docs_dir": str(DOCS),
        "theme": {"language": "ko"},
        "repo_url": "https://github.com/o/n",
    }
    with pytest.raises(PluginError, match="does not exist"):
        links.on_page_markdown(f"# T\n\n{links.MARKER}\n", page=page, config=config, files=None)


def test_notebook_links_leave_code_fences_alone():
    links = load_hook("notebook_links")
    text = f"```markdown\n{links.MARKER}\n```\n{links.MARKER}\n"
    new, count = links.replace_marker(text, "LINKS")
    assert count == 1 and new.startswith(f"```markdown\n{links.MARKER}\n```") and "LINKS" in new


def test_colab_url_names_the_repository():
    links = load_hook("notebook_links")
    repo = links.repository("https://github.com/rnn-docs/rnn-docs")
    assert links.colab_url(repo, "en", "lstm") == (
        "https://colab.research.google.com/github/rnn-docs/rnn-docs/blob/main/"
        "docs/en/notebooks/lstm.ipynb"
    )
    with pytest.raises(PluginError):
        links.repository("https://gitlab.com/o")


def test_notebook_page_destinations():
    pages = load_hook("notebook_pages")
    assert pages.page_dest_uri("en/notebooks/lstm.ipynb", True) == "en/notebooks/lstm/index.html"
    assert pages.page_dest_uri("notebooks/lstm.ipynb", False) == "notebooks/lstm.html"
    assert pages.page_dest_uri("notebooks/index.ipynb", True) == "notebooks/index.html"


# What mkdocs-jupyter's template writes into each notebook page, in its order (shortened bodies).
_JUPYTER_TAIL = """<script src=""> </script>
<!-- MathJax configuration -->
<script type="text/x-mathjax-config">
    init_mathjax = function() { MathJax.Hub.Config({}); }
    init_mathjax();
    </script>
<!-- End of mathjax configuration --><script type="module">
  document.addEventListener("DOMContentLoaded", async () => {
    const diagrams = document.querySelectorAll(".jp-Mermaid > pre.mermaid");
    if (!diagrams.length) { return; }
    const mermaid = (await import("https://cdnjs.cloudflare.com/ajax/libs/mermaid.esm.min.mjs"));
  });
</script>
<style>
  .jp-Mermaid:not(.jp-RenderedMermaid) { display: none; }
</style>
<div class="jp-Cell">kept</div>"""


def test_dead_scripts_go_and_the_mermaid_loader_stays_where_a_diagram_is():
    pages = load_hook("notebook_pages")
    assert pages.without_dead_scripts(_JUPYTER_TAIL).strip() == '<div class="jp-Cell">kept</div>'
    diagram = '<div class="jp-Mermaid"><pre class="mermaid">graph LR; a-->b</pre></div>'
    kept = pages.without_dead_scripts(_JUPYTER_TAIL + diagram)
    assert "mathjax" not in kept.lower() and '<script src="">' not in kept
    assert "cdnjs" in kept and ".jp-Mermaid:not" in kept and kept.endswith(diagram)


def test_built_notebook_pages_load_no_script_from_elsewhere_and_no_empty_one(site):
    pages = sorted(site.glob("**/notebooks/*/index.html"))
    assert len(pages) == 2 * len(SLUGS)
    for path in pages:
        text = path.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*>.*?</script>", text, re.S)
        assert not [s for s in scripts if "https://" in s or '<script src="">' in s], path
        assert "x-mathjax-config" not in text, path
