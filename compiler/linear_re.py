"""`re`'s split, sub and search for patterns that open with spaces (`\\s*,\\s*`), in linear time.

Such a pattern is tried at every position of a long run of spaces, and from each it takes the rest of the run before
it fails: quadratic time, minutes on a hostile line of 100,000 spaces. Here each alternative that opens with `\\s*` or
`\\s+` is tried only where a run starts, or where it cannot take a space at all. Where the guard skips a position, the
same match, with the spaces before it, begins where the run begins, or a match the pattern ends with `\\s*` already
took the run; so the results are `re`'s, which a test checks on every pattern the compiler passes here
(tests/test_linear_re.py)."""

from __future__ import annotations

import re
from functools import lru_cache

GUARD = r"(?:(?<!\s)|(?!\s))"  # at a run's start, or where no space follows


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of `pattern` (outside groups and character classes)."""
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


@lru_cache(maxsize=256)
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    r"""`pattern` guarded, for the calls below: over a whole text, never from a `pos` inside a run of spaces, and for
    split and sub only when each alternative that ends in spaces ends in `\s*` or `\s+` (a later match then never
    starts inside a run)."""
    guarded = "|".join(GUARD + part if re.match(r"\\s[*+]", part) else part for part in alternatives(pattern))
    return re.compile(guarded, flags)


def split(pattern: str, text: str, maxsplit: int = 0, flags: int = 0) -> list[str]:
    return compiled(pattern, flags).split(text, maxsplit)


def sub(pattern: str, repl, text: str, count: int = 0, flags: int = 0) -> str:
    return compiled(pattern, flags).sub(repl, text, count)


def search(pattern: str, text: str, flags: int = 0) -> re.Match[str] | None:
    return compiled(pattern, flags).search(text)
