"""Resolve pass: names across all specs.

Assumes: specs as the front end read them, in any order.
Guarantees: specs sorted by feature number; every attribute has `resolved`
set or an E102/E103/E105 was reported; every reference and relationship
names a declared entity of the same or an earlier feature (E201/E207
otherwise); duplicate entities (E202) and attributes (E203) reported.
`feature_entities(model)` gives the entities each feature sees, with
`*(extends)*` declarations folded in.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from pathlib import Path

from compiler.ast import AttributeDecl, EntityDecl, ProjectAst, ResolvedType, SpecFile, TypeExpr, shallow_copy
from compiler.diagnostics import Diagnostics
from compiler.naming import snake
from compiler.types import MAX_NUMERIC_PRECISION, MAX_VARCHAR, TYPE_NAMES, Scalar, lookup


def _feature_key(spec: SpecFile) -> tuple:
    # Two folders with one number (W203) are ordered by their full name.
    return (spec.number is None, spec.number or 0, spec.feature, spec.path)


@functools.lru_cache(maxsize=1 << 16)  # looked up for every name of every entity, in every compile
def entity_key(name: str) -> str:
    """The key an entity name is looked up by: `Report Summary`,
    `report_summary` and `ReportSummary` are one entity (W204 when spelled
    differently from the declaration)."""
    return "".join(ch for ch in name if not (ch.isspace() or ch in "_-")).casefold()


def declares_anything(entity: EntityDecl) -> bool:
    """Whether a bullet says more than prose: typed attributes or entity lines."""
    return bool(
        entity.attributes
        or entity.indexes
        or entity.uniques
        or entity.checks
        or entity.primary_key
        or entity.table_name
        or entity.soft_delete
        or entity.relationships
        or entity.removed_attributes
    )


class TypeCache:
    """Scalar types as resolved, by the parsed type node, kept from one
    compile to the next (the language server's): a scalar type does not
    depend on the other specs, so a node of a spec that was not edited
    resolves to the same ResolvedType, and its diagnostics are reported again.
    A type that names an entity depends on every spec: resolved each time."""

    def __init__(self) -> None:
        self._kept: dict[int, tuple[TypeExpr, ResolvedType | None, list]] = {}
        self._used: dict[int, tuple[TypeExpr, ResolvedType | None, list]] = {}

    def restart(self) -> None:
        self._kept, self._used = self._used, {}

    def resolve(self, expr: TypeExpr, declared: dict, diags: Diagnostics) -> ResolvedType | None:
        hit = self._kept.get(id(expr))
        if hit is None or hit[0] is not expr:
            if lookup(expr.name) is None:
                return resolve_type(expr, declared, diags)
            reported = len(diags.items)
            resolved = resolve_type(expr, declared, diags)
            hit = (expr, resolved, diags.items[reported:])
        elif id(expr) not in self._used:
            diags.items.extend(hit[2])
        self._used[id(expr)] = hit
        return hit[1]


def resolve(specs: list[SpecFile], diags: Diagnostics, types: TypeCache | None = None, memo: EntityMemo | None = None) -> ProjectAst:
    """The project's specs with names resolved. What the resolve pass decides
    about an entity (a mention dropped, an extension, a spelling) lives on
    copies of the specs and entities it changes: the parsed specs stay as
    parsed, so a caller may keep them (the language server does) and resolve
    them again after an edit (`types`, `memo`: its caches)."""
    specs = sorted(specs, key=_feature_key)
    declared: dict[str, tuple[int, EntityDecl]] = {}  # entity_key(name) -> (spec index, declaration)
    declared_later = _first_declarations(specs)
    resolved: list[SpecFile] = []
    for index, spec in enumerate(specs):
        kept = []
        for entity in spec.entities:
            entity.feature = spec.feature
            for relationship in entity.relationships:
                relationship.feature = spec.feature
            if entity.extends and declares_anything(entity) and not entity.removed:
                key = entity_key(entity.name)
                later = declared_later.get(key)
                if key not in declared and later is not None and later[0] > index:
                    # `**User (Extended)**` in 003, `**User**` in an unnumbered feature sorted after it: the first
                    # typed description creates the table, the later one changes it (W202)
                    diags.report(
                        "W205",
                        f"'{entity.name}' is marked as an existing entity, but only a later feature declares it "
                        f"({later[1]}); read as its declaration here",
                        entity.span,
                    )
                    entity = shallow_copy(entity, extends=False)
                elif key not in declared and later is None:
                    # `**UserProfile** (existing entity)` that no spec declares: its typed description is its
                    # declaration, from here on, so an entity above it in the same spec may refer to it
                    diags.report(
                        "W205",
                        f"'{entity.name}' is marked as an existing entity but no spec declares it; read as its declaration",
                        entity.span,
                    )
                    entity = shallow_copy(entity, extends=False)
            if not entity.extends:
                key = entity_key(entity.name)
                first = declared.get(key)
                same = _same_table(entity, index, declared) if first is None else None
                if same is not None:
                    # `User` in a later feature, `Users` in an earlier one: one table, so one entity (spelled as declared)
                    diags.report("W204", f"'{entity.name}' is declared as '{same[1].name}'; write it that way", entity.span)
                    declared.setdefault(key, same)
                    first, entity = same, shallow_copy(entity, name=same[1].name)
                if first is None:
                    declared[key] = (index, entity)
                elif first[0] == index and declares_anything(entity) and declares_anything(first[1]):
                    diags.report(
                        "E202",
                        f"entity '{entity.name}' is already declared at {first[1].span} (use *(extends)* to add to it)",
                        entity.span,
                    )
                elif declares_anything(entity):
                    # spec-kit features re-describe what they touch: typed, it changes the entity
                    diags.report(
                        "W202",
                        f"entity '{entity.name}' is already declared at {first[1].span}; read as "
                        f"'**{first[1].name}** *(extends)*' (write the marker)",
                        entity.span,
                    )
                    entity = shallow_copy(entity, extends=True)
                else:
                    diags.report(
                        "W201",
                        f"entity '{entity.name}' is already declared at {first[1].span}; this mention is read as a reference to it",
                        entity.span,
                    )
                    continue
            kept.append(entity)
        resolved.append(shallow_copy(spec, entities=kept))
    keys: dict[str, set[str]] = {}  # each entity's primary key attributes so far (W209)
    for index, spec in enumerate(resolved):
        kept = []
        for entity in spec.entities:
            if entity.extends:
                entity = _resolve_extends(entity, index, declared, diags)
                if entity is None:
                    continue
            if entity.extends or entity_key(entity.name) not in keys:
                _second_keys(entity, keys, diags)
            entity = _without_unnamed_types(entity, declared, diags)
            kept.append(entity)
            if memo is None:
                _resolve_entity(entity, index, declared, diags, types)
            else:
                memo.resolve(entity, index, declared, diags, types)
        spec.entities = kept
    _check_removals(resolved, diags)
    return ProjectAst(specs=resolved)


class EntityMemo:
    """Each entity's resolution kept from one compile to the next (the
    language server's): what it reported, while the entity is the same
    object in the same feature and each name it looked up finds the same
    declaration; what it wrote into the entity (types, reference targets) is
    still there. An entity whose resolution read every declaration (a "did
    you mean", a reference by table name) is resolved again each time."""

    def __init__(self) -> None:
        self._kept: dict[int, tuple] = {}
        self._used: dict[int, tuple] = {}

    def restart(self) -> None:
        self._kept, self._used = self._used, {}

    def resolve(self, entity: EntityDecl, index: int, declared: dict, diags: Diagnostics, types: TypeCache | None) -> None:
        hit = self._kept.get(id(entity))
        if hit is not None and hit[0] is entity and hit[1] == index and all(_same(declared.get(k), v) for k, v in hit[2].items()):
            diags.items.extend(hit[3])
        else:
            reads = _Reads(declared)
            reported = len(diags.items)
            _resolve_entity(entity, index, reads, diags, types)
            if reads.everything:
                return
            hit = (entity, index, reads.found, diags.items[reported:])
        self._used[id(entity)] = hit


def _same(now: tuple | None, then: tuple | None) -> bool:
    """One declaration: the same spec index and the same entity object."""
    return now is then or (now is not None and then is not None and now[0] == then[0] and now[1] is then[1])


class _Reads:
    """`declared` as one entity's resolution reads it: each key looked up and what it found, or everything."""

    def __init__(self, declared: dict) -> None:
        self.declared = declared
        self.found: dict[str, tuple | None] = {}
        self.everything = False

    def get(self, key: str) -> tuple | None:
        found = self.found[key] = self.declared.get(key)
        return found

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key: str) -> tuple:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def values(self):
        self.everything = True
        return self.declared.values()


def _first_declarations(specs: list[SpecFile]) -> dict[str, tuple[int, str]]:
    """entity_key -> (spec index, feature) of each entity's first declaration not marked `*(extends)*`."""
    first: dict[str, tuple[int, str]] = {}
    for index, spec in enumerate(specs):
        for entity in spec.entities:
            if not entity.extends:
                first.setdefault(entity_key(entity.name), (index, spec.feature))
    return first


def _resolve_extends(entity: EntityDecl, index: int, declared: dict, diags: Diagnostics) -> EntityDecl | None:
    """The `*(extends)*` entity pointed at its declaration (a copy where that
    changes it); None drops it."""
    key = entity_key(entity.name)
    found = declared.get(key)
    if found is None:  # (one that declares anything was read as its declaration by resolve's first pass)
        diags.report(
            "W205",
            f"'{entity.name}' is marked as an existing entity but no spec declares it{_suggest(entity.name, declared)}; "
            "read as prose, no table",
            entity.span,
        )
        return None
    if found[0] > index:
        if not declares_anything(entity):
            diags.report(
                "W205",
                f"'{entity.name}' is marked as an existing entity, but only a later feature declares it; read as prose",
                entity.span,
            )
            return None
        diags.report("E207", f"'{entity.name}' extends an entity declared by a later feature", entity.span)
        return entity
    declared_name = found[1].name
    if entity.name != declared_name:
        if entity.name.lower() != declared_name.lower():
            diags.report("W204", f"'{entity.name}' is declared as '{declared_name}'; write it that way", entity.span)
        entity = shallow_copy(entity, name=declared_name)
    return entity


def _check_removals(specs: list[SpecFile], diags: Diagnostics) -> None:
    """`removed: name` must name an attribute the entity has by then (E204)."""
    # Only entities with a `removed:` line somewhere need their names followed.
    removing = {entity.name.lower() for spec in specs for entity in spec.entities if entity.removed_attributes}
    names: dict[str, set[str]] = {}
    for spec in specs:
        for entity in spec.entities:
            key = entity.name.lower()
            if key not in removing:
                continue
            known = names.setdefault(key, set())
            for group in entity.removed_attributes:
                for name in group.columns:
                    if name.lower() not in known:
                        diags.report("E204", f"'removed: {name}': '{entity.name}' has no attribute '{name}' to remove", group.span)
                known -= {n.lower() for n in group.columns}
            known |= {a.name.lower() for a in entity.attributes}


def _resolve_entity(entity: EntityDecl, index: int, declared: dict, diags: Diagnostics, types: TypeCache | None = None) -> None:
    seen: dict[str, AttributeDecl] = {}
    for attribute in entity.attributes:
        key = attribute.name.lower()
        if key in seen:
            diags.report(
                "E203", f"attribute '{attribute.name}' is declared twice in '{entity.name}' (first at {seen[key].span})", attribute.span
            )
        else:
            seen[key] = attribute
        if types is None:
            attribute.resolved = resolve_type(attribute.type, declared, diags)
        else:
            attribute.resolved = types.resolve(attribute.type, declared, diags)
        if attribute.resolved is not None and attribute.resolved.entity is not None:
            _check_target(attribute.resolved.entity, attribute.type.span, index, declared, diags)
        if attribute.references is not None:
            by_table = _entity_by_table(attribute.references.entity, declared)
            if by_table is not None:  # `FK → users.id` names the table
                attribute.references.entity = by_table
            if _check_target(attribute.references.entity, attribute.references.span, index, declared, diags):
                attribute.references.entity = declared[entity_key(attribute.references.entity)][1].name
    for relationship in entity.relationships:
        span = relationship.target_span or relationship.span
        if relationship.kind in ("has many", "has one") and entity_key(relationship.target) not in declared:
            # the key is on the other side: naming no entity, the line adds nothing to the schema
            diags.report(
                "W206",
                f"'{entity.name} {relationship.kind} {relationship.target}': no spec declares '{relationship.target}'"
                f"{_suggest(relationship.target, declared)}; the line is skipped",
                span,
            )
            continue
        if _check_target(relationship.target, span, index, declared, diags):
            relationship.target = declared[entity_key(relationship.target)][1].name


def _same_table(entity: EntityDecl, index: int, declared: dict) -> tuple[int, EntityDecl] | None:
    """The entity an earlier feature declares whose table this one's name makes too (`Users` and `User`, either
    table-names setting): the same table, so the same entity. Within one feature two such declarations stay E202."""
    from compiler.naming import table_name

    if entity.table_name or entity.external:
        return None

    def tables(decl: EntityDecl) -> set[str]:  # (`Vínculo (Membership)` and `Associação (Membership)`: by the gloss)
        return {table_name(n, plural) for n in (decl.gloss or decl.name,) for plural in (True, False)}

    own = tables(entity)
    for found in declared.values():
        other = found[1]
        apart = other.table_name or other.external
        if found[0] < index and not apart and own & tables(other):
            return found
    return None


def _entity_by_table(name: str, declared: dict) -> str | None:
    """The entity whose table is `name` (`users` -> User): the one entity whose
    `table:` says so, else, when `name` is not itself an entity name, the
    entity whose table it would be. Table names are compared as written by
    `table:`/`*(external: ...)*`, then as the plural and singular snake_case
    of the entity name, so this works under either table-names setting."""
    from compiler.naming import loose_name, table_name

    key = name.lower()
    written = [e.name for _, e in declared.values() if key in {n.lower() for n in (e.table_name, e.external_table) if n}]
    if len(written) == 1 and name != written[0]:
        return written[0]  # `table: users` written on Supabase Auth User: that table, though a `User` is declared too
    if entity_key(name) in declared:
        return None
    matches = []
    for _, entity in declared.values():
        names = {n.lower() for n in (entity.table_name, entity.external_table) if n}
        names |= {table_name(n, p) for n in (entity.name, entity.gloss) if n for p in (True, False)}
        if key in names or loose_name(key) in {loose_name(n) for n in names}:
            matches.append(entity.name)
    return matches[0] if len(set(matches)) == 1 else None


def _check_target(name: str, span, index: int, declared: dict, diags: Diagnostics) -> bool:
    found = declared.get(entity_key(name))
    if found is None:
        diags.report("E201", f"unknown entity '{name}'{_suggest(name, declared)}", span)
        return False
    if name.lower() != found[1].name.lower():
        diags.report("W204", f"'{name}' is declared as '{found[1].name}'; write it that way", span)
    if found[0] > index:
        diags.report("E207", f"'{name}' is declared by a later feature ({found[1].feature})", span)
        return False
    return True


def _suggest(name: str, declared: dict) -> str:
    names = [entity.name for _, entity in declared.values()]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    if not close:
        close = [n for n in names if n.lower() == name.lower()]
    return f"; did you mean '{close[0]}'?" if close else ""


def _without_unnamed_types(entity: EntityDecl, declared: dict, diags: Diagnostics) -> EntityDecl:
    """`| labels | ARRAY(Text) |`, `| status | SandboxStatus |` in a team's table: a type that names no type and no
    entity of these specs is the team's words, not a typo of the notation (which stays E102): prose, no column.
    So is a type in words no entity is named like, even after a name in backticks (`` `iat`: 签发时间戳 ``,
    `` `sub`: subject ``); a name written as an entity's (`Usr`) stays an error.
    A copy, as the entity is the parse's, which the next compile (another spec may declare SandboxStatus) reuses."""
    unnamed = [a for a in entity.attributes if (a.tolerated or _reads_as_words(a.type.name, declared)) and _names_nothing(a.type, declared)]
    for attribute in unnamed:
        diags.report(
            "W106",
            f"'{attribute.name}': '{attribute.type.name}' is neither a spec2db type nor an entity of these specs; read as prose, no column",
            attribute.type.span,
        )
    if not unnamed:
        return entity
    dropped = {id(a) for a in unnamed}
    attributes = [a for a in entity.attributes if id(a) not in dropped]
    return shallow_copy(entity, attributes=attributes, prose_lines=entity.prose_lines + len(unnamed))


def _reads_as_words(name: str, declared: dict) -> bool:
    """A type name that is no entity's spelling (`subject`, `签发时间戳`), close to no entity's name and no word of
    one (`member` beside a TeamMember), and no SQL type (`tsvector`: a type spec2db lacks, an error to report)."""
    if re.fullmatch(r"[A-Z][A-Za-z0-9_]*", name) or name.lower() in _sql_types():
        return False
    names = [entity.name.lower() for _, entity in declared.values()]
    parts = {part for _, entity in declared.values() for part in snake(entity.name).split("_")}
    return name.lower() not in parts and not difflib.get_close_matches(name.lower(), names, n=1, cutoff=0.8)


@functools.cache
def _sql_types() -> frozenset[str]:
    path = Path(__file__).resolve().parent.parent / "frontend" / "sql_types.json"
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["postgres"])


def _names_nothing(expr: TypeExpr, declared: dict) -> bool:
    """No type, no entity, and no near miss of a type (`strng` is a typo: E102)."""
    if lookup(expr.name) is not None or entity_key(expr.name) in declared:
        return False
    return not difflib.get_close_matches(expr.name.lower(), [t.lower() for t in TYPE_NAMES], n=1, cutoff=0.8)


def resolve_type(expr: TypeExpr, declared: dict, diags: Diagnostics) -> ResolvedType | None:
    known = lookup(expr.name)
    if known is None:
        target = declared.get(entity_key(expr.name))
        if target is not None:
            if expr.args is not None:
                diags.report("E103", f"a reference to '{expr.name}' takes no arguments", expr.args_span)
                return None
            return ResolvedType(entity=target[1].name, array_dims=expr.array_dims)
        choices = [*TYPE_NAMES, *(e.name for _, e in declared.values())]
        close = difflib.get_close_matches(expr.name.lower(), [c.lower() for c in choices], n=1, cutoff=0.6)
        hint = f"; did you mean '{next(c for c in choices if c.lower() == close[0])}'?" if close else ""
        diags.report("E102", f"unknown type '{expr.name}'{hint}", expr.span)
        return None
    scalar, fmt = known
    return _check_args(expr, scalar, fmt, diags)


def _int_arg(expr: TypeExpr, i: int, low: int, high: int, what: str, diags: Diagnostics) -> int | None:
    arg = expr.args[i]
    if arg.kind != "number" or not arg.value.lstrip("+-").isdigit():
        diags.report("E103", f"{expr.name}({arg.value}): {what} must be a whole number", arg.span)
        return None
    value = int(arg.value)
    if not low <= value <= high:
        diags.report("E103", f"{expr.name}({arg.value}): {what} must be between {low} and {high}", arg.span)
        return None
    return value


def _arity(scalar: Scalar) -> tuple[int, int]:
    if scalar in (Scalar.STRING, Scalar.CHAR):
        return 0, 1
    if scalar is Scalar.DECIMAL:
        return 0, 2
    if scalar in (Scalar.TIME, Scalar.TIMESTAMP, Scalar.TIMESTAMPTZ):
        return 0, 1
    if scalar is Scalar.ENUM:
        return 1, 10_000
    return 0, 0


def _check_args(expr: TypeExpr, scalar: Scalar, fmt: str | None, diags: Diagnostics) -> ResolvedType | None:
    args = expr.args or []
    _, high = _arity(scalar)
    if scalar is Scalar.ENUM and not args:
        diags.report("E105", "enum lists no values; write enum(a, b, c)", expr.args_span or expr.span)
        return None
    if len(args) > high:
        where = expr.args_span or expr.span
        if high == 0:
            diags.report("E103", f"type '{expr.name}' takes no arguments", where)
        else:
            diags.report("E103", f"type '{expr.name}' takes at most {high} argument{'s' if high > 1 else ''}", where)
        return None
    resolved = ResolvedType(scalar=scalar, format=fmt, array_dims=expr.array_dims)
    if scalar in (Scalar.STRING, Scalar.CHAR) and args:
        resolved.length = _int_arg(expr, 0, 1, MAX_VARCHAR, "length", diags)
        if resolved.length is None:
            return None
    elif scalar is Scalar.CHAR:
        resolved.length = 1
    elif scalar is Scalar.DECIMAL and args:
        resolved.precision = _int_arg(expr, 0, 1, MAX_NUMERIC_PRECISION, "precision", diags)
        if resolved.precision is None:
            return None
        if len(args) == 2:
            resolved.scale = _int_arg(expr, 1, 0, MAX_NUMERIC_PRECISION, "scale", diags)
            if resolved.scale is None:
                return None
            if resolved.scale > resolved.precision:
                diags.report("E103", f"{expr.name}({resolved.precision},{resolved.scale}): scale must not exceed precision", args[1].span)
                return None
    elif scalar in (Scalar.TIME, Scalar.TIMESTAMP, Scalar.TIMESTAMPTZ) and args:
        resolved.precision = _int_arg(expr, 0, 0, 6, "precision", diags)
        if resolved.precision is None:
            return None
    elif scalar is Scalar.ENUM:
        values: list[str] = []
        for arg in args:
            if not arg.value.strip():
                diags.report("E105", "enum value is empty", arg.span)
                return None
            if arg.value in values:
                diags.report("E105", f"enum value '{arg.value}' is listed twice", arg.span)
                return None
            values.append(arg.value)
        renamed: dict[str, str] = {}
        for arg in args:
            if arg.renamed_from is None:
                continue
            if arg.renamed_from in values:
                diags.report("E105", f"enum value '{arg.value}' was '{arg.renamed_from}', which is still a value", arg.span)
                return None
            if arg.renamed_from in renamed.values():
                diags.report("E105", f"enum value '{arg.renamed_from}' is renamed twice", arg.span)
                return None
            renamed[arg.value] = arg.renamed_from
        resolved.values = values
        resolved.renamed_values = renamed
    if fmt is not None and resolved.length is None:
        from compiler.types import FORMAT_LENGTH

        resolved.length = FORMAT_LENGTH[fmt]
    return resolved


def feature_entities(model: ProjectAst):
    """For each feature in order, the entities it sees: its own declarations
    and the earlier ones, each `*(extends)*` folded into its entity.

    An entity that a feature leaves alone is the same object as in the
    previous feature, so later passes can reuse their work on it. These are
    the AST's own objects (or, once extended, merged copies): later passes
    copy before they change anything.
    """
    order: list[str] = []
    merged: dict[str, EntityDecl] = {}
    for spec in model.specs:
        # Entities this feature already copied, with their attribute positions by name:
        # further extensions fold into that copy in place.
        copied: dict[str, dict[str, int]] = {}
        for entity in spec.entities:
            key = entity.name.lower()
            if not entity.extends:
                if key not in merged:
                    order.append(key)
                    merged[key] = entity
                continue
            base = merged.get(key)
            if base is not None and entity.removed:
                del merged[key]
                order.remove(key)
            elif base is not None:
                if key not in copied:
                    base = _copy_for_fold(base)
                    merged[key] = base
                    copied[key] = {_attribute_key(a.name): i for i, a in enumerate(base.attributes)}
                copied[key] = _fold(base, entity, copied[key])
        yield [merged[k] for k in order]


def _keyed_elsewhere(entity: EntityDecl, position: int | None) -> bool:
    """Whether `entity` has a primary key that the attribute at `position` is no part of (one column of a
    composite key, declared again, is still part of it)."""
    if position is not None and entity.attributes[position].primary_key:
        return False
    if entity.primary_key is not None:
        return position is None or _attribute_key(entity.attributes[position].name) not in {
            _attribute_key(c) for c in entity.primary_key.columns
        }
    return any(a.primary_key for n, a in enumerate(entity.attributes) if n != position)


def _second_keys(entity: EntityDecl, keys: dict[str, set[str]], diags: Diagnostics) -> None:
    """W209 for each primary key an extension declares beside the key the entity has (`_id: ObjectId, primary key`
    in a later feature, `id` in the first): two features' keys would make one composite key nobody wrote, which
    every foreign key to the table would have to name. The key stays; the new attribute is unique (see `_fold`).
    `keys`: each entity's key attributes so far, kept up to date."""
    key = entity_key(entity.name)
    removed = {_attribute_key(n) for group in entity.removed_attributes for n in group.columns}
    current = keys.get(key, set()) - removed
    declared = {_attribute_key(a.renamed_from or a.name): a for a in entity.attributes if a.primary_key}
    if entity.primary_key is not None:
        keys[key] = {_attribute_key(c) for c in entity.primary_key.columns}
        return
    if not current:
        keys[key] = set(declared)
        return
    for name, attribute in declared.items():
        if name not in current:
            diags.report(
                "W209",
                f"'{entity.name}' already has its primary key ({', '.join(sorted(current))}); "
                f"'{attribute.name}' is read as unique, not as a second key column",
                attribute.modifier_spans.get("primary_key", attribute.span),
            )
    keys[key] = current


def _attribute_key(name: str) -> str:
    """An attribute as a re-declaration matches it: `statusSnapshot`, `status_snapshot` and `Status Snapshot` are one
    (`createdAt` and the convention's `created_at` are left to the conventions pass, which knows them)."""
    key = snake(name)
    return key if key and key not in ("id", "created_at", "updated_at", "deleted_at") else name.lower()


def _copy_for_fold(entity: EntityDecl) -> EntityDecl:
    """A copy that `_fold` may change without touching the earlier feature's
    entity: its lists are new, the nodes in them shared (`_fold` replaces
    nodes, never changes them). One copy per entity and feature, so many
    extensions cost no more than the attributes they add."""
    return shallow_copy(
        entity,
        attributes=list(entity.attributes),
        indexes=list(entity.indexes),
        uniques=list(entity.uniques),
        checks=list(entity.checks),
        relationships=list(entity.relationships),
        removed_attributes=list(entity.removed_attributes),
        extended_in=list(entity.extended_in),
    )


def _reads(sql) -> set[str]:
    """The columns (as attribute keys) a check or predicate reads; none
    when it does not parse (lowering reports it)."""
    from compiler import sqlexpr

    if sql is None:
        return set()
    try:
        return {_attribute_key(c) for c in sqlexpr.normalize(sql.text).columns}
    except sqlexpr.SqlExprError:
        return set()


def _fold(base: EntityDecl, extension: EntityDecl, by_name: dict[str, int]) -> dict[str, int]:
    """Fold `extension` into `base` in place; `by_name` is the position of each
    of base's attributes (kept up to date and returned, so a run of extensions
    costs what they add, not the entity's size each time)."""
    removed = {_attribute_key(n) for group in extension.removed_attributes for n in group.columns}
    if removed:
        base.attributes = [a for a in base.attributes if _attribute_key(a.name) not in removed]
        by_name = {_attribute_key(a.name): i for i, a in enumerate(base.attributes)}
        base.indexes = [i for i in base.indexes if not removed & ({_attribute_key(c) for c in i.columns} | _reads(i.where))]
        base.uniques = [u for u in base.uniques if not removed & {_attribute_key(c) for c in u.columns}]
        base.checks = [c for c in base.checks if not removed & _reads(c.expr)]
    renames = {a.renamed_from.lower(): a.name for a in extension.attributes if a.renamed_from}
    if renames:  # entity lines of the base follow an explicit rename (new nodes: the base's are shared)
        base.indexes = [shallow_copy(i, columns=[renames.get(c.lower(), c) for c in i.columns]) for i in base.indexes]
        base.uniques = [shallow_copy(u, columns=[renames.get(c.lower(), c) for c in u.columns]) for u in base.uniques]
        if base.primary_key:
            base.primary_key = shallow_copy(base.primary_key, columns=[renames.get(c.lower(), c) for c in base.primary_key.columns])
    for attribute in extension.attributes:
        key = _attribute_key(attribute.renamed_from or attribute.name)
        if attribute.primary_key and extension.primary_key is None and _keyed_elsewhere(base, by_name.get(key)):
            attribute = shallow_copy(attribute, primary_key=False, unique=True, required=True)  # W209
        if key in by_name:
            position = by_name.pop(key)
            by_name[_attribute_key(attribute.name)] = position
            previous = base.attributes[position]
            # `title` over `Title`, `statusSnapshot` over `status_snapshot`: the same attribute (names are matched as
            # the column names they make, regardless of case and separators), so its column is
            # renamed where it stands; dropped and added, it would move to the end and schema.sql would disagree
            renamed_from = attribute.renamed_from or (previous.name if previous.name != attribute.name else None)
            kept_key = {}
            if previous.primary_key and not attribute.primary_key and base.primary_key is None and extension.primary_key is None:
                # `ID (integer): Unique identifier` re-describing the key: still the key (dropped, the convention's
                # `id` would come back beside it with another type)
                kept_key = {"primary_key": True}
            base.attributes[position] = shallow_copy(attribute, appended=previous.appended, renamed_from=renamed_from, **kept_key)
        else:
            # ALTER TABLE ADD COLUMN puts it last, after the convention columns
            by_name[_attribute_key(attribute.name)] = len(base.attributes)
            base.attributes.append(shallow_copy(attribute, appended=True))
    base.indexes.extend(extension.indexes)
    base.uniques.extend(extension.uniques)
    base.checks.extend(extension.checks)
    base.relationships.extend(extension.relationships)
    base.primary_key = extension.primary_key or base.primary_key
    base.table_name = extension.table_name or base.table_name
    base.soft_delete = extension.soft_delete or base.soft_delete
    # An extension's prose describes the change ("gains tags"), not the entity.
    if extension.description and not base.description:
        base.description = extension.description
    if extension.feature and extension.feature not in base.extended_in:
        base.extended_in.append(extension.feature)
    return by_name
