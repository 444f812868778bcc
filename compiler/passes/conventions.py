"""Conventions pass: the project's settings applied to each entity.

Assumes: resolved entities as one feature sees them (copies it may change).
Guarantees: every entity has `table_name`; every non-external entity with
typed attributes has a primary key (an `id` is added when none is declared),
created_at/updated_at when the project asks for them, deleted_at when it is
soft-deleted, FK columns and the user column marked `indexed` per settings,
`belongs to` relationships backed by a FK attribute, and one join entity per
`many to many`. What a convention adds is marked `synthesized`.
"""

from __future__ import annotations

from compiler.ast import AttributeDecl, ColumnGroup, EntityDecl, IndexDecl, Literal_, Reference, ResolvedType, TypeExpr, shallow_copy
from compiler.config import Settings
from compiler.diagnostics import Diagnostics, Span
from compiler.naming import SOFT_DELETE_COLUMN, join_table_name, pascal, snake, table_name
from compiler.types import Scalar

TIMESTAMP_COLUMNS = ("created_at", "updated_at")


def has_typed_attributes(entity: EntityDecl) -> bool:
    """Whether the entity becomes a table (a `*(not stored)*` one never does)."""
    return entity.stored and any(a.resolved is not None for a in entity.attributes)


def apply_conventions(
    entities: list[EntityDecl], settings: Settings, diags: Diagnostics, targets: dict[str, EntityDecl] | None = None
) -> list[EntityDecl]:
    by_name = targets if targets is not None else {e.name: e for e in entities}
    joins: list[EntityDecl] = []
    for entity in entities:
        named = entity.gloss or entity.name  # `用戶 (User)`: `users`
        entity.table_name = entity.external_table or entity.table_name or table_name(named, settings.table_names == "plural")
        if entity.external:
            _external_key(entity, settings)
            continue
        if not has_typed_attributes(entity):
            continue
        _convention_columns_in_place(entity, settings)
        _primary_key(entity, settings)
        if settings.timestamps:
            _timestamps(entity, settings)
        if entity.soft_delete is not None and not _find(entity, SOFT_DELETE_COLUMN):
            deleted_at = _synthesized(entity, SOFT_DELETE_COLUMN, ResolvedType(scalar=Scalar(settings.timestamp_type)), required=False)
            if entity.soft_delete.path == entity.span.path:  # declared with the entity: before what later features appended
                deleted_at.appended = False
                entity.attributes.insert(
                    next((i for i, a in enumerate(entity.attributes) if a.appended), len(entity.attributes)), deleted_at
                )
            else:
                deleted_at.appended = True
                entity.attributes.append(deleted_at)
        for relationship in entity.relationships:
            target = by_name.get(relationship.target)
            if target is None:
                continue
            if relationship.kind == "belongs to":
                _belongs_to(entity, target, relationship)
            elif relationship.kind == "many to many" and not _written_first_by(target, entity, by_name, relationship):
                joins.append(_join_entity(entity, target, relationship.span, settings, relationship.feature or entity.feature))
    for entity in [*entities, *joins]:
        if not entity.external and has_typed_attributes(entity):
            _indexes(entity, settings)
    return [*entities, *joins]


def _written_first_by(target: EntityDecl, entity: EntityDecl, by_name: dict[str, EntityDecl], relationship) -> bool:
    """A many-to-many written on both entities is one relationship: the side
    that wrote it first (earlier feature, then earlier entity) makes its join
    table, the other makes none, so a later feature writing the other side
    never swaps the join table."""
    if target.name == entity.name:
        return False
    reverse = next((r for r in target.relationships if r.kind == "many to many" and r.target == entity.name), None)
    if reverse is None:
        return False
    order = {name: i for i, name in enumerate(by_name)}
    mine = (relationship.feature or entity.feature, order.get(entity.name, 0))
    theirs = (reverse.feature or target.feature, order.get(target.name, 0))
    return theirs < mine


def _find(entity: EntityDecl, name: str) -> AttributeDecl | None:
    return next((a for a in entity.attributes if a.name == name), None)


def _synthesized(entity: EntityDecl, name: str, resolved: ResolvedType, *, required: bool, **fields) -> AttributeDecl:
    type_expr = TypeExpr(name=resolved.scalar.value if resolved.scalar else (resolved.entity or ""), span=entity.span)
    return AttributeDecl(name=name, span=entity.span, type=type_expr, resolved=resolved, required=required, synthesized=True, **fields)


def key_type(settings: Settings) -> ResolvedType:
    """The type of the keys the conventions add (`id`), as the settings choose."""
    return ResolvedType(scalar=Scalar.UUID if settings.primary_key == "uuid" else Scalar.BIGINT)


def _external_key(entity: EntityDecl, settings: Settings) -> None:
    if not any(a.primary_key for a in entity.attributes) and entity.primary_key is None:
        existing = _find(entity, "id")
        if existing is not None:
            existing.primary_key = True
        else:
            entity.attributes.insert(0, _synthesized(entity, "id", key_type(settings), required=True, primary_key=True))


def _convention_columns_in_place(entity: EntityDecl, settings: Settings) -> None:
    """`id`, `created_at`, `updated_at` that a later feature writes out for an entity whose table an earlier
    feature created: the convention made them there, first and before the appended columns, so they stay where
    the database has them (appended at the end, schema.sql disagreed with the migrations)."""
    if all(a.appended for a in entity.attributes):
        return  # no table yet: the columns are created in the order written
    names = ("id", *TIMESTAMP_COLUMNS) if settings.timestamps else ("id",)
    for name in names:
        attribute = _find(entity, name)
        if attribute is None or not attribute.appended:
            continue
        if name == "id" and (entity.primary_key is not None or any(a.primary_key for a in entity.attributes if a is not attribute)):
            continue  # the key is another column: `id` is new
        entity.attributes.remove(attribute)  # (re-typed or not: `created_at: string` alters the convention's column)
        attribute.appended = False
        at = 0 if name == "id" else next((i for i, a in enumerate(entity.attributes) if a.appended), len(entity.attributes))
        entity.attributes.insert(at, attribute)


def _primary_key(entity: EntityDecl, settings: Settings) -> None:
    if entity.primary_key is not None or any(a.primary_key for a in entity.attributes):
        return
    existing = _find(entity, "id")
    if existing is not None:
        existing.primary_key = True
        return
    entity.attributes.insert(0, _synthesized(entity, "id", key_type(settings), required=True, primary_key=True))


def _timestamps(entity: EntityDecl, settings: Settings) -> None:
    for name in TIMESTAMP_COLUMNS:
        attribute = _find(entity, name)
        if attribute is not None and not _is_timestamp(attribute):
            continue  # declared as something else (`updated_at: string(40)`): the author's column, not the convention's
        if attribute is None:
            attribute = _synthesized(entity, name, ResolvedType(scalar=Scalar(settings.timestamp_type)), required=True)
            # before the attributes later features appended: the order migrations leave the columns in
            first_appended = next((i for i, a in enumerate(entity.attributes) if a.appended), len(entity.attributes))
            entity.attributes.insert(first_appended, attribute)
        if attribute.required is None:
            attribute.required = True
        if attribute.default is None:
            attribute.default = Literal_(kind="name", value="now", span=attribute.span)


def _is_timestamp(attribute: AttributeDecl) -> bool:
    resolved = attribute.resolved
    return resolved is not None and resolved.scalar in (Scalar.TIMESTAMP, Scalar.TIMESTAMPTZ) and not resolved.array_dims


def _belongs_to(entity: EntityDecl, target: EntityDecl, relationship) -> None:
    column = f"{snake(target.name)}_id"
    for attribute in entity.attributes:
        points_at = attribute.references.entity if attribute.references else (attribute.resolved.entity if attribute.resolved else None)
        if points_at is None and attribute.name == column and attribute.resolved is not None:
            # `user_id: uuid` beside `belongs to User`: that attribute is the reference, not a second user_id
            attribute.references = Reference(entity=target.name, span=relationship.span)
            points_at = target.name
        if points_at == target.name:
            if attribute.on_delete is None and relationship.on_delete is not None:
                attribute.on_delete = relationship.on_delete
            return
    reference = Reference(entity=target.name, span=relationship.span)
    attribute = _synthesized(
        entity, column, ResolvedType(entity=target.name), required=True, references=reference, on_delete=relationship.on_delete
    )
    entity.attributes.insert(_after_key(entity), attribute)


def _after_key(entity: EntityDecl) -> int:
    index = 0
    for i, attribute in enumerate(entity.attributes):
        if attribute.primary_key or attribute.references is not None:
            index = i + 1
    return index


def _join_entity(left: EntityDecl, right: EntityDecl, span: Span, settings: Settings, feature: str) -> EntityDecl:
    left_column = f"{snake(left.name)}_id"
    right_column = f"{snake(right.name)}_id"
    if left_column == right_column:  # self many-to-many: `User many to many User`
        right_column = f"related_{right_column}"
    join = EntityDecl(
        name=f"{pascal(left.name)}{pascal(right.name)}",
        span=span,
        description=f"Links {left.name} and {right.name} (many to many).",
        table_name=join_table_name(left.name, right.name),
        feature=feature,
        primary_key=ColumnGroup(columns=[left_column, right_column], span=span),
    )
    for column, target in ((left_column, left), (right_column, right)):
        reference = Reference(entity=target.name, span=span)
        join.attributes.append(
            _synthesized(join, column, ResolvedType(entity=target.name), required=True, references=reference, on_delete="cascade")
        )
    if settings.timestamps:
        join.attributes.append(
            _synthesized(
                join,
                "created_at",
                ResolvedType(scalar=Scalar(settings.timestamp_type)),
                required=True,
                default=Literal_(kind="name", value="now", span=span),
            )
        )
    return join


def _indexes(entity: EntityDecl, settings: Settings) -> None:
    pk_columns = entity.primary_key.columns if entity.primary_key else [a.name for a in entity.attributes if a.primary_key]
    for attribute in entity.attributes:
        is_fk = attribute.references is not None or (attribute.resolved is not None and attribute.resolved.entity is not None)
        leads_key = bool(pk_columns) and pk_columns[0] == attribute.name
        if leads_key:
            continue
        if is_fk and settings.index_foreign_keys:
            attribute.indexed = True
        if attribute.name == settings.user_column and settings.index_user_column:
            attribute.indexed = True
        if settings.index_enums and attribute.resolved is not None and attribute.resolved.scalar is Scalar.ENUM:
            attribute.indexed = True
    user = _find(entity, settings.user_column)
    if settings.user_composite_indexes and user is not None:
        existing = {tuple(i.columns) for i in entity.indexes}
        for attribute in entity.attributes:
            if attribute.indexed and attribute is not user and (settings.user_column, attribute.name) not in existing:
                entity.indexes.append(IndexDecl(columns=[settings.user_column, attribute.name], span=attribute.span))


class ConventionCache:
    """Applies conventions once per entity version across features.

    `feature_entities` hands each feature the same object for an entity the
    feature left alone; its conventions (and join entities) from the earlier
    feature are reused instead of recomputed, which keeps a project of many
    features linear.
    """

    def __init__(self, settings: Settings, diags: Diagnostics) -> None:
        self.settings = settings
        self.diags = diags
        self._done: dict[int, tuple[EntityDecl, EntityDecl, list[EntityDecl]]] = {}
        # Kept across compiles by `restart`: entity name -> (what the entity
        # read as, its entity, its joins, the diagnostics reported).
        self._kept: dict[str, list[tuple]] = {}
        self._used: dict[str, list[tuple]] = {}

    def restart(self, diags: Diagnostics) -> None:
        """Start another compile with the same settings. An entity that reads
        as one of the last compile's (`_signature`) gets that compile's
        result, the same objects, so the lowering cache hits too, and its
        diagnostics are reported again."""
        self.diags = diags
        self._done = {}
        self._kept, self._used = self._used, {}

    def apply(self, entities: list[EntityDecl]) -> list[EntityDecl]:
        by_name = {e.name: e for e in entities}
        result: list[EntityDecl] = []
        joins: list[EntityDecl] = []
        for entity in entities:
            hit = self._done.get(id(entity))
            if hit is None or hit[0] is not entity:
                # Relationships read other entities (and their order): those are
                # worked out again in every compile.
                signature = None if entity.relationships else _signature(entity)
                kept = None
                if signature is not None:
                    kept = next((k for k in self._kept.get(entity.name, ()) if k[0] == signature), None)
                if kept is None:
                    own = _own_copy(entity)
                    reported = len(self.diags.items)
                    produced = apply_conventions([own], self.settings, self.diags, targets=by_name)
                    kept = (signature, produced[0], produced[1:], self.diags.items[reported:])
                else:
                    self.diags.items.extend(kept[3])
                if signature is not None:
                    used = self._used.setdefault(entity.name, [])
                    if not any(k is kept for k in used):
                        used.append(kept)
                hit = (entity, kept[1], kept[2])
                self._done[id(entity)] = hit
            result.append(hit[1])
            joins.extend(hit[2])
        return [*result, *joins]


_ENTITY_FIELDS = tuple(EntityDecl.__dataclass_fields__)


def _signature(entity: EntityDecl) -> tuple:
    """What the conventions read of an entity, comparable with `==` from one
    compile to the next. Nodes of a spec that was not edited are the same
    objects again (compared by identity first), and nothing changes them but
    the resolve pass, which writes an attribute's `resolved` type and a
    reference's entity: those are taken apart."""
    return (
        tuple(getattr(entity, name) for name in _ENTITY_FIELDS),
        tuple((a, a.resolved, a.references.entity if a.references is not None else None) for a in entity.attributes),
    )


def _own_copy(entity: EntityDecl) -> EntityDecl:
    """A copy this pass may change. It sets fields of the entity and of its
    attributes and adds to the attribute and index lists, and changes
    nothing deeper, so those are copied and the rest is shared (a deep copy
    of every entity was a fifth of a large build)."""
    return shallow_copy(entity, attributes=[shallow_copy(a) for a in entity.attributes], indexes=list(entity.indexes))
