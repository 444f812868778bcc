"""Type names as written in real data models map to spec2db types, and every
type the table can produce is one spec2db's own resolver accepts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compiler.infer import typemap
from compiler.infer.typemap import accepted, canonical_type

CASES = [
    # C#
    ("Guid", "uuid", None),
    ("DateTimeOffset", "timestamptz", None),
    ("DateTime", "timestamp", None),
    ("decimal", "decimal", None),
    ("int?", "integer", True),
    ("string?", "text", True),
    ("long", "bigint", None),
    ("Int64", "bigint", None),
    ("byte[]", "bytes", None),
    ("Nullable<DateTime>", "timestamp", True),
    # TypeScript
    ("string", "text", None),
    ("boolean", "boolean", None),
    ("string | null", "text", True),
    ("Date | undefined", "date", True),
    ("Array<string>", "text[]", None),
    ("Record<string, unknown>", "jsonb", None),
    ("'low' | 'medium' | 'high'", "enum(low, medium, high)", None),
    ("'draft' | 'published' | null", "enum(draft, published)", True),
    # Java
    ("UUID", "uuid", None),
    ("BigDecimal", "decimal", None),
    ("LocalDate", "date", None),
    ("LocalDateTime", "timestamp", None),
    ("Instant", "timestamptz", None),
    ("List<String>", "text[]", None),
    # Go
    ("time.Time", "timestamptz", None),
    ("*string", "text", True),
    ("[]string", "text[]", None),
    ("float64", "double", None),
    ("sql.NullString", "text", True),
    # Rust
    ("Option<f64>", "double", True),
    ("DateTime<Utc>", "timestamptz", None),
    ("Vec<String>", "text[]", None),
    ("i32", "integer", None),
    # Python
    ("str", "text", None),
    ("datetime", "timestamp", None),
    ("Decimal", "decimal", None),
    ("List[str]", "text[]", None),
    ("list[int]", "integer[]", None),
    ("Optional[int]", "integer", True),
    ("int | None", "integer", True),
    ("Mapped[Optional[str]]", "text", True),
    ("Mapped[datetime]", "timestamp", None),
    ("Dict[str, Any]", "jsonb", None),
    ("Literal['a', 'b']", "enum(a, b)", None),
    ("EmailStr", "email", None),
    # SQL
    ("VARCHAR(255)", "string(255)", None),
    ("character varying(50)", "string(50)", None),
    ("DECIMAL(12,2)", "decimal(12, 2)", None),
    ("NUMERIC(10, 2)", "decimal(10, 2)", None),
    ("TIMESTAMP WITH TIME ZONE", "timestamptz", None),
    ("timestamptz", "timestamptz", None),
    ("SERIAL", "integer", None),
    ("BIGSERIAL", "bigint", None),
    ("text[]", "text[]", None),
    ("JSONB", "jsonb", None),
    ("CHAR(3)", "char(3)", None),
    ("TIMESTAMP(3)", "timestamp(3)", None),
    # Prisma
    ("String?", "text", True),
    ("Int", "integer", None),
    ("Json", "json", None),
    ("@db.VarChar(200)", "string(200)", None),
    # Django and SQLAlchemy
    ("CharField(200)", "string(200)", None),
    ("models.CharField(max_length=120)", "string(120)", None),
    ("models.DecimalField(max_digits=10, decimal_places=2)", "decimal(10, 2)", None),
    ("Column(String(50), nullable=False)", "string(50)", False),
    ("Enum('a', 'b')", "enum(a, b)", None),
    # table cells
    ("string (UUID)", "uuid", None),
    ("UUID (PK)", "uuid", False),  # a primary key is never null
    ("string (max 200 chars)", "string(200)", None),
    ("string, max 200 chars", "string(200)", None),
    ("string (email)", "email", None),
    ("timestamp (UTC)", "timestamptz", None),
    ("enum {A, B}", "enum(A, B)", None),
    ("(A/B/C)", "enum(A, B, C)", None),
    ("enum: low | medium | high", "enum(low, medium, high)", None),
    ("string (optional)", "text", True),
    ("`integer`", "integer", None),
    ("enum('in progress', done)", "enum('in progress', done)", None),
]


@pytest.mark.parametrize(("raw", "expected", "nullable"), CASES)
def test_type_names_map_to_canonical_types(raw, expected, nullable):
    guess = canonical_type(raw)
    assert guess.type == expected, guess
    assert guess.nullable is nullable, guess
    assert accepted(guess.type)


def test_enum_values_are_reported():
    assert canonical_type("enum {Draft, Published}").values == ["Draft", "Published"]


def test_entities_and_collections_of_entities_are_references_not_types():
    user = canonical_type("User")
    assert (user.type, user.confident, user.reference, user.many) == (None, False, "User", False)
    orders = canonical_type("ICollection<Order>")
    assert (orders.type, orders.reference, orders.many) == (None, "Order", True)
    tags = canonical_type("List[Tag]")
    assert (tags.type, tags.reference, tags.many) == (None, "Tag", True)


@pytest.mark.parametrize("raw", ["", "   ", "foo bar baz", "x" * 5000, "List[" * 300 + "int" + "]" * 300, "((((", "int | dict"])
def test_unknown_is_none_with_a_note(raw):
    guess = canonical_type(raw)
    assert guess.type is None and not guess.confident and guess.note


def test_ambiguous_names_are_not_confident_and_use_the_column_name():
    assert (canonical_type("number").type, canonical_type("number").confident) == ("double", False)
    assert canonical_type("number", column="itemCount").type == "integer"
    assert canonical_type("number", column="unit_price").type == "decimal"
    created = canonical_type("Date", column="createdAt")
    assert (created.type, created.confident) == ("timestamp", False)
    assert canonical_type("Date", column="birth_date").type == "date"


def _every_type_in_the_table() -> list[str]:
    data = json.loads((Path(typemap.__file__).with_name("data") / "types.json").read_text(encoding="utf-8"))
    found = set()
    for value in data["names"].values():
        t = value if isinstance(value, str) else value["type"]
        if t is not None:
            found.add(t)
    found.update(data["go_null_types"].values())
    found.update(data["note_types"].values())
    return sorted(found)


@pytest.mark.parametrize("type_text", _every_type_in_the_table())
def test_every_type_in_the_table_parses_and_resolves(type_text):
    assert accepted(type_text), type_text
    assert accepted(type_text + "[]"), type_text


def test_every_name_in_the_table_maps_to_an_accepted_type():
    data = json.loads((Path(typemap.__file__).with_name("data") / "types.json").read_text(encoding="utf-8"))
    for name, value in data["names"].items():
        expected = value if isinstance(value, str) else value["type"]
        assert canonical_type(name).type == expected, name
    for name in data["sized"]:
        guess = canonical_type(f"{name}(10)")
        assert guess.type is None or accepted(guess.type), name


def test_accepted_rejects_what_spec2db_rejects():
    assert not accepted("varchar(0)")
    assert not accepted("decimal(2, 5)")
    assert not accepted("nonsense")
    assert not accepted("enum()")


# A type cell that also holds the column's constraints: the leading type, and what the rest says.
CONSTRAINT_CASES = [
    ("uuid FK → profiles.id", "uuid", {"reference": "profiles", "reference_column": "id", "nullable": None}),
    ("`bigint unsigned` PK", "bigint", {"primary_key": True, "nullable": False}),
    ("text NOT NULL", "text", {"nullable": False}),
    ("varchar(255) UNIQUE", "string(255)", {"unique": True, "nullable": None}),
    ("timestamptz DEFAULT now()", "timestamptz", {"default": "now()"}),
    ("int NOT NULL DEFAULT 0", "integer", {"nullable": False, "default": "0"}),
    ("uuid REFERENCES users(id) ON DELETE CASCADE", "uuid", {"reference": "users", "reference_column": "id"}),
    ("uuid, FK → users.id", "uuid", {"reference": "users", "reference_column": "id"}),
    ("Integer, FK to User", "integer", {"reference": "User", "reference_column": None}),
    ("text NULL", "text", {"nullable": True}),
    ("int identity(1,1)", "integer", {"default": "autoincrement"}),
    ("text CHECK (kind IN ('inbound', 'outbound'))", "enum(inbound, outbound)", {}),
    ("`varchar(10)` `utf8mb4_bin`, **unique**", "string(10)", {"unique": True, "note": ""}),
    ("varchar(100) utf8mb4_unicode_ci", "string(100)", {"note": "", "constraints": ""}),
    # words that look like constraints but are part of the type stay there
    ("string | null", "text", {"nullable": True, "constraints": ""}),
    ("Optional[int]", "integer", {"nullable": True, "constraints": ""}),
    ("sql.NullString", "text", {"nullable": True, "constraints": ""}),
    ("string (required)", "text", {"nullable": False}),
]


@pytest.mark.parametrize(("raw", "expected", "facts"), CONSTRAINT_CASES)
def test_constraints_after_the_type_are_reported(raw, expected, facts):
    guess = canonical_type(raw)
    assert guess.type == expected, guess
    assert guess.confident, guess
    for name, value in facts.items():
        assert getattr(guess, name) == value, (name, guess)
    if "constraints" not in facts and raw.split()[-1] not in ("(required)",) and "," not in raw:
        assert guess.constraints and raw.replace("`", "").endswith(guess.constraints), guess


def test_a_type_the_file_declares_is_that_type():
    declared = {"home_role": "enum(owner, manager, guest)", "amount": "decimal(12, 2)"}
    guess = canonical_type("home_role NOT NULL", types=declared)
    assert (guess.type, guess.values, guess.nullable) == ("enum(owner, manager, guest)", ["owner", "manager", "guest"], False)
    assert canonical_type("public.home_role", types=declared).type == "enum(owner, manager, guest)"
    assert canonical_type("amount?", types=declared).type == "decimal(12, 2)"
    assert canonical_type("amount?", types=declared).nullable is True
    assert canonical_type("home_role[]", types=declared).type == "text[]"  # no arrays of enums
    # without the declarations it stays unknown, never a guess, but the constraint is still read
    unknown = canonical_type("home_role NOT NULL")
    assert unknown.type is None and unknown.nullable is False and "home_role" in unknown.note


def test_an_enum_of_a_type_name_is_that_type_not_a_value():
    for raw, expected in (("Enum (String)", "text"), ("enum<int>", "integer"), ("enum(String)", "text")):
        guess = canonical_type(raw)
        assert (guess.type, guess.confident, guess.values) == (expected, False, []), guess
        assert "values" in guess.note
    assert canonical_type("enum(draft)").type == "enum(draft)"  # a one-value enum of a word that is no type
    assert canonical_type("'string'").type == "enum(string)"  # a quoted literal is a value


def test_a_type_written_in_parentheses():
    guess = canonical_type("(JSON, optional)")
    assert (guess.type, guess.nullable) == ("json", True)
    assert canonical_type("(A/B/C)").type == "enum(A, B, C)"


def test_one_quoted_value_is_a_doubtful_enum():
    guess = canonical_type("'normal'")  # `**Default**: 'normal'` as much as TypeScript's `kind: 'normal'`
    assert (guess.type, guess.confident) == ("enum(normal)", False)
    assert canonical_type("'low' | 'high'").confident  # two or more literals are a closed list


def test_formats_in_parentheses_are_no_enum_values():
    assert canonical_type("String (UUID/ULID)").type == "text"  # either format, stored as a string
    assert canonical_type("string (active/inactive)").type == "enum(active, inactive)"


@pytest.mark.parametrize(
    ("raw", "expected", "nullable"),
    [
        ("UUID opcional", "uuid", True),  # every language's optional/required word ends a type too
        ("texto obrigatório", "text", False),
        ("data e hora", "timestamp", None),
        ("nullable timestamp", "timestamp", True),  # ... or starts it
        ("Required string", "text", False),
        ("?string", "text", True),  # PHP
        ("int ≥ 1", "integer", None),
        ("`bigIncrements`", "bigint", None),  # Laravel
        ("`number` (Timestamp)", "timestamp", None),  # a JavaScript number the note says is a moment
        ("number (integer)", "integer", None),
    ],
)
def test_more_ways_a_cell_writes_a_type(raw, expected, nullable):
    guess = canonical_type(raw)
    assert (guess.type, guess.nullable) == (expected, nullable), guess
    assert accepted(guess.type)


def test_an_enum_named_by_its_class():
    assert canonical_type("TaskStatus enum").type is None  # its values are elsewhere: no guess
    assert "TaskStatus" in canonical_type("enum TaskStatus").note
    assert canonical_type("TaskStatus enum", types={"taskstatus": "enum(todo, done)"}).type == "enum(todo, done)"


@pytest.mark.parametrize("raw, nullable", [("string | number", None), ("number | string | null", True), ("int | str", None)])
def test_a_union_of_text_and_numbers_is_text_to_check(raw, nullable):
    """`id: string | number` (an id the API sends either way): text holds both, as a guess."""
    guess = canonical_type(raw)
    assert guess.type == "text" and not guess.confident and guess.nullable is nullable


@pytest.mark.parametrize("raw", ["map[string]interface{}", "map[string]*Foo", "interface{}"])
def test_go_maps_and_empty_interfaces_are_json(raw):
    assert canonical_type(raw).type == "jsonb"
