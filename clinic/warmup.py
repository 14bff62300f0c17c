"""Warm a process before it serves: every view imported and every template compiled.

gunicorn (gunicorn.conf.py, with preload_app) runs this once in its master, so each worker it forks,
recycled ones included, starts with the URL configuration loaded and the cached template loader full,
instead of spending its first requests (a second or more) importing views and compiling templates.
Nothing here touches the database: a connection opened in the master would be shared by its children.
"""

import logging
from pathlib import Path

from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver

logger = logging.getLogger(__name__)
TEMPLATE_SUFFIXES = (".html", ".txt")


def warm_up() -> int:
    """Import every view (the URL resolver, reversing included) and compile every template; the count."""
    get_resolver().reverse_dict  # noqa: B018 - builds the resolver's reverse tables now
    engine = engines["django"]
    compiled = 0
    for name in sorted(template_names(engine)):
        try:
            engine.get_template(name)
        except TemplateSyntaxError:  # a template of a package for a library not installed here
            logger.debug("warm-up: %s does not compile here", name)
            continue
        compiled += 1
    return compiled


def template_names(engine: object) -> set[str]:
    """Every template file name the engine's loaders can find (project, apps and installed packages)."""
    names = set()
    for directory in template_dirs(engine):
        root = Path(directory)
        names.update(
            path.relative_to(root).as_posix() for path in root.rglob("*")
            if path.suffix in TEMPLATE_SUFFIXES and path.is_file()
        )
    return names


def template_dirs(engine: object) -> list:
    """The directories of the engine's loaders, the cached loader's inner ones included."""
    loaders = []
    for loader in engine.engine.template_loaders:
        loaders.extend(getattr(loader, "loaders", [loader]))
    return [directory for loader in loaders for directory in loader.get_dirs()]
