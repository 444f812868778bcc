"""SQLAlchemy 2.0 models: one module per entity, a declarative base, and a
session module, from the last feature's schema (the whole database).

`Base.metadata.create_all` through the generated `create_all()` gives the
same catalog as schema.sql: every constraint and index carries its
schema.sql name, server defaults are the same SQL, and the updated_at
trigger and its function are attached with DDL events.

External tables (an auth provider's `users`) are in the metadata as plain
`Table`s marked `info={"external": True}` so foreign keys resolve;
`create_all()` / `drop_all()` skip them, and the database (or a test stub)
provides them.

`plan()` computes names, enum classes and relationships once; the SQLAlchemy
and SQLModel emitters only spell them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field

from compiler import naming
from compiler.config import Settings
from compiler.emit.output import EmitError, Output, header
from compiler.emit.postgres import create_trigger_sql, drop_function_sql, trigger_function_sql
from compiler.emit.postgres.dialect import FK_ACTIONS
from compiler.emit.sqlalchemy.types import (
    LINE_LENGTH,
    RESERVED_ATTRIBUTES,
    annotation,
    attribute_identifier,
    call,
    docstring,
    enum_members,
    nested,
    one_line,
    py_block,
    py_list,
    py_str,
    sa_type,
    server_default,
    sql_str,
    sql_text,
    stdlib_modules,
    uses_name,
)
from compiler.emit.templates import render
from compiler.ir import Column, EnumType, ForeignKey, Project, Schema, Table
from compiler.naming import pascal, python_identifier, snake

# -- the plan: names and relationships, shared with the SQLModel emitter ---------


@dataclass
class Relation:
    attribute: str
    target: str  # class name
    target_module: str
    back_populates: str
    many: bool  # a list of targets
    foreign_key: ForeignKey
    local: bool  # the FK columns are on this class (many-to-one side)
    self_referential: bool = False
    columns: list[str] = field(default_factory=list)  # FK attribute names (on the FK side's class)
    remote: list[str] = field(default_factory=list)  # PK attribute names, for self-reference
    on_delete: list[tuple[str, str]] = field(default_factory=list)  # relationship() options, parent side (ON_DELETE)


@dataclass
class ManyToMany:
    """A navigable many-to-many beside the association object: `Task.tags`
    through `task_tags`. Read-only (viewonly): rows of the link table are
    written through the association class, whose relationships carry the
    ON DELETE behaviour."""

    attribute: str
    target: str  # class name
    target_module: str
    back_populates: str
    link_table: str
    link_class: str
    link_module: str


@dataclass
class Model:
    table: Table
    class_name: str
    module: str
    attributes: dict[str, str]  # column name -> attribute name
    enums: list[EnumType]
    relations: list[Relation] = field(default_factory=list)
    many_to_many: list[ManyToMany] = field(default_factory=list)
    fetched: frozenset[str] = frozenset()  # columns a trigger sets on UPDATE (updated_at)


@dataclass
class Plan:
    schema: Schema
    models: list[Model]
    enum_classes: dict[str, str]  # enum type name -> class name
    enum_modules: dict[str, str]  # enum type name -> module of its class
    _by_table: dict[str, Model] | None = field(default=None, init=False, repr=False)

    def model(self, table: str) -> Model | None:
        if self._by_table is None:
            self._by_table = {m.table.name: m for m in self.models}
        return self._by_table.get(table)


def _unique(name: str, taken: set[str]) -> str:
    if name in RESERVED_ATTRIBUTES:
        name = f"{name}_"
    candidate = name
    n = 2
    while candidate in taken or candidate in RESERVED_ATTRIBUTES:
        candidate = f"{name}_{n}"
        n += 1
    taken.add(candidate)
    return candidate


def plan(schema: Schema) -> Plan:
    models: list[Model] = []
    modules: set[str] = {"base", "session", "__init__"}
    classes: set[str] = {"Base", "SQLModel"}
    enum_classes: dict[str, str] = {}
    enum_modules: dict[str, str] = {}
    enums = {e.name: e for e in schema.enums}
    functions = {f.name: f for f in schema.functions}
    for table in schema.tables:
        if table.primary_key is None:
            raise EmitError(f"table '{table.name}' has no primary key; an ORM model needs one")
        named = table.gloss or table.entity  # `用戶 (User)`: class User in user.py
        class_name = _unique(python_identifier(pascal(named) or pascal(table.name)), classes)
        module = _unique(python_identifier(snake(named) or table.name), modules)
        taken: set[str] = set()
        attributes = {c.name: _unique(attribute_identifier(c.name), taken) for c in table.columns}
        used = []
        for column in table.columns:
            if column.type.enum and column.type.enum in enums and column.type.enum not in enum_classes:
                enum_classes[column.type.enum] = _unique(python_identifier(pascal(column.type.enum)), classes)
                enum_modules[column.type.enum] = module
                used.append(enums[column.type.enum])
        fetched = frozenset(functions[t.function].column for t in table.triggers if t.event == "update" and t.function in functions)
        models.append(Model(table, class_name, module, attributes, used, fetched=fetched))
    result = Plan(schema, models, enum_classes, enum_modules)
    _relationships(result)
    return result


# What the ORM does to loaded children when their parent is deleted, so that
# it leaves the rows a plain SQL DELETE leaves (options of the parent side's
# relationship(), by the FK's ON DELETE; no action when the spec chose none).
# CASCADE: the ORM deletes the loaded children and leaves the others to the
# database; delete-orphan only where a child cannot exist without a parent
# (a NOT NULL key), since a nullable one may lose its parent.
# SET NULL: the ORM nulls the loaded children's keys, as the database would.
# RESTRICT, NO ACTION, SET DEFAULT: the ORM leaves the children alone, so the
# database refuses the DELETE or sets the default itself.
ON_DELETE: dict[str, tuple[tuple[str, str], ...]] = {
    "cascade": (("cascade", '"all, delete-orphan"'), ("passive_deletes", "True")),
    "cascade, nullable": (("cascade", '"all"'), ("passive_deletes", "True")),
    "set null": (("passive_deletes", "True"),),
    "restrict": (("passive_deletes", '"all"'),),
    "no action": (("passive_deletes", '"all"'),),
    "set default": (("passive_deletes", '"all"'),),
}


def on_delete_options(table: Table, fk: ForeignKey) -> list[tuple[str, str]]:
    action = fk.on_delete or "no action"
    if action == "cascade" and any(c.nullable for c in table.columns if c.name in fk.columns):
        action = "cascade, nullable"
    return list(ON_DELETE[action])


def _relationships(plan: Plan) -> None:
    taken = {m.table.name: set(m.attributes.values()) for m in plan.models}
    for child in plan.models:
        fks = [fk for fk in child.table.foreign_keys if len(fk.columns) == 1 and plan.model(fk.ref_table)]
        for fk in fks:
            parent = plan.model(fk.ref_table)
            column = fk.columns[0]
            self_ref = parent is child
            base = column[:-3] if column.endswith("_id") and len(column) > 3 else snake(parent.table.entity)
            if base in taken[child.table.name]:
                base = f"{column}_ref"
            local_name = _unique(python_identifier(base), taken[child.table.name])
            same_parent = [f for f in fks if f.ref_table == fk.ref_table]
            if self_ref:
                remote_base = "children" if local_name == "parent" else f"{local_name}_children"
            elif len(same_parent) > 1:
                remote_base = f"{child.table.name}_as_{local_name}"
            else:
                remote_base = child.table.name
            remote_name = _unique(python_identifier(remote_base), taken[parent.table.name])
            one_to_one = any(u.columns == fk.columns for u in child.table.uniques) or (
                child.table.primary_key is not None and child.table.primary_key.columns == fk.columns
            )
            fk_attrs = [child.attributes[c] for c in fk.columns]
            pk_attrs = [parent.attributes[c] for c in fk.ref_columns]
            child.relations.append(
                Relation(local_name, parent.class_name, parent.module, remote_name, False, fk, True, self_ref, fk_attrs, pk_attrs)
            )
            parent.relations.append(
                Relation(
                    remote_name,
                    child.class_name,
                    child.module,
                    local_name,
                    not one_to_one,
                    fk,
                    False,
                    self_ref,
                    fk_attrs,
                    pk_attrs,
                    on_delete_options(child.table, fk),
                )
            )
    for link in plan.models:
        pair = _link_pair(plan, link.table)
        if pair is None:
            continue
        (left, _), (right, _) = pair
        left_name = _unique(python_identifier(right.table.name), taken[left.table.name])
        right_name = _unique(python_identifier(left.table.name), taken[right.table.name])
        left.many_to_many.append(
            ManyToMany(left_name, right.class_name, right.module, right_name, link.table.name, link.class_name, link.module)
        )
        right.many_to_many.append(
            ManyToMany(right_name, left.class_name, left.module, left_name, link.table.name, link.class_name, link.module)
        )


def _link_pair(plan: Plan, table: Table) -> tuple[tuple[Model, ForeignKey], tuple[Model, ForeignKey]] | None:
    """The two models a link table joins: its primary key is exactly two
    single-column foreign keys to two different models (a join table, or an
    association class such as project_members with a role column)."""
    fks = [fk for fk in table.foreign_keys if len(fk.columns) == 1 and fk.columns[0] in table.primary_key.columns]
    if len(table.primary_key.columns) != 2 or len(fks) != 2 or {fks[0].columns[0], fks[1].columns[0]} != set(table.primary_key.columns):
        return None
    ends = [(plan.model(fk.ref_table), fk) for fk in fks]
    if any(m is None for m, _ in ends) or ends[0][0] is ends[1][0]:
        return None  # an external end has no class; a self-link needs explicit joins
    return ends[0], ends[1]


# -- shared spellings -------------------------------------------------------------


def enum_expr(plan: Plan, name: str, indent: int = 8, prefix: str = "") -> str:
    return nested("sa.Enum", [plan.enum_classes[name], f"name={py_str(name)}", "values_callable=enum_values"], indent, prefix)


def column_key(plan: Plan, table: str, column: str) -> str:
    """How constraints name a column: its SQL name (a mapped_column("class")
    attribute `class_` is the table column `class`)."""
    return column


def fk_constraint(plan: Plan, model: Model, fk: ForeignKey, indent: int) -> str:
    refs = [f"{fk.ref_table}.{column_key(plan, fk.ref_table, c)}" for c in fk.ref_columns]
    args = [py_list([py_str(c) for c in fk.columns], indent + 4), py_list([py_str(r) for r in refs], indent + 4), f"name={py_str(fk.name)}"]
    if fk.on_delete:
        args.append(f"ondelete={py_str(FK_ACTIONS[fk.on_delete])}")
    if fk.on_update:
        args.append(f"onupdate={py_str(FK_ACTIONS[fk.on_update])}")
    if plan.schema.is_deferred(model.table, fk):
        args.append("use_alter=True")
    return nested("sa.ForeignKeyConstraint", args, indent)


def table_args(plan: Plan, model: Model, indent: int = 8, skip_fks: frozenset[str] = frozenset()) -> list[str]:
    """Constraints, indexes and the table comment, with schema.sql's names.
    Columns are named by their SQL names; FKs named in `skip_fks` are left out
    (SQLModel spells them on the field)."""
    table = model.table
    keys = {c.name: c.name for c in table.columns}
    args = [
        nested(
            "sa.PrimaryKeyConstraint",
            [py_str(keys[c]) for c in table.primary_key.columns] + [f"name={py_str(table.primary_key.name)}"],
            indent,
        )
    ]
    args += [fk_constraint(plan, model, fk, indent) for fk in table.foreign_keys if fk.name not in skip_fks]
    args += [
        nested("sa.UniqueConstraint", [py_str(keys[c]) for c in u.columns] + [f"name={py_str(u.name)}"], indent) for u in table.uniques
    ]
    args += [nested("sa.CheckConstraint", [sql_str(c.expression), f"name={py_str(c.name)}"], indent) for c in table.checks]
    for index in table.indexes:
        index_args = [py_str(index.name)] + [py_str(keys[c]) for c in index.columns]
        if index.unique:
            index_args.append("unique=True")
        if index.where:
            index_args.append(f"postgresql_where={sql_text(index.where)}")
        args.append(nested("sa.Index", index_args, indent))
    if table.comment:
        flat = "{" + f'"comment": {py_str(table.comment)}' + "}"
        pad = " " * indent
        fits = len(pad + flat) + 1 <= LINE_LENGTH
        args.append(flat if fits else "{\n" + f'{pad}    "comment": {py_str(table.comment)},\n{pad}' + "}")
    return args


def column_args(plan: Plan, model: Model, column: Column, indent: int) -> list[str]:
    """Arguments of mapped_column()/sa.Column(): SQL name when it differs from
    the attribute, type, identity, server default, comment."""
    args = []
    if model.attributes[column.name] != column.name:
        args.append(py_str(column.name))
    expr = enum_expr(plan, column.type.enum, indent + 4) if column.type.enum else sa_type(column.type)
    args.append(expr)
    if column.identity:
        args.append("sa.Identity()")
    default = None if column.identity else server_default(column.default)
    if default:
        args.append(f"server_default={default}")
    if column.name in model.fetched:
        args.append(f"server_onupdate={FETCHED}")
    if column.comment:
        args.append(f"comment={py_str(column.comment)}")
    return args


# A column the database sets on UPDATE (the updated_at trigger): the ORM
# reads it back after each flush (with the mapper's eager_defaults, in the
# UPDATE's RETURNING), so an object keeps the value the row has.
FETCHED = "sa.FetchedValue()"
# (A read-only mapping: a dict literal in a class body is a mutable class attribute.)
EAGER_DEFAULTS = 'types.MappingProxyType({"eager_defaults": True})'


def model_stdlib(model: Model) -> list[str]:
    """The standard-library modules a model module imports."""
    modules = set(stdlib_imports(model.table.columns))
    modules |= {"enum"} if model.enums else set()
    modules |= {"types"} if model.fetched else set()
    return sorted(modules)


def python_annotation(plan: Plan, model: Model, column: Column) -> str:
    enum_class = plan.enum_classes.get(column.type.enum or "")
    base = annotation(column.type, enum_class)
    primary = model.table.primary_key is not None and column.name in model.table.primary_key.columns
    return f"{base} | None" if column.nullable and not primary else base


def ddl(sql: str, indent: int = 4) -> str:
    """A DDL statement as an argument at column `indent`, through the base
    module's typed `ddl()` (SQLAlchemy's DDL() is untyped); `%` doubled
    since DDL formats its text."""
    text = sql.rstrip(";").replace("%", "%%")
    literal = py_block(text) if "\n" in text else py_str(text)
    if literal.startswith('"""'):
        return f"ddl(\n{' ' * (indent + 4)}{literal}\n{' ' * indent})"
    return nested("ddl", [literal], indent)


def trigger_events(model: Model, table_expr: str) -> list[str]:
    """`event.listen(<table>, "after_create", ddl(CREATE TRIGGER ...))`."""
    return [call("event.listen", [table_expr, '"after_create"', ddl(create_trigger_sql(model.table, t))]) for t in model.table.triggers]


def function_events(schema: Schema, metadata: str) -> list[str]:
    """The updated_at function, created before the tables and dropped after."""
    events = []
    for function in schema.functions:
        events.append(call("event.listen", [metadata, '"before_create"', ddl(trigger_function_sql(function))]))
        events.append(call("event.listen", [metadata, '"after_drop"', ddl(drop_function_sql(function))]))
    return events


def soft_delete_column(table: Table) -> Column | None:
    if not table.soft_delete:
        return None
    return table.column(naming.SOFT_DELETE_COLUMN)


def enum_class_lines(plan: Plan, model: Model) -> list[list[str]]:
    blocks = []
    for enum in model.enums:
        lines = [
            f"class {plan.enum_classes[enum.name]}(str, enum.Enum):",
            docstring(f"Values of the enum type {enum.name} ({enum.table}.{enum.column}).", "    "),
            "",
        ]
        lines += [f"    {name} = {py_str(value)}" for name, value in enum_members(enum.values)]
        blocks.append(lines)
    return blocks


def external_tables(schema: Schema, metadata: str, extra: tuple[str, ...] = ()) -> list[str]:
    from compiler.emit.sqlalchemy.types import sa_type as _sa_type

    lines = []
    for ext in schema.external_tables:
        variable = python_identifier(f"{ext.name}_table")
        args = [
            py_str(ext.name),
            metadata,
            nested("sa.Column", [py_str(ext.key), _sa_type(ext.key_type), "primary_key=True"], 4),
            'info={"external": True}',
            *extra,
        ]
        lines.append(call("sa.Table", args, prefix=f"{variable} = "))
    return lines


def stdlib_imports(models_columns: list[Column]) -> list[str]:
    modules: set[str] = set()
    for column in models_columns:
        modules |= stdlib_modules(column.type)
    return sorted(modules)


def source_of(project: Project) -> str:
    """What a project-wide file is generated from: the range of specs."""
    names = [f.source or f.feature for f in project.features]
    return names[0] if len(names) == 1 else f"{names[0]} to {names[-1]}"


def declared_in(project: Project, table: Table) -> str:
    """The spec that declared a table (its model file's source)."""
    return next((f.source or f.feature for f in project.features if f.feature == table.feature), source_of(project))


# -- the SQLAlchemy emitter ----------------------------------------------------------


def emit(project: Project, settings: Settings) -> list[Output]:
    if not project.features:
        return []
    outputs = model_package(project, settings.outputs.sqlalchemy_models, base_module, model_module, "Base")
    outputs.append(Output(settings.outputs.session, render("sqlalchemy_session.py.j2", header=header("#", source_of(project)))))
    return outputs


def model_package(
    project: Project, folder: str, base: Callable, model: Callable, base_class: str, library: tuple[str, str] | None = None
) -> list[Output]:
    """A models package for the last feature's schema: `base.py`, one module
    per model and `__init__.py` (the SQLModel emitter passes its own
    `base` and `model` module writers, and `library`: the library's base
    class, which `__init__` exports too)."""
    the_plan = plan(project.features[-1])
    source = source_of(project)
    outputs = [Output(posixpath.join(folder, "base.py"), base(the_plan, source))]
    for one in the_plan.models:
        outputs.append(Output(posixpath.join(folder, f"{one.module}.py"), model(the_plan, one, declared_in(project, one.table))))
    outputs.append(Output(posixpath.join(folder, "__init__.py"), init_module(the_plan, source, base_class, library)))
    return outputs


def base_module(the_plan: Plan, source: str) -> str:
    events = function_events(the_plan.schema, "Base.metadata")
    return render(
        "sqlalchemy_base.py.j2",
        header=header("#", source),
        externals=external_tables(the_plan.schema, "Base.metadata"),
        external_names=one_line(", ".join(e.name for e in the_plan.schema.external_tables)) or "none",
        events=events,
        naming_convention=naming_convention(),
    )


def naming_convention() -> list[tuple[str, str]]:
    """SQLAlchemy's naming convention, spelled by `compiler.naming` (for one
    column; SQLAlchemy joins several with `_`)."""
    table, columns = "%(table_name)s", ["%(column_0_N_name)s"]
    return [
        ("pk", py_str(naming.primary_key_name(table))),
        ("fk", py_str(naming.foreign_key_name(table, columns))),
        ("uq", py_str(naming.unique_name(table, columns))),
        ("ix", py_str(naming.index_name(table, columns))),
    ]


def model_module(the_plan: Plan, model: Model, source: str) -> str:
    table = model.table
    columns = []
    for column in table.columns:
        attr = model.attributes[column.name]
        ann = python_annotation(the_plan, model, column)
        columns.append(call("mapped_column", column_args(the_plan, model, column, 4), 4, prefix=f"{attr}: Mapped[{ann}] = "))
    relations = []
    for rel in model.relations:
        args = [py_str(rel.target), f"back_populates={py_str(rel.back_populates)}"]
        if rel.local:
            args.append(f"foreign_keys=[{', '.join(rel.columns)}]")
            if rel.self_referential:
                args.append(f"remote_side=[{', '.join(rel.remote)}]")
            ann = rel.target if not any(c.nullable for c in table.columns if c.name in rel.foreign_key.columns) else f"{rel.target} | None"
        else:
            args.append(f"foreign_keys={py_str('[' + ', '.join(f'{rel.target}.{c}' for c in rel.columns) + ']')}")
            args += [f"{key}={value}" for key, value in rel.on_delete]
            ann = f"list[{rel.target}]" if rel.many else f"{rel.target} | None"
        relations.append(call("relationship", args, 4, prefix=f"{rel.attribute}: Mapped[{ann}] = "))
    for m2m in model.many_to_many:
        args = [py_str(m2m.target), f"secondary={py_str(m2m.link_table)}", f"back_populates={py_str(m2m.back_populates)}", "viewonly=True"]
        relations.append(call("relationship", args, 4, prefix=f"{m2m.attribute}: Mapped[list[{m2m.target}]] = "))
    type_imports = related_imports(model)
    triggers = trigger_events(model, f"{model.class_name}.__table__")
    soft = soft_delete_column(table)
    body = "\n".join(columns + relations) + "".join(table_args(the_plan, model))
    enum_imports = sorted(
        {
            (the_plan.enum_modules[c.type.enum], the_plan.enum_classes[c.type.enum])
            for c in table.columns
            if c.type.enum and the_plan.enum_modules[c.type.enum] != model.module
        }
    )
    return render(
        "sqlalchemy_model.py.j2",
        header=header("#", source),
        docstring=docstring(_model_doc(model)),
        class_docstring=docstring(one_line(table.comment) or f"{table.entity}.", "    "),
        stdlib=model_stdlib(model),
        postgresql=uses_name(body, "postgresql"),
        type_imports=type_imports,
        local_imports=local_imports(model, enum_imports, ["Base"] + (["ddl"] if triggers else [])),
        enums=enum_class_lines(the_plan, model),
        model=model,
        table_args=table_args(the_plan, model),
        columns=columns,
        relations=relations,
        relationship=bool(relations),
        mapper_args=EAGER_DEFAULTS if model.fetched else None,
        triggers=triggers,
        soft_delete=model.attributes[soft.name] if soft else None,
    )


def related_imports(model: Model) -> list[tuple[str, str]]:
    """The classes a model's relationships name, for `if TYPE_CHECKING:`."""
    targets = {(r.target_module, r.target) for r in model.relations} | {(m.target_module, m.target) for m in model.many_to_many}
    return sorted(t for t in targets if t[0] != model.module)


def local_imports(model: Model, enum_imports: list[tuple[str, str]], base: list[str]) -> list[tuple[str, str]]:
    """`from .module import names` lines (`base`: names from the base
    module), sorted as isort sorts them."""
    wanted: dict[str, list[str]] = {}
    if base:
        wanted["base"] = list(base)
    if any(c.type.enum for c in model.table.columns):
        wanted.setdefault("base", []).append("enum_values")
    for module, name in enum_imports:
        wanted.setdefault(module, []).append(name)
    return [(module, ", ".join(sorted(names, key=lambda n: (not n[:1].isupper(), n)))) for module, names in sorted(wanted.items())]


def _model_doc(model: Model) -> str:
    table = model.table
    lines = [f"{table.entity}: table {table.name}."]
    if table.user_scoped:
        lines += ["", "Rows belong to a user: filter every query by the user column (row-level security)."]
    return "\n".join(lines)


def _isort_order(name: str) -> tuple[bool, str]:
    """isort's order within one import: classes before functions."""
    return (not name[:1].isupper(), name)


def init_module(the_plan: Plan, source: str, base: str, library: tuple[str, str] | None = None) -> str:
    wanted: dict[str, list[str]] = {"base": [base, "create_all", "drop_all"]}
    for model in the_plan.models:
        wanted.setdefault(model.module, []).append(model.class_name)
    for name, class_name in the_plan.enum_classes.items():
        wanted.setdefault(the_plan.enum_modules[name], []).append(class_name)
    imports = [(module, ", ".join(sorted(names, key=_isort_order))) for module, names in sorted(wanted.items())]
    names = sorted([n for ns in wanted.values() for n in ns] + ([library[1]] if library else []), key=_isort_order)
    return render(
        "sqlalchemy_init.py.j2",
        header=header("#", source),
        library=library,
        imports=imports,
        all=py_list([py_str(n) for n in names]),
    )
