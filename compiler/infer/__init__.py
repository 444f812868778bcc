"""`spec2db infer`: propose typed Key Entities from what a team already wrote.

For each spec (features in number order, like `build`), the sources are read
(code blocks of the sibling data-model.md, its tables and bullets, the spec's
own Key Entities prose), merged by trust (`merge.py`), and written in the
canonical notation (`render.py`). Entities declared by an earlier feature are
references and left alone; entities that already have typed attributes are
left alone; not-stored entities are marked `*(not stored)*`. Every fact
keeps its evidence, and everything uncertain is a W3xx finding.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from compiler.ast import EntityDecl, TypeExpr
from compiler.diagnostics import Diagnostics, Span
from compiler.frontend.decode import Decoded, decode_spec
from compiler.infer import words as W
from compiler.infer.datamodel import (
    ARROW_FK_RE,
    FK_NON_TARGETS,
    FK_RE,
    _keyable,
    apply_statements,
    heading_context,
    mark_views,
    normalised_text,
    read_data_model,
    stores_nothing,
    uuids_kept_as_text,
)
from compiler.infer.merge import keys_of, merge
from compiler.infer.model import Evidence, InferredColumn, InferredEntity
from compiler.infer.prose import (
    Relation,
    apply_enumerations,
    apply_key_convention,
    entity_blocks,
    has_not_stored_marker,
    not_stored_name,
    prose_table,
    read_prose,
    read_requirements,
)
from compiler.infer.render import EXTENDS_MARKER, EXTERNAL_MARKER, NAME_RE, Proposal, render_attributes, rewrite
from compiler.infer.typemap import comparable
from compiler.naming import table_name

DATA_MODEL = "data-model.md"
# an SQL comment that says the statements around it are a sample: `-- (Additional CREATE TABLE statements...)`, `-- ...`
ELIDED_SQL_RE = re.compile(
    # (possessive spaces, and a comment's words read up to 200 characters: linear on a run of spaces or of `-- more`)
    r"--\s*+\(?\s*+(?:\.\.\.|…|(?:additional|more|other|remaining|rest of the)\b[^\n]{0,200}?\b(?:tables?|statements?|create)\b)",
    re.IGNORECASE,
)
# The first line of code that makes a table: a Prisma model, DDL, an ORM class mapped to a table.
TABLE_DECLARATION_RE = re.compile(
    r"^\s*model\s+\w+\s*\{|\bcreate\s+table\b|__tablename__|table\s*=\s*True|@Entity\b|@Table\b|\[Table\(|\bmodels\.Model\b|\bdb\.Model\b"
    r"|\b(?:pg|mysql|sqlite)Table\s*\(",
    re.IGNORECASE,
)
ALTER_TABLE_RE = re.compile(r"\s*ALTER\s+TABLE\b", re.IGNORECASE)
# Other files beside spec.md that hold a data model (`data-model-v2`, `database-schema`, `entities`, `erd`).
DATA_MODEL_NAME_RE = re.compile(r"^(?:data[-_ ]?models?|(?:database|db)[-_ ]?schema|schema|entities|erd)(?:[-_ .].*)?$", re.IGNORECASE)


class InferError(Exception):
    """A spec that cannot be read at all (not UTF-8, unreadable): `path:line:col: CODE message`."""


@dataclass
class SpecResult:
    path: Path
    spec: str  # as shown
    data_model: str | None
    original: str
    proposed: str
    entities: list[InferredEntity] = field(default_factory=list)
    findings: Diagnostics = field(default_factory=Diagnostics)
    proposals: list[Proposal] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.original != self.proposed

    def diff(self) -> str:
        before = _lines(self.original)
        after = _lines(self.proposed)
        return "".join(difflib.unified_diff(before, after, fromfile=f"a/{self.spec}", tofile=f"b/{self.spec}"))

    def _entity_json(self, entity: InferredEntity) -> dict:
        # what --write does with it: "type", "add", "not_stored", or "keep" (left as written; a finding says why)
        action = next((p.action for p in self.proposals if p.entity is entity), "keep")
        return {**entity.to_json(), "action": action}

    def to_json(self) -> dict:
        return {
            "spec": self.spec,
            "data_model": self.data_model,
            "entities": [self._entity_json(e) for e in self.entities],
            "findings": [
                {"code": d.code, "message": d.message, "at": str(d.span) if d.span else self.spec} for d in self.findings.sorted()
            ],
        }


def _lines(text: str) -> list[str]:
    parts = text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1] + "\n\\ No newline at end of file\n")
    return out


@dataclass
class _Known:
    """An entity some spec declares (typed), as a reference target."""

    name: str
    table: str | None
    key_type: str | None  # None: a composite key, cannot be referenced by one column
    columns: set[str] = field(default_factory=set)  # its columns so far, conventions included
    key_column: str | None = None  # the column a reference to it points at, when known
    declared: str = ""  # its name as the spec declares it (an `*(extends)*` names it so)


CONVENTION_COLUMNS = {"id", "created_at", "updated_at"}
MAX_NAME_WORDS = 12  # a column name of more words names no entity and its key (`invoice_number`, `user_email`)


class Project:
    """Entities declared so far, across features, for references and for telling re-mentions apart."""

    def __init__(self, default_key: str = "uuid") -> None:
        self.default_key = default_key
        self.known: dict[str, _Known] = {}
        self.declared: set[str] = set()  # entity keys any spec of the run names in its Key Entities, typed or not
        self.declared_twice: set[str] = set()  # ... and those two or more specs name
        self.parsed: dict[Path, tuple[Decoded, object]] = {}  # each spec's text and parse, read once per run

    def add(self, keys: set[str], known: _Known) -> None:
        for key in keys:
            self.known.setdefault(key, known)

    def get(self, name: str) -> _Known | None:
        return self.known.get(W.entity_key(name))

    def find(self, *names: str | None) -> _Known | None:
        """The known entity the first of `names` that is one names (an entity's name, gloss, table)."""
        return next((known for known in (self.get(n) for n in names if n) if known is not None), None)


def _feature_order(item: tuple[Path, str]) -> tuple:
    from compiler.frontend.markdown import feature_of

    _, number = feature_of(item[0])
    return (number if number is not None else 10**9, item[0].parent.name, str(item[0]))


def infer_specs(
    specs: list[tuple[Path, str]], *, default_key: str = "uuid", plural: bool = True, texts: dict[Path, str] | None = None
) -> list[SpecResult]:
    """Proposals for each spec, in feature order (earlier features' entities are references).
    `texts`: the text of some files (an editor's unsaved buffers) in place of what is on disk."""
    project = Project(default_key)
    project.declared = _declared_names(specs, project, texts)
    results = []
    for path, shown in sorted(specs, key=_feature_order):
        results.append(infer_spec(path, shown, project, plural=plural, texts=texts))
    order_index = {shown: n for n, (_, shown) in enumerate(specs)}
    return sorted(results, key=lambda r: order_index.get(r.spec, 0))


@dataclass
class EntityRewrite:
    """What `infer --write` does to one entity of a spec: lines `start` to `end` (0-based, end exclusive, of
    the spec split at newlines) become `lines` (a CRLF file's lines keep their CR). `action` is the proposal's:
    "type" (typed attributes), "not_stored" (the marker), or "keep" (nothing: `reason` says why)."""

    entity: str
    action: str
    start: int
    end: int
    lines: list[str]
    reason: str | None = None
    guessed: list[str] = field(default_factory=list)  # columns whose type is a guess (each has a W301 finding)

    @property
    def changed(self) -> bool:
        return self.action != "keep"


def infer_entity(
    specs: list[tuple[Path, str]],
    target: str,
    line: int,
    *,
    default_key: str = "uuid",
    plural: bool = True,
    texts: dict[Path, str] | None = None,
) -> EntityRewrite | None:
    """The rewrite `infer --write` makes of the entity declared at `line` (1-based) of the spec shown as `target`,
    and of nothing else; the features before it are inferred first, as `infer` does. None: no entity of the Key
    Entities section is declared there."""
    project = Project(default_key)
    for path, shown in sorted(specs, key=_feature_order):
        if shown != target:
            infer_spec(path, shown, project, plural=plural, texts=texts)
            continue
        result = infer_spec(path, shown, project, plural=plural, texts=texts, only=line)
        proposal = next((p for p in result.proposals if p.block is not None and p.block.decl.span.line == line), None)
        reasons = [d.message for d in result.findings.sorted() if d.span and d.span.path == shown and d.span.line == line]
        if proposal is None:  # an earlier feature's entity (W309), or a second mention: infer leaves it
            return EntityRewrite("", "keep", line - 1, line, [], reasons[0]) if reasons else None
        block = proposal.block
        if not result.changed:
            why = reasons[0] if reasons else f"infer reads no attribute of '{block.decl.name}' it can write"
            if proposal.action != "keep":  # proposed, yet the file is not rewritten (bare CR line endings)
                why = next((d.message for d in result.findings.sorted() if d.code == "W311"), why)
            return EntityRewrite(block.decl.name, "keep", block.start, block.end, [], why)
        before = result.original.removeprefix("\ufeff").split("\n")
        after = result.proposed.removeprefix("\ufeff").split("\n")
        tail = len(before) - block.end
        guessed = [c.name for c in proposal.entity.columns if c.type and not c.confident]
        return EntityRewrite(
            block.decl.name, proposal.action, block.start, block.end, after[block.start : len(after) - tail], None, guessed
        )
    return None


def _decoded(path: Path, shown: str, texts: dict[Path, str] | None = None) -> Decoded:
    if texts is not None and path in texts:
        return Decoded(texts[path])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InferError(f"{shown}:1:1: E001 cannot read the file: {exc.strerror or exc}") from None
    decoded = decode_spec(data)
    if data.startswith(b"\xef\xbb\xbf"):  # the BOM is the file's: a rewrite keeps it
        decoded = Decoded("\ufeff" + decoded.text, decoded.bad_line, decoded.bad_col, decoded.bad_byte)
    return decoded


def infer_spec(
    path: Path, shown: str, project: Project, *, plural: bool = True, texts: dict[Path, str] | None = None, only: int | None = None
) -> SpecResult:
    """`only`: rewrite just the entity declared at that line (1-based); the others are inferred all the same,
    as references and reference targets."""
    from compiler.frontend.markdown import parse_spec

    if path in project.parsed:
        decoded, spec = project.parsed[path]
    else:
        decoded = _decoded(path, shown, texts)
        spec = parse_spec(shown, normalised_text(decoded.text), Diagnostics())
    original = decoded.text
    text = normalised_text(original)
    diags = Diagnostics()
    lines = text.split("\n")
    blocks = entity_blocks(text, spec)

    sources: list[InferredEntity] = []
    contexts: dict[str, list[str]] = {}  # data-model.md path -> the headings above each line
    data_model_shown = None
    feature_stores_nothing = None  # a data model that says the feature persists nothing speaks for its prose too
    for model_path in _data_models(path):
        model_shown = str(Path(shown).parent / model_path.name) if "/" in shown else model_path.name
        data_model_shown = data_model_shown or model_shown
        try:
            model_decoded = _decoded(model_path, model_shown, texts)
        except InferError as exc:
            diags.report("W302", f"{model_path.name} not read: {exc}", Span(model_shown, 1, 1, 1, 1))
            continue
        model_decoded.report(model_shown, diags)
        model_text = model_decoded.text
        contexts[model_shown] = heading_context(model_text)
        coded = _code_entities(model_shown, model_text, diags)
        uuids_kept_as_text(model_text, coded)
        apply_statements(model_shown, normalised_text(model_text).split("\n"), coded)
        tabled = read_data_model(model_shown, model_text, diags, coded)
        _outside_the_ddl([e for e in coded if not _under_existing_heading(e, contexts)], tabled, model_text, diags)
        found = coded + tabled
        mark_views(model_text, found)
        nothing_stored = stores_nothing(model_text, contexts[model_shown])
        if nothing_stored:
            feature_stores_nothing = feature_stores_nothing or nothing_stored
            # `No database: all state is held in memory`: the structures it documents are no tables
            for entity in found:
                entity.stored, entity.not_stored_reason = False, nothing_stored
            if found:
                diags.report(
                    "W303",
                    f"{model_path.name}: {nothing_stored}; its {len(found)} entities are not proposed",
                    Span(model_shown, 1, 1, 1, 1),
                )
        sources.extend(found)
    # a spec may carry its schema itself: an ER diagram, DDL or ORM models in its own code blocks, or a field
    # table under a heading that names a Key Entity (`#### Museum field reference`)
    contexts[shown] = heading_context(text)
    modelled = {key for entity in sources for key in keys_of(entity)}
    for entity in _code_entities(shown, text, diags):
        if set(keys_of(entity)) & modelled:
            # an entity the data model declares is the data model's: the spec's DDL of it (`-- Store flexible
            # analytics snapshots` beside a SELECT, written before the plan) adds what it says, not the whole table
            entity.complete = False
        sources.append(entity)
    sources.extend(_spec_field_tables(shown, text, [b.decl.name for b in blocks], diags))

    absorbed = {a + 1 for b in blocks if b.kind == "paragraph" for a, _ in b.nested}  # fields, not entities
    names = (
        [b.decl.name for b in blocks]
        + [b.decl.gloss for b in blocks if b.decl.gloss]  # `角色 (Role)`: `Role-Permission` names it by its gloss
        + [d.name for d in spec.entities if d.span.line not in absorbed]
        + [e.name for e in sources]
        + [k.name for k in project.known.values()]
    )
    prose: list[tuple[InferredEntity, object]] = []
    partly_typed: dict[str, set[str]] = {}  # entity key -> the columns its spec lines type already
    relations: list[tuple[str, Relation]] = []
    block_of: dict[str, tuple] = {}
    anchors: list[InferredEntity] = []  # the spec's typed entities, for the data model's to pair with
    unstored_by_name: list[tuple[InferredEntity, Span]] = []  # prose entities whose names say they are not stored
    typed_here: dict[str, set[str]] = {}  # entity key -> the columns this spec's lines type for it (extensions too)
    for block in blocks:
        for key in _decl_keys(block.decl):
            typed_here.setdefault(key, set()).update(W.snake(a.name) for a in block.decl.attributes)
    for block in blocks:
        decl = block.decl
        key = W.entity_key(decl.name)
        if key in block_of:
            continue  # the same entity written twice in one section: only its first mention is rewritten
        block_of[key] = (block, [])
        if decl.table_name:
            block_of.setdefault(W.entity_key(decl.table_name), (block, []))  # `table: scenarios`: the data model's name for it
        typed = {W.snake(a.name) for a in decl.attributes}
        # (an untyped `**Product (extended)**` is read: its prose names what it adds, or all it has if no spec declares it)
        unkept = has_not_stored_marker(lines, block)
        if decl.external or decl.extends and typed or unkept:
            if typed and (decl.external or decl.extends) or unkept:
                # `**AgentJob cancellation metadata** *(external)*` typed by an earlier infer from the data model's
                # `AgentJob (existing)`, `**Processing State** *(not stored)*` that infer marked so: still the name
                # that entity pairs with, so infer on its output adds nothing
                anchor = _anchor(decl.name, decl.span, decl.gloss, decl.description)
                anchor.stored = not unkept
                anchors.append(anchor)
            continue
        grown = _model_adds_to(decl, typed, sources)
        if typed and not decl.prose_lines and not grown:
            # typed in the notation already: the spec's own schema. Still a name the data model's entities pair
            # with (`Reserva` and `Reserva de Sala`), as they did when infer typed it: infer on its output proposes
            # nothing new
            anchors.append(_anchor(decl.name, decl.span, decl.gloss, decl.description))
            continue
        if project.find(decl.name, decl.gloss):
            continue  # an earlier feature's entity: only what this feature's data model adds is proposed (below)
        result = read_prose(shown, lines, block, names, Diagnostics() if typed else diags)
        consumed = result.consumed
        if typed:
            # some lines are typed, some did not parse (`OriginalUrl: string (required, validated)`, read as prose by
            # build, so no column): those lines, and only those, are rewritten in the notation
            consumed = [item for item in consumed if item[2] and not set(item[2]) <= typed]
            if not (consumed or grown) or not result.entity.stored:
                anchors.append(
                    _anchor(decl.name, decl.span, decl.gloss, decl.description)
                )  # typed, with prose left beside (`- Relationships: ...`): as above
                continue
            partly_typed[key] = typed
            if grown and not consumed:
                # (the typed lines stay; the entity's description was never read for columns, and is not now: what the
                # data model adds is the proposal, not the description's words, nor a finding about them)
                result.entity.columns = []
        block_of[key] = (block, consumed)
        if result.unstored_at is not None and not typed:
            unstored_by_name.append((result.entity, result.unstored_at))
        prose.append((result.entity, block))
        relations.extend((result.entity.name, r) for r in result.relations)
    if not any(e.stored for e in sources) and feature_stores_nothing is None:
        # no data model: what the requirements and scenarios say of an entity's fields is the rest of its prose
        read_requirements(shown, lines, _not_requirements(spec, text), [e for e, _ in prose], names, diags)
    apply_enumerations([e for e, _ in prose], diags)
    # an earlier feature's entity the data model re-describes (`### Issue (Extended)`) is that entity, never the
    # partner of a prose entity whose name holds it (`IssueContext`)
    named = {W.entity_key(e.name) for e, _ in prose} | {W.entity_key(a.name) for a in anchors}
    for source in sources:
        if project.find(source.name, source.table) and not set(keys_of(source)) & named and source.evidence:
            anchors.append(_anchor(source.name, source.evidence[0].span))
            named.add(W.entity_key(source.name))
    merged = merge([e for e, _ in prose] + anchors + sources, diags)
    for unstored, span in unstored_by_name:
        if not any(e.stored for e in merged if W.entity_key(unstored.name) in keys_of(e)):
            message = f"entity '{unstored.name}' is not stored ({unstored.not_stored_reason}); left untyped, marked *(not stored)*"
            diags.report("W303", message, span)
    for entity in merged if feature_stores_nothing else ():
        if entity.stored:  # `Canvas`, only in the prose of a feature whose data model keeps everything in memory
            entity.stored, entity.not_stored_reason = False, feature_stores_nothing
    _apply_relations(merged, relations)
    _type_sketched(merged, diags)
    _no_unkeyable_keys(merged, diags)
    _kept_in_json_columns(merged, diags)
    for entity in merged:
        # (an entity no earlier feature declares is recalled whole: the feature's table is all of it)
        if project.find(entity.name, entity.gloss, entity.table) is not None:
            _only_what_changes(entity, contexts)
        entity.existing = entity.existing or _under_existing_heading(entity, contexts)

    # When a data model (or the spec's own code) gives tables, it is the team's schema: an entity only the
    # prose describes is no table of it (a concept, a view, a value), and is left as written (W314).
    # (a field table in the spec itself types its entity only: the other prose entities are still the spec's)
    modelled = sorted(e.name for e in merged if e.stored and _typed_by_model(e, but=shown))
    # a data model whose every structure is no table (another system's records, in-memory state, shapes): what only
    # the prose describes is no table either
    shapes_only = not modelled and any(_typed_by_model(e, but=shown) for e in merged)
    if not modelled:
        _keyed_for_references(merged, project, diags)
    proposals: list[Proposal] = []
    unread: list[tuple[InferredEntity, Span]] = []  # spec entities no source gives an attribute (W312)
    claimed: dict[str, Proposal] = {}  # table -> the proposal that makes it
    # table -> the entity whose attributes the spec types already
    typed_tables = {
        (b.decl.table_name or table_name(b.decl.gloss or b.decl.name, plural)): b.decl.name
        for b in blocks
        if b.decl.attributes and not b.decl.external and not b.decl.extends
    }
    local: dict[str, _Known] = {}
    proposed_keys: set[str] = set()  # targets only this run's proposals make tables
    alias_keys: set[str] = set()  # names the merge paired an entity by, which the written spec will not say
    for entity in merged:
        taken_over: set[str] = set()
        keys = keys_of(entity)
        match = next((block_of[k] for k in keys if k in block_of), None)
        block, consumed = match if match else (None, [])
        decl = block.decl if block else None
        earlier = project.find(entity.name, entity.gloss, entity.table)
        said = next((e for e, _ in prose if not e.stored and W.entity_key(e.name) in keys), None)
        if said is not None and entity.stored and _under_not_stored_heading(entity, contexts):
            # the prose says it is no table, and the data model only shows it as client code or an API shape
            entity.stored, entity.not_stored_reason = False, said.not_stored_reason
        typed_already = next((partly_typed[k] for k in keys if k in partly_typed), None)
        # `**ApplicationUser** (existing, retained)` that no earlier spec declares, with its table in the data model:
        # typed here (build reads a typed entity so marked as its declaration, W205)
        # (`**Agent** (extended): new columns ...` over an earlier feature's Agent, with the ALTERs in the data model: typed
        # with what it adds, below)
        adds = (
            earlier is not None
            and decl is not None
            and _says_it_grows(lines[decl.span.line - 1] if 0 < decl.span.line <= len(lines) else "")
            and not _under_existing_heading(entity, contexts)
            and any(e.kind != "prose" for c in entity.columns for e in c.evidence)
        )
        anchored = (
            decl is not None
            and decl.extends
            # (`**Product (extended)**: Existing attributes (URL, name) gain a description` that no spec declares before:
            # the prose recalls the table whole, all the specs say of it, so it is typed here; `gains a timezone` alone
            # names what is added to a table declared elsewhere, and stays as written)
            and (earlier is not None and not adds or earlier is None and not _typed_by_model(entity) and not _recalled_whole(entity, decl))
        )
        if (
            decl is not None
            and typed_already is None
            and (decl.attributes or decl.external or anchored or has_not_stored_marker(lines, block))
        ):
            action = "keep"
        elif earlier is not None:
            said_here = {n for k in (*keys, W.entity_key(earlier.declared or "")) for n in typed_here.get(k, ())}
            action, entity = _extension(entity, earlier, block, decl, diags, said_here)
        elif (
            entity.stored
            and block is None
            and (
                not_stored_name(entity.name)
                and not _keyed_in_table(entity)
                and not _declared_as_table(entity)
                or _under_not_stored_heading(entity, contexts)
            )
        ):
            # a request/response shape or client state from a code block: documented, never a table
            entity.stored, entity.not_stored_reason = False, not_stored_name(entity.name) or _under_not_stored_heading(entity, contexts)
            action = "keep"
            if entity.evidence:
                diags.report(
                    "W303", f"entity '{entity.name}' is not stored ({entity.not_stored_reason}); not proposed", entity.evidence[0].span
                )
        elif not entity.stored:
            action = "not_stored" if block is not None else "keep"
        elif (modelled or shapes_only) and entity.columns and not _typed_by_model(entity):
            action = "keep"
            shown_names = ", ".join(modelled[:6]) + (", ..." if len(modelled) > 6 else "")
            defines = f"it defines {shown_names}" if modelled else "none of its structures is stored"
            diags.report(
                "W314",
                f"the data model defines no table for '{entity.name}' ({defines}); left as written",
                decl.span if decl is not None else entity.evidence[0].span if entity.evidence else None,
            )
        elif _existing_elsewhere(entity):
            # `### Project (existing)`: a table the application has, outside these specs
            entity.external, action = True, ("type" if block is not None else "add")
        elif entity.columns or entity.external:
            action = "type" if block is not None else "add"
        else:
            action = "keep"
            # (`agent_memories 行` in the prose, whose attributes went to the data model's MemoryEntry on that table)
            twin = next(
                (m for m in merged if m is not entity and m.table and re.search(rf"(?<!\w){re.escape(m.table)}(?!\w)", entity.name)), None
            )
            if decl is not None and twin is not None and twin.columns:
                diags.report("W318", f"'{entity.name}' would make table '{twin.table}', as '{twin.name}' does; left as written", decl.span)
            elif decl is not None:
                unread.append((entity, decl.span))  # W312, unless the data model's keys make it *(external)*
        if action in ("type", "add") and earlier is None and not entity.external:
            # two proposals on one table are E202 in build: the one a data model types is proposed
            table = entity.table or table_name(entity.gloss or entity.name, plural)
            other = claimed.get(table)
            typed_on = typed_tables.get(table)
            if typed_on is not None and W.entity_key(typed_on) not in keys:
                # the spec types that table already, under another name (infer's own output, run again)
                diags.report(
                    "W318",
                    f"'{entity.name}' would make table '{table}', as '{typed_on}' does; left as written",
                    decl.span if decl is not None else None,
                )
                action, other = "keep", None
            if other is not None and other.entity.name != entity.name:
                loser = other if _typed_by_model(entity) and not _typed_by_model(other.entity) else None
                left = loser.entity.name if loser is not None else entity.name
                diags.report(
                    "W318",
                    f"'{left}' would make table '{table}', as '{entity.name if loser is not None else other.entity.name}' does;"
                    " left as written",
                    (loser.block.decl.span if loser is not None and loser.block is not None else None)
                    or (decl.span if decl is not None else entity.evidence[0].span if entity.evidence else None),
                )
                if loser is None:
                    action = "keep"
                else:
                    loser.action = "keep"
                    taken_over = set(keys_of(loser.entity))  # its references find the table that stays
        # a prose item is replaced only by attributes that say what it said (its column survived the merge)
        names = {c.name for c in entity.columns}
        consumed = [item for item in consumed if item[2] and all(n in names for n in item[2])]
        proposals.append(
            Proposal(
                entity,
                block,
                consumed,
                action,
                marker=EXTENDS_MARKER if earlier is not None else EXTERNAL_MARKER if entity.external else None,
                typed=typed_already or set(),
            )
        )
        if action in ("type", "add") and earlier is None and not entity.external:
            claimed.setdefault(entity.table or table_name(entity.gloss or entity.name, plural), proposals[-1])
        if earlier is not None:
            earlier.columns |= {c.name for c in entity.columns}
        elif action in ("type", "add"):
            known = _Known(
                _ref_name(entity.name, entity.table, plural, entity.gloss),
                entity.table,
                _key_type(entity, project.default_key),
                {c.name for c in entity.columns} | CONVENTION_COLUMNS,
                _key_column(entity),
                entity.name,
            )
            for key in keys:
                local.setdefault(key, known)
                proposed_keys.add(key)
            for key in taken_over:
                local[key] = known
            # a name it was paired by (`Project` for `Project Configuration`) finds it in this spec only: the
            # written spec does not say it, so later features must not either (infer on its output agrees)
            said = {W.entity_key(n) for n in (entity.name, entity.gloss, entity.table) if n}
            alias_keys |= {W.entity_key(a) for a in entity.aliases} - said
    # entities the spec declares with typed attributes itself are targets too
    for block in blocks:
        decl = block.decl
        if decl.attributes or decl.external:
            known = _Known(
                _ref_name(decl.name, decl.table_name or decl.external_table, plural, decl.gloss),
                decl.table_name,
                _decl_key_type(decl, project.default_key),
                {a.name for a in decl.attributes} | CONVENTION_COLUMNS,
                declared=decl.name,
            )
            for key in _decl_keys(decl):
                local.setdefault(key, known)

    handled = {k for p in proposals for k in keys_of(p.entity)}
    for block in blocks:
        decl = block.decl
        earlier = project.find(decl.name, decl.gloss)
        if not (decl.attributes or decl.external or decl.extends) and earlier and W.entity_key(decl.name) not in handled:
            diags.report("W309", f"'{decl.name}' is declared by an earlier feature; left as a reference", decl.span)
        said_as = earlier or project.find(_written_gloss(decl, lines))
        if not (decl.attributes or decl.external or decl.extends) and said_as is not None:
            # `**Factura (Invoice)**` re-mentioning Invoice: `FacturaId` in this feature's data model is a key to it
            local.setdefault(W.entity_key(decl.name), said_as)

    def resolve(target: str, column: str | None) -> tuple[str, str] | None:
        key = W.entity_key(target.split(".")[0])
        known = local.get(key) or project.known.get(key)
        typed_id = re.fullmatch(r"(\w+?)_?id", key)
        if known is None and typed_id:
            known = local.get(typed_id.group(1)) or project.known.get(typed_id.group(1))  # `memberId: MemberId`, a typed id of Member
        if known is None or known.key_type is None:
            return None
        return known.name, known.key_type

    _typed_ids(proposals, local, project)
    for external in _externals(proposals, local, project, diags):
        _propose_external(external, proposals, local, project)
    for external in _spec_typed_externals(blocks, local, project, diags):
        _propose_external(external, proposals, local, project)
    for proposal in proposals:
        if proposal.action in ("type", "add") and not proposal.entity.external:
            _references_by_name(proposal.entity, local, project)
            _references_to_keys(proposal.entity, local, project, diags)
    _keys_typed_by_their_targets(proposals, local, project)
    _keys_typed_by_their_references(proposals, local, project)
    for proposal in proposals:
        if proposal.action in ("type", "add"):
            _references_apart_from_the_written_type(proposal.entity, resolve)
    users = _external_users(proposals, local, project, diags)
    if users is not None:
        _propose_external(users, proposals, local, project)
    _referenced_spec_entities(proposals, unread, local, project, diags)
    unnamed = _keys_to_the_unnamed(proposals)
    if unnamed:
        for external in _externals(proposals, local, project, diags, said_by_name=unnamed):
            _propose_external(external, proposals, local, project)
    typed_now = [p.entity for p in proposals if p.action in ("type", "add")]
    convention = apply_key_convention(typed_now, [p.entity for p in proposals]) if not modelled else None
    for proposal in proposals if convention else ():  # (a data model types its keys itself)
        entity = proposal.entity
        if entity.external and not any(c.primary_key for c in entity.columns) and keys_of(entity)[0] in local:
            # the *(external)* User the prose's actors refer to is keyed as the feature's other tables
            entity.columns.insert(0, InferredColumn("id", convention, required=True, primary_key=True, evidence=entity.evidence[:1]))
        if keys_of(entity)[0] in local and proposal.action in ("type", "add"):
            local[keys_of(entity)[0]].key_type = _key_type(entity, project.default_key)  # what refers to it follows
    # An entity none of whose attributes can be written becomes no table, so nothing may
    # reference it: drop it as a target and render again, until every target has a table.
    while True:
        scratch = Diagnostics()
        for proposal in proposals:
            if proposal.action in ("type", "add"):
                shown_entity = proposal.entity
                if proposal.typed:  # the lines the spec types already stay as written
                    shown_entity = dataclasses.replace(
                        proposal.entity, columns=[c for c in proposal.entity.columns if c.name not in proposal.typed]
                    )
                proposal.lines = render_attributes(shown_entity, resolve, scratch)
                if proposal.lines and _table_named_apart(proposal.entity):
                    proposal.lines.append(f"table: {proposal.entity.table}")  # what references to it name
        # (an entity the spec types in part has its table from those lines, whatever this run adds)
        empty = {
            k
            for p in proposals
            if p.action in ("type", "add") and not p.lines and not p.entity.external and not p.typed
            for k in keys_of(p.entity)
        }
        if not empty & set(local):
            break
        for key in empty:
            local.pop(key, None)
    diags.extend(scratch)
    for proposal in proposals:
        for column in proposal.entity.columns if proposal.action in ("type", "add") else ():
            target = resolve(column.references, column.references_column) if column.references else None
            if target is not None:
                column.references, column.type = target  # as written: the entity referenced, and its key's type
            elif column.references:
                column.references = column.references_column = None  # written as a plain column (W304 said so)
    for proposal in proposals:
        if proposal.action in ("type", "add") and not proposal.lines and not proposal.entity.external:
            proposal.action = "keep"
    sections = spec.entity_sections
    style = "heading" if any(b.kind == "heading" for b in blocks) else "bullet"
    written = proposals if only is None else [p for p in proposals if p.block is not None and p.block.decl.span.line == only]
    proposed = rewrite(original, written, sections, style, diags, shown)
    if decoded.bad_line is not None:
        decoded.report(shown, diags)
        if proposed != original:  # writing it back would change the bytes that are not UTF-8 too
            diags.report("W311", "spec.md is not valid UTF-8; not rewritten", Span(shown, 1, 1, 1, 1))
            proposed = original
    refused = any(d.code == "W311" for d in diags.items)  # not rewritten: what it would have typed is no table
    for key, known in local.items():
        if not (refused and key in proposed_keys) and key not in alias_keys:
            project.known.setdefault(key, known)
    return SpecResult(path, shown, data_model_shown, original, proposed, [p.entity for p in proposals], diags, proposals)


def _declared_names(specs: list[tuple[Path, str]], project: Project, texts: dict[Path, str] | None) -> set[str]:
    """The entity keys every spec of the run names in Key Entities: a reference to one of them, even from an
    earlier feature, is never proposed as an external table. Each parse is kept in `project` for infer_spec."""
    from compiler.frontend.markdown import parse_spec

    names: set[str] = set()
    for path, shown in specs:
        try:
            decoded = _decoded(path, shown, texts)
        except InferError:
            continue  # infer_spec reports it
        spec = parse_spec(shown, normalised_text(decoded.text), Diagnostics())
        project.parsed[path] = (decoded, spec)
        keys = {k for decl in spec.entities for k in _decl_keys(decl)}
        project.declared_twice |= names & keys
        names |= keys
    return names


def _externals(
    proposals: list[Proposal], local: dict[str, _Known], project: Project, diags: Diagnostics, said_by_name: frozenset[int] = frozenset()
) -> list[InferredEntity]:
    """Tables a declared foreign key (REFERENCES, `@relation`, `FK → users.id`) points at that no spec of the
    project declares: proposed as `*(external)*`, keyed as the referencing column is typed, so the foreign key
    is kept and the table is stubbed rather than the key silently dropped (W304 says so)."""
    found: dict[str, InferredEntity] = {}
    keyed: dict[str, list[InferredColumn]] = {}  # the columns referring to each external
    for proposal in proposals:
        if proposal.action not in ("type", "add") or not proposal.entity.stored:
            continue
        for column in proposal.entity.columns:
            target = column.references
            # `auth.users`: another schema's table; `gender: Gender`: a type's name, not a foreign key. A mapped key type
            # to check (`ObjectId (ref Account)`) is still a key where a table or bullet says it refers
            said = column.type is not None and any(e.kind != "code" and _declares_key(e) for e in column.evidence)
            # (`bag_id` read as a key to Bag by its name alone, in a table or code: the data model names its target too)
            named = (
                target is not None
                and column.name.endswith(f"{W.snake(target)}_id")
                and _keyable(column.type)
                and any(e.kind != "prose" for e in column.evidence)
            )
            if (
                not target
                or not NAME_RE.match(target)
                or not (column.confident or said or named or id(column) in said_by_name)
                or not (any(_declares_key(e) for e in column.evidence) or named)
                and id(column) not in said_by_name  # (`subscriber_id` written as code in the prose: `_keys_to_the_unnamed`)
            ):
                continue
            key = W.entity_key(target)
            if key in local or key in project.known or key in project.declared:
                continue
            external = found.get(key)
            if external is None:
                external = found[key] = _stub(target)
                external.evidence.extend(column.evidence[:1])
                keyed[key] = []
            keyed[key].append(column)
            at = column.evidence[0].span if column.evidence else None
            diags.report(
                "W304",
                f"{proposal.entity.name}.{column.name} refers to '{target}', which no spec declares; proposed as *(external)*",
                at,
            )
    for key, external in found.items():
        external.columns.extend(_stub_key(keyed[key], project))
    return list(found.values())


def _stub_key(referring: list[InferredColumn], project: Project) -> list[InferredColumn]:
    """An *(external)* table's key, as most of the columns referring to it are typed (ties: the first written); none
    where that is the project's default `id`, which build gives it."""
    types = [c.type for c in referring if c.type and not c.type.startswith("enum")]
    key_type = max(types, key=types.count) if types else None
    key_name = W.snake(next((c.references_column for c in referring if c.references_column), None) or "id")
    if key_type and key_type != project.default_key or key_name != "id":
        return [InferredColumn(key_name, key_type or project.default_key, required=True, primary_key=True)]
    return []


def _recalled_whole(entity: InferredEntity, decl: EntityDecl) -> bool:
    """An extended entity whose prose lists what it already has (`Existing attributes (URL, name, image) gain ...`)."""
    said = re.search(rf"(?i)\bexisting\s+{W.alternation('attribute_list_labels')}\b", decl.description or entity.description)
    return bool(entity.columns) and said is not None


def _stub(name: str) -> InferredEntity:
    """An *(external)* entity: a table something here refers to that no spec declares."""
    return InferredEntity(name=name, external=True, description="Referenced here, declared outside these specs.")


def _spec_typed_externals(blocks, local: dict[str, _Known], project: Project, diags: Diagnostics) -> list[InferredEntity]:
    """`` `organizationId`: UUID (Foreign Key → `organizations.id`) `` typed in the spec itself (infer leaves it as
    written) to a table no spec declares: proposed as *(external)*, so that build finds what it refers to."""
    names = set(local) | set(project.known) | set(project.declared)
    names |= {W.entity_key(k.table) for k in (*local.values(), *project.known.values()) if k.table}
    found: dict[str, InferredEntity] = {}
    for block in blocks:
        for attribute in block.decl.attributes:
            reference = attribute.references
            if reference is None or not NAME_RE.match(reference.entity):
                continue
            key = W.entity_key(reference.entity)
            if key in names or key in found or W.entity_key(W.singular(reference.entity)) in names:
                continue
            external = found[key] = _stub(reference.entity)
            key_type = _type_text(attribute.type) if isinstance(attribute.type, TypeExpr) else project.default_key
            if key_type != project.default_key or (reference.column or "id") != "id":
                external.columns.append(InferredColumn(W.snake(reference.column or "id"), key_type, required=True, primary_key=True))
            diags.report(
                "W304",
                f"{block.decl.name}.{attribute.name} refers to '{reference.entity}', which no spec declares; proposed as *(external)*",
                reference.span,
            )
    return list(found.values())


def _referenced_spec_entities(
    proposals: list[Proposal], unread: list[tuple[InferredEntity, Span]], local: dict[str, _Known], project: Project, diags: Diagnostics
) -> None:
    """`- **User**: the application's users` that no source gives an attribute, while the data model's
    `UploadedByUserId | int | FK → User` refers to it: the application's table, kept outside these specs, so the
    spec's entity is marked *(external)* (keyed as the columns referring to it are typed) and the keys stay foreign
    keys. An entity nothing refers to is left as written (W312)."""
    # (and a spec entity left as written for another reason: `- **Project**: Existing entity.`)
    unread_ids = {id(e) for e, _ in unread}
    kept = [
        (p.entity, p.block.decl.span)
        for p in proposals
        if p.action == "keep"
        and p.block is not None
        and not p.block.decl.attributes
        and all(e.kind == "prose" for c in p.entity.columns for e in c.evidence)  # (what its prose names is no table's)
        and id(p.entity) not in unread_ids
    ]
    for entity, span in [*unread, *kept]:
        keys = set(keys_of(entity))
        referring = [
            c
            for p in proposals
            if p.action in ("type", "add") and p.entity.stored and not p.entity.external
            for c in p.entity.columns
            if c.references and W.entity_key(c.references.split(".")[0]) in keys
        ]
        proposal = next((p for p in proposals if p.entity is entity), None)
        # (the application's table, as the prose does not call it new: not `Team`, a new group users create, which
        # this feature's data model forgot)
        new = W.has(entity.description, "new_markers") and not W.has(entity.description, "existing_markers")
        if (
            new
            or not referring
            or proposal is None
            or not entity.stored
            # (`**Event (extended)**` adds to a table: build reads it so, not as the table)
            or proposal.block is not None
            and proposal.block.decl.extends
            or any(k in local for k in keys)
            or project.find(entity.name, entity.gloss, entity.table) is not None
        ):
            if id(entity) in unread_ids:
                diags.report("W312", f"no attribute of '{entity.name}' could be read from any source; left as written", span)
            continue
        entity.external, proposal.action, proposal.marker = True, "type", EXTERNAL_MARKER
        entity.columns = _stub_key(referring, project)
        local[keys_of(entity)[0]] = _known_external(entity, project)
        diags.report("W304", f"'{entity.name}' has no attributes here, and keys refer to it; proposed as *(external)*", span)


def _external_marker(name: str) -> str:
    """`*(external)*`, or `*(external: children)*` for a stub named by the table a foreign key points at: a table's
    name is its table as written, not a name the build makes a plural of (`childrens`)."""
    return f"*(external: {name})*" if re.fullmatch(r"[a-z][a-z0-9_]*", name) else EXTERNAL_MARKER


def _propose_external(external: InferredEntity, proposals: list[Proposal], local: dict[str, _Known], project: Project) -> None:
    """Add `external` as an `*(external)*` entity of the section, and as a reference target."""
    proposals.append(Proposal(external, None, [], "add", marker=_external_marker(external.name)))
    local.setdefault(W.entity_key(external.name), _known_external(external, project))


def _known_external(external: InferredEntity, project: Project) -> _Known:
    """An *(external)* entity as a reference target: its name, table and key."""
    return _Known(external.name, external.table, _key_type(external, project.default_key), {c.name for c in external.columns})


def _keys_typed_by_their_targets(proposals: list[Proposal], local: dict[str, _Known], project: Project) -> None:
    """`AgentVersion` keyed by `agent_id`, a reference to Agent: its key has Agent's key type (text), whatever the
    data model wrote (`Guid`), as build types a reference; so what refers to AgentVersion is typed alike."""
    for _ in range(3):  # a key referring to a key referring to a key
        for proposal in proposals:
            key = _key(proposal.entity) if proposal.action in ("type", "add") else None
            if not isinstance(key, InferredColumn) or not key.references:
                continue
            target_key = W.entity_key(key.references.split(".")[0])
            target = local.get(target_key) or project.known.get(target_key)
            own = local.get(keys_of(proposal.entity)[0])
            if target is not None and target.key_type and own is not None and own is not target:
                own.key_type = target.key_type


def _keys_typed_by_their_references(proposals: list[Proposal], local: dict[str, _Known], project: Project) -> None:
    """`issue_report_id INTEGER` in every table that refers to IssueReport, whose section here gives it no key (it
    only adds a column): its key is the integer those columns say, written out, not the project's default, which
    would retype them. (An earlier feature's entity keeps the key it declared.)"""
    typed = [p.entity for p in proposals if p.action in ("type", "add") and not p.entity.external]
    for entity in typed:
        known = local.get(keys_of(entity)[0])
        if _key(entity) is not None or known is None or project.find(entity.name, entity.gloss, entity.table) is not None:
            continue
        keys = set(keys_of(entity))
        referring = [
            c
            for other in typed
            for c in other.columns
            if c.references and W.entity_key(c.references.split(".")[0]) in keys and any(e.kind != "prose" for e in c.evidence)
        ]
        types = {c.type for c in referring}
        if len(types) == 1 and types <= {"integer", "bigint", "smallint"}:
            key_type = types.pop()
            evidence = [e for e in referring[0].evidence if e.kind != "prose"][:1]
            entity.columns.insert(0, InferredColumn("id", key_type, required=True, primary_key=True, evidence=evidence))
            known.key_type = key_type


def _external_users(proposals: list[Proposal], local: dict[str, _Known], project: Project, diags: Diagnostics) -> InferredEntity | None:
    """The user an actor column of the prose names (`owner`, `uploaded by`, `submitter`, `user ID`), in a project
    no spec of which declares a user entity: the application's users table, kept outside these specs, so the key is
    a foreign key to an *(external)* `User` rather than an unlinked id (W304)."""
    words = W.words()
    user_keys = {W.entity_key(w) for w in words["user_entities"]}
    known = set(local) | set(project.known) | set(project.declared)
    if known & user_keys or any(k.startswith("user") or k.endswith("user") for k in known):
        return None  # `User Account`, `AppUser`: the project has its users (a key to it is `_actor_reference`'s)
    found = None
    for proposal in proposals:
        if proposal.action not in ("type", "add") or not proposal.entity.stored or proposal.entity.external:
            continue
        for column in proposal.entity.columns:
            named = column.name.removesuffix("_id")
            foreign = set(named.split("_")) & set(words["other_system_words"])  # `provider-specific user ID`
            actor = named in words["actor_columns"] or named == "user" or named.endswith("_user") and not foreign  # `target user`
            guessed = column.type is None or column.type == "uuid" or column.type == "text" and not column.confident
            if column.references or not actor or not guessed or any(e.kind != "prose" for e in column.evidence):
                continue
            if found is None:
                found = _stub("User")
                found.evidence.extend(column.evidence[:1])
            column.references, column.type = "User", None
            diags.report(
                "W304",
                f"{proposal.entity.name}.{column.name} names a user, and no spec declares one; proposed as *(external)* User",
                column.evidence[0].span if column.evidence else None,
            )
    return found


# the words of data/words.json `foreign_key` (`references`, `reference to`, `ref`, `FK`, ...), and code's spellings
FOREIGN_KEY_RE = re.compile(
    rf"(?<!\w){W.alternation('foreign_key')}(?!\w)|foreign|@relation|→|->|joincolumn|manytoone|belongs[_ ]?to|\b(?:that|which)\s+owns\b|\bowning\s+(?=[a-z])|\b[a-z]+\s+(?:many|multiple)\s+[A-Z]\w*|(?:valid|existing)\s+[a-z]\w*\s+reference\b(?!\s+(?:number|no|code|string|id)\b)",
    re.IGNORECASE,
)


def _declares_key(evidence) -> bool:
    """The source declares a foreign key itself: code (whose readers take references only from REFERENCES,
    `ForeignKey(...)`, `@relation`, a member typed by a class), or a table row or bullet that says so (`FK → users.id`)."""
    return evidence.kind == "code" or evidence.kind != "prose" and bool(FOREIGN_KEY_RE.search(evidence.text))


def _extension(
    entity: InferredEntity, earlier: _Known, block, decl, diags: Diagnostics, said_here: set[str] = frozenset()
) -> tuple[str, InferredEntity]:
    """An entity an earlier feature declares: a reference (W309), or, when this feature's data model gives
    it new columns, an `*(extends)*` that adds only those (W313). `said_here`: the columns this spec's own
    lines type for it already (an `*(extends)*` infer wrote before)."""
    new = [c for c in entity.columns if c.name not in earlier.columns | said_here and any(e.kind != "prose" for e in c.evidence)]
    span = decl.span if decl is not None else entity.evidence[0].span if entity.evidence else None
    if not new or not entity.stored:
        diags.report("W309", f"'{entity.name}' is declared by an earlier feature; left as a reference", span)
        return "keep", entity
    names = ", ".join(c.name for c in new)
    diags.report(
        "W313", f"'{entity.name}' is declared by an earlier feature; proposed *(extends)* with what this feature adds: {names}", span
    )
    extension = InferredEntity(name=entity.name, table=entity.table, description=entity.description, stored=True, evidence=entity.evidence)
    for column in new:
        column.primary_key = column.composite_key = False  # a key is the first declaration's
        extension.columns.append(column)
    if earlier.declared and W.entity_key(earlier.declared) != W.entity_key(entity.name):
        # `Project Suggestion`, whose data-model table is the `projects` an earlier `Project` declared: the extension
        # names `Project`, added beside the prose, which stays as written
        extension.name, extension.table = earlier.declared, None
        return "add", extension
    if block is None and earlier.declared:
        extension.name, extension.table = earlier.declared, None  # `course_tags` as declared: `CourseTag` names no entity
    return ("type" if block is not None else "add"), extension


def _says_it_grows(line: str) -> bool:
    """`- **Agent** (extended): new columns ...`, `(existing entity - enhanced)`: the declaration's marker says the entity
    gains columns here, not that it is recalled (`(existing)`, `(unchanged)`) or goes (`(removed)`)."""
    marker = re.search(r"[(（]\s*([^()（）]*)[)）]", line)
    return marker is not None and W.says_it_grows(marker.group(1))


def _only_what_changes(entity: InferredEntity, contexts: dict[str, list[str]] | None = None) -> None:
    """`### ShotRecord (Modified)` recalling the whole table with the fields the feature adds marked (`NEW: tasting
    notes`, `// CHANGED: was BeanId`, a Change column's `NEW`): the feature adds those; the rest is the table as it
    was, which the feature that created it declares."""
    said = [e.text for e in entity.evidence if e.kind != "prose"]
    own = re.compile(r"\b" + r"[\s_-]*".join(re.escape(w) for w in W.snake(entity.name).split("_")) + r"s?\b", re.IGNORECASE)
    headings = [own.sub(" ", t) for t in said if t.lstrip().startswith("#")]  # (`### Product Updates` is a name)
    for evidence in entity.evidence if contexts else ():  # `## TypeScript Interface Changes` right over its code
        context = contexts.get(evidence.span.path) if evidence.kind == "code" and contexts else None
        if context is not None and 0 < evidence.span.line <= len(context):
            above = context[evidence.span.line - 1].split(" / ")
            # the heading right over the code, or the one over that when the nearer only names the entity
            nearest = above[-2:] if len(above) >= 2 and own.search(above[-1]) else above[-1:]
            if any(re.search(rf"(?<!\w){W.alternation('changes_headings')}\s*$", h, re.IGNORECASE) for h in nearest):
                headings.append("changed")
    altered = any(ALTER_TABLE_RE.match(t) for t in said)
    created = any(re.match(r"\s*CREATE\s+TABLE\b", t, re.IGNORECASE) for t in said)  # (by the feature's own migration)
    if created or not altered and not any(W.has(t, "change_markers") or W.has(t, "existing_markers") for t in headings):
        return
    marked = [c for c in entity.columns if any(_marked_new(e.text) for e in c.evidence if e.kind != "prose")]
    rewritten = any(
        re.search(r"(?<!\bFK)(?<!\bFK )(?:→|->)", e.text) for c in entity.columns for e in c.evidence if e.kind == "table"
    )  # (`| CreationDateTime → CreatedAtUtc | DateTime? → DateTime |`: the feature rewrites the whole table)
    if marked and len(marked) < len(entity.columns) and not rewritten:
        entity.columns = marked


def _marked_new(text: str) -> bool:
    """`NEW: tasting notes`, `**NEW**`, `| NEW |`, `// CHANGED`, `(new)`: a marker, not a value (`NEW, PRICE_CHANGE`)."""
    capitals = W.alternation_of(tuple(W.words()["new_field_capitals"]))
    marker = re.search(rf"(?:^|\||\*\*|//|#|\()\s*{capitals}(?=\s*(?::|\||\*\*|\)|$))|(?:^|\*\*|\|)\s*{capitals}\s*:", text)
    return W.has(text, "new_field_markers") or marker is not None


def _existing_elsewhere(entity: InferredEntity) -> bool:
    """A data-model entity its heading calls existing (`### Project (existing)`, `## User (existing reference)`)
    and no spec declares: the application's table, which this feature references and does not define, whether
    the data model lists only its key or recalls its fields. A heading that says it changes (`(existing,
    extended)`) is no such table. So is an entity the spec says this feature leaves unchanged (`No schema changes`)."""
    if not entity.columns:
        return False
    if _said_unchanged(entity) or entity.existing:  # `- **StorageRoom**: No schema changes`, `## Existing Entities`
        return not any(W.find(e.text, W.words()["change_markers"]) for e in entity.evidence)
    if not _called_existing(entity):
        return False
    if all(c.primary_key for c in entity.columns):
        return True
    # the data model's words (the prose's "existing entity" may be the specs' own): its heading, else its first line
    modelled = [e for e in entity.evidence if e.kind != "prose"]
    heading = next((e for e in modelled if e.text.lstrip().startswith("#")), modelled[0] if modelled else None)
    return (
        heading is not None
        and W.find(heading.text, W.words()["existing_markers"]) is not None
        and not any(W.find(e.text, W.words()["change_markers"]) for e in entity.evidence)
    )


def _said_unchanged(entity: InferredEntity) -> bool:
    """The spec's Key Entities item opens by saying the feature leaves the entity's table as it is
    (`- **StorageRoom**: No schema changes, but enabled for CRUD.`)."""
    line = next((e.text for e in entity.evidence if e.kind == "prose"), "")
    description = re.sub(r"^\s*(?:[-*+]\s+)?(?:\*\*[^*]+\*\*|`[^`]+`|[^:：]{1,60})\s*[:：]\s*", "", line, count=1)
    said = W.find(description, W.words()["unchanged_markers"])
    return said is not None and said.start() == 0


def _called_existing(entity: InferredEntity) -> bool:
    """Its heading calls it existing (`### User (Existing - No Changes)`): its first words, or the data model's
    (its first words there, or its heading, after a diagram that drew it)."""
    modelled = [e for e in entity.evidence if e.kind != "prose"]
    said = [*entity.evidence[:1], *modelled[:1], *[e for e in modelled if e.text.lstrip().startswith("#")][:1]]
    return any(W.find(e.text, W.words()["existing_markers"]) is not None for e in said)


def _keyed_in_table(entity: InferredEntity) -> bool:
    """A data-model table or bullet list gives the entity a key (`DataExportRequestId` first in its fields): a row
    of its own, whatever its name says. Code is not enough: an interface's `id` is only a convention."""
    return any(c.primary_key and any(e.kind in ("table", "bullet") for e in c.evidence) for c in entity.columns)


def _type_sketched(entities: list[InferredEntity], diags: Diagnostics) -> None:
    """A column that only a diagram names (a field without a type in an ASCII box), and that no table, bullet or
    prose types, is typed from its name, with a W301 finding: a careful engineer drawing the table from the
    diagram would write it, and leaving it out would drop a table whose columns are all sketched."""
    for entity in entities:
        if not entity.stored or not any(c.sketched for c in entity.columns):
            continue
        untyped = [c for c in entity.columns if c.sketched and c.type is None and c.references is None]
        defined = sum(not c.sketched and any(e.kind != "prose" for e in c.evidence) for c in entity.columns)
        if defined and defined >= len(untyped):
            # a table or code defines the entity: a name only the diagram adds (`resources` for a `list[Resource]`) is no
            # column. A section that lists fewer columns than the diagram draws only extends the table drawn.
            entity.columns = [c for c in entity.columns if c not in untyped]
            continue
        for column in entity.columns:
            column.required = True if column.required is None else column.required  # drawn like a table's row: unless marked
        own = set(keys_of(entity))
        referring = sorted(
            {
                c.type
                for other in entities
                for c in other.columns
                if other is not entity and c.references and c.confident and c.type and W.entity_key(c.references) in own
            }
        )
        for column in untyped:
            if not column.evidence:
                continue
            guessed = W.type_from_name(column.name)
            source = "its name"
            if column.name == "id" and len(referring) == 1:
                guessed, source = (referring[0], False), "the keys that refer to it"  # `onesi_box_id bigint`: a bigint key
            column.type, column.confident = (guessed[0] if guessed else "text"), False
            diags.report(
                "W301",
                f"{entity.name}.{column.name}: a diagram names it without a type; typed {column.type} from {source}, check it",
                column.evidence[0].span,
            )


def _keyed_for_references(entities: list[InferredEntity], project: Project, diags: Diagnostics) -> None:
    """A Key Entity whose prose gives no attribute, yet other entities refer to it ("owns coins", "ties a
    User to a Coin"): proposed with its key only, so the references stay foreign keys instead of being
    dropped with it (W316 asks for its attributes)."""
    referred = {W.entity_key(c.references) for e in entities if e.stored for c in e.columns if c.references}
    for entity in entities:
        if not entity.stored or entity.external or entity.columns or not referred & set(keys_of(entity)):
            continue
        if _called_existing(entity) and W.entity_key(entity.name) not in project.declared_twice:
            # `User: ... (the existing user management feature)`; another spec naming it makes it the specs' own
            entity.external, proposed = True, "proposed *(external)*"
        else:
            key = InferredColumn("id", project.default_key, required=True, primary_key=True, evidence=entity.evidence[:1])
            entity.columns.append(key)
            proposed = "proposed with its key only"
        diags.report(
            "W316",
            f"no attribute of '{entity.name}' could be read, but other entities refer to it; {proposed}",
            entity.evidence[0].span if entity.evidence else None,
        )


def _declared_as_table(entity: InferredEntity) -> bool:
    """Code that declares a table whatever the name says (`model PackConfig {`, `CREATE TABLE app_settings`,
    `class Config(SQLModel, table=True)`): a name like `Config` or `State` does not make it a client's shape."""
    if entity.complete or entity.kept_in_database or any(e.kind == "code" and TABLE_DECLARATION_RE.search(e.text) for e in entity.evidence):
        return True
    # an id and the audit timestamps a row carries (`createdAt`, `updatedAt`): persisted, whatever its name says
    keyed = any((c.primary_key or c.name == "id") and not _unkeyable(c) for c in entity.columns)
    moments = ("timestamp", "timestamptz", "date", "integer", "bigint")
    return keyed and any(c.name in ("created_at", "updated_at", "inserted_at") and c.type in moments for c in entity.columns)


def _unkeyable(column: InferredColumn) -> bool:
    """A type PostgreSQL cannot compare for equality (`json`): no key can hold it (build's E217)."""
    return column.type is not None and not comparable(column.type)


def _no_unkeyable_keys(entities: list[InferredEntity], diags: Diagnostics) -> None:
    """An entity whose key (its primary key, or the `id` that becomes one) is read as `json` (`id: {
    required: true; format: 'uuid-v4' }`: an object of validation rules that describes each field) holds no rows:
    not proposed, with W317. Build would refuse such a key (E217); so a json column is no foreign key either."""
    for entity in entities:
        for column in entity.columns:
            if column.references and (_unkeyable(column) or (column.type or "").endswith("[]")):
                # `JSON - Foreign key relationship definitions`; `personaIds | string[] | Valid Persona references`: a
                # list of keys, which no foreign key can be
                column.references = column.references_column = None
        keys = [c for c in entity.columns if c.primary_key] or [c for c in entity.columns if c.name == "id"]
        unkeyable = next((c for c in keys if _unkeyable(c)), None)
        if entity.stored and not entity.external and unkeyable is not None:
            entity.stored, entity.not_stored_reason = (
                False,
                f"its key '{unkeyable.name}' is {unkeyable.type}: it describes fields, not rows",
            )
            diags.report(
                "W317",
                f"{entity.name}: its key '{unkeyable.name}' is {unkeyable.type}, which no key can be; not proposed as a table",
                unkeyable.evidence[0].span if unkeyable.evidence else None,
            )


def _kept_in_json_columns(entities: list[InferredEntity], diags: Diagnostics) -> None:
    """`SystemStartMetadata` with no key, beside an `ActivityRecord` whose `metadata` is a JSON map: one shape of what
    that column holds (its name ends with the column's), no table of its own (W303)."""
    holders = {  # (a column named as a value's holder: `metadata`, `settings`, `details`; not `data`)
        c.name: (entity, c)
        for entity in entities
        if entity.stored and not entity.external
        for c in entity.columns
        if c.type in ("json", "jsonb")
        and "_" not in c.name
        and c.name in W.words()["value_type_words"]
        and any(e.kind != "prose" for e in c.evidence)
    }
    for entity in entities:
        words = W.snake(entity.name).split("_")
        held = holders.get(words[-1]) if len(words) > 1 else None
        if (
            held is None
            or held[0] is entity
            or not entity.stored
            or entity.complete
            or entity.kept_in_database
            or not any(e.kind != "prose" for c in entity.columns for e in c.evidence)  # (the spec's own prose entity)
            or any(c.primary_key or c.composite_key or c.name == "id" or c.references for c in entity.columns)
        ):
            continue
        entity.stored, entity.not_stored_reason = False, f"it is one shape of {held[0].name}.{held[1].name}, kept as JSON"
        if entity.evidence:
            diags.report(
                "W303", f"entity '{entity.name}' is not stored ({entity.not_stored_reason}); not proposed", entity.evidence[0].span
            )


def _model_adds_to(decl, typed: set[str], sources: list[InferredEntity]) -> bool:
    """Whether the data model's code or table gives the spec's typed entity columns its lines lack: the spec typed a
    sketch (`serverId (UUID)`, `name (String)`), the data model written at planning the whole table, whose other
    columns are added beside the lines as written."""
    if not typed or decl.external or decl.extends:
        return False
    keys = set(_decl_keys(decl))
    for source in sources:
        if (
            source.stored
            and set(keys_of(source)) & keys
            and _typed_by_model(source)
            and any(W.snake(c.name) not in typed for c in source.columns if not c.primary_key)
        ):
            return True
    return False


def _references_apart_from_the_written_type(entity: InferredEntity, resolve) -> None:
    """`| `output_file_id` | `TEXT` | Populated when ... |` in a table, which the prose calls the `output file ID`: a
    reference guessed from words (or a name) to a table whose key is an integer is no key of it, when a table or code
    gave the column a text type and said no reference (it holds the other system's public id, `file-...`)."""
    for column in entity.columns:
        if not column.references or not re.fullmatch(r"text|string(\(\d+\))?", column.type or ""):
            continue
        written = [e for e in column.evidence if e.kind in ("table", "code", "bullet")]
        target = resolve(column.references, column.references_column)
        if (
            written
            and target is not None
            and target[1] in ("integer", "bigint", "smallint")
            and not any(FK_RE.search(e.text) or ARROW_FK_RE.search(e.text) for e in written)
        ):
            column.references = column.references_column = None


def _typed_by_model(entity: InferredEntity, but: str | None = None) -> bool:
    """Some column of the entity comes from a data model's code, table or bullet (not only from prose), or a data
    model's heading names its table over words that describe its columns (`### `invitations`` over `Contains ...`);
    `but`: tables and bullets of this file (the spec's own) do not count."""
    said = (e for c in entity.columns for e in c.evidence)
    described = entity.described and entity.columns and any(e.kind == "table" and e.span.path != but for e in entity.evidence)
    return bool(described) or any(e.kind != "prose" and not (e.kind != "code" and e.span.path == but) for e in said)


def _under_not_stored_heading(entity: InferredEntity, contexts: dict[str, list[str]]) -> str | None:
    """Why the entity is no table when every definition of it sits under a heading about client code, API shapes
    or future work (`## Frontend Data Structures`, `### Token Revocation (Future Implementation)`), else None."""
    reasons = []
    for evidence in entity.evidence:
        if evidence.kind == "prose":
            continue
        context = contexts.get(evidence.span.path)
        if context is None or not 0 < evidence.span.line <= len(context):
            return None
        heading = context[evidence.span.line - 1]
        match = (
            W.find(heading, W.words()["not_stored_headings"])
            or any(
                re.fullmatch(r"(?i)(?:(?:api|http|client|incoming|outgoing)\s+)?requests(?:\s*\([^()]*\))?", h.strip())
                for h in heading.split(" / ")
            )
            # (`## Requests` over its shapes, not `## Migration 022 — ... resource requests`)
            or any(
                W.find(h, W.words()["client_state_libraries"])
                and W.find(h, W.words()["database_words"]) is None
                and W.find(h, W.words()["persistence_words"]) is None  # (`Zustand, persisted to IndexedDB with Dexie`)
                for h in heading.split(" / ")
            )  # (`## 런타임 상태 (Zustand useEditorStore)`, not `## Entities (Supabase tables, cached by Zustand)`)
        )
        if not match:
            return None
        reasons.append(f"defined under '{heading}'")
    return reasons[0] if reasons else None


def _under_existing_heading(entity: InferredEntity, contexts: dict[str, list[str]]) -> bool:
    """Every definition of the entity sits under a heading that calls it existing and says no change
    (`### 2. Cancellation Record (Existing)` over its CREATE TABLE): the application's table, recalled."""
    said = [e for e in entity.evidence if e.kind != "prose"]
    for evidence in said:
        context = contexts.get(evidence.span.path)
        if context is None or not 0 < evidence.span.line <= len(context):
            return False
        heading = context[evidence.span.line - 1].split(" / ")[-1]
        if not W.has(heading, "existing_markers") or W.has(heading, "change_markers"):
            return False
        named = {W.entity_key(w) for w in re.findall(r"[^\W\d][\w-]*", heading)} | {W.entity_key(heading)}
        # `### Agent Identity Layer (Existing)` over the one table it recalls: the marker is the heading's own
        marked = re.search(rf"\(\s*{W.alternation('existing_markers')}\b[^()]*\)\s*$", heading, re.IGNORECASE)
        if marked and W.find(marked.group(0), W.words()["new_markers"]):
            marked = None  # `(existing database, new table)`: a table this feature creates
        if not set(keys_of(entity)) & named and not (marked and _one_definition_under(evidence, said)):
            return False  # `## New tables (in the existing database)`: a heading over tables, not about this one
    return bool(said)


def _one_definition_under(evidence: Evidence, said: list[Evidence]) -> bool:
    """Whether the entity's definition is the only thing its heading holds (not one table of a group)."""
    return sum(e.span.path == evidence.span.path for e in said) == 1


def _refers(holder: InferredEntity, target: InferredEntity) -> bool:
    return any(c.references and W.entity_key(c.references) in keys_of(target) for c in holder.columns)


def _apply_relations(entities: list[InferredEntity], relations: list[tuple[str, Relation]]) -> None:
    """`User has many alerts`: Alert gets `user_id` unless it already refers to User. `Task many-to-many
    Tag via TaskTag`: TaskTag gets both keys. Only between entities this spec proposes, never over a column a
    more trusted source gives (a key the data model leaves out is its choice)."""
    by_key = {}
    for entity in entities:
        for key in keys_of(entity):
            by_key.setdefault(key, entity)

    def ensure(holder: InferredEntity, target: InferredEntity, relation: Relation) -> None:
        if _refers(holder, target):
            return
        if any(e.kind != "prose" for c in holder.columns for e in c.evidence):
            return  # the data model or code gives this entity's columns; do not add to them
        words = W.snake(target.name).split("_")
        for existing in holder.columns:
            stem = existing.name[:-3] if existing.name.endswith("_id") else None
            if stem and existing.references is None and (stem == "_".join(words) or stem in words):
                existing.references = target.name  # `user_id` and `User Account has many alerts`: that is the key
                existing.evidence.append(relation.evidence)
                return
        column = InferredColumn(name=W.snake(target.name) + "_id", type=None, required=True, references=target.name)
        column.evidence.append(relation.evidence)
        if not any(c.name == column.name for c in holder.columns):
            holder.columns.append(column)

    for source_name, relation in relations:
        source = by_key.get(W.entity_key(source_name))
        target = by_key.get(W.entity_key(relation.target))
        if source is None or target is None or not target.stored:
            continue
        if relation.kind in ("has_many", "has_one"):
            ensure(target, source, relation)
        elif relation.via is not None and W.entity_key(relation.via) in by_key:
            join = by_key[W.entity_key(relation.via)]
            ensure(join, source, relation)
            ensure(join, target, relation)
        elif relation.via is None and not _refers(source, target) and target.name not in source.many_to_many + target.many_to_many:
            source.many_to_many.append(target.name)  # spec2db makes the join table


def _outside_the_ddl(coded: list[InferredEntity], tabled: list[InferredEntity], model_text: str, diags: Diagnostics) -> None:
    """A data model whose SQL creates its tables (`## SQLite Schema` with every CREATE TABLE): a struct its
    Markdown tables describe that no CREATE TABLE answers to (`ConnectionPool`, `QueryHandle`) is a program's
    object, not a table; unless its heading calls it an existing table, which the SQL does not create again."""
    created = [e for e in coded if e.complete]
    if not created or ELIDED_SQL_RE.search(model_text):
        return  # `-- (Additional CREATE TABLE statements...)`: the SQL shows some tables, not all
    altered = [e for e in coded if any(ALTER_TABLE_RE.match(v.text) for v in e.evidence)]
    names = {k for e in (*created, *altered) for k in keys_of(e)}  # (`ALTER TABLE agents ADD COLUMN`: a table it changes)
    for entity in tabled + [e for e in coded if e.drawn]:
        if entity.stored and not set(keys_of(entity)) & names and not _called_existing(entity):  # (`### User (Existing)`: no DDL needed)
            entity.stored, entity.not_stored_reason = False, "the data model's SQL creates no table for it"
            if entity.evidence:
                diags.report(
                    "W303", f"entity '{entity.name}' is not stored ({entity.not_stored_reason}); not proposed", entity.evidence[0].span
                )


def _data_models(spec: Path) -> list[Path]:
    """The hand-written data models beside a spec.md: data-model.md first, then other Markdown files named
    for a data model or schema (`data-model-v2.md`, `database-schema.md`, `entities.md`). Files spec2db
    generated are its own output, never input."""
    from compiler.emit.output import is_generated

    if spec.name.lower() != "spec.md":
        return []
    found = [p for p in sorted(spec.parent.glob("*.md")) if p.name.lower() != "spec.md" and DATA_MODEL_NAME_RE.search(p.stem)]
    found.sort(key=lambda p: p.name.lower() != DATA_MODEL)
    return [p for p in found if p.is_file() and not is_generated(p)]


def _spec_field_tables(shown: str, text: str, declared: list[str], diags: Diagnostics) -> list[InferredEntity]:
    """Field tables in spec.md itself, each under a heading that names one of its Key Entities followed by words
    that say fields (`Museum field reference`, `Task fields`, `Order schema`); other tables of a spec are not read."""
    found = read_data_model(shown, text, Diagnostics())
    by_key = {W.entity_key(name): name for name in declared}
    tail = re.compile(rf"\s+(?:{W.alternation('field_headings')}|field\s+reference|reference|schema|data\s+model)\b.*$", re.IGNORECASE)
    out = []
    for entity in found:
        stripped = tail.sub("", entity.name)
        name = by_key.get(W.entity_key(stripped)) if stripped != entity.name else None
        if name is None or not entity.columns:
            continue
        entity.name = name
        out.append(entity)
    if out:
        scratch = Diagnostics()
        read_data_model(shown, text, scratch)  # the findings of the tables kept, not of every table of the spec
        kept = {(e.evidence[0].span.line if e.evidence else 0) for e in out}
        lines = {c.evidence[0].span.line for e in out for c in e.columns if c.evidence}
        diags.items.extend(d for d in scratch.items if d.span is not None and (d.span.line in lines or d.span.line in kept))
    return out


def _code_entities(path: str, text: str, diags: Diagnostics) -> list[InferredEntity]:
    try:
        from compiler.infer.code import read_code_blocks
    except ImportError:  # the code-block reader is another helper's module; absent, the tables still count
        return []
    entities, found = read_code_blocks(path, text)
    for diagnostic in found:
        diags.items.append(diagnostic)
    return entities


def _typed_ids(proposals: list[Proposal], local: dict[str, _Known], project: Project) -> None:
    """`grantedBy: MemberId`, `FK → MemberId`: the typed id of Member is a key to Member (not an external table)."""
    for proposal in proposals:
        for column in proposal.entity.columns:
            key = W.entity_key(column.references) if column.references else ""
            typed_id = re.fullmatch(r"(\w+?)_?id", key)
            if typed_id and key not in local and key not in project.known:
                known = local.get(typed_id.group(1)) or project.known.get(typed_id.group(1))
                if known is not None:
                    column.references = known.name


def _references_by_name(entity: InferredEntity, local: dict[str, _Known], project: Project) -> None:
    """`task_id` with a Task entity declared: a reference, by the naming convention."""
    for column in entity.columns:
        if not column.references and not column.name.endswith("_id"):
            _actor_reference(column, local, project) or _natural_key_reference(column, entity, local, project)
        if column.references or not column.name.endswith("_id") or column.name == "id":
            continue
        if column.primary_key and not column.composite_key and _names_its_own(column.name[:-3], entity):
            continue  # `waitlist_id` PRIMARY KEY of gym_waitlist: its own key (`user_id` PK of a profile is 1:1 with User)
        named = W.type_from_name(column.name)
        whole = W.entity_key(column.name[:-3])
        foreign = (column.type or "").startswith("string(") or column.type is None and named is not None and named[0].startswith("string")
        if foreign and whole not in local and whole not in project.known:
            # `cognito_user_id`, `stripe_event_id VARCHAR(255)`: another system's id, not a key to the User or Event its
            # name ends with (a Session's `session_id` is a key)
            continue
        parts = column.name[:-3].split("_")
        whole_known = W.entity_key(column.name[:-3]) in local or W.entity_key(column.name[:-3]) in project.known
        if len(parts) >= 2 and parts[0] in W.words()["other_system_prefixes"] and not whole_known:
            continue  # `provider_request_id`, `stripe_customer_id`: the id another system gave (`vendor_contact_id` with a VendorContact is ours)
        if W.entity_key(column.name[:-3]) in keys_of(entity):
            continue  # `student_id` in Student: its own id, not a key to itself
        if column.name == "parent_id" and _parent_in_itself(column, entity, local, project):
            continue
        for size in range(len(parts), 0, -1):  # `source_note_id` -> Note, `selected_vault_id` -> Vault
            key = W.entity_key("_".join(parts[-size:]))
            if key in local or key in project.known:
                column.references = (local.get(key) or project.known[key]).name
                break
        else:
            if _actor_reference(column, local, project):
                continue
            # `session_id` beside a WorkoutSession, `in_flight_claim_id` beside an IdempotencyClaim: the one entity
            # whose name ends with the column's, or with its last words
            known = {k: v for k, v in (*project.known.items(), *local.items())}
            own = set(keys_of(entity))
            for size in range(len(parts), 0, -1):
                stem = W.entity_key("_".join(parts[-size:]))
                ending = {
                    id(v): v
                    for k, v in known.items()
                    if len(stem) >= 3 and k.endswith(stem) and k != stem and k not in own and _keyed_alike(v, stem)
                }
                if size < len(parts) and any(k.endswith(stem) for k in own):
                    if size == len(parts) - 1 and parts[0] in W.words()["role_prefixes"]:
                        # `original_entity_id` in a DeletedWorldEntity: the entity its own name ends with (WorldEntity);
                        # `root_entity_id` in a WorldEntity, when there is none: its own rows
                        within = [
                            v
                            for k, v in known.items()
                            if k not in own and len(k) >= len(stem) and any(o.endswith(k) for o in own) and k.endswith(stem)
                        ]
                        column.references = within[0].name if len(within) == 1 else entity.name if not within else None
                    break  # `provider_transaction_id` in PaymentTransaction: no key to CreditTransaction
                # (a spec's `Team Role`, untyped, is one more candidate; its `Role` is the table's own name)
                declared_too = any(d.endswith(stem) and d != stem and d not in known for d in project.declared)
                if len(ending) > 1 and not declared_too:  # `role_id` beside SysRole and the join table SysUserRole
                    ending = {k: v for k, v in ending.items() if v.key_type is not None} or ending
                if len(ending) == 1:
                    column.references = next(iter(ending.values())).name
                    break
                if ending:
                    break  # several: no guess


def _parent_of_own_rows(description: str, entity: InferredEntity) -> bool:
    """`Parent folder; empty for root folders` in a Folder: words about a parent row of the entity itself, naming no
    other system (no proper name, no example, no path, handle or code)."""
    words = re.findall(r"[^\W\d_][\w'-]*", description)
    own = {W.entity_key(w) for w in W.snake(entity.name).split("_")}
    named_own = any(W.entity_key(W.singular(w.lower())) in own for w in words)
    plain = {"id", "parent"} | own  # (`Parent Folder ID` in Title Case names no other system)
    proper = any(
        any(ch.isupper() for ch in w[1:]) and w.upper() != w or n and w[:1].isupper() and W.entity_key(W.singular(w.lower())) not in plain
        for n, w in enumerate(words)
    )  # (`ClickUp`, `Notion`, `Dropbox` after the first word)
    foreign = W.has(description, "example_openers") or W.find(description, W.words()["other_system_words"]) is not None
    coded = re.search(r"(?i)\b(?:path|url|uri|key|slug|handle|code|number|name)\b", description) is not None
    return named_own and not proper and not foreign and not coded


def _parent_in_itself(column: InferredColumn, entity: InferredEntity, local: dict[str, _Known], project: Project) -> bool:
    """`parent_id BIGINT DEFAULT 0 COMMENT '父菜单 ID（0=根）'` in sys_menu, no Parent entity declared: the rows nest
    in one another, a key to the entity itself. A root written as `0` becomes a NULL, as no row 0 exists to point at."""
    own = local.get(W.entity_key(entity.name))
    if "parent" in local or "parent" in project.known or own is None or own.key_type is None:
        return False
    if any(c.name == "parent_type" for c in entity.columns):
        return False  # `parent_type` beside it: a post's or a photo's, no key to one table
    others = {k for k in (*local, *project.known) if k not in keys_of(entity)}
    if any(W.entity_key(w) in others or W.entity_key(W.singular(w)) in others for w in re.findall(r"[^\W\d_]+", column.description)):
        return False  # `the parent's user account`: the words name another entity
    # (a `string` in a field table is loose; SQL's TEXT is what the column is)
    textual = (
        re.fullmatch(r"text|string(\(\d+\))?", column.type or "") is not None
        and all(e.kind != "code" for e in column.evidence)
        and any(c.name == "id" and c.type == "uuid" for c in entity.columns)
        # (`Jira key of the parent epic (e.g. PROJ-1)`, `Dropbox path of the parent folder`, `Notion parent block ID`:
        # another system's key, spelled out; only words about this entity's own rows say a key to them)
        and _parent_of_own_rows(column.description or " ".join(re.sub(r"`[^`]*`", " ", e.text) for e in column.evidence), entity)
    )
    if column.type is not None and column.type != own.key_type and not (textual and own.key_type == "uuid"):
        return False
    column.references = own.name
    if column.type != own.key_type:
        # `parentId | string | null` beside `id | string (uuid)`: the key's type, kept as a string; a root row has none
        column.type, column.required = None, False
    if column.default in ("0", "'0'"):
        column.default, column.required = None, False
    return True


def _keys_to_the_unnamed(proposals: list[Proposal]) -> frozenset[int]:
    """`| agent_id | UUID | Foreign Key, Nullable | Reference to AI agent |` with no Agent declared anywhere: the
    row says it is a key, and its name says to what, so the key points at Agent, proposed as *(external)* by
    `_externals` as a REFERENCES to an undeclared table is. The columns so keyed."""
    found: set[int] = set()
    # the words of the entities' prose, its code names (`session_id`) left out; those two entities or more speak of
    # (`subscriber` in three of them; `a request` the API serves, in one, names no table)
    spoken = Counter(w for p in proposals for w in {w.lower() for w in re.findall(r"(?<![\w`])[^\W\d_]+(?![\w`])", p.entity.description)})
    prose_words = {w for w, n in spoken.items() if n >= 2}
    for proposal in proposals:
        if proposal.action not in ("type", "add") or not proposal.entity.stored or proposal.entity.external:
            continue
        typed = {c.name.removesuffix("_type") for c in proposal.entity.columns if c.name.endswith("_type")}
        for column in proposal.entity.columns:
            stem = column.name.removesuffix("_id")
            parts = stem.split("_")
            if column.references or column.primary_key or stem == column.name or not re.fullmatch(r"[a-z]+(?:_[a-z]+){0,2}", stem):
                continue
            if parts[0] in W.words()["other_system_prefixes"] or W.entity_key(stem) in keys_of(proposal.entity) or stem in typed:
                continue  # (`target_id` beside `target_type`: a key to one of several tables)
            said = [e.text for e in column.evidence if e.kind in ("table", "bullet")]
            if any(NO_KEY_RE.search(text) for text in said):
                continue  # `logical reference, no foreign key constraint`, `polymorphic FK`
            if W.is_actor(stem) or len(parts) == 3 and parts[-1] == "user":
                stem = "user"  # `reviewer_id | FK`, `approved_by_id | FK`, `sales_rep_user_id`: a person, the application's user
            elif len(parts) == 2 and parts[0] in W.words()["role_prefixes"]:
                stem = parts[1]  # `recipient_user_id`, `parent_team_id`: a user, a team, in the role the first word says
            named = [m.group("target") for text in said for m in FK_RE.finditer(text) if m.group("target").lower() not in FK_NON_TARGETS]
            if not named and any(re.search(r"(?i)\bFK\b|foreign\s+key", text) for text in said):  # (`FK to auth.users`: named)
                column.references = W.pascal(stem)
                found.add(id(column))
            elif "_" not in stem and len(stem) >= 3 and _coded_in_prose(column, stem, prose_words, proposal.entity.description):
                column.references = W.pascal(stem)  # `Tracks: workflow_id, subscriber_id` for a specific subscriber
                found.add(id(column))
    return frozenset(found)


# a row that says its id is no foreign key, or one to several tables
NO_KEY_RE = re.compile(
    r"(?i)\bno\s+(?:FK|foreign\s+key)|\bnot\s+an?\s+(?:FK|foreign\s+key)|\bpolymorphic\b|\blogical\s+reference\b|\bsoft\s+reference\b"
)


def _coded_in_prose(column: InferredColumn, stem: str, prose_words: set[str], description: str) -> bool:
    """`subscriber_id` written as code in Key Entities prose that speaks of subscribers elsewhere: a key to the
    application's subscribers, whose table no spec declares."""
    if not column.evidence or any(e.kind != "prose" for e in column.evidence):
        return False
    written = any(re.search(rf"(?<![\w`]){re.escape(column.name)}(?!\w)", e.text) for e in column.evidence)
    belongs = W.alternation_of(W.words()["relationship"]["belongs_to"])
    owned = re.search(rf"(?i){belongs}\s+[^()]{{1,40}}\(\s*{re.escape(column.name)}\s*\)", description) is not None
    return written and (stem in prose_words or W.singular(stem) + "s" in prose_words or owned)  # (`belonging to an ISP (organization_id)`)


def _keyed_alike(known: _Known, stem: str) -> bool:
    """Whether an `<stem>_id` column can point at the entity by its key: `id`, or a key named alike (`claim_id`,
    `system_alert_id`); ShadowOrganization keyed by `twizzit_id` leaves an `organization_id` to some other system."""
    return known.key_column in (None, "id") or W.entity_key(known.key_column).endswith(f"{stem}id")


def _natural_key_reference(column: InferredColumn, entity: InferredEntity, local: dict[str, _Known], project: Project) -> bool:
    """`snapshot_name` beside a Snapshot whose key is its `name`: a key to it, by the entity's name and its key's."""
    parts = column.name.split("_")
    if len(parts) > MAX_NAME_WORDS:
        return False  # (no entity's name and key's run so long; each cut would read the whole name again)
    for cut in range(len(parts) - 1, 0, -1):
        key = W.entity_key("_".join(parts[:cut]))
        known = local.get(key) or project.known.get(key)
        if known is None or key in keys_of(entity) or known.key_column in (None, "id"):
            continue
        if "_".join(parts[cut:]) == W.snake(known.key_column):
            column.references = known.name
            return True
    return False


def _written_gloss(decl: EntityDecl, lines: list[str]) -> str | None:
    """`**Factura (Invoice)**`: the English name in parentheses after the entity's own, as its line writes it."""
    line = lines[decl.span.line - 1] if 0 < decl.span.line <= len(lines) else ""
    said = re.search(rf"\*\*\s*{re.escape(decl.name)}\s*[(（]\s*([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)\s*[)）]", line)
    return said.group(1) if said else None


def _names_its_own(stem: str, entity: InferredEntity) -> bool:
    """`waitlist` in GymWaitlist (`gym_waitlist`): the last words of the entity's name or table."""
    for name in (entity.name, entity.table):
        words = [W.singular(w) for w in W.snake(name or "").split("_") if w]
        if any("_".join(words[-size:]) == W.singular(stem) for size in range(1, len(words) + 1)):
            return True
    return False


def _actor_reference(column: InferredColumn, local: dict[str, _Known], project: Project) -> bool:
    """`created_by`, `owner_id`, `assigned_to` (data/words.json `actor_columns`) with a key's type: a key to the
    project's user entity (the first of `user_entities` the project has), if it has one."""
    guessed = column.type == "text" and not column.confident  # `uploader` in prose: typed from its words alone
    if not W.is_actor(column.name) or column.type not in (None, "uuid", "integer", "bigint") and not guessed:
        return False
    for word in W.words()["user_entities"]:
        known = local.get(W.entity_key(word)) or project.known.get(W.entity_key(word))
        if known is not None and known.key_type is not None:
            column.references = known.name
            return True
    return False


def _table_named_apart(entity: InferredEntity) -> bool:
    """`Business Scenario` whose data model calls its table `scenarios`: references name the table (`_ref_name`),
    which the spec must then declare, as nothing in the entity's name leads to it. `Transaction` kept in
    `payment_transactions` says it too: the data model's name for it pairs with it again on infer's next run,
    and in later features."""
    if entity.table is None or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", entity.table):
        return False
    from compiler.naming import loose_name, table_name

    # as `build` resolves a reference: case and separators aside, the entity's name or the table its name gives
    # (`Payment Record` is `payment_records`, so a table called `payment` must be declared)
    names = {entity.name, entity.gloss or "", table_name(entity.name, True), table_name(entity.name, False)}
    return loose_name(entity.table) not in {loose_name(n) for n in names if n}


def _not_requirements(spec, text: str) -> set[int]:
    """Lines (0-based) that are no requirement or scenario: the entity sections (read as entities) and code blocks."""
    from compiler.infer.code import find_blocks

    skipped = {n for first, last in spec.entity_sections for n in range(first - 1, last)}
    for block in find_blocks(text):
        skipped.update(range(block.fence_line - 1, block.first_line + len(block.lines)))
    return skipped


def _anchor(name: str, span: Span, gloss: str | None = None, description: str = "") -> InferredEntity:
    """A name in the merge that the data model's entity of that name pairs with, rather than with another prose
    entity whose name holds it: a typed spec entity (`List`, not `List Card`), an earlier feature's entity. The
    table its words name (`stored in `user_encryption_keys``) pairs it too, as it did when infer typed it."""
    anchor = InferredEntity(name=name, gloss=gloss)
    anchor.evidence.append(Evidence(span, "prose", name))
    anchor.table = prose_table(description)
    return anchor


def _decl_keys(decl: EntityDecl) -> set[str]:
    """The keys a spec's entity answers to: its name, its gloss (`商品（Product）` is Product too, as when infer
    typed it) and its table."""
    keys = {W.entity_key(n) for n in (decl.name, decl.gloss, decl.table_name) if n}
    return keys if decl.table_name else keys | W.entity_keys(decl.name)


def _ref_name(name: str, table: str | None, plural: bool, gloss: str | None = None) -> str:
    """How a reference names the entity: its name, or its gloss (`Сессия истории (ActionHistory)`), or its table
    when the name has spaces."""
    if NAME_RE.match(name):
        return name
    if gloss and NAME_RE.match(gloss):
        return gloss
    if table:
        return table
    from compiler.naming import table_name

    return table_name(name, plural)


def _key(entity: InferredEntity) -> InferredColumn | None | bool:
    """The column a reference to `entity` points at: its key, else its `id`; None when it has neither (the
    convention's `id` is added), False when the key is composite (no single column to point at)."""
    keys = [c for c in entity.columns if c.primary_key or c.composite_key]
    if len(keys) > 1:
        return False
    return keys[0] if keys else next((c for c in entity.columns if c.name == "id"), None)


def _key_column(entity: InferredEntity) -> str | None:
    column = _key(entity)
    return None if column is False else column.name if column is not None else "id"


def _references_to_keys(entity: InferredEntity, local: dict[str, _Known], project: Project, diags: Diagnostics) -> None:
    """`FOREIGN KEY (book_id) REFERENCES chunks(book_id)` where chunks' key is `id`: a reference names its target's key
    in the notation, so one to another column (which PostgreSQL takes only if it is unique) is kept as a plain column."""
    for column in entity.columns:
        if not column.references or not column.references_column:
            continue
        key = W.entity_key(column.references.split(".")[0])
        known = local.get(key) or project.known.get(key)
        pointed = W.snake(column.references_column)
        if known is None or known.key_column is None or pointed in (W.snake(known.key_column), "id"):
            continue
        if pointed not in known.columns:
            column.references_column = None  # `FK conversation (cascade)`, `FK template (opcional)`: a note, no column
            continue
        at = column.evidence[0].span if column.evidence else None
        diags.report(
            "W304",
            f"{entity.name}.{column.name} refers to {column.references}.{column.references_column}, which is not its key "
            f"({known.key_column}); kept as a plain column",
            at,
        )
        column.references = column.references_column = column.on_delete = None


def _key_type(entity: InferredEntity, default_key: str) -> str | None:
    column = _key(entity)
    if column is False:
        return None
    if column is None:
        return default_key
    if column.references or not column.type:
        return default_key if not column.type else column.type
    return column.type if not column.type.startswith("enum") else "text"


def _decl_key_type(decl: EntityDecl, default_key: str) -> str | None:
    if decl.primary_key is not None and len(decl.primary_key.columns) > 1:
        return None
    for attribute in decl.attributes:
        if attribute.primary_key or attribute.name == "id":
            return _type_text(attribute.type) if isinstance(attribute.type, TypeExpr) else default_key
    return default_key


def _type_text(expr: TypeExpr) -> str:
    args = f"({', '.join(a.value for a in expr.args)})" if expr.args else ""
    text = f"{expr.name}{args}{'[]' * expr.array_dims}"
    return text if re.match(r"^[\w(), \[\]]+$", text) else "uuid"


__all__ = ["EntityRewrite", "InferError", "InferredColumn", "InferredEntity", "SpecResult", "infer_entity", "infer_specs"]
