"""Read the Key Entities section of a spec with markdown-it-py.

markdown-it gives the block structure (headings, nested lists, tables) with
line maps; the text of each bullet or cell is then cut into a `Fragment`
whose columns are exact, and the grammar parses the typed parts. Nothing is
dropped silently: a bullet that is neither an entity nor an attribute is a
warning saying so.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from compiler import linear_re
from compiler.ast import AttributeDecl, CheckDecl, ColumnGroup, EntityDecl, SpecFile, TypeArg
from compiler.diagnostics import Diagnostics, Span
from compiler.frontend import blocks, notation, tolerate
from compiler.frontend.source import Fragment
from compiler.naming import loose_name, pluralize
from compiler.types import MAX_TEXT_CHARACTERS

# Heading text (numbering and emphasis stripped) that opens an entity section.
SECTION_RE = re.compile(
    r"^(?:key\s+entit(?:y|ies)|entities|data\s+models?|domain\s+model|core\s+entities|data\s+entities)\b"
    r"|\(key\s+entities\)|^entidades\b|^entités\b|^entitäten\b|^сущност\w*|实体|實體|エンティティ|엔티티",
    re.IGNORECASE,
)
# `` `title`: text, required ``: an attribute written in the notation, its name in backticks
ATTRIBUTE_LINE_RE = re.compile(r"^`[A-Za-z_]\w{0,62}`\s*:\s*[a-z]")


def _heading_words_re(role: str) -> re.Pattern[str]:
    """`role`'s words of headings.json as one pattern: whole words in every language, CJK words anywhere."""
    data = json.loads((Path(__file__).parent / "headings.json").read_text(encoding="utf-8"))
    words = sorted({w for language in data[role].values() for w in language}, key=len, reverse=True)
    spelled = [r"\s*".join(re.escape(part) for part in w.rstrip("*").split()) + (r"\w*" if w.endswith("*") else "") for w in words]
    anywhere = sorted(data[f"{role}_anywhere"], key=len, reverse=True)
    if role == "not_entity":  # the prose sections' CJK words head no entity either
        anywhere += data["prose_section_anywhere"]
    return re.compile(r"\b(?:" + "|".join(spelled) + r")\b|" + "|".join(map(re.escape, anywhere)), re.IGNORECASE)


# Sub-headings inside the section that group prose, not entities (headings.json).
NOT_ENTITY_HEADING_RE = _heading_words_re("not_entity")
# Prose headings whose sub-headings are prose too, even when they name an entity or a group.
PROSE_SECTION_RE = _heading_words_re("prose_section")


def _entity_detail_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`#### Museum field reference`, `#### Campos de Museo`: the heading's words (headings.json) around a name;
    and the words alone (`#### Fields` under `### Task`)."""
    data = json.loads((Path(__file__).parent / "headings.json").read_text(encoding="utf-8"))["entity_detail"]

    def alternatives(*groups) -> str:
        words = {w for group in groups for w in (group if isinstance(group, list) else [w for ws in group.values() for w in ws])}
        return "|".join(r"\s*".join(re.escape(part) for part in w.split()) for w in sorted(words, key=len, reverse=True))

    # (`(?<!\s)`: the spaces before the words are taken from the start of their run only, not again from each
    # space of it, which was quadratic on a heading of many spaces)
    suffix = rf"^(?P<before>.+?)(?:['’]s)?(?<!\s)\s*(?:{alternatives(data['suffix'])})$"
    prefix = rf"^(?:{alternatives(data['prefix'])})\s+(?:(?:{alternatives(data['between'])})\s+)?(?P<after>.+)$"
    alone = rf"^(?:(?:key|core|main)\s+)?(?:{alternatives(data['suffix'], data['prefix'])})$"
    return re.compile(f"{suffix}|{prefix}", re.IGNORECASE), re.compile(alone, re.IGNORECASE)


ENTITY_DETAIL_RE, FIELDS_HEADING_RE = _entity_detail_res()


def prose_sub_heading(heading: str) -> bool:
    """A sub-heading of an entity heading that holds prose about it (`#### Relationships`), not its fields
    (`#### Fields`, `#### Key attributes`)."""
    text = _split_markers(_clean_heading(heading))[0].strip()
    return bool(NOT_ENTITY_HEADING_RE.search(text)) and not FIELDS_HEADING_RE.match(text)


# Sub-headings that group entities (`#### Core Entities`): bullets below are entities.
GROUP_HEADING_RE = re.compile(
    r"\b(entities|entity\s+types|models|tables|doctypes|data\s+model|data\s+structures|domain|core|supporting|auxiliary)\b",
    re.IGNORECASE,
)
NUMBERING_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+")
FEATURE_RE = re.compile(r"^(\d+)[-_ ]?(.*)$")

ENTITY_HEAD_RE = re.compile(r"^\s*\*\*(?P<name>.+?)\*\*")
MARKER_RE = re.compile(r"\s*(?:\*|_)?\((?P<marker>[^()\n]*)\)(?:\*|_)?")  # one line: never spans a continuation
SEPARATOR_RE = re.compile(r"\s*(?::|：|—|–|-{1,2}(?=\s))\s*")
# `name`: ..., **name**: ..., name: ..., `name` (type, mods): ...
ATTRIBUTE_RE = re.compile(
    r"^\s*(?:`(?P<tick>[^`]+)`|\*\*`?(?P<bold>[^*`]+?)`?\*\*|(?P<bare>[^\W\d][\w]*))"
    r"\s*+(?:\((?P<paren>[^()]*(?:\([^()]*\)[^()]*)*)\))?\s*+(?P<colon>[:：])"  # (possessive: linear on spaces)
)
ENTITY_LINE_RE = re.compile(
    r"^\s*(?P<kw>indexes|index|unique|check|primary\s+key|table|relationships|soft[\s_-]?delete[sd]?|removed|dropped)"
    r"\s*(?:(?P<colon>:)\s*|$)",
    re.IGNORECASE,
)
REL_KIND_RE = re.compile(r"\s*(belongs\s+to|has\s+many|has\s+one|many\s+to\s+many)\b", re.IGNORECASE)
EXTERNAL_MARKERS = ("external", "externo", "externe")
EXTENDS_MARKERS = ("extends", "extended", "modified", "existing", "updated", "changed")
REMOVED_MARKERS = ("removed", "dropped")  # an earlier entity this feature drops (its table goes)
NOT_STORED_MARKERS = ("not stored", "transient", "not persisted", "in memory")  # documented, never a table
_MARKER_WORDS = "|".join(re.escape(m) for m in (*EXTERNAL_MARKERS, *EXTENDS_MARKERS, *REMOVED_MARKERS, *NOT_STORED_MARKERS))
# `` - `course_dependencies` table: ... ``: an entity named as code, read as `**course_dependencies**` (W109)
# (after the word `table`, which the look-behind for a letter tells from the closing backtick, any note in parentheses,
# `(NEW m0012)`, as after a bold name; right after the name only a marker: `(external)`, not `(applied to every table)`)
CODE_ENTITY_HEAD_RE = re.compile(
    r"^\s*`(?P<name>[^\W\d]\w{0,62})`(?:\s+(?P<word>(?i:table|entity|model|collection)))?"
    rf"(?=(?:(?<=[a-zA-Z])\s*[*_]?\([^()]*\)[*_]?|\s*[*_]?\((?i:{_MARKER_WORDS})[^()]*\)[*_]?)?\s*(?:[:：—–]|-{{1,2}}\s|$))"
)

# Table header words -> the role of the column.
HEADER_ROLES = {
    "attribute": "name",
    "attributes": "name",
    "field": "name",
    "fields": "name",
    "column": "name",
    "columns": "name",
    "name": "name",
    "property": "name",
    "attribute name": "name",
    "field name": "name",
    "column name": "name",
    "type": "type",
    "data type": "type",
    "datatype": "type",
    "sql type": "type",
    "constraints": "constraints",
    "constraint": "constraints",
    "modifiers": "constraints",
    "notes": "constraints",
    "rules": "constraints",
    "validation": "constraints",
    "description": "description",
    "desc": "description",
    "purpose": "description",
    "meaning": "description",
    "details": "description",
    "required": "required",
    "nullable": "nullable",
    "entity": "entity",
    "default": "default",
    "default value": "default",
    "required?": "required",
    "nullable?": "nullable",
    "null": "nullable",
    "null?": "nullable",
}


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    # Only block structure is needed: entity text is read raw from each inline
    # token's `content`, so the inline pass (half the parse time) is skipped.
    return MarkdownIt("commonmark", {"html": True}).enable("table").disable("inline")


def feature_of(path: Path) -> tuple[str, int | None]:
    """`specs/001-task-management/spec.md` -> ("001-task-management", 1)."""
    name = path.parent.name if path.name.lower() == "spec.md" else path.stem
    match = FEATURE_RE.match(name)
    return name, (int(match.group(1)) if match else None)


def _clean_heading(text: str) -> str:
    text = NUMBERING_RE.sub("", text)
    # `_` inside a word is part of a name (`market_tickers`), not emphasis
    # (`(?<!_)_++`: a run of underscores is tried once, from its start, not from each of its characters)
    return re.sub(r"[*`]|(?<!\w)_+|(?<!_)_++(?!\w)", "", text).strip()


class EntityBlocks:
    """The bullet entities of each spec's last parse, by what their block
    reads (its tokens and lines). The language server parses a spec again
    after each edit, which leaves most of its entities as they were, perhaps
    some lines lower: an entity where it was is the very object of the last
    parse (the later passes' caches then hit too), one that moved is a copy
    with its spans moved; the diagnostics its parse reported are reported
    again. The parsed entity is kept as parsed: the resolve pass writes into
    the objects it is given."""

    def __init__(self) -> None:
        self._by_path: dict[str, dict[tuple, tuple]] = {}

    def forget(self, path: str) -> None:
        self._by_path.pop(path, None)


def parse_spec(path: str, text: str, diags: Diagnostics, blocks: EntityBlocks | None = None) -> SpecFile:
    feature, number = feature_of(Path(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        # `é` typed as e + U+0301 and as U+00E9 is one name: compare and write names in NFC
        text = unicodedata.normalize("NFC", text)
    if "\x00" in text:
        # markdown-it would turn it into U+FFFD silently; a NUL is never meant
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        diags.report(
            "E001", "spec contains a NUL character; remove it", Span(path=path, line=line, col=col, end_line=line, end_col=col + 1)
        )
    reader = _Reader(path, text, diags)
    if blocks is not None:
        reader.kept, reader.used = blocks._by_path.get(path, {}), {}
    spec = SpecFile(path=path, feature=feature, number=number)
    reader.read(spec)
    if blocks is not None:
        blocks._by_path[path] = reader.used
    return spec


class _Reader:
    def __init__(self, path: str, text: str, diags: Diagnostics) -> None:
        self.path = path
        self.lines = text.split("\n")
        self.diags = diags
        plain = blocks.tokens(text)  # the plain subset without markdown-it, else markdown-it
        self.tokens = plain if plain is not None else _markdown().parse(text)
        # EntityBlocks' entries for this spec: block -> (first line, entity, entity as parsed, its first line, diagnostics there)
        self.kept: dict[tuple, tuple] | None = None
        self.used: dict[tuple, tuple] = {}

    # ---------------------------------------------------------------- structure
    def _close(self, i: int) -> int:
        return block_close(self.tokens, i)

    def read(self, spec: SpecFile) -> None:
        tokens = self.tokens
        headings = [(i, int(t.tag[1])) for i, t in enumerate(tokens) if t.type == "heading_open"]
        for i, _level in headings:
            if tokens[i].tag == "h1":
                spec.title = re.sub(r"^feature\s+specification\s*:\s*", "", _clean_heading(tokens[i + 1].content), flags=re.IGNORECASE)
                break
        section_end = -1
        for n, (i, level) in enumerate(headings):
            if i < section_end:
                continue  # nested in a section already read
            if not SECTION_RE.search(_clean_heading(tokens[i + 1].content)):
                continue
            end = len(tokens)
            for j, other in headings[n + 1 :]:
                if other <= level:
                    end = j
                    break
            last_line = tokens[end].map[0] if end < len(tokens) and tokens[end].map else len(self.lines)
            spec.entity_sections.append(((tokens[i].map[0] + 1) if tokens[i].map else 1, last_line))
            self._section(i + 3, end, level, spec)
            section_end = end

    def _section(self, start: int, end: int, level: int, spec: SpecFile) -> None:
        tokens = self.tokens
        heading_entity: EntityDecl | None = None
        heading_level = 0  # level of the heading that opened heading_entity
        detail = False  # heading_entity is a bullet entity whose fields a heading gives (`#### Museum fields`)
        declared_before = len(spec.entities)
        skip_level = 0  # inside a prose sub-section (`#### Validation Rules`) until a heading this deep or higher
        prose_level = 0  # the same, for a section whose sub-headings are about entities, not entities
        labelled = False  # the last block was a bold label alone (`**Indexes:**`): the list under it is its items
        i = start
        while i < end:
            tok = tokens[i]
            if tok.type == "heading_open":
                labelled = False
                depth = int(tok.tag[1])
                if heading_entity is not None and depth > heading_level:
                    # `#### Fields` under `### Task`: part of the entity, not a new one; `#### Relationships`: prose
                    if prose_sub_heading(tokens[i + 1].content):
                        skip_level = depth
                    elif skip_level and depth <= skip_level:
                        skip_level = 0
                    i = self._close(i) + 1
                    continue
                if heading_entity is None and prose_level and depth > prose_level:
                    # `### Event` under `## Validation Rules`: prose about an entity, not a new one
                    i = self._close(i) + 1
                    continue
                skip_level = prose_level = 0
                heading_level = depth
                heading_text = _clean_heading(tokens[i + 1].content)
                detailed = self._detailed_entity(heading_text, spec.entities[declared_before:])
                detail = detailed is not None
                heading_entity = detailed or (None if self._groups_entities(i, depth) else self._heading_entity(i))
                if detailed is not None:
                    self.diags.report(
                        "W108",
                        f"heading gives the fields of '{detailed.name}', declared above as a bullet; read as its attributes"
                        " (nest them under the bullet, or declare it with a heading)",
                        self._fragment(i + 1).span(0, len(tokens[i + 1].content)),
                    )
                if heading_entity is not None:
                    if not detail:
                        spec.entities.append(heading_entity)
                elif PROSE_SECTION_RE.search(heading_text):
                    # prose even when it names a group (`## State Transition Models`)
                    skip_level = prose_level = depth
                elif not GROUP_HEADING_RE.search(heading_text):
                    skip_level = depth
                i = self._close(i) + 1
                continue
            if skip_level:
                i = self._close(i) + 1 if tok.type.endswith("_open") else i + 1
                continue
            if tok.type == "paragraph_open":
                labelled = re.fullmatch(r"\s*\*\*[^*\n]{1,60}\*\*\s*[:：]?\s*", tokens[i + 1].content) is not None
                if heading_entity is not None and not heading_entity.attributes:
                    extra = " ".join(tokens[i + 1].content.split())
                    heading_entity.description = f"{heading_entity.description} {extra}".strip()
                i = self._close(i) + 1
                continue
            if tok.type in ("bullet_list_open", "ordered_list_open"):
                close = self._close(i)
                for item in self._items(i, close):
                    if detail and self._next_entity(item):
                        heading_entity, detail = None, False  # `- **Exhibit**: An exhibit...` after the fields
                    self._top_item(item, heading_entity, spec, labelled)
                labelled = False
                i = close + 1
                continue
            if tok.type == "table_open":
                close = self._close(i)
                self._table(i, close, heading_entity, spec)
                i = close + 1
                continue
            i = self._close(i) + 1 if tok.type.endswith("_open") else i + 1

    def _items(self, list_open: int, list_close: int) -> list[int]:
        return list_items(self.tokens, list_open, list_close)

    # ---------------------------------------------------------------- fragments
    def _declares_attributes(self, heading: int) -> bool:
        """The section under the heading at token `heading` lists an attribute in the notation (`` `title`: text ``)
        before any deeper or other heading."""
        after = self._close(heading) + 1
        for tok in self.tokens[after : after + 200]:
            if tok.type == "heading_open":
                return False
            if tok.type == "inline" and ATTRIBUTE_LINE_RE.match(tok.content):
                return True
        return False

    def _fragment(self, inline_index: int) -> Fragment:
        """The raw text of an inline token, mapped back onto the source lines."""
        tok = self.tokens[inline_index]
        first_line = tok.map[0] if tok.map else 0
        content_lines = tok.content.split("\n")
        starts = []
        for k, content_line in enumerate(content_lines):
            line_no = first_line + k
            source = self.lines[line_no] if line_no < len(self.lines) else ""
            col = source.find(content_line) if content_line else -1
            if col < 0:
                col = len(source) - len(source.lstrip())
            starts.append((line_no + 1, col + 1))
        return Fragment(self.path, tok.content, starts)

    def _has_sublist(self, item: int) -> bool:
        """Whether the list item holds a nested list (an entity bullet's attributes)."""
        level = self.tokens[item].level + 1
        return any(t.level == level and t.type in ("bullet_list_open", "ordered_list_open") for t in self.tokens[item : self._close(item)])

    def _item_fragment(self, item: int) -> Fragment | None:
        tokens = self.tokens
        if item + 2 < len(tokens) and tokens[item + 1].type == "paragraph_open" and tokens[item + 2].type == "inline":
            return self._fragment(item + 2)
        return None

    def _line_span(self, token_index: int) -> Span:
        tok = self.tokens[token_index]
        line = (tok.map[0] if tok.map else 0) + 1
        source = self.lines[line - 1] if line - 1 < len(self.lines) else ""
        col = len(source) - len(source.lstrip()) + 1
        return Span(path=self.path, line=line, col=col, end_line=line, end_col=len(source) + 1)

    # ---------------------------------------------------------------- entities
    @staticmethod
    def _detailed_entity(heading_text: str, declared: list[EntityDecl]) -> EntityDecl | None:
        """The bullet entity above whose fields a heading gives (`#### Museum field reference`)."""
        match = ENTITY_DETAIL_RE.match(_split_markers(heading_text)[0].strip())
        if not match:
            return None
        key = loose_name(match.group("before") or match.group("after"))
        for entity in reversed(declared):
            if key and key in {loose_name(entity.name), loose_name(pluralize(entity.name))}:
                return entity
        return None

    def _groups_entities(self, heading: int, depth: int) -> bool:
        """`### In-Memory Registries` straight over `#### WorkerRegistry`: a plural heading over entity headings
        groups them; it is none itself (`### Task` over `#### Fields` is one)."""
        after = self._close(heading) + 1
        if after >= len(self.tokens) or self.tokens[after].type != "heading_open" or int(self.tokens[after].tag[1]) <= depth:
            return False
        words = _split_markers(_clean_heading(self.tokens[heading + 1].content))[0].split()
        plural = bool(words) and re.search(r"(?<![su])s$", words[-1]) is not None
        below = _split_markers(_clean_heading(self.tokens[after + 1].content))[0]
        return plural and not NOT_ENTITY_HEADING_RE.search(below)  # (`#### Fields`, `#### Relationships`: the entity's)

    def _next_entity(self, item: int) -> bool:
        """A bullet after a detail heading's fields that declares the next entity: a capitalized bold name over
        words, not a type (`- **Exhibit**: An exhibit in a museum`)."""
        fragment = self._item_fragment(item)
        head = ENTITY_HEAD_RE.match(fragment.text) if fragment is not None else None
        return head is not None and head.group("name").strip("`")[:1].isupper() and not self._looks_typed(fragment)

    def _heading_entity(self, i: int) -> EntityDecl | None:
        fragment = self._fragment(i + 1)
        text = _clean_heading(fragment.text)
        name, markers = _split_markers(text)
        # `Entity 1: Todo`, `Core Entity: Task`: what follows the label is the name
        unlabelled = name
        name = re.sub(r"^(?:(?:\w+\s+)?(?:entity|table)|model)\s*\d*\s*[:：]\s*", "", name, flags=re.IGNORECASE).strip()
        # `### Entity: Note`, or `### Note` over attributes written in the notation: an entity called Note (or
        # Flow, Query, Policy), not a section of notes
        named = re.fullmatch(r"[A-Z]\w*", name) is not None and (
            name != unlabelled or re.search(r"(?<![su])s$", name) is None and self._declares_attributes(i)
        )  # `### Indexes` over `` `tasks.user_id`: ... `` stays a section
        # the words are judged without glosses and markers: `admin_actions (Audit Log)`, `User (Existing - No Changes)`
        if not name or NOT_ENTITY_HEADING_RE.search(name) and not named or GROUP_HEADING_RE.search(name):
            return None
        name = linear_re.sub(r"\s+(entity|table|model)$", "", name, flags=re.IGNORECASE).strip()
        if not name:
            return None
        offset = max(fragment.text.find(name), 0)
        entity = EntityDecl(name=name, span=fragment.span(offset, offset + len(name)))
        _apply_markers(entity, markers)
        return entity

    def _top_item(self, item: int, heading_entity: EntityDecl | None, spec: SpecFile, labelled: bool = False) -> None:
        fragment = self._item_fragment(item)
        if fragment is None:
            self.diags.report("W101", "bullet is not an entity: expected '- **Name**: description'", self._line_span(item))
            return
        head = ENTITY_HEAD_RE.match(fragment.text)
        # (only a bullet over its own attributes, or one that calls itself a table, and not the items of a bold label)
        coded = CODE_ENTITY_HEAD_RE.match(fragment.text) if head is None and heading_entity is None and not labelled else None
        if coded and not coded.group("word") and not self._has_sublist(item):
            coded = None
        if coded:
            name = coded.group("name")
            self.diags.report(
                "W109",
                f"entity name written as code; read as the entity '{name}': write '- **{name}**: description'",
                fragment.span(coded.start("name") - 1, coded.end()),
            )
            head = coded
        if head and heading_entity is None:
            spec.entities.append(self._bullet_entity(item, fragment, head))
            return
        if heading_entity is not None:
            self._attribute_item(item, fragment, heading_entity)
            return
        self.diags.report(
            "W101", "bullet is not an entity: expected '- **Name**: description'", fragment.span(0, len(fragment.text.split("\n")[0]))
        )

    def _bullet_entity(self, item: int, fragment: Fragment, head: re.Match) -> EntityDecl:
        if self.kept is None:
            entity = self._entity_bullet(fragment, head)
            self._entity_body(item, entity)
            return entity
        tokens = self.tokens
        first = tokens[item].map[0]
        last = first + 1
        shape = []
        for tok in tokens[item : self._close(item) + 1]:
            where = tok.map
            if where:
                last = max(last, where[1], where[0] + tok.content.count("\n") + 1)
                where = (where[0] - first, where[1] - first)
            shape.append((tok.type, tok.tag, tok.level, tok.content, where))
        key = (tuple(shape), tuple(self.lines[first:last]))
        kept = self.kept.get(key) or self.used.get(key)
        if kept is None:
            real, self.diags = self.diags, Diagnostics()
            try:
                entity = self._entity_bullet(fragment, head)
                self._entity_body(item, entity)
            finally:
                found, self.diags = self.diags, real
            kept = (first, entity, notation.copy_spans(entity, lambda span: span), first, found.items)
        elif kept[0] != first:
            moved = first - kept[3]
            entity = notation.copy_spans(kept[2], lambda span: _moved(span, moved))
            kept = (first, entity, kept[2], kept[3], kept[4])
        self.used.setdefault(key, kept)
        moved = first - kept[3]
        self.diags.items.extend(
            d if moved == 0 or d.span is None else d.model_copy(update={"span": _moved(d.span, moved)}) for d in kept[4]
        )
        return kept[1]

    def _looks_typed(self, fragment: Fragment) -> bool:
        """`**title**: string(200)` under an entity heading is an attribute."""
        match = ATTRIBUTE_RE.match(fragment.text)
        if not match:
            return False
        rest = fragment.text[match.end() :].replace("`", " ").split()
        from compiler.types import lookup

        if not rest:
            return False
        word = re.split(r"[(\[,{:]", rest[0])[0]
        if lookup(word) is not None or word.lower() == "one" and len(rest) > 1 and rest[1].lower().startswith("of"):
            return True
        # `owner: User, required`: a single capitalized name (an entity) followed by modifiers or nothing
        tail = fragment.text[match.end() :].replace("`", " ").strip()
        return bool(re.fullmatch(r"[A-Z]\w*(\s*(\[\]|,.*|\(.*\)\s*|\s[—–-]\s.*))?", tail.split("\n")[0]))

    def _entity_bullet(self, fragment: Fragment, head: re.Match) -> EntityDecl:
        raw_name = head.group("name")
        name_start = head.start("name")
        rest_start = head.end()
        stripped = raw_name.strip().rstrip(":：").strip().strip("`").strip()
        name, name_markers = _split_markers(stripped)
        offset = name_start + max(raw_name.find(name), 0)
        entity = EntityDecl(name=name, span=fragment.span(offset, offset + len(name)))
        _apply_markers(entity, name_markers)
        rest = fragment.text[rest_start:]
        pos = 0
        while True:
            marker = MARKER_RE.match(rest, pos)
            if not marker:
                break
            _apply_markers(entity, [marker.group("marker")])
            pos = marker.end()
        separator = SEPARATOR_RE.match(rest, pos)
        if separator:
            pos = separator.end()
        entity.description = " ".join(rest[pos:].split())
        return entity

    def _entity_body(self, item: int, entity: EntityDecl) -> None:
        tokens = self.tokens
        close = self._close(item)
        level = tokens[item].level + 1
        j = item + 1
        while j < close:
            tok = tokens[j]
            if tok.level == level and tok.type in ("bullet_list_open", "ordered_list_open"):
                list_close = self._close(j)
                for sub in self._items(j, list_close):
                    fragment = self._item_fragment(sub)
                    if fragment is None:
                        entity.prose_lines += 1
                        continue
                    self._attribute_item(sub, fragment, entity)
                j = list_close + 1
                continue
            if tok.level == level and tok.type == "table_open":
                table_close = self._close(j)
                self._table(j, table_close, entity, None)
                j = table_close + 1
                continue
            j = self._close(j) + 1 if tok.type.endswith("_open") else j + 1

    # ---------------------------------------------------------------- attributes
    def _prose(self, entity: EntityDecl, fragment: Fragment) -> None:
        """A nested bullet that is not an attribute: counted, and said so."""
        entity.prose_lines += 1
        first = fragment.text.split("\n")[0]
        message = "nested bullet is not an attribute (expected '`name`: type, modifiers'); read as prose"
        self.diags.report("W102", message, fragment.span(0, len(first)))

    def _attribute_item(self, item: int, fragment: Fragment, entity: EntityDecl) -> None:
        text = fragment.text
        line = ENTITY_LINE_RE.match(text)
        if line and (line.group("colon") or line.group("kw").lower().startswith("soft")):
            keyword, body = line.group("kw"), fragment.slice(line.end())
            # The notation writes these lines in lower case; `Relationships: Assigned to
            # items` or `Indexes: on user and date` is prose about the entity.
            canonical = keyword.islower() and (
                not keyword.startswith("relationships") or bool(REL_KIND_RE.match(body.text.replace("`", " ")))
            )
            self._tolerantly(
                lambda: self._entity_line(keyword, body, fragment.span(line.start("kw"), line.end("kw")), entity),
                canonical,
                entity,
                fragment,
            )
            return
        match = ATTRIBUTE_RE.match(text)
        if not match:
            self._prose(entity, fragment)
            return
        name_group = next(g for g in ("tick", "bold", "bare") if match.group(g))
        if name_group != "tick" and match.group("paren") is None and not self._looks_typed(fragment):
            # `**Format**: a 64-character hex string` / `Attributes: id, name`: prose, not a typed attribute
            self._prose(entity, fragment)
            return
        name = match.group(name_group).strip()
        name_span = fragment.span(match.start(name_group), match.end(name_group))
        if match.group("paren") is not None:
            spec = fragment.slice(match.start("paren"), match.end("paren"))
            description = text[match.end() :]
        else:
            rest = fragment.slice(match.end())
            cut = _description_cut(rest.text)
            spec = rest.slice(0, cut[0]) if cut else rest
            description = rest.text[cut[1] :] if cut else ""
        canonical = name_group == "tick" and _starts_with_type(spec.text)
        if canonical and (typed_then_prose := self._type_then_prose(spec)) is not None:
            # `` `completed`: Boolean status (defaults to False) ``: a type, then words about the column
            written = " ".join(spec.text.split())
            spec, said = typed_then_prose
            description = f"{said} {description}".strip()
            self.diags.report(
                "W105",
                f"non-canonical spelling '{written}'; write `{spec.text.strip()} — {said}`",
                fragment.span(match.start(name_group), len(text.split(chr(10))[0])),
            )
        attribute = self._tolerantly(
            lambda: self._attribute(name, name_span, spec, None, " ".join(description.split())), canonical, entity, fragment
        )
        if attribute is not None:
            attribute.tolerated = name_group != "tick"  # `**status**: SandboxStatus`: the team's spelling
            self._enum_values_in_words(attribute, description, fragment)
            if match.group("paren") is not None:
                spelled = linear_re.sub(r"\s*,\s*", ", ", " ".join(spec.text.replace("`", " ").split()))
                self.diags.report(
                    "W105", f"non-canonical spelling '{name} ({spelled})'; write `{name}: {spelled}`", fragment.span(0, match.end())
                )
            _add_attribute(entity, attribute)

    def _enum_values_in_words(self, attribute: AttributeDecl, description: str, fragment: Fragment) -> None:
        """`` `status` (Enum): The status set (UNDER_REVIEW, ACCEPTED, REJECTED) ``, `` `type` (Enum): `stdio` | `sse` ``:
        an enum whose values its words list."""
        if attribute.type.name.lower() != "enum" or attribute.type.args:
            return
        listed = re.search(r"\(\s*([A-Za-z][\w-]*(?:\s*[,|/]\s*[A-Za-z][\w-]*)+)\s*\)\s*\.?\s*$", description.strip())
        # `` `type` (Enum): `stdio` | `sse` | `webmcp`. ``: the description is the values, each in code
        ticked = re.fullmatch(
            r"(?i:(?:one\s+of|either)\s*:?\s*)?(`[A-Za-z][\w-]*`(?:\s*(?:[,|/]|,?\s*\bor\b)\s*`[A-Za-z][\w-]*`)+)\s*\.?",
            description.strip(),
        )
        if ticked is not None:
            values = re.findall(r"`([^`]+)`", ticked.group(1))
        elif listed is not None:
            values = [v.strip() for v in re.split(r"[,|/]", listed.group(1))]
        else:
            return
        attribute.type.args = [TypeArg(kind="name", value=v, span=attribute.type.span) for v in values]
        self.diags.report(
            "W105",
            f"non-canonical spelling: an enum whose values its description lists; write `enum({', '.join(values)})`",
            attribute.type.span,
        )

    def _type_then_prose(self, spec: Fragment) -> tuple[Fragment, str] | None:
        """(the type, the words after it) when `spec` does not parse but starts with a type that does and goes on
        in words (`Boolean status (defaults to False)`), or ends in a parenthesis of words that are no modifiers
        (`string (edit permission identifier, existing)`); None when it parses, or when a word where a modifier
        would stand is a near miss of a notation word (`string(200) requird` stays an error). The text is looked
        at before anything is parsed: most attributes (`string(200), required`) have no word right after the type."""
        head = re.match(r"\s*`?[^\W\d]\w*`?(?:\([^()]*\))?(?:\[\])?(?=\s+[^\W\d])", spec.text)
        closing = re.match(r"(?P<type>.*?\S)\s*\((?P<said>[^()]*)\)\s*$", spec.text, re.DOTALL)
        if head is not None:
            end, rest = head.end(), spec.text[head.end() :].strip()
            items = [rest]
        elif closing is not None:
            end, rest = closing.end("type"), " ".join(closing.group("said").split())
            items = rest.split(",")
        else:
            return None
        from compiler.infer.typemap import is_modifier

        for item in items:
            word = re.split(r"[\s,(:=]+", item.strip(), maxsplit=1)[0].lower()
            if word in notation.keywords() or difflib.get_close_matches(word, notation.keywords(), n=1, cutoff=0.8):
                return None
            if closing is not None and head is None and (is_modifier(item) or CONSTRAINT_IN_WORDS_RE.search(item)):
                return None  # `string(50) (non-null)`, `uuid (ref User)`, `uuid (User.id)`: a constraint, not a description
        with self._captured():
            if self._parse_tolerant(spec, "attribute") is not None:
                return None
        with self._captured() as found:
            typed = self._parse_tolerant(spec.slice(0, end), "attribute")
        if typed is None or found.has_errors:
            return None
        return spec.slice(0, end), rest

    @contextmanager
    def _captured(self) -> Iterator[Diagnostics]:
        """Findings reported inside the block go to the yielded Diagnostics, not to the file's."""
        real, self.diags = self.diags, Diagnostics()
        try:
            yield self.diags
        finally:
            self.diags = real

    def _tolerantly(self, parse, canonical: bool, entity: EntityDecl, fragment: Fragment):
        """Run `parse` (an attribute or entity line); if it fails and the line
        is not written in the notation (`**Created At**: Timestamp when the
        list was created`), it is prose with W106, not an error. A line in
        the notation that fails keeps its errors: its output would be wrong."""
        with self._captured() as found:
            result = parse()
        errors = [d.message for d in found.items if d.severity.value == "error"]
        if isinstance(result, AttributeDecl) and result.type.name.lower() == "enum" and not result.type.args:
            errors.append("enum lists no values")  # `Status (enum): Either "incomplete" or "complete"`: the values are prose
        if errors and not canonical:
            entity.prose_lines += 1
            first = fragment.text.split("\n")[0]
            written = " ".join(first.replace("`", "").split())
            self.diags.report(
                "W106",
                f"'{written}' does not parse as an attribute ({errors[0]}); read as prose, no column",
                fragment.span(0, len(first)),
            )
            return None
        self.diags.extend(found)
        return result

    def _parse_tolerant(self, fragment: Fragment, start: str):
        """Parse `fragment`; a tolerated spelling (`UUID (PK)`, `string (max 200)`,
        `enum: a | b`) is rewritten first and reported as W105 with the
        canonical spelling (see compiler.frontend.tolerate)."""
        canonical = tolerate.rewrite(fragment, start)
        if canonical is None:
            return notation.parse(fragment, start, self.diags)
        parsed = notation.parse(canonical, start, self.diags)
        if parsed is not None:
            written = " ".join(fragment.text.replace("`", " ").split())
            spelled = linear_re.sub(r"\s*,\s*", ", ", " ".join(canonical.text.replace("`", " ").split())).strip(", ")
            self.diags.report("W105", f"non-canonical spelling '{written}'; write `{spelled}`", fragment.strip().span())
        return parsed

    def _attribute(
        self, name: str, name_span: Span, spec: Fragment, constraints: Fragment | None, description: str
    ) -> AttributeDecl | None:
        if constraints is None:
            parsed = self._parse_tolerant(spec, "attribute")
            if parsed is None:
                return None
            type_expr, modifiers = parsed[0], parsed[1:]
        else:
            type_expr = self._parse_tolerant(spec, "type_only")
            if type_expr is None:
                return None
            modifiers = []
            if constraints.text.strip():
                with self._captured() as found:
                    parsed = self._parse_tolerant(constraints, "modifier_list")
                if parsed is None:
                    parsed = self._constraints_one_by_one(name, constraints)
                else:
                    self.diags.extend(found)
                if parsed is None:
                    return None
                modifiers = parsed
        renamed = None
        if isinstance(type_expr, tuple):
            _, type_expr, renamed = type_expr
        attribute = AttributeDecl(name=name, span=name_span, type=type_expr, description=description)
        if renamed is not None:
            attribute.renamed_from = renamed[1]
            attribute.modifier_spans["renamed_from"] = renamed[2]
        for modifier in modifiers:
            self._apply_modifier(attribute, modifier)
        return attribute

    def _constraints_one_by_one(self, name: str, constraints: Fragment) -> list | None:
        """A Constraints cell in the team's words (`PK, UUID`, `NOT NULL, immutable`, `UNIQUE per org`): each
        comma-separated item the notation reads is kept, and each other one is left out with W122, so the column
        stays (its type cell is the notation). None for a near miss of a notation word (`requird`): an error."""
        modifiers: list = []
        dropped: list[Fragment] = []
        for start, end in _top_level_items(constraints.text):
            item = constraints.slice(start, end).strip()
            if not item.text.strip("`* "):
                continue
            first: Diagnostics | None = None
            for variant in _constraint_variants(item):
                with self._captured() as found:
                    parsed = self._parse_tolerant(variant, "modifier_list")
                if first is None:
                    first = found
                if parsed is not None and not found.has_errors:
                    self.diags.extend(found)
                    modifiers.extend(parsed)
                    break
            else:
                word = item.text.strip("`* ").lower()
                near = difflib.get_close_matches(word, notation.keywords(), n=1, cutoff=0.8)
                if " " not in word and near and word not in notation.keywords():
                    self.diags.extend(first or found)  # `requird`: a typo of the notation stays an error
                    return None
                dropped.append(item)
        for item in dropped:
            written = " ".join(item.text.replace("`", "").split())
            self.diags.report("W122", f"'{name}': constraint '{written}' is not in the notation; left out", item.span())
        return modifiers

    def _apply_modifier(self, attribute: AttributeDecl, modifier: tuple) -> None:
        key, value, span = modifier
        if key == "check":
            attribute.checks.append(value)
            return
        if key == "length":
            low, high = (self._length_bound(bound, span) for bound in value)
            self._set(attribute, "min_length", low, span, "length")
            self._set(attribute, "max_length", high, span, "length")
            return
        self._set(attribute, key, value, span, key)

    def _length_bound(self, written: str | None, span: Span) -> int | None:
        """A `length(a..b)` bound as a whole number of characters; one no text value can reach (`1e400`, a thousand
        digits) is E211, not a float's overflow."""
        if written is None:
            return None
        value = Decimal(written)
        if not value.is_finite() or abs(value) > MAX_TEXT_CHARACTERS:
            shown = written if len(written) <= 20 else f"{written[:20]}..."
            self.diags.report("E211", f"length bound {shown} is more characters than a text value holds", span)
            return None
        return int(value)

    def _set(self, attribute: AttributeDecl, field: str, value, span: Span, label: str) -> None:
        current = getattr(attribute, field)
        if field in attribute.modifier_spans and current != value:
            written = "required and optional" if field == "required" else f"two different {label.replace('_', ' ')} values"
            self.diags.report("E106", f"attribute '{attribute.name}' is declared {written}", span)
            return
        setattr(attribute, field, value)
        attribute.modifier_spans[field] = span

    # ---------------------------------------------------------------- entity lines
    def _entity_line(self, keyword: str, body: Fragment, keyword_span: Span, entity: EntityDecl) -> None:
        kw = " ".join(keyword.lower().split())
        if kw.startswith("soft"):
            entity.soft_delete = keyword_span
            return
        if not body.text.strip():
            self.diags.report("E108", f"'{kw}:' names nothing", keyword_span)
            return
        if kw in ("indexes", "index"):
            parsed = notation.parse(body, "index_list", self.diags)
            if parsed is not None:
                entity.indexes.extend(parsed)
        elif kw == "unique":
            parsed = notation.parse(body, "column_groups", self.diags)
            if parsed is not None:
                entity.uniques.extend(parsed)
        elif kw == "primary key":
            parsed = notation.parse(body, "column_groups", self.diags)
            if parsed is not None:
                if len(parsed) != 1:
                    self.diags.report("E108", "'primary key:' takes one column group, e.g. (a, b)", body.span())
                else:
                    entity.primary_key = parsed[0]
        elif kw == "check":
            parsed = notation.parse(body, "sql_expr", self.diags)
            if parsed is not None:
                entity.checks.append(CheckDecl(expr=parsed))
        elif kw == "table":
            name = body.strip().text.strip('`"')
            if not name or any(c.isspace() for c in name):
                self.diags.report("E108", "'table:' takes one table name", body.span())
            else:
                entity.table_name = name
        elif kw in ("removed", "dropped"):
            names = [n.strip().strip('`"').strip() for n in body.text.split(",")]
            if not all(names) or any(any(c.isspace() for c in n) for n in names):
                self.diags.report("E108", f"'{kw}:' takes attribute names separated by commas", body.span())
            else:
                entity.removed_attributes.append(ColumnGroup(columns=names, span=body.span()))
        elif kw == "relationships":
            parsed = notation.parse(body, "relationship_list", self.diags)
            if parsed is not None:
                entity.relationships.extend(parsed)

    # ---------------------------------------------------------------- tables
    def _table(self, start: int, end: int, entity: EntityDecl | None, spec: SpecFile | None) -> None:
        rows = [t.map[0] for t in self.tokens[start:end] if t.type == "tr_open" and t.map]
        if not rows:
            return
        header_line = rows[0]
        header = [self.lines[header_line][a:b] for a, b in _cells(self.lines[header_line])]
        roles: dict[str, int] = {}
        for index, cell in enumerate(header):
            role = HEADER_ROLES.get(re.sub(r"[*_`]", "", cell).strip().lower())
            if role and role not in roles:
                roles[role] = index
        header_span = Span(path=self.path, line=header_line + 1, col=1, end_line=header_line + 1, end_col=len(self.lines[header_line]) + 1)
        if "entity" in roles and "type" not in roles and spec is not None:
            self._entity_table(rows[1:], roles, spec)
            return
        if "name" not in roles and "type" not in roles:
            self.diags.report("W104", "table has no name or Type column; read as prose", header_span)
            return
        # Tables that cannot be read as attributes are prose (a list of value
        # objects, names without types): no column is made up from them.
        if "name" not in roles or "type" not in roles:
            missing = "Type" if "name" in roles else "Attribute/Field/Column/Name"
            self.diags.report("W104", f"table has no {missing} column, so its rows are not attributes; read as prose", header_span)
            return
        if entity is None:
            self.diags.report(
                "W104", "attribute table is not under an entity (put it below '### Entity' or an entity bullet); read as prose", header_span
            )
            return
        for line_no in rows[1:]:
            self._table_row(line_no, roles, entity)

    def _cell(self, line_no: int, spans: list[tuple[int, int]], index: int | None) -> Fragment | None:
        if index is None or index >= len(spans):
            return None
        a, b = spans[index]
        return Fragment.single(self.path, self.lines[line_no][a:b], line_no + 1, a + 1)

    def _table_row(self, line_no: int, roles: dict[str, int], entity: EntityDecl) -> None:
        spans = _cells(self.lines[line_no])
        name_cell = self._cell(line_no, spans, roles["name"])
        type_cell = self._cell(line_no, spans, roles["type"])
        if name_cell is None or not name_cell.text.strip("`* "):
            row_span = Span(path=self.path, line=line_no + 1, col=1, end_line=line_no + 1, end_col=len(self.lines[line_no]) + 1)
            self.diags.report("E107", "table row has no attribute name", row_span)
            return
        raw = name_cell.text
        name = raw.strip("`* ")
        offset = raw.find(name)
        name_span = name_cell.span(offset, offset + len(name))
        if type_cell is None:
            type_cell = Fragment.single(self.path, "", line_no + 1, len(self.lines[line_no]) + 1)
        constraints = self._cell(line_no, spans, roles.get("constraints")) or Fragment.single(self.path, "", line_no + 1, 1)
        description_cell = self._cell(line_no, spans, roles.get("description"))
        description = description_cell.text if description_cell is not None else ""
        in_notation = _type_cell_in_notation(type_cell.text)
        unreadable = None if in_notation else _unreadable_type_cell(type_cell.text)
        if unreadable is not None:
            # `number`, `string (URL)`, a bare `enum` whose values the description lists: the team's spelling, not the notation
            entity.prose_lines += 1
            row = Fragment.single(self.path, self.lines[line_no], line_no + 1, 1)
            self.diags.report(
                "W106", f"'{name}': {unreadable}; read as prose, no column (write the type in the notation)", row.span(0, len(row.text))
            )
            return
        attribute = self._tolerantly(
            lambda: self._attribute(name, name_span, type_cell, constraints, " ".join(description.split())),
            in_notation,
            entity,
            Fragment.single(self.path, self.lines[line_no], line_no + 1, 1),
        )
        if attribute is None:
            return
        attribute.tolerated = not in_notation  # `| status | SandboxStatus |`: the team's spelling
        # Required says yes for NOT NULL; Nullable says the opposite. An unreadable cell is a warning, never dropped silently.
        for role in ("required", "nullable"):
            cell = self._cell(line_no, spans, roles.get(role))
            if cell is None or not cell.text.strip("`*_ "):
                continue
            required = _required_cell(cell.text, role)
            if required is None:
                self.diags.report(
                    "W120",
                    f"{role.title()} cell {cell.text.strip()!r} is neither yes nor no; '{name}' keeps its modifiers",
                    cell.strip().span(),
                )
            else:
                self._set(attribute, "required", required, cell.strip().span(), "required")
        default_cell = self._cell(line_no, spans, roles.get("default"))
        if default_cell is not None and _cell_word(default_cell.text) not in _table_cells()["no_default"]:
            self._table_default(attribute, default_cell)
        _add_attribute(entity, attribute)

    def _table_default(self, attribute: AttributeDecl, cell: Fragment) -> None:
        """A Default cell reads like `default X` after the type (`now()`, `'draft'`, `0`)."""
        body = cell.strip()
        value = body.text.strip("`")
        start = body.text.find(value)
        line, col = body.pos(start)
        prefix = "default "
        call = re.fullmatch(r"(\w+)\(\)", value)
        if call and call.group(1).lower() in SQL_CALL_WORDS:
            value = call.group(1)  # `now()` in a cell: the word the notation knows
        elif "(" in value and not value.startswith(("(", "'", '"')):
            prefix, value = "default (", value + ")"  # an SQL expression: `uuid_generate_v4()`
        fragment = Fragment(self.path, prefix + value, [(line, col - len(prefix))])
        parsed = self._parse_tolerant(fragment, "modifier_list")
        for modifier in parsed or []:
            self._apply_modifier(attribute, modifier)

    def _entity_table(self, rows: list[int], roles: dict[str, int], spec: SpecFile) -> None:
        for line_no in rows:
            spans = _cells(self.lines[line_no])
            cell = self._cell(line_no, spans, roles["entity"])
            if cell is None or not cell.text.strip("`* "):
                continue
            name = cell.text.strip("`* ")
            offset = cell.text.find(name)
            entity = EntityDecl(name=name, span=cell.span(offset, offset + len(name)))
            description = self._cell(line_no, spans, roles.get("description"))
            if description is not None:
                entity.description = description.text.strip()
            spec.entities.append(entity)


# a parenthesis after a type that says what the notation would (`(ref User)`, `(User.id)`, `(foreign key)`)
CONSTRAINT_IN_WORDS_RE = re.compile(r"^\s*(?:refs?|references?|fk|foreign|pk|primary)\b|^\s*[A-Za-z_]\w*\.\w+\s*$", re.IGNORECASE)


def _starts_with_type(text: str) -> bool:
    """Whether `text` starts with a type's name (`string(200) required`): an
    attribute meant in the notation, whose typo is an error, not prose."""
    from compiler.types import lookup

    words = re.split(r"[\s(\[,{:]+", text.replace("`", " ").strip(), maxsplit=1)
    return bool(words and words[0]) and lookup(words[0]) is not None


_SIZE_ARGS_RE = re.compile(r"\s*\d+\s*(?:,\s*\d+\s*)?")  # `(200)`, `(12, 2)`


def _type_cell_in_notation(text: str) -> bool:
    """A table's type cell written in the notation (`string(200)`, `enum(a, b)`, `uuid`), whose failure is an error;
    `string (URL)` or a bare `enum` whose values the description lists are a team's own spelling: prose if unreadable."""
    if not _starts_with_type(text):
        return False
    m = re.match(r"\s*(\w+)\s*(?:\(([^()]*)\))?", text.replace("`", " "))
    if m is None:
        return False
    name, args = m.group(1).lower(), m.group(2)
    if name == "enum":
        return bool(args and args.strip())
    return args is None or bool(_SIZE_ARGS_RE.fullmatch(args))


def _unreadable_type_cell(text: str) -> str | None:
    """Why a type cell in a team's own spelling would fail once resolved (an unknown lower-case type name, `enum` without
    values, a size that is a word), or None."""
    from compiler.types import lookup

    cell = re.sub(tolerate.NULL_UNION + ".*$", "", text.replace("`", " "), flags=re.IGNORECASE)
    m = re.match(r"\s*([^\W\d]\w*)\s*(?:\(([^()]*)\))?", cell)
    if m is None:
        return None
    name, args = m.group(1), m.group(2)
    if name.lower() == "enum":
        return None if args and args.strip() else "'enum' lists no values"
    if lookup(name) is None:
        from compiler.infer.typemap import canonical_type

        # `number` (TypeScript), `int64` (Go): another language's type, the team's spelling; `strng` is a typo, an error,
        # and `Customer` an entity
        said = canonical_type(name).type if not name[0].isupper() else None
        return f"'{name}' is no spec2db type (write {said})" if said else None
    if args is not None and not _SIZE_ARGS_RE.fullmatch(args) and not re.search(r"\d\s*[-–]\s*\d", args):
        return f"'{args.strip()}' is no size of {name}"
    return None


# SQL functions a cell writes with parentheses (`now()`) that the notation spells as a word (`default now`)
SQL_CALL_WORDS = ("now", "current_timestamp", "gen_random_uuid", "current_date")


def _constraint_variants(item: Fragment) -> list[Fragment]:
    """The item as written, then as the notation would have it: `DEFAULT now()` -> `default now`, and without a
    note in parentheses (`UNIQUE (mirror of the auth email)` -> `UNIQUE`)."""
    variants = [item]
    where = item.single_line
    if where is None:
        return variants
    path, line, col = where
    if item.text.strip("`* ").upper() == "NULL":  # SQL's `NULL` in a constraints cell: the column may be empty
        return [item, Fragment.single(path, "optional", line, col)]
    called = re.sub(rf"(?i)\b({'|'.join(SQL_CALL_WORDS)})\(\)", r"\1", item.text)
    if called != item.text:
        variants.append(Fragment.single(path, called, line, col))
    noted = linear_re.sub(r"\s*\([^()]*[^\d\s,()][^()]*\)\s*$", "", called)
    if noted != called and noted.strip():
        variants.append(Fragment.single(path, noted, line, col))
    return variants


def _top_level_items(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each comma-separated item of `text` outside parentheses, brackets and backticks."""
    items, depth, start, ticked = [], 0, 0, False
    for index, char in enumerate(text):
        if char == "`":
            ticked = not ticked
        elif not ticked and char in "([{":
            depth += 1
        elif not ticked and char in ")]}":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0 and not ticked:
            items.append((start, index))
            start = index + 1
    items.append((start, len(text)))
    return items


@lru_cache(maxsize=1)
def _table_cells() -> dict[str, frozenset[str]]:
    """The words of attribute-table cells (table_cells.json)."""
    import json

    data = json.loads((Path(__file__).parent / "table_cells.json").read_text(encoding="utf-8"))
    return {key: frozenset(words) for key, words in data.items() if not key.startswith("_")}


def _cell_word(text: str) -> str:
    return " ".join(text.strip("`*_ ").lower().split())


def _required_cell(text: str, role: str) -> bool | None:
    """Whether a Required or Nullable cell makes the attribute required
    (`✅`, `Yes (always)`, `NOT NULL` in Required; `no`, `NOT NULL` in
    Nullable); None when the cell is neither yes nor no."""
    word = _cell_word(text)
    if role == "nullable" and word.startswith("not null"):
        return True
    for answer, key in ((True, "yes"), (False, "no")):
        words = _table_cells()[key]
        if word in words or any(word.startswith((w + " ", w + "(")) for w in words):
            return answer if role == "required" else not answer
    return None


def _moved(span: Span, lines: int) -> Span:
    return Span(span.path, span.line + lines, span.col, span.end_line + lines, span.end_col)


def block_close(tokens, i: int) -> int:
    """Index of the token closing the block opened at `i` (`i` itself for a token that opens nothing)."""
    open_tok = tokens[i]
    if not open_tok.type.endswith("_open"):
        return i
    close_type = open_tok.type[: -len("_open")] + "_close"
    level = open_tok.level
    for j in range(i + 1, len(tokens)):
        if tokens[j].type == close_type and tokens[j].level == level:
            return j
    return len(tokens) - 1


def list_items(tokens, list_open: int, list_close: int) -> list[int]:
    """The `list_item_open` tokens directly inside a list."""
    level = tokens[list_open].level + 1
    return [j for j in range(list_open + 1, list_close) if tokens[j].type == "list_item_open" and tokens[j].level == level]


def _add_attribute(entity: EntityDecl, attribute: AttributeDecl) -> None:
    entity.attributes.append(attribute)


GLOSS_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ _-][A-Za-z0-9]+){0,4}")


def _split_markers(text: str) -> tuple[str, list[str]]:
    """`Task *(extends)*` -> ("Task", ["extends"]); also strips `User（用户）`."""
    markers = re.findall(r"[*_]?[(（]([^()（）]*)[)）][*_]?", text)
    name = linear_re.sub(r"\s*[*_]?[(（][^()（）]*[)）][*_]?", "", text)
    return name.strip().strip("*_`").strip(), markers


def _apply_markers(entity: EntityDecl, markers: list[str]) -> None:
    for marker in markers:
        words = marker.strip().strip("*_").strip()
        head, _, tail = words.partition(":")
        head = head.strip().lower()
        if " ".join(head.split()) in NOT_STORED_MARKERS:
            entity.stored = False
        elif head in EXTERNAL_MARKERS:
            entity.external = True
            table = tail.strip().strip("`").strip()
            if table:
                entity.external_table = table
        elif head.split(",")[0].split()[0:1] and head.split(",")[0].split()[0] in EXTENDS_MARKERS:
            entity.extends = True
        elif head.split(",")[0].split()[0:1] and head.split(",")[0].split()[0] in REMOVED_MARKERS:
            entity.extends = True
            entity.removed = True
        elif entity.gloss is None and not entity.name.isascii() and GLOSS_RE.fullmatch(words):
            entity.gloss = words  # `用戶 (User)`, `网站（Website）`: the table is named from the gloss


_SEPARATOR_RE = re.compile(r"\s(—|–|--|-)(?=\s|$)")


def _description_cut(text: str) -> tuple[int, int] | None:
    """Where the description starts: the first ' — ', ' – ', ' -- ' or ' - '
    outside parentheses, quotes and code. Returns (end of spec, start of description)."""
    depth = 0
    quote = ""
    scanned = 0
    for match in _SEPARATOR_RE.finditer(text):
        for ch in text[scanned : match.start()]:
            if quote:
                if ch == quote:
                    quote = ""
            elif ch in "'\"`":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(0, depth - 1)
        scanned = match.start()
        if not quote and depth == 0:
            return match.start(), match.end() + 1
    return None


def _cells(line: str) -> list[tuple[int, int]]:
    """Offsets of each cell's trimmed text in a table row (GFM: unescaped `|` splits)."""
    bounds = [i for i, ch in enumerate(line) if ch == "|" and (i == 0 or line[i - 1] != "\\")]
    stripped = line.strip()
    edges = [-1, *bounds, len(line)]
    cells = []
    for a, b in pairwise(edges):
        raw = line[a + 1 : b]
        if a == -1 and stripped.startswith("|"):
            continue
        if b == len(line) and stripped.endswith("|"):
            continue
        text = raw.strip()
        start = a + 1 + (raw.find(text) if text else 0)
        cells.append((start, start + len(text)))
    return cells
