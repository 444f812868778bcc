"""Text fragments that remember where they came from.

The front end cuts a spec into small pieces (an attribute's type, a table
cell) before parsing them. A `Fragment` keeps, for each of its lines, the
file line and column it started at, so any offset inside it maps back to
the exact file position.
"""

from __future__ import annotations

from bisect import bisect_right

from compiler.diagnostics import Span


class Fragment:
    __slots__ = ("_offsets", "_starts", "path", "text")

    def __init__(self, path: str, text: str, starts: list[tuple[int, int]], offsets: list[int] | None = None) -> None:
        self.path = path
        self.text = text
        self._starts = starts  # (line, col) where each line of `text` begins
        self._offsets = _line_offsets(text) if offsets is None else offsets

    @classmethod
    def single(cls, path: str, text: str, line: int, col: int) -> Fragment:
        return cls(path, text, [(line, col)])

    @property
    def single_line(self) -> tuple[str, int, int] | None:
        """(path, line, col) where the text starts, when it is one line."""
        if len(self._starts) != 1:
            return None
        line, col = self._starts[0]
        return self.path, line, col

    def pos(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(self._offsets, offset) - 1
        index = min(index, len(self._starts) - 1)
        line, col = self._starts[index]
        return line, col + offset - self._offsets[index]

    def span(self, start: int = 0, end: int | None = None) -> Span:
        end = len(self.text) if end is None else end
        if len(self._starts) == 1:  # one line (nearly every fragment): no search
            size = len(self.text)
            start = 0 if start < 0 else min(start, size)
            end = max(start, min(end, size))
            line, col = self._starts[0]
            return Span(self.path, line, col + start, line, col + end)
        line, col = self.pos(start)
        end_line, end_col = self.pos(max(start, end))
        return Span(self.path, line, col, end_line, end_col)

    def slice(self, start: int, end: int | None = None) -> Fragment:
        end = len(self.text) if end is None else end
        text = self.text[start:end]
        offsets = _line_offsets(text)
        if len(self._starts) == 1:  # one line (nearly every fragment): no search
            line, col = self._starts[0]
            start = max(0, min(start, len(self.text)))
            return Fragment(self.path, text, [(line, col + start)], offsets)
        return Fragment(self.path, text, [self.pos(start + offset) for offset in offsets], offsets)

    def strip(self) -> Fragment:
        return self.slice(*stripped_bounds(self.text))

    def __repr__(self) -> str:
        return f"Fragment({self.text!r} @ {self.pos(0)})"


def _line_offsets(text: str) -> list[int]:
    """Where each line of `text` begins."""
    offsets = [0]
    found = text.find("\n")
    while found >= 0:
        offsets.append(found + 1)
        found = text.find("\n", found + 1)
    return offsets


def stripped_bounds(text: str) -> tuple[int, int]:
    """(start, end) of `text` without its leading and trailing white space."""
    stripped = text.strip()
    if not stripped:
        return 0, 0
    start = text.index(stripped[0])
    return start, start + len(stripped)
