"""Raw spec text for the linter: lines, entity-section line ranges and
inline suppression comments."""

from __future__ import annotations

import re
from pathlib import Path

SUPPRESS_RE = re.compile(r"<!--\s*spec2db:\s*ignore\b(?P<codes>[^>]*?)-->", re.IGNORECASE)


def read_lines(path: Path) -> list[str]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def entity_sections(lines: list[str]) -> list[tuple[int, int]]:
    """1-based (first, last) line ranges of each Key Entities section, found
    exactly as the front end finds them (same heading pattern, up to the next
    heading of the same or a higher level)."""
    from compiler.frontend.markdown import SECTION_RE, _clean_heading, _markdown

    tokens = _markdown().parse("\n".join(lines))
    headings = [(t.map[0] + 1, int(t.tag[1]), tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open" and t.map]
    ranges: list[tuple[int, int]] = []
    for n, (line, level, text) in enumerate(headings):
        if ranges and line <= ranges[-1][1]:
            continue
        if not SECTION_RE.search(_clean_heading(text)):
            continue
        end = len(lines)
        for other_line, other_level, _ in headings[n + 1 :]:
            if other_level <= level:
                end = other_line - 1
                break
        ranges.append((line, end))
    return ranges


def suppressions(lines: list[str]) -> dict[int, list[str]]:
    """Line number -> codes silenced there (`[]` means every code). A comment
    silences its own line and the next one."""
    found: dict[int, list[str]] = {}
    for number, text in enumerate(lines, start=1):
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
