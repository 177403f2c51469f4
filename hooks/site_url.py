"""Derive ``site_url`` from ``repo_url`` so the repository is configured once.

``https://github.com/OWNER/NAME`` is published by GitHub Pages at
``https://OWNER.github.io/NAME/``. An explicit ``site_url`` wins.
"""

from urllib.parse import urlparse


def pages_url(repo_url: str) -> str:
    parts = urlparse(repo_url)
    owner, name = parts.path.strip("/").split("/")[:2]
    if parts.netloc != "github.com":
        raise ValueError(f"repo_url must be a github.com repository, got {repo_url!r}")
    return f"https://{owner.lower()}.github.io/{name}/"


def on_config(config):
    if not config.get("site_url") and config.get("repo_url"):
        config["site_url"] = pages_url(config["repo_url"])
    return config
