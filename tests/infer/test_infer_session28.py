"""Rules met in session 28's reading of session 27's never-read samples: a field table inside a `**Fields**:` bullet,
a keyless record that says it persists, values after the storage type, a rule that names its field in code, a
TypeScript member's comment, and fields described but not typed. Each rule next to the ordinary input it must leave
alone. Then hostile input of long runs of one character, which some patterns read in quadratic time."""

from __future__ import annotations

import time

import pytest

from compiler.config import Settings
from compiler.diagnostics import Diagnostics
from compiler.frontend.markdown import parse_spec
from compiler.naming import snake
from compiler.passes import compile_paths
from tests.infer.runs import code_entities, columns_of, data_model_entities, read_model

_read = read_model
_columns = columns_of


# -- a field table inside a `**Fields**:` bullet

NESTED_TABLE = """# Data Model

## Entity: Widget
- **Purpose**: A widget the user keeps.
- **{label}**:
  | Field | Type | Description |
  |-------|------|-------------|
  | `id` | UUID | Unique identifier. |
  | `name` | string | The name. |

- **Relationships**: none.
"""


def test_a_table_indented_under_a_fields_bullet_gives_the_entitys_fields():
    columns = _columns(_read(NESTED_TABLE.format(label="Fields"))["Widget"])
    assert columns["id"].type == "uuid" and columns["name"].type == "text"


def test_a_table_under_another_bullet_gives_no_fields():
    assert (
        not _read(NESTED_TABLE.format(label="Examples")).get("Widget") or not _read(NESTED_TABLE.format(label="Examples"))["Widget"].columns
    )


# -- a keyless record that says it persists, embedded in a snapshot

SNAPSHOT = """# Data Model

## Entity: DiagnosticsSnapshot
- **Fields**:
  | Field | Type | Description |
  |-------|------|-------------|
  | `id` | UUID | Unique identifier. |
  | `activePreferences` | `AccessibilityPreference` | The toggles in force. |

## Entity: AccessibilityPreference
- **Purpose**: {purpose}
- **Fields**:
  | Field | Type | Description |
  |-------|------|-------------|
  | `highContrast` | boolean | High contrast on. |
"""


def test_a_keyless_entity_that_says_it_persists_stays_a_table_though_a_snapshot_embeds_it():
    entities = _read(SNAPSHOT.format(purpose="Stores the accessibility choices that must persist across sessions."))
    assert entities["AccessibilityPreference"].stored
    assert _columns(entities["DiagnosticsSnapshot"])["active_preferences"].type == "jsonb"


@pytest.mark.parametrize(
    "purpose",
    ["The accessibility toggles in force.", "Persisted inside each DiagnosticsSnapshot as JSON."],
)
def test_a_keyless_value_that_says_nothing_of_its_own_keeping_is_folded_into_its_holder(purpose):
    assert not _read(SNAPSHOT.format(purpose=purpose))["AccessibilityPreference"].stored


# -- values after the storage type; a rule naming its field in code

REQUESTS = """# Data Model

### `Request` (table: `requests`)

| Column | Type | Notes |
|---|---|---|
| `id` | UUID, PK | |
| `status` | {status} | |
| `error_type` | VARCHAR, nullable | One of the categories below |

**Validation rules**:
- `status = error` ⇒ `error_type` is one of `RATE_LIMIT`, `AUTHENTICATION`,
  `TIMEOUT`, `UNKNOWN` (spec §19).
"""


def test_values_after_the_storage_type_make_an_enum():
    columns = _columns(_read(REQUESTS.format(status="VARCHAR enum: `success`, `error`"))["Request"])
    assert columns["status"].type == "enum(success, error)"


@pytest.mark.parametrize("status", ["VARCHAR enum", "VARCHAR enum (see below)", "VARCHAR"])
def test_a_storage_type_without_values_stays_text(status):
    assert not _columns(_read(REQUESTS.format(status=status))["Request"])["status"].type.startswith("enum(")


def test_a_rule_anywhere_in_a_line_gives_the_field_it_names_in_code_its_values():
    columns = _columns(_read(REQUESTS.format(status="VARCHAR"))["Request"])
    assert columns["error_type"].type == "enum(RATE_LIMIT, AUTHENTICATION, TIMEOUT, UNKNOWN)"


def test_a_rule_naming_a_field_without_code_or_values_in_code_types_nothing():
    text = REQUESTS.format(status="VARCHAR").replace(
        "- `status = error` ⇒ `error_type` is one of `RATE_LIMIT`, `AUTHENTICATION`,\n  `TIMEOUT`, `UNKNOWN` (spec §19).",
        "- when failed, error_type is one of the categories in the spec",
    )
    assert _columns(_read(text)["Request"])["error_type"].type == "text"


# -- a TypeScript member's comment says what its type does not

TODO_TS = """# Data Model

### Todo

```typescript
export interface Todo {
  id: string           // ID_COMMENT
  dueDate?: Date       // DUE_COMMENT
  createdAt: Date      // Creation timestamp
}
```

| Field | Type | Required | Description |
|-------|------|----------|-------------|
| `id` | `string` | Yes | The todo's id |
"""


def test_a_members_comment_that_says_uuid_wins_over_a_vaguer_table(tmp_path):
    text = TODO_TS.replace("ID_COMMENT", "Unique identifier (UUID)").replace("DUE_COMMENT", "Optional due date")
    assert _columns(data_model_entities(tmp_path / "a", text, "- **Todo**: a todo.\n")["Todo"])["id"].type == "uuid"
    plain = TODO_TS.replace("ID_COMMENT", "The todo's id").replace("DUE_COMMENT", "Optional due date")
    assert _columns(data_model_entities(tmp_path / "b", plain, "- **Todo**: a todo.\n")["Todo"])["id"].type != "uuid"


def test_a_date_member_the_comment_calls_date_only_is_a_date():
    todo = _columns(code_entities(TODO_TS.replace("ID_COMMENT", "id").replace("DUE_COMMENT", "NEW: due date (date-only, no time)"))["Todo"])
    assert todo["due_date"].type == "date" and todo["created_at"].type == "timestamptz"
    plain = _columns(code_entities(TODO_TS.replace("ID_COMMENT", "id").replace("DUE_COMMENT", "When it is due"))["Todo"])
    assert plain["due_date"].type == "timestamptz"


def test_a_serialized_shape_is_no_table():
    text = "```typescript\ninterface SerializedTodo {\n  id: string\n  text: string\n}\ninterface Todo {\n  id: string\n}\n```\n"
    entities = code_entities(text)
    assert not entities["SerializedTodo"].stored and entities["Todo"].stored


# -- fields described, not typed

MEETING = """# Data Model

### Meeting
Represents a recorded meeting session.

**{label}**
- `id`: Stable identifier for the meeting session (UUID)
- `screenContextEvents`: Captured context events (may be empty)
- `outputs`: Links to generated outputs
"""


def test_a_field_named_in_code_and_described_under_a_fields_label_is_kept_as_text_to_check(tmp_path):
    meeting = _columns(data_model_entities(tmp_path, MEETING.format(label="Key fields"), "- **Meeting**: a meeting.\n")["Meeting"])
    assert meeting["screen_context_events"].type == "text" and not meeting["screen_context_events"].confident
    assert meeting["id"].type == "uuid"


def test_items_under_another_label_are_no_fields():
    entities = _read(MEETING.format(label="Validation rules"))
    assert "screen_context_events" not in _columns(entities.get("Meeting") or type("E", (), {"columns": []})())


# -- hostile input: long runs of one character, read in linear time

N = 100_000


def _quick(call, limit: float = 20.0) -> None:
    """`call` finishes well within `limit` seconds: a pattern that backtracks over a run of N characters takes
    minutes (N² steps), a linear one a fraction of a second. The limit is generous, to hold on a slow machine."""
    started = time.perf_counter()
    call()
    assert time.perf_counter() - started < limit


SPEC_RUNS = [
    "### User" + " " * N + "x\n\n- **email**: string\n",  # the front end's heading and marker patterns
    "### User" + " " * N + "Fields\n",
    "### User" + "_" * N + "x\n",
    "### Tag" + "A" * N + "\n",  # naming.snake on a run of capitals
    "- **User**: a\n  - email" + " " * N + "x\n",  # the attribute pattern's spaces around a parenthesis
]


@pytest.mark.parametrize("body", SPEC_RUNS, ids=["heading-spaces", "detail-heading", "underscores", "capitals", "attribute"])
def test_spec_runs_compile_in_linear_time(body, tmp_path):
    folder = tmp_path / "specs" / "001-x"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text("# F\n\n## Key Entities\n\n" + body)
    _quick(lambda: parse_spec("specs/001-x/spec.md", (folder / "spec.md").read_text(), Diagnostics()))
    _quick(lambda: compile_paths([(folder / "spec.md", "specs/001-x/spec.md")], Settings()))
    _quick(lambda: snake("Tag" + "A" * N))


DATA_MODEL_RUNS = [
    "```csharp\n    Task<User?> " + "`" * N + "FindByIdAsync(Guid id);\n```\n",  # string literals in code, and DDL lines
    "### Task\n\n**Fields**\n- `title`: the title" + " " * N + "(x\n",  # a field's type head
    "### Task" + "[" * N + "\n\n| Field | Type |\n|---|---|\n| `id` | uuid |\n",  # a heading's links
    "### Task\n\n| Field | Type | Description |\n|---|---|---|\n| `code` | string | " + "1" * N + " chars |\n",  # lengths
    "### Task\n\n- Launches" + " " * N + "locally\n  - `a`: text\n  - `b`: text\n",  # a bullet entity's head
    "### Task\n\n| Field | Type |\n|---|---|\n| `identifier_pl" + "a" * N + "us` | text |\n",  # type rules by name
    "```sql\nCREATE TABLE tasks (id uuid);\n--" + " " * N + "x " + "-- more " * (N // 8) + "\n```\n",  # an elided sample
]


@pytest.mark.parametrize("text", DATA_MODEL_RUNS, ids=["backticks", "type-head", "brackets", "digits", "bullet", "name", "elided-sql"])
def test_data_model_runs_are_inferred_in_linear_time(text, tmp_path):
    _quick(lambda: data_model_entities(tmp_path, "# Data Model\n\n" + text, "- **Task**: a task (" + "(a" * (N // 2) + "`id`: uuid).\n"))


def test_bare_carriage_returns_inside_a_line_are_line_ends_as_markdown_it_reads_them(tmp_path):
    """markdown-it ends a line at a bare CR; infer's own line list must too (it indexed past its end)."""
    from compiler.infer import infer_specs

    folder = tmp_path / "specs" / "001-x"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text("# F\n\n## Key Entities\n\n- **Task**: a task" + "\r" * 1000 + " kept\n  - `title`: string\n")
    [result] = infer_specs([(folder / "spec.md", "specs/001-x/spec.md")])
    assert result is not None


@pytest.mark.parametrize("bound", ["1" * 5000, "99999999999999999999"])
def test_a_length_bound_no_text_reaches_is_an_error_not_a_crash(bound, tmp_path):
    folder = tmp_path / "specs" / "001-x"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(f"# F\n\n## Key Entities\n\n- **Task**: a task\n  - `body`: text, required, length(1..{bound})\n")
    compilation = compile_paths([(folder / "spec.md", "specs/001-x/spec.md")], Settings())
    assert [d.code for d in compilation.diagnostics.items if d.severity.value == "error"] == ["E211"]


# -- the review's misfires, each mended

TASK_RULES = """# Data Model

### Task

| Field | Type | Description |
|-------|------|-------------|
| `id` | uuid | Key |
| `status` | string | Current status |
| `completed_at` | timestamp | When done |

**Validation rules**:
{rule}
"""


@pytest.mark.parametrize(
    "rule",
    [
        "- `completed_at` must be set when `status` is one of `done`, `cancelled`",
        "- `completed_at` is null unless `status` is either `done` or `archived`",
        "- When `status` is one of `done`, `cancelled`, a reason is required",
    ],
)
def test_a_field_in_a_condition_gets_no_values(rule):
    assert _columns(_read(TASK_RULES.format(rule=rule))["Task"])["status"].type == "text"


@pytest.mark.parametrize(
    "type_text",
    ["VARCHAR one of the statuses above", "string enum: Status", "VARCHAR enum: LOW, HIGH. Defaults to LOW.", "INTEGER one of 1..5"],
)
def test_words_after_a_storage_type_that_are_no_value_list_make_no_enum(type_text):
    from compiler.infer.typemap import canonical_type

    assert not (canonical_type(type_text).type or "").startswith("enum(")


def test_a_table_under_a_nested_bullet_is_not_the_entitys_and_optional_fields_are_optional():
    text = """# Data Model

## Entity: Customer
- **Fields**:
  - `id`: uuid
  - `billingAddress` (object):
    | Field | Type |
    |-------|------|
    | `street` | string |
- **Optional fields**:
  | Field | Type |
  |-------|------|
  | `nickname` | string |
"""
    columns = _columns(_read(text)["Customer"])
    assert "street" not in columns and columns["nickname"].required is False


@pytest.mark.parametrize(
    "purpose",
    ["Persisted as JSON in the parent record; must persist across sessions.", "Embedded in snapshots; must persist across restarts."],
)
def test_a_value_said_to_be_kept_as_json_or_embedded_is_folded_all_the_same(purpose):
    assert not _read(SNAPSHOT.format(purpose=purpose))["AccessibilityPreference"].stored


@pytest.mark.parametrize("comment", ["no time zone conversion", "YYYY-MM-DD HH:mm:ss", "not date-only: a moment"])
def test_a_date_member_whose_comment_only_mentions_dates_stays_a_timestamp(comment):
    text = TODO_TS.replace("ID_COMMENT", "id").replace("DUE_COMMENT", comment)
    assert _columns(code_entities(text)["Todo"])["due_date"].type == "timestamptz"
