"""data-model.md tables, bullets and headings as teams write them: columns in
any order, headers in the corpus's languages, constraint words and shapes,
enum values in a notes column; every field with its file position."""

from __future__ import annotations

import pytest

from compiler.diagnostics import Diagnostics
from compiler.infer.datamodel import read_data_model

TABLES = """# Data Model: Library

## Entities

### 1. User Entity

**Description**: A registered reader.

| Column | Type | Constraints |
|--------|------|-------------|
| `Id` | `Guid` | PK |
| `DisplayName` | `string` | NOT NULL, max 100 chars |
| `Email` | `string` | NOT NULL, max 256 chars, UNIQUE, indexed |
| `Nickname` | `string` | NULLABLE |

### Table: loans

| Constraints | Type | Field | Notes |
|---|---|---|---|
| FK(users.id), ON DELETE CASCADE | UUID | user_id | |
| REFERENCES books(id) | INTEGER | book_id | |
| | enum | status | 'open', 'returned' or 'lost' |
| DEFAULT 0 | INTEGER | renewals | |
| | TIMESTAMP | due_at | Default `CURRENT_TIMESTAMP` |

### Libro

| Campo | Tipo | Descripción | Restricciones |
|-------|------|-------------|---------------|
| `id` | SERIAL | Identificador | PK |
| `titulo` | VARCHAR(200) | Título del libro | NOT NULL |
| `categoria_id` | INT | Categoría | REFERENCES categorias(id) |

### Validation Rules

| Field | Type | Rule |
|---|---|---|
| `ghost` | TEXT | never a column: this heading is prose |
"""

BULLETS = """# Data Model

## Entity: Task

**Fields**:
- `id` (string, PK): Unique identifier
- `title`: string (required, 1-200 chars) - Task title
- `description`: text (optional, max 1000 chars) - Details
- **rola_id**: `INTEGER` (Foreign Key to Rola)
- `AccountStatus`: enum {Active, Locked} (required) - Current state

**Validation Rules**:
- `title` must not be empty
- Email: Must be RFC 5322 compliant
"""


def read(text: str):
    diags = Diagnostics()
    entities = read_data_model("data-model.md", text, diags)
    return {e.name: e for e in entities}, diags


def test_tables_in_any_order_and_language():
    entities, _ = read(TABLES)
    assert list(entities) == ["User", "Loan", "Libro"]
    user = {c.name: c for c in entities["User"].columns}
    assert user["id"].primary_key and user["id"].type == "uuid"
    assert user["display_name"].type == "string(100)" and user["display_name"].required
    assert user["email"].unique and user["email"].indexed and user["email"].type == "string(256)"
    assert user["nickname"].required is False
    assert entities["User"].description == "A registered reader."
    loan = {c.name: c for c in entities["Loan"].columns}
    assert entities["Loan"].table == "loans"
    assert (loan["user_id"].references, loan["user_id"].references_column, loan["user_id"].on_delete) == ("users", "id", "cascade")
    assert loan["book_id"].references == "books"
    assert loan["status"].type == "enum(open, returned, lost)"
    assert loan["renewals"].default == "0"
    assert loan["due_at"].default == "CURRENT_TIMESTAMP"
    libro = {c.name: c for c in entities["Libro"].columns}
    assert libro["titulo"].type == "string(200)" and libro["titulo"].required
    assert libro["categoria_id"].references == "categorias"
    assert libro["id"].primary_key
    assert all(c.name != "ghost" for e in entities.values() for c in e.columns)


def test_bullets_and_labels():
    entities, _ = read(BULLETS)
    task = {c.name: c for c in entities["Task"].columns}
    assert list(task) == ["id", "title", "description", "rola_id", "account_status"]
    assert task["id"].primary_key and task["id"].type == "text"
    assert task["title"].type == "string(200)" and task["title"].required
    assert task["description"].type == "string(1000)" and task["description"].required is False
    assert task["rola_id"].type == "integer" and task["rola_id"].references == "Rola"
    assert task["account_status"].type == "enum(Active, Locked)"


@pytest.mark.parametrize(
    ("text", "name", "line", "col"),
    [(TABLES, "display_name", 12, 4), (TABLES, "book_id", 21, 36), (BULLETS, "rola_id", 9, 5), (BULLETS, "title", 7, 4)],
)
def test_every_field_has_its_position(text, name, line, col):
    entities, _ = read(text)
    column = next(c for e in entities.values() for c in e.columns if c.name == name)
    (evidence,) = column.evidence
    assert (evidence.span.path, evidence.span.line, evidence.span.col) == ("data-model.md", line, col)
    assert evidence.kind in ("table", "bullet")


def test_an_untypeable_field_is_a_finding_not_a_guess():
    entities, diags = read(
        "# Data Model\n\n### Task\n\n| Field | Type |\n|---|---|\n| `blob` | Frobnicator9000 |\n| `name` | VARCHAR(20) |\n"
    )
    assert [c.name for c in entities["Task"].columns] == ["name"]
    (finding,) = [d for d in diags.items if d.code == "W302"]
    assert str(finding.span) == "data-model.md:7:4" and "blob" in finding.message


FIELDS = "\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| email | text |\n"


@pytest.mark.parametrize(
    ("heading", "name", "table"),
    [
        ("### 👤 User", "User", None),
        ("### Table `users`", "User", "users"),
        ("### users 表", "User", "users"),
        ("### Tabelle: Benutzer", "Benutzer", None),
        ("### E1 - User", "User", None),
        ("### 1) User", "User", None),
        ("### A. User", "User", None),
        ("### [User](#user)", "User", None),
        ("### User: a person who logs in", "User", None),
        ("### User (new)", "User", None),  # a word about the change, not the table's name
        ("### User *(extends)*", "User", None),
        ("### User (`app_users`)", "User", "app_users"),
        ("### Entity: `User` (table `app_users`)", "User", "app_users"),
    ],
)
def test_entity_headings_in_the_forms_teams_write(heading, name, table):
    entities = read_data_model("data-model.md", f"# Data Model\n\n## Entities\n\n{heading}{FIELDS}", Diagnostics())
    assert [(e.name, e.table, [c.name for c in e.columns]) for e in entities] == [(name, table, ["id", "email"])]


@pytest.mark.parametrize(
    "heading",
    [
        "## バリデーション規則",
        "## 狀態列舉 (Status Enum)",
        "### Ciclo de vida",
        "### Reglas de validación",
        "### Relacionamentos",
        "### Cykl życia",
        "## 엔티티 관계",
        "### 状態遷移",
    ],
)
def test_headings_about_the_tables_in_other_languages_are_no_entities(heading):
    text = f"# Data Model\n\n## Entities\n\n### Task{FIELDS}\n{heading}\n\n- `email`: 1024 文字超 → 400\n- `Done`: 已完成 (綠)\n"
    entities = read_data_model("data-model.md", text, Diagnostics())
    assert [e.name for e in entities] == ["Task"]


def test_a_numbered_section_then_the_entity_again_as_its_sub_heading_keeps_the_fields():
    text = (
        "# Data Model\n\n## §1 Supplier\n\nSuppliers we buy from.\n\n### `Supplier` (detail/list)"
        + FIELDS
        + "\n### Validation\n\n- name required\n"
    )
    entities = read_data_model("data-model.md", text, Diagnostics())
    assert [(e.name, [c.name for c in e.columns]) for e in entities] == [("Supplier", ["id", "email"])]


@pytest.mark.parametrize(
    "header",
    [
        "| 字段名 | 类型 | 说明 |",  # zh
        "| 欄位 | 類型 | 描述 |",  # zh-Hant
        "| Feld | Datentyp | Beschreibung |",  # de
        "| Campo | Tipo di dato | Descrizione |",  # it
        "| Поле | Тип | Описание |",  # ru
        "| Kolom | Tipe Data | Keterangan |",  # id
        "| Trường | Kiểu dữ liệu | Mô tả |",  # vi
        "| Alan | Veri Tipi | Açıklama |",  # tr
        "| Key | Kind | Meaning |",  # words no list knows: read by the cells
        "| Propriété | Genre | Remarque |",
    ],
)
def test_field_tables_with_headers_in_more_languages_or_none_known(header):
    text = f"# Data Model\n\n### Order\n\n{header}\n|---|---|---|\n| id | UUID | - |\n| total | decimal(10,2) | - |\n| placed_at | timestamptz | - |\n"
    (entity,) = read_data_model("data-model.md", text, Diagnostics())
    assert [(c.name, c.type) for c in entity.columns] == [("id", "uuid"), ("total", "decimal(10, 2)"), ("placed_at", "timestamptz")]


def test_a_table_of_values_or_endpoints_is_not_read_as_fields():
    text = (
        "# Data Model\n\n### Order\n\n| State | Meaning | Next |\n|---|---|---|\n| draft | being edited | placed |\n"
        "| placed | paid | shipped |\n\n| Method | Path | Returns |\n|---|---|---|\n| GET | /orders | list |\n| POST | /orders | one |\n"
    )
    assert read_data_model("data-model.md", text, Diagnostics()) == []


def test_cells_read_as_fields_need_the_name_before_the_type():
    text = "# Data Model\n\n### Order\n\n| A | B |\n|---|---|\n| uuid | id |\n| text | note |\n"
    assert read_data_model("data-model.md", text, Diagnostics()) == []


BULLETS_WITH_DASHES = """# Data Model

## Core Entities

### User

**Fields**:

- `telegram_id` (bigint, primary key) - Telegram user ID
- `username` (varchar, required) - Telegram username
- `is_admin` (boolean, computed from ADMIN_ID env) - Administrator status
- `images` (json array) - image URLs

### Category

- `id` (integer, primary key) - Category ID
- `parent_id` (integer, nullable, foreign key) - Parent category ID

### Flag

- `id` (integer, primary key) - Flag ID
- `reporter_id` (bigint, foreign key) - User who flagged
- `reviewed_by` (bigint, nullable, foreign key) - Admin who reviewed
- `reason` (enum) - Flag reason (spam, fake, other)
- `body_part` (string) - Body part, a valid `BodyPart` value
- `session_id` (string) - Must exist in workout sessions

### WorkoutSession

| Field | Type | Notes | Validation |
|---|---|---|---|
| `id` | string (UUID) | | |
| `reps` | number | Repetitions | >= 1, integer only |
| `weight` | number | kg | allows decimals |
| `isGuest` | boolean | Computed server-side. | |

### CacheEntry

Represents KV cache entries for listing caching.

- `key` (varchar, primary key) - Cache key

### BodyPart (Enum)

- `chest` (Chest)
- `back` (Back)
"""


def test_bullets_with_the_type_in_parentheses_then_a_dash():
    diags = Diagnostics()
    entities = {e.name: e for e in read_data_model("data-model.md", BULLETS_WITH_DASHES, diags)}
    user = {c.name: c for c in entities["User"].columns}
    assert list(user) == ["telegram_id", "username", "images"]  # is_admin is computed: not a column
    assert user["telegram_id"].type == "bigint" and user["telegram_id"].primary_key
    assert user["images"].type == "json"  # a JSON array is one json value
    assert any(d.code == "W302" and "is_admin" in d.message for d in diags.items)


def test_a_foreign_key_that_names_no_table_finds_its_target():
    entities = {e.name: e for e in read_data_model("data-model.md", BULLETS_WITH_DASHES, Diagnostics())}
    category = {c.name: c for c in entities["Category"].columns}
    assert category["parent_id"].references == "Category"
    flag = {c.name: c for c in entities["Flag"].columns}
    assert flag["reporter_id"].references == "User"  # its description names User
    assert flag["reviewed_by"].references == "User"  # the one entity keyed by a bigint
    assert flag["session_id"].references == "WorkoutSession"  # `Must exist in workout sessions`


def test_enum_values_from_descriptions_and_enum_sections_and_integer_numbers():
    entities = {e.name: e for e in read_data_model("data-model.md", BULLETS_WITH_DASHES, Diagnostics())}
    flag = {c.name: c for c in entities["Flag"].columns}
    assert flag["reason"].type == "enum(spam, fake, other)"
    assert flag["body_part"].type == "enum(chest, back)"
    session = {c.name: c for c in entities["WorkoutSession"].columns}
    assert session["reps"].type == "integer" and session["weight"].type != "integer"
    assert "is_guest" in session  # computed when written, and kept: said in a notes column
    assert entities["CacheEntry"].stored is False and "BodyPart" not in entities


STATEMENTS = """# Data Model

## Entities

### RoadmapItem (Epic)
- id: string (Jira Epic ID)
- status: string
- parent: string (Objective ID)
- team: string

#### Validation Rules
- status must be one of: Done, In Progress, BLOCKED, or empty
- team must be one of the configured teams, e.g. Web

### Department
- name: string

### Team
- name: string
- department: string
- priority: string

### Objective
- id: string
- name: string
- kind: string

## Relationships
- RoadmapItem belongs to one Team
- Department has many Teams

## Validation Rules

### Upload
- Kind: Required, must be one of: Epic, Story, Bug
- **Priority**: should be one of High, Low
- Name: Required, must be one of the names the team agreed
"""


def test_validation_rules_and_relationship_sentences_about_fields():
    entities = {e.name: e for e in read_data_model("data-model.md", STATEMENTS, Diagnostics())}
    item = {c.name: c for c in entities["RoadmapItem"].columns}
    assert item["status"].type == "enum(Done, In Progress, BLOCKED)"  # `or empty` is no value
    assert item["team"].references == "Team" and item["team"].type == "text"  # `e.g.`: an open list
    assert item["parent"].references == "Objective"  # `(Objective ID)`
    assert {c.name: c for c in entities["Team"].columns}["department"].references == "Department"  # `has many`
    # rules in a section after every entity: the one entity with that field (`name`: three have it, none typed)
    assert {c.name: c for c in entities["Objective"].columns}["kind"].type == "enum(Epic, Story, Bug)"
    assert {c.name: c for c in entities["Team"].columns}["priority"].type == "enum(High, Low)"
    assert all(c.type == "text" for e in entities.values() for c in e.columns if c.name == "name")


def test_notes_that_say_what_a_string_holds_and_arrows_between_types():
    text = (
        "# 資料模型\n\n## 核心實體\n\n### 1. Permission（權限）\n\n#### 欄位說明\n\n"
        "| 欄位 | 類型 | 必填 | 說明 | 驗證規則 |\n|---|---|---|---|---|\n"
        "| id | string | 是 | 唯一識別碼 | UUID 格式 |\n| createdAt | string | 是 | 建立時間 | ISO 8601 格式 |\n"
        "| count | int→float | 是 | 次數 | |\n"
    )
    (entity,) = read_data_model("data-model.md", text, Diagnostics())
    assert [(c.name, c.type, c.references) for c in entity.columns] == [
        ("id", "uuid", None),
        ("created_at", "timestamptz", None),
        ("count", "integer", None),  # `int→float` converts; it names no table
    ]


def test_a_heading_over_the_fields_of_the_table_above_is_no_entity():
    text = "# Data Model\n\n## 1. 持久化：migration v6\n\n### 字段语义\n\n| 字段 | 类型 | 语义 |\n|---|---|---|\n| `entry_name` | TEXT | name |\n"
    assert read_data_model("data-model.md", text, Diagnostics()) == []


def test_a_field_table_without_a_type_column_is_typed_from_its_words():
    text = (
        "# Data Model\n\n### Feed\n\n| Attribute | Description | Constraints / notes |\n|---|---|---|\n"
        "| url | Canonical feed URL | Required; unique |\n| last_fetched | Timestamp of last fetch | Optional |\n"
        "| length | Size in bytes | Optional |\n| feed_id | Parent feed | Required; FK to Source.id |\n"
    )
    diags = Diagnostics()
    (entity,) = read_data_model("data-model.md", text, diags)
    assert [(c.name, c.type, c.required) for c in entity.columns] == [
        ("url", "url", True),
        ("last_fetched", "timestamp", False),
        ("length", "integer", False),
        ("feed_id", "uuid", True),
    ]
    assert entity.columns[3].references == "Source"  # the `Constraints / notes` column is read as constraints
    assert all(not c.confident for c in entity.columns[:3]) and sum(d.code == "W301" for d in diags.items) >= 3


@pytest.mark.parametrize("said", ["FK to external user", "FK to existing User", "foreign key to another user"])
def test_a_word_before_the_target_of_a_foreign_key_is_no_table(said):
    text = f"# Data Model\n\n### Idea\n\n| Field | Type | Constraints |\n|---|---|---|\n| user_id | string | {said}, indexed |\n"
    (entity,) = read_data_model("data-model.md", text, Diagnostics())
    assert entity.columns[0].references.lower() == "user"


def test_a_number_stored_as_float_and_an_iso_string_holding_a_day():
    text = (
        "# Data Model\n\n### Expense\n\n| Field | Type | Required | Description |\n|---|---|---|---|\n"
        "| `amount` | `number` | Yes | The cost value. Stored as float (e.g. 10.99). |\n"
        "| `total` | `number` | Yes | The sum. |\n"
        "| `date` | `string` (ISO8601) | Yes | Date of transaction (YYYY-MM-DD). |\n"
        "| `paidAt` | `string` (ISO8601) | No | When it was paid (YYYY-MM-DDTHH:mm:ssZ). |\n"
    )
    (entity,) = read_data_model("data-model.md", text, Diagnostics())
    # the description's words win over what the name suggests (`amount` would be decimal)
    assert [(c.name, c.type) for c in entity.columns] == [
        ("amount", "double"),
        ("total", "decimal"),
        ("date", "date"),
        ("paid_at", "timestamptz"),
    ]


def test_program_objects_configuration_and_their_parts_are_not_tables():
    text = (
        "# Data Model\n\n### WorktreeAgent\n\nAn agent running in a worktree.\n\n| Field | Type | Description |\n|---|---|---|\n"
        "| Branch | string | Git branch |\n| StopCh | chan struct{} | Signals a stop |\n\n"
        "### BotConfig\n\nBot configuration, loaded from `bots/<name>/config.yaml`.\n\n| 字段 | 类型 | 说明 |\n|---|---|---|\n"
        "| name | string | name |\n| channels | ChannelEntry[] | channels |\n\n"
        "### ChannelEntry\n\nOne channel.\n\n| Field | Type |\n|---|---|\n| type | string |\n| enabled | boolean |\n\n"
        "### ScanResult\n\nWhat a scan found.\n\n| Field | Type |\n|---|---|\n| findings | int |\n\n"
        "### ExamResult\n\nA graded exam.\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| score | int |\n\n"
        "### Ticket\n\nA support ticket.\n\n| Field | Type |\n|---|---|\n| title | string |\n| labels | TicketLabel[] |\n\n"
        "### TicketLabel\n\nA label on a ticket.\n\n| Field | Type |\n|---|---|\n| name | string |\n"
    )
    diags = Diagnostics()
    entities = {e.name: e for e in read_data_model("data-model.md", text, diags)}
    assert {name: e.stored for name, e in entities.items()} == {
        "WorktreeAgent": False,  # a Go channel: a running program's object
        "BotConfig": False,  # read from a YAML file
        "ChannelEntry": False,  # has no key, and only BotConfig holds it
        "ScanResult": False,  # a result shape without a key
        "ExamResult": True,  # ... with one, a table
        "Ticket": True,
        "TicketLabel": True,  # held by a stored entity
    }
    assert "chan struct{}" in entities["WorktreeAgent"].not_stored_reason
    assert sum(d.code == "W303" for d in diags.items) == 4


def test_sentences_and_value_mappings_in_notes_are_no_keys_and_placeholder_rows_no_fields():
    text = (
        "# Data Model\n\n### Reply\n\n| Field | Type | Notes |\n|---|---|---|\n"
        "| `id` | uuid | PK |\n| `message` | `str` | Suitable for LLM → user relay. |\n"
        "| `score` | `float \\| null` | `NaN` → `null` (FR-004). |\n| *metric fields* | `float` | One per column. |\n"
        "| `author_id` | uuid | FK → users.id |\n| `team_id` | uuid | FK → `Teams`. Indexed. |\n"
    )
    (entity,) = read_data_model("data-model.md", text, Diagnostics())
    found = {c.name: (c.type, c.required, c.references) for c in entity.columns}
    assert found == {
        "id": ("uuid", True, None),
        "message": ("text", True, None),
        "score": ("double", False, None),  # the escaped pipe is the union's
        "author_id": ("uuid", True, "users"),
        "team_id": ("uuid", True, "Teams"),
    }


def test_a_description_that_is_only_values_makes_an_enum():
    text = (
        "# Data Model\n\n### Event\n\n| Field | Type | Constraints | Description |\n|---|---|---|---|\n"
        "| discipline | TEXT | | Slalom/Sprint/WildWater |\n| status | VARCHAR(20) | NOT NULL | `PENDING` or `PUBLISHED` |\n"
        "| location_kind | LocationKind | | InPerson or Virtual. |\n| title | TEXT | | First/last words of the name |\n"
        "| note | TEXT | | Yes/No, etc. |\n"
    )
    (entity,) = read_data_model("data-model.md", text, Diagnostics())
    assert not any(c.references for c in entity.columns)  # `LocationKind` named the enum, no entity
    assert [(c.name, c.type) for c in entity.columns] == [
        ("discipline", "enum(Slalom, Sprint, WildWater)"),
        ("status", "enum(PENDING, PUBLISHED)"),
        ("location_kind", "enum(InPerson, Virtual)"),
        ("title", "text"),
        ("note", "text"),
    ]


def test_a_description_that_calls_the_column_an_entitys_id_makes_a_key_to_it():
    text = (
        "# Data Model\n\n### Agent\n\n- `id` (string, UUID): Agent id\n- `currentTask` (string, optional): ID of currently assigned task\n\n"
        "### Task\n\n- `id` (uuid): Task id\n- `project` (string): which project\n\n"
        "### Message\n\n- `id` (uuid): Message id\n- `senderId` (string, UUID): Sending agent ID\n"
        "- `status` (string): the delivery status\n- `traceId` (string): ID of the trace\n\n"
        "### Project\n\n- `id` (uuid): the Project id\n"
    )
    entities = {e.name: {c.name: c.references for c in e.columns} for e in read_data_model("data-model.md", text, Diagnostics())}
    assert entities["Agent"] == {"id": None, "current_task": "Task"}
    assert entities["Message"] == {"id": None, "sender_id": "Agent", "status": None, "trace_id": None}
    assert entities["Task"]["project"] == "Project" and entities["Project"] == {"id": None}


def test_a_labelled_heading_names_an_entity_whatever_the_word_and_embedded_fields_are_columns():
    """`## Entity: Note` is the Note entity (a bare `## Notes` is prose); `frontmatter.tags` is a column `tags`;
    `string \\| null` with Required `Sí` is nullable (always present, may be null); `ArrayBuffer` is bytes."""
    text = (
        "# Data Model\n\n## Entity: Note\n\n| Campo | Tipo | Requerido |\n|---|---|---|\n| `id` | `string` (UUID) | Sí |\n"
        "| `frontmatter.tags` | `string[]` | No |\n| `frontmatter.color` | `string` | Sí |\n| `deletedAt` | `string` (ISO 8601) \\| `null` | Sí |\n"
        "| `data` | `ArrayBuffer` | Sí |\n\n## Notes\n\n| Campo | Tipo |\n|---|---|\n| `x` | `string` |\n\n"
        "## Entity Relationships\n\n| Campo | Tipo |\n|---|---|\n| `y` | `string` |\n"
    )
    (note,) = read_data_model("data-model.md", text, Diagnostics())
    assert note.name == "Note"
    assert [(c.name, c.type, c.required) for c in note.columns] == [
        ("id", "uuid", True),
        ("tags", "text[]", False),
        ("color", "text", True),
        ("deleted_at", "timestamptz", False),
        ("data", "bytes", True),
    ]


def test_a_fields_bullet_holds_the_fields_in_its_nested_list_and_a_uuid_named_string_is_a_uuid_key():
    """`- **Fields**:` over nested field bullets (its sibling `- **Validation Rules**:` is prose); a `uuid` string
    the line calls the unique identifier is the key, and `userUuid` beside a User keyed so is a key to it."""
    text = (
        "# Data Model\n\n## Event Entity\n- **Description**: One change, kept for ever.\n- **Fields**:\n"
        "  - `uuid`: string (unique identifier)\n  - `userUuid`: string (user who performed action)\n"
        "  - `action`: string (action performed: create, update, delete)\n- **Validation Rules**:\n"
        "  - action must be one of: create, update, delete\n\n## User Entity\n- **Fields**:\n  - `uuid`: string (unique identifier)\n"
        "  - `username`: string (login username)\n"
    )
    event, user = read_data_model("data-model.md", text, Diagnostics())
    assert event.description == "One change, kept for ever."
    assert [(c.name, c.type, c.primary_key) for c in event.columns] == [
        ("uuid", "uuid", True),
        ("user_uuid", "uuid", False),
        ("action", "enum(create, update, delete)", False),
    ]
    assert [c.name for c in user.columns] == ["uuid", "username"] and user.columns[0].primary_key


def test_a_field_typed_by_a_value_is_json_and_a_drawn_relationship_is_a_key():
    """`Location | GeoLocation?` where GeoLocation has no key: a JSON column, and GeoLocation no table; a type
    named as a value (`VenueInfo`) too; `List\\<string\\>` is a list of strings; `Brand/maker` is no value list;
    `User 1──* Item` makes Item's `UserId` a key to User, declared here or not; a list of values stays a list."""
    text = (
        "# Data Model\n\n### Item\n| Field | Type | Description |\n|---|---|---|\n| Id | string | Unique identifier |\n"
        "| UserId | string | Owner |\n| Brand | string? | Brand/maker |\n| Venue | VenueInfo? | Where |\n"
        "| PhotoUrls | List\\<string\\> | Photos |\n| Spot | GeoLocation | Where exactly |\n| Widget | Gadget | ? |\n\n"
        "### GeoLocation\n| Field | Type | Description |\n|---|---|---|\n| Latitude | double | lat |\n| Longitude | double | lng |\n\n"
        "## Relationships\n\n```\nUser 1──* Item\nItem *──1 GeoLocation\nItem 1──1 Spot\n```\n"
    )
    diags = Diagnostics()
    entities = read_data_model("data-model.md", text, diags)
    item, geo = entities
    assert [(c.name, c.type, c.references) for c in item.columns] == [
        ("id", "text", None),
        ("user_id", "text", "User"),
        ("brand", "text", None),
        ("venue", "jsonb", None),
        ("photo_urls", "text[]", None),
        ("spot", "jsonb", None),
    ]
    assert not geo.stored and "Item.spot" in (geo.not_stored_reason or "")
    assert any("Gadget" in d.message and d.code == "W302" for d in diags.items)


def test_a_prose_entity_that_names_a_view_of_a_table_is_not_that_table():
    from compiler.infer.merge import merge
    from compiler.infer.model import Evidence, InferredColumn, InferredEntity

    def entity(name: str, kind: str) -> InferredEntity:
        made = InferredEntity(name=name, columns=[InferredColumn(name="id", type="uuid")])
        made.evidence.append(Evidence(None, kind, name))  # type: ignore[arg-type]
        return made

    names = lambda prose, table: sorted(e.name for e in merge([entity(prose, "prose"), entity(table, "table")], Diagnostics()))
    assert names("Capture Frequency", "Capture") == ["Capture", "Capture Frequency"]
    assert names("OAuth Account", "Account") == ["OAuth Account"]
    # a shape whose name holds the prose entity's among many more words is not it (`MemberCardsByPolicyItem`)
    assert names("Policy", "MemberCardsByPolicyItem") == ["MemberCardsByPolicyItem", "Policy"]
    assert names("Verification Token", "Verification") == ["Verification Token"]  # one word more: the same record


def test_a_shape_with_only_a_key_to_another_table_named_as_a_result_is_no_table():
    text = (
        "# Data Model\n\n## Upload result\n\n| Field | Type |\n|---|---|\n| status | string |\n| session_id | string |\n\n"
        "## Test result\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| session_id | string |\n\n"
        "## Component State Shape\n\n| Field | Type |\n|---|---|\n| amount | number |\n"
    )
    stored = {e.name: e.stored for e in read_data_model("data-model.md", text, Diagnostics())}
    assert stored == {"Upload result": False, "Test result": True, "Component State Shape": False}


def test_bare_fields_with_parenthesised_types_name_their_heading_an_entity_even_a_word_that_heads_prose():
    """`### Note` over `- id (uuid)`: the Note entity; `- findByEmail(email)` is a method, not a field; an overview
    table whose preamble says `These are not persisted` lists no tables."""
    text = (
        "# Data Model\n\n## Educational Meta-Entities (Conceptual)\nThese are not persisted but guide structure.\n\n"
        "| Entity | Purpose | Key Fields |\n|---|---|---|\n| Module | a unit | name, objective, estimatedTime |\n\n"
        "## Capstone Domain Entities (Persisted)\n\n### Note\n- id (uuid)\n- authorId (uuid → User.id)\n- title (string)\n\n"
        "Rules:\n- title non-empty\n\n### UserRepositoryPort\nMethods:\n- findByEmail(email)\n- create(userDraft)\n\n"
        "### Notes\n- keep it short (string)\n- more words here\n"
    )
    entities = read_data_model("data-model.md", text, Diagnostics())
    assert {e.name: e.stored for e in entities} == {"Module": False, "Note": True}
    note = next(e for e in entities if e.name == "Note")
    assert [(c.name, c.type, c.references) for c in note.columns] == [
        ("id", "uuid", None),
        ("author_id", "uuid", "User"),
        ("title", "text", None),
    ]


def test_sql_column_definitions_in_code_spans_of_one_bullet_are_columns_and_heading_markers_say_not_stored():
    text = (
        "# Data Model\n\n## 3. Snapshot (curated dashboard projection)\n\n| Field | Type |\n|---|---|\n| `observedAt` | string |\n\n"
        "## 4. StoredReading (persistence)\n\n- **Table** `readings`: `id INTEGER PRIMARY KEY`, `observed_at TEXT NOT NULL UNIQUE`\n"
        "  (ISO-8601 UTC), and `metrics_json TEXT NOT NULL` holding the map.\n- **Index**: `CREATE INDEX i ON readings(observed_at)`\n\n"
        "## 7. BarometricTrend (derived)\n\n| Field | Type |\n|---|---|\n| `deltaHpa` | number |\n"
    )
    entities = {e.name: e for e in read_data_model("data-model.md", text, Diagnostics())}
    assert not entities["Snapshot"].stored and not entities["BarometricTrend"].stored
    stored = entities["StoredReading"]
    assert stored.stored and stored.table == "readings"
    assert [(c.name, c.type, c.required, c.primary_key, c.unique) for c in stored.columns] == [
        ("id", "integer", True, True, False),
        ("observed_at", "text", True, False, True),
        ("metrics_json", "text", True, False, False),
    ]
    assert stored.columns[2].evidence[0].span.line == 12  # the bullet's second line


def test_enum_tables_overview_relations_and_backticked_types_with_words_after_them():
    text = (
        "# Data Model\n\n## Enums\n\n| Enum | Valores | Notas |\n|---|---|---|\n| `PlanCode` | `FREE`, `PRO` | x |\n\n"
        "## Entidades\n\n### Plan\n\n| Campo | Tipo | Reglas |\n|---|---|---|\n| `id` | `String` cuid | PK. |\n"
        "| `code` | `PlanCode` unique | x |\n\n### Entidades de negocio\n\n"
        "| Entidad | Campos propios (mínimos FASE 1) | Relaciones |\n|---|---|---|\n"
        "| `Client` | `name`, `email?`, `order Int` | `plan`; `projects Project[]` |\n"
        "| `Project` | `name`, `description?` | `client Client?` |\n"
    )
    entities = {e.name: e for e in read_data_model("data-model.md", text, Diagnostics())}
    plan = entities["Plan"]
    assert [(c.name, c.type, c.unique) for c in plan.columns] == [("id", "text", False), ("code", "enum(FREE, PRO)", True)]
    client, project = entities["Client"], entities["Project"]
    assert [(c.name, c.required, c.references) for c in client.columns] == [
        ("name", True, None),
        ("email", False, None),
        ("order", True, None),
        ("plan_id", True, "Plan"),
    ]
    assert client.columns[2].type == "integer"
    assert [(c.name, c.required, c.references) for c in project.columns][-1] == ("client_id", False, "Client")


def test_a_struct_no_create_table_answers_to_is_no_table_unless_its_heading_says_it_exists(tmp_path):
    from compiler.infer import _code_entities, _outside_the_ddl

    text = (
        "# Data Model\n\n### ConnectionPool\n\n| Field | Type |\n|---|---|\n| id | Uuid |\n| size | u32 |\n\n"
        "### User (Existing - No Changes)\n\n| Field | Type |\n|---|---|\n| id | Uuid |\n\n"
        "### Connection\n\n| Field | Type |\n|---|---|\n| id | Uuid |\n\n"
        "## SQLite Schema\n\n```sql\nCREATE TABLE connections (id TEXT PRIMARY KEY, name TEXT NOT NULL);\n```\n"
    )
    diags = Diagnostics()
    coded, tabled = _code_entities("data-model.md", text, diags), read_data_model("data-model.md", text, diags)
    _outside_the_ddl(coded, tabled, text, diags)
    assert {e.name: e.stored for e in tabled} == {"ConnectionPool": False, "User": True, "Connection": True}
    elided = text.replace("NOT NULL);", "NOT NULL);\n-- (Additional CREATE TABLE statements...)")
    coded, tabled = _code_entities("data-model.md", elided, diags), read_data_model("data-model.md", elided, diags)
    _outside_the_ddl(coded, tabled, elided, diags)
    assert all(e.stored for e in tabled)  # the SQL shows a sample of the tables, not all


def test_a_diagram_box_no_create_table_answers_to_is_no_table():
    """An ASCII diagram draws the program's objects beside the tables (`SchemaCache`, `QueryHandle`): where the
    data model's SQL creates every table, a box it does not create is no table."""
    from compiler.infer import _code_entities, _outside_the_ddl

    text = (
        "# Data Model\n\n```\n+-------------+   +--------------+\n| SchemaCache |   | connections  |\n"
        "+-------------+   +--------------+\n| id: Uuid    |   | id           |\n| tables      |   | name         |\n"
        "+-------------+   +--------------+\n```\n\n"
        "## SQLite Schema\n\n```sql\nCREATE TABLE connections (id TEXT PRIMARY KEY, name TEXT NOT NULL);\n```\n"
    )
    diags = Diagnostics()
    coded = _code_entities("data-model.md", text, diags)
    _outside_the_ddl(coded, [], text, diags)
    assert {e.name: e.stored for e in coded} == {"SchemaCache": False, "Connection": True}


def test_a_backticked_field_whose_type_comes_last_in_parentheses():
    text = (
        "# Data Model\n\n### Talk\n\n- **Attributes:**\n  - `id`: Unique identifier (string)\n"
        "  - `startTime`: Start time of the talk (string, e.g., '10:00', optional)\n"
        "  - `speakerCount`: How many speak (integer)\n\n#### CREATE Operation\n- **Input**: Task text (string)\n"
    )
    (talk,) = read_data_model("data-model.md", text, Diagnostics())
    assert [(c.name, c.type, c.required) for c in talk.columns] == [
        ("id", "text", True),
        ("start_time", "text", False),
        ("speaker_count", "integer", True),
    ]


def test_required_and_optional_field_groups_and_a_primary_key_line():
    text = (
        "# Data Model\n\n## Entity: Document\n- Primary key: `DocumentId` (int)\n- Required fields:\n"
        "  - `Title` (string, max 200)\n  - `UploadedByUserId` (int, FK -> User.UserId)\n- Optional fields:\n"
        "  - `Description` (string, max 2000)\n"
    )
    (document,) = read_data_model("data-model.md", text, Diagnostics())
    assert [(c.name, c.type, c.required, c.primary_key) for c in document.columns] == [
        ("document_id", "integer", True, True),
        ("title", "string(200)", True, False),
        ("uploaded_by_user_id", "integer", True, False),
        ("description", "string(2000)", False, False),
    ]


def test_a_sections_entity_named_in_its_first_bold_paragraph_and_an_enum_after_a_colon():
    text = (
        "# Data Model\n\n## Sharing\n\n**DocumentShare**: Records explicit share relationships.\n\n"
        "- `DocumentShareId` (int, PK)\n- `Kind` (enum: Upload, Download, Share)\n\n"
        "## Supplier\n\n**Endpoint**: `/api/v1/suppliers`.\n\n- `SupplierId` (int, PK)\n"
    )
    share, supplier = read_data_model("data-model.md", text, Diagnostics())
    assert share.name == "DocumentShare" and supplier.name == "Supplier"
    assert {c.name: c.type for c in share.columns}["kind"] == "enum(Upload, Download, Share)"


def test_records_another_system_keeps_are_no_tables():
    text = (
        "# Data Model\n\n## 2. Linear-side entities\n\n### Issue\n\n| Field | Type |\n|---|---|\n| `id` | UUID |\n| `title` | string |\n\n"
        "## 3. Server-side entities\n\n### Sync Cursor\n\n| Field | Type |\n|---|---|\n| `id` | UUID |\n| `cursor` | string |\n\n"
        "## 4. Weather\n\n### WeatherAlert\n\n**Fields** (mapped from OpenWeatherMap alerts response):\n"
        "- `id`: string - Unique identifier\n- `event`: string - Alert type\n\n**OpenWeatherMap API Mapping**:\n- `event` -> `event`\n"
    )
    found = {e.name: e for e in read_data_model("data-model.md", text, Diagnostics())}
    assert not found["Issue"].stored and "Linear-side entities" in found["Issue"].not_stored_reason
    assert found["Sync Cursor"].stored
    assert not found["WeatherAlert"].stored


def test_a_json_document_schema_under_an_entity_heading_gives_its_fields():
    text = (
        "# Data Model\n\n## 3. Agent-Specific Entity: TriageResult\n\n```json\n{\n"
        '  "AlertId": "string (SystemAlertId reference)",\n  "TriageId": "string (UUID)",\n'
        '  "RiskScore": "integer (0-100)",  // 100 is the worst\n  "Priority": "enum: Critical|High|Low",\n'
        '  "CorrelatedAlertIds": ["string"],\n  "Enrichment": {"Asset": "string"},\n'
        '  "ClosedTime": "datetime (ISO 8601, nullable)",\n}\n```\n\n'
        "## Shared Entity: LoginExample\n\n```json\n{\n"
        '  "email": "ada@example.com",\n  "name": "Ada",\n  "active": true\n}\n```\n\n'
        '## Broken\n\n```json\n{ "id": "uuid", \n```\n'
    )
    found = {e.name: e for e in read_data_model("data-model.md", text, Diagnostics())}
    triage = found["TriageResult"]
    assert triage.stored  # keyed by its own id: a document, whatever `Result` says
    assert [(c.name, c.type, c.primary_key) for c in triage.columns] == [
        ("alert_id", "text", False),
        ("triage_id", "uuid", True),
        ("risk_score", "integer", False),
        ("priority", "enum(Critical, High, Low)", False),
        ("correlated_alert_ids", "text[]", False),
        ("enrichment", "json", False),
        ("closed_time", "timestamptz", False),
    ]
    assert triage.columns[2].description == "100 is the worst" and triage.columns[-1].required is False
    assert (triage.columns[1].evidence[0].span.line, triage.columns[1].evidence[0].span.col) == (8, 4)
    assert "LoginExample" not in found or not found["LoginExample"].columns  # an example: values, not types
    assert "Broken" not in found or not found["Broken"].columns


def test_a_migrated_fields_row_gives_its_name_and_type_after_the_change():
    text = (
        "# Data Model\n\n## UserChat (existing, migrated)\n\n| Field | Type (before → after) | Notes |\n|---|---|---|\n"
        "| `Id` | `int` identity → `Guid` (sequential) | key |\n"
        "| `CreationDateTime` → `CreatedAtUtc` | `DateTime?` (local) → `DateTime` (UTC) | converted |\n"
        "| `UserId` | `string` (FK → `ApplicationUser.Id`) | owner |\n"
    )
    (chat,) = read_data_model("data-model.md", text, Diagnostics())
    assert [(c.name, c.type) for c in chat.columns] == [("id", "uuid"), ("created_at_utc", "timestamptz"), ("user_id", "text")]
    assert chat.columns[1].required is not False and chat.columns[2].references == "ApplicationUser"


CODE_SPAN_LISTS = """# Data Model — TimeFocus

Схема Drift (SQLite), 14 таблиц.

## Диаграмма связей

```text
ActionNames 1─* ActionRunnings (actionNameId, cascade)
```

## Сущности

### ActionNames — справочник активностей

Ключевые поля: `name`, `color` (ARGB), `isGroup`, `sortOrder`, `mode` (ActionMode),
`pomodoroType?` (null = Помодоро выключен), `archived`.

Валидация:
- `name` непустое.

### ActionHistories + ActionHistoryIntervals — история

`ActionHistories`: `actionNameId`, `date` (= дата старта), `comment?`. Одна запись = одна активность в день.

`ActionHistoryIntervals`: `actionHistoryId`, `startedAt`, `finishedAt`.

### PomodoroSettings — настройки

`shortWorkTime=900`, `cyclesBeforeLongBreak=4` (3–5), `soundEnabled`, `afterAction` (PomodoroAfterAction),
`createdAt`.

### Вода

- `WaterSettings` (singleton id=1): `weightKg`, `reminderMode` (WaterReminderMode), `lastDrankAt?`.
- `DailyWaterGoals`: `date` (uniq), `goalVolume` — фиксация нормы дня; статистика по этой норме.

### AuditLog (reuso)

Novas ações: `CREATE_NOTE`, `UPDATE_NOTE`, `DELETE_NOTE`.

## Энумы

`ActionMode` (nothing/pomodoro/breakFor) · `WaterReminderMode` (interval/scheduled) ·
`PomodoroAfterAction` (doNothing/autoStartBreak)
"""


def test_fields_listed_as_code_spans_in_a_paragraph_or_under_an_entity_name():
    """`Key fields: `name`, `color` (ARGB), `pomodoroType?``: a paragraph of code spans is the entity's fields
    (`?` optional, `=900` a default that types it, a capitalised name with its values an enum); a list headed
    by another entity's name in backticks is that entity's; a list of constants is no fields."""
    entities = read(CODE_SPAN_LISTS)[0]
    assert set(entities) == {
        "ActionNames",
        "ActionHistories",
        "ActionHistoryIntervals",
        "PomodoroSettings",
        "WaterSettings",
        "DailyWaterGoals",
    }
    names = {c.name: c for c in entities["ActionNames"].columns}
    assert list(names) == ["name", "color", "is_group", "sort_order", "mode", "pomodoro_type", "archived"]
    assert names["mode"].type == "enum(nothing, pomodoro, breakFor)" and names["is_group"].type == "boolean"
    assert names["pomodoro_type"].required is False and names["name"].required is True
    assert [c.name for c in entities["ActionHistories"].columns] == ["action_name_id", "date", "comment"]
    assert [c.name for c in entities["ActionHistoryIntervals"].columns] == ["action_history_id", "started_at", "finished_at"]
    settings = {c.name: c for c in entities["PomodoroSettings"].columns}
    assert settings["short_work_time"].type == "integer" and settings["short_work_time"].default == "900"
    assert settings["after_action"].type == "enum(doNothing, autoStartBreak)"
    water = {c.name: c for c in entities["WaterSettings"].columns}
    assert water["reminder_mode"].type == "enum(interval, scheduled)" and water["last_drank_at"].required is False
    at = entities["ActionNames"].columns[1].evidence[0].span
    assert (at.line, at.col) == (15, 25)  # `color`, on the paragraph's first line


def test_a_heading_that_says_it_changes_an_entity_names_that_entity():
    text = "# Data Model\n\n## OutboxEvent additions\n\n| Field | Type | Notes |\n|---|---|---|\n| retry_count | integer | default 0 |\n"
    (entity,) = read_data_model("data-model.md", text, Diagnostics())
    assert entity.name == "OutboxEvent" and [c.name for c in entity.columns] == ["retry_count"]


def test_a_heading_glossed_in_the_specs_language_pairs_with_the_prose_entity_of_that_name(tmp_path):
    from compiler.infer import infer_specs

    folder = tmp_path / "specs" / "001-tasks"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text("# 任务\n\n### 关键实体\n\n- **任务**: 代表一个待办事项，包含名称、完成状态等属性\n", encoding="utf-8")
    (folder / "data-model.md").write_text(
        "# Data Model\n\n### Task（任务）\n\n| Field | Type | Description |\n|---|---|---|\n| id | string | 唯一标识符 |\n"
        "| name | string | 任务名称 |\n| completed | boolean | 完成状态 |\n",
        encoding="utf-8",
    )
    (result,) = infer_specs([(folder / "spec.md", "specs/001-tasks/spec.md")])
    stored = [e for e in result.entities if e.stored]
    assert [e.name for e in stored] == ["任务"] and {"name", "completed"} <= {c.name for c in stored[0].columns}


def test_an_id_typed_with_the_entitys_own_id_type_is_its_key():
    text = (
        "# Data Model\n\n### Member\n\n| Field | Type |\n|---|---|\n| id | MemberId |\n| manager_id | MemberId (nullable) |\n\n"
        "### Projection\n\n| Field | Type |\n|---|---|\n| member_id | MemberId |\n"
    )
    member, projection = read_data_model("data-model.md", text, Diagnostics())
    key, manager = member.columns
    assert key.primary_key and key.references is None
    assert manager.references == "MemberId" and not manager.primary_key  # (MemberId names Member once merged)
    assert projection.columns[0].references == "MemberId"


def test_a_bullet_whose_parentheses_give_modifiers_before_the_type():
    text = "# Data Model\n\n### `users`\n\nKey columns:\n- `id` (PK, text)\n- `email` (unique, not null)\n- `name` (nullable)\n"
    (users,) = read_data_model("data-model.md", text, Diagnostics())
    by = {c.name: c for c in users.columns}
    assert by["id"].primary_key and by["id"].type == "text" and by["id"].references is None
    assert by["email"].unique and by["email"].required and by["name"].required is False


def test_a_collection_of_another_entity_said_one_to_many_keys_each_child_to_its_holder():
    text = (
        "# Data Model\n\n### Cart\n\n| Field | Type |\n|---|---|\n| id | UUID |\n| items | CartItem[] |\n\n"
        "### CartItem\n\n| Field | Type |\n|---|---|\n| quantity | integer |\n\n"
        "### Chart\n\n| Field | Type |\n|---|---|\n| id | UUID |\n| series | ChartSeries[] |\n\n"
        "### ChartSeries\n\n| Field | Type |\n|---|---|\n| label | string |\n\n## Relationships\n\n```\nCart ─── 1:N ──→ CartItem\n```\n"
    )
    entities = {e.name: e for e in read_data_model("data-model.md", text, Diagnostics())}
    assert [(c.name, c.references) for c in entities["CartItem"].columns][-1] == ("cart_id", "Cart")
    assert [c.name for c in entities["ChartSeries"].columns] == ["label"]  # (no cardinality said: kept inside its holder)


def test_a_unique_constraints_list_and_a_note_under_a_field_table_are_no_fields():
    text = (
        "# Data Model\n\n### course_tags\n\n| 字段名 | 数据类型 | 约束 |\n|---|---|---|\n| id | INT | PK |\n| course_id | INT | NOT NULL |\n\n"
        "**唯一约束**：\n- `uk_course_id` (`course_id`)\n\n"
        "### Client\n\n| Campo | Tipo |\n|---|---|\n| `Id` | string |\n| `Email` | string |\n\n"
        "- **Construcción**: `new Client(name, email)`; sembrado con `SeedClient`.\n"
    )
    tags, client = read_data_model("data-model.md", text, Diagnostics())
    assert [c.name for c in tags.columns] == ["id", "course_id"] and tags.columns[1].unique
    assert [c.name for c in client.columns] == ["id", "email"]


ELIXIR_STYLE = """\
# Data Model

### Meeting (virtual)
- Fields: `id` (composite from calendar), `title`, `start_at`, `attendees[]`
- Notes: Not persisted as a table; populated from Calendar APIs.

### MeetingAssociation (persisted)
- Fields: `id`, `calendar_event_id`, `recurring_series_id?`, `origin` (auto|manual), `persist_series?` (bool), `inserted_at`

## RoleCapability (new)
- **Fields**:
  - `id`
  - `capability` (string enum, e.g., `dashboard.view`, `projects.manage`)
  - `inserted_at`, `updated_at`
- **Validations**: `capability` required and drawn from the catalog

## SharedDocument (new)
- **Fields**:
  - `id` – UUID primary key.
  - `client_id` – FK → `clients.id`, required.
  - `source` – enum (`drive`, `notion`).
  - `description` – text, optional.
  - `mime_type` – string for download proxy.
  - `metadata` – map/JSONB for arbitrary tags (e.g., Notion properties, Drive custom props).
  - `etag` / `checksum` – string used to detect remote changes.
  - `above` – triggers when the price goes up.
  - `inserted_at` / `updated_at`.

Indexes:
- `IX_SharedDocument_Source`

### transaction_type
- `expense` — Money spent
"""


def test_field_lists_of_an_ecto_style_data_model():
    """`- Fields:` with code spans, a bare `` `id` `` bullet, `` `name` – type, notes ``: fields; a label's notes
    (`**Validations**:`, `Indexes:`) and a dash with no type after it are none."""
    entities, _ = read(ELIXIR_STYLE)
    columns = {name: {c.name: c for c in e.columns} for name, e in entities.items()}
    assert list(columns["MeetingAssociation"]) == [
        "id", "calendar_event_id", "recurring_series_id", "origin", "persist_series", "inserted_at",
    ]  # fmt: skip
    association = columns["MeetingAssociation"]
    assert association["recurring_series_id"].required is False and association["origin"].type == "enum(auto, manual)"
    assert list(columns["RoleCapability"]) == ["id", "capability", "inserted_at", "updated_at"]
    assert columns["RoleCapability"]["capability"].type == "text"  # `string enum` with examples: a string
    shared = columns["SharedDocument"]
    assert list(shared) == [
        "id", "client_id", "source", "description", "mime_type", "metadata", "etag", "checksum", "inserted_at", "updated_at",
    ]  # fmt: skip
    assert shared["id"].primary_key and shared["id"].type == "uuid"
    assert shared["client_id"].references == "clients" and shared["source"].type == "enum(drive, notion)"
    assert shared["description"].required is False and shared["mime_type"].type == "text"
    assert shared["metadata"].type == "jsonb" and shared["etag"].type == shared["checksum"].type == "text"
    assert not columns.get("transaction_type")  # `expense` — Money spent: a value explained, no decimal field


def test_parentheses_in_a_code_span_and_a_relationship_list_of_columns():
    """`- **FileSizeBytes** `(long, required)` — ...` is `FileSizeBytes (long, required)`; `Document (ProjectId) ->
    Project` in a relationship list makes that column a key to Project, also when Project is declared nowhere."""
    entities, _ = read(
        "# Data Model\n\n### Document\n- **DocumentId** `(int, PK)` — Surrogate key.\n"
        "- **ProjectId** `(int?, FK)` — Optional reference.\n- **FileSizeBytes** `(long, required)` — Size.\n\n"
        "### DocumentShare\n- **DocumentShareId** `(int, PK)`\n- **DocumentId** `(int, FK)`\n\n"
        "## Relationships\n\n- `Document (ProjectId) -> Project` (many-to-one, optional)\n"
        "- `DocumentShare (DocumentId) -> Document` (many-to-one)\n"
    )
    document = {c.name: c for c in entities["Document"].columns}
    assert document["document_id"].primary_key and document["file_size_bytes"].type == "bigint"
    assert document["project_id"].references == "Project" and document["project_id"].required is False
    assert {c.name: c.references for c in entities["DocumentShare"].columns}["document_id"] == "Document"


def test_terse_field_lists_without_backticks_and_types_after_qualifiers():
    """`- title, start, end, url`, a group's fields (`- amenities: indoor (bool), lights (bool)`, `- geo (lat,
    lng)`), values (`- kind: lesson | clinic`), a key said as `(Venue ref)`; `**Key Fields**:` with descriptions
    that start with their type (`positive integer (>=1)`, `optional text for reference`). A field and its type
    (`- id: string (Jira Epic ID)`) and a lone event name (`- tournament_created`) are no such list."""
    entities, _ = read(
        "# Data Model\n\n### Venue\n- name, address, geo (lat, lng)\n- amenities: indoor (bool), lights (bool)\n"
        "- contact: url/phone/email\n\n### Program\n- kind: lesson | clinic | league\n- start, end (ISO)\n"
        "- location_id (Venue ref)\n- signup_url\n\n### Epic\n- id: string (Jira Epic ID)\n- status: string\n\n"
        "### Mapping\n- **Key Fields**:\n  - `absolute_number`: positive integer (>=1) excluding specials.\n"
        "  - `episode_title`: optional text for reference and docs.\n"
        "  - `last_synced_at`: datetime timestamp of when mapping was confirmed.\n\n"
        "## Analytics Events\n- tournament_created\n- registration_completed\n"
    )
    columns = {name: {c.name: c for c in e.columns} for name, e in entities.items()}
    venue = columns["Venue"]
    assert list(venue) == ["name", "address", "lat", "lng", "indoor", "lights", "url", "phone", "email"]
    assert venue["indoor"].type == "boolean"
    program = columns["Program"]
    assert program["kind"].type == "enum(lesson, clinic, league)" and program["start"].type == "timestamp"
    assert program["location_id"].references == "Venue" and "signup_url" in program
    assert list(columns["Epic"]) == ["id", "status"]
    mapping = columns["Mapping"]
    assert [c.type for c in mapping.values()] == ["integer", "text", "timestamp"] and mapping["episode_title"].required is False
    assert not columns.get("Analytics Events")


def test_a_key_described_as_a_reference_to_an_entity_and_a_bullet_that_says_whose_it_is():
    """`| PetWalkerId | Guid | FK, Required | Reference to PetWalker |` is a key to PetWalker (`Reference to the
    docs` of a plain column is none); `- Belongs to Station (stations.id)` under an entity keys its station_id."""
    entities, _ = read(
        "# Data Model\n\n### Timeslot\n\n| Field | Type | Constraints | Description |\n|---|---|---|---|\n"
        "| Id | Guid | PK | Unique identifier |\n| PetWalkerId | Guid | FK, Required | Reference to PetWalker |\n"
        "| Notes | string | | Reference to the docs |\n\n### Pump\n\n- `id` (uuid, PK)\n- `station_id` (uuid)\n\n"
        "**Relationships**:\n\n- Belongs to Station (stations.id)\n"
    )
    timeslot = {c.name: c for c in entities["Timeslot"].columns}
    assert timeslot["pet_walker_id"].references == "PetWalker" and timeslot["notes"].references is None
    assert {c.name: c.references for c in entities["Pump"].columns}["station_id"] == "Station"


def test_a_terse_field_list_points_at_each_name():
    entities, _ = read("# Data Model\n\n### Account\n- username, name, email\n")
    columns = {c.name: c for c in entities["Account"].columns}
    line = "- username, name, email"
    assert columns["name"].evidence[0].span.col == line.index(", name") + 3  # 1-based, not inside `username`
    assert columns["email"].evidence[0].span.col == line.index("email") + 1


def test_a_plain_fields_label_over_mongoose_style_bullets():
    """`- Fields:` (no bold) over `` - `_id`: ObjectId, primary key. `` bullets: the entity's fields. In a MongoDB
    document `date` is BSON's Date, a moment (`createdAt: date` is a timestamp); `Date | null` is a nullable Date."""
    entities, _ = read(
        "# Data Model\n\n## Entity: Restaurant\n\n- Description: A tenant.\n- Collection: `restaurants`\n- Fields:\n"
        "  - `_id`: ObjectId, primary key.\n  - `name`: string, required, trimmed.\n  - `isActive`: boolean, default `true`.\n"
        "  - `createdAt`: date, auto.\n  - `completedAt`: Date | null (set when done)\n  - `openedOn`: date\n"
        "- Validation rules:\n  - `email` must be valid.\n"
    )
    columns = {c.name: c for c in entities["Restaurant"].columns}
    assert list(columns) == ["id", "name", "is_active", "created_at", "completed_at", "opened_on"]
    assert columns["id"].type == "string(24)" and columns["created_at"].type == "timestamp"
    assert columns["completed_at"].type == "timestamp" and not columns["completed_at"].required
    assert columns["opened_on"].type == "date"


def test_date_stays_a_day_outside_a_mongodb_document():
    entities, _ = read("# Data Model\n\n## Event\n\n- `id`: uuid, primary key\n- `createdAt`: date\n")
    assert {c.name: c.type for c in entities["Event"].columns}["created_at"] == "date"


def test_a_section_that_says_anywhere_its_entity_is_kept_in_no_database():
    """`> 菜单项在前端路由配置中静态定义，不存储于数据库。` (defined in the router, not stored in the database): no
    table. `Password never persisted unhashed.` is about a field, and says nothing of the entity."""
    entities, _ = read(
        "# 数据模型\n\n### MenuItem（菜单项）\n\n> 菜单项在前端路由配置中静态定义（`src/router/index.js`），不存储于数据库。\n\n"
        "| 属性 | 类型 | 说明 |\n|------|------|------|\n| path | String | 路由路径 |\n| hidden | Boolean | 是否隐藏 |\n\n"
        "## Entity: User\n\n- Fields:\n  - `_id`: ObjectId, primary key.\n  - `password`: string, required.\n"
        "  - `password_hash`: text (raw password not stored in the database)\n- Validation rules:\n"
        "  - Password never persisted unhashed.\n"
    )
    assert not entities["MenuItem"].stored
    assert entities["User"].stored


def test_entities_under_an_existing_entities_heading_are_the_applications():
    entities, _ = read(
        "# Data Model\n\n## New Entities\n\n### Holiday\n\n| Field | Type |\n|---|---|\n| id | INTEGER |\n| name | VARCHAR(100) |\n\n"
        "## Existing Entities (Read-Only for TAT)\n\n### Analysis (timestamps used)\n\n| Field | Java Type |\n|---|---|\n"
        "| startedDate | `java.sql.Timestamp` |\n| completedDate | `java.sql.Timestamp` |\n\n## Changes to Existing Entities\n\n"
        "### Task\n\n| Field | Type |\n|---|---|\n| id | INTEGER |\n| priority | INTEGER |\n\n## Existing entities extended\n\n### Sample\n\n| Field | Type |\n|---|---|\n"
        "| parent_id | INTEGER |\n"
    )
    assert not entities["Holiday"].existing and entities["Analysis"].existing
    assert not entities["Sample"].existing and not entities["Task"].existing


def test_a_schema_qualified_heading_names_its_table():
    entities, _ = read(
        "# Data Model\n\n## `twizzit.sync_run`\n\n| Column | Type | Notes |\n|---|---|---|\n| `id` | UUID PK | |\n"
        "| `status` | TEXT | `pending` \\| `done` |\n\n## twizzit.shadow_contact\n\n| Column | Type |\n|---|---|\n"
        "| `twizzit_id` | BIGINT PK |\n| `first_name` | TEXT |\n"
    )
    assert list(entities) == ["SyncRun", "ShadowContact"]
    assert entities["SyncRun"].table == "sync_run"
    assert [c.name for c in entities["ShadowContact"].columns] == ["twizzit_id", "first_name"]


def test_bullet_entities_with_their_fields_nested():
    """`- **Task**: ...` over its fields, written TypeScript-like without backticks (`doneAt?: Date`, `createdAt,
    updatedAt: Date`); a bullet whose nested list holds no fields (`**Relationships**`, notes) is none."""
    entities, _ = read(
        "# Data Model\n\n## Entities\n\n- **Task**: A thing to do\n  - id: string (UUID)\n  - title: string (max 200 chars)\n"
        "  - doneAt?: Date\n  - createdAt, updatedAt: Date\n\n- **Tag**: A label\n  - `id`: string\n  - `name`: string\n\n"
        "- **Notes**: about tasks\n  - they are sorted by date\n  - titles are trimmed\n"
    )
    assert list(entities) == ["Task", "Tag"]
    columns = {c.name: c for c in entities["Task"].columns}
    assert list(columns) == ["id", "title", "done_at", "created_at", "updated_at"]
    assert columns["id"].type == "uuid" and columns["title"].type == "string(200)"
    assert not columns["done_at"].required and columns["created_at"].required
    assert entities["Task"].evidence[0].span.line == 5


def test_variants_of_a_heading_entity_share_its_table():
    """`### Goal (Base and Type-Specific)` over `**BaseGoal**` and `**TimedGoal**: Extends BaseGoal`: one goals
    table, the variant's fields nullable (empty in the other variants' rows)."""
    entities, _ = read(
        "# Data Model\n\n## Entities\n\n### Goal (Base and Type-Specific)\n\nSee types.ts for full definitions:\n\n"
        "- **BaseGoal**: Common fields\n  - id: string (UUID)\n  - title: string\n\n"
        "- **TimedGoal**: Extends BaseGoal\n  - deadline: Date\n  - reminders: boolean\n  - title: string\n"
    )
    assert list(entities) == ["Goal"]
    columns = {c.name: c for c in entities["Goal"].columns}
    assert list(columns) == ["id", "title", "deadline", "reminders"]
    assert columns["title"].required and not columns["deadline"].required and not columns["reminders"].required


def test_bullet_entities_that_extend_another_take_its_fields():
    entities, _ = read(
        "# Data Model\n\n## Entities\n\n- **Base**: shared\n  - id: string (UUID)\n  - createdAt: Date\n\n"
        "- **Invoice**: extends Base\n  - total: decimal\n  - dueOn: date\n"
    )
    assert [c.name for c in entities["Invoice"].columns] == ["id", "created_at", "total", "due_on"]


def test_set_membership_checks_and_uuids_kept_as_text():
    """`CHECK ∈ {Draft, Open}` lists the values; a document that keeps its UUIDs in `varchar(36)` means every
    such column, and a 36-character column whose notes say UUID is one; `ref leve` (a light reference) is no key
    to a table `leve`."""
    text = (
        "# Data Model\n\n> Mapeamentos: UUID em `varchar(36)`, Money em `bigint`.\n\n### `fin_documents`\n\n"
        "| Coluna | Tipo | Notas |\n|---|---|---|\n| `id` | `varchar(36)` PK | UUID v4 (app) |\n"
        "| `status` | `varchar(16)` | CHECK ∈ {Draft, Open, Paid} — 3 valores |\n| `contract_ref` | `varchar(36)` NULL | ref leve |\n"
        "| `budget_ref` | `varchar(36)` NULL | ref leve (sem dono) |\n"
    )
    entities, _ = read(text)
    columns = {c.name: c for c in entities["FinDocument"].columns}
    assert columns["id"].type == "uuid" and columns["contract_ref"].type == "uuid"
    assert columns["status"].type == "enum(Draft, Open, Paid)"
    assert columns["contract_ref"].references is None and columns["budget_ref"].references is None
    entities, _ = read(text.replace("UUID em `varchar(36)`, ", ""))
    columns = {c.name: c for c in entities["FinDocument"].columns}
    assert columns["id"].type == "uuid" and columns["contract_ref"].type == "string(36)"


def test_enumerations_as_bold_labels_over_their_values():
    """`### User: Enumerations` over `**AccountStatus**:` and its values: the type the table names; the heading
    names no enum `User`."""
    entities, _ = read(
        "# Data Model\n\n## User\n\n| Field | Type | Constraints |\n|---|---|---|\n| `id` | UUID | PK |\n"
        "| `accountStatus` | AccountStatus | NOT NULL |\n| `owner` | User | |\n\n### User: Enumerations\n\n**AccountStatus**:\n\n"
        "- `ACTIVE`: Account is active\n- `DISABLED`: Account disabled\n\n**Unused**:\n\n- `A`: a\n- `B`: b\n"
    )
    columns = {c.name: c for c in entities["User"].columns}
    assert columns["account_status"].type == "enum(ACTIVE, DISABLED)"
    assert not (columns.get("owner") and (columns["owner"].type or "").startswith("enum"))


def test_a_column_named_as_another_systems_user_is_no_key_to_ours():
    entities, _ = read(
        "# Data Model\n\n## User\n\n| Field | Type |\n|---|---|\n| `id` | UUID |\n\n## FederatedIdentity\n\n"
        "| Field | Type | Notes |\n|---|---|---|\n| `id` | UUID | |\n| `externalUserId` | String | User ID from provider |\n"
        "| `ownerUserId` | UUID | User ID of the owner |\n"
    )
    columns = {c.name: c for c in entities["FederatedIdentity"].columns}
    assert columns["external_user_id"].references is None and columns["owner_user_id"].references == "User"


def test_a_change_table_and_a_mongodb_documents_implicit_id():
    """`| Field | Change | Before | After |`: a field the feature REMOVEs is no column; a MongoDB document's `_id`
    is its key even where the list leaves it out (an ObjectId, 24 hex characters, as the `ObjectId (ref: User)` that
    point at it), and its `Date` a moment (`lastLogin`), the user's `lastName` aside."""
    entities, diags = read(
        "# Data Model\n\n## Entity: User (MODIFY)\n\n| Field | Change | Before | After |\n|---|---|---|---|\n"
        "| `refreshToken` | **REMOVE** | `String, select: false` | Moved to `RefreshToken` model |\n"
        "| `email` | **KEEP** | `String, required, unique` | No change |\n| `lastLogin` | **KEEP** | `Date` | No change |\n"
        "| `lastName` | **KEEP** | `String` | No change |\n\n"
        "## Entity: RefreshToken (NEW)\n\n| Field | Type | Required |\n|---|---|---|\n| `token` | String | yes |\n"
        "| `user` | ObjectId (ref: User) | yes |\n"
    )
    user = {c.name: c for c in entities["User"].columns}
    assert list(user) == ["id", "email", "last_login", "last_name"]
    assert user["id"].type == "string(24)" and user["id"].primary_key and user["id"].evidence
    assert user["last_login"].type == "timestamp" and user["last_name"].type == "text"
    token = {c.name: c for c in entities["RefreshToken"].columns}
    assert token["id"].type == token["user"].type == "string(24)"
    assert any("_id" in d.message and "string(24)" in d.message for d in diags.items)


def test_no_implicit_id_outside_mongodb():
    entities, _ = read("# Data Model\n\n## Entity: Note\n\n| Field | Type |\n|---|---|\n| `title` | String |\n")
    assert [c.name for c in entities["Note"].columns] == ["title"]


def test_what_looks_like_the_new_shapes_but_is_not():
    """Review of session 17: values explained under a bold label are no entity; bold groups under an entity's
    heading are its fields; a rules section's bullets are rules; a Change cell that only mentions deleting keeps
    the field; a data model that mentions a Mongoose past keeps its SQL keys; `ref team` beside a Team is a key
    (`ref leve` none); `### Priority: enum` and `### Enum: OrderStatus` are one enum each; `### settings.json` is
    a file; `not a UUID` is no UUID."""
    entities, _ = read(
        "# Data Model\n\n## Post\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | PK |\n| status | Status | |\n"
        "| priority | Priority | |\n| squad | UUID | FK, ref team |\n| legacy_key | varchar(36) | not a UUID: the ERP's code |\n\n"
        "- **Status**:\n  - draft: not yet visible\n  - active: visible to readers\n  - archived: hidden, kept for audit\n\n"
        "### Priority: enum\n\n- `low`\n- `high`\n\n## Team\n\n| Field | Type |\n|---|---|\n| id | uuid |\n\n"
        "## User\n\n- **Identity**:\n  - `email`: string, unique\n  - `name`: string\n- **Timestamps**:\n  - `createdAt`: Date\n"
        "  - `updatedAt`: Date\n\n## Changes\n\n### Comment\n\n| Field | Action | Type |\n|---|---|---|\n"
        "| `deleted_at` | NEW: supports soft delete | timestamptz |\n| `body` | remove | text |\n\n"
        "## Validation Rules\n\n- **Order Item**:\n  - quantity: positive integer\n  - price: decimal, must be positive\n\n"
        "### settings.json\n\n| Key | Type |\n|---|---|\n| theme | string |\n"
    )
    assert set(entities) == {"Post", "Team", "User", "Comment"}
    post = {c.name: c for c in entities["Post"].columns}
    assert post["priority"].type == "enum(low, high)" and post["squad"].references in ("Team", "team")
    assert post["legacy_key"].type == "string(36)" and post["status"].references is None
    assert [c.name for c in entities["User"].columns] == ["email", "name", "created_at", "updated_at"]
    assert [c.name for c in entities["Comment"].columns] == ["deleted_at"]
    mongoose_past, _ = read(
        "# Data Model\n\nThis feature replaces the legacy Mongoose models; old ObjectId values stay in `legacy_id`.\n\n"
        "### User\n\n| Field | Type |\n|---|---|\n| uuid | UUID |\n| legacy_id | varchar(24) |\n"
    )
    assert [c.name for c in mongoose_past["User"].columns] == ["uuid", "legacy_id"]


def test_another_entitys_typed_bullet_below_a_field_table_is_not_a_group_of_its_fields():
    """`#### Museum field reference` over a field table, then `- **Priority Score**:` with typed fields (as infer
    writes them): Priority Score's fields, not Museum's (infer on its own output once added them to Museum)."""
    entities, _ = read(
        "# F\n\n#### Museum field reference\n\n| Field | Type |\n|---|---|\n| name | string |\n| city | string |\n\n"
        "- **Priority Score**: a ranking\n  - `reputation`: text, required\n  - `modern_weight`: decimal(5, 2), required\n"
    )
    assert [c.name for c in entities["Museum field reference"].columns] == ["name", "city"]


def test_plain_entity_bullets_with_typed_fields_nested_in_a_document_without_sections():
    """`Collections` (a paragraph) over `- Members (mirror)` and `- Posts`, each with `` `id` (UUID) — primary key ``
    fields nested: the entities, whatever heading there is. `(relation -> Members)` is a key to Members, with or
    without words after it; `(enum) — draft|published|archived` lists its values; `Indexes:` is a note, not a field;
    `(for product/paid prizes)` is a phrase, no values; `references Poll.options[].id` points into JSON, at no table."""
    entities, _ = read(
        "# data-model.md — collections (overview)\n\nCollections\n\n- Members (mirror)\n\n  - `id` (UUID) — primary key\n"
        "  - `email` (string)\n  - `createdAt`, `updatedAt`\n  - Indexes: `email`\n\n- Posts\n\n  - `id` (UUID)\n"
        "  - `author` (relation -> Members) — NOT NULL; member-only\n  - `status` (enum) — draft|published|archived\n"
        "  - `ref` (string, nullable) — pointer to the entity (for product/paid prizes)\n"
        "  - `optionId` (string) — references Poll.options[].id\n  - Indexes: `status`\n"
    )
    members = {c.name: c for c in entities["Members"].columns}
    assert list(members) == ["id", "email", "created_at", "updated_at"] and members["id"].primary_key
    posts = {c.name: c for c in entities["Posts"].columns}
    assert list(posts) == ["id", "author", "status", "ref", "option_id"]
    assert posts["author"].references == "Members" and posts["status"].type == "enum(draft, published, archived)"
    assert posts["ref"].type == "text" and posts["option_id"].references is None


@pytest.mark.parametrize(
    "heading", ["## F-005-owned `sessions` table", "## The `sessions` table", "## Table `sessions`", "## New `sessions` table (F-005)"]
)
def test_a_heading_that_names_its_table_in_backticks_among_words(heading):
    entities, _ = read(f"# DM\n\n{heading}\n\n| Field | Type |\n|---|---|\n| `id` | UUID |\n| `status` | VARCHAR(20) |\n")
    assert list(entities) == ["Session"] and entities["Session"].table == "sessions"


def test_fields_under_an_existing_fields_sub_heading_are_the_table_as_it_is():
    """`### Added Fields` then `### Existing Fields Used by Cancellation` under `## Entity: AgentJob (existing)`: the
    feature adds the first; the second recalls what the table has."""
    entities, _ = read(
        "# DM\n\n## Entity: AgentJob (existing)\n\n### Added Fields\n- `cancel_requested_at`: nullable timestamp\n"
        "- `cancel_reason`: nullable text\n\n### Existing Fields Used by Cancellation\n- `status`: enum includes `queued`, etc.\n"
        "- `finished_at`: terminal completion timestamp\n"
    )
    assert [c.name for c in entities["AgentJob"].columns] == ["cancel_requested_at", "cancel_reason"]


def test_a_field_described_in_words_is_typed_by_its_name_or_its_words():
    """`- `firstSeenUtc`: earliest accepted observation timestamp.` (a UTC suffix), `hostname`, `primaryIp`,
    `observedIps`: their names type them; `lastProbe`: its words say timestamp (W301, a guess to check)."""
    entities, diags = read(
        "# DM\n\n## Stored Device\n\n### Fields\n\n- `id`: backend-managed persistent identifier.\n"
        "- `primaryIp`: optional current primary IP.\n- `hostname`: optional latest known hostname.\n"
        "- `observedIps`: unique set of observed IP evidence.\n- `firstSeenUtc`: earliest accepted observation timestamp.\n"
        "- `lastProbe`: latest probe timestamp.\n"
    )
    columns = {c.name: c.type for c in entities["Stored Device"].columns}
    assert columns == {
        "id": "uuid",
        "primary_ip": "string(45)",
        "hostname": "string(255)",
        "observed_ips": "text[]",
        "first_seen_utc": "timestamp",
        "last_probe": "timestamp",
    }
    assert any(d.code == "W301" and "lastProbe" in d.message for d in diags.items)


def test_keyless_filters_summaries_and_reports_are_no_tables():
    """`### RunHistoryListFilter` and `### InputChangeSummary` field tables with no key: a query's parameters and
    a computed summary; `### ExpenseReport` with its id is a table."""
    entities, _ = read(
        "# DM\n\n### `RunHistoryListFilter` (sealed record)\n\n| Field | Type |\n|---|---|\n| `FromDate` | `DateTimeOffset?` |\n"
        "| `Status` | `string?` |\n\n### `InputChangeSummary` (sealed record)\n\n| Field | Type |\n|---|---|\n"
        "| `EarlierCount` | `int` |\n| `LaterCount` | `int` |\n\n### ExpenseReport\n\n| Field | Type |\n|---|---|\n"
        "| id | uuid |\n| total | decimal |\n"
    )
    stored = {name: e.stored for name, e in entities.items()}
    assert stored == {"RunHistoryListFilter": False, "InputChangeSummary": False, "ExpenseReport": True}
