"""Rules met in session 30's reading of session 29's never-read samples: an entity heading over a sub-heading that
names its relational store (`### Postgres (`daemons` table)`), values in parentheses after a value label (`OS
platform (`linux`, `darwin`)`), and tables a data model names in backticks and describes only in words. Each rule
next to the ordinary input it must leave alone."""

from __future__ import annotations

from compiler.infer.datamodel import _values_said
from tests.infer.runs import infer_run, read_model

# -- `## Entity: Daemon` over `### Postgres (`daemons` table — existing ...)` and its columns

STORES = """# Data Model

## Entity: Daemon

A persistent worker process.

### Postgres (`daemons` table — existing from `001_initial.sql`)

| Column | Type | Constraints | Description |
| --- | --- | --- | --- |
| `id` | `TEXT` | `PRIMARY KEY` | Unique daemon identifier |
| `hostname` | `TEXT` | `NOT NULL` | Machine hostname |
| `platform` | `TEXT` | `NOT NULL` | OS platform (`linux`, `darwin`, `win32`) |

### Valkey (ephemeral liveness)

| Key | Type | TTL |
| --- | --- | --- |
| `daemon:{id}` | STRING | 90s |
"""


def test_a_relational_store_sub_heading_gives_the_entity_its_table_and_columns():
    model = read_model(STORES)
    daemon = model["Daemon"]
    assert daemon.table == "daemons"
    assert [c.name for c in daemon.columns] == ["id", "hostname", "platform"]
    assert daemon.columns[2].type == "enum(linux, darwin, win32)"


def test_a_relational_store_heading_alone_names_its_table():
    model = read_model(STORES.replace("## Entity: Daemon\n\nA persistent worker process.\n\n", ""))
    assert "daemons" in {e.table for e in model.values()}
    assert "Postgres" not in model


def test_another_store_sub_heading_is_not_the_table():
    model = read_model(STORES.replace("### Postgres (`daemons` table — existing from `001_initial.sql`)", "### Valkey (cache)"))
    assert not any(e.table == "daemons" for e in model.values())


def test_values_in_parentheses_after_a_value_label_are_its_values_and_examples_are_not():
    assert _values_said("OS platform (`linux`, `darwin`, `win32`)")
    assert _values_said("Model name (`gpt-4`, `claude`)") is None
    assert _values_said("Unique identifier (`a`, `b`)") is None


# -- `### `invitations`` over a paragraph only

DESCRIBED = """# Data Model

## Identity and tenancy

### `tenants`

| Field | Type | Rules |
|---|---|---|
| `id` | UUID | Primary key |
| `name` | text | Non-empty |

### `users`

| Field | Type | Rules |
|---|---|---|
| `id` | UUID | Primary key |
| `email` | text | Unique |

### `roles`

Tenant-owned custom roles. Fields include name, description, status, version, and optional `template_code`.

### `role_grants`

Links a role and a user.

## Notes

### `audit_log`

Written by the database.

- one
- two
"""


def test_a_table_named_in_backticks_and_described_in_words_gets_the_columns_the_words_name():
    model = read_model(DESCRIBED)
    roles = next(e for e in model.values() if e.table == "roles")
    names = [c.name for c in roles.columns]
    assert names[0] == "id" and roles.columns[0].primary_key and roles.columns[0].type == "uuid"
    assert {"name", "description", "status", "version", "template_code"} <= set(names)
    assert next(c for c in roles.columns if c.name == "template_code").required is not True
    assert roles.described and any(e.kind == "table" for e in roles.evidence)


def test_a_paragraph_over_a_list_is_no_described_table():
    model = read_model(DESCRIBED)
    assert not any(e.table == "audit_log" and e.columns for e in model.values())


def test_a_heading_in_words_over_a_paragraph_is_no_table():
    model = read_model(DESCRIBED.replace("### `roles`", "### Roles"))
    assert not any((e.table or "").startswith("role") and "template_code" in {c.name for c in e.columns} for e in model.values())


def test_an_enormous_described_table_is_a_note_read_at_once():
    listed = ", ".join(f"name{i}" for i in range(20_000))
    model = read_model(DESCRIBED.replace("Fields include name, description,", f"Fields include {listed}, description,"))
    assert not any(e.table == "roles" and e.columns for e in model.values())


def test_a_described_table_may_say_more_in_later_paragraphs_and_name_itself_with_an_adjective():
    model = read_model(
        DESCRIBED.replace(
            "### `role_grants`",
            "### `authorization_decisions` (append-only)\n\nEvery protected decision records tenant, permission code,\n"
            "decision, and time.\n\nDecision values are exactly `allow` and `deny`.\n\n### `role_grants`",
        )
    )
    decisions = next(e for e in model.values() if e.table == "authorization_decisions")
    assert {"tenant_id", "permission_code", "decision"} <= {c.name for c in decisions.columns}


# -- SQLite's text columns: a UUID described as nothing else; values with a note each; a heading of new columns

SQLITE = """# Data Model

### team_runs 新列

| 字段 | 类型 | 说明 |
| --- | --- | --- |
| priority | INTEGER NOT NULL DEFAULT 0 | 调度排序 |

### doctor_reports(体检报告)

| 字段 | 类型 | 说明 |
| --- | --- | --- |
| id | TEXT PK | UUID |
| name | TEXT | A UUID is made from it |
| triggered_by | TEXT | `user` / `codex`(MCP)/ `prestart`(启动拦截) |
| author | TEXT | "Alice", "Bob" |
"""


def test_a_text_key_described_only_as_a_uuid_is_a_uuid_and_values_may_carry_notes():
    model = read_model(SQLITE)
    report = next(e for e in model.values() if e.table == "doctor_reports")
    types = {c.name: c.type for c in report.columns}
    assert types["id"] == "uuid" and types["name"] == "text"
    assert types["triggered_by"] == "enum(user, codex, prestart)"
    assert types["author"] == "text"


def test_a_heading_of_new_columns_names_its_table():
    model = read_model(SQLITE)
    assert "team_runs" in {e.table for e in model.values()}


# -- a document database's record given only as an example document

COSMOS = """# Data Model

All records live in Cosmos DB.

## 2. Cosmos `conversations` container

**Document shape** (`Conversation`):

```jsonc
{
  "id": "c_01J9X8YZ",            // ULID
  "title": "First question",
  "createdAt": "2026-05-08T14:22:00Z",
  "turns": [
    { "turnId": "t_1", "role": "user", "promptTokens": 12 },
    { "turnId": "t_2", "role": "assistant", "score": 0.8 }
  ],
  "ingestion": { "status": "indexed", "passageCount": 42 },
  "status": "active",              // "active" | "deletePending"
  "archivedAt": null,
  "_ts": 1746717311
}
```

## 3. Cosmos `runs` container

```json
{ "id": "r_1", "trigger": "manual", "ttl": 7776000 }
```
"""


def test_an_example_document_of_a_document_database_gives_the_record_its_fields():
    model = read_model(COSMOS)
    conversation = {c.name: c for c in model["Conversation"].columns}
    assert conversation["id"].primary_key and conversation["created_at"].type == "timestamp"
    assert conversation["status"].type == "enum(active, deletePending)"
    assert {"ingestion_status", "ingestion_passage_count"} <= set(conversation) and "_ts" not in conversation
    assert conversation["archived_at"].required is False and "turns" not in conversation
    turn = {c.name: c for c in model["Turn"].columns}
    assert turn["conversation_id"].references == "Conversation"
    assert turn["prompt_tokens"].type == "integer" and turn["prompt_tokens"].required is False
    assert turn["score"].type == "double"
    assert "Run" in model and {c.name for c in model["Run"].columns} == {"id", "trigger", "ttl"}


def test_an_example_document_elsewhere_is_no_record():
    assert "Conversation" not in read_model(COSMOS.replace("All records live in Cosmos DB.", "").replace("Cosmos ", ""))
    response = COSMOS.replace("**Document shape** (`Conversation`):", "Example response of `GET /conversations`:")
    assert "Conversation" not in read_model(response)


# -- what review found: each input gave nothing (or what the spec said) before the rules above, and must still


KEYED = """# Data Model

### `tenants`

| Field | Type |
|---|---|
| `id` | UUID |

### `users`

| Field | Type |
|---|---|
| `id` | UUID |
"""


def _described(section: str) -> dict:
    return {e.table or e.name: [c.name for c in e.columns] for e in read_model(KEYED + section).values()}


def test_sections_that_describe_no_table_stay_notes():
    assert "project_status" not in _described("\n## Enums\n\n### `project_status`\n\nOne of draft, active, or deleted.\n")
    assert "search_index" not in _described("\n### `search_index`\n\nThe OpenSearch index holding title, body and tags.\n")
    assert "purge_notes" not in _described("\n## Functions\n\n### `purge_notes`\n\nDeletes notes; runs nightly with the owner.\n")
    assert "metadata" not in _described("\n## Column notes\n\n### `metadata`\n\nContains the source service and the client IP.\n")
    assert "legacy_sessions" not in _described("\n### `legacy_sessions`\n\nDropped by this feature. It stored the token.\n")
    assert "accounts" not in _described("\n### `accounts`\n\nOwned by the auth feature (unchanged here). Contains email, name.\n")


def test_a_described_table_whose_words_give_its_key_gets_no_other():
    described = _described("\n### `daily_usage`\n\nHolds the request count and the byte total, one row per project per day.\n")
    assert "id" not in described["daily_usage"]


def test_a_short_data_model_note_does_not_replace_the_spec_list(tmp_path):
    spec = "# F\n\n### Key Entities\n\n- **Invitation**: An invitation. Has the invitee email, role, token, expiry time, status.\n"
    model = KEYED + "\n### `invitations`\n\nHolds the invitee email and the expiry; tokens are hashed.\n"
    run = infer_run(tmp_path, [("001-a", spec, model)])
    _, invitation = run["001-a"]["Invitation"]
    assert {"invitee_email", "role", "token", "status"} <= {c.name for c in invitation.columns}


def test_a_database_sub_heading_over_an_index_table_is_not_the_entity_columns():
    model = read_model(
        "# Data Model\n\n## Entity: User\n\n### Database\n\n| Index | Type | Columns |\n|---|---|---|\n"
        "| idx_users_email | UNIQUE | email |\n| idx_users_created | BTREE | created_at |\n"
    )
    assert not any(c.name.startswith("idx") for e in model.values() for c in e.columns)
    assert "User" not in model or "email" not in {c.name for c in model["User"].columns}


def test_described_tables_are_read_in_bounded_time():
    import time

    nested = "".join(f"\n### `t{n}_x`\n\nHas a name " + "(" * 1990 + ")" * 1990 + ".\n" for n in range(20))
    wide = "".join(f"\n### `w{n}_x`\n\nContains " + ", ".join(f"field{i}" for i in range(600)) + ".\n" for n in range(100))
    for text in (nested, wide):
        started = time.perf_counter()
        read_model(KEYED + text)
        assert time.perf_counter() - started < 10


# -- a text column a table writes, which the prose names after a table keyed by integers


def test_a_guessed_reference_does_not_retype_a_written_text_column(tmp_path):
    spec = "# F\n\n### Key Entities\n\n- **BatchJob**: A batch. Has the output file ID, status.\n- **BatchFile**: A file.\n"
    model = (
        "# Data Model\n\n### BatchFile\n\n| Field | Type | Notes |\n|---|---|---|\n"
        "| `id` | `INTEGER PRIMARY KEY AUTOINCREMENT` | Internal ID |\n| `file_id` | `TEXT NOT NULL UNIQUE` | Public ID |\n\n"
        "### BatchJob\n\n| Field | Type | Notes |\n|---|---|---|\n| `id` | `INTEGER PRIMARY KEY` | Internal ID |\n"
        "| `output_file_id` | `TEXT` | Populated when done |\n| `input_file_id` | `INTEGER` | FK to `BatchFile.id` |\n"
    )
    run = infer_run(tmp_path, [("001-a", spec, model)])
    _, job = run["001-a"]["BatchJob"]
    columns = {c.name: c for c in job.columns}
    assert columns["output_file_id"].type == "text" and columns["output_file_id"].references is None
    assert columns["input_file_id"].references == "BatchFile"
