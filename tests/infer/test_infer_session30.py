"""Rules met in session 30's reading of session 29's never-read samples: an entity heading over a sub-heading that
names its relational store (`### Postgres (`daemons` table)`), values in parentheses after a value label (`OS
platform (`linux`, `darwin`)`), and tables a data model names in backticks and describes only in words. Each rule
next to the ordinary input it must leave alone."""

from __future__ import annotations

from compiler.infer.datamodel import _values_said
from tests.infer.runs import read_model

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
    assert all(e.kind == "table" for c in roles.columns for e in c.evidence)


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
