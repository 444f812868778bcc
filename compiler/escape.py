"""Text from a spec, made safe to show: the base of every escaping function.

Each output context has its own escaping function (SQL identifier and
literal in `emit.postgres.dialect`, Python string and docstring in
`emit.sqlalchemy.types`, Markdown cells and Mermaid labels in
`emit.datamodel`, generated-file headers in `emit.output`, diagnostics in
`diagnostics`). Those that write text meant to be read (comments,
docstrings, headers, terminal lines) start from `visible` or `one_line`
here: control characters (C0, C1, DEL, so ESC and OSC-8 hyperlinks),
format characters (bidi overrides and isolates, zero-width characters:
Trojan Source) and line or paragraph separators never pass raw.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Categories shown as escapes: Cc control, Cf format (bidi, zero-width),
# Zl/Zp line and paragraph separators, Cs lone surrogates, Co private use,
# Cn unassigned (may be assigned a bidi class later).
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


@lru_cache(maxsize=4096)
def is_hidden(char: str) -> bool:
    return unicodedata.category(char) in HIDDEN_CATEGORIES


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str) -> str:
    """`text` with every hidden character written as a Python-style escape
    (`\\x1b`, `\\u202e`); printable text, spaces and tabs unchanged."""
    if text.isascii() and (text.isprintable() or not _ASCII_HIDDEN.search(text)):
        return text
    return "".join(_escape(c) if c != "\t" and is_hidden(c) else c for c in text)


_ASCII_HIDDEN = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def one_line(text: str | None) -> str:
    """Spec text on one line: whitespace runs (newlines included) become one
    space, then `visible`."""
    return visible(" ".join((text or "").split()))
