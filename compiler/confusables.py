"""Look-alike names (Unicode TR39 confusables), so `Tаsk` with a Cyrillic
`а` is never a second table that a foreign key silently targets.

`skeleton(name)` maps every character to one representative of its
confusable class (an ASCII one when the class has one), after NFD, as TR39's
skeleton does; two names with one skeleton look alike. The confusable
classes come from Unicode's confusables.txt as packaged by
`confusable-homoglyphs`.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1)
def _data() -> dict[str, list[dict]]:
    from confusable_homoglyphs import confusables

    return confusables.confusables_data


@lru_cache(maxsize=65536)
def prototype(char: str) -> str:
    """The representative of `char`'s confusable class."""
    if char.isascii():
        pool = [char] + [h["c"] for h in _data().get(char, ()) if len(h["c"]) == 1 and h["c"].isascii() and h["c"].isalnum()]
        return min(pool) if char.isalnum() else char
    candidates = [h["c"] for h in _data().get(char, ()) if len(h["c"]) == 1]
    ascii_ones = [c for c in candidates if c.isascii() and c.isalnum()]
    if ascii_ones:
        return prototype(min(ascii_ones))
    return min([char, *candidates])


@lru_cache(maxsize=16384)
def skeleton(name: str) -> str:
    return unicodedata.normalize("NFD", "".join(prototype(c) for c in unicodedata.normalize("NFD", name)))


def lookalike_char(name: str) -> str | None:
    """The first non-ASCII character of `name` that looks like an ASCII
    letter or digit (Cyrillic `а`, Greek `ο`, fullwidth `ａ`), or None."""
    if name.isascii():
        return None
    for char in unicodedata.normalize("NFC", name):
        if not char.isascii() and prototype(char).isascii():
            return char
    return None
