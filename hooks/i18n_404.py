"""Keep the Korean 404 page at the site's root.

mkdocs-static-i18n builds the English edition after the Korean one into ``site/en/``, but the
theme's ``404.html`` is a static template that lands at the root of every build, so the English
build would overwrite the Korean ``site/404.html``. Only the default (Korean) build renders it.
"""

from mkdocs.plugins import event_priority


@event_priority(-100)  # after mkdocs-static-i18n has set this build's language
def on_config(config):
    if config["theme"]["language"] != "ko":
        config["theme"].static_templates.discard("404.html")
    return config
