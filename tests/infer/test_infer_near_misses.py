"""Ordinary inputs next to the shapes infer's newer rules read: each rule keeps to its own shape."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from compiler.cli import main
from compiler.diagnostics import Diagnostics
from compiler.infer.code import read_code_blocks
from compiler.infer.datamodel import read_data_model


def _project(tmp_path: Path, spec: str, data_model: str | None = None) -> Path:
    feature = tmp_path / "specs" / "001-a"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text(f"# A\n\n## Key Entities\n\n{spec}")
    if data_model is not None:
        (feature / "data-model.md").write_text(data_model)
    return feature / "spec.md"


def _written(tmp_path: Path, monkeypatch, spec: str, data_model: str | None = None) -> str:
    path = _project(tmp_path, spec, data_model)
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["infer", "--write"]).exit_code == 0
    assert CliRunner().invoke(main, ["infer"]).stdout == ""  # a second run proposes nothing
    return path.read_text()


def test_a_group_heading_that_mentions_the_existing_database_creates_its_tables(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Cancellation**: a customer's cancellation of an order.\n",
        "# DM\n\n## New tables (in the existing database)\n\n```sql\nCREATE TABLE cancellations (\n  id UUID PRIMARY KEY,\n"
        "  reason TEXT NOT NULL\n);\n```\n",
    )
    assert "*(external)*" not in written and "`reason`: text, required" in written


def test_an_entity_named_updates_with_a_value_new_keeps_its_columns(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Product Update**: a change to a product.\n",
        "# DM\n\n### Product Updates\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | Primary key |\n"
        "| kind | enum | NEW, PRICE_CHANGE, DISCONTINUED |\n| summary | text | Shown in the feed |\n",
    )
    assert "`id`" in written and "`summary`" in written and "`kind`" in written


def test_a_comment_naming_an_entity_then_a_note_keeps_that_entity():
    text = (
        "# DM\n\n```typescript\ninterface Category {\n  id: string;\n  parentId: string; // FK to Category (parent category)\n"
        "  ownerId: string; // FK to users (owner)\n}\n```\n"
    )
    (category,) = read_code_blocks("data-model.md", text)[0]
    refs = {c.name: c.references for c in category.columns}
    assert refs["parent_id"] == "Category" and refs["owner_id"] == "User"


def test_a_heading_about_queries_on_a_table_is_no_entity():
    entities = read_data_model(
        "data-model.md",
        "# DM\n\n## Queries on the `tasks` table\n\n- `status`: text filter, optional\n- `limit`: integer, default 50\n",
        Diagnostics(),
    )
    assert not [e for e in entities if e.name == "Task"]


def test_a_unit_and_a_modifier_in_parentheses_are_no_values(tmp_path, monkeypatch):
    written = _written(tmp_path, monkeypatch, "- **Shift**: Has a start/end date, a break length (minutes, optional) and notes.\n")
    assert "enum(" not in written and "`start_date`: date" in written and "`end_date`: date" in written


def test_a_file_named_inside_an_items_parentheses_keeps_the_item(tmp_path, monkeypatch):
    written = _written(tmp_path, monkeypatch, "- **Ticket**: Has a title, a status (values listed in `docs/statuses.md`) and a priority.\n")
    assert "`status`" in written


def test_environment_variables_listed_with_types_are_no_table():
    entities = read_data_model(
        "data-model.md", "# DM\n\n- Environment Variables\n  - `FIREBASE_PROJECT`: string\n  - `API_BASE_URL`: string\n", Diagnostics()
    )
    assert not [e for e in entities if e.stored]


def test_a_relation_to_an_entity_another_feature_declares_is_a_key():
    entities = read_data_model(
        "data-model.md",
        "# DM\n\nCollections\n\n- Posts\n  - `id` (UUID)\n  - `author` (relation -> Members)\n  - `title` (string)\n",
        Diagnostics(),
    )
    (posts,) = entities
    assert {c.name: c.references for c in posts.columns}["author"] == "Members"


def test_two_entities_that_share_a_table_stay_one_on_the_next_run(tmp_path, monkeypatch):
    """`ClientReseller` says its table is Client's `client`: one entity, Client, on infer's first run, and on its
    output too (the typed Client names the pair)."""
    _written(
        tmp_path,
        monkeypatch,
        "- **Client**: customer/reseller master record — table `client`, schema `api/components/schemas/Client.yaml`, "
        "model `app/Models/Client.php` (extends `BaseModel`; pk `client_id`; relations `masterTemplate`, `domains`).\n"
        "- **ClientReseller**: a `Client` with `limit_client > 0 OR = -1` — table `client` (same), schema "
        "`api/components/schemas/ClientReseller.yaml`, model `app/Models/ClientReseller.php` (extends `Client`, global "
        "`reseller` scope, `clients()` hasMany via `parent_client_id`).\n",
    )


def test_an_entity_whose_words_name_its_table_stays_paired_on_the_next_run(tmp_path, monkeypatch):
    """`Admin Public Key ... stored in `user_encryption_keys``, paired by that table with the data model's
    `### user_encryption_keys (existing table)`, which an earlier feature mentions: typed on the first run, its
    words still name the table, so the second run pairs them again and proposes nothing."""
    first = tmp_path / "specs" / "001-messaging"
    first.mkdir(parents=True)
    (first / "spec.md").write_text("# M\n\n## Key Entities\n\n- **UserEncryptionKeys**: Existing table storing user's encryption keys\n")
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Admin Public Key**: Pre-generated public key stored in `user_encryption_keys` as JWK.\n",
        "# DM\n\n### user_encryption_keys (existing table)\n\nStores public keys.\n\n| Field | Type | Constraints | Notes |\n"
        "|---|---|---|---|\n| id | UUID | PK | Row identifier |\n| public_key | JSONB | NOT NULL | JWK |\n"
        "| device_id | TEXT | NULL | NULL for admin |\n| revoked | BOOLEAN | DEFAULT FALSE | |\n",
    )
    assert "`revoked`" in written
