"""Raw spec text for the linter: lines and inline suppression comments."""

from __future__ import annotations

import re
from pathlib import Path

from compiler.frontend.decode import decode_spec

SUPPRESS_RE = re.compile(r"<!--\s*spec2db:\s*ignore\b(?P<codes>[^>]*?)-->", re.IGNORECASE)


def read_lines(path: Path) -> list[str]:
    try:
        text = decode_spec(path.read_bytes()).text
    except OSError:
        return []
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def suppressions(lines: list[str]) -> dict[int, list[str]]:
    """Line number -> codes silenced there (`[]` means every code). A comment
    silences its own line and the next one."""
    found: dict[int, list[str]] = {}
    for number, text in enumerate(lines, start=1):
        if "<!--" not in text:
            continue  # most lines: no comment to search
        for match in SUPPRESS_RE.finditer(text):
            codes = [c.upper() for c in re.split(r"[\s,]+", match.group("codes")) if c]
            for line in (number, number + 1):
                found.setdefault(line, [])
                if codes and found[line] != ["*"]:
                    found[line].extend(codes)
                else:
                    found[line] = ["*"]
    return found


def suppressed(code: str, line: int, table: dict[int, list[str]]) -> bool:
    codes = table.get(line)
    if not codes:
        return False
    return codes == ["*"] or any(c == "ALL" or code.startswith(c) for c in codes)
