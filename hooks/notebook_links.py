"""Link a code chapter to its notebook: a download button and an "Open in Colab" button.

A line ``<!-- notebook-links -->`` (on its own, outside code fences) in ``docs/LANG/SLUG.md`` is
replaced by two buttons in the page's language:

* download: the notebook file mkdocs-jupyter copies next to the rendered notebook page
  (``include_source``), e.g. ``notebooks/lstm/lstm.ipynb``. The link is raw HTML with a
  ``download`` attribute: MkDocs would check a Markdown link against its pages, where the
  notebook is a page, not a file.
* Colab: ``https://colab.research.google.com/github/OWNER/NAME/blob/main/docs/LANG/notebooks/SLUG.ipynb``
  with OWNER/NAME from ``repo_url`` in mkdocs.yml, the one place the repository is named.

The build fails when ``docs/LANG/notebooks/SLUG.ipynb`` does not exist.
"""

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import urlparse

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

MARKER = "<!-- notebook-links -->"
BRANCH = "main"
TEXTS = {
    "ko": {"download": "노트북 내려받기 (.ipynb)", "colab": "Colab에서 열기"},
    "en": {"download": "Download the notebook (.ipynb)", "colab": "Open in Colab"},
}
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


class NotebookLinkError(PluginError):
    """A page asks for links to a notebook that does not exist, or the config is incomplete."""


def repository(repo_url: str | None) -> str:
    """``OWNER/NAME`` of a ``https://github.com/OWNER/NAME`` repo_url."""
    parts = urlparse(repo_url or "")
    path = [part for part in parts.path.strip("/").split("/") if part]
    if parts.netloc != "github.com" or len(path) < 2:
        raise NotebookLinkError(
            f"notebook links: repo_url must be a GitHub repository: {repo_url!r}"
        )
    return f"{path[0]}/{path[1].removesuffix('.git')}"


def colab_url(repo: str, language: str, slug: str) -> str:
    return (
        f"https://colab.research.google.com/github/{repo}/blob/{BRANCH}"
        f"/docs/{language}/notebooks/{slug}.ipynb"
    )


def language_of(locale) -> str:
    language = re.split(r"[-_]", str(locale or ""))[0].lower()
    if language not in TEXTS:
        raise NotebookLinkError(f"notebook links: no link texts for language {locale!r}")
    return language


def links(download_href: str, colab_href: str, language: str) -> str:
    text = TEXTS[language]
    download = (
        f'<a class="md-button" href="{html.escape(download_href)}" download>'
        f"{html.escape(text['download'])}</a>"
    )
    return f"{download} [{text['colab']}]({colab_href}){{ .md-button }}"


def replace_marker(markdown: str, replacement: str) -> tuple[str, int]:
    """Replace every marker line outside code fences; return the text and the count."""
    out, fence, count = [], None, 0
    for line in markdown.split("\n"):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)
        elif fence is not None and line.strip().startswith(fence[0] * len(fence)):
            fence = None
        elif fence is None and line.strip() == MARKER:
            out += ["", replacement, ""]
            count += 1
            continue
        out.append(line)
    return "\n".join(out), count


def on_page_markdown(markdown, page, config, files, **_):
    if MARKER not in markdown:
        return markdown
    locale = getattr(page.file, "locale", None) or config["theme"]["language"]
    language = language_of(locale)
    slug = Path(page.file.src_uri).stem
    source = Path(config["docs_dir"]) / language / "notebooks" / f"{slug}.ipynb"
    if not source.is_file():
        raise NotebookLinkError(
            f"notebook links: {page.file.src_uri} asks for {source}, which does not exist: "
            "run make notebooks"
        )
    notebook = files.get_file_from_path(f"{language}/notebooks/{slug}.ipynb")
    if notebook is None or not notebook.is_documentation_page():
        raise NotebookLinkError(
            f"notebook links: {language}/notebooks/{slug}.ipynb is not a page of the build "
            "(is it in the nav, and hooks/notebook_pages.py listed?)"
        )
    # mkdocs-jupyter (include_source) copies the notebook into its page's folder.
    copy = posixpath.join(posixpath.dirname(notebook.dest_uri), f"{slug}.ipynb")
    download = get_relative_url(copy, page.file.url)
    colab = colab_url(repository(config.get("repo_url")), language, slug)
    new, _ = replace_marker(markdown, links(download, colab, language))
    return new
