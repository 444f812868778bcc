"""Combine what each source says about one entity, most trusted source first.

Entities from code blocks, data-model.md tables and bullets, and spec.md prose
are matched by a normalised name (case, spacing, plural, a `Table`/`Entity`
suffix, and the table name a source gives). A field takes each fact from the
most trusted source that states it (`model.TRUST`: code > table/bullet >
prose); a less trusted source only fills what the others leave unsaid.
Every piece of evidence is kept. Where a more trusted source gives an entity
its columns, a column that only prose names is not added (the plan's data
model is the engineer's refinement of the prose); a finding says so.
"""

from __future__ import annotations

import re

from compiler.diagnostics import Diagnostics
from compiler.infer import words as W
from compiler.infer.model import TRUST, InferredColumn, InferredEntity

_FILLED = ("required", "default", "references", "references_column", "on_delete")


def _rank(item: InferredEntity | InferredColumn) -> int:
    return min((TRUST[e.kind] for e in item.evidence), default=3)


def keys_of(entity: InferredEntity) -> list[str]:
    """The entity's normalised name, then its table's: in that order, so that matching is deterministic."""
    keys = [W.entity_key(entity.name)]
    if entity.table is None:
        keys.extend(sorted(W.entity_keys(entity.name)))  # (the table a build gives it, when no source names one)
    if entity.gloss:
        keys.append(W.entity_key(entity.gloss))
    if entity.table:
        keys.append(W.entity_key(entity.table))
    keys.extend(W.entity_key(alias) for alias in entity.aliases)
    return [k for n, k in enumerate(keys) if k and k not in keys[:n]]


def merge(entities: list[InferredEntity], diags: Diagnostics) -> list[InferredEntity]:
    """One entity per normalised name, in the order first seen (spec prose order first, if given first)."""
    groups: list[list[InferredEntity]] = []
    index: dict[str, int] = {}
    single = {k for e in entities if "/" not in e.name for k in keys_of(e)}
    # an alias several entities share (`Users (現有表)`, `Roles (現有表)`: "existing table") is a note, not a name
    owners: dict[str, set[str]] = {}
    for entity in entities:
        for alias in entity.aliases:
            owners.setdefault(W.entity_key(alias), set()).add(W.entity_key(entity.gloss or entity.name))
    notes = {alias for alias, names in owners.items() if len(names) > 1}
    for entity in entities:
        keys = [k for k in keys_of(entity) if k not in notes or k == W.entity_key(entity.name)]
        if "/" in entity.name:
            # `Flag/Report` is Flag when the data model has Flag; `Department / Team` stays itself when it has both
            parts = [k for k in (W.entity_key(p) for p in entity.name.split("/")) if k in single]
            keys += parts if len(parts) == 1 else []
        found = next((index[k] for k in keys if k in index), None)
        if found is None:
            found = len(groups)
            groups.append([])
        # `LineBinding (LINE 綁定記錄)` in the data model is both the code's LineBinding and the prose's `LINE 綁定記錄`:
        # one entity. (Only a name in another language joins two groups; a table name may be a legacy one.)
        named = {W.entity_key(n) for n in (entity.gloss, *entity.aliases) if n}
        for other in dict.fromkeys(index[k] for k in keys if k in index and k in named and index[k] != found):
            groups[found].extend(groups[other])
            groups[other] = []
            index.update({k: found for k, v in index.items() if v == other})
        groups[found].append(entity)
        for key in keys:
            index.setdefault(key, found)
    _pair_leftovers(groups)
    return [_merge_group(group, diags) for group in groups if group]


def _name_words(entity: InferredEntity) -> list[str]:
    """The words of its name (of its Latin gloss, for a name in another script), singular, in order."""
    name = entity.gloss if entity.gloss and not entity.name.isascii() else entity.name
    return [W.singular(w) for w in W.snake(name).split("_") if w]


def _words(entity: InferredEntity) -> frozenset[str]:
    # (`OAuth` is one word, though snake case splits off its `o`)
    return frozenset(w for w in _name_words(entity) if len(w) > 1)


def _pair_leftovers(groups: list[list[InferredEntity]]) -> None:
    """A prose entity no data-model entity matched by name, and a data-model entity no prose entity matched,
    are one when the words of one name are all in the other (`OAuth Account` and `account`, `Verification
    Token` and `verification`) and neither has another such partner, unless the longer name adds a word for a
    view of the other (`Capture Frequency`, `Sales Summary`: data/words.json `derived_heads`). A shape the code marks as not stored
    (`LabelWithCount`) is no partner: it is a view of the entity, not the entity."""
    derived = frozenset(W.words()["derived_heads"])
    parts = frozenset(W.words()["part_heads"])
    prose_only = [g for g in groups if g and all(_rank(e) == TRUST["prose"] for e in g)]
    typed_only = [g for g in groups if g and all(_rank(e) < TRUST["prose"] and e.stored for e in g) and any(e.columns for e in g)]

    def related(a: list[InferredEntity], b: list[InferredEntity]) -> bool:
        if not a or not b:
            return False  # already paired
        wa, wb = _words(a[0]), _words(b[0])
        if (wa ^ wb) & derived:
            return False  # `Capture Frequency` is a view computed from Capture, not Capture
        # (`MemberCardsByPolicyItem` holds the word `policy`, and is a shape of its own, not the Policy)
        # (a prose name of two more words is another thing: `TicketVaultItem` is not the data model's `Ticket`)
        # (but `AgentJob cancellation metadata` is a part of AgentJob: data/words.json `part_heads`; and `Customer Support
        # Ticket` ends with the table's `Ticket`, its head noun; `Digital Ticket & Dynamic Token` names two things)
        two = not re.search(r"&|\band\b", a[0].name) and (bool((wa - wb) & parts) or _ends_with(a[0], b[0]))
        longer = len(wa - wb) <= 1 or len(wa - wb) == 2 and two
        return bool(wa and wb) and (wa <= wb and len(wb - wa) <= 2 or wb <= wa and longer)

    # a typed entity the prose already names (or the spec types) is no partner, but still makes the pairing
    # ambiguous: `Categoria` beside `CategoriaResponse` and `CategoriaUpstream` pairs with neither, on infer's
    # first run and on its output alike
    typed_named = [g for g in groups if g and g not in typed_only and any(_rank(e) < TRUST["prose"] and e.stored and e.columns for e in g)]
    for group in prose_only:
        partners = [t for t in typed_only if related(group, t)]
        if len(partners) != 1 or sum(related(p, partners[0]) for p in prose_only) != 1:
            continue
        if any(related(group, [e for e in t if _rank(e) < TRUST["prose"]]) for t in typed_named):
            continue
        group.extend(partners[0])
        partners[0].clear()


def _ends_with(longer: InferredEntity, shorter: InferredEntity) -> bool:
    """The longer name's last words are the shorter name (`Customer Support Ticket` and `Ticket`)."""
    # (every word, a letter too: `MEngine` is not the engine of `PaperTradingEngine`)
    tail = _name_words(shorter)
    return bool(tail) and _name_words(longer)[-len(tail) :] == tail


def _is_anchor(entity: InferredEntity) -> bool:
    return (
        not entity.columns and len(entity.evidence) == 1 and entity.evidence[0].kind == "prose" and entity.evidence[0].text == entity.name
    )


def _merge_group(group: list[InferredEntity], diags: Diagnostics) -> InferredEntity:
    by_trust = sorted(group, key=_rank)  # stable: same trust keeps source order
    prose_first = next((e for e in group if _rank(e) == TRUST["prose"]), None)
    # a typed spec entity (an anchor: its name, nothing read) names the group it is in: `ClientReseller`, which
    # says its table is Client's `client`, is part of Client, as on infer's first run
    anchor = next((e for e in group if _is_anchor(e)), None)
    best = by_trust[0]
    merged = InferredEntity(
        name=anchor.name if anchor is not None else prose_first.name if prose_first is not None else best.name,
        table=next((e.table for e in by_trust if e.table), None),
        gloss=next((e.gloss for e in group if e.gloss), None),
        description=next((e.description for e in group if e.description and _rank(e) == TRUST["prose"]), "")
        or next((e.description for e in by_trust if e.description), ""),
    )
    merged.existing = any(e.existing for e in group)
    merged.kept_in_database = any(e.kept_in_database for e in group)
    merged.described = any(e.described for e in group)
    own = set(keys_of(merged))
    for entity in group:
        merged.evidence.extend(entity.evidence)
        if W.entity_key(entity.name) not in own and entity.name not in merged.aliases:
            merged.aliases.append(entity.name)  # paired by part of its name: references by this name find it
        for index in entity.indexes:
            if index not in merged.indexes:
                merged.indexes.append(index)
        for unique in entity.unique_groups:
            if unique not in merged.unique_groups:
                merged.unique_groups.append(unique)
    # (a table a data model describes in words is no typed source: the spec's prose of it counts as much)
    typed_sources = [e for e in by_trust if e.columns and _rank(e) < TRUST["prose"] and not e.described]
    stored = [e for e in group if not e.stored]
    # Code that says "no table" (a Pydantic model, a request shape, an interface beside DDL) wins over prose. A
    # diagram that only sketches the entity (a box of untyped names) says nothing about where it is kept.
    if stored and not any(e.stored and not all(c.sketched for c in e.columns) for e in typed_sources):
        merged.stored = False
        merged.not_stored_reason = stored[0].not_stored_reason
    columns: dict[str, InferredColumn] = {}
    complete = any(e.complete for e in group)  # the DDL is the whole table: other sources only refine its columns
    for entity in by_trust:
        prose = _rank(entity) == TRUST["prose"]
        for column in entity.columns:
            key = column.name
            current = columns.get(key)
            if current is None:
                if complete and not entity.complete and column.evidence and _rank(entity) < TRUST["prose"]:
                    diags.report(
                        "W306",
                        f"{column.evidence[0].kind} names '{column.name}' for {merged.name}, which its CREATE TABLE does not have; not added",
                        column.evidence[0].span,
                    )
                    continue
                if prose and typed_sources:
                    if column.evidence:
                        diags.report(
                            "W306",
                            f"prose names '{column.name}' for {merged.name}, which the data model does not have; not added",
                            column.evidence[0].span,
                        )
                    continue
                columns[key] = _copy(column)
                continue
            _fill(current, column, diags, merged.name)
    merged.columns = list(columns.values())
    grouped = {n for g in (*merged.indexes, *merged.unique_groups) for n in g}
    for column in merged.columns:
        if column.type == "json" and (column.indexed or column.unique or column.name in grouped):
            # an index on JSON (a GIN index, `op.create_index(..., postgresql_using='gin')`) is one on jsonb:
            # json has no equality or containment operators to index (E217)
            column.type = "jsonb"
    return merged


def _copy(column: InferredColumn) -> InferredColumn:
    copy = InferredColumn(**{name: getattr(column, name) for name in column.__dataclass_fields__})
    copy.evidence = list(column.evidence)
    return copy


def _fill(current: InferredColumn, other: InferredColumn, diags: Diagnostics, entity: str) -> None:
    """`other` is less (or as) trusted: it fills gaps and adds its evidence; a disagreement is a finding."""
    current.evidence.extend(other.evidence)
    # a table or code names it too: more than a diagram's sketch (prose naming it says no more than the diagram)
    current.sketched = current.sketched and (other.sketched or _rank(other) == TRUST["prose"])
    # prose types a key from its name alone (`id`: the project's default key type), and a name from its examples (`a
    # category "Electronic Devices"`): neither retypes what a table or code wrote (a language's plain string aside,
    # which has no uuid). Prose's values for a status, or its `integer cents`, still refine a vague type.
    keyed = current.primary_key or current.name == "id" or current.name.endswith("_id") or current.references is not None
    examples = (other.type or "").startswith("enum(") and not W.status_like(current.name)
    guessed = keyed and not _plain_string(current) or examples
    written = guessed and current.type is not None and _rank(current) < TRUST["prose"] and _rank(other) == TRUST["prose"]
    if current.type is None or (not current.confident and other.confident and other.type and not written):
        if current.type is not None and other.required is not None and _rank(other) < TRUST["prose"]:
            current.required = other.required  # a source too vague for the type (`id: string`) is as vague on NOT NULL
        current.type, current.confident = other.type, other.confident
    elif _refines(current, other):
        current.type = other.type  # `createdBy?: string` in TypeScript, `UUID format` in the table: a UUID kept as a string
    elif other.type and other.type != current.type and other.confident and _rank(other) < TRUST["prose"] and other.evidence:
        diags.report(
            "W305",
            f"{entity}.{current.name}: {other.evidence[0].kind} says {other.type}, a more trusted source says {current.type}; kept {current.type}",
            other.evidence[0].span,
        )
    if current.navigated and other.references and not other.navigated:
        current.references, current.navigated = other.references, False  # `FK to User` beside `HasOne(i => i.AssignedUser)`
    for name in _FILLED:
        if getattr(current, name) is None and getattr(other, name) is not None:
            setattr(current, name, getattr(other, name))
    for flag in ("primary_key", "unique", "indexed", "composite_key"):
        if getattr(other, flag) and not getattr(current, flag) and _rank(other) < TRUST["prose"]:
            setattr(current, flag, True)
    if not current.description and other.description:
        current.description = other.description


def _refines(current: InferredColumn, other: InferredColumn) -> bool:
    """A language's plain string (TypeScript `string`, Python `str`), which has no uuid, date or enum type, said more
    precisely by a table or bullet. SQL's TEXT is a choice of the schema and stays."""
    plain_string = _plain_string(current)
    precise = other.confident and other.type and re.fullmatch(r"uuid|date|timestamptz?|email|url|enum\(.*\)", other.type)
    if (
        precise
        and (other.type or "").startswith("enum(")
        and _rank(other) < TRUST["prose"]
        and re.fullmatch(r"text|string(\(\d+\))?", current.type or "")
        and (
            W.status_like(current.name) or any(re.search(r"(?i)\bcheck\b|\benum\b|\bone\s+of\b|\bin\s*\(", e.text) for e in other.evidence)
        )
    ):
        # `role TEXT` or `status VARCHAR(20)` in the DDL, `CHECK IN ('admin', 'manager')` or `PENDING or PUBLISHED`
        # in the table: one column, its values said (a format such as `ISBN-13 or ISBN-10` is no set of values)
        return True
    sized = current.type and re.fullmatch(r"[a-z]+", current.type) and (other.type or "").startswith(current.type + "(")
    if sized and other.confident and _rank(other) < TRUST["prose"]:
        return True  # `numeric` in a diagram's sketch, `NUMERIC(3,2)` in the table: the same type, its size said
    bounded = other.confident and re.fullmatch(r"string\(\d+\)", other.type or "")  # `String | max 255 chars`
    return bool(plain_string and (precise or bounded) and _rank(other) < TRUST["prose"])


def _plain_string(column: InferredColumn) -> bool:
    """Typed by a language's plain string (TypeScript `string`, Python `str`), which has no uuid, date or enum type."""
    return column.type == "text" and any(
        e.kind == "code" and re.search(r"(?::\s*|\b)(?:string|str|String)\b(?!\s*\()", e.text) for e in column.evidence
    )
