"""A fast reader for the plain subset of Markdown's block structure.

markdown-it-py is the front end's Markdown parser. This module answers only
for documents made of what generated specs and many hand-written ones are:
ATX headings, paragraphs, blank lines and `-` bullet lists whose items are
one line each, nested two spaces a level. For such a document it returns the
tokens markdown-it would, as far as the reader (`compiler.frontend.markdown`)
looks at them: `type`, `tag`, `level`, `content` and the first line of
`map`. Anything else (a tab, a fence, a table, a block quote, HTML, an
ordered list, a line that continues an item, exotic white space...) makes it
return None, and markdown-it parses the document. `tests/test_blocks.py`
checks both agree on random documents, the corpus and the examples.

Why: markdown-it tries every block rule on every line, recursing into each
list item; on a 1,000-entity spec that is a fifth of a build.
"""

from __future__ import annotations

import re

# CommonMark's white space (markdown-it's `MD_TRIM_CHARS`; a test keeps the
# two equal). Outside plain spaces and newlines, any of it sends the
# document to markdown-it, so trimming here is `strip(" ")`.
TRIM_CHARS = "\t\n\v\f\r \xa0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u2028\u2029\u202f\u205f\u3000"
_EXOTIC = re.compile("[" + re.escape(TRIM_CHARS.replace(" ", "").replace("\n", "")) + "\x00]")

_ITEM = re.compile(r"( *)- (?! )(.*)")
_HEADING = re.compile(r"(#{1,6})(?= |$)")
_ORDERED = re.compile(r"\d{1,9}[.)](?: |$)")
_BULLET = re.compile(r"[*+-](?: |$)")
_RULE = re.compile(r"(?:(?:\* *){3,}|(?:- *){3,}|(?:_ *){3,})$")
_SETEXT = re.compile(r"=+ *$")

MAX_DEPTH = 8


class BlockToken:
    """The part of a markdown-it `Token` the reader uses."""

    __slots__ = ("content", "level", "map", "tag", "type")

    def __init__(self, type_: str, tag: str, level: int, line: int | None, content: str = "") -> None:
        self.type = type_
        self.tag = tag
        self.level = level
        self.map = None if line is None else [line, line + 1]  # map[1] is not kept exact: the reader does not use it
        self.content = content


def _plain(text: str) -> bool:
    """True when `text`, at the start of a paragraph or item, cannot open
    another block (heading, quote, HTML, fence, list, rule, table, link
    reference definition, setext underline)."""
    first = text[0]
    if first in "#><|:~[":
        return False
    if first == "`":
        return not text.startswith("```")
    if first in "*+-_":
        return not (_BULLET.match(text) or _RULE.match(text))
    if first == "=":
        return not _SETEXT.match(text)
    if first.isdigit():
        return not _ORDERED.match(text)
    return True


def tokens(text: str) -> list[BlockToken] | None:
    """markdown-it's block tokens for `text`, or None outside the subset."""
    if _EXOTIC.search(text):
        return None
    out: list[BlockToken] = []
    append = out.append
    depth = -1  # deepest open list (0: top level)
    paragraph: list[str] = []
    paragraph_line = 0
    previous = "blank"  # what the last line was: blank, heading, paragraph, item

    def end_paragraph() -> None:
        if paragraph:
            append(BlockToken("paragraph_open", "p", 0, paragraph_line))
            append(BlockToken("inline", "", 1, paragraph_line, "\n".join(paragraph).strip(" ")))
            append(BlockToken("paragraph_close", "p", 0, None))
            paragraph.clear()

    def close_lists(to: int) -> None:
        nonlocal depth
        while depth > to:
            level = 2 * depth
            append(BlockToken("list_item_close", "li", level + 1, None))
            append(BlockToken("bullet_list_close", "ul", level, None))
            depth -= 1

    for number, line in enumerate(text.split("\n")):
        if not line.strip(" "):
            end_paragraph()
            previous = "blank"
            continue
        first = line[0]
        if first == " " or first == "-":
            match = _ITEM.match(line)
            if match is None:
                return None  # an indented line that is not an item: code, continuation, ...
            indent = len(match.group(1))
            content = match.group(2).strip(" ")
            item_depth = indent // 2
            if indent % 2 or item_depth > depth + 1 or item_depth >= MAX_DEPTH or not content or not _plain(content):
                return None
            if _RULE.match(line.lstrip(" ")):
                return None  # `- - -` is a thematic break, not an item
            end_paragraph()
            close_lists(item_depth)
            level = 2 * item_depth
            if depth == item_depth:
                append(BlockToken("list_item_close", "li", level + 1, None))
            else:
                append(BlockToken("bullet_list_open", "ul", level, number))
                depth = item_depth
            append(BlockToken("list_item_open", "li", level + 1, number))
            append(BlockToken("paragraph_open", "p", level + 2, number))
            append(BlockToken("inline", "", level + 3, number, content))
            append(BlockToken("paragraph_close", "p", level + 2, None))
            previous = "item"
            continue
        if first == "#":
            match = _HEADING.match(line)
            if match is None:
                return None
            end_paragraph()
            close_lists(-1)
            start = match.end()
            end = len(line.rstrip(" "))
            closing = end
            while closing > start and line[closing - 1] == "#":
                closing -= 1
            if closing > start and line[closing - 1] == " ":
                end = closing  # `## Title ##`: the closing sequence is not content
            tag = f"h{len(match.group(1))}"
            append(BlockToken("heading_open", tag, 0, number))
            append(BlockToken("inline", "", 1, number, line[start:end].strip(" ")))
            append(BlockToken("heading_close", tag, 0, None))
            previous = "heading"
            continue
        if previous == "item" or not _plain(line):
            return None  # a line right after an item continues it (a lazy line)
        if depth >= 0:
            close_lists(-1)
        if not paragraph:
            paragraph_line = number
        paragraph.append(line)
        previous = "paragraph"
    end_paragraph()
    close_lists(-1)
    return out
