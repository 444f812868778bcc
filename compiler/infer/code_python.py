"""Python blocks of a data-model.md, read with `ast` (never imported, never run).

SQLModel (`table=True`), SQLAlchemy declarative (`Column`, `mapped_column`,
`Mapped[...]`, `__tablename__`, `__table_args__`), Django `models.Model`,
Pydantic `BaseModel` (request and response shapes: not stored), dataclasses
and plain annotated classes, and Alembic `op.create_table` / `op.add_column`
/ `op.create_index`.
"""

from __future__ import annotations

import ast
import re
import textwrap
from typing import TYPE_CHECKING

from compiler import linear_re
from compiler.infer.model import InferredColumn, InferredEntity
from compiler.infer.typemap import TypeGuess, canonical_type, enum_type

if TYPE_CHECKING:
    from compiler.infer.code import Block, _Reader


def _name(node: ast.AST | None) -> str:
    """`models.CharField` -> `models.CharField`; a call -> its function's name."""
    if node is None:
        return ""
    if isinstance(node, ast.Call):
        return _name(node.func)
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _name(node.value)
        return f"{head}.{node.attr}" if head else node.attr
    if isinstance(node, ast.Subscript):
        return _name(node.value)
    return ""


def _short(node: ast.AST | None) -> str:
    return _name(node).rsplit(".", 1)[-1]


def _text(node: ast.AST) -> str:
    try:
        return ast.unparse(node)
    except (RecursionError, ValueError, AttributeError):  # pragma: no cover - ast.unparse of a parsed tree
        return ""


def _const(node: ast.AST | None):
    return node.value if isinstance(node, ast.Constant) else None


def _kw(call: ast.Call, *names: str) -> ast.AST | None:
    for kw in call.keywords:
        if kw.arg in names:
            return kw.value
    return None


def _strings(node: ast.AST | None) -> list[str]:
    """`["a", "b"]`, `("a", "b")`, `"a"` -> the strings; attribute names for `Task.user_id`."""
    if node is None:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Attribute):
        return [node.attr]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        out = []
        for item in node.elts:
            out.extend(_strings(item))
        return out
    return []


def _parse(reader: _Reader, block: Block) -> ast.Module | None:
    source = "\n".join(block.lines)
    for text in (source, textwrap.dedent(source)):
        try:
            return ast.parse(text)
        except SyntaxError as exc:
            error = exc
        except (ValueError, RecursionError, MemoryError) as exc:  # null bytes, nesting
            reader.finding("W340", f"Python block not read: {type(exc).__name__}", block.fence_line)
            return None
    line = block.first_line + max((error.lineno or 1) - 1, 0)
    reader.finding("W340", f"Python block not read: {error.msg}", line if line <= block.first_line + len(block.lines) else block.fence_line)
    return None


def read_python(reader: _Reader, block: Block) -> None:
    tree = _parse(reader, block)
    if tree is None:
        return
    base_line = block.first_line - 1
    words = __import__("compiler.infer.code", fromlist=["_words"])._words()
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}

    def chain(cls: ast.ClassDef, seen: frozenset = frozenset()) -> list[str]:
        """Base names of `cls`, with those of bases declared in the block."""
        out = []
        for base in cls.bases:
            name = _name(base)
            out.append(name)
            if name in classes and name not in seen and name != cls.name:
                out.extend(chain(classes[name], seen | {cls.name}))
        return out

    # enums and Literal aliases first: columns typed with them become enum(...); Django nests its TextChoices
    nested = [s for c in tree.body if isinstance(c, ast.ClassDef) for s in c.body if isinstance(s, ast.ClassDef)]
    for node in [*tree.body, *nested]:
        if (
            isinstance(node, ast.ClassDef)
            and set(chain(node)) & set(words["enum_bases"])
            and any("Enum" in b or "Choices" in b for b in chain(node))
        ):
            values = []
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                    value = stmt.value.elts[0] if isinstance(stmt.value, ast.Tuple) and stmt.value.elts else stmt.value
                    v = _const(value)
                    values.append(str(v) if isinstance(v, (str, int)) and not isinstance(v, bool) else stmt.targets[0].id)
            if values:
                reader.enums[node.name.lower()] = values
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            value = node.value
            if isinstance(target, ast.Name) and isinstance(value, (ast.List, ast.Tuple)) and _choices(reader, value):
                reader.choices[target.id.lower()] = _choices(reader, value)  # `STATUS_CHOICES = [("a", "A"), ...]`
            elif isinstance(target, ast.Name) and isinstance(value, ast.Subscript) and _short(value) == "Literal":
                guess = canonical_type(_text(value))
                if guess.values:
                    reader.enums[target.id.lower()] = guess.values
            elif isinstance(target, ast.Name) and isinstance(value, (ast.Name, ast.Attribute, ast.Subscript)) and target.id[:1].isupper():
                guess = canonical_type(_text(value))  # `TaskID = int`, `UserId = uuid.UUID`
                if guess.type is not None and guess.confident:
                    reader.aliases[target.id.lower()] = guess.type

    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            _read_class(reader, node, chain(node), classes, base_line, words)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "create_table":
                _alembic_table(reader, node, base_line)
            elif node.func.attr == "add_column" and len(node.args) >= 2:
                table = _const(node.args[0])
                if isinstance(table, str) and isinstance(node.args[1], ast.Call):
                    entity = _entity(reader, table, node.lineno + base_line)
                    _alembic_column(reader, entity, node.args[1], base_line)
            elif node.func.attr == "create_index" and len(node.args) >= 3:
                table = _const(node.args[1])
                columns = _strings(node.args[2])
                if isinstance(table, str) and columns:
                    entity = _entity(reader, table, node.lineno + base_line)
                    unique = _const(_kw(node, "unique")) is True
                    reader.add_index(entity, [_col(c) for c in columns], unique=unique)
        elif (
            isinstance(node, ast.Call)
            and _short(node) == "Index"
            and node.args
            and all(isinstance(a, ast.Attribute) for a in node.args[1:])
        ):
            # module-level `Index("ix", Task.user_id, Task.created_at)`
            owners = {_name(a.value) for a in node.args[1:]}
            if len(owners) == 1 and (owner := owners.pop()) in reader.entities:
                reader.add_index(reader.entities[owner], [_col(a.attr) for a in node.args[1:]], unique=_const(_kw(node, "unique")) is True)


def _entity(reader: _Reader, table: str, line: int) -> InferredEntity:
    from compiler.infer.code import entity_name

    return reader.entity(reader.tables.get(table.lower()) or entity_name(table), line, table=table, needle=table)


def _column_name(name: str) -> str:
    from compiler.infer.code import column_name

    return column_name(name)


_col = _column_name


def _kind(bases: list[str], cls: ast.ClassDef, words: dict) -> str:
    table_kw = any(kw.arg == "table" and _const(kw.value) is True for kw in cls.keywords)
    shorts = {b.rsplit(".", 1)[-1] for b in bases}
    if table_kw:
        return "sqlmodel"
    if "SQLModel" in shorts:
        return "sqlmodel-schema"
    if set(bases) & set(words["skip_bases"]) or shorts & {"Exception", "Protocol", "TypedDict", "NamedTuple", "ABC"}:
        return "skip"
    if any(b in ("models.Model",) or b.endswith(".Model") and b.startswith("models") for b in bases) or "AbstractUser" in shorts:
        return "django"
    body = {type(s).__name__ for s in cls.body}
    has_table = any(
        isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__tablename__" for t in s.targets) for s in cls.body
    )
    calls = {_short(s.value) for s in cls.body if isinstance(s, (ast.Assign, ast.AnnAssign)) and isinstance(s.value, ast.Call)}
    annotations = {_short(s.annotation) for s in cls.body if isinstance(s, ast.AnnAssign)}
    if has_table or calls & {"Column", "mapped_column"} or "Mapped" in annotations:
        return "sqlalchemy"
    if shorts & {"Model"} and any(c.endswith("Field") for c in calls):
        return "django"
    if bases and not cls.name.endswith("Mixin") and any(_django_field_call(s) for s in cls.body):
        return "django"  # `class Sample(BasePolymorphicModel)` of `models.CharField(...)`s: a model of another app's base
    if shorts & {b.rsplit(".", 1)[-1] for b in words["pydantic_bases"]}:
        return "pydantic"
    if "AnnAssign" in body or calls:
        return "plain"
    return "skip"


def _django_field_call(stmt: ast.stmt) -> bool:
    """`name = models.CharField(...)`, `related = models.ForeignKey(...)`: a field of Django's `models` module."""
    value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
    func = value.func if isinstance(value, ast.Call) else None
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "models"
        and (func.attr.endswith("Field") or func.attr in ("ForeignKey", "OneToOneField", "ManyToManyField"))
    )


def _abstract(cls: ast.ClassDef) -> bool:
    return any(
        isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__abstract__" for t in s.targets) and _const(s.value) is True
        for s in cls.body
    )


def _read_class(reader: _Reader, cls: ast.ClassDef, bases: list[str], classes: dict, base_line: int, words: dict) -> None:
    from compiler.infer.code import _not_stored_reason

    kind = _kind(bases, cls, words)
    if kind == "skip" or cls.name.lower() in reader.enums:
        return
    fields = []
    # fields of in-block bases first (SQLModel's `TaskBase` -> `Task(TaskBase, table=True)`)
    for base in reversed([b for b in bases if b in classes and b != cls.name]):
        fields.extend(s for s in classes[base].body if isinstance(s, (ast.AnnAssign, ast.Assign)))
    fields.extend(s for s in cls.body if isinstance(s, (ast.AnnAssign, ast.Assign)))
    if not any(_field_name(s) for s in fields):
        return
    line = cls.lineno + base_line
    table = None
    table_args = None
    meta = next((s for s in cls.body if isinstance(s, ast.ClassDef) and s.name == "Meta"), None)
    if (
        kind == "django"
        and meta is not None
        and any(isinstance(st, ast.Assign) and _target(st) == "abstract" and _const(st.value) is True for st in meta.body)
    ):
        return  # `class Meta: abstract = True`: fields its subclasses take, no table
    for stmt in fields:
        target = _target(stmt)
        if target == "__tablename__":
            table = _const(stmt.value) if isinstance(_const(stmt.value), str) else None
        elif target == "__table_args__":
            table_args = stmt.value
    if meta is not None:
        for stmt in meta.body:
            if _target(stmt) == "db_table" and isinstance(_const(stmt.value), str):
                table = _const(stmt.value)
    from compiler.infer.code import PYDANTIC_SHAPE, SQLMODEL_SCHEMA, entity_name, orm_entity_name

    name = orm_entity_name(cls.name, table) if kind in ("sqlalchemy", "sqlmodel", "django") else cls.name
    if table and kind in ("sqlalchemy", "sqlmodel", "django") and reader.tables.get(table.lower()) == entity_name(table):
        reader.rename(entity_name(table), name)  # `CREATE TABLE ginkgo_logs_backtest` above `class MBacktestLog`
    entity = reader.entity(name, line, table=table, needle=cls.name, shape=kind in ("plain", "pydantic", "sqlmodel-schema"))
    doc = ast.get_docstring(cls, clean=True)
    if doc and not entity.description:
        entity.description = doc.strip().split("\n\n")[0].replace("\n", " ")[:500]
    if kind == "sqlmodel-schema":
        entity.stored, entity.not_stored_reason = False, SQLMODEL_SCHEMA
    elif kind == "pydantic":
        entity.stored, entity.not_stored_reason = False, PYDANTIC_SHAPE
    elif kind == "sqlalchemy" and table is None and (_not_stored_reason(cls.name) or _abstract(cls)):
        # `class TimestampMixin:` with Columns, `__abstract__ = True`: columns its subclasses get, no table of its own
        entity.stored = False
        entity.not_stored_reason = _not_stored_reason(cls.name) or f"'{cls.name}' is abstract: its subclasses are the tables"
    elif kind == "plain":
        reason = _not_stored_reason(cls.name)
        decorators = {_short(d) for d in cls.decorator_list}
        if reason is None and not decorators & {"dataclass", "define", "s", "attrs", "frozen", "mutable"} and not bases:
            reason = f"'{cls.name}' is a plain Python class with no ORM base: an in-memory shape"
        if reason:
            entity.stored, entity.not_stored_reason = False, reason
    for stmt in fields:
        values = _choices(reader, stmt.value) if isinstance(stmt, ast.Assign) and isinstance(stmt.value, (ast.List, ast.Tuple)) else []
        if values and _target(stmt):
            reader.choices.setdefault(_target(stmt).lower(), values)  # a class's `STATUS_CHOICES`
    for stmt in fields:
        _field(reader, entity, stmt, kind, base_line)
    if kind == "django" and not any(c.primary_key for c in entity.columns):
        pk = InferredColumn(name="id", type="bigint", required=True, primary_key=True, description="Django's implicit primary key")
        reader.column(entity, pk, line, cls.name)
        entity.columns.insert(0, entity.columns.pop())
    if table_args is not None:
        _table_args(reader, entity, table_args)
    if meta is not None:
        _django_meta(reader, entity, meta)


def _target(stmt: ast.stmt) -> str | None:
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return stmt.target.id
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        return stmt.targets[0].id
    return None


_NOT_FIELDS = {"model_config", "Config", "Meta", "objects"}
_NAVIGATION = {
    "relationship",
    "Relationship",
    "ManyToManyField",
    "GenericForeignKey",
    "GenericRelation",
    "association_proxy",
    "backref",
    "column_property",
    "hybrid_property",
}
_COLUMN_CALLS = {"Column", "mapped_column", "Field", "field"}
_FK_CALLS = {"ForeignKey", "OneToOneField"}


def _field_name(stmt: ast.stmt) -> str | None:
    name = _target(stmt)
    if not name or name.startswith("_") or name in _NOT_FIELDS:
        return None
    if isinstance(stmt, ast.AnnAssign) and _short(stmt.annotation) == "ClassVar":
        return None
    if isinstance(stmt, ast.Assign) and not isinstance(stmt.value, ast.Call):
        return None  # `STATUS_DRAFT = "draft"`: a constant, not a column
    call = _short(stmt.value) if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) else ""
    column_call = call in ("Column", "mapped_column") or call.endswith("Field") or _django_field_call(stmt)
    if call and (re.fullmatch(r"[A-Z][A-Z0-9_]*", name) and not column_call or call.endswith("Manager")):
        return None  # `VOCABULARY = Descriptions.from_collection(...)`, `tags = TaggableManager()` (not `NAME = Column(...)`)
    return name


# `direction: DIRECTION_TYPES`: a type named like a constant is an enum another module declares, not an object
# `updated: str  # same format`: as the field above it (not `same format as the file name`)
SAME_AS_BEFORE_RE = re.compile(
    r"(?i)\s*(?:the\s+)?same\s+(?:(?:format|type)(?:\s+as\s+(?:above|before))?|as\s+(?:above|before))\s*[.;]?\s*$"
)
ENUM_CONSTANT_RE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{2,}(?:TYPES?|STATUS|KIND|ENUM)")


def _field(reader: _Reader, entity: InferredEntity, stmt: ast.stmt, kind: str, base_line: int) -> None:
    name = _field_name(stmt)
    if name is None:
        return
    line = stmt.lineno + base_line
    call = stmt.value if isinstance(stmt.value, ast.Call) else None
    annotation = stmt.annotation if isinstance(stmt, ast.AnnAssign) else None
    func = _short(call) if call is not None else ""
    if func in _NAVIGATION:
        return
    outer = None
    if func in ("Field", "field") and _kw(call, "sa_column") is not None and isinstance(_kw(call, "sa_column"), ast.Call):
        # SQLModel's `Field(default=..., sa_column=Column(...))`: the Column makes the column, the Field its default
        outer, call = call, _kw(call, "sa_column")
        func = _short(call)
    column = InferredColumn(name=_col(name), type=None)
    if outer is not None:
        _column_options(column, outer)
    written = None  # the type as written, for typemap
    positional = list(call.args) if call is not None else []
    fk_call = None
    if call is not None:
        for arg in positional:
            if isinstance(arg, ast.Call) and _short(arg) in _FK_CALLS:
                fk_call = arg
            elif isinstance(arg, ast.Constant) and isinstance(arg.value, str) and func == "Column":
                column.name = _col(arg.value)  # Column("name", String)
            elif written is None and func in ("Column", "mapped_column") and not isinstance(arg, ast.Constant):
                written = _text(arg)
        if func in _FK_CALLS:
            fk_call = call
        elif func.endswith("Field") and func not in ("Field",) or (kind == "django" and func not in _COLUMN_CALLS):
            written = _text(call)
        if _kw(call, "sa_type") is not None:
            written = _text(_kw(call, "sa_type"))
        kwargs = _kw(call, "sa_column_kwargs")
        if isinstance(kwargs, ast.Dict):  # `sa_column_kwargs={"type_": JSON}`: SQLAlchemy's own type for the column
            for key, value in zip(kwargs.keys, kwargs.values, strict=False):
                if isinstance(key, ast.Constant) and key.value == "type_":
                    written = _text(value)
    ann_guess = canonical_type(_text(annotation), column=column.name) if annotation is not None else None
    if (
        ann_guess is not None
        and ann_guess.reference
        and ann_guess.type is None
        and ann_guess.many
        and ann_guess.reference.lower() not in reader.aliases
    ):
        return  # `tasks: list["Task"]`: the other side of a foreign key
    if fk_call is not None:
        _foreign_key(column, fk_call, kind)
        if func in _FK_CALLS and kind == "django":
            column.name = column.name if column.name.endswith("_id") else column.name + "_id"
            if func == "OneToOneField":
                column.unique = True
    if (
        ann_guess is not None
        and ann_guess.reference
        and ann_guess.type is None
        and not ann_guess.many
        and fk_call is None
        and func not in _COLUMN_CALLS
        and not reader.enums.get(ann_guess.reference.lower())
        and ann_guess.reference.lower() not in reader.enum_classes
        and ann_guess.reference.lower() not in reader.aliases
        and not ENUM_CONSTANT_RE.fullmatch(ann_guess.reference)
    ):
        return  # `author: User` in a plain class: an object, not a column
    if call is not None:
        _column_options(column, call)
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        from compiler.infer.code import _default

        column.default = _python_default(stmt.value, _default)  # `completed: bool = False`
    # nullability
    if column.required is None:
        if kind == "django":
            column.required = _const(_kw(call, "null")) is not True if call is not None else True
        elif func == "Column" and kind in ("sqlalchemy", "sqlmodel"):
            column.required = column.primary_key  # Column() is nullable unless it says otherwise
        elif ann_guess is not None:
            column.required = not ann_guess.nullable
    guess = None
    if written is not None:
        guess = canonical_type(written, column=column.name)
        if guess.type is None and ann_guess is not None and ann_guess.type is not None:
            guess = ann_guess
    elif ann_guess is not None:
        guess = ann_guess
        length = _const(_kw(call, "max_length")) if call is not None else None
        if isinstance(length, int) and guess.type in ("text", "string"):
            guess = canonical_type(f"varchar({length})")
            guess.nullable = ann_guess.nullable
    if kind == "sqlalchemy" and func == "Column" and column.required is None:
        column.required = column.primary_key
    if column.required is None and guess is not None and guess.nullable is not None:
        column.required = not guess.nullable
    if fk_call is not None and guess is None:
        column = reader.column(entity, column, line, name)
        return  # typed by its target's key
    column = reader.column(entity, column, line, name)
    raw = written if written is not None else (_text(annotation) if annotation is not None else "")
    if guess is None:
        reader.finding("W341", f"{entity.name}.{column.name}: no type written", line, name)
        return
    values = _choices(reader, _kw(call, "choices")) if call is not None else []
    said = _const(_kw(call, "comment", "doc")) if call is not None else None
    trailing = _trailing_comment(reader, stmt, base_line)
    constant = ann_guess.reference if ann_guess is not None and guess.type is None else None
    if (
        ann_guess is not None
        and constant
        and ENUM_CONSTANT_RE.fullmatch(constant)
        and constant.lower() not in reader.enum_classes | set(reader.enums)
    ):
        # an enum of another module: the values its comment lists (`# LONG/SHORT`), else text to check
        listed = re.fullmatch(r"\s*([A-Z][A-Z0-9_]*(?:\s*[/|,]\s*[A-Z][A-Z0-9_]*)+)\s*", trailing or "")
        values = linear_re.split(r"\s*[/|,]\s*", listed.group(1)) if listed else []
        guess = (
            TypeGuess(enum_type(values), True, values=values)
            if values
            else TypeGuess("string", False, note=f"'{constant}' is an enum declared elsewhere")
        )
        guess.nullable = ann_guess.nullable
    textual = guess.type is not None and re.match(r"(string|text)\b", guess.type)
    if textual and not values:
        from compiler.infer.code import comment_values

        # `String(50), comment="line|bar|pie"`, `search_type: str  # "full_text", "semantic"`: the values it holds
        values = next((v for v in (comment_values(w, column.name) for w in (said, trailing) if isinstance(w, str)) if v), [])
    if textual and trailing and not values:
        from compiler.infer.code_curly import _comment_type

        # `day: str  # ISO date: "2025-10-22"`: what the text holds (`# JSON array` says how it is kept: as text)
        said_type = _comment_type(re.split(r":(?=\s|$)", trailing)[0])  # (not the colons of `HH:MM:SS`)
        before = entity.columns[-2] if len(entity.columns) >= 2 and entity.columns[-1] is column else None
        if said_type is None and before is not None and before.type and SAME_AS_BEFORE_RE.match(trailing):
            said_type = TypeGuess(before.type, True)  # `updated: str  # same format`: as the field above it
        if said_type is not None:
            said_type.nullable = guess.nullable
            guess = said_type
    if trailing and not column.description:
        column.description = trailing
    if kind in ("plain", "pydantic"):
        from compiler.infer.code import key_said_in_comment

        key_said_in_comment(entity, column, trailing)
    if values and guess.type is not None and re.match(r"(string|text)\b", guess.type):
        # Django's `CharField(choices=...)`: the column holds one of the listed values
        guess = TypeGuess(enum_type(values), True, values=values, nullable=guess.nullable)
    elif values:
        column.description = column.description or "choices: " + ", ".join(values)
    reader.typed(entity, column, raw, line, guess)
    if column.required is None and guess.nullable is not None:
        column.required = not guess.nullable
    if trailing and kind in ("plain", "pydantic") and column.references is None and not guess.reference:
        from compiler.infer.code_curly import comment_reference

        column.references = comment_reference(trailing, column.name)  # `paper_id: str  # 关联 PaperTradingState`


def _trailing_comment(reader: _Reader, stmt: ast.stmt, base_line: int) -> str | None:
    """The `# ...` comment at the end of a field's statement (its last line), which `ast` does not keep."""
    end = getattr(stmt, "end_lineno", None)
    if end is None:
        return None
    line = reader.line_text(end + base_line)
    from compiler.infer.code import QUOTED_ON_ONE_LINE_RE

    code = QUOTED_ON_ONE_LINE_RE.sub(lambda m: " " * len(m.group(0)), line)
    return line[code.index("#") + 1 :].strip() or None if "#" in code else None


def _foreign_key(column: InferredColumn, call: ast.Call, kind: str) -> None:
    target = call.args[0] if call.args else _kw(call, "to", "column")
    text = _const(target) if isinstance(_const(target), str) else _name(target)
    if not text:
        return
    if kind == "django":
        column.references = text.rsplit(".", 1)[-1] if text != "self" else None
        column.references_column = "id"
        if "." in text or text == "settings.AUTH_USER_MODEL":
            # `'auth.User'`: another app's model, keyed as Django keys models, by an integer (a uuid guess changed
            # type when a later feature declared User with its AutoField, E220); a model of these blocks types it
            column.type = "bigint"
    else:
        table, _, col = text.rpartition(".")
        column.references = table or text
        column.references_column = col or None
    action = _kw(call, "ondelete", "on_delete")
    if action is not None:
        from compiler.infer.code import _on_delete

        column.on_delete = _on_delete(_const(action) if isinstance(_const(action), str) else _short(action))


def _column_options(column: InferredColumn, call: ast.Call) -> None:
    from compiler.infer.code import _default, _on_delete

    for kw in call.keywords:
        value = _const(kw.value)
        if kw.arg == "primary_key" and value is True:
            column.primary_key, column.required = True, True
        elif kw.arg == "unique" and value is True:
            column.unique = True
        elif kw.arg in ("index", "db_index") and value is True:
            column.indexed = True
        elif kw.arg == "nullable" and isinstance(value, bool):
            column.required = not value
        elif kw.arg == "foreign_key" and isinstance(value, str):
            table, _, col = value.rpartition(".")
            column.references, column.references_column = table or value, col or None
        elif kw.arg == "ondelete" and isinstance(value, str):
            column.on_delete = _on_delete(value)
        elif kw.arg in ("default", "server_default", "default_factory"):
            if column.default is None:
                column.default = _python_default(kw.value, _default)
        elif kw.arg in ("auto_now_add", "auto_now") and value is True:
            column.default = column.default or "(now())"
        elif kw.arg in ("description", "help_text", "comment", "doc") and isinstance(value, str):
            column.description = value


def _python_default(node: ast.AST, canonical) -> str | None:
    value = _const(node)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return canonical(repr(value).replace('"', "'")) if "'" not in value else "'" + value.replace("'", "''") + "'"
    text = _text(node)
    if re.search(r"\b(now|utcnow|current_timestamp|today)\b", text, re.IGNORECASE):
        return "(now())" if "today" not in text else "(current_date)"
    if re.search(r"\buuid\d?\b|gen_random_uuid", text, re.IGNORECASE):
        return "(gen_random_uuid())"
    if isinstance(node, ast.Attribute):  # `Status.DRAFT`: the member's name
        return "'" + node.attr.lower() + "'"
    if isinstance(node, ast.Call) and _short(node) == "text" and node.args and isinstance(_const(node.args[0]), str):
        return canonical(_const(node.args[0])) or f"({_const(node.args[0])})"
    return None


def _choices(reader: _Reader, node: ast.AST | None) -> list[str]:
    """The stored values of `choices=`: a literal list of pairs, a `STATUS_CHOICES`
    constant, or `Status.choices` of a TextChoices class read in the block."""
    if isinstance(node, ast.Attribute) and node.attr == "choices":
        node = node.value
    if isinstance(node, ast.Name):
        return reader.choices.get(node.id.lower()) or reader.enums.get(node.id.lower(), [])
    if isinstance(node, (ast.List, ast.Tuple)):
        out = []
        for item in node.elts:
            value = _const(item.elts[0]) if isinstance(item, (ast.Tuple, ast.List)) and item.elts else _const(item)
            if isinstance(value, (str, int)) and not isinstance(value, bool):
                out.append(str(value))
        return out
    return []


def _table_args(reader: _Reader, entity: InferredEntity, node: ast.AST) -> None:
    items = node.elts if isinstance(node, (ast.Tuple, ast.List)) else [node]
    for item in items:
        if not isinstance(item, ast.Call):
            continue
        func = _short(item)
        if func == "UniqueConstraint":
            reader.add_index(entity, [_col(s) for s in _strings(ast.Tuple(elts=list(item.args)))], unique=True)
        elif func == "Index":
            cols = [_col(s) for s in _strings(ast.Tuple(elts=list(item.args[1:])))]
            if cols:
                reader.add_index(entity, cols, unique=_const(_kw(item, "unique")) is True)
        elif func == "CheckConstraint" and item.args and isinstance(_const(item.args[0]), str):
            entity.description = (entity.description + "; " if entity.description else "") + "check: " + _const(item.args[0])
        elif func == "PrimaryKeyConstraint":
            names = [_col(s) for s in _strings(ast.Tuple(elts=list(item.args)))]
            for col in entity.columns:
                if col.name in names:
                    col.primary_key, col.required = True, True


def _django_meta(reader: _Reader, entity: InferredEntity, meta: ast.ClassDef) -> None:
    # Meta names fields; a ForeignKey field `author` is the column `author_id`
    columns = {c.name for c in entity.columns}

    def _col(name: str) -> str:
        plain = _column_name(name)
        return plain + "_id" if plain not in columns and plain + "_id" in columns else plain

    for stmt in meta.body:
        target = _target(stmt)
        if target == "unique_together":
            value = stmt.value
            groups = (
                value.elts
                if isinstance(value, (ast.List, ast.Tuple)) and value.elts and isinstance(value.elts[0], (ast.List, ast.Tuple))
                else [value]
            )
            for group in groups:
                names = [_col(s) for s in _strings(group)]
                if names:
                    reader.add_index(entity, names, unique=True)
        elif target in ("indexes", "constraints") and isinstance(stmt.value, (ast.List, ast.Tuple)):
            for item in stmt.value.elts:
                if isinstance(item, ast.Call) and _short(item) in ("Index", "UniqueConstraint"):
                    names = [_col(s) for s in _strings(_kw(item, "fields"))]
                    if names:
                        reader.add_index(entity, names, unique=_short(item) == "UniqueConstraint")


def _alembic_table(reader: _Reader, call: ast.Call, base_line: int) -> None:
    if not call.args or not isinstance(_const(call.args[0]), str):
        return
    entity = _entity(reader, _const(call.args[0]), call.lineno + base_line)
    for arg in call.args[1:]:
        if not isinstance(arg, ast.Call):
            continue
        func = _short(arg)
        if func == "Column":
            _alembic_column(reader, entity, arg, base_line)
        elif func == "ForeignKeyConstraint" and len(arg.args) >= 2:
            local, remote = _strings(arg.args[0]), _strings(arg.args[1])
            if len(local) == 1 and len(remote) == 1:
                col = reader.find_column(entity, _col(local[0]))
                if col is not None:
                    table, _, target = remote[0].rpartition(".")
                    col.references, col.references_column = table or remote[0], target or None
                    action = _kw(arg, "ondelete")
                    if isinstance(_const(action), str):
                        from compiler.infer.code import _on_delete

                        col.on_delete = _on_delete(_const(action))
                    col.evidence.append(reader.evidence(arg.lineno + base_line))
        elif func in ("PrimaryKeyConstraint", "UniqueConstraint", "Index", "CheckConstraint"):
            _table_args(reader, entity, arg)


def _alembic_column(reader: _Reader, entity: InferredEntity, call: ast.Call, base_line: int) -> None:
    if _short(call) != "Column" or not call.args or not isinstance(_const(call.args[0]), str):
        return
    _field(reader, entity, ast.Assign(targets=[ast.Name(id=_const(call.args[0]))], value=call, lineno=call.lineno), "sqlalchemy", base_line)
