"""Rules met in session 26's reading of session 25's never-read samples: keys to the owner a description names first,
Drizzle tables of a `pgSchema`, fields listed with no type, values in code spans, an enum named over its list. Each rule
next to the ordinary input it must leave alone."""

from __future__ import annotations

import pytest

from compiler.diagnostics import Diagnostics
from compiler.infer.datamodel import read_data_model
from compiler.infer.typemap import canonical_type
from tests.infer.runs import columns_of, data_model_entities, read_model

FENCE = "```"


_read = read_model
_columns = columns_of


# -- a key to the owner its description names first

TENANTED = """# Data Model

### TenantProfile

| Field | Type | Constraints | Description |
|-------|------|-------------|-------------|
| id | text | PK | Profile version id |
| tenantId | text | NOT NULL, INDEX | {said} |
| name | text | NOT NULL | Display name |

### OperationLog

| Field | Type | Constraints | Description |
|-------|------|-------------|-------------|
| id | text | PK | Log id |
| tenantId | text | NOT NULL | Tenant context |
| action | text | NOT NULL | What was done |
"""


@pytest.mark.parametrize("said", ["Tenant this profile belongs to (Leash pattern)", "The tenant that owns this profile"])
def test_a_key_whose_description_names_its_owner_refers_to_it_and_its_namesakes_follow(tmp_path, said):
    entities = data_model_entities(tmp_path, TENANTED.format(said=said), "- **TenantProfile**: a profile.\n- **OperationLog**: a log.\n")
    assert _columns(entities["TenantProfile"])["tenant_id"].references == "Tenant"
    assert _columns(entities["OperationLog"])["tenant_id"].references == "Tenant"  # the same tenant, by its name
    assert entities["Tenant"].external  # a table outside these specs, stubbed so that build finds it


@pytest.mark.parametrize("said", ["Tenant identifier", "Tenant context", "Workspace this profile belongs to"])
def test_a_key_whose_description_names_no_owner_of_its_name_stays_a_plain_column(tmp_path, said):
    entities = data_model_entities(tmp_path, TENANTED.format(said=said), "- **TenantProfile**: a profile.\n- **OperationLog**: a log.\n")
    assert _columns(entities["TenantProfile"])["tenant_id"].references is None
    assert "Tenant" not in entities


# -- Drizzle tables and enums of a `pgSchema`

DRIZZLE = f"""# Data Model

{FENCE}typescript
export const profilesSchema = pgSchema('profiles');

export const documentFormatEnum = profilesSchema.enum('document_format', [
  'pdf',
  'docx',
]);

export const corpusDocuments = profilesSchema.table('corpus_documents', {{
  id: text('id').primaryKey(),
  format: documentFormatEnum('format').notNull(),
  title: text('title'),
}});
{FENCE}
"""


def test_a_drizzle_table_and_enum_of_a_pg_schema_are_read_as_pg_tables_are(tmp_path):
    [table] = [e for e in data_model_entities(tmp_path, DRIZZLE).values() if e.table == "corpus_documents"]
    columns = _columns(table)
    assert columns["format"].type == "enum(pdf, docx)" and columns["format"].required
    assert columns["title"].type == "text" and not columns["title"].required


# -- fields listed with no type

LISTED = """# Data Model

### `MessagingAttachment`

Key fields:
- `id`
- `mimeType` (string)
- `storageBucket`
- `checksum` (optional)
- `createdBy`, `updatedBy`
"""


def test_a_list_item_naming_only_fields_keeps_them_as_text_to_check():
    diags = Diagnostics()
    [attachment] = [e for e in read_data_model("data-model.md", LISTED, diags) if e.name == "MessagingAttachment"]
    columns = _columns(attachment)
    assert {
        n: (c.type, c.required, c.confident) for n, c in columns.items() if n in ("storage_bucket", "checksum", "created_by", "updated_by")
    } == {
        "storage_bucket": ("text", True, False),
        "checksum": ("text", False, False),
        "created_by": ("text", True, False),
        "updated_by": ("text", True, False),
    }
    assert any(d.code == "W301" and "storageBucket" in d.message for d in diags.items)  # a guess, said to be one


def test_names_in_an_item_that_goes_on_or_under_a_field_table_are_no_untyped_fields():
    text = """# Data Model

### mediation_events

| Column | Type | Notes |
|--------|------|-------|
| id | INTEGER | PK |
| kind | TEXT | event kind |

Some event kinds occur before a session exists:

- `start_attempt_started`, `start_attempt_stopped`

### Session

Kinds:

- `reasoning_verdict`, `take_dispute_issued` (negative): no row yet for
  this attempt.
"""
    entities = _read(text)
    assert set(_columns(entities["MediationEvent"])) == {"id", "kind"}
    assert not _columns(entities.get("Session") or entities["MediationEvent"]).keys() & {"reasoning_verdict", "take_dispute_issued"}


# -- values in code spans, enums named over their lists


@pytest.mark.parametrize(
    "written, read",
    [
        ("`SMS` | `EMAIL`", "enum(SMS, EMAIL)"),
        ("`string` | `null`", "text"),
        ("`string` | `number`", None),
    ],
)
def test_values_in_code_spans_between_bars_are_an_enum_unless_they_are_types(written, read):
    assert canonical_type(written, column="channel").type == read


def test_an_enum_whose_values_are_in_code_spans_after_a_colon_keeps_them_all():
    text = "# Data Model\n\n### `MessagingTemplate`\n\nKey fields:\n- `id`\n- `channel` (enum: `SMS`, `EMAIL`)\n"
    assert _columns(_read(text)["MessagingTemplate"])["channel"].type == "enum(SMS, EMAIL)"


def test_an_enum_named_over_its_list_types_the_field_that_says_see_it():
    text = """# Data Model

### `MessagingDelivery`

Key fields:
- `id`
- `status` (enum; see “Status lifecycle”)
- `priority` (enum; see below)

## Status lifecycle

Enum `MessagingDeliveryStatus`:
- `PENDING` (created)
- `SENT` (provider accepted the message)
"""
    columns = _columns(_read(text)["MessagingDelivery"])
    assert columns["status"].type == "enum(PENDING, SENT)"
    assert not (columns.get("priority") and (columns["priority"].type or "").startswith("enum(PENDING"))


# -- headings over the tables


@pytest.mark.parametrize("group", ["Prisma / application database", "PostgreSQL", "New DocTypes", "Commerce DocTypes"])
def test_a_heading_that_says_where_the_tables_are_is_no_table_of_its_own(group):
    text = f"""# Data Model

## {group}

### Customer

| Field | Type | Notes |
|-------|------|-------|
| `portalPinSetupCompletedAt` | `DateTime?` | Null until the first PIN is set |
"""
    entities = _read(text)
    assert list(entities) == ["Customer"]
    assert _columns(entities["Customer"])["portal_pin_setup_completed_at"].type == "timestamp"


def test_a_heading_over_sub_headings_of_its_own_parts_keeps_them_its_own():
    text = """# Data Model

## Authentication Model

### Agent Identity Layer (Existing)

Agents authenticate with tokens.

### Credential Broker Layer

| Column | Type | Description |
|--------|------|-------------|
| `id` | TEXT PRIMARY KEY | Credential id |
"""
    assert "Credential Broker Layer" not in _read(text)


# -- Pydantic models over the SQLite tables that keep them

OCTO = f"""# Data Model

## 1. Pydantic Domain Models

{FENCE}python
class TaskStatus(StrEnum):
    CREATED = "CREATED"
    RUNNING = "RUNNING"


class RequesterInfo(BaseModel):
    channel: str
    sender_id: str


class Task(BaseModel):
    task_id: str
    status: TaskStatus = TaskStatus.CREATED
    requester: RequesterInfo = Field(description="who asked")
    title: str = ""
{FENCE}

## 2. SQLite DDL

{FENCE}sql
CREATE TABLE IF NOT EXISTS tasks (
    task_id     TEXT PRIMARY KEY,
    status      TEXT NOT NULL DEFAULT 'CREATED',
    requester   TEXT NOT NULL DEFAULT '{{}}',
    title       TEXT NOT NULL DEFAULT ''
);
{FENCE}
"""


def test_a_pydantic_model_whose_table_the_ddl_creates_is_stored_and_its_text_columns_hold_its_types(tmp_path):
    entities = data_model_entities(tmp_path, OCTO, "- **Task**: a task.\n")
    task = entities["Task"]
    assert task.stored
    columns = _columns(task)
    assert columns["status"].type == "enum(CREATED, RUNNING)"  # what the TEXT holds
    assert columns["requester"].type == "json"  # a value with no table of its own, kept whole
    assert columns["title"].type == "text"
    assert not entities["RequesterInfo"].stored


def test_a_pydantic_model_with_no_table_stays_a_shape(tmp_path):
    text = OCTO.split("## 2.")[0]
    assert not data_model_entities(tmp_path, text, "- **Task**: a task.\n")["Task"].stored


# -- a map of where each model is kept

MAPPED = f"""# Data Model

## Overview

| 实体 | 对应模型 | 持久化位置 | 说明 |
|---|---|---|---|
| Import Batch | `ImportBatch` | `chat_import_batches` | one run |
| Imported Chat Message | `ImportedChatMessage` | 输入文件（`normalized-jsonl`） | input |

{FENCE}python
class ImportBatch(BaseModel):
    batch_id: str
    status: str


class ImportedChatMessage(BaseModel):
    text: str
    sender_id: str
{FENCE}
"""


def test_a_map_naming_a_models_table_makes_it_one_and_a_file_leaves_it_a_shape(tmp_path):
    entities = data_model_entities(tmp_path, MAPPED, "- **Import Batch**: one run.\n")
    batch = next(e for e in entities.values() if e.table == "chat_import_batches")
    assert batch.stored and {"batch_id", "status"} <= set(_columns(batch))
    assert not entities["ImportedChatMessage"].stored


# -- `A User uploads many Documents.`, with no User in the document

UPLOADS = """# Data Model

### Document
- DocumentId: int
- UploadedByUserId: int
- ProjectId: int?

### DocumentShare
- DocumentShareId: int
- DocumentId: int
- UserId: int

## Relationships

- A User uploads many Documents.
- A Project may contain many Documents.
- A Document may have many DocumentShares.
"""


def test_an_undeclared_owner_of_many_rows_is_the_applications_table_and_its_namesakes_follow(tmp_path):
    entities = data_model_entities(tmp_path, UPLOADS, "- **Document**: a file.\n- **DocumentShare**: a share.\n")
    document, share = _columns(entities["Document"]), _columns(entities["DocumentShare"])
    assert document["uploaded_by_user_id"].references == "User" and document["project_id"].references == "Project"
    assert share["user_id"].references == "User" and share["document_id"].references == "Document"
    assert entities["User"].external and entities["Project"].external


def test_a_sentence_about_many_of_something_names_no_owner_when_no_column_is_named_after_it(tmp_path):
    text = UPLOADS.replace("- A User uploads many Documents.\n", "- A Reviewer reads many Documents.\n")
    entities = data_model_entities(tmp_path, text, "- **Document**: a file.\n- **DocumentShare**: a share.\n")
    assert "Reviewer" not in entities


# -- the state of a sync is a record


@pytest.mark.parametrize("name, stored", [("SyncState", True), ("AuthState", False), ("EditorState", False)])
def test_a_sync_state_is_a_record_while_client_state_is_none(tmp_path, name, stored):
    from tests.infer.runs import infer_run

    spec = f"# A\n\n## Key Entities\n\n- **{name}**: Per-entity mapping. Tracks content hashes, last sync timestamp, conflict history.\n"
    [(_action, entity)] = infer_run(tmp_path, [("001-a", spec, None)])["001-a"].values()
    assert entity.stored is stored


# -- Firestore documents


def test_a_firestore_document_path_names_its_collection_and_absent_fields_may_be_missing():
    text = """# Data Model

No new collection. Two documents gain fields.

## `contributors/{uid}`

| Field | Type | Notes |
|---|---|---|
| `authorId` | string | Equals the document id. |
| `bio` | string \\| absent | ≤ 180 chars |

### `youtube`

- **Never stored**: a URL, a host, a path.
"""
    [contributor] = _read(text).values()
    assert (contributor.name, contributor.table, contributor.stored) == ("Contributor", "contributors", True)
    assert (_columns(contributor)["bio"].type, _columns(contributor)["bio"].required) == ("text", False)


def test_a_section_that_opens_by_saying_it_is_never_stored_still_says_so():
    text = (
        "# Data Model\n\n## Draft\n\nNever stored: drafts live in the browser only.\n\n| Field | Type |\n|---|---|\n| `title` | string |\n"
    )
    assert not _read(text)["Draft"].stored


# -- labelled attributes described by a sentence


def test_a_description_that_opens_with_a_type_word_types_the_field_and_a_cut_sentence_is_no_value_list(tmp_path):
    from tests.infer.runs import infer_run

    spec = """# A

## Key Entities

### DispatchLog

An audit record containing:

- Condition Result: Whether the condition passed
- Outcome: Success or failure with details
- Status: Pending or done
- Emitted: When the event was emitted
- Action: What to do when triggered
"""
    [(_action, log)] = infer_run(tmp_path, [("001-a", spec, None)])["001-a"].values()
    types = {c.name: c.type for c in log.columns}
    assert types["condition_result"] == "boolean" and types["emitted"] == "timestamp"
    assert not types["outcome"].startswith("enum") and types["status"] == "enum(Pending, done)"
    assert types["action"] != "timestamp"  # `when` later in the sentence says nothing of the type


# -- YAML records typed field by field

RESUME = f"""# Data Model

## 1. CheckpointSnapshot

{FENCE}yaml
CheckpointSnapshot:
  checkpoint_id: "ulid"
  status: "created|pending|running|success|error"
  state_snapshot: "json"
  created_at: "iso-datetime"
{FENCE}

## 2. ResumeAttempt

{FENCE}yaml
ResumeAttempt:
  attempt_id: "ulid"
  checkpoint_id: "ulid|null"
  trigger: "startup|manual|retry"
  failure_message: "string"
  finished_at: "iso-datetime|null"
{FENCE}

## 3. DDL

{FENCE}sql
CREATE TABLE checkpoints (
  checkpoint_id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  state_snapshot TEXT NOT NULL,
  created_at TEXT NOT NULL
);
{FENCE}
"""


def test_a_yaml_record_of_field_types_is_read_and_one_a_table_holds_is_that_table(tmp_path):
    entities = data_model_entities(tmp_path, RESUME, "- **ResumeAttempt**: one try.\n")
    attempt = _columns(entities["ResumeAttempt"])
    assert {n: (c.type, c.required) for n, c in attempt.items()} == {
        "attempt_id": ("string(26)", True),
        "checkpoint_id": ("text", False),  # a key to the checkpoints table, typed as its key
        "trigger": ("enum(startup, manual, retry)", True),
        "failure_message": ("text", True),
        "finished_at": ("timestamptz", False),
    }
    [checkpoint] = [e for e in entities.values() if e.table == "checkpoints"]
    assert "CheckpointSnapshot" not in entities  # the same table, told twice
    assert attempt["checkpoint_id"].references == checkpoint.name
    assert _columns(checkpoint)["status"].type == "enum(created, pending, running, success, error)"
    assert _columns(checkpoint)["created_at"].type == "text"  # the DDL's, as SQLite keeps it


@pytest.mark.parametrize(
    "config",
    [
        "AppSettings:\n  name: baseline-2025-10-26\n  region: us-east-1\n  retries: 3\n",
        "Keybindings:\n  quit:\n    action: quit\n    key: q\n",
        "alerts:\n  enabled: true\n  refresh_interval: 5s\n",
    ],
)
def test_yaml_of_values_is_configuration_not_records(tmp_path, config):
    text = f"# Data Model\n\n{FENCE}yaml\n{config}{FENCE}\n"
    entities = data_model_entities(tmp_path, text)
    assert set(entities) == {"Thing"}


# -- misfires a reviewer found in this session's rules, mended


def test_a_role_is_no_owner_of_its_own_name(tmp_path):
    text = """# Data Model

### Comment

| Field | Type | Constraints | Description |
|-------|------|-------------|-------------|
| id | uuid | PK | Comment id |
| parent_id | uuid | NULL | The parent this comment belongs to |

### Folder

| Field | Type | Constraints | Description |
|-------|------|-------------|-------------|
| id | uuid | PK | Folder id |
| owner_id | uuid | NOT NULL | Owner this folder belongs to |

### User

| Field | Type | Constraints | Description |
|-------|------|-------------|-------------|
| id | uuid | PK | User id |
"""
    entities = data_model_entities(tmp_path, text, "- **Comment**: a comment.\n- **Folder**: a folder.\n- **User**: a user.\n")
    assert _columns(entities["Comment"])["parent_id"].references == "Comment"
    assert _columns(entities["Folder"])["owner_id"].references == "User"
    assert not {"Parent", "Owner"} & set(entities)


def test_an_owner_of_many_rows_is_the_documents_own_user_entity_when_it_has_one(tmp_path):
    text = UPLOADS.replace("### Document\n", "### UserAccount\n- Id: int\n- Email: string\n\n### Document\n")
    entities = data_model_entities(tmp_path, text, "- **Document**: a file.\n- **UserAccount**: an account.\n")
    assert not any(e.external and e.name == "User" for e in entities.values())


@pytest.mark.parametrize("label", ["Status values:", "Related entities:", "Emits events:"])
def test_code_span_items_under_a_label_that_is_not_about_fields_are_no_fields(label):
    text = f"# Data Model\n\n### Order\n\n- `id`: UUID\n- `status`: string\n\n{label}\n- `pending`\n- `paidOut`\n- `Customer`\n"
    assert set(_columns(_read(text)["Order"])) == {"id", "status"}


@pytest.mark.parametrize("written", ["present | absent | late", "`present` | `absent` | `late`"])
def test_absent_among_values_is_a_value(written):
    assert canonical_type(written, column="status").type == "enum(present, absent, late)"


def test_type_names_in_code_spans_between_bars_are_no_enum():
    assert not (canonical_type("`Blob` | `File`", column="content").type or "").startswith("enum")


def test_a_class_named_ahead_in_quotes_is_no_enum_of_the_ddls_text(tmp_path):
    text = f"""# Data Model

{FENCE}python
class Folder(BaseModel):
    folder_id: str
    parent: Optional["Folder"] = None
{FENCE}

{FENCE}sql
CREATE TABLE folders (
    folder_id TEXT PRIMARY KEY,
    parent    TEXT
);
{FENCE}
"""
    [folder] = [e for e in data_model_entities(tmp_path, text).values() if e.table == "folders"]
    assert _columns(folder)["parent"].type == "text"


@pytest.mark.parametrize(
    "cell",
    ["`in_memory`", "`local_storage` (browser only)", "`user_avatars` (S3 bucket)", "`auth_sessions` (Redis hash, TTL 24h)"],
)
def test_a_stores_name_in_a_storage_cell_is_no_table(tmp_path, cell):
    text = f"""# Data Model

| Entity | Storage | Notes |
|--------|---------|-------|
| RateBucket | {cell} | |

{FENCE}typescript
interface RateBucket {{ id: string; tokens: number; }}
{FENCE}
"""
    entities = data_model_entities(tmp_path, text, "- **RateBucket**: a bucket.\n")
    assert entities["RateBucket"].table is None or not entities["RateBucket"].stored


@pytest.mark.parametrize("said", ["Not persisted", "Never stored"])
def test_a_bold_label_saying_not_stored_over_a_sentence_still_says_it(said):
    text = f"# Data Model\n\n## DashboardSummary\n\n- **{said}**: computed on each request from the orders table.\n\n| Field | Type |\n|---|---|\n| id | string |\n| revenue | decimal |\n"
    assert not _read(text)["DashboardSummary"].stored


def test_a_sync_state_the_prose_calls_never_persisted_is_not_stored(tmp_path):
    from tests.infer.runs import infer_run

    spec = "# A\n\n## Key Entities\n\n- **SyncState**: the UI indicator of whether the app is syncing, held in the React context and never persisted.\n"
    [(_action, entity)] = infer_run(tmp_path, [("001-a", spec, None)])["001-a"].values()
    assert not entity.stored


# -- an enum's values, then what else its parentheses say


def test_an_enums_values_end_where_its_modifiers_begin():
    text = """# Data Model

### `Ticket`

Key fields:
- `id`
- `priority` (enum: `low`, `medium`, `high`; default `low`)
- `kind` (enum: `bug`, `feature`, `question`, required)
- `state` (enum: open, closed; default open)
- `status`: enum (see below)

### Status values

Enum `TicketStatus`:
- `open`
- `resolved`
"""
    columns = _columns(_read(text)["Ticket"])
    assert columns["priority"].type == "enum(low, medium, high)" and columns["priority"].default == "low"
    assert columns["kind"].type == "enum(bug, feature, question)" and columns["kind"].required
    assert columns["state"].type == "enum(open, closed)"
    assert columns["status"].type == "enum(open, resolved)"  # the values `see below` points at, not a value `see below`


def test_a_yaml_records_camel_case_fields_are_columns_in_snake_case(tmp_path):
    text = f'# Data Model\n\n{FENCE}yaml\nResumeAttempt:\n  attemptId: "ulid"\n  startedAt: "iso-datetime"\n  failureMessage: "string|null"\n{FENCE}\n'
    attempt = _columns(data_model_entities(tmp_path, text, "- **ResumeAttempt**: one try.\n")["ResumeAttempt"])
    assert {n: c.type for n, c in attempt.items()} == {"attempt_id": "string(26)", "started_at": "timestamptz", "failure_message": "text"}
