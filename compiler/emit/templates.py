"""One Jinja2 environment for every emitter, built on first use."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def environment():
    import jinja2

    from compiler.emit.sqlalchemy.types import py_str

    here = Path(__file__).parent
    folders = sorted(str(p) for p in here.glob("*/templates"))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    # A Python string literal of any text (Jinja's `tojson` writes characters
    # outside the BMP as surrogate pairs, which Python reads as two lone surrogates).
    env.filters["py_str"] = py_str
    return env


@cache
def template(name: str):
    return environment().get_template(name)


def render(name: str, **context) -> str:
    """Render a template; the text ends with exactly one newline."""
    text = template(name).render(**context)
    if text.endswith("\n") and not text.endswith("\n\n"):
        return text  # as it should be: no copy (a cumulative schema.sql is megabytes)
    return text.rstrip("\n") + "\n"
