"""spec.md Key Entities prose -> inferred entities (the least trusted source).

The front end says which bullets and headings are entities (the same reading
`spec2db build` does); this module reads, for each entity without typed
attributes, the attributes its prose names:

- a labelled list (`Key attributes: unique identifier, user reference, title,
  description (optional)`, `Atributos: ...`, `属性: ...`), or a list after
  `with`/`including`, or a sentence that is only a list of short names;
- nested bullets (`- Title (required, non-empty string)`);
- parentheses: `(optional)`, `(unique)`, `(A, B or C)` and `(a/b/c)` for
  status-like fields, `max 200 chars`, a type name (`(boolean: ...)`);
- references: `user reference`, `owning user`, `belongs to a user`, a name
  ending in `ID` that names an entity.

Names become snake_case columns through the phrase table in
data/words.json; types come from the words (`email`, `..._at`, `amount`,
`count`, `is_...`) and every guess that is not certain is a W301 finding.
Entities that are not stored (a JWT, a Redis session, a request object, a
UI view model) are marked so and get no attributes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from compiler import linear_re
from compiler.ast import EntityDecl, SpecFile
from compiler.diagnostics import Diagnostics, Span
from compiler.frontend.markdown import _markdown, block_close, prose_sub_heading
from compiler.infer import words as W
from compiler.infer.datamodel import SQL_NAME_RE, enum_values, enum_values_listed, max_length
from compiler.infer.model import Evidence, InferredColumn, InferredEntity
from compiler.infer.typemap import canonical_type, is_modifier, split_top, type_names
from compiler.naming import pluralize

MAX_WORDS = 5  # a longer phrase is a sentence, not an attribute name
NOT_STORED_MARKERS = ("not stored", "transient")


@dataclass(slots=True)
class EntityBlock:
    """Where an entity of the Key Entities section sits in spec.md (0-based lines, end exclusive)."""

    decl: EntityDecl
    kind: str  # "bullet", "heading", or "paragraph" (`**User Account**` over a list of its facts: rewritten as a bullet)
    start: int
    end: int
    para_end: int  # bullets: the line after the entity's own paragraph
    nested: list[tuple[int, int]] = field(default_factory=list)  # direct child list items
    indent: int = 2  # column where nested bullets start
    section_end: int = 0
    description_item: tuple[int, int] | None = None  # paragraph kind: the item that describes the entity


def entity_blocks(text: str, spec: SpecFile) -> list[EntityBlock]:
    """The block of each entity the front end read from the Key Entities section."""
    lines = text.split("\n")
    tokens = _markdown().parse(text)
    items = {t.map[0]: (i, t) for i, t in enumerate(tokens) if t.type == "list_item_open" and t.map}
    headings = [(t.map[0], int(t.tag[1])) for t in tokens if t.type == "heading_open" and t.map]
    prose_headings = {
        t.map[0] for i, t in enumerate(tokens) if t.type == "heading_open" and t.map and prose_sub_heading(tokens[i + 1].content)
    }
    blocks = []
    for decl in spec.entities:
        line0 = decl.span.line - 1
        section = next(((a - 1, b) for a, b in spec.entity_sections if a - 1 <= line0 < b), (line0, len(lines)))
        if line0 in items:
            index, tok = items[line0]
            end = min(tok.map[1], section[1])
            para_end = end
            nested: list[tuple[int, int]] = []
            level = tok.level
            close = block_close(tokens, index)
            for j in range(index + 1, close):
                sub = tokens[j]
                nested_block = sub.type in ("bullet_list_open", "ordered_list_open", "table_open", "fence", "code_block", "heading_open")
                if nested_block and sub.map and sub.level == level + 1:
                    para_end = min(para_end, sub.map[0])
                if sub.type == "list_item_open" and sub.level == level + 2 and sub.map:
                    nested.append((sub.map[0], min(sub.map[1], end)))
            source = lines[line0]
            marker = re.match(r"^(\s*)([-*+]|\d+[.)])(\s+)", source)
            indent = len(marker.group(0)) if marker else 2
            if nested:
                indent = len(lines[nested[0][0]]) - len(lines[nested[0][0]].lstrip())
            end = _trim(lines, line0, end)
            para_end = _trim(lines, line0, min(para_end, end))
            nested = [(a, _trim(lines, a, b)) for a, b in nested]
            blocks.append(EntityBlock(decl, "bullet", line0, end, para_end, nested, indent, section[1]))
            continue
        level = next((lv for ln, lv in headings if ln == line0), None)
        if level is not None:
            end = next((ln for ln, lv in headings if ln > line0 and lv <= level), len(lines))
            end = _trim(lines, line0, min(end, section[1]))
            # its attribute bullets: items of a top-level list between the heading and the next one, but for those
            # under a sub-heading of prose (`#### Relationships`)
            prose = [
                (ln, next((n for n, v in headings if n > ln and v <= lv), end))
                for ln, lv in headings
                if line0 < ln < end and ln in prose_headings
            ]
            nested = sorted(
                (t.map[0], _trim(lines, t.map[0], min(t.map[1], end)))
                for ln, (_, t) in items.items()
                if line0 < ln < end and t.level == 1 and not any(a < ln < b for a, b in prose)
            )
            para_end = nested[0][0] if nested else end
            blocks.append(EntityBlock(decl, "heading", line0, end, para_end, nested, 0, section[1]))
    entity_lines = {d.span.line - 1 for d in spec.entities}
    paragraphs = _paragraph_entities(spec, tokens, lines, {W.entity_key(d.name) for d in spec.entities}, entity_lines)
    absorbed = {a for p in paragraphs for a, _ in p.nested}  # field bullets the front end took for entities
    return [b for b in blocks if b.start not in absorbed] + paragraphs


PARAGRAPH_ENTITY_RE = re.compile(r"^\*\*(?P<name>[^*\n]{1,80}?)\*\*\s*[:：]?\s*$")


def _paragraph_entities(spec: SpecFile, tokens, lines: list[str], declared: set[str], entity_lines: set[int]) -> list[EntityBlock]:
    """`**User Account**` alone on a line, then a list of what it is and has: an entity the front end does not
    read (it wants `- **User Account**: ...`). infer rewrites it as one, with its facts nested."""
    from compiler.frontend.markdown import NOT_ENTITY_HEADING_RE, _split_markers

    blocks = []
    for first, last in spec.entity_sections:
        for i, tok in enumerate(tokens[:-3]):
            if tok.type != "paragraph_open" or not tok.map or tok.level != 0 or not first - 1 < tok.map[0] < last:
                continue
            match = PARAGRAPH_ENTITY_RE.match(tokens[i + 1].content.strip())
            after, described = tokens[i + 3], ""
            if after.type == "paragraph_open" and i + 6 < len(tokens) and after.map and after.map[0] <= tok.map[1] + 1:
                # `**Document Entity**`, a paragraph that says what it is, then its fields
                described = " ".join(tokens[i + 4].content.split())
                i, after = i + 3, tokens[i + 6]
            gap = 1 if described else 0  # (a blank line after the paragraph that describes it)
            if not match or after.type != "bullet_list_open" or not after.map or not 0 <= after.map[0] - tokens[i].map[1] <= gap:
                continue
            if described and not _field_list(tokens, i + 3, lines):
                continue  # a bold line, a paragraph and a list of anything: no entity said
            name = _split_markers(match.group("name").strip().rstrip(":："))[0]
            name = linear_re.sub(r"\s+(?:entity|model|table|record)$", "", name, flags=re.IGNORECASE) or name
            if not name or NOT_ENTITY_HEADING_RE.search(name) or W.entity_key(name) in declared:
                continue
            line0 = tok.map[0]
            col = lines[line0].find(name)
            decl = EntityDecl(name=name, span=Span(spec.path, line0 + 1, col + 1, line0 + 1, col + 1 + len(name)), description=described)
            close = block_close(tokens, i + 3)
            end = _trim(lines, line0, min(after.map[1], last))
            fields = _field_list(tokens, i + 3, lines)
            items = []
            for t in tokens[i + 4 : close]:
                if t.type != "list_item_open" or t.level != 1 or not t.map:
                    continue
                if t.map[0] in entity_lines and not fields:
                    end = _trim(lines, line0, t.map[0])  # the list goes on with entity bullets: the facts end there
                    break
                items.append((t.map[0], _trim(lines, t.map[0], min(t.map[1], end))))
            description_item = None
            if items and not described:
                text = re.sub(r"^\s*[-*+]\s+", "", lines[items[0][0]]).strip()
                if not re.match(r"^[^:：]{1,40}[:：]", text):  # `Represents an authenticated user ...`
                    decl.description = " ".join(" ".join(lines[items[0][0] : items[0][1]]).split())[2:].strip()
                    description_item = items[0]
            blocks.append(EntityBlock(decl, "paragraph", line0, end, after.map[0], items, 2, last, description_item))
    return blocks


FIELD_ITEM_RE = re.compile(r"^\s*[-*+]\s+\*\*`?(?P<name>[A-Za-z_]\w*)`?\*\*\s*[:：]\s*(?P<type>[A-Za-z][\w.]*(?:\[\])?)")


def _field_list(tokens, list_open: int, lines: list[str]) -> bool:
    """A list whose items are mostly fields: `- **DocumentId**: Integer, primary key`, `- **Title**: String (200 max)`
    (one word in bold, then a type), which the front end reads as entities of their own."""
    close = block_close(tokens, list_open)
    firsts = [lines[t.map[0]] for t in tokens[list_open + 1 : close] if t.type == "list_item_open" and t.level == 1 and t.map]
    typed = 0
    for line in firsts:
        match = FIELD_ITEM_RE.match(line)
        typed += bool(match and canonical_type(match.group("type"), column=W.snake(match.group("name"))).confident)
    return typed >= 2 and typed * 2 > len(firsts)


def _trim(lines: list[str], start: int, end: int) -> int:
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def has_not_stored_marker(lines: list[str], block: EntityBlock) -> bool:
    """`- **Session** *(not stored)*: ...`: the marker beside the name, not words of the description (`Existing entity
    with attributes: id, title. The overdue state is derived (not stored).`)."""
    line = lines[block.start]
    named = NAME_HEAD_RE.match(line)
    head = (named.group(0) if named else line).lower()
    return any(f"({m})" in head for m in NOT_STORED_MARKERS)


# ---------------------------------------------------------------------- reading
@dataclass(slots=True)
class ProseResult:
    entity: InferredEntity
    consumed: list[tuple[int, int, list[str]]]  # nested items read as attributes, and the columns each gave
    relations: list[Relation] = field(default_factory=list)  # `has many alerts`, `many-to-many via TaskTag`
    unstored_at: Span | None = None  # where its name says it is not stored (W303, once the merge agrees)


@dataclass(slots=True)
class Relation:
    """A relationship the prose states from this entity to another; applied once every entity is known."""

    kind: str  # "has_many", "has_one", "many_to_many"
    target: str  # the other entity, as declared
    via: str | None
    evidence: Evidence


class _Phrase:
    """A piece of prose with its file position."""

    __slots__ = ("col", "line", "text")

    def __init__(self, text: str, line: int, col: int) -> None:
        self.text, self.line, self.col = text, line, col


def read_prose(path: str, lines: list[str], block: EntityBlock, entity_names: list[str], diags: Diagnostics) -> ProseResult:
    decl = block.decl
    entity = InferredEntity(name=decl.name, description=decl.description, gloss=decl.gloss)
    name_span = decl.span
    entity.evidence.append(Evidence(name_span, "prose", lines[block.start].strip()[:300]))
    reader = _ProseReader(path, lines, entity, entity_names, diags)
    reader.head_first = _head_first(lines[block.start : max(block.end, block.para_end)])
    own = block.para_end
    own_text = "\n".join(lines[block.start : own])
    nested_text = "\n".join(lines[a] for a, _ in block.nested)
    said = f"{decl.description}\n{nested_text}" if block.kind != "heading" else own_text
    reason = not_stored_reason(decl.name, said)
    configuration = W.snake(decl.name).split("_")[-1] in ("config", "configuration", "settings")
    if reason and configuration and not_stored_reason(decl.name, said, by_name=False) is None and _kept_despite_name(said):
        reason = None  # `LanguageGuardConfig`: `Per-(tenant, persona) configuration` is a record, whatever its name
    if reason:
        # (reported once the data model has had its say: a `pgTable('app_config', ...)` makes AppConfig a table)
        entity.stored = False
        entity.not_stored_reason = reason
        return ProseResult(entity, [], [], unstored_at=name_span)
    if block.kind == "bullet":
        reader.read_text(block.start, own, skip_name=True)
    else:
        reader.read_text(block.start + 1, own, skip_name=False)
    consumed = []
    for a, b in block.nested:
        if (a, b) == block.description_item:
            continue
        before = {c.name: len(c.evidence) for c in entity.columns}
        if reader.sentence_item(a, b):
            # `- An opaque secret resource owned by exactly one workspace.` under the name: its description, in
            # pieces, read as the text after a name is (it stays, as that text does)
            reader.read_text(a, b, skip_name=False, bullet=True)
            continue
        if reader.read_nested(a, b):
            # the columns it added, and those it said again (`**Owner**: ...` under `with a name, owner, ...`): it
            # is replaced by them, or a second run would read the bullet left behind
            said = [c.name for c in entity.columns if len(c.evidence) > before.get(c.name, 0)]
            consumed.append((a, b, sorted(said)))
    _measured_quantities(entity)
    _required_unless_said(entity.columns)
    return ProseResult(entity, consumed, reader.relations)


def opens_a_list(text: str, entity: InferredEntity) -> bool:
    """Whether some sentence of `text` says it lists the entity's attributes (`Contains a, b`, `Every decision records
    a, b`, `Fields include a, b`)."""
    reader = _ProseReader("", [], entity, [], Diagnostics())
    return any(reader._opens_a_list(s) for s in SENTENCE_RE.split(" ".join(text.split())))


def read_described_fields(
    path: str, lines: list[str], entity: InferredEntity, start: int, end: int, entity_names: list[str], diags: Diagnostics
) -> None:
    """A data-model table described only in words (`### `roles`` over `Fields include name, description, status,
    and optional `template_code`.`): its columns, read from lines start..end as a Key Entity's text is."""
    reader = _ProseReader(path, lines, entity, entity_names, diags)
    reader.read_text(start, end, skip_name=False)
    _measured_quantities(entity)
    _required_unless_said(entity.columns)


def apply_enumerations(entities: list[InferredEntity], diags: Diagnostics) -> None:
    """`**OrderStatus**: Enumeration of valid order states (Pending, Confirmed, Shipped)`: the values of Order's
    `status`, no table of its own (data/words.json `enumeration_openers`). The field is the enumeration's last
    word, in the entity its other words name (`Request State`: the `state` of a VacationRequest); a field typed
    more surely than a vague string keeps its type."""
    opener = re.compile(rf"^\W*(?:an?\s+)?{W.alternation('enumeration_openers')}\b[\s:—–-]*", re.IGNORECASE)
    for enum in entities:
        said = opener.match(enum.description or "")
        words = W.snake(enum.name).split("_")
        if not said or len(words) < 2:
            continue
        rest = enum.description[said.end() :]
        inner = re.search(r"\(([^()]*)\)", rest)
        spans = [v.strip() for v in re.findall(r"`([^`]{1,40})`", rest.split(". ")[0])]
        values = spans if len(spans) >= 2 else enum_values(rest) or (enum_values_listed(inner.group(1)) if inner else [])
        values = values or enum_values_listed(re.split(r"\s[—–-]\s|:\s", rest)[-1].split(".")[0])
        if len(values) < 2 or not {c.name for c in enum.columns} <= {W.snake(v) for v in values}:
            continue  # (columns read from its list of values are those values, no fields)
        owner, field_name = words[:-1], words[-1]
        exact = [o for o in entities if o is not enum and W.snake(o.name).split("_") == owner]
        ending = [o for o in entities if o is not enum and W.snake(o.name).split("_")[-len(owner) :] == owner]
        for other in exact or (ending if len(ending) == 1 else []):  # (`OrderStatus` is Order's, not PurchaseOrder's)
            column = next((c for c in other.columns if c.name == field_name), None)
            if column is None or column.type not in (None, "text") and not re.fullmatch(r"string(\(\d+\))?", column.type or ""):
                continue
            column.type = "enum(" + ", ".join(values) + ")"
            column.confident = True
            column.evidence.extend(enum.evidence[:1])
            enum.stored, enum.columns = False, []
            enum.not_stored_reason = f"it enumerates the values of {other.name}'s {field_name}"
            if enum.evidence:
                diags.report("W303", f"entity '{enum.name}' is not stored ({enum.not_stored_reason}); left untyped", enum.evidence[0].span)
            break


INTEGER_KEY_RE = re.compile(r"\b(?:int|integer|bigint|serial|bigserial|auto[- ]?increment(?:ing)?|identity|numeric)\b", re.IGNORECASE)
UUID_KEY_RE = re.compile(r"\b(?:uuid|guid|ulid|cuid)\b", re.IGNORECASE)
UUID_SAID_RE = re.compile(
    r"\b(?:identified|keyed)\s+by\s+(?:an?\s+)?(?:uuid|guid)|\b(?:uuid|guid)\s+(?:key|identifier|primary\s+key|id)\b", re.IGNORECASE
)


def apply_key_convention(entities: list[InferredEntity], others: list[InferredEntity] = ()) -> str | None:
    """`DocumentId (integer key)`: one entity's key said to be an integer, and none said to be a UUID (of these
    entities or the `others` the spec names), sets the feature's convention: the other keys and references its
    prose names (`TagId`, `UploaderUserId`), typed UUID only by their names, are integers too."""
    said = [
        c
        for e in entities
        for c in e.columns
        if c.primary_key and c.type in ("integer", "bigint", "smallint") and any(INTEGER_KEY_RE.search(ev.text) for ev in c.evidence)
    ]
    stated_uuid = any(c.primary_key and any(UUID_KEY_RE.search(ev.text) for ev in c.evidence) for e in entities for c in e.columns)
    stated_uuid = stated_uuid or any(UUID_SAID_RE.search(e.description or "") for e in (*entities, *others))
    if not said or stated_uuid or len({c.type for c in said}) != 1:
        return None
    for entity in entities:
        for column in entity.columns:
            keyed = column.primary_key or column.references  # (`RequestId`, `TraceId`: correlation ids, no keys)
            # (a reference typed by its target, `type` None, follows the target's key)
            if keyed and column.type == "uuid" and not any(UUID_KEY_RE.search(ev.text) for ev in column.evidence):
                column.type = said[0].type
    return said[0].type


def _kept_despite_name(text: str) -> bool:
    """Words that make an entity whose name says configuration a record all the same (data/words.json
    `kept_despite_name`): kept per tenant or per user, or edited by administrators."""
    kept = W.words()["kept_despite_name"]
    elsewhere = [*kept["elsewhere"], *W.words()["config_phrases"]]
    if W.find(text, elsewhere) or any(suffix in text.lower() for suffix in W.words()["config_file_suffixes"]):
        return False  # `defined in config/rate-limits.yaml`, `hard-coded in the frontend`
    scopes, rates = W.alternation_of(tuple(kept["scopes"])), W.alternation_of(tuple(kept["rates"]))
    scoped = re.search(rf"\bper[- ]\(?\s*{scopes}\b(?!\s+(?:role\b|per\s+{rates}\b))", text, re.IGNORECASE)
    said = W.find(text, kept["phrases"])
    if said and re.search(r"\b(?:not|never|no longer)\s+$", text[: said.start()], re.IGNORECASE):
        said = None  # `not editable by admins at runtime`
    return bool(scoped or said)


def _required_unless_said(columns: list[InferredColumn]) -> None:
    """A field the prose lists is required unless it says optional (as a data model's table is read): `title,
    description (optional)` says so outright. Left open: a reference, which keeps what its phrase said (`linked
    students` is no single key), and a moment that may not have come (`completed_at`, `deleted_at`)."""
    for column in columns:
        unsaid = column.required is None and column.references is None
        moment = column.name.endswith("_at") and column.name not in ("created_at", "updated_at")
        conditional = W.find(" ".join(re.findall(r"\(([^()]*)\)", column.description)), W.words()["conditional_words"])
        if unsaid and not moment and not conditional and not _usually_optional(column.name):
            column.required = True


def _usually_optional(name: str) -> bool:
    """`description`, `cover_image_url`, `parent_id`: a field whose head noun an engineer leaves nullable (words.json
    `usually_optional`); a key's head is what it points at (`source_note_id` is no note), so only `parent` counts."""
    words = name.split("_")
    if words[-1] in ("id", "ids"):
        return len(words) > 1 and words[-2] == "parent"
    head = next((w for w in reversed(words) if w not in ("url", "urls", "path")), "")
    return head in W.words()["usually_optional"]


def _shared_heads(items: list[str]) -> list[str]:
    """`purchase/sale prices`, `open/close times`: two attributes sharing their plural head noun (purchase price,
    sale price); `success/failure` and `Pending/Paid payment status` are one attribute each."""
    moments = W.words()["moment_words"]
    values = set(W.words()["pair_values"])
    out = []
    said_with_previous = False
    for n, item in enumerate(items):
        if said_with_previous:
            said_with_previous = False
            continue
        who = WHO_DID_RE.fullmatch(item.strip())
        names = [W.words()["who_did_names"].get(v.lower()) for v in linear_re.split(r"\s*/\s*", who.group("verbs"))] if who else []
        if names and all(names):
            out.extend(names)  # `who created/modified it`: created_by, updated_by
            continue
        prefixed = PREFIXED_PAIR_RE.fullmatch(item)
        sides = (prefixed.group("a"), prefixed.group("b")) if prefixed else ()
        field_side = any(W.type_from_name(W.snake(side)) is not None for side in sides)
        plain = all(side.islower() and side.lower() not in values for side in sides)
        if prefixed and field_side and plain and not _valued_prefix(prefixed.group("prefix")):
            # `client id/secret`, `local user class/id`: two attributes sharing their first words
            out.extend(f"{prefixed.group('prefix')} {prefixed.group(side)}" for side in ("a", "b"))
            continue
        pair = re.fullmatch(
            r"\s*(?:(?:a|an|the|its|their)\s+)?(?P<sides>[^\W\d][\w-]*(?:\s*/\s*[^\W\d][\w-]*){1,4})\s+(?P<head>[^\W\d][\w-]*)\s*",
            item,
        )
        head = pair.group("head") if pair else ""
        if pair and (_is_plural(head) or head.lower() in (*moments["nouns"], "date")):
            # (`start/end time`, `start/end date`, `issued/last-seen/revoked time`: a moment or a day each)
            out.extend(f"{side} {_singular_word(head)}" for side in linear_re.split(r"\s*/\s*", pair.group("sides")))
            continue
        after = re.sub(r"^(?:a|an|the)\s+", "", items[n + 1].strip()).split() if n + 1 < len(items) else []
        word = re.sub(r"^(?:a|an|the)\s+", "", item.strip())
        if word.lower() in moments["verbs"] and len(after) == 2 and _singular_word(after[1]).lower() in moments["nouns"]:
            out.append(f"{word} {_singular_word(after[1])}")  # `start and end time`, `a start and end time`: the start time too
            if _is_plural(after[1]):  # `creation and modification timestamps`: both, each a moment
                out.append(f"{after[0]} {_singular_word(after[1])}")
                said_with_previous = True
            continue
        out.append(item)
    return out


# words.json `example_openers`, but `like`, which is a verb too (`content that members like and share (title, body)`)
_EXAMPLES = W.alternation_of(tuple(w for w in W.words()["example_openers"] if w != "like"))
EXAMPLES_SAID_RE = re.compile(rf"(?<!\w){_EXAMPLES}", re.IGNORECASE)
EXAMPLES_BEFORE_RE = re.compile(rf"(?<!\w){_EXAMPLES}\s+(?:\S+\s+){{0,3}}\S+\s*$", re.IGNORECASE)
WHO_DID_RE = re.compile(r"(?:and\s+)?who\s+(?P<verbs>[a-z]+(?:\s*/\s*[a-z]+)*)(?:\s+(?:it|them|this|the\s+\w+))?", re.IGNORECASE)
# `client id/secret`, `serialized filters/sort`: one or two words, then two alternatives of one word each
PREFIXED_PAIR_RE = re.compile(
    r"\s*(?:(?:a|an|the)\s+)?(?P<prefix>[^\W\d][\w-]*(?:\s+[^\W\d][\w-]*)?)\s+(?P<a>[^\W\d][\w-]*)\s*/\s*(?P<b>[^\W\d][\w-]*)\s*"
)


def _valued_prefix(prefix: str) -> bool:
    """`type B2B/B2C`, `statut actif/expiré`, `current draft/final`: an attribute, then two of its values."""
    last = prefix.split()[-1]
    return W.status_like(W.snake(last)) or W.find(prefix, [*W.words()["valued_attributes"], *W.words()["current_states"]]) is not None


def _is_plural(word: str) -> bool:
    """`sizes`, `URLs`, `roles`; not `status`, `address`, `analysis`, `news` or `series`."""
    lower = word.lower()
    return lower.endswith("s") and W.singular(lower) != lower and not lower.endswith(("ss", "us", "is", "news", "series"))


def _singular_word(word: str) -> str:
    """`sizes` -> size, `URLs` -> URL, `paths/URLs` parts one by one; a word that is no plural stays."""
    if "/" in word:
        return "/".join(_singular_word(part) for part in word.split("/"))
    lower = word.lower()
    if not _is_plural(word):
        return word
    return word[: len(W.singular(lower))] if word.islower() or word[:-1].isupper() else W.singular(lower)


def _one_field(item: str) -> bool:
    """`a unique name`, `an optional email`: one or two words, after articles and constraint words, that name a
    field by themselves (data/words.json `type_rules`), so one attribute even without a list."""
    skip = {*W.words()["drop_words"], *W.words()["unique"], *W.words()["optional"], *W.words()["required"]}
    words = [w for w in _strip_parens(item).lower().split() if w not in skip]
    return 1 <= len(words) <= 2 and W.type_from_name(W.snake(" ".join(words))) is not None


def _one_attribute_said(item: str) -> str | None:
    """`a flag indicating whether it's a sample pack` -> `sample pack (boolean)`; `a position for ordering` -> `position`
    (when its words name a field by themselves): the one attribute a sentence gives, without what it is for."""
    item = item.strip().rstrip(".")
    if FLAG_SAID_RE.match(item):
        return item  # (`_item` names the switch)
    purposed = PURPOSED_RE.match(item)
    if purposed and _one_field(purposed.group("what")) and W.find(purposed.group("what"), W.words()["link_nouns"]) is None:
        return purposed.group("what")
    return None


def _examples_removed(text: str) -> str:
    """`text` without the parentheses that list examples (`(e.g., Admin, Seller)`, `(such as Pool, Gym)`)."""
    opener = W.alternation("example_openers")
    return re.sub(rf"\s*\(\s*{opener}[^()]*\)", "", text, flags=re.IGNORECASE)


def _lifecycle_note(item: str) -> bool:
    """`new`, `existing`, `retained`: a word that says where an entity stands in the project, not an attribute."""
    words = W.words()
    return item.strip().lower() in (*words["lifecycle_markers"], *words["existing_markers"])


def _measured_quantities(entity: InferredEntity) -> None:
    """`name, quantity, unit of measurement`: a quantity kept with its unit is a measure (1.5 kg, 0.25 l), so a
    decimal, not the count its name alone suggests."""
    if not any(c.name in ("unit", "units") or c.name.startswith("unit_of_") or c.name.endswith("_unit") for c in entity.columns):
        return
    for column in entity.columns:
        if column.name.split("_")[0] == "quantity" and (column.type, True) == W.type_from_name("quantity"):
            column.type = "decimal(12, 3)"


def prose_table(description: str) -> str | None:
    """The table an entity's words name (`stored in `user_encryption_keys``, `— table `client``), or None."""
    found = STORED_IN_RE.search(description) or re.search(r"(?<![\w-])table\s+`(?P<table>[^`]+)`", description, re.IGNORECASE)
    return found.group("table") if found and SQL_NAME_RE.match(found.group("table")) else None


def not_stored_name(name: str, keyless: bool = False, only_keyless: bool = False) -> str | None:
    """Why an entity with this name is no table (`JWT Token`, `CreateTaskRequest`, `AuthState`), or None.
    `keyless`: a data model gives it no key, so the words that say so only of such shapes count too (`ScanResult`);
    `only_keyless`: only those words."""
    if re.fullmatch(r"use[A-Z]\w*", name.strip()):
        return "a client hook (`useWorkspaceStore`) holds UI state, not stored"
    tokens = W.snake(name).split("_")
    for entry in W.words()["not_stored_names"]:
        if entry.get("keyless") and not (keyless or only_keyless) or only_keyless and not entry.get("keyless"):
            continue
        words = W.snake(entry["word"]).split("_")
        if entry.get("last"):
            before = tokens[: -len(words)]
            operation = bool(before) and before[0] in entry.get("operation_verbs", ())  # `CancelBookingRequest`
            # `LeaveRequest`, `DataDeletionRequest`: a record of the business, named by what it asks for
            after_own = not operation and any(
                w.split("_") == before[-len(w.split("_")) :] and len(before) <= len(w.split("_")) + 1 for w in entry.get("unless_after", ())
            )
            if len(tokens) > len(words) and tokens[-len(words) :] == words and not after_own:
                return entry["reason"]
        elif any(tokens[i : i + len(words)] == words for i in range(len(tokens) - len(words) + 1)):
            return entry["reason"]
    return None


def not_stored_reason(name: str, text: str, by_name: bool = True, keyless: bool = False, keyed: bool = False) -> str | None:
    """Why an entity with this name and description is no table, or None; `by_name=False`: the description only
    (a data model that lists a `TrainingResponse`'s columns with a key means a table, whatever its name)."""
    data = W.words()
    reason = not_stored_name(name, keyless) if by_name else None
    if reason:
        return reason
    # (each nested bullet is a sentence of its own: `- Overdue status is derived, not stored` under a Todo Item)
    items = re.split(r"\n[ \t]*(?:[-*+]|\d+[.)])[ \t]+", text)
    sentences = [s for item in items for s in SENTENCE_RE.split(" ".join(item.split())) if s.strip()]
    about = [s for n, s in enumerate(sentences) if n == 0 or _about_entity(s, name)]
    own_words = set(W.snake(name).split("_"))
    for entry in data["not_stored"]:
        if own_words & set(entry.get("unless_named", ())) or keyed and entry.get("keyless_only"):
            continue  # `Event_Log`: `Logs all domain events` is what its rows are; a keyed `Automation_Rule` is one too
        if "only_named" in entry and not own_words & set(entry["only_named"]):
            continue  # `Invoice`: emitted on every renewal, and a row all the same
        if any(W.find(sentence, [entry["phrase"]]) for sentence in about):
            return entry["reason"]
    return None


def _about_entity(sentence: str, name: str) -> bool:
    """Whether a later sentence of an entity's description speaks of the entity itself (`Stored in Redis.`,
    `It is never persisted.`) rather than of one of its attributes (`Its status is derived, not stored.`,
    `Quantity is computed, never stored.`)."""
    words = re.findall(r"[\w'’-]+", sentence.lower())
    if not words:
        return False
    label = re.match(r"\s*(?:\*\*)?(?P<label>[^:：*]{1,30}?)(?:\*\*)?\s*[:：]\s*(?P<said>[\w-]*)", sentence)
    if label and W.find(label.group("label").strip(), [*W.words()["attribute_labels"], *W.words()["storage_labels"]]):
        # `Attributes: none (transient, ...)`, `Storage: memory only`: of the entity itself; not `Attributes: title, an
        # overdue flag (derived, not stored)`, nor `Storage: sessions table; the raw token is never stored`
        return label.group("said").lower() in W.words()["unkept_label_values"]
    own = W.snake(name).split("_")
    head = own[-1]  # `Panels are not persisted` in Chat Panel: its head noun, singular or plural, names it too
    if words[0] in ("the", "a", "an", "this", "each", "every"):
        return (
            words[1 : 1 + len(own)] == own
            or len(words) > 1
            and W.singular(words[1]) == head
            or words[0] == "this"
            and len(words) > 1
            and words[1] in ("entity", "object", "record", "data")
        )
    if words[0] in ("its", "their", "his", "her") or words[0].endswith(("'s", "’s")) and words[0][:-2] not in own:
        return False
    if words[: len(own)] == own or W.singular(words[0]) == head or not words[0].isascii():
        return True  # `Session State is ...`; CJK and other scripts: no subject to tell
    # `Stored in Redis`, `It is never persisted`, `Kept in memory`, `Not persisted`: no other subject named
    return words[0] in W.words()["entity_subjects"]


LIST_SPLIT_RE = re.compile(r"\s*(?:[,;、，；]|\+)\s*")
# (`P&L` is one word; `one or more signal rules` is one phrase)
LAST_AND_RE = re.compile(r"(?<!\bone)\s+(?:and|or|e|y|et|i|oraz|및|와|과|と)\s+(?!more\b)|\s+&\s*|\s*&\s+", re.IGNORECASE)
SENTENCE_RE = re.compile(r"(?<=[.!?。])\s+(?=\S)|(?<=。)")
# verbs that also open prose: a list needs three items after them (`links volunteers to events` is a sentence)
WEAK_WITH = {"holds", "tracks", "stores", "contains", "z", *W.words()["linking_openers"]}
LINKING = frozenset(W.words()["linking_openers"])
WITH_RE = re.compile(
    rf"\b(?:with(?: properties| fields| attributes)?(?: including| like| such as)?|{W.alternation_of((*W.words()['with_openers'], *LINKING))})\s+",
    re.IGNORECASE,
)
LABEL_TAIL_RE = re.compile(r"\s*(?:[:：]|[-–—](?=\s))\s*")  # `Key attributes: a, b`, `Attributes - a, b`
LABEL_VERB_RE = re.compile(rf"\s+{W.alternation('label_verbs')}\s*[:：]?\s*", re.IGNORECASE)
# (`Versions are immutable and contain ...`: what they are, then the list)
HAS_RE = re.compile(rf"\s*(?:it\s+)?(?:(?:is|are)\s+[\w-]+(?:\s+[\w-]+)?\s+and\s+)?{W.alternation('list_openers')}\s+", re.IGNORECASE)
BRACED_FIELDS_RE = re.compile(r"`\{\s*(?P<fields>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*){1,30})\s*\}`")
CODE_SPAN_LIST_TAIL_RE = re.compile(
    r"(?:\s*[,，、]\s*(?:and\s+|or\s+)?(?:`[A-Za-z_]\w*`|[^\W\d][\w-]*(?:\s+[^\W\d][\w-]*){0,3})(?:\s*\([^()]*\))?)+\s*\.?\s*$"
)
CODE_SPAN_LIST_RE = re.compile(r"`[A-Za-z_]\w*`(?:\s*\([^()]*\))?(?:\s*[,，、]\s*(?:and\s+|or\s+)?`[A-Za-z_]\w*`(?:\s*\([^()]*\))?){2,}")
CJK_OPEN_RE = re.compile(rf"{W.alternation('cjk_list_openers')}\s*[:：]?\s*")
COLLECTION_OF_RE = re.compile(
    r"\b(?:array|list|collection|set)\s+of\s+(?P<what>[A-Za-z][\w ]*?)\s+(?:objects|records|entities|entries)\s*(?:$|[,;])",
    re.IGNORECASE,
)  # (`array of Track IDs` holds keys, `list of genre names` strings: neither is the other side of a one-to-many)
NEGATED_RE = re.compile(r"(?:\b(?:no|not|non|without|never|flat)\b|\bnon-)[\s,-]*(?:\w+[\s,]+){0,2}$", re.IGNORECASE)
DATE_TEXT_RE = re.compile(r"\b(?:ISO(?:[- ]?8601)?|date|datetime|timestamp|format(?:ted)?)\b", re.IGNORECASE)
TEXT_ARRAY_RE = re.compile(r"\b(?:array|list)\s+of\s+(?:\w+\s+)?(?:names|tags|labels|keywords|urls|strings|emails|titles)\b", re.IGNORECASE)
CJK_AND_RE = re.compile(r"(?<=[^\x00-\x7f])(?:以及|和|及|与|與|跟)(?=[^\x00-\x7f])")
CJK_ETC_RE = re.compile(rf"\s*{W.alternation('cjk_list_etc')}\s*$")
QUANTITY_RE = re.compile(
    r"\s*(?:(?:one|zero|1|0)\s+or\s+more|many|multiple|several|any\s+number\s+of|a\s+(?:list|set|collection|number)\s+of)\b",
    re.IGNORECASE,
)
KEY_VALUE_RE = re.compile(r"\bkey[-/ ]value\b(?!\s+(?:store|stores|database|cache|db)\b)", re.IGNORECASE)
POSSESSOR_RE = re.compile(r"\b(?:a|an|the|each|every|one)\s+(?P<owner>[^\W\d][\w-]*(?:\s+[^\W\d][\w-]*){0,2}?)['’]s\s+\w", re.IGNORECASE)
LEADING_LIST_RE = re.compile(
    r"^(?P<items>[^\W\d][^.;:()]{0,120}?)\s+(?:inside|within|in|of|on|for|per|belonging\s+to)\s+(?:a|an|the|each|one|its)\s+(?P<owner>[^\W\d][\w -]{0,40}?)(?:,\s[^.;]*)?$",
    re.IGNORECASE,
)
RELATED_RE = re.compile(r"^\s*(?:it\s+)?(?:is\s+)?(?:related|relates|associated|linked|connected)\s+(?:to|with)\b", re.IGNORECASE)
CJK_LABEL_RE = re.compile(rf"^.*?{W.alternation('attribute_labels')}\s*(?:として|には|は|が|：|:)\s*")
HAS_END_RE = re.compile(rf"{W.alternation('list_closers')}\s*$")
REFERENCE_TAIL_RE = re.compile(
    r"^(?P<target>.+?)\s+(?:reference|ref|referência|referencia|référence|fk|assignment|association)$", re.IGNORECASE
)
# `"Project Documents"`, `“a”`, `'done'`: a value written in quotes
QUOTED_RE = re.compile(r'"([^"\n]{1,40})"|“([^”\n]{1,40})”|\'([^\'\n]{1,40})\'')
OWNED_RE = re.compile(r"(?<![\w-])(?P<owner>[^\W\d]\w*)-(?:owned|scoped)\b", re.IGNORECASE)
# words before `per` that make it a rate or a limit: `4 per order`, `charged per item`, `maximum requests per user`
RATE_BEFORE_RE = re.compile(
    r"(?:\d|\b(?:limit|limited|limits|max|maximum|minimum|min|up\s+to|at\s+most|fee|fees|charged|billed|priced|cost|costs|rate|"
    r"allowed|requests|calls|shows|displayed|paginated)\b)[^.;,]{0,25}$",
    re.IGNORECASE,
)
SCOPED_RE = re.compile(
    r"(?<![\w-])(?:per|scoped\s+to(?:\s+(?:a|an|the|each|one))?)[\s-]+(?P<rest>[^\W\d][\w-]*(?:\s+(?!per\b)[^\W\d][\w-]*){0,2})",
    re.IGNORECASE,
)
RELATIONSHIP_WORDS_RE = re.compile(r"\b(?:many|one)-to-(?:many|one)\b|\brelationships?\b", re.IGNORECASE)
WHETHER_RE = re.compile(
    r"^(?:whether|if)\s+(?:or\s+not\s+)?(?:(?:it|they|this|(?:the|its)(?:\s+\w+){1,2})\s+)?(?:is|was|are|were|has\s+been|have\s+been|gets|got)\s+"
    rf"(?:{W.alternation('flag_fillers')}\s+)*(?P<word>[a-z]{{3,}})$|^(?:whether|if)\s.*?\b(?:is|was|are|were)\s+"
    rf"(?:{W.alternation('flag_fillers')}\s+)*(?P<word2>[a-z]{{3,}})\b(?:\s+(?:from|by|to|in|at|on|for)\b.*)?$",
    re.IGNORECASE,
)
# `a flag indicating whether it's a sample pack`: a switch named by what it says
FLAG_SAID_RE = re.compile(
    r"^(?:an?\s+)?(?:boolean\s+)?(?:flag|indicator|toggle|switch|boolean)\s+(?:indicating|that\s+(?:indicates|says|marks)|marking|"
    r"to\s+(?:mark|indicate|say)|for)\s+(?:whether|if)\s+(?:it\s+is|it['’]s|this\s+is|(?:the|its)\s+(?P<subject>\w+)\s+is)\s+(?:an?\s+)?"
    r"(?P<what>[a-z]{3,}(?:[\s-][a-z]{3,})?)$",
    re.IGNORECASE,
)
# `a position for ordering`, `a slug to build its URL`: one attribute, then what it is for
PURPOSED_RE = re.compile(r"^(?:an?|one)\s+(?P<what>[^\W\d][\w-]*(?:\s+[^\W\d][\w-]*)?)\s+(?:for|to)\s+\w", re.IGNORECASE)
QUALIFIED_KEY_RE = re.compile(r"^(?:owning|associated|linked|related)\s+(?P<target>.+?)\s+(?:identifier|id|reference|ref)$", re.IGNORECASE)
REFERENCE_HEAD_RE = re.compile(
    r"^(?:owning|owner|parent|source|assigned|associated|linked to(?: either)?|linked|related to|related|"
    r"(?P<explicit>references? to|refs? to|referência a|referencia a|référence à))\s+(?P<target>.+)$",  # `reference to tag`: a key, declared or not
    re.IGNORECASE,
)
RELATIVE_CLAUSE_RE = re.compile(rf"\s+{W.alternation('relative_pronouns')}\s+.*$", re.IGNORECASE)
ARTICLE_RE = re.compile(rf"^{W.alternation('articles')}\s+(?=\S)", re.IGNORECASE)
_FULL_WIDTH = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "；": ";"})
_FULL_WIDTH_PARENS = str.maketrans({"（": "(", "）": ")"})
# `may have associated settings`, `can have a nickname`: an attribute the entity may lack
MAY_HAVE_RE = re.compile(
    r"^\s*(?:may|might|can|could|optionally)\s+(?:also\s+)?(?:have|has|include|carry)\s+(?:(?:an?|some|one\s+or\s+more)\s+)?(?:associated\s+|related\s+|linked\s+)?(?=\w)",
    re.IGNORECASE,
)
LABELLED_PARENS_RE = re.compile(
    rf"(?:^|[.;:]\s*|\b{W.alternation('attribute_list_qualifiers')}\s+){W.alternation('attribute_list_labels')}\s*"
    r"\((?P<items>[^()]{3,300})\)",
    re.IGNORECASE,
)  # (`custom fields (text, number, date)` are kinds of fields, not the entity's)
# `**description**`, `an **info-last-updated** timestamp`: an attribute in bold, and a type word right after it
BOLD_FIELD_RE = re.compile(rf"\*\*(?P<name>[^\W\d][\w/ -]{{0,38}}?)\*\*(?:\s+(?P<kind>{W.alternation('bold_field_type_words')})\b)?")
# `- **Category** (name, description) *(extends)*: ...`: the bullet's name and what follows it before the text
NAME_HEAD_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\*\*.+?\*\*\s*(?P<parens>(?:[*_]?\([^()]*\)[*_]?\s*)*)(?:[:：—–-]\s*)?")
# an article, then (in `rest`) words that may name an entity: `a user`, `each customer's`, `the order`
MENTION_RE = re.compile(
    rf"(?<![\w-]){W.alternation('mention_articles')}\s+(?=(?P<rest>[^\W\d][\w'-]*(?:\s+[^\W\d][\w'-]*){{0,3}}))", re.IGNORECASE
)
# `A named, user-owned configuration`: the entity has a name; `the count of news items`: a count
NAMED_RE = re.compile(r"^\s*(?:an?|each|every)\s+(?:uniquely\s+)?named\b(?!\s+(?:after|for|by|in)\b)", re.IGNORECASE)
COUNT_OF_RE = re.compile(
    r"^(?:the\s+)?(?:total\s+)?(?:count|number)\s+of\s+(?P<what>[^\W\d][\w-]*(?:\s+[^\W\d][\w-]*)?)(?:\s+[a-z]+ed)?$", re.IGNORECASE
)
# `table `client``, `model `app/Models/Client.php``: where the entity is written down, not an attribute
ARTIFACT_RE = re.compile(rf"^\s*(?P<label>{W.alternation('artifact_labels')})\s+`(?P<name>[^`]+)`", re.IGNORECASE)
# `app/Services/MailUserFilterService.php`, `MailUserFilter.yaml`: a file named in a code span
FILE_PATH_RE = re.compile(rf"`[^`\s]*\.(?:{W.alternation('file_extensions')})`", re.IGNORECASE)
# `Stored in `app_sentiment_scores``: the entity's table, named in its prose (not a field)
STORED_IN_RE = re.compile(r"\b(?:stored|kept|persisted|saved|lives?|held)\s+in\s+(?:the\s+)?`(?P<table>[^`]+)`(?:\s+table)?", re.IGNORECASE)
# `a project`, `exactly one workspace`, `a single billing account` then the end of the phrase: one owner, named
# (not `the past`, `the system`: `the` names as often what is no entity)
OWNER_NOUN_RE = re.compile(
    r"(?:(?:exactly\s+one|a\s+single|one\s+and\s+only\s+one|an?|one)\s+)(?:(?:specific|particular|given|single)\s+)?(?P<noun>[a-z]{3,}(?:\s[a-z]{3,})?)"
    r"\s*(?:$|[.,;:)]|\s(?:and|or|via|through|with|by|for|in|on|at|that|which|who)\b)"
)
# how a sentence about the entity opens (`An opaque secret ...`, `Identified by ...`, `Owned by ...`); `Stores the
# user's preferred language` and `Total amount charged, in cents` describe fields
SENTENCE_ITEM_RE = re.compile(r"(?:A|An|The|Each|Every|One|Identified|Owned|Belongs|Belonging|Scoped|Represents|Used)\s")
_CJK_LETTERS = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"  # kana, CJK ideographs, hangul
_SNAKE_SPAN = r"`[a-z][a-z0-9]*(?:_[a-z0-9]+)*`"
# `成本（`cost_usd`）`, `數量/單位（`quantity`/`unit`）`: CJK words, then the names in code they gloss
CJK_GLOSSED_CODE_RE = re.compile(
    rf"(?P<gloss>[{_CJK_LETTERS}]{{1,12}})[*_]*\s*[（(]\s*(?P<names>{_SNAKE_SPAN}(?:\s*[/,、，]\s*{_SNAKE_SPAN})*)\s*[）)]"
)
CJK_NAMED_FIELD_RE = re.compile(
    rf"(?P<noun>(?:{W.alternation('optional')})?(?:的)?(?:{W.alternation('field_headings_cjk')}))\s*`(?P<name>[a-z][A-Za-z0-9_]*)`"
    r"(?!\s*(?:重命名|改名|更名|改为|改成|名前を変更|이름을\s*변경))(?:\s*[（(](?P<gloss>[^（）()]{1,40})[）)])?"
)
CODE_NAME_LIST_RE = re.compile(r"`(?P<names>[a-z][A-Za-z0-9_]*(?:\s*[/,、]\s*[a-z][A-Za-z0-9_]*)+)`")
# `firstName`, `event_id`: a code span written as a field name (camelCase or snake_case, not `event.eventDate`)
CODE_FIELD_RE = re.compile(r"(?<![\w.])`([a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+)`(?!\w)")
_ADDED = W.words()["added_fields"]
_ADD = rf"^\s*{W.alternation_of(tuple(_ADDED['verbs']))}\s+(?:(?:an?|un|una|um|uma|une)\s+)?(?:(?P<opt>optional|required|nullable)\s+)?"
_QUOTED_NAME = r"[\"“'`](?P<quoted>[^\"”'`]{1,40})[\"”'`]"
# `Add "source type" attribute ...`, `Add name/title attribute`, `Agregar campo estado`, `Add optional relationship to meal plan`
ADDED_FIELD_RE = re.compile(
    rf"{_ADD}(?:{_QUOTED_NAME}|(?P<plain>[^\W\d][\w/-]*(?:\s+[^\W\d][\w/-]*){{0,3}}?)\s+{W.alternation_of(tuple(_ADDED['nouns']))}\b"
    rf"|{W.alternation_of(tuple(_ADDED['nouns']))}\s+(?P<after>[^\W\d][\w/-]*(?:\s+[^\W\d][\w/-]*){{0,2}}?)\s*$"
    rf"|{W.alternation_of(tuple(_ADDED['relations']))}\s+(?:(?:an?|the)\s+)?(?P<target>[^\W\d][\w-]*(?:\s+[^\W\d][\w-]*){{0,2}}))",
    re.IGNORECASE,
)
# `` `city`, `state`, `postal_code` (Optional Strings) ``, `` `order_id` (UUID, FK) - Link to `res_orders` ``: a nested bullet
# that names its fields in code spans, then types them
CODE_NAMES_LEAD_RE = re.compile(
    r"^(?P<names>`[A-Za-z_][A-Za-z0-9_]*`(?:\s*(?:,|/|\band\b)\s*`[A-Za-z_][A-Za-z0-9_]*`)*)\s*"
    r"(?:\((?P<paren>[^()]*(?:\([^()]*\)[^()]*)*)\))?\s*(?:(?:[-—–:]\s+)(?P<rest>.*))?$"
)
# `type: pre_authorization, capture, refund` as a whole segment between semicolons: a field and its values
VALUES_SEGMENT_RE = re.compile(r"^\s*[a-z][a-z0-9_]*\s*:\s*[\w-]+(?:\s*,\s*[\w-]+)+\s*$")
# `amount: montant tip`, `commission_rate: decimal default 15.0`: a field named as code, then its type or a gloss
CODE_COLON_ITEM_RE = re.compile(r"^(?P<name>[a-z][a-z0-9]*(?:_[a-z0-9]+)*)\s*:\s*(?P<hint>[^:]+)$")
CODE_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\[\])?\s*(\([^()]*\))?$")


class _ProseReader:
    def __init__(self, path: str, lines: list[str], entity: InferredEntity, entity_names: list[str], diags: Diagnostics) -> None:
        self.path = path
        self.lines = lines
        self.entity = entity
        self.diags = diags
        self.targets = {W.entity_key(n): n for n in entity_names}
        self.shortened: dict[str, str] = {}  # entity -> the last words of its name that the prose used for it
        self.relations: list[Relation] = []
        self.head_first = False  # written in a language that puts the head noun first (`nama penerima`)

    def _span(self, line: int, col: int, length: int) -> Span:
        return Span(self.path, line + 1, col + 1, line + 1, col + 1 + max(length, 1))

    def _locate(self, text: str, start: int, end: int, *, word: bool = False) -> tuple[int, int]:
        """Where `text` is written in lines start..end; `word`: as a whole word (`Tag`, not inside `SourceTag`)."""
        pattern = re.compile(rf"(?<!\w){re.escape(text)}(?!\w)") if word else None
        for line in range(start, end):
            found = pattern.search(self.lines[line]) if pattern else None
            col = found.start() if found else -1 if pattern else self.lines[line].find(text)
            if col >= 0:
                return line, col
        first = self.lines[start] if start < len(self.lines) else ""
        return start, len(first) - len(first.lstrip())

    # ------------------------------------------------------------ the entity's own text
    def read_text(self, start: int, end: int, *, skip_name: bool, bullet: bool = False) -> None:
        """The text of lines start..end: after the entity's name (`skip_name`), or a bullet of it (`bullet`)."""
        text = raw_text = " ".join(" ".join(self.lines[start:end]).split())
        if bullet:
            text = raw_text = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", text)
        text = _examples_removed(text)  # `roles (e.g., Admin, Seller)`: instances of the entity, not attributes
        lists = []
        if skip_name:
            head = NAME_HEAD_RE.match(text)
            if head:
                for paren in re.findall(r"(?<![*_])\(([^()]*)\)(?![*_])", head.group("parens")):  # `*(extends)*` is a marker
                    items = _split_list(paren)  # `**Category** (name, description, parent category)`
                    if _lifecycle_note(items[0]):
                        continue  # `**Message** (new, 2026-07-28)`, `(existing, retained)`: where it stands, not fields
                    if len(items) >= 2 and all(len(_strip_parens(i).split()) <= 3 for i in items):
                        lists.append(items)
                text = text[head.end() :]
        said = [items for items in (self._list_of(s) for s in SENTENCE_RE.split(text)) if items]
        lists = said or lists  # `**Act** (PF, provisório): name, email, CPF, ...`: the parentheses qualify, the text lists
        if NAMED_RE.match(text):
            lists.append(["name"])  # `A named, user-owned configuration`, `A uniquely named group`: it has a name
        if any(all(CODE_NAME_RE.match(i) for i in items) for items in lists):
            # `테마, 선택 볼트. themeMode, selectedVaultId`: the identifiers are the attributes, the rest a gloss
            lists = [items for items in lists if all(i.isascii() for i in items)]
        openers = set(W.words()["trailing_clause_verbs"])
        for items in lists:
            others = set(self.targets) - {W.entity_key(self.entity.name)}
            own_words = frozenset(W.snake(self.entity.name).split("_"))
            for item in _expand_groups(_shared_heads(self._collective(items)), others, own_words):
                if added := ADDED_FIELD_RE.match(_strip_parens(item)):
                    item = _added_item(added)  # `a name and a deadline; gains an optional `color` attribute`
                elif maybe := MAY_HAVE_RE.match(item):
                    item = f"{item[maybe.end() :]} (optional)"  # `Has an ID and may have associated settings`
                words = ARTICLE_RE.sub("", item).lower().split()
                if len(words) >= 2 and words[0] in openers:
                    continue  # `...; supports parent-child threads`: a clause after the list, no attribute (`can approve` is a flag)
                self._item(item, start, end)
        stored_in = STORED_IN_RE.search(text)
        stored_in = stored_in if stored_in and SQL_NAME_RE.match(stored_in.group("table")) else None
        if stored_in and self.entity.table is None:
            self.entity.table = stored_in.group("table")
        for named in re.findall(r"\(\s*([a-z][a-z0-9]*(?:_[a-z0-9]+)*_id)\s*\)", text):
            if named not in {c.name for c in self.entity.columns}:
                self._item(named, start, end)  # `belonging to an ISP (organization_id)`: the key, named as code
        for name, gloss, optional in self._code_names_in_cjk(text):
            if W.snake(name) not in {c.name for c in self.entity.columns} and W.entity_key(name) not in self.targets:
                self._coded_item(name, gloss, optional, start, end)
        for found in CODE_FIELD_RE.finditer(text):
            # `name derived from `firstName` + `lastName``: identifiers in code are the fields the spec names
            span = found.group(1)
            if stored_in and span == stored_in.group("table"):
                continue
            if EXAMPLES_SAID_RE.search(SENTENCE_RE.split(text[: found.start()])[-1]):
                continue  # `a filter such as issue levels (...) or performance signals (`n_plus_one`)`: an example value
            if W.snake(span) not in {c.name for c in self.entity.columns} and W.entity_key(span) not in self.targets:
                self._item(span, start, end)
        for labelled in (m for m in LABELLED_PARENS_RE.finditer(text) if m.group("items").count(",") >= 2):
            # `Existing attributes (URL, name, image, active flag) gain ...`: a label, and the attributes in parentheses
            for listed in _split_list(labelled.group("items")):
                for item in _slashed(listed):
                    if len(item.split()) <= 4 and W.snake(item) not in {c.name for c in self.entity.columns}:
                        self._item(item, start, end)
        masked = _mask_parens(text)
        bold = [
            m
            for m in BOLD_FIELD_RE.finditer(text)
            if masked[m.start()] == "*"  # (not inside parentheses)
            and W.entity_key(m.group("name")) not in self.targets
            and m.group("name").lower() not in W.words()["bold_emphasis_words"]  # (`**must**`, `**never**`)
        ]
        opening = SENTENCE_RE.split(masked[: bold[0].start()])[-1] if bold else ""
        # (`gain an optional **description**, **category**`: words that add attributes first; `one of **open**, **done**`:
        # values; then a comma or `and` between each and the next: `one **team** formed for one **event**` is a sentence)
        introduced = re.search(rf"(?i)\b{W.alternation('bold_attribute_openers')}\b", opening) and not re.search(
            r"(?i)\b(?:one\s+of|either|status|values?|states?|such\s+as|like)\b[^,;]*$", opening
        )
        bold_listed = (
            introduced
            and len(bold) >= 2
            and all(
                re.fullmatch(r"[^.;:]{0,60}", " ".join(masked[a.end() : b.start()].split()))
                and re.search(r",|\band\b|\bor\b", masked[a.end() : b.start()])
                for a, b in pairwise(bold)
            )
        )
        for found in bold if bold_listed else ():
            # `gain an optional **description**, **category** and an **info-last-updated** timestamp`: the attributes,
            # emphasised in a sentence (the words after one say its type: `timestamp`)
            item = found.group("name").strip() + (f" {found.group('kind')}" if found.group("kind") else "")
            said_optional = re.search(r"(?i)\boptional\s+$", text[max(0, found.start() - 10) : found.start()])
            if W.snake(found.group("name")) not in {c.name for c in self.entity.columns}:
                self._item(item + (" (optional)" if said_optional else ""), start, end)
        self._relationships(text, start, end)
        self._hierarchy(text, start, end)
        first_sentence = SENTENCE_RE.split(text.strip())[0]  # what the entity is
        self._possessor(first_sentence, start, end)
        self._leading_list(first_sentence, start, end)
        self._key_value(first_sentence, start, end)
        self._instances(text, start, end)
        self._kinds_recorded(raw_text, start, end)
        self._mentions(text, start, end)
        self._scopes(text, start, end)
        self._join_keys(text, start, end)

    def _coded_item(self, name: str, gloss: str, optional: bool, start: int, end: int) -> bool:
        """A field named in code and glossed in CJK words (`截止日期，可为空`): the name as written, the gloss's type
        unless the name says one surely (`remind_at`（提醒日期） is a timestamp), nullable when the gloss says so."""
        optional = optional or W.find(gloss, W.words()["optional"]) is not None
        by_name = W.type_from_name(W.snake(name))
        said = "" if by_name and by_name[1] else _gloss_type(gloss)
        return self._item(f"{name} (optional)" if optional else name, start, end, verbatim=True, type_said=said)

    def _code_names_in_cjk(self, text: str) -> list[tuple[str, str, bool]]:
        """Identifiers in code that CJK prose names as fields (a plain word among CJK words is no English prose):
        `成本（`cost_usd`）`, `數量/單位（`quantity`/`unit`）` (a word glossed by its name in code), `增加可选属性 `due``
        (after a word for attribute or field; optional when it says so), `在现有 `id / title / done` 基础上` (a list of
        names in one span, most of them names of fields). Each (name, its gloss, optional)."""
        found: list[tuple[str, str, bool]] = []
        for m in CJK_GLOSSED_CODE_RE.finditer(text):
            names = re.findall(r"`([A-Za-z_]\w*)`", m.group("names"))
            gloss = m.group("gloss") if len(names) == 1 else ""  # (`數量/單位`: two words for two names)
            found += [(name, gloss, False) for name in names]
        for m in CJK_NAMED_FIELD_RE.finditer(text):
            optional = W.find(m.group("noun"), W.words()["optional"]) is not None
            found.append((m.group("name"), (m.group("gloss") or "").translate(_FULL_WIDTH), optional))
        for m in CODE_NAME_LIST_RE.finditer(text):
            if not W._is_cjk(text[max(0, m.start() - 12) : m.end() + 12]):
                continue
            names = linear_re.split(r"\s*[/,、]\s*", m.group("names"))
            typed = [t[0] for t in (W.type_from_name(W.snake(n)) for n in names) if t]
            # (`pending / done`, `active / archived`: values, no names of fields; a state word reads as a flag)
            states = sum(bool(re.fullmatch(r"[a-z]+(?:ed|ing)", n)) for n in names)  # `created / updated / deleted`: events
            if 2 * len(typed) > len(names) and any(t != "boolean" for t in typed) and 2 * states < len(names):
                found += [(name, "", False) for name in names]
        return found

    def _join_keys(self, text: str, start: int, end: int) -> None:
        """`Role-Permission`, `TaskTag`, `用户角色关联 (User-Role)`: a name made of two entities' names, described as
        their association (or with nothing else to it), is the join table: a key to each."""
        name = self.entity.gloss or self.entity.name
        parts = [p for p in re.split(r"[^0-9A-Za-z]+|(?<=[a-z0-9])(?=[A-Z])", name) if p]
        associative = W.find(text, W.words()["association_words"]) is not None or not self.entity.columns
        between = BETWEEN_RE.search(text.replace("`", " ")) if associative else None  # (same offsets as `text`)
        named = [between.group(side) for side in ("a", "b")] if between else []
        ends = [self._target(n) for n in named]
        worded = BETWEEN_WORDS_RE.search(text.replace("`", " ")) if associative and not (between and all(ends)) else None
        if worded:  # (the last word names the entity: `a tracked crypto project`; both must, in lower case)
            sides = [worded.group(side) for side in ("a", "b")]
            found = [self._target(w) or self._target(w.split()[-1]) for w in sides]
            if all(found):
                between, named, ends = worded, [w.split()[-1] if not self._target(w) else w for w in sides], found
        distinct = len({W.entity_key(n) for n in named}) == 2 and W.entity_key(self.entity.name) not in map(W.entity_key, named)
        if between and any(ends) and distinct:  # `Link between a `SourceRegistration` and a `Tag` entity`: the pair it links
            for written, target in zip(named, ends, strict=True):
                column = W.snake(target or written) + "_id"
                if any(c.name == column for c in self.entity.columns):
                    continue
                typed = None if target else (W.type_from_name(column) or (None,))[0]
                at = self._locate(written, start, end, word=True)
                if target is None:
                    self.diags.report(
                        "W304", f"'{written}' is declared by no spec; {column} kept as a plain column", self._span(*at, len(written))
                    )
                self._add(InferredColumn(name=column, type=typed, required=True, references=target), written, *at)
            return
        if len(parts) < 2 or not associative:
            return
        own = W.entity_key(self.entity.name)
        for cut in range(1, len(parts)):
            left = self.targets.get(W.entity_key(" ".join(parts[:cut])))  # each half exactly an entity's name
            right = self.targets.get(W.entity_key(" ".join(parts[cut:])))
            if left and right and left != right and own not in (W.entity_key(left), W.entity_key(right)):
                line, col = self._locate(self.lines[start].strip()[:20], start, end)
                for target in (left, right):
                    column = W.snake(target) + "_id"
                    if not any(c.name == column for c in self.entity.columns):
                        self._add(InferredColumn(name=column, type=None, required=True, references=target), name, line, col)
                return

    def _mentions(self, text: str, start: int, end: int) -> None:
        """`Text written by a user on a post`, `A customer's purchase`, `a visit between a patient and a doctor`:
        another entity named once, in the singular, is the one this entity points at (a key to it). A plural or
        a quantity (`many orders`, `a list of items`) is the other side, and is left to the relationships."""
        plural_words = W.words()["mention_plural_words"]
        for match in MENTION_RE.finditer(text):
            words_after = match.group("rest")
            target = self._target(words_after)
            if target is None or W.entity_key(target) == W.entity_key(self.entity.name):
                continue
            size = len(re.findall(r"\S+", target))
            written = words_after.split()[:size]
            last = re.sub(r"'s$|[^\w-]+$", "", written[-1]) if written else ""
            if last.lower() != W.singular(last.lower()) and not target.lower().endswith(last.lower()):
                continue  # `the users`: a plural
            before = text[: match.start()].lower().split()[-3:]
            if any(w in plural_words for w in before):
                continue  # `many orders`, `list of a ...`
            column = W.snake(self.shortened.get(target, target)) + "_id"
            if any(c.references == target or c.name == column for c in self.entity.columns):
                continue
            line, col = self._locate(match.group(0).strip().split()[-1], start, end)
            self._add(InferredColumn(name=column, type=None, required=None, references=target), match.group(0).strip(), line, col)

    def _kinds_recorded(self, text: str, start: int, end: int) -> None:
        """`Document Activity: an auditable action taken on a document, such as upload, download, delete, or share`:
        a log's records are of kinds its examples name, so a column for the kind (`action`) with those values. Only
        for an entity named as a log (data/words.json `record_entity_words`)."""
        last = W.snake(self.entity.gloss or self.entity.name).split("_")[-1]
        if last not in W.words()["record_entity_words"]:
            return
        pattern = (
            rf"\b(?P<noun>{W.alternation('record_kind_nouns')})s?\b[^.;:()]{{0,60}}?,?\s*\(?\s*{W.alternation('example_openers')}\s+"
            r"(?P<values>[a-z][a-z-]*(?:\s*,\s*(?!(?:or|and)\b)[a-z][a-z-]*)*(?:,?\s+(?:or|and)\s+[a-z][a-z-]*)?)\b"
        )
        found = re.search(pattern, text, re.IGNORECASE)
        if found is None:
            return
        values = [v for v in linear_re.split(r"\s*,\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+", found.group("values")) if v]
        name = W.singular(found.group("noun").lower())
        if len(values) < 2 or any(c.name == name for c in self.entity.columns):
            return
        line, col = self._locate(found.group("noun"), start, end)
        column = InferredColumn(name=name, type="enum(" + ", ".join(values) + ")", required=None)
        self._add(column, found.group(0), line, col)

    def _instances(self, text: str, start: int, end: int) -> None:
        """`Represents execution instances of tasks`, `a version of a document`: one occurrence of another entity,
        so a key to it (data/words.json `instance_words`)."""
        pattern = rf"\b{W.alternation('instance_words')}\s+of\s+(?:(?:an?|the|each|one|a\s+given)\s+)?(?P<rest>[^\W\d][\w'-]*(?:\s+[^\W\d][\w'-]*){{0,3}})"
        for match in re.finditer(pattern, text, re.IGNORECASE):
            self._key_to(self._target(match.group("rest")), match.group(0), start, end)

    def _key_value(self, sentence: str, start: int, end: int) -> None:
        """`AppSetting — key-value admin configuration`: a key and its value, whatever the examples of keys; a
        key-value store (Redis) says where, not what."""
        said = KEY_VALUE_RE.search(sentence)
        if said is None or {c.name for c in self.entity.columns} & {"key", "value"}:
            return
        if KEY_VALUE_RE.search(_mask_parens(sentence)) is None:
            return  # `properties (JSON key/value pairs)`: what one attribute holds
        line, col = self._locate(said.group(0), start, end)
        self._add(InferredColumn(name="key", type="string(255)", required=True, unique=True), said.group(0), line, col)
        self._add(InferredColumn(name="value", type="text", required=None), said.group(0), line, col)

    def _possessor(self, sentence: str, start: int, end: int) -> None:
        """`Represents a user's planned meals`, `A product's price on one price list`: the entity whose it is, named
        in the sentence that says what this entity is, is a key."""
        for match in POSSESSOR_RE.finditer(sentence):
            owner = match.group("owner")
            self._key_to(self.targets.get(W.entity_key(owner)) or self._facet_of(owner), match.group(0), start, end)

    def _leading_list(self, sentence: str, start: int, end: int) -> None:
        """`Product and quantity inside a cart`, `Product, quantity, and unit price within an order`: a description
        that is a list of what the entity holds, then the entity it sits in. The items are its fields (an entity's
        name a key to it), the container a key; only when the container is an entity of the spec."""
        if self.entity.columns:
            return
        found = LEADING_LIST_RE.match(sentence.strip().rstrip("."))
        container = self._target(found.group("owner")) if found else None
        if found is None or container is None or W.entity_key(container) == W.entity_key(self.entity.name):
            return
        items = [re.sub(r"^(?:and|or)\s+", "", i.strip()) for i in _split_list(found.group("items"))]
        function_words = set(W.words()["function_words"])
        if len(items) < 2 or any(not i or len(i.split()) > 3 or set(i.lower().split()) & function_words for i in items):
            return
        for item in items:
            self._item(item, start, end)
        self._key_to(container, found.group(0), start, end)

    def _facet_of(self, word: str) -> str | None:
        """`customer` beside a `Customer Profile` entity (and no Customer): the one entity named by the word and a
        facet of it (data/words.json `entity_facets`: profile, account, record...), which the word stands for."""
        key = W.entity_key(word)
        if not re.fullmatch(r"[a-z]{3,}", key) or key in self.targets:
            return None
        facets = W.words()["entity_facets"]
        found = set()
        for name in self.targets.values():
            words = W.snake(name).split("_")
            if (
                len(words) == 2
                and W.entity_key(words[0]) == key
                and words[1] in facets
                and W.entity_key(name) != W.entity_key(self.entity.name)
            ):
                found.add(name)
        return next(iter(found)) if len(found) == 1 else None

    def _key_to(self, target: str | None, phrase: str, start: int, end: int) -> None:
        """A required key to `target` (another entity, once), with `phrase` as its evidence."""
        if target is None or W.entity_key(target) == W.entity_key(self.entity.name):
            return
        column = W.snake(self.shortened.get(target, target)) + "_id"  # (`for a control lot`: control_lot_id)
        if any(c.references == target or c.name == column for c in self.entity.columns):
            return
        line, col = self._locate(phrase.split()[0], start, end)
        self._add(InferredColumn(name=column, type=None, required=True, references=target), phrase, line, col)

    def _subject_re(self) -> re.Pattern:
        """The entity itself as a sentence's subject: `Each order`, `The Order`, `Orders`, `It`, `They`."""
        parts = [w for w in W.snake(self.entity.name).split("_") if w]
        words = r"\s+".join(re.escape(w) for w in parts)
        # `Each score` in Sentiment Score, `Every protected decision` in Authorization Decision (one word between)
        head = rf"|(?:each|every|the|this)\s+(?:[^\W\d]+\s+)?{re.escape(parts[-1])}" if len(parts) > 1 else ""
        # (not `Each order has` in Order Item, a line of an order, when the spec names an Order; nor `Each library has` in
        # a Library Record: only an item or an entry is the thing its other words name)
        if len(parts) > 1 and parts[-1] in ("item", "entry") and W.entity_key("_".join(parts[:-1])) not in self.targets:
            # `Each todo has ...` in Todo Item: the name without its generic last word
            head += r"|(?:each|every|the|this|a|an)\s+" + r"\s+".join(re.escape(w) for w in parts[:-1]) + "s?"
        return re.compile(rf"^\s*(?:(?:(?:each|every|the|a|an|this)\s+)?(?:{words}s?|it|they){head})(?=\s)", re.IGNORECASE)

    def _opens_a_list(self, sentence: str) -> bool:
        """`Carries a, b`, `Each order has a, b`, `Key attributes: a, b`: the sentence says it lists attributes."""
        subject = self._subject_re().match(sentence)
        return bool(
            HAS_RE.match(sentence) or subject and HAS_RE.match(sentence, subject.end()) or W.find(sentence, W.words()["attribute_labels"])
        )

    def _list_of(self, sentence: str) -> list[str]:
        sentence = sentence.strip().rstrip(".。").translate(_FULL_WIDTH_PARENS)  # `授权关系（user_id, journal_id）`
        bare = re.fullmatch(r"\((?P<inner>[^()]*(?:\([^()]*\)[^()]*)*)\)", sentence)
        if bare:  # `- **Source**: (Type [RSS, X], URL/Handle, Tags)`: the description is its list of fields
            sentence = bare.group("inner")
        # (or a clause after a short lead: `Existing entity; gains a `color` attribute`, not after a list of fields)
        clauses = [sentence, *sentence.split(";")[1:]] if len(sentence.split(";")[0].split()) <= 3 else [sentence]
        added = next((m for c in clauses if (m := ADDED_FIELD_RE.match(_strip_parens(c)))), None)
        if added:  # a later feature's change note: `Add "deleted at" soft delete timestamp`
            return [_added_item(added)]
        related = RELATED_RE.match(sentence)
        if related and sentence[related.end() :].lstrip().startswith((":", "：")):
            return []  # `Related to: Kitchen, Dish`: a labelled note that says no direction
        if related:
            # `Related to User, LearningTask, and Lessons`: an entity named once is a key to it; a plural is the other
            # side of the relationship and no column here
            # (`Related to User with cascade delete`: what follows the entity's name says how)
            named = [
                linear_re.split(r"\s+(?:with|via|on|using|through)\s+", _strip_parens(i))[0] for i in _split_list(sentence[related.end() :])
            ]
            items = [i for i in named if i.strip() and self._target(i)]
            return [f"{self._target(i)} reference" for i in items if i.split()[-1] == W.singular(i.split()[-1])]
        opened = re.match(rf"(?i)^\s*{W.alternation('colon_labels')}\s*[:：]\s*(?P<rest>\S.*)$", sentence)
        if opened:  # `Tracks: workflow_id, subscriber_id, status`
            items = _split_list(opened.group("rest"))
            plain = [_strip_parens(i).split() for i in items]
            if len(items) >= 2 and all(len(w) <= 3 and not re.search(r"\d", " ".join(w)) for w in plain):
                return items
            return []  # `Holds: up to 50 line items, never more`: a sentence after the colon
        label = W.find(sentence, W.words()["attribute_labels"])
        other_label = re.match(r"^[^:：]{1,40}[:：]", _mask_parens(sentence.translate(_FULL_WIDTH)))  # not `名（例: x）`
        if other_label and len(other_label.group(0).split()) > 3:
            other_label = None  # `Tracks delivery of an order: carrier, ...`: a sentence, then its list
        if other_label and (label is None or label.start() > other_label.end()):
            said = other_label.group(0).rstrip(":： ").split()
            items = _split_list(sentence[other_label.end() :])
            short = [i for i in items if len(ARTICLE_RE.sub("", _strip_parens(i)).split()) <= MAX_WORDS]
            if said and said[-1].lower() in W.words()["self_label_nouns"] and len(short) >= 3 and len(short) >= len(items) - 1:
                return short  # `Action record: actor, action type, target entity ID, timestamp (UTC)`: what it is, then its fields
            columns = [i.strip().strip("`") for i in items]
            tabled = re.match(r"(?i)\s*(?:table|columns?|fields?)\b", other_label.group(0)) is not None  # not `Status:`, `Values:`
            snake = all(re.fullmatch(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", c) for c in columns) and any("_" in c for c in columns)
            if tabled and len(columns) >= 2 and snake:
                return columns  # `table (NEW m0012): course_id, prereq_course_id`: the columns, as the SQL spells them
            return []  # `Related to: Kitchen, Dish`, `Lifecycle: ...`: a labelled note, not attributes
        if label is not None:
            tail = sentence[label.end() :]
            colon = LABEL_TAIL_RE.match(tail) or LABEL_VERB_RE.match(tail)  # `Key attributes: a, b`, `Key attributes include a, b`
            if colon or tail[:1] in (":", "："):
                return _split_list(tail[colon.end() if colon else 1 :])
        # `Has name, type, unit, optional notes`, `Identified by its id; carries the drawer, a start time, ...`
        opening = HAS_RE.match(sentence) or HAS_RE.match(sentence, sentence.find(";") + 1) if ";" in sentence else HAS_RE.match(sentence)
        subject = self._subject_re().match(sentence)
        if opening is None and subject:
            opening = HAS_RE.match(sentence, subject.end())  # `Each order has an order number, a status, ...`
        if opening and QUANTITY_RE.match(sentence, opening.end()):
            return []  # `Has one or more party admins, members, ...`: collections of other entities, not attributes
        if opening:
            items = [RELATIVE_CLAUSE_RE.sub("", i) for i in _split_list(sentence[opening.end() :])]
            # `Identified by its name; carries a value`: the clause after the semicolon opens with its own verb
            items = [i[m.end() :] if (m := HAS_RE.match(i)) and n else i for n, i in enumerate(items)]
            cut = sentence.find(";", opening.end())
            identity = _split_list(sentence[opening.end() : cut if cut >= 0 else len(sentence)])
            if opening.group(0).strip().lower().startswith("identified") and not all(map(_names_a_thing, identity)):
                return []  # `Identified by a token and expires after 30 minutes`, `by the combination of a and b`: a sentence
            if items and re.search(r":\s", _mask_parens(items[0])):
                items[0] = items[0][_mask_parens(items[0]).rindex(": ") + 2 :]  # `Tracks delivery of an order: carrier, ...`
            short = [i for i in items if len(ARTICLE_RE.sub("", _strip_parens(i)).split()) <= MAX_WORDS or WHETHER_RE.match(i.strip())]
            if len(short) >= 2 and len(short) >= len(items) - 1:  # a long last item is a clause (`and the totals of ...`)
                return short
            clause = opening.start() > 0 and sentence[: opening.start()].rstrip().endswith(";")
            if clause and len(items) == 1 and len(_strip_parens(items[0]).split()) <= 4:
                return items  # `...; has an Active/Paused lifecycle status`: one attribute, in a clause of its own
            if len(items) == 1 and (single := _one_attribute_said(items[0])):
                return [single]  # `Has a flag indicating whether it's a sample pack.`, `Has a position for ordering.`
        braced = BRACED_FIELDS_RE.search(sentence)
        if braced and not EXAMPLES_BEFORE_RE.search(sentence[: braced.start()]):
            return _split_list(braced.group("fields"))  # `` `{role, content, ts}` ligada a uma sessão ``: an object's fields
        spans = CODE_SPAN_LIST_RE.search(sentence)  # `Entity in Wallet Service — `id`, `walletId`, `amount`, ...`
        if spans and EXAMPLES_BEFORE_RE.search(sentence[: spans.start()]):
            spans = None  # `such as issue levels (`fatal`, `error`, `warning`)`: examples of values
        if spans:
            # the list runs on past the code spans when what follows is more of it (`..., parsed fields, `status` (a/b)`)
            more = CODE_SPAN_LIST_TAIL_RE.match(sentence[spans.end() :])
            more = more if more and "`" in more.group(0) else None  # (`, all required.`, `, stored in Postgres.`: a clause)
            return _split_list(spans.group(0) + (more.group(0).rstrip(" .") if more else ""))
        cjk = CJK_OPEN_RE.search(sentence)  # `代表系統的使用者，包含用戶名、密碼、角色等屬性`
        if cjk:
            items = _split_list(CJK_ETC_RE.sub("", sentence[cjk.end() :]))
            if len(items) == 1 and re.fullmatch(r"[a-z_][a-z0-9_]*(?:\s*/\s*[a-z_][a-z0-9_]*){2,}", items[0].strip()):
                items = linear_re.split(r"\s*/\s*", items[0].strip())  # `包含 before/after/reason/operator`: names, slash-separated
            pieces = [i for i in CJK_AND_RE.split(items[0]) if i] if len(items) == 1 else []
            aliases = W.words()["column_aliases"]
            if all(re.fullmatch(r"[^的之間间]{1,8}", p) and (p in aliases or _cjk_compound(p, "")) for p in pieces):
                items = pieces or items  # `包含偏好设置和权限信息`: two known names joined by 和 (not 跟踪编号, a word)
            if len(items) >= 2:
                return items
        closing = HAS_END_RE.search(sentence)  # `メールアドレス、名前、作成日時を持つ`: the list comes before the verb
        if closing:
            head = sentence[: closing.start()]
            masked = _mask_parens(head.translate(_FULL_WIDTH))  # `権限名（例: user.create）`: a colon inside a gloss cuts nothing
            cut = max(masked.rfind(c) for c in "。:：") + 1
            items = _split_list(head[cut:])
            if len(items) == 1 and "と" in masked[cut:]:
                # `権限名と説明を持つ`: two items joined by と, no space around it
                joins = [cut + m.start() for m in re.finditer("と", masked[cut:]) if m.start() > 0]
                bounds = [cut, *joins, len(head)]
                items = [head[a + (a in joins) : b].strip() for a, b in pairwise(bounds) if head[a:b].strip("と ")]
            if items:  # `属性として文書ID、...`: the label before the first item
                items[0] = CJK_LABEL_RE.sub("", items[0])
            if len(items) >= 2:
                return items
        dashed = re.search(r"(?:\s[—–]\s|:\s)(?P<tail>[^—–:]+)$", _mask_parens(sentence))
        if dashed:  # `record of one administrative action — acting administrator, action, subject, timestamp`
            items = _split_list(sentence[dashed.start("tail") :])
            if len(items) >= 3 and all(len(_strip_parens(i).split()) <= 3 for i in items):
                return items
        items = _split_list(sentence)
        opened = next((n for n, i in enumerate(items) if n and WITH_RE.match(i)), None)
        if opened is not None:  # `Represents an uploaded file and its metadata, including title, category, ...`
            rest = items[opened][WITH_RE.match(items[opened]).end() :]
            items = [] if QUANTITY_RE.match(rest) else [rest, *items[opened + 1 :]]  # (`contains zero or more messages`)
        openers = set(W.words()["clause_openers"])
        clauses = [i for i in items if (ARTICLE_RE.sub("", i).lower().split() or [""])[0] in openers]
        # `authenticated principal; owns coins; may hold passkey credentials`: clauses, not a list of fields
        items = [] if 2 * len(clauses) >= len(items) else items
        sizes = [len(_strip_parens(i).split()) for i in items]
        if len(items) >= 3 and sum(sizes) / len(items) <= 3 and max(sizes) <= 4:
            first = WITH_RE.search(_mask_parens(items[0]))  # `Tracks uploaded files, ...`, `A meal with name, servings`
            listed = [items[0][first.end() :], *items[1:]] if first else items  # `Age, grade, total points, ...`
            if first and first.group(0).strip().lower() in LINKING and not self._links_entities(listed):
                return []  # `a journey connecting cities, airports, and hotels`
            return listed
        best: list[str] = []
        # `Captures who booked which table (party size, date, time slot)`, `Record of operations (action type, user,
        # timestamp) for compliance reporting`: a list in parentheses at the end, or before a short purpose
        trailing = re.search(r"\(([^()]*)\)\s*$", sentence)
        purposed = re.search(r"\(([^()]*)\)\s+(?:for|to|in|on|when|during)\s[^()]{0,40}$", sentence, re.IGNORECASE)
        if trailing is None and purposed and all(i.strip()[:1].islower() for i in _split_list(purposed.group(1))):
            trailing = purposed  # (`(PDF, CSV, XLSX) for download`, `(Monday, Tuesday)`: capitalised values, no fields)
        if trailing:
            items = _split_list(trailing.group(1))
            before = re.findall(r"[\w-]+", sentence[: trailing.start()])[-1:]
            valued = bool(before) and (by := W.type_from_name(W.snake(before[0]))) is not None and by[0] == "string(50)"
            # (`outbound channel (type, endpoint, label, enabled)`: names of fields after it, not its values)
            field_named = sum(W.type_from_name(W.snake(_strip_parens(i).strip("` "))) is not None for i in items)
            valued = valued and (field_named < 3 or 2 * field_named < len(items))
            if EXAMPLES_BEFORE_RE.search(sentence[: trailing.start()]):
                items = []  # `a filter such as issue levels (`fatal`, `error`)`: examples, no fields
            glossed = [bool(CODE_COLON_ITEM_RE.match(i.strip())) for i in items]
            coded = [g or bool(re.fullmatch(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+", i.strip())) for g, i in zip(glossed, items, strict=True)]
            sizes = [1 if code else len(_strip_parens(i).split()) for i, code in zip(items, coded, strict=True)]
            # (`(tip_enabled: boolean, tip_time_limit_days: int)`: two are fields; `(order_shipped, payment_failed)` events)
            # (one longer item among short ones is still a field: `solde restant après transaction`)
            fields_said = sum(  # (`type de carte`, `date d'expiration`: a field's word among others)
                code or any(W.type_from_name(w) is not None for w in W.snake(_strip_parens(i)).split("_"))
                for i, code in zip(items, coded, strict=True)
            )
            short = bool(sizes) and sum(size <= 3 for size in sizes) >= len(items) - 1 and max(sizes) <= MAX_WORDS and fields_said >= 2
            if len(items) >= (2 if all(glossed) else 3) and (max(sizes) <= 3 or len(items) >= 4 and short) and not valued:
                best = items  # (`status (pending, paid, shipped)` is a value list, read with its attribute)
        masked = _mask_parens(sentence)  # `(encrypted with pgcrypto)` opens no list
        for with_kw in WITH_RE.finditer(masked):
            if QUANTITY_RE.match(sentence, with_kw.end()):
                continue  # `contains zero or more messages, proposals, ...`: collections of other entities
            items = [i for i in _split_list(sentence[with_kw.end() :]) if len(_strip_parens(i).split()) <= MAX_WORDS]
            weak = with_kw.group(0).strip().lower() in WEAK_WITH
            if with_kw.group(0).strip().lower() in LINKING and not self._links_entities(items):
                continue  # `a journey connecting cities, airports, and hotels`: a sentence, unless it links entities
            short = sum(len(_strip_parens(i).split()) <= 3 for i in items)
            if len(items) >= (3 if weak else 2) and short >= sum(len(_strip_parens(i).split()) <= 3 for i in best) and short:
                best = items
            elif not best and len(items) == 1 and not weak and _one_field(items[0]):
                best = items  # `roles with a unique name`: one attribute, a word that names a field
            elif not best and not weak and (single := _one_attribute_said(_split_list(sentence[with_kw.end() :])[0])):
                best = [single]  # `a join record ..., with a position for ordering within the collection`
        return best

    def _relationships(self, text: str, start: int, end: int) -> None:
        data = W.words()["relationship"]
        for phrase in data["belongs_to"]:
            for match in re.finditer(rf"(?<!\w){re.escape(phrase)}\s+(?P<rest>[^.,;:()]+)", text, re.IGNORECASE):
                target = self._target(match.group("rest"))
                if target is None:
                    if phrase in data["owner_phrases"]:
                        self._undeclared_owner(match.group("rest"), match.group(0), start, end)
                    continue
                column = W.snake(target) + "_id"
                existing = next((c for c in self.entity.columns if c.references == target or c.name == column), None)
                if existing is not None:
                    existing.required = True if existing.required is None else existing.required  # `belongs to` a user: one is needed
                    existing.references = existing.references or target
                    continue
                line, col = self._locate(match.group(0).split()[0], start, end)
                self._add(InferredColumn(name=column, type=None, required=True, references=target), match.group(0), line, col)
        for match in OWNED_RE.finditer(text):  # `a user-owned configuration`, `a project-scoped snapshot`
            owner = match.group("owner")
            self._key_to(self._target(owner) or self._facet_of(owner), match.group(0), start, end)
        # the other side: `has many alerts`, `one-to-many with UserRole`, `many-to-many via TaskTag`
        for kind in ("many_to_many", "has_many", "has_one"):
            for phrase in data[kind]:
                pattern = rf"(?<![\w-]){re.escape(phrase)}(?:\s+relationships?)?(?:\s+(?:with|to|between))?\s+(?P<rest>[^.,;:()]+)"
                for match in re.finditer(pattern, text, re.IGNORECASE):
                    if kind == "many_to_many" and re.search(r"\bbetween\b", match.group(0), re.IGNORECASE):
                        continue  # `manages the many-to-many relationship between roles and permissions`: it is the join
                    rest = match.group("rest")
                    via = None
                    via_match = re.search(r"\b(?:" + "|".join(re.escape(v) for v in data["via"]) + r")\s+(?P<via>\S+)", rest, re.IGNORECASE)
                    if via_match:
                        via = self._target(via_match.group("via"))
                        rest = rest[: via_match.start()]
                    target = self._target(re.sub(r"^.*\band\s+", "", rest) if kind == "many_to_many" and " and " in rest else rest)
                    if target is None or W.entity_key(target) == W.entity_key(self.entity.name):
                        continue
                    line, col = self._locate(match.group(0).split()[0], start, end)
                    span = self._span(line, col, len(match.group(0)))
                    self.relations.append(Relation(kind, target, via, Evidence(span, "prose", match.group(0)[:200])))

    def _undeclared_owner(self, rest: str, phrase: str, start: int, end: int) -> None:
        """`owned by exactly one workspace`, `belongs to a project`, where no spec declares a Workspace or a Project:
        the owner's key all the same, a plain column (build keys it once an entity of that name exists); a user's
        key becomes a key to the *(external)* User, as other actor columns do."""
        owner = OWNER_NOUN_RE.match(rest)
        if owner is None:
            return
        words = owner.group("noun").lower().split()
        closed = {*W.words()["drop_words"], *W.words()["function_words"], *W.words()["clause_prepositions"]}
        closed |= set(W.words()["relationship"]["not_owner_nouns"])  # (`scoped to a single day`: no owner)
        if any(w in closed or W.singular(w) != w for w in words) or W.entity_key(" ".join(words)) == W.entity_key(self.entity.name):
            return  # `belongs to the past`, `owned by many teams`: no one owner
        column = "_".join(words) + "_id"
        if any(c.name == column for c in self.entity.columns):
            return
        line, col = self._locate(phrase.split()[0], start, end)
        self._add(InferredColumn(name=column, type="uuid", required=True, confident=False), phrase, line, col)

    def _scopes(self, text: str, start: int, end: int) -> None:
        """`scoped to a test-instrument pair`, `per user per violation`: the entities the rows are kept per, when
        they are entities of the spec (`per day`, `per page` name none), and no other words gave a key to them."""
        for match in SCOPED_RE.finditer(text):  # `scoped to a test-instrument pair`, `per user per violation`
            if RATE_BEFORE_RE.search(text[max(0, match.start() - 40) : match.start()]):
                continue  # `limited to 4 per order`, `a fee charged per item`: a rate, no key
            first = match.group("rest").split()[0]
            for named in [match.group("rest"), *(first.split("-") if "-" in first else [])]:
                # (only an entity of the spec: `per day`, `per page` name none; `per violation`: the QC Rule Violation)
                target = self._target(named)
                if target is not None:
                    self._key_to(target, match.group(0), start, end)
                    if named == match.group("rest"):
                        break

    def _hierarchy(self, text: str, start: int, end: int) -> None:
        """`Hierarchical categories`, `supports parent-child relationships` (words.json `self_hierarchy`): rows nest,
        so each has a parent of its own kind, or none at the root."""
        said = W.find(text, W.words()["self_hierarchy"])
        sentence = next((x for x in SENTENCE_RE.split(text) if said and said.group(0) in x), "")
        others = [n for n in self.targets.values() if W.entity_key(n) != W.entity_key(self.entity.name)]
        if said is not None and any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", sentence, re.IGNORECASE) for n in others):
            said = None  # `Project and Task form a parent-child relationship`: between two entities, not within one
        head = (
            re.search(r"\*\*[^*]*?[(（]\s*(?P<other>[^()（）*]+?)\s*[)）]\s*\*\*", self.lines[start]) if start < len(self.lines) else None
        )
        other = [head.group("other")] if head else []  # `**Category (分类)**`: the name in the spec's language
        names = [n for n in (self.entity.name, self.entity.gloss, *self.entity.aliases, *other) if n]
        for word in W.words()["hierarchy_words"] if said is None else []:
            for name in names:
                for form in sorted({name, pluralize(name) if name.isascii() else name}):
                    near = rf"{re.escape(word)}\s*{re.escape(form)}|{re.escape(form)}\s*{re.escape(word)}"
                    said = said or re.search(rf"(?<!\w)(?:{near})(?!\w)" if name.isascii() else near, text, re.IGNORECASE)
        own = W.entity_key(self.entity.name)
        if said is not None and NEGATED_RE.search(text[max(0, said.start() - 30) : said.start()]):
            said = None  # `flat, non-hierarchical tags`, `no nested comments`
        if said is None or any(c.name.startswith("parent") or W.entity_key(c.references or "") == own for c in self.entity.columns):
            return
        line, col = self._locate(said.group(0), start, end)
        self._add(InferredColumn(name="parent_id", type=None, required=False, references=self.entity.name), said.group(0), line, col)

    def _links_entities(self, items: list[str]) -> bool:
        """`linking user, deal/coupon, amount saved`: a list after a linking verb names an entity of the project,
        and no item goes on `to` or `across` something (`connects the workspace to Slack, GitHub`)."""
        linked = any(self._target(part) for i in items for part in _strip_parens(i).split("/"))
        return linked and not any(re.search(r"\s(?:to|across|between)\s", i) for i in items)

    def _target(self, words_text: str) -> str | None:
        """The entity named at the start of `words_text` (`a specific user` -> User), if any."""
        drop = set(W.words()["drop_words"]) | {"specific", "single", "one", "exactly", "given", "particular", "existing", "each"}
        tokens = words_text.split()
        while tokens and tokens[0].lower() in drop:
            tokens.pop(0)
        for size in range(min(len(tokens), 4), 0, -1):
            key = W.entity_key(" ".join(tokens[:size]))
            if key in self.targets:
                return self.targets[key]
        if len(tokens) > 1 and re.fullmatch(r"[a-z]{3,}(?:ed|ing)", tokens[0]):
            return self._target(" ".join(tokens[1:]))  # `a tracked project`, `the originating alert`: that entity
        if tokens and tokens[0][:1].isupper():
            return self._ending(tokens[0])  # `belonging to a Category` beside a PropertyCategory
        for size in (3, 2):  # `for a control lot` beside a QC Control Lot: two or more words that end its name
            if len(tokens) >= size and all(re.fullmatch(r"[a-z][a-z-]*", t) for t in tokens[:size]):
                found = self._ending(" ".join(tokens[:size]))
                if found is not None:
                    self.shortened[found] = " ".join(tokens[:size])  # the key is named as written: control_lot_id
                    return found
        return None

    def _ending(self, word: str) -> str | None:
        """The one entity (not this one) whose name ends with `word`: `tag` in `reference to tag` is the Sample
        Metadata Tag, when no other entity's name ends so."""
        tail = [W.singular(w) for w in W.snake(word).split("_") if w]
        ending = set()
        for name in self.targets.values():
            words = [W.singular(w) for w in W.snake(name).split("_") if w]  # whole words: `tag` does not end `Hashtag`
            if tail and len(words) > len(tail) and words[-len(tail) :] == tail:
                ending.add(W.entity_key(name))
        if len(ending) == 1 and next(iter(ending)) != W.entity_key(self.entity.name):
            return self.targets[next(iter(ending))]
        return None

    def _collective(self, items: list[str]) -> list[str]:
        """`Tracks uploaded files, storage paths/URLs, MIME types, and sizes` in File: a list that opens with the
        entity itself in the plural speaks of all its records, so the other plurals are each record's attribute
        (storage path, MIME type, size)."""
        head = _strip_parens(items[0]).lower().split() if items else []
        own = W.snake(self.entity.name).split("_")[-1]
        if len(items) < 3 or not head or head[-1] == own or W.singular(head[-1]) != own:
            return items
        out = []
        for item in items[1:]:
            words = item.split()
            if words and "(" not in item:
                words[-1] = "/".join(_singular_word(part) for part in words[-1].split("/"))  # `paths/URLs`
                words[:-1] = [_singular_word(w) if "/" in w else w for w in words[:-1]]
            out.append(" ".join(words))
        return out

    def _described_as_entity(self, description: str) -> str | None:
        """`The shopping list being accessed`, `The user who created it`: a field described as another entity of the
        spec, named whole and followed by a clause (not `The task's title`, `The project name`), so a key to it."""
        opening = re.match(r"^(?:the|a|an)\s+(?P<rest>.+)$", description.strip(), re.IGNORECASE)
        if opening is None:
            return None
        tokens = opening.group("rest").split()
        for size in range(min(4, len(tokens)), 0, -1):
            named = self.targets.get(W.entity_key(" ".join(tokens[:size]).rstrip(",.;:")))
            if named is None or W.entity_key(named) == W.entity_key(self.entity.name) or tokens[size - 1].endswith("'s"):
                continue
            after = tokens[size].lower() if size < len(tokens) else ""
            clause = after in (*W.words()["relative_pronouns"], *W.words()["function_words"], "being", "this", "in", "on", "at")
            if not after or tokens[size - 1][-1] in ",.;:" or clause or re.fullmatch(r"[a-z]{3,}ed", after):
                return named
            return None
        return None

    # ------------------------------------------------------------ nested bullets
    def read_nested(self, start: int, end: int) -> bool:
        text = " ".join(" ".join(self.lines[start:end]).split())
        text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", text)
        introduced = re.match(r"^\**(?P<label>[^:：*`]{1,40})\**\s*[:：]\**\s*(?=`)", text)
        if introduced and W.find(introduced.group("label").strip().lower(), W.words()["attribute_labels"]) is not None:
            text = text[introduced.end() :]  # `**New Attribute**: `priority` - enumerated ...`: the field it introduces
        spans = CODE_NAMES_LEAD_RE.match(text)
        if spans:
            # `` `city`, `state`, `postal_code` (Optional Strings) ``, `` `auth_user_id` (String) - The employee who ... ``:
            # fields in code spans, one parenthesis typing each, words after a dash describing them
            hint = spans.group("paren") or ""
            valued = re.fullmatch(r"(?i)\s*(?:enum|string|text|varchar)(?:\s*/\s*\w+)*\s*:\s*(?P<values>.+)", hint)
            hint = valued.group("values") if valued else re.sub(r"(?i)\b(string|timestamp|integer|boolean|date)s\b", r"\1", hint)
            said = (spans.group("rest") or "").strip()
            names = re.findall(r"`([^`]+)`", spans.group("names"))
            quoted = _quoted(said)
            if not hint and len(names) == 1 and len(quoted) >= 2 and re.search(r"(?i)\benum|\bone\s+of\b|\beither\b", said):
                hint = ", ".join(quoted)  # `` `priority` - enumerated string value: "high", "medium", or "low" ``
            if len(names) >= 2 and not hint and W.find(said, W.words()["value_list_words"]):
                return False  # `` `pending`, `paid`, `shipped` - the states an order moves through ``: values, no fields
            keyed = re.search(r"(?i)\bFK\b|foreign\s+key|references?\b", hint)
            linked = re.search(
                r"(?i)(?:link(?:s|ed)?\s+to|references?|refers\s+to|points?\s+(?:at|to)|FK\s*(?:to|→|->)|→|->)\s*`([^`]+)`", said
            )
            target = self._target(linked.group(1)) if keyed and linked else None
            for name in names:
                self._item(f"{name} ({hint})" if hint else name, start, end, description=said)
                column = next((c for c in self.entity.columns if c.name == W.snake(name)), None)
                if target is not None and column is not None and column.references is None:
                    column.references = target  # `` `order_id` (UUID, FK) - Link to `res_orders` ``
            return True
        # (a colon inside parentheses is the hint's: `Category name (string: "Wide Release", ...)` is one field)
        masked = re.match(r"^\**(?P<label>[^:：*]{1,60})\**\s*[:：]\**\s*(?P<rest>.*)$", _mask_parens(text))
        if masked:
            said_label, said_rest = text[masked.start("label") : masked.end("label")], text[masked.start("rest") :]
            name = said_label.strip().lower()
            if W.find(name, W.words()["attribute_labels"]) is not None:
                for item in _split_list(said_rest.rstrip(".")):
                    self._item(item, start, end)
                return True
            if "relation" in name or "relacion" in name or "relação" in name:
                self._relationships(said_rest, start, end)
                return False
            raw_label = said_label.strip().strip("`")
            if self._group_list(raw_label, said_rest, start, end):
                return True  # `Location: Country, state/province, city, street address, postal code`
            named = CODE_NAME_RE.match(raw_label) or re.fullmatch(r"[^\W\d][\w'-]*(?: [^\W\d][\w'-]*){1,3}", raw_label)
            if named and "(" not in raw_label and raw_label.lower() not in W.words()["note_labels"]:
                # `**createdAt**: Account creation timestamp`, `**Archived At**: Timestamp when ...`: a field, described
                rest = said_rest
                hints = " ".join(f"({h})" for h in re.findall(r"\(([^()]*)\)", rest))
                listed = W.hint_values(rest) if "(" not in rest else []
                if len(listed) >= 2:  # `Status: draft, sent, paid, overdue`
                    return self._item(f"{raw_label} ({', '.join(listed)})", start, end, description=_describe(rest))
                held = self._described_as_entity(rest)
                if held is not None:  # `**List**: The shopping list being accessed`: a key to that entity
                    return self._item(f"{raw_label} ({held})", start, end, description=_describe(rest))
                lead = " ".join(re.findall(r"[\w-]+", _strip_parens(rest))[:4])  # `Boolean indicating ...`, `1-200 character text`
                opening = W.type_in_words(rest, opening=True)
                if opening is not None:  # `Whether the condition passed`, `When the event was emitted`
                    hints = f"{hints} ({opening})".strip()
                return self._item(f"{raw_label} ({lead}) {hints}".strip(), start, end, description=_describe(rest))
            typed = re.fullmatch(r"(?P<name>[^\W\d][\w'-]*(?: [^\W\d][\w'-]*){0,3})\s*\((?P<type>[^()]+)\)", raw_label)
            if typed and typed.group("name").lower() not in W.words()["note_labels"]:
                # `Status (enum): Either "incomplete" or "complete"`, `CreatedAt (UTC timestamp): When ...`: name, type, text
                rest = said_rest
                quoted = _quoted(rest)
                if re.search(r"\benum\b", typed.group("type"), re.IGNORECASE) and len(quoted) >= 2:
                    return self._item(f"{typed.group('name')} ({', '.join(quoted)})", start, end, description=_describe(rest))
                return self._item(f"{typed.group('name')} ({typed.group('type')})", start, end, description=_describe(rest))
            return False
        if re.match(r"^(represents|a |an |the |each |this |it |stores |contains )", text, re.IGNORECASE):
            return False
        subject = re.match(
            rf"^`?(?P<name>[^`\s]+(?:\s[^`\s]+){{0,2}}?)`?\s+{W.alternation('entity_sentence_verbs')}\b(?=\s*\S)", text, re.IGNORECASE
        )
        if subject and W.entity_key(subject.group("name")) in self.targets:
            return False  # `` `WINE` references exactly one `PRODUCER`. ``: a sentence about an entity, not a field
        text = re.sub(r"(?i)(?<=\w)\s+references$", " reference", text)  # `User references`: a key to User, as `User reference`
        two_moments = re.fullmatch(r"\s*[^\W\d][\w-]*\s*/\s*[^\W\d][\w-]*\s+(?P<head>[^\W\d][\w-]*)\s*", text)
        moment_head = two_moments is not None and _singular_word(two_moments.group("head")).lower() in (
            *W.words()["moment_words"]["nouns"],
            "date",
        )
        shared = _shared_heads([text]) if moment_head else [text]
        if len(shared) > 1:  # `Created/Updated timestamps`: two moments, two columns (not `Active/Inactive statuses`)
            added = [self._item(item, start, end) for item in shared]  # (each one read: no short circuit)
            return any(added)
        return self._item(text, start, end)

    def sentence_item(self, start: int, end: int) -> bool:
        """A nested bullet that is a sentence about the entity (`An opaque secret resource owned by exactly one
        workspace.`, `Identified by a workspace-scoped name and metadata.`), not a field: no label, no code, a
        capital letter and a full stop, and more words than a field's name has."""
        text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", " ".join(" ".join(self.lines[start:end]).split()))
        return (
            re.fullmatch(r"[A-Z][^:：`*|]*[.。]", text) is not None
            and SENTENCE_ITEM_RE.match(text) is not None
            and len(text.split()) > MAX_WORDS
            and not re.match(r"^[^\s(]+(?:\s[^\s(]+){0,3}\s*\(", text)  # `Status (enum) must be ...`: a field, typed
        )

    def _group_list(self, label: str, rest: str, start: int, end: int) -> bool:
        """`- Identity: Unique identifier, official name, alternate names, website URL`: a one-word group label over a
        list of attribute names (several of them phrases), not a field described. A field's own name (`Status:
        draft, sent, paid`), numbers or constraint words (`Title: max 200 chars, required`) are no such list."""
        from compiler.frontend.markdown import NOT_ENTITY_HEADING_RE, PROSE_SECTION_RE

        if not re.fullmatch(r"[^\W\d][\w-]*", label) or W.type_from_name(W.snake(label)) is not None:
            return False
        if PROSE_SECTION_RE.search(label) or NOT_ENTITY_HEADING_RE.search(label) or label.lower() in W.words()["note_labels"]:
            return False  # `Lifecycle: created on sign-in, refreshed ...`: a statement, not names
        items = [i for i in _split_list(rest.rstrip(".")) if i.strip()]
        if len(items) < 3:
            return False
        plain = [_strip_parens(i).strip() for i in items]
        constraint = [*W.words()["required"], *W.words()["optional"], "max", "min", "chars", "characters"]
        bare_unique = [p for p in plain if p.lower() in W.words()["unique"]]  # `unique` alone: a constraint; `unique identifier` is the id
        if bare_unique or any(re.search(r"\d", p) or W.find(p, constraint) is not None or len(p.split()) > MAX_WORDS for p in plain):
            return False
        if sum(len(p.split()) >= 2 for p in plain) == 0:
            return False
        function_words = set(W.words()["function_words"])
        if any(set(p.lower().split()[1:]) & function_words for p in plain):
            return False  # `created on sign-in`, `destroyed after use`: clauses
        for item in items:
            self._item(item, start, end)
        return True

    # ------------------------------------------------------------ one attribute phrase
    def _item(self, raw: str, start: int, end: int, description: str = "", verbatim: bool = False, type_said: str = "") -> bool:
        """One attribute said in prose. `verbatim`: its name is written in code, and stays as written (`done`, not the
        alias `completed`). `type_said`: its type, which words around the item say (a CJK gloss)."""
        artifact = ARTIFACT_RE.match(raw)
        if artifact:  # `table `client``, `model `app/Models/Client.php``: where it is written down, not an attribute
            if artifact.group("label").lower() == "table" and self.entity.table is None and SQL_NAME_RE.match(artifact.group("name")):
                self.entity.table = artifact.group("name")
            return False
        if FILE_PATH_RE.search(_strip_parens(raw)):
            return False  # `requests `app/Http/Requests/StoreFilterRequest.php``, whatever the word before it: a file
        glossed = CJK_GLOSSED_CODE_RE.fullmatch(raw.strip().strip("*_ ").rstrip(".。"))
        if glossed and not verbatim and glossed.group("names").count("`") == 2:  # `成本（`cost_usd`）` in a list: that field
            return self._coded_item(glossed.group("names").strip("`"), glossed.group("gloss"), False, start, end)
        raw = raw.strip().strip("*`_ ").rstrip(".。").translate(_FULL_WIDTH)  # `密码（加密存储）`: a gloss, as `(...)`
        if not raw:
            return False
        coded = CODE_COLON_ITEM_RE.match(raw)
        if coded and coded.group("name") in W.words()["note_labels"]:
            return False  # `note: dates are inclusive`: a remark in the list
        if coded and "(" not in raw:  # `stripe_fee: frais Stripe déduits`, `status: pending/succeeded/failed`
            raw = f"{coded.group('name')} ({coded.group('hint').strip()})"
        # each parenthesis (or bracket: `Type [RSS, X, LinkedIn]`): one may list the values
        groups = [a or b for a, b in re.findall(r"\(([^()]*)\)|\[([^\[\]]+)\]", LINK_RE.sub(r"\1", raw))]
        hints = " ".join(groups)
        bold = re.findall(r"\*\*([^*]{1,40})\*\*", hints)
        if len(bold) >= 2:
            hints = ", ".join(b.strip() for b in bold)  # `status (**open** — being filled / **applied** / ...)`: the values
        phrase = _strip_parens(raw)
        phrase = RELATIVE_CLAUSE_RE.sub("", phrase)  # `the cashier who opened it`, `an end time that is absent ...`
        formatted = linear_re.search(r"\s+(?:in|as)\s+(?:an?\s+)?([\w-]+)(?:\s+(?:format|form|string|value))?$", phrase, re.IGNORECASE)
        if formatted and canonical_type(formatted.group(1)).confident and len(phrase[: formatted.start()].split()) >= 1:
            hints = f"{hints} {formatted.group(1)}".strip()  # `task configuration in JSONB format`: the type, then the name
            phrase = phrase[: formatted.start()]
        phrase = ARTICLE_RE.sub("", phrase)  # `a name`, `the opening amount`
        flag = FLAG_SAID_RE.match(phrase)
        if flag:  # `flag indicating whether it's a sample pack`, `... whether the email is verified`: the switch
            subject = flag.group("subject")
            itself = subject is not None and W.entity_key(subject) in {W.entity_key(w) for w in W.snake(self.entity.name).split("_")}
            phrase, hints = (
                (f"{subject} {flag.group('what')}" if subject and not itself else flag.group("what")),
                f"{hints} boolean".strip(),
            )
        whether = WHETHER_RE.match(phrase)
        fillers = set(W.words()["flag_fillers"])
        word = (whether.group("word") or whether.group("word2")).lower() if whether else ""
        if word and word not in fillers:  # `whether it was inherited from parent`: is_inherited, a flag
            phrase, hints = f"is {word}", f"{hints} boolean".strip()
        valued = re.match(r"^(?P<values>[A-Za-z][\w-]*(?:\s*/\s*[A-Za-z][\w-]*)+)\s+(?P<rest>\w.*)$", phrase)
        status_like = valued and (by := W.type_from_name(W.snake(valued.group("rest")))) is not None and by[0] == "string(50)"
        if valued and status_like:  # `Pending/Paid payment status`: its values, then its name (`open/close times` are two)
            hints = f"{hints} ({valued.group('values')})".strip()
            phrase = valued.group("rest")
        trailing_values = re.fullmatch(
            r"(?P<name>[^\W\d][\w'’-]*(?:\s+[^\W\d][\w'’-]*)?)\s+(?P<values>[^\W_][\w-]*(?:\s*/\s*[^\W_][\w-]*)+)", phrase.strip()
        )
        if trailing_values and any((W.type_from_name(v.strip()) or ("", False))[1] for v in trailing_values.group("values").split("/")):
            trailing_values = None  # `category name/slug`: two fields of the category, no values
        if trailing_values and (
            W.status_like(W.snake(trailing_values.group("name")))
            or W.find(trailing_values.group("name"), [*W.words()["valued_attributes"], *W.words()["current_states"]])
        ):
            # `type B2B/B2C`, `statut actif/expiré/révoqué`, `provider Google/Outlook`: the attribute, then its values
            hints = f"{hints} ({trailing_values.group('values')})".strip()
            phrase = trailing_values.group("name")
        alternatives = re.fullmatch(r"(?P<first>[^\W\d][\w-]*)\s*/\s*[^\W\d][\w-]*", phrase.strip())
        either = [self._target(w) for w in phrase.split("/")] if alternatives else []
        own = W.entity_key(self.entity.name)
        if len(either) == 2 and all(t and W.entity_key(t) != own for t in either) and either[0] != either[1]:
            line, col = self._locate(phrase.strip(), start, end)
            for target in either:  # `deal/coupon` with a Deal and a Coupon: a key to either, each optional
                self._add(InferredColumn(name=W.snake(target) + "_id", type=None, required=False, references=target), raw, line, col)
            return True
        if alternatives:  # `name/title`, `success/failure`: one attribute, named by its first word
            phrase = alternatives.group("first")
        if RELATIONSHIP_WORDS_RE.search(phrase):
            return False  # `recipes through a many-to-many relationship`: a relationship, said in a list
        collection = COLLECTION_OF_RE.search(hints)
        target = self._target(collection.group("what")) if collection else None
        if target is not None and W.entity_key(target) != W.entity_key(self.entity.name):
            # `Releases (array of Movie Release objects)`: the other side of a one-to-many, a key in each of them
            line, col = self._locate(raw.split("(")[0].strip()[:40] or raw[:40], start, end)
            span = self._span(line, col, len(raw.split("(")[0].strip()) or 1)
            self.relations.append(Relation("has_many", target, None, Evidence(span, "prose", raw[:200])))
            return False
        if len(phrase.split()) > 1 and W.find(phrase, W.words()["computed"]):
            line, col = self._locate(phrase.split()[0], start, end)
            self.diags.report("W302", f"'{phrase}' is computed, not stored; left out", self._span(line, col, len(phrase)))
            return False  # `financial totals computed in domain`
        phrase = re.sub(
            r"^[a-z]+-scoped\s+(?=\S)", "", phrase
        )  # `workspace-scoped name`: a name (a `provider-specific user ID` is its own)
        # `user-defined name`, `a short LLM-generated rationale`: the qualifiers go, however many
        phrase = re.sub(rf"^(?:{W.alternation('attribute_qualifiers')}\s+)+(?=\S)", "", phrase, flags=re.IGNORECASE)
        counted = COUNT_OF_RE.match(phrase)
        if counted:  # `the count of news items analysed`, `number of seats`: news_item_count, seat_count
            words = counted.group("what").split()
            phrase = " ".join([*words[:-1], W.singular(words[-1]), "count"])
        own = r"\s+".join(re.escape(w) for w in W.snake(self.entity.name).split("_") if w)
        phrase = re.sub(rf"^(?:{W.alternation('possessives')}|{own}['’]s)\s+(?=\S)", "", phrase, flags=re.IGNORECASE)  # `its venue`
        last = re.escape(W.snake(self.entity.name).split("_")[-1])
        phrase = re.sub(rf"^current\s+(?={W.alternation('current_states')}$)", "", phrase, flags=re.IGNORECASE)
        # `tag name` of a Sample Metadata Tag: its name
        phrase = re.sub(rf"^{last}\s+(?={W.alternation('own_prefixed_fields')}$)", "", phrase, flags=re.IGNORECASE)
        phrase = re.sub(r"(?<=\w\s)\s*`?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+`?$", "", phrase.strip())  # `event type `CSV_IMPORT``: a value
        phrase = re.sub(r"\[\]$", "", phrase.strip("`* ")).strip()
        phrase = _without_type_tail(phrase)  # `token string`, `description text`
        array = raw.rstrip().endswith("[]") or "[]" in raw.split("(")[0]
        if not phrase or len(phrase.split()) > MAX_WORDS or not re.search(r"\w", phrase):
            return False
        words = phrase.lower().split()
        if len(words) > 1 and words[0] in {*W.words()["function_words"], *W.words()["conditions"]} - {"is", "are", "it"}:
            return False  # `when applicable`, `cuando aplica`, `to its interface`: a clause, not a field's name
        clause_words = {*W.words()["function_words"], *W.words()["clause_prepositions"]}
        unitless = re.sub(rf"\s+in\s+{W.alternation('unit_words')}$", "", phrase.lower()).split()  # `time spent in minutes`
        if len(words) >= 4 and set(unitless) & clause_words and not REFERENCE_HEAD_RE.match(phrase):
            return False  # `linking to Location entities`: a clause, not an attribute name (`reference to stock item` is one)
        line, col = self._locate(raw.split("(")[0].strip()[:40] or raw[:40], start, end)
        required, unique = None, False
        aliases = {} if verbatim else W.words()["column_aliases"]
        if self.head_first and not verbatim and phrase.lower() not in aliases:
            phrase = _translated(phrase) or phrase  # `nama penerima` -> `recipient name`
        lower = phrase.lower()
        name = aliases.get(lower)
        reference = None
        if name is None:
            kept = []
            for token in phrase.split():
                if W.find(token, W.words()["required"]) and token.lower() not in ("must",):
                    required = True
                elif W.find(token, W.words()["optional"]):
                    required = False
                elif W.find(token, W.words()["unique"]) and len(phrase.split()) > 1:
                    unique = True
                else:
                    kept.append(token)
            phrase = " ".join(kept) or phrase
            lower = phrase.lower()
            name = aliases.get(lower)
        if name is None:
            # `chef reference`, `owning session reference`, `associated project identifier`: a key, even to an entity
            # nobody declares
            tail = QUALIFIED_KEY_RE.match(phrase) or REFERENCE_TAIL_RE.match(phrase)
            head = REFERENCE_HEAD_RE.match(phrase)  # `owning user`: a key only when it names an entity (`parent email` is no key)
            ref = tail or (head if head and (self._target(head.group("target")) or _undeclared_key(head)) else None)
            if ref:
                target = self._target(ref.group("target"))
                written = None
                if target is None and ref is head and head.group("explicit"):
                    target = self._ending(ref.group("target"))  # `reference to tag` with a Sample Metadata Tag: tag_id
                    written = ref.group("target") if target else None
                reference = target
                named = written or (target if target else ref.group("target"))
                name = re.sub(r"(?:_id)?$", "_id", W.snake(named), count=1)  # `DeletedById reference`
                if head is ref and target and W.entity_key(target) == W.entity_key(self.entity.name):
                    name = W.snake(phrase.split()[0]) + "_id"  # `parent category` in Category: parent_id, not category_id
                if target is None:
                    self.diags.report(
                        "W304",
                        f"'{raw}' refers to '{ref.group('target')}', which no spec declares; kept as a plain column",
                        self._span(line, col, len(phrase)),
                    )
        in_parens = self.targets.get(W.entity_key(hints)) if hints.strip() else None
        if name is None and in_parens is not None and W.entity_key(in_parens) != W.entity_key(self.entity.name):
            reference = in_parens  # `owner (Customer)`, `assignee (Agent)`: a key to the entity in parentheses
            name = re.sub(r"(?:_id)?$", "_id", W.snake(phrase), count=1)
        if name is None and len(phrase.split()) <= 3:
            # `the cash drawer` with a Cash Drawer entity, `customer` with a Customer Profile: a key to it
            named = self.targets.get(W.entity_key(phrase)) or self._facet_of(phrase)
            last = phrase.split()[-1]
            if named is not None and last.lower() != W.singular(last.lower()) and not named.lower().endswith(last.lower()):
                return False  # `UserCourseEnrollments`, `lessons`: a collection of that entity, not a column here
            if named is not None and W.entity_key(named) != W.entity_key(self.entity.name):
                reference, name = named, W.snake(named) + "_id"
        if name is None:
            name = _moment_name(phrase) or W.snake(phrase)
            name = re.sub(r"^(?:\d+_(?:digit|char|character|letter)s?_)", "", name)  # `4-digit code` -> code
        if not name or not re.match(r"^[^\W\d]\w*$", name):
            return False
        if not name.isascii():
            name = _fold_latin(name)  # `número` -> numero: a Latin-script word keeps its letters
        if not name.isascii():
            name = _cjk_compound(phrase, self.entity.name) or name  # `ファイル名` -> file_name, `文書ID` in 文書 -> id
        if not name.isascii():
            # `캐시 용량`, `校验规则`: no column name a database would take from it; said, not guessed
            self.diags.report(
                "W302", f"'{phrase}' has no English column name in data/words.json; left out", self._span(line, col, len(phrase))
            )
            return False
        name = re.sub(r"_at_(?:timestamp|time|date|datetime)$", "_at", name)  # `deleted at timestamp`
        own_head = W.snake(self.entity.name).split("_")[-1]
        participles = {v for v in W.words()["moment_words"]["verbs"].values() if re.fullmatch(r"[a-z]+", v)}
        if reference is None and name.startswith(f"{own_head}_") and name.endswith("_at") and name[len(own_head) + 1 : -3] in participles:
            name = name[len(own_head) + 1 :]  # `Session Created timestamp` in Authentication Session: its own created_at
        if name.endswith("_identifier") and name != "_identifier":
            name = name[: -len("identifier")] + "id"  # `source module identifier`
        elif name.endswith("_identifiers"):
            name, array = name[: -len("identifiers")] + "ids", True  # `approved blockchain identifiers`: a list of ids
        # `user ID` in User, `document ID` in Knowledge Base Document: its key, as named, no key to another
        own_key = reference is None and self._own_id(name)
        flag = re.fullmatch(r"(?:is_)?(\w+?)_(?:flag|status|indicator)", name)
        done = W.words()["moment_words"]["verbs"].get(flag.group(1), "") if flag else ""
        if flag and "_" not in flag.group(1) and (flag.group(1).endswith("ed") or flag.group(1) in W.words()["state_adjectives"]):
            name = f"is_{flag.group(1)}"  # `archived status`, `premium flag`: a yes/no column
        elif flag and re.fullmatch(r"[a-z]+ed", done) and name.endswith("_flag"):
            name = f"is_{done}"  # `archive flag`, `deletion flag`: is_archived, is_deleted
        if name == "timestamps" or lower.startswith("timestamps "):
            for column in ("created_at", "updated_at"):
                self._add(InferredColumn(name=column, type="timestamp", required=True), raw, line, col)
            return True
        compound = W.words()["compound_fields"].get(lower)
        if compound:  # `dimensions`: a width and a height
            for column, type_text in compound:
                self._add(InferredColumn(name=column, type=type_text, required=required), raw, line, col)
            return True
        column = InferredColumn(
            name=name,
            type=None,
            required=True if own_key else required,
            unique=unique,
            primary_key=own_key,
            references=reference,
            description=description or (_describe(raw) if "(" in raw else ""),
        )
        self._type(column, phrase, hints, array, groups, type_said)
        if hints:
            flags = hints.lower()
            if W.find(flags, W.words()["optional"]):
                column.required = False
            elif W.find(flags, W.words()["required"]):
                column.required = True
            if W.find(flags, W.words()["unique"]):
                column.unique = True
        self._add(column, raw, line, col)
        return True

    def _own_id(self, name: str) -> bool:
        """`user_id` in User, `service_id` in Service Principal: the entity's own identifier, named by its name,
        its last word or its first; a word that names another entity (`task_id` in Task Run) is a key to that."""
        if not name.endswith("_id"):
            return False
        own = [w for w in W.snake(self.entity.name).split("_") if w]
        said = name[: -len("_id")]
        if not own or said not in {"_".join(own), own[0], own[-1]}:
            return False
        other = self.targets.get(W.entity_key(said))
        return other is None or W.entity_key(other) == W.entity_key(self.entity.name)

    def _type(self, column: InferredColumn, phrase: str, hints: str, array: bool, groups: list[str], type_said: str = "") -> None:
        by_name = W.type_from_name(column.name)
        hinted = type_said or None
        value_list = bool(re.search(r"/|\bor\b", hints))  # `(email/password or google.com)`: values, not a type
        for word in [] if value_list or hinted else re.split(r"[\s,:;]+", hints):
            guess = canonical_type(word, column=column.name) if word and word[0].isalpha() and word.lower() not in _NOT_TYPES else None
            if guess is not None and guess.type and guess.confident:
                hinted = guess.type
                break
        numeric_range = re.fullmatch(r"\s*\(?\s*-?\d+(?P<a>\.\d+)?\s*(?:[–—-]|to|\.\.)\s*-?\d+(?P<b>\.\d+)?\s*\)?\s*", hints)
        if numeric_range and not hinted:  # `a confidence value (0.0–1.0)`, `score (0-100)`: a number in that range
            hinted = "double" if numeric_range.group("a") or numeric_range.group("b") else "integer"
        if re.search(r"\b(numeric|integer|sequential|auto-increment|auto-incremented)\b", f"{phrase} {hints}", re.IGNORECASE) and (
            column.name == "id" or column.name.endswith("_number")
        ):
            hinted = "integer"
        plain_hint = re.sub(r"[(),;]", " ", hints)
        if hinted is None and re.search(r"\bnumber\b", plain_hint, re.IGNORECASE) and W.has(plain_hint, "integer_hints"):
            hinted = "integer"  # `Runtime (number in minutes)`: a count of minutes
        if hinted == "text" and by_name and re.fullmatch(r"date|timestamptz?", by_name[0]) and DATE_TEXT_RE.search(plain_hint):
            hinted = by_name[0]  # `Release date (ISO date string)`: a date, written as text in JSON
        if hinted in (None, "text") and TEXT_ARRAY_RE.search(plain_hint):
            hinted = "text[]"  # `Cast (array of actor names)`: several names, each a string
        values = W.hint_values(hints)
        if all(is_modifier(v) or canonical_type(v).confident for v in values):
            values = []  # `(unique, auto-generated)`, `(string, required)`: how the column is kept, not its values
        elif any(is_modifier(v) for v in values):
            values = []  # `(minutes, optional)`: a unit and a modifier, not two values
        quoted = _quoted(hints)
        if len(quoted) >= 2:
            values = quoted  # `(text: "Project Documents", "Team Resources", ...)`
        elif not (values and all(len(v.split()) <= 2 for v in values)):
            # several parentheses: `(50 max) ... (Project Documents, Team Resources, Other)`, the one that lists values
            for group in groups:
                listed = W.hint_values(group)
                if len(listed) >= 3 and all(len(v.split()) <= 2 and not is_modifier(v) for v in listed):
                    values = listed
                    break
        if values and (W.status_like(column.name) or by_name is None) and len(values) >= 2 and all(len(v.split()) <= 2 for v in values):
            column.type = "enum(" + ", ".join(_enum_value(v) for v in values) + ")"
            if _is_plural(column.name.split("_")[-1]):
                column.type = "text[]"  # `roles (administrator, auditor, member)`: several of those values, not one
            return
        limit = max_length(hints) if hints else None
        if hinted and not (hinted == "text" and by_name and by_name[0].startswith("string")):
            column.type = hinted
        elif by_name is not None:
            column.type, column.confident = by_name[0], by_name[1]
        else:
            column.type, column.confident = "text", False
        if array and column.type and not column.type.endswith("[]") and not column.type.startswith("enum"):
            column.type, column.confident = "jsonb", False
        if limit and column.type in ("text",) or (limit and column.type and column.type.startswith("string(")):
            column.type = f"string({limit})"

    def _add(self, column: InferredColumn, raw: str, line: int, col: int) -> None:
        span = self._span(line, col, len(raw.split("(")[0].strip()) or 1)
        column.evidence.append(Evidence(span, "prose", raw[:300]))
        if column.type is None and column.references is None:
            return
        existing = next((c for c in self.entity.columns if c.name == column.name), None)
        if existing is not None:
            existing.evidence.extend(column.evidence)
            return
        if not column.confident:
            self.diags.report("W301", f"'{raw[:80]}' typed {column.type} from its words; check it", span)
        self.entity.columns.append(column)


_NOT_TYPES = {
    "for",
    "from",
    "the",
    "a",
    "an",
    "and",
    "or",
    "to",
    "of",
    "in",
    "on",
    "by",
    "per",
    "if",
    "only",
    "can",
    "be",
    "is",
    "date",
    "time",
    "key",
    "push",
    "local",
    "set",
    "id",
}


def _enum_value(value: str) -> str:
    value = value.strip()
    if re.fullmatch(r"[^\W\d][\w]*", value):
        return value
    return "'" + value.replace("'", "") + "'"


def _gloss_type(gloss: str) -> str:
    """The type a CJK gloss of a field named in code says (`成本（`cost_usd`）`: a cost; `（截止日期，可为空）`: a date), or
    ''. A gloss read as a name whose type is sure, else one that ends with a type's word (`…日期`)."""
    for piece in re.split(r"[,，、;；]", gloss):
        piece = piece.strip()
        named = _cjk_compound(piece, "") if piece else None
        by_name = W.type_from_name(named) if named else None
        if by_name and by_name[1]:
            return by_name[0]
        said = next((t for word, t in _cjk_type_words() if piece.endswith(word)), None)
        if said:
            return said
    return ""


@lru_cache(maxsize=1)
def _cjk_type_words() -> list[tuple[str, str]]:
    """The type names of data/types.json written in CJK (`日期`, `時間戳`), longest first."""
    return sorted(((w, canonical_type(w).type or "") for w in type_names() if W._is_cjk(w)), key=lambda p: -len(p[0]))


def _cjk_compound(phrase: str, entity: str) -> str | None:
    """A Japanese or Chinese attribute name read part by part (data/words.json `cjk_morphemes`), or None when a
    part is unknown. The entity's own name, or its end, at the start is dropped: `文書ID` in 文書 is its id,
    `条件名` in 保存された検索条件 its name."""
    parts = W.words()["cjk_morphemes"]
    longest = max(map(len, parts))
    text = "".join(phrase.split())
    own = linear_re.sub(r"\s*[(（].*$", "", entity).strip()
    for start in range(len(own)):
        if len(own) - start >= 2 and text.startswith(own[start:]) and len(text) > len(own) - start:
            text = text[len(own) - start :]
            break
    tokens, i = [], 0
    while i < len(text):
        size = next((n for n in range(min(longest, len(text) - i), 0, -1) if text[i : i + n] in parts), 0)
        if not size:
            return None
        tokens.append(parts[text[i : i + size]])
        i += size
    tokens = [t for t in tokens if t]
    if not tokens:
        return None
    if tokens[-1] == "at" and len(tokens) > 1:
        return "_".join(tokens[:-1]) + "_at"  # `削除日時` -> deleted_at
    return "_".join(tokens)


def _fold_latin(name: str) -> str:
    """`número` -> `numero`, `état` -> `etat`; a name in another script is returned as it is."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    folded = folded.replace("ł", "l").replace("ß", "ss").replace("ø", "o").replace("đ", "d").replace("ı", "i")
    return folded if folded.isascii() else name


def _head_first(lines: list[str]) -> bool:
    """Whether an entity's text is in a language that puts the head noun first: two of its little words
    (`de`, `yang`, `untuk`, `z`...: data/words.json `head_first_words.cues`) or three words of its dictionary."""
    cues = set(W.words()["head_first_words"]["cues"])
    words = re.findall(r"[^\W\d_]+", " ".join(lines).lower())
    lookalikes = set(W.words()["head_first_words"]["english_lookalikes"])
    known = {_fold_latin(w) for w in words} & _head_first_dictionary()[1].keys() - lookalikes
    return sum(w in cues for w in words) >= 2 or len(known) >= 3  # `nama penerima, nomor telepon, alamat lengkap`


def _translated(phrase: str) -> str | None:
    """A phrase in a language that puts the head noun first (Spanish, Portuguese, French, Italian, Indonesian,
    Polish), word by word in English and head last: `nama penerima` -> `recipient name`, `número de teléfono` ->
    `phone number`, `status banned` -> `banned status` (data/words.json `head_first_words`). None unless one word is
    in the dictionary and the others are spelled as in English."""
    connectors, dictionary = _head_first_dictionary()
    written = W.words()["head_first_words"]["words"]  # (`généré`, generated, before `género` folded alike, gender)
    words = [(w, _fold_latin(w)) for w in re.split(r"[\s'’]+", phrase.lower()) if w]
    cuts = _clause_cuts()
    cut = next((n for n, (_, folded) in enumerate(words) if n and folded in cuts), None)
    after = cuts[words[cut][1]] if cut is not None else ""
    words = words[:cut]  # `solde restant après transaction`: the remaining balance after; `solde avant ...`: before
    kept = [(w, folded) for w, folded in words if folded not in connectors]
    english = [written.get(w) or dictionary.get(folded) for w, folded in kept]
    if not any(english) or not all(e or folded.isascii() for e, (_, folded) in zip(english, kept, strict=True)):
        return None
    # a word the dictionary leaves out is spelled as in English (`status`, `url`, `flag`): kept, in its place
    head_last = " ".join(reversed([e or folded for e, (_, folded) in zip(english, kept, strict=True)])).replace("_", " ")
    return f"{head_last} {after}".strip()


@lru_cache(maxsize=1)
def _clause_cuts() -> dict[str, str]:
    """`head_first_words.clause_cuts`, accents dropped: the word that opens a time clause -> its English."""
    return {_fold_latin(c): english for c, english in W.words()["head_first_words"]["clause_cuts"].items()}


@lru_cache(maxsize=1)
def _head_first_dictionary() -> tuple[frozenset[str], dict[str, str]]:
    """The connectors and words of `head_first_words`, accents dropped (specs often write `numero`, `descripcion`)."""
    data = W.words()["head_first_words"]
    return frozenset(_fold_latin(c) for c in data["connectors"]), {_fold_latin(k): v for k, v in data["words"].items()}


def _without_type_tail(phrase: str) -> str:
    """`token string` -> `token`, `rate value` -> `rate`; `alt text` and `default value` stay (data/words.json `type_tails`)."""
    words = phrase.split()
    if len(words) >= 2 and words[-1].lower() in W.words()["type_tails"] and words[-2].lower() not in W.words()["type_tail_keepers"]:
        return " ".join(words[:-1])
    return phrase


def _quoted(text: str) -> list[str]:
    return ["".join(groups) for groups in QUOTED_RE.findall(text)]


def _undeclared_key(head: re.Match) -> bool:
    """`associated project`, `linked account` with no such entity declared: still a key, to a table outside the
    specs (W304), unless the word after the qualifier is a value (`associated email`, `related articles`)."""
    words = head.group(0).split()
    target = head.group("target")
    return (
        (words[0].lower() in ("owning", "associated", "linked") or head.group("explicit") is not None)
        and len(target.split()) == 1
        and W.singular(target.lower()) == target.lower()
        and W.type_from_name(W.snake(target)) is None
    )


def _moment_name(phrase: str) -> str | None:
    """`earned timestamp` -> earned_at, `deletion timestamp` -> deleted_at, `last access timestamp` -> last_accessed_at
    (data/words.json `moment_words`)."""
    words = phrase.lower().split()
    if "-" in phrase and len(words) < 3:
        hyphened = _moment_name(phrase.replace("-", " "))  # `last-updated timestamp`
        if hyphened is not None:
            return hyphened
    if len(words) == 3 and words[0] == "last":
        inner = _moment_name(" ".join(words[1:]))
        if inner is None and words[2] == "timestamp" and re.fullmatch(r"[a-z]+", words[1]):
            return f"last_{words[1]}_at"  # `last success timestamp`: the last time it succeeded
        if inner is None or inner.startswith("last_") or inner.removesuffix("_at") in W.words()["moment_words"]["last_plain"]:
            return inner  # `last updated timestamp`: updated_at; `last login time`: last_login_at
        return f"last_{inner}"
    if 3 <= len(words) <= 4 and words[-1] == "timestamp" and re.fullmatch(r"[a-z]+ed", words[-2]) and all(w.isalpha() for w in words):
        return "_".join(words[:-1]) + "_at"  # `info last updated timestamp`: info_last_updated_at
    if len(words) >= 2 and words[-1] == "date" and re.fullmatch(r"[a-z]+ed", words[-2]) and len(words) <= 3:
        return "_".join(words[:-1]) + "_at"  # `registered date`, `last verified date`: the moment it happened
    if len(words) != 2 or words[1] not in W.words()["moment_words"]["nouns"]:
        return None
    if words[0].endswith("_at"):
        return words[0]  # `created_at timestamp`
    verb = W.words()["moment_words"]["verbs"].get(words[0])
    if verb is None and re.fullmatch(r"[a-z]+ed", words[0]):
        verb = words[0]
    return f"{verb}_at" if verb else None


def _added_item(added: re.Match) -> str:
    """The attribute a change note adds (`ADDED_FIELD_RE`), as a list item: `color (optional)`, `meal plan reference`."""
    optional = " (optional)" if added.group("opt") and added.group("opt").lower() != "required" else ""
    if added.group("target"):
        return f"{added.group('target')} reference{optional}"
    name = (added.group("quoted") or added.group("plain") or added.group("after")).split("/")[0]
    return f"{name}{optional}"


def _names_a_thing(item: str) -> bool:
    """`a workspace-scoped name`, `its GitHub username`: a noun phrase of up to three words, no number or clause."""
    words = ARTICLE_RE.sub("", _strip_parens(item).strip()).lower().split()
    closed = {*W.words()["function_words"], *W.words()["clause_prepositions"]} - {"a"}
    return 0 < len(words) <= 3 and not re.search(r"\d", item) and not set(words) & closed


def _slashed(item: str) -> list[str]:
    """`last success/failure timestamps` -> `last success timestamp`, `last failure timestamp`: two attributes that
    share the words around the slash."""
    said = re.fullmatch(r"(?P<pre>(?:[a-z]+\s+)*)(?P<a>[a-z]+)/(?P<b>[a-z]+)(?P<post>(?:\s+[a-z]+)*)", item.strip(), re.IGNORECASE)
    if said is None or not (said.group("pre") or said.group("post")):
        return [item]
    post = said.group("post").split()
    post = [*post[:-1], W.singular(post[-1])] if post else []
    return [" ".join([*said.group("pre").split(), said.group(k), *post]) for k in ("a", "b")]


def _expand_groups(items: list[str], entities: frozenset[str] | set[str] = frozenset(), own: frozenset[str] = frozenset()) -> list[str]:
    """`metadata (title, description, thumbnail)`, `authentication credentials (email/password hash)`:
    a group word names the fields in its parentheses, which are the attributes."""
    out = []
    for item in items:
        head = _strip_parens(item).lower()
        inner = re.fullmatch(r"[^()]*\(([^()]*)\)\s*", item.translate(_FULL_WIDTH))
        parts = [p.strip() for p in linear_re.split(r"\s*[,/、]\s*", inner.group(1))] if inner else []
        if (
            inner
            and W.find(head, W.words()["group_words"]) is not None
            and len(parts) >= 2
            and all(p and len(p.split()) <= 3 and not re.search(r"\d", p) and not W.open_list(p) for p in parts)
            and not _pairs_said(parts)
        ):
            out.extend(_qualified(head, parts, entities, own))
        else:
            out.append(item)
    return out


def _pairs_said(parts: list[str]) -> bool:
    """`attributes (key/value)`, `properties (JSON key/value pairs)`: the shape of a JSON map, not named fields."""
    words = {w for p in parts for w in p.lower().split()}
    return words <= {"key", "keys", "value", "values", "name", "names"} or bool(words & {"pair", "pairs", "json", "jsonb", "map"})


def _qualified(
    head: str, parts: list[str], entities: frozenset[str] | set[str] = frozenset(), own: frozenset[str] = frozenset()
) -> list[str]:
    """`revocation details (timestamp, IP, reason)`: a generic member takes the group's qualifier (revocation
    timestamp, revocation IP), so that two groups' timestamps stay two columns; `profile information (name)` keeps
    its member as it is (data/words.json `qualified_members`, `unqualifying_groups`)."""
    words = W.words()
    group = W.find(head, words["group_words"])
    qualifier = head[: group.start()].split() if group else []
    if len(qualifier) != 1 or qualifier[0] in words["unqualifying_groups"] or not qualifier[0].isalpha():
        return parts
    if qualifier[0] not in own and (qualifier[0] in words["qualifying_groups"] or W.entity_key(qualifier[0]) in entities):
        # `customer information (name, email)`, `product information (ID, name, SKU)`: someone else's, every member
        return [p if p.lower().startswith(qualifier[0]) else f"{qualifier[0]} {p}" for p in parts]
    return [f"{qualifier[0]} {p}" if p.lower() in words["qualified_members"] else p for p in parts]


LINK_RE = re.compile(r"\[([^\[\]]+)\]\([^()\s]*\)")  # a Markdown link: `[Customer](#customer)`
# `between a SourceRegistration and a Tag entity`: the two entities an association links, by their names
BETWEEN_RE = re.compile(
    r"\bbetween\s+(?:an?\s+|the\s+|each\s+|one\s+)?(?P<a>[A-Z]\w*(?:\s+[A-Z]\w*)?)(?:\s+entity)?"
    r"\s+and\s+(?:an?\s+|the\s+|each\s+|one\s+|its\s+)?(?P<b>[A-Z]\w*(?:\s+[A-Z]\w*)?)(?:\s+entity)?\b"
)
# `between a User and a tracked crypto project`: the same in lower case, each side ending with an entity's name
BETWEEN_WORDS_RE = re.compile(
    r"\bbetween\s+(?:an?\s+|the\s+|each\s+|one\s+)?(?P<a>[^\W\d][\w-]*(?:\s+[^\W\d][\w-]*){0,3}?)"
    r"\s+and\s+(?:an?\s+|the\s+|each\s+|one\s+|its\s+)?(?P<b>[^\W\d][\w-]*(?:\s+[^\W\d][\w-]*){0,3}?)(?=\s*(?:[.,;:()]|$))",
    re.IGNORECASE,
)


def _mask_parens(text: str) -> str:
    """`text` with what is inside parentheses blanked (same length)."""
    out, depth = [], 0
    for ch in text:
        if ch == "(":
            depth += 1
        out.append(ch if depth == 0 else " ")
        if ch == ")":
            depth = max(0, depth - 1)
    return "".join(out)


def _strip_parens(text: str) -> str:
    text = LINK_RE.sub(r"\1", text)  # `[Customer](#customer)`: the link's text
    previous = None
    while previous != text:
        previous = text
        text = linear_re.sub(r"\s*\([^()]*\)|\s*\[[^\[\]]+\]", "", text)  # (`Type [RSS, X, LinkedIn]`: values in brackets)
    return " ".join(text.split())


def _describe(raw: str) -> str:
    return " ".join(raw.replace("**", "").replace("`", "").split())[:200]


def _values_joined(segment: re.Match) -> str:
    """`type: pre_authorization, capture, refund` -> one item, its values joined by `/`; `address: street, city,
    postcode` names the address's fields, and stays a list."""
    values = segment.group(0).split(":", 1)[1].split(",")
    named = any((W.type_from_name(W.snake(v.strip())) or ("", False))[1] for v in values)  # (a field's name, typed surely)
    return segment.group(0) if named else segment.group(0).replace(",", "/")


def _split_list(text: str) -> list[str]:
    """`a, b (x, y), c and d` -> [a, b (x, y), c, d] (commas inside parentheses do not split)."""
    if ";" in text:  # `type: pre_authorization, capture, refund; montant, statut`: the first part is one field's values
        text = ";".join(VALUES_SEGMENT_RE.sub(_values_joined, segment) for segment in text.split(";"))
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in "([{（":
            depth += 1
        elif ch in ")]}）":
            depth = max(0, depth - 1)
        if depth == 0 and LIST_SPLIT_RE.fullmatch(ch):
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    items: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if depth == 0 and "(" not in part:
            pieces = [p for p in LAST_AND_RE.split(part) if p.strip()]
        else:
            # `a mode (focus/mixed) and a name`: split where the words outside the parentheses say `and`, each piece
            # keeping its parentheses
            masked = "".join("x" if m == " " and c != " " else m for m, c in zip(_mask_parens(part), part, strict=True))
            cuts = [(m.start(), m.end()) for m in LAST_AND_RE.finditer(masked)]
            bounds = [0, *(x for cut in cuts for x in cut), len(part)]
            pieces = [part[a:b] for a, b in zip(bounds[::2], bounds[1::2], strict=True) if part[a:b].strip()]
        for piece in pieces:
            if W.open_list_item(piece):
                continue  # `..., and so on`
            piece = re.sub(r"^(?:and|or|e|y|et|i)\s+", "", piece.strip(), flags=re.IGNORECASE)
            if piece and not W.open_list_item(piece):
                items.append(piece)
    return items


# ---------------------------------------------------------------------- requirements and scenarios
REQUIREMENT_PREFIX_RE = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+(?:\*\*[^*]{1,40}\*\*\s*[:：]?\s*)?")
# an entity its Key Entities text gives this many columns is described there: the requirements add nothing to it
FEW_COLUMNS = 3
# where a list of fields ends: a clause about whom or when (`... and category for each ingredient`)
LIST_END_RE = linear_re.compiled(
    r"\s+(?:for|per|to|from|when|while|before|after|so\s+that|which|that|via|using|in\s+order)\s", re.IGNORECASE
)


@lru_cache(maxsize=1)
def _requirement_res() -> tuple[re.Pattern, re.Pattern]:
    data = W.words()["requirement_field_words"]
    nouns, verbs, openers = (W.alternation_of(tuple(data[k])) for k in ("nouns", "verbs", "list_openers"))
    noun_re = re.compile(
        rf"\b{nouns}\s*(?:\((?P<paren>[^()]{{1,300}})\)|(?:[:：]|\s+{openers}\b)\s*(?P<tail>[^.;()]{{1,300}}))", re.IGNORECASE
    )
    verb_re = re.compile(rf"\b{verbs}\s+(?:(?:the|a|an|its|their|his|her|each)\s+)?(?P<tail>[^.;()]{{1,300}})", re.IGNORECASE)
    return noun_re, verb_re


IDENTIFIER_RE = re.compile(r"(?P<name>[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*|[A-Z]{2,}[a-z]\w*)\s*(?:\((?P<paren>[^()]*)\))?\s*$")
ENTITY_WORD_RE = re.compile(r"^(?:\S+\s+){1,3}?(?:entity|entities|table|model|record)\b", re.IGNORECASE)  # (`Learning Task entity`)


def _identifier_list(text: str) -> list[str]:
    """The fields a requirement names in code (`Users entity with properties for authentication (Email,
    PasswordHash), profile (FirstName, LastName)`, `LearningTasks entity with Title, TaskType (Quiz/Screenshot),
    TaskData (JSONB), LessonId (foreign key)`): each item with its parenthesis, or none when `text` does not open
    with the entity's name and the word entity or table, or lists fewer than three such names."""
    if not ENTITY_WORD_RE.match(text):
        return []
    items: list[str] = []
    compound = 0
    for segment in split_top(text, ","):
        segment = segment.strip().rstrip(".")
        group = re.search(r"\((?P<paren>[^()]*)\)$", segment)
        inner = [re.sub(r"^and\s+", "", i.strip()) for i in split_top(group.group("paren"), ",")] if group else []
        found = IDENTIFIER_RE.search(segment)
        if inner and all(re.fullmatch(r"[A-Z][A-Za-z0-9]*", i) for i in inner) and (len(inner) >= 2 or found is None):
            named = inner  # `profile (FirstName, LastName)`, `points (CurrentPoints)`: the group's fields
        elif found is not None:
            named = [found.group(0).strip()]
        else:
            continue
        items += named
        compound += sum(bool(re.search(r"[a-z0-9][A-Z]", i.split("(")[0])) for i in named)
    return items if len(items) >= 3 and compound else []


def _field_items(text: str, least: int, entity_keys: set[str]) -> list[str]:
    """The items of a list of fields, or none when any item is no field's name: a clause (`redemptions with user
    ID`, `verify it exists`), a possessive (`a product's existing price`) or another entity (`meal plans`)."""
    cut = LIST_END_RE.search(text)
    items = [ARTICLE_RE.sub("", i).strip() for i in _split_list(text[: cut.start()] if cut else text)]
    function_words = set(W.words()["function_words"])
    for item in items:
        words = _strip_parens(item).lower().split()
        if not words or len(words) > 3 or not re.match(r"[^\W\d]", item) or "'" in item or "’" in item:
            return []
        if set(words) & function_words or W.entity_key(item) in entity_keys and _is_plural(words[-1]):
            return []
    return items if len(items) >= least else []


def read_requirements(
    path: str, lines: list[str], skipped: set[int], entities: list[InferredEntity], entity_names: list[str], diags: Diagnostics
) -> None:
    """Fields that only the requirements and scenarios name, each in a sentence about one entity of the Key Entities:
    `fill the structured fields (denomination, ruler, mint, date)` when adding a Coin, `System MUST store each
    order's details: carrier, tracking number` (data/words.json `requirement_field_words`). Read only where the
    feature has no data model; `skipped` holds the lines of the entity sections and code blocks."""
    noun_re, verb_re = _requirement_res()
    by_name = {e.name.lower(): e for e in entities if e.name.isascii()}  # (one not stored still makes a sentence ambiguous)
    described = {id(e) for e in entities if len(e.columns) >= FEW_COLUMNS}
    if not by_name:
        return
    for other in entity_names:
        # an entity already typed in the spec (after `infer --write`) still makes a sentence that names it ambiguous,
        # as its prose did before: a second run reads no sentence the first did not
        if other.isascii() and other.lower() not in by_name:
            by_name[other.lower()] = InferredEntity(name=other, stored=False)
    names_re = re.compile(
        r"\b(?P<name>" + "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True)) + r")(?:e?s)?\b", re.IGNORECASE
    )
    readers: dict[int, _ProseReader] = {}
    keys = {W.entity_key(n) for n in entity_names}
    for n, line in enumerate(lines):
        if n in skipped or len(line) > 2000 or not names_re.search(line):
            continue
        for sentence in SENTENCE_RE.split(REQUIREMENT_PREFIX_RE.sub("", line)):
            mentions: dict[int, int] = {}  # id(entity) -> where the sentence first names it
            for mention in names_re.finditer(sentence):
                mentions.setdefault(id(by_name[mention.group("name").lower()]), mention.start())
            about = [e for e in by_name.values() if id(e) in mentions]
            # the longest name wins over the names inside it (`Recipe Ingredient` over `Recipe`)
            about = [e for e in about if not any(o is not e and W.snake(e.name) in W.snake(o.name) for o in about)]
            if len(about) != 1:
                continue
            entity = about[0]
            if not entity.stored:
                continue
            identifiers = _identifier_list(sentence[mentions[id(entity)] :])
            if identifiers:
                # `System MUST define a Courses entity with Title, ThumbnailUrl, CategoryId (foreign key)`: the exact
                # names of its fields, which replace the looser words the Key Entities said (`thumbnail`)
                if id(entity) not in readers:
                    readers[id(entity)] = _ProseReader(path, lines, entity, entity_names, diags)
                # the columns themselves held, not only their ids: a column removed below is freed, and one made after
                # it may reuse its id, which would then read as one that was there before (in-process runs differed)
                kept = list(entity.columns)
                before = {id(c) for c in kept}
                for item in identifiers:
                    said = next((c for c in entity.columns if c.name == W.snake(item.split("(")[0])), None)
                    if said is not None and said.references is None:
                        entity.columns.remove(said)  # `TaskType (Quiz/Screenshot)` says more than `task type`
                    if not readers[id(entity)]._item(item, n, n + 1) and said is not None and said not in entity.columns:
                        entity.columns.append(said)
                _required_unless_said([c for c in entity.columns if id(c) not in before])
                exact = [set(c.name.split("_")) for c in entity.columns if id(c) not in before]
                entity.columns = [
                    c
                    for c in entity.columns
                    if id(c) not in before or c.references or c.primary_key or not any(set(c.name.split("_")) < e for e in exact)
                ]
                continue
            if id(entity) in described:
                continue
            # the entity is named before the words that open the list: the sentence is about it, not about who acts
            first = mentions[id(entity)]
            lists = [_field_items(m.group("paren") or m.group("tail"), 2, keys) for m in noun_re.finditer(sentence) if m.start() > first]
            lists += [_field_items(m.group("tail"), 3, keys) for m in verb_re.finditer(sentence) if m.start() > first]
            for items in lists:
                if id(entity) not in readers:
                    readers[id(entity)] = _ProseReader(path, lines, entity, entity_names, diags)
                reader = readers[id(entity)]
                have = {c.name for c in entity.columns}
                for item in items:
                    # `coins`: the entity itself, no field of it; a field said again adds nothing
                    name = W.snake(_strip_parens(item))
                    if name not in have and name != W.snake(entity.name) + "_id" and W.entity_key(item) != W.entity_key(entity.name):
                        reader._item(item, n, n + 1)
