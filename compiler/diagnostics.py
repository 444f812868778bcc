"""Diagnostics: positions, codes and the collector every pass writes to.

Passes never raise on bad input: they report a `Diagnostic` and go on, so one
run shows every problem it can. Codes are stable; each has a one-line summary
here and its documentation in `compiler.codes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pydantic import BaseModel, ConfigDict


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file; lines and columns are 1-based, end exclusive.

    A slotted dataclass (72 bytes) rather than a pydantic model (over 500):
    every AST node has one. Pydantic models (the IR, `Diagnostic`) take it as
    a field type and dump it as an object."""

    path: str
    line: int
    col: int
    end_line: int
    end_col: int

    def __str__(self) -> str:
        from compiler.escape import visible

        return f"{visible(self.path)}:{self.line}:{self.col}"

    def __copy__(self) -> Span:
        return self

    def __deepcopy__(self, memo) -> Span:
        return self  # immutable: copying an AST shares its spans

    def __reduce__(self):
        # Parsed specs travel between processes (`-j`) and to the parse cache.
        return (Span, (self.path, self.line, self.col, self.end_line, self.end_col))


class Diagnostic(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    message: str
    span: Span | None = None

    def sort_key(self) -> tuple:
        span = self.span
        where = (span.path, span.line, span.col) if span else ("", 0, 0)
        return (*where, self.code, self.message)

    def __str__(self) -> str:
        """The terminal form: spec text in the message and path shows its
        control and bidi characters as escapes, never acts on the terminal."""
        from compiler.escape import visible

        where = f"{self.span}: " if self.span else ""
        return f"{where}{self.code} {visible(self.message)}"


class Diagnostics:
    """Collects diagnostics across passes; order of reporting does not matter."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def report(self, code: str, message: str, span: Span | None) -> None:
        from compiler.codes import severity_of

        self.items.append(Diagnostic(code=code, severity=severity_of(code), message=message, span=span))

    def extend(self, other: Diagnostics) -> None:
        self.items.extend(other.items)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    @property
    def error_count(self) -> int:
        """Errors as printed: one a pass reports again (for each feature's schema) counts once."""
        return sum(d.severity is Severity.ERROR for d in self.sorted())

    def sorted(self) -> list[Diagnostic]:
        unique = {(d.sort_key(), d.severity): d for d in self.items}
        return [unique[k] for k in sorted(unique, key=lambda k: k[0])]
