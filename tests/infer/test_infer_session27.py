"""Rules met in session 27's reading of session 26's never-read samples: a field's values on its label's own line, a
check written in a rules table, field tables with no type column, PostgreSQL's system types, a table named in its
heading's parentheses, vector stores and files, and prose that marks an entity extended or lists its attributes in
bold. Each rule next to the ordinary input it must leave alone."""

from __future__ import annotations

import pytest

from compiler.infer import words as W
from compiler.infer.typemap import canonical_type
from tests.infer.runs import code_entities, columns_of, data_model_entities, infer_run, read_model

_read = read_model
_columns = columns_of


# -- a field's values on its label's own line

JOBS = """# Data Model

### IngestionJob

| Field | Type | Constraints | Description |
|-------|------|-------------|-------------|
| `id` | TEXT | PRIMARY KEY | Job identifier |
| `status` | TEXT | NOT NULL | Current job status |
| `kind` | TEXT | NOT NULL | What the job does |

{label}

### Document

| Field | Type | Constraints | Description |
|-------|------|-------------|-------------|
| `id` | TEXT | PRIMARY KEY | Document identifier |
| `status` | TEXT | NOT NULL | Current status |
"""


def test_values_on_a_fields_label_line_make_that_field_an_enum_in_its_section_only():
    entities = _read(JOBS.format(label="**Status values**: `started` | `embedding` | `completed` | `failed`"))
    assert _columns(entities["IngestionJob"])["status"].type == "enum(started, embedding, completed, failed)"
    assert _columns(entities["IngestionJob"])["kind"].type == "text"  # another field of the table
    assert _columns(entities["Document"])["status"].type == "text"  # below a heading: another entity's status


@pytest.mark.parametrize("label", ["**Status values**: see the lifecycle below", "**Status**: `started` is the first state"])
def test_a_label_without_its_values_on_its_line_types_nothing(label):
    assert _columns(_read(JOBS.format(label=label))["IngestionJob"])["status"].type == "text"


# -- a check constraint written in a rules table

PROVIDERS = """# Data Model

### Provider

| Field | Type | Constraints | Notes |
|-------|------|-------------|-------|
| `name` | TEXT | PRIMARY KEY | Provider identifier |
| `type` | TEXT | NOT NULL | Provider category (e.g., "ollama") |

### Model

| Field | Type | Constraints | Notes |
|-------|------|-------------|-------|
| `name` | TEXT | PRIMARY KEY | Model name |
| `type` | TEXT | NOT NULL | Model family |

## Validation Rules

| Entity | Rule | Constraint |
|--------|------|------------|
| Provider | Valid type | `type` IN ('ollama', 'openrouter', 'openai') |
"""


def test_an_in_list_in_a_rules_tables_row_types_the_field_of_the_entity_the_row_names():
    entities = _read(PROVIDERS)
    assert _columns(entities["Provider"])["type"].type == "enum(ollama, openrouter, openai)"
    assert _columns(entities["Model"])["type"].type == "text"  # the row names Provider, not the last entity above


# -- a field table with no type column

UNTYPED = """# Data Model

### MemoryItem

| Field | {second} |
|---|---|
| `memory_id` | Stable memory identifier |
| `lifecycle` | `durable`, `working`, or `ephemeral` |
| `verbosity` | Stable style preference such as `low`, `medium`, or `high` |
| `warmth` | Stable tone preference |
| `confidence` | Confidence score for inferred context |
| `confirmation_style` | Preference for when the agent should seek confirmation |
"""


@pytest.mark.parametrize("second", ["Description", "Rules"])
def test_a_field_table_without_types_keeps_every_field_typed_from_its_words_or_as_text_to_check(second):
    columns = _columns(_read(UNTYPED.format(second=second))["MemoryItem"])
    assert set(columns) == {"memory_id", "lifecycle", "verbosity", "warmth", "confidence", "confirmation_style"}
    assert columns["lifecycle"].type == "enum(durable, working, ephemeral)"  # its values alone
    assert columns["verbosity"].type == "text"  # `such as`: examples of an open set
    assert columns["warmth"].type == "text" and not columns["warmth"].confident  # a field, of a type to check
    assert columns["confidence"].type == "text"  # (a score's scale is not said: text to check)
    assert columns["confirmation_style"].type == "text"  # `for when ...` is no moment


def test_when_types_a_description_it_opens_and_is_a_conjunction_inside_one():
    assert W.type_in_words("When the event was emitted") == "timestamp"
    assert W.type_in_words("Preference for when the agent should seek confirmation") is None
    assert W.type_in_words("Locale used when the summary was generated", opening=True) is None
    assert W.type_in_words("Time of creation") == "timestamp"


def test_a_two_column_table_of_rules_that_are_not_about_fields_is_no_entity():
    text = "# Data Model\n\n## User Table\n\n| Attribute | Rules |\n|---|---|\n| Table name | Stays as it is. |\n| Primary key | Required; preserved. |\n"
    assert "User Table" not in _read(text) or not _read(text)["User Table"].columns


# -- PostgreSQL's system types, and a type with a note in emphasis


@pytest.mark.parametrize(("written", "read"), [("oid", "bigint"), ("regclass", "bigint"), ("xid8", "bigint"), ("pg_lsn", "string(32)")])
def test_postgresql_system_types_have_the_nearest_spec2db_type_to_check(written, read):
    guess = canonical_type(written)
    assert (guess.type, guess.confident) == (read, False)


def test_a_type_followed_by_a_note_in_emphasis_is_still_that_type():
    text = "# Data Model\n\n### Question\n\n| Field | Type | Description |\n|---|---|---|\n| `id` | uuid | Key |\n| `default_answer` | jsonb (nullable) *(encrypted)* | Required when `mode = assume` |\n"
    column = _columns(_read(text)["Question"])["default_answer"]
    assert (column.type, column.required) == ("jsonb", False)


# -- a table named in a heading's parentheses

STORAGE = """# Data Model

## Storage Registration (`koldstore.storage`)

| Column | Type | Notes |
|--------|------|-------|
| `id` | `text` | PK; 8-character hex. |
| `name` | `text` | Unique. |

## Schema Registry (`system.schemas`)

| Column | Type | Notes |
|--------|------|-------|
| `id` | `uuid` | PK. |
| `storage_id` | `text` | References `koldstore.storage` (8-char hex). |
| `owner_id` | `uuid` | References `auth.users`. |

## Object-Store Manifest (`manifest.json`)

| Field | Type | Notes |
|-------|------|-------|
| `path` | `text` | Object path. |
| `size` | `integer` | Bytes. |
"""


def test_a_heading_names_its_table_and_a_schema_qualified_reference_finds_that_entity():
    entities = _read(STORAGE)
    assert entities["Storage Registration"].table == "storage"
    assert entities["Schema Registry"].table == "schemas"
    assert _columns(entities["Schema Registry"])["storage_id"].references == "Storage Registration"
    assert _columns(entities["Schema Registry"])["owner_id"].references != "Storage Registration"


def test_a_heading_naming_a_file_keeps_the_entity_out_of_the_database():
    manifest = _read(STORAGE)["Object-Store Manifest"]
    assert not manifest.stored and "manifest.json" in manifest.not_stored_reason
    database = _read("# Data Model\n\n## Run (`app.db`)\n\n| Field | Type |\n|---|---|\n| `id` | uuid |\n| `name` | text |\n")
    assert database["Run"].stored  # a SQLite file is the database


# -- records a vector store or a Parquet file keeps

VECTORS = """# Data Model

### ParentChunk (SQLite — `parent_chunks` table)

Large text segment read by the graph.

| Field | Type | Constraints | Description |
|-------|------|-------------|-------------|
| `id` | TEXT | PRIMARY KEY | Chunk identifier |
| `text` | TEXT | NOT NULL | Full text |

### ChildChunk ({store})

Small text segment derived from a parent chunk. {said}

| Field | Type | Description |
|-------|------|-------------|
| `parent_id` | TEXT | The parent chunk |
| `text` | TEXT | Raw child text |
"""


@pytest.mark.parametrize(
    ("store", "said", "stored"),
    [
        ("Qdrant — vector points", "Stored as a vector point in Qdrant for hybrid retrieval.", False),
        ("cold storage", "Stored in Parquet files during flush.", False),
        ("SQLite", "Stored in SQLite with its parent.", True),
    ],
)
def test_a_record_a_vector_store_or_parquet_keeps_is_no_table(store, said, stored):
    entities = _read(VECTORS.format(store=store, said=said))
    assert entities["ParentChunk"].stored and entities["ParentChunk"].table == "parent_chunks"
    assert entities["ChildChunk"].stored is stored


# -- a key named after its owner's head noun

OWNED = """# Data Model

### RiskAssessment

| Field | Description |
|---|---|
| `assessment_id` | Stable assessment identifier |
| `session_id` | {said} |
| `risk_level` | `low`, `medium`, or `high` |
"""


def test_a_key_described_as_owning_its_entity_refers_to_it_by_the_words_said(tmp_path):
    entities = data_model_entities(tmp_path, OWNED.format(said="Owning execution session"), "- **RiskAssessment**: a risk.\n")
    assert _columns(entities["RiskAssessment"])["session_id"].references == "ExecutionSession"
    assert entities["ExecutionSession"].external


@pytest.mark.parametrize("said", ["Owning runtime request", "Session of the browser", "Execution session"])
def test_a_key_whose_description_names_another_head_noun_or_no_owner_stays_plain(tmp_path, said):
    entities = data_model_entities(tmp_path, OWNED.format(said=said), "- **RiskAssessment**: a risk.\n")
    assert _columns(entities["RiskAssessment"])["session_id"].references is None


# -- prose: an entity marked extended that no spec declares, and attributes in bold or in a labelled list

PRODUCT = (
    "# Products\n\n## Key Entities\n\n"
    "- **Product (extended)**: the tracked item. Existing attributes (URL, name, active flag, last success/failure"
    " timestamps) gain an optional **description** (full text), **category**, **brand/manufacturer**, a flexible"
    " **attributes** set of key/value specifications, and an **info-last-updated** timestamp.\n"
)


def test_an_entity_marked_extended_that_no_spec_declares_is_typed_from_what_its_prose_names(tmp_path):
    [(action, product)] = infer_run(tmp_path, [("007-info", PRODUCT, None)])["007-info"].values()
    columns = _columns(product)
    assert action == "type"
    assert {"url", "name", "is_active", "last_success_at", "description", "category", "attributes", "info_last_updated_at"} <= set(columns)
    assert columns["info_last_updated_at"].type == "timestamp" and columns["description"].required is False


def test_an_entity_marked_extended_over_an_earlier_declaration_only_adds_to_it(tmp_path):
    earlier = "# Products\n\n## Key Entities\n\n- **Product**: the tracked item, with name, url and category.\n"
    run = infer_run(tmp_path, [("001-products", earlier, None), ("007-info", PRODUCT, None)])
    assert run["001-products"]["Product"][0] == "type"
    action, _ = run["007-info"].get("Product", ("keep", None))
    assert action != "type"  # the earlier feature declares it: this one adds to it at most


@pytest.mark.parametrize(
    "text",
    [
        "- **Party**: A temporary subset of one **team** formed for one **event**. Attributes: the team, roster cap.\n",
        "- **Member**: A member. Attributes: status (**in** / **declined** / **no response**), role.\n",
    ],
)
def test_bold_words_that_are_no_list_of_attributes_add_nothing(tmp_path, text):
    spec = f"# A\n\n## Key Entities\n\n- **Team**: a team, with a name.\n- **Event**: an event, with a title.\n{text}"
    [entity] = [e for _, e in infer_run(tmp_path, [("001-a", spec, None)])["001-a"].values() if e.name in ("Party", "Member")]
    assert not {"in", "declined", "open", "team_formed", "event"} & {c.name for c in entity.columns}


def test_an_attribute_the_entity_may_have_is_optional(tmp_path):
    spec = "# A\n\n## Key Entities\n\n- **User**: Represents a user of the application. Has a unique ID and may have associated settings.\n"
    user = infer_run(tmp_path, [("001-a", spec, None)])["001-a"]["User"][1]
    assert _columns(user)["settings"].required is False
    assert not any(c.name.startswith("may_") for c in user.columns)


# -- session 27's second reading (external90 and 91)

JOBS_PROJECTION = """# Data Model

### 8. `jobs` (projection légère pour le statut)

> Note : la source de vérité reste RQ (dans Redis). {said}

| Champ | Type | Contraintes | Notes |
|---|---|---|---|
| `id` | str | PK | Job id |
| `status` | text | NOT NULL | |
"""


@pytest.mark.parametrize(("said", "stored"), [("Cette table est une projection optionnelle.", True), ("Rien n'est gardé.", False)])
def test_a_section_that_calls_its_entity_a_table_keeps_it_one_whatever_its_heading_says(said, stored):
    [jobs] = _read(JOBS_PROJECTION.format(said=said)).values()
    assert jobs.stored is stored


def test_this_table_about_the_markdown_table_says_nothing():
    text = "# Data Model\n\n### LoginRequest (DTO)\n\nThis table lists the request's fields.\n\n| Field | Type |\n|---|---|\n| `email` | string |\n| `password` | string |\n"
    assert not _read(text)["LoginRequest"].stored


def test_a_schema_sub_heading_in_french_holds_the_tables_fields():
    text = "# Data Model\n\n## 3. `jdr_chunks` (nouvelle table)\n\n### Schéma\n\n| Colonne | Type | Nullable |\n|---|---|---|\n| `id` | `UUID` | NOT NULL |\n| `ordre` | `INTEGER` | NOT NULL |\n"
    [chunks] = _read(text).values()
    assert chunks.table == "jdr_chunks" and set(_columns(chunks)) == {"id", "ordre"}


FOLDERS = """# Data Model

### DbFolder

| Field     | Type    | Description                                      |
|-----------|---------|--------------------------------------------------|
| `id`      | number  | Unique folder identifier (PK)                    |
| `parent`  | number  | Parent folder id; 0 or null means root-level     |

### DbFile

| Field     | Type    | Description                                      |
|-----------|---------|--------------------------------------------------|
| `id`      | number  | Unique file identifier (PK)                      |
| `parent`  | number  | Parent folder id (FK → DbFolder.id); 0 or null = root |
| `bytes`   | number  | File size in bytes                               |
| `ratio`   | number  | Compression ratio                                |

## UI-Only Entities (panel-local, not persisted)

### TreeNode

| Field      | Type     | Description        |
|------------|----------|--------------------|
| `kind`     | string   | Discriminator      |
| `label`    | string   | Display name       |
"""


def test_a_number_said_to_be_an_id_or_bytes_is_an_integer_and_a_key_said_in_parentheses_is_one():
    entities = _read(FOLDERS)
    folder, file = _columns(entities["DbFolder"]), _columns(entities["DbFile"])
    assert (file["parent"].type, file["parent"].references) == ("integer", "DbFolder")
    assert folder["parent"].references == "DbFolder"  # `Parent folder id` in DbFolder: the folder above it
    assert file["bytes"].type == "integer" and file["ratio"].type == "double"


def test_entities_under_a_heading_that_says_they_are_not_persisted_are_no_tables():
    entities = _read(FOLDERS)
    assert entities["DbFolder"].stored and not entities["TreeNode"].stored


def test_a_not_persisted_note_on_one_entitys_heading_ends_the_entity_above_and_groups_nothing():
    text = (
        "# Data Model\n\n### 1. Lexeme (Existing Table - Enhanced)\n\n**Fields**:\n- `id`: CHAR(36) - UUID primary key\n"
        "- `word_id`: CHAR(36) - References Word(id)\n\n### 2. TranslationRequest (Runtime Entity - Not Persisted)\n\n"
        "**Fields**:\n- `lexeme_id`: string - ID of lexeme being translated\n\n### 3. UsageTracking (In-Memory - Optional Persistence)\n\n"
        "**Options**:\n1. **In-memory only**: Reset on restart\n"
    )
    entities = _read(text)
    assert set(_columns(entities["Lexeme"])) == {"id", "word_id"}
    assert _columns(entities["Lexeme"])["word_id"].type == "uuid"  # as the other 36-character key said to hold a UUID
    assert entities["Lexeme"].stored


def test_a_column_named_by_an_sql_keyword_is_read_and_a_filtered_index_is_no_column():
    text = (
        "# x\n\n```sql\nCREATE TABLE system_configs (\n  key VARCHAR(100) PRIMARY KEY,\n  value JSONB NOT NULL\n);\n"
        "CREATE TABLE [dbo].[Images] (\n    [Id] UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,\n    [DeletedAtUtc] DATETIME2 NULL,\n"
        "    INDEX [IX_Images_DeletedAtUtc] ([DeletedAtUtc])\n        WHERE [DeletedAtUtc] IS NULL\n);\n```\n"
    )
    entities = code_entities(text)
    assert _columns(entities["SystemConfig"])["key"].primary_key
    assert set(_columns(entities["Image"])) == {"id", "deleted_at_utc"}


def test_a_migrations_down_step_does_not_undo_the_schema():
    text = (
        "# x\n\n```typescript\nexport async function up(db) {\n  await db.execute(sql`\n    ALTER TABLE vacancies\n"
        "    ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'created'\n  `);\n  await db.execute(sql`\n    ALTER TABLE vacancies\n"
        "    ADD CONSTRAINT s_check CHECK (status IN ('created', 'offer'))\n  `);\n}\n\nexport async function down(db) {\n"
        "  await db.execute(sql`\n    ALTER TABLE vacancies DROP CONSTRAINT s_check\n  `);\n}\n```\n"
    )
    [vacancy] = code_entities(text).values()
    assert _columns(vacancy)["status"].type == "enum(created, offer)"


def test_an_object_type_alone_under_an_entitys_heading_is_that_entitys_record(tmp_path):
    text = (
        "# Data Model\n\n### Tool Entity\n**Storage**: MongoDB collection `tools`\n\n**Schema**:\n```typescript\n{\n"
        "  _id: ObjectId,           // MongoDB primary key\n  name: string,            // Tool name\n"
        "  createdBy: ObjectId,     // Reference to User._id\n  createdAt: Date         // Creation timestamp\n}\n```\n"
    )
    tool = data_model_entities(tmp_path, text, "- **Tool**: a tool.\n")["Tool"]
    assert {"id", "name", "created_by", "created_at"} <= set(_columns(tool))


def test_a_block_under_a_future_label_and_a_view_are_no_schema(tmp_path):
    text = (
        "# x\n\n```sql\nCREATE TABLE items (id UUID PRIMARY KEY, name TEXT NOT NULL);\n```\n\n"
        "**Version-based approach (future enhancement):**\n\n```sql\nALTER TABLE items ADD COLUMN version INTEGER NOT NULL DEFAULT 1;\n```\n\n"
        "### current_stock\n\n```sql\nCREATE OR REPLACE VIEW current_stock AS SELECT i.id AS item_id FROM items i;\n```\n\n"
        "**Columns:**\n- `item_id`: Item identifier\n- `item_name`: Item name\n"
    )
    [items] = code_entities(text).values()
    assert "version" not in _columns(items)
    entities = data_model_entities(tmp_path, text, "- **Item**: an item.\n")
    assert not entities["CurrentStock"].stored  # its columns listed as fields, its table a view


# -- the review of session 27's rules: ordinary input each rule must leave alone


def test_an_in_list_after_where_is_a_subset_in_a_partial_index_not_the_columns_values():
    text = (
        "# Data Model\n\n### Job\n\n| Field | Type | Constraints | Description |\n|---|---|---|---|\n| `id` | uuid | PK | Key |\n"
        "| `status` | text | NOT NULL | Current status |\n\n## Indexes\n\n| Name | Definition |\n|---|---|\n"
        "| jobs_active | UNIQUE (user_id) WHERE `status` IN ('queued', 'running') |\n"
    )
    assert _columns(_read(text)["Job"])["status"].type == "text"


@pytest.mark.parametrize(
    ("note", "stored", "table"),
    [("`models.py`", True, None), ("`schema.prisma`", True, None), ("`app.db`", True, None), ("`tasks.json`", False, None)],
)
def test_a_file_in_a_headings_parentheses_is_where_records_are_only_for_data_files(note, stored, table):
    [task] = _read(f"# Data Model\n\n## Task ({note})\n\n| Field | Type |\n|---|---|\n| `id` | uuid |\n| `title` | text |\n").values()
    assert (task.stored, task.table) == (stored, table)


@pytest.mark.parametrize(
    "said",
    [
        "This table is a Redis hash; it is not persisted in PostgreSQL.",
        "Tracks a nightly job that writes the day's events to Parquet files in S3.",
    ],
)
def test_naming_a_store_keeps_a_table_only_as_the_sentence_says(said):
    [entity] = _read(
        f"# Data Model\n\n### CartSession\n\n{said}\n\n| Field | Type |\n|---|---|\n| `id` | uuid |\n| `total` | integer |\n"
    ).values()
    assert entity.stored is ("Parquet" in said)


@pytest.mark.parametrize(
    "heading", ["## Shared Models (server and client-side)", "## Entities (persisted; drafts are kept in memory until saved)"]
)
def test_a_group_headings_note_in_parentheses_says_nothing_of_its_entities(heading):
    entities = _read(f"# Data Model\n\n{heading}\n\n### Note\n\n| Field | Type |\n|---|---|\n| `id` | uuid |\n| `body` | text |\n")
    assert entities["Note"].stored


@pytest.mark.parametrize(
    ("row", "read"),
    [
        ("| `similarity` | number | Cosine similarity (0-1) between the query and the chunk ID |", "double"),
        ("| `amount` | number | Amount charged, keyed by invoice ID |", "decimal"),
        ("| `source_id` | number | Source entity id |", "integer"),
    ],
)
def test_a_number_is_an_integer_only_when_it_is_an_id(row, read):
    [entity] = _read(f"# Data Model\n\n### Match\n\n| Field | Type | Description |\n|---|---|---|\n{row}\n").values()
    assert entity.columns[0].type.startswith(read)


def test_a_standard_named_in_parentheses_is_no_key_and_a_path_is_no_parent():
    text = (
        "# Data Model\n\n### Folder\n\n| Field | Type | Description |\n|---|---|---|\n| `id` | uuid | Key |\n"
        "| `parent` | string | Parent folder path, e.g. `/docs/2024` |\n| `currency` | char(3) | Currency code (references ISO 4217) |\n"
    )
    columns = _columns(_read(text)["Folder"])
    assert columns["parent"].references is None and columns["currency"].references is None


@pytest.mark.parametrize(
    ("text", "none_of"),
    [
        ("- **Task**: a piece of work. Its status is one of **open**, **in progress**, or **done**.\n", {"open", "in_progress"}),
        ("- **Invoice**: a bill. An invoice **must** have at least one line and **cannot** be edited.\n", {"must", "cannot"}),
        (
            "- **FormTemplate**: a form with a title and custom fields (text, number, date, dropdown) that respondents fill in.\n",
            {"number"},
        ),
    ],
)
def test_bold_values_emphasis_and_kinds_of_fields_are_no_attributes(tmp_path, text, none_of):
    [(_, entity)] = infer_run(tmp_path, [("001-a", f"# A\n\n## Key Entities\n\n{text}", None)])["001-a"].values()
    assert not none_of & {c.name for c in entity.columns}


def test_an_extended_entity_that_only_gains_attributes_stays_as_written(tmp_path):
    spec = "# A\n\n## Key Entities\n\n- **User (extended)**: gains a `timezone` preference and an optional `locale`.\n"
    assert infer_run(tmp_path, [("001-a", spec, None)])["001-a"].get("User", ("keep", None))[0] == "keep"


def test_an_object_under_an_example_heading_and_a_future_word_inside_a_label_change_nothing(tmp_path):
    text = (
        "# Data Model\n\n### Wallet\n\n**Schema (currency column added now so future multi-currency needs no migration):**\n\n"
        "```sql\nCREATE TABLE wallets (id UUID PRIMARY KEY, currency CHAR(3) NOT NULL);\n```\n\n#### Example\n\n"
        '```typescript\n{\n  email: "ada@example.com",\n  displayName: "Ada",\n  balance: 10,\n  currency: "EUR"\n}\n```\n'
    )
    entities = data_model_entities(tmp_path, text, "- **Wallet**: a wallet.\n")
    assert {"id", "currency"} <= set(_columns(entities["Wallet"])) and "Example" not in entities


def test_seed_rows_under_a_label_are_no_fields():
    text = (
        "# Data Model\n\n### Role\n\n| Field | Type |\n|---|---|\n| `id` | uuid |\n| `name` | text |\n\nSeed data:\n\n"
        "| Name | Description |\n|---|---|\n| admin | Full access |\n| member | Can edit |\n| viewer | Read only |\n"
    )
    assert set(_columns(_read(text)["Role"])) == {"id", "name"}


def test_when_opening_a_condition_is_no_moment():
    assert W.type_in_words("When true, the flag is on for everyone", opening=True) is None


def test_an_entity_infer_marks_not_stored_still_pairs_its_data_models_entity_the_next_time(tmp_path):
    """infer on its own output proposes nothing: `**Processing State** *(not stored)*`, which it marked so because the data
    model's BackgroundProcessingState is client state, keeps that entity from pairing with `Background Processing`."""
    from compiler.infer import infer_specs

    feature = tmp_path / "specs" / "004-b"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text(
        "# B\n\n## Key Entities\n\n- **Background Processing**: The single active pipeline run.\n"
        "- **Processing State**: A user-visible status for a meeting (recording, processing, completed).\n"
    )
    (feature / "data-model.md").write_text(
        "# Data Model\n\n### BackgroundProcessingState\n\n- `activeMeetingId`: The meeting being processed\n"
        "- `activeStage`: stage aligned with pipeline\n- `pendingMeetingId`: next meeting to process\n"
    )
    for _ in range(2):
        [result] = infer_specs([(feature / "spec.md", "specs/004-b/spec.md")])
        (feature / "spec.md").write_text(result.proposed)
    assert not result.changed


def test_hostile_lists_and_headings_are_read_in_linear_time():
    """An unclosed `attributes (` with many commas (the pattern once backtracked exponentially) and a heading of
    100,000 spaces (the entity-key and heading patterns were quadratic): read at once."""
    from compiler.infer.prose import LABELLED_PARENS_RE

    assert LABELLED_PARENS_RE.search("Existing attributes (" + ",a" * 400) is None
    heading = "# D\n\n## x" + " " * 100_000 + "y (`a.b`)\n\n| Field | Type |\n|---|---|\n| `id` | uuid |\n"
    assert _read(heading)  # the table is still read
    assert W.entity_key("Task" + " " * 100_000 + "(note)") == "task"
