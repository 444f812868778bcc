"""SQLModel models (opt-in: `emit = [..., "sqlmodel"]`): `table=True`
classes with `Field(...)` and `Relationship(...)`, one module per entity.

The names, enums and relationships come from the SQLAlchemy emitter's
`plan()`. Columns are `Field(sa_type=..., nullable=..., max_length=...)`;
a single-column foreign key whose name is PostgreSQL's default becomes
`Field(foreign_key=..., ondelete=...)`, any other constraint goes to
`__table_args__` with its schema.sql name, so `create_all()` gives the
same catalog as schema.sql. External tables are `info={"external": True}`
stubs in `SQLModel.metadata` (kept if the application defines them) that
`create_all()` skips.
"""

from __future__ import annotations

from compiler.config import Settings
from compiler.emit.output import Output, header
from compiler.emit.postgres.dialect import FK_ACTIONS
from compiler.emit.sqlalchemy import (
    EAGER_DEFAULTS,
    FETCHED,
    Model,
    Plan,
    column_key,
    enum_class_lines,
    enum_expr,
    external_tables,
    function_events,
    local_imports,
    model_package,
    model_stdlib,
    python_annotation,
    related_imports,
    soft_delete_column,
    table_args,
    trigger_events,
)
from compiler.emit.sqlalchemy.types import LINE_LENGTH, call, docstring, one_line, py_list, py_str, sa_type, server_default, uses_name
from compiler.emit.templates import render
from compiler.ir import Column, ForeignKey, Project
from compiler.types import Scalar

# The longest `{...}` kept on one line: what is left of the line once the
# `Field(...)` / `Relationship(...)` call around it is laid out (the layout
# `ruff format` leaves alone, checked by tests/test_orm.py).
_INLINE_COLUMN_KWARGS = LINE_LENGTH - 28
_INLINE_RELATIONSHIP_KWARGS = 60


def emit(project: Project, settings: Settings) -> list[Output]:
    if not project.features:
        return []
    return model_package(project, settings.outputs.sqlmodel_models, base_module, model_module, "TableModel", ("sqlmodel", "SQLModel"))


def base_module(the_plan: Plan, source: str) -> str:
    events = function_events(the_plan.schema, "SQLModel.metadata")
    externals = external_tables(the_plan.schema, "SQLModel.metadata", extra=("keep_existing=True",))
    return render(
        "sqlmodel_base.py.j2",
        header=header("#", source),
        externals=externals,
        external_names=one_line(", ".join(e.name for e in the_plan.schema.external_tables)) or "none",
        events=events,
        own=py_list([py_str(n) for n in sorted(m.table.name for m in the_plan.models)]),
    )


def _field_fk(the_plan: Plan, model: Model, fk: ForeignKey) -> bool:
    """Spelled as Field(foreign_key=...): one column, PostgreSQL's default
    name (which an unnamed FK gets), no ON UPDATE, not deferred."""
    return (
        len(fk.columns) == 1
        and fk.name == f"{model.table.name}_{fk.columns[0]}_fkey"
        and fk.on_update is None
        and not the_plan.schema.is_deferred(model.table, fk)
        and fk.on_delete != "no action"
    )


def _field(the_plan: Plan, model: Model, column: Column, field_fks: dict[str, ForeignKey]) -> str:
    table = model.table
    attr = model.attributes[column.name]
    primary = column.name in table.primary_key.columns
    ann = python_annotation(the_plan, model, column)
    has_default = column.default is not None or column.identity
    args = []
    if column.nullable or has_default or primary:
        if not ann.endswith("| None"):
            ann = f"{ann} | None"
        args.append("default=None")
    if primary:
        args.append("primary_key=True")
    fk = field_fks.get(column.name)
    if fk is not None:
        ref = f"{fk.ref_table}.{column_key(the_plan, fk.ref_table, fk.ref_columns[0])}"
        args.append(f"foreign_key={py_str(ref)}")
        if fk.on_delete:
            args.append(f"ondelete={py_str(FK_ACTIONS[fk.on_delete])}")
    if column.type.length and column.type.scalar in (Scalar.STRING, Scalar.CHAR) and not column.type.array_dims:
        args.append(f"max_length={column.type.length}")
    if not primary:
        args.append(f"nullable={column.nullable}")
    expr = enum_expr(the_plan, column.type.enum, 8, "sa_type=") if column.type.enum else sa_type(column.type)
    args.append(f"sa_type={expr}")
    kwargs = []
    if model.attributes[column.name] != column.name:
        kwargs.append(f'"name": {py_str(column.name)}')
    default = None if column.identity else server_default(column.default)
    if default:
        kwargs.append(f'"server_default": {default}')
    if column.name in model.fetched:
        kwargs.append(f'"server_onupdate": {FETCHED}')
    if column.comment:
        kwargs.append(f'"comment": {py_str(column.comment)}')
    if column.identity:
        args.append("sa_column_args=[sa.Identity()]")
    if kwargs:
        flat = "{" + ", ".join(kwargs) + "}"
        if len(flat) <= _INLINE_COLUMN_KWARGS:
            args.append(f"sa_column_kwargs={flat}")
        else:
            args.append("sa_column_kwargs={\n" + "".join(f"            {k},\n" for k in kwargs) + "        }")
    return call("Field", args, 4, prefix=f"{attr}: {ann} = ")


def _relationship_kwargs(kwargs: list[str]) -> str:
    flat = "{" + ", ".join(kwargs) + "}"
    if len(flat) <= _INLINE_RELATIONSHIP_KWARGS:
        return f"sa_relationship_kwargs={flat}"
    return "sa_relationship_kwargs={\n" + "".join(f"            {k},\n" for k in kwargs) + "        }"


def model_module(the_plan: Plan, model: Model, source: str) -> str:
    table = model.table
    field_fks = {fk.columns[0]: fk for fk in table.foreign_keys if _field_fk(the_plan, model, fk)}
    # FKs spelled on the field are not repeated in __table_args__.
    constraints = table_args(the_plan, model, skip_fks=frozenset(fk.name for fk in field_fks.values()))
    fields = [_field(the_plan, model, c, field_fks) for c in table.columns]
    relations = []
    for rel in model.relations:
        kwargs = []
        if rel.local:
            kwargs.append(f'"foreign_keys": {py_str("[" + ", ".join(f"{model.class_name}.{c}" for c in rel.columns) + "]")}')
            if rel.self_referential:
                kwargs.append(f'"remote_side": {py_str("[" + ", ".join(f"{model.class_name}.{c}" for c in rel.remote) + "]")}')
            nullable = any(c.nullable for c in table.columns if c.name in rel.foreign_key.columns)
            ann = f'Optional["{rel.target}"]' if nullable else f'"{rel.target}"'
        else:
            kwargs.append(f'"foreign_keys": {py_str("[" + ", ".join(f"{rel.target}.{c}" for c in rel.columns) + "]")}')
            kwargs += [f"{py_str(key)}: {value}" for key, value in rel.on_delete]
            ann = f'list["{rel.target}"]' if rel.many else f'Optional["{rel.target}"]'
        args = [f"back_populates={py_str(rel.back_populates)}", _relationship_kwargs(kwargs)]
        relations.append(call("Relationship", args, 4, prefix=f"{rel.attribute}: {ann} = "))
    link_imports = []
    for m2m in model.many_to_many:
        args = [f"back_populates={py_str(m2m.back_populates)}", f"link_model={m2m.link_class}", _relationship_kwargs(['"viewonly": True'])]
        relations.append(call("Relationship", args, 4, prefix=f'{m2m.attribute}: list["{m2m.target}"] = '))
        link_imports.append((m2m.link_module, m2m.link_class))
    body = "\n".join(fields + relations + constraints)
    enum_imports = sorted(
        {
            (the_plan.enum_modules[c.type.enum], the_plan.enum_classes[c.type.enum])
            for c in table.columns
            if c.type.enum and the_plan.enum_modules[c.type.enum] != model.module
        }
    )
    type_imports = [t for t in related_imports(model) if t not in link_imports]
    soft = soft_delete_column(table)
    base_names = ["TableModel"] + (["ddl"] if table.triggers else []) + (["table_of"] if table.triggers or soft else [])
    return render(
        "sqlmodel_model.py.j2",
        header=header("#", source),
        docstring=docstring(f"{table.entity}: table {table.name} (SQLModel)."),
        class_docstring=docstring(one_line(table.comment) or f"{table.entity}.", "    "),
        stdlib=model_stdlib(model),
        optional=uses_name(body, "Optional"),
        type_checking=bool(type_imports),
        postgresql=uses_name(body, "postgresql"),
        sqlmodel_names=", ".join(n for n in ("Field", "Relationship") if n != "Relationship" or relations),
        local_imports=local_imports(model, sorted(set(enum_imports + link_imports)), base_names),
        type_imports=type_imports,
        enums=enum_class_lines(the_plan, model),
        model=model,
        mapper_args=EAGER_DEFAULTS if model.fetched else None,
        table_args=constraints,
        fields=fields,
        relations=relations,
        triggers=trigger_events(model, f"table_of({model.class_name})"),
        soft_delete=model.attributes[soft.name] if soft else None,
    )
