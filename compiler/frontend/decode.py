"""Spec bytes to text: UTF-8, and what to do when a file is not quite.

Real specs are UTF-8 with, now and then, a stray byte an editor wrote in
Windows-1252 (`\\x92` for a curly apostrophe). Such a file is read, not
refused: each byte that is not UTF-8 is read as the Windows-1252 character
it stands for (U+FFFD where that code page has none), and the caller says
where with W107. A file with a UTF-16 byte order mark (what PowerShell's
`>` writes) is read as UTF-16, with W107 too. Everything else decodes
exactly as UTF-8 does.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from compiler.diagnostics import Diagnostics, Span

_HANDLER = "spec2db-cp1252"


def _cp1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    out = []
    for byte in error.object[error.start : error.end]:
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append("\ufffd")
    return "".join(out), error.end


codecs.register_error(_HANDLER, _cp1252)


@dataclass(frozen=True)
class Decoded:
    text: str
    bad_line: int | None = None  # 1-based line of the first byte that is not UTF-8 (None: the file is UTF-8)
    bad_col: int | None = None
    bad_byte: int | None = None
    encoding: str | None = None  # `utf-16`: the whole file is in another encoding its byte order mark names

    @property
    def message(self) -> str:
        if self.encoding:
            return f"spec is {self.encoding.upper()} (its byte order mark says so), read as such; save the file as UTF-8"
        return (
            f"spec is not valid UTF-8 (byte 0x{self.bad_byte:02x} here, the first of them); read as Windows-1252 "
            f"'{self.text.split(chr(10))[(self.bad_line or 1) - 1][(self.bad_col or 1) - 1 : self.bad_col]}'; save the file as UTF-8"
        )

    def report(self, path: str, diags: Diagnostics) -> None:
        """W107 at the first byte that is not UTF-8, when there is one."""
        if self.bad_line is not None and self.bad_col is not None:
            span = Span(path=path, line=self.bad_line, col=self.bad_col, end_line=self.bad_line, end_col=self.bad_col + 1)
            diags.report("W107", self.message, span)


def decode_spec(data: bytes) -> Decoded:
    """The text of a spec file (a leading BOM dropped), and where it first is not UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # PowerShell's `>` writes UTF-16: the whole file, not a stray byte
        try:
            return Decoded(data.decode("utf-16"), 1, 1, data[0], "utf-16")
        except UnicodeDecodeError:
            pass
    body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    try:
        return Decoded(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        offset = exc.start
    text = body.decode("utf-8", errors=_HANDLER)
    before = body[:offset]
    line = before.count(b"\n") + 1
    col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
    return Decoded(text, line, col, body[offset])
