"""The `spec2db infer` command: its JSON (what bench/infer.py reads), exit
codes, findings printed like build's, and a multi-feature project where later
features re-mention earlier entities (references, not re-declarations) and
the whole project builds and applies on PostgreSQL."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.cli import main
from tests.conftest import apply_sql

USERS = """# Feature Specification: Accounts

## Requirements

### Key Entities

- **User**: A registered account. Attributes: unique identifier, display name, email address (unique), creation timestamp.
- **Access Token**: A short-lived credential. Not persisted; carries the user's identity.
"""
USERS_MODEL = """# Data Model: Accounts

## Entities

### User

| Column | Type | Constraints |
|--------|------|-------------|
| `Id` | `Guid` | PK |
| `DisplayName` | `string` | NOT NULL, max 100 chars |
| `Email` | `string` | NOT NULL, max 256 chars, UNIQUE, indexed |
| `CreatedAt` | `DateTimeOffset` | NOT NULL |
"""
TASKS = """# Feature Specification: Tasks

## Requirements

### Key Entities

- **Task**: A to-do item belonging to a user. Key attributes: unique identifier, user reference, title (max 200 chars),
  description (optional), status (todo, doing or done), due date (optional), price.
- **User**: The account that owns tasks (from feature 001).
"""


def project(tmp_path: Path, *, mention: bool = True) -> Path:
    first = tmp_path / "specs" / "001-accounts"
    second = tmp_path / "specs" / "002-tasks"
    first.mkdir(parents=True)
    second.mkdir(parents=True)
    (first / "spec.md").write_text(USERS, encoding="utf-8")
    (first / "data-model.md").write_text(USERS_MODEL, encoding="utf-8")
    (second / "spec.md").write_text(TASKS if mention else TASKS.split("- **User**")[0], encoding="utf-8")
    return tmp_path


def test_json_has_every_proposal_with_its_evidence(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path))
    result = CliRunner().invoke(main, ["infer", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1
    specs = {s["spec"]: s for s in data["specs"]}
    assert list(specs) == ["specs/001-accounts/spec.md", "specs/002-tasks/spec.md"]
    first = specs["specs/001-accounts/spec.md"]
    assert first["data_model"] == "specs/001-accounts/data-model.md"
    entities = {e["name"]: e for e in first["entities"]}
    assert entities["Access Token"]["stored"] is False and entities["Access Token"]["not_stored_reason"]
    user = {c["name"]: c for c in entities["User"]["columns"]}
    assert user["email"]["type"] == "string(256)" and user["email"]["unique"] and user["email"]["required"]
    assert user["id"]["primary_key"] and user["id"]["type"] == "uuid"
    for column in user.values():
        assert column["evidence"], column
        for evidence in column["evidence"]:
            assert re.fullmatch(r"specs/001-accounts/(spec|data-model)\.md:\d+:\d+", evidence["at"]), evidence
            assert evidence["kind"] in ("code", "table", "bullet", "prose")
    # the table says where: `Email` is on line 11 of data-model.md, in its first cell
    assert any(e["at"] == "specs/001-accounts/data-model.md:11:4" for e in user["email"]["evidence"])
    # and the prose too: `email address` in spec.md
    assert any(e["kind"] == "prose" and e["at"].startswith("specs/001-accounts/spec.md:7:") for e in user["email"]["evidence"])
    second = specs["specs/002-tasks/spec.md"]
    assert second["data_model"] is None
    codes = {f["code"] for f in second["findings"]}
    assert "W309" in codes  # User re-mentioned: a reference to feature 001's
    task = {c["name"]: c for c in next(e for e in second["entities"] if e["name"] == "Task")["columns"]}
    assert task["user_id"]["references"] == "User"
    assert task["title"]["type"] == "string(200)"
    assert task["status"]["type"] == "enum(todo, doing, done)"
    assert task["description"]["required"] is False
    assert task["due_date"]["type"] == "date"
    for finding in second["findings"]:
        assert re.fullmatch(r"specs/002-tasks/spec\.md:\d+:\d+", finding["at"]), finding


@pytest.mark.parametrize("mention", [True, False], ids=["re-mentioned", "not-re-mentioned"])
def test_write_then_build_the_whole_project_applies_on_postgres(tmp_path, monkeypatch, pg, fresh_db, mention):
    root = project(tmp_path, mention=mention)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["infer", "--write"])
    assert result.exit_code == 0, result.output
    assert "wrote specs/001-accounts/spec.md" in result.stderr
    written = (root / "specs" / "002-tasks" / "spec.md").read_text(encoding="utf-8")
    if mention:
        assert re.search(r"specs/002-tasks/spec\.md:\d+:\d+: W309 ", result.stderr)  # findings printed like build's
        assert "- **User**: The account that owns tasks (from feature 001).\n" in written  # the reference is left alone
    assert re.search(r"^  - `user_id`: uuid, required, references User$", written, re.MULTILINE)
    assert "*(not stored)*" in (root / "specs" / "001-accounts" / "spec.md").read_text(encoding="utf-8")
    (root / "specs" / "001-accounts" / "data-model.md").unlink()
    build = CliRunner().invoke(main, ["build", "--out", str(root / "out"), "--no-cache"])
    if "E202" in build.stderr and "already declared" in build.stderr:
        pytest.skip("build does not yet read a re-mentioned entity as a reference (issue #12 part 1, on main)")
    assert build.exit_code == 0, build.output
    schema = (root / "out" / "specs" / "002-tasks" / "schema.sql").read_text(encoding="utf-8")
    assert "CREATE TABLE tasks" in schema and "REFERENCES users" in schema
    apply_sql(pg, fresh_db, schema)
    assert CliRunner().invoke(main, ["infer"]).stdout == ""


def test_usage_errors_exit_2_and_nothing_to_do_exits_0(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    missing = CliRunner().invoke(main, ["infer", "nowhere"])
    assert missing.exit_code == 2 and "nowhere: no such file or directory" in missing.stderr
    none = CliRunner().invoke(main, ["infer"])
    assert none.exit_code == 2 and "no spec found" in none.stderr
    bad = CliRunner().invoke(main, ["infer", "--format", "yaml"])
    assert bad.exit_code == 2
    folder = tmp_path / "specs" / "001-plain"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text("# Feature Specification: Nothing\n\nNo data here.\n", encoding="utf-8")
    quiet = CliRunner().invoke(main, ["infer"])
    assert quiet.exit_code == 0 and quiet.stdout == ""
    assert "1 spec, 0 with proposals" in quiet.stderr


PROFILES = """# Feature Specification: Profiles

## Requirements

### Key Entities

- **User**: The account (from feature 001), now with an avatar.
"""
PROFILES_MODEL = """# Data Model: Profiles

### User

| Column | Type | Constraints |
|--------|------|-------------|
| `Id` | `Guid` | PK |
| `Email` | `string` | NOT NULL, max 256 chars |
| `AvatarUrl` | `string` | NULLABLE, max 500 chars |
"""


def test_a_later_data_model_extends_an_earlier_entity(tmp_path, monkeypatch, pg, fresh_db):
    root = project(tmp_path, mention=False)
    third = root / "specs" / "003-profiles"
    third.mkdir()
    (third / "spec.md").write_text(PROFILES, encoding="utf-8")
    (third / "data-model.md").write_text(PROFILES_MODEL, encoding="utf-8")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["infer", "--write"])
    assert result.exit_code == 0, result.output
    assert re.search(r"specs/003-profiles/spec\.md:7:5: W313 .*avatar_url", result.stderr)
    written = (third / "spec.md").read_text(encoding="utf-8")
    assert "- **User** *(extends)*: The account (from feature 001), now with an avatar.\n  - `avatar_url`: string(500)\n" in written
    assert "`email`" not in written and "`id`" not in written  # only what is new
    assert CliRunner().invoke(main, ["infer"]).stdout == ""
    for model in root.glob("specs/*/data-model.md"):
        model.unlink()
    build = CliRunner().invoke(main, ["build", "--out", str(root / "out"), "--no-cache"])
    assert build.exit_code == 0, build.output
    schema = (root / "out" / "specs" / "003-profiles" / "schema.sql").read_text(encoding="utf-8")
    assert re.search(r"avatar_url VARCHAR\(500\)", schema)
    apply_sql(pg, fresh_db, schema)


@pytest.mark.parametrize("ending", ["\n", ""], ids=["newline", "no-final-newline"])
def test_a_spec_without_section_or_requirements_gets_one_at_the_end(tmp_path, monkeypatch, ending):
    folder = tmp_path / "specs" / "001-accounts"
    folder.mkdir(parents=True)
    text = "# Feature Specification: Accounts\n\n## Overview\n\nPeople sign in." + ending
    (folder / "spec.md").write_text(text, encoding="utf-8")
    (folder / "data-model.md").write_text(USERS_MODEL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["infer", "--write"])
    assert result.exit_code == 0, result.output
    assert "W310" in result.stderr
    written = (folder / "spec.md").read_text(encoding="utf-8")
    assert written.startswith(text.rstrip("\n") + "\n\n## Key Entities\n\n- **User**: ")
    assert written.endswith("\n") == bool(ending)
    assert CliRunner().invoke(main, ["infer"]).stdout == ""


def test_shapes_under_client_or_api_headings_are_not_tables(tmp_path, monkeypatch):
    folder = tmp_path / "specs" / "001-accounts"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(USERS, encoding="utf-8")
    model = USERS_MODEL + (
        "\n## API Response Structures\n\n### LoginGrant\n\n| Field | Type |\n|---|---|\n| `token` | string |\n"
        "\n## Token Revocation (Future Implementation)\n\n### RevokedToken\n\n| Field | Type |\n|---|---|\n| `jti` | string |\n"
    )
    (folder / "data-model.md").write_text(model, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["infer", "--format", "json"])
    entities = {e["name"]: e for e in json.loads(result.stdout)["specs"][0]["entities"]}
    assert entities["User"]["stored"]
    assert not entities["LoginGrant"]["stored"] and "API Response Structures" in entities["LoginGrant"]["not_stored_reason"]
    assert not entities["RevokedToken"]["stored"] and "Future Implementation" in entities["RevokedToken"]["not_stored_reason"]
    diff = CliRunner().invoke(main, ["infer"]).stdout
    assert "LoginGrant" not in diff and "RevokedToken" not in diff


def test_other_data_model_files_beside_the_spec_are_read_and_generated_ones_are_not(tmp_path, monkeypatch):
    from compiler.emit.output import header

    folder = tmp_path / "specs" / "001-accounts"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(USERS, encoding="utf-8")
    (folder / "database-schema.md").write_text(USERS_MODEL, encoding="utf-8")
    (folder / "data-model.md").write_text(
        header("<!--", "specs/001-accounts/spec.md") + "\n### Ghost\n\n| Field | Type |\n|---|---|\n| `x` | TEXT |\n",
        encoding="utf-8",
    )
    (folder / "research.md").write_text("### Other\n\n| Field | Type |\n|---|---|\n| `y` | TEXT |\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = json.loads(CliRunner().invoke(main, ["infer", "--format", "json"]).stdout)["specs"][0]
    assert data["data_model"] == "specs/001-accounts/database-schema.md"
    names = {e["name"] for e in data["entities"]}
    assert "User" in names and "Ghost" not in names and "Other" not in names
    user = next(e for e in data["entities"] if e["name"] == "User")
    assert any(ev["at"].startswith("specs/001-accounts/database-schema.md:") for c in user["columns"] for ev in c["evidence"])


def _infer_feature(tmp_path: Path, name: str, spec: str, data_model: str):
    """Infer on one feature `specs/<name>/` with this spec.md and data-model.md."""
    from compiler.infer import infer_specs

    folder = tmp_path / "specs" / name
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(spec)
    (folder / "data-model.md").write_text(data_model)
    (result,) = infer_specs([(folder / "spec.md", f"specs/{name}/spec.md")])
    return result


def _external_proposals(results) -> list[str]:
    return [e.name for r in results for e in r.entities if e.external]


def test_an_unsaved_buffer_declaring_the_target_of_a_foreign_key_is_read_as_the_editor_has_it(tmp_path):
    """The entity names that keep a foreign key's target from being proposed as external come from the same
    text infer reads: an editor's unsaved buffer, not the file on disk."""
    from compiler.infer import infer_specs

    first = tmp_path / "specs" / "001-orders"
    second = tmp_path / "specs" / "002-orgs"
    for folder in (first, second):
        folder.mkdir(parents=True)
    (first / "spec.md").write_text("# Orders\n\n## Key Entities\n\n- **Order**: an order.\n")
    (first / "data-model.md").write_text(
        "# Data model\n\n```sql\nCREATE TABLE orders (\n  id uuid PRIMARY KEY,\n  org_id uuid NOT NULL REFERENCES orgs(id)\n);\n```\n"
    )
    (second / "spec.md").write_text("# Orgs\n\n## Key Entities\n\n- **Widget**: a widget.\n")
    specs = [(first / "spec.md", "specs/001-orders/spec.md"), (second / "spec.md", "specs/002-orgs/spec.md")]
    assert _external_proposals(infer_specs(specs)) == ["Org"]
    buffer = "# Orgs\n\n## Key Entities\n\n- **Org**: an organisation.\n"
    assert _external_proposals(infer_specs(specs, texts={second / "spec.md": buffer})) == []


def test_a_typescript_string_is_refined_by_the_tables_type_and_a_typed_id_names_its_entity(tmp_path):

    result = _infer_feature(
        tmp_path,
        "001-perm",
        "# P\n\n## Key Entities\n\n- **Member**: a member.\n- **Permission**: a permission.\n",
        "# Data model\n\n## Member\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | PK |\n| name | text | |\n\n"
        "## Permission\n\n```typescript\ninterface Permission {\n  id: string\n  createdAt: string\n}\n```\n\n"
        "| Field | Type | Notes |\n|---|---|---|\n| id | string | UUID format |\n| createdAt | string | ISO 8601 |\n"
        "| grantedBy | uuid | FK → MemberId |\n",
    )
    permission = {c.name: c for e in result.entities if e.name == "Permission" for c in e.columns}
    assert permission["id"].type == "uuid" and permission["created_at"].type == "timestamptz"
    assert permission["granted_by"].references == "Member"


@pytest.mark.parametrize(
    ("intro", "stored"),
    [
        ("This CLI keeps no persistent storage: all state is held in memory.", False),
        ("## Storage\n\nPersistence: none. The structs below live for one run.", False),
        ("All entities are client-side only (no backend/database for MVP).", False),
        ("**MVP Scope**: No persistence. State lives in component memory.", False),
        ("No database changes are needed; the tables below exist already.", True),
        ("Users are stored in PostgreSQL.", True),
        ("- **Cache**: In-memory storage with a TTL per data source", False),
        ("The audit report is stored as Markdown with one heading per section.", False),
        ("- **Cache**: In-memory storage; each run is also saved in the database.", True),
        ("Snapshots are stored as YAML files under `.snapshots/`.", True),  # files of records keep records
    ],
)
def test_a_data_model_that_says_it_stores_nothing_proposes_no_tables(tmp_path, intro, stored):

    result = _infer_feature(
        tmp_path,
        "001-cli",
        "# CLI\n\n## Key Entities\n\n- **Run**: one run.\n- **Canvas**: Attributes: zoom level, pan offset.\n",
        f"# Data model\n\n{intro}\n\n### Run\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| started_at | timestamptz |\n",
    )
    (run,) = [e for e in result.entities if e.name == "Run"]
    (canvas,) = [e for e in result.entities if e.name == "Canvas"]
    assert run.stored is stored
    assert canvas.stored is stored  # what only the prose names is not stored either


def test_a_prose_entity_and_a_data_model_table_named_by_part_of_its_name_are_one(tmp_path):

    result = _infer_feature(
        tmp_path,
        "001-auth",
        "# Auth\n\n## Key Entities\n\n- **用户（User）**：用户。\n- **第三方账号（OAuth Account）**：绑定。\n"
        "- **Verification Token**: a pending e-mail check.\n- **Label**: a tag.\n",
        "# Data Model\n\n## 新增表（Better Auth 自带 schema）\n\n"
        "### `user`\n\n| 字段 | 类型 | 约束 |\n|---|---|---|\n| `id` | text | PK |\n| `email` | text | NOT NULL |\n\n"
        "### `account`\n\n| 字段 | 类型 | 约束 |\n|---|---|---|\n| `id` | text | PK |\n"
        "| `user_id` | text | NOT NULL FK → user(id) |\n\n"
        "### `verification`\n\n| 字段 | 类型 | 约束 |\n|---|---|---|\n| `id` | text | PK |\n| `value` | text | NOT NULL |\n\n"
        "```typescript\n// a list view, never stored\ninterface LabelWithCount { ticketCount: number }\n```\n",
    )
    by_name = {e.name: [c.name for c in e.columns] for e in result.entities}
    # `## 新增表` (new tables) is a heading over the tables, not a table called 新增
    assert "新增" not in by_name and by_name["用户"] == ["id", "email"]
    # `account` is the OAuth Account, `verification` the Verification Token: each the only partner of the other
    assert by_name["第三方账号"] == ["id", "user_id"] and by_name["Verification Token"] == ["id", "value"]
    assert "account" not in by_name and "verification" not in by_name
    # a shape the code marks as not stored is a view of Label, not Label
    assert by_name["LabelWithCount"] == ["ticket_count"] and by_name["Label"] == []


def test_references_name_a_table_the_spec_declares_and_only_keys(tmp_path, monkeypatch, pg, fresh_db):
    folder = tmp_path / "specs" / "001-books"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(
        "# Books\n\n## Key Entities\n\n- **Business Scenario**: a situation to analyse.\n- **Book**: a book.\n- **Chunk**: a part of a book.\n"
    )
    (folder / "data-model.md").write_text(
        "# Data Model\n\n```sql\nCREATE TABLE scenarios (id UUID PRIMARY KEY, title TEXT NOT NULL);\n"
        "CREATE TABLE analysis_entries (id UUID PRIMARY KEY, scenario_id UUID REFERENCES scenarios(id));\n"
        "CREATE TABLE books (book_id UUID PRIMARY KEY,\n"
        "  CONSTRAINT fk_book_chunks FOREIGN KEY (book_id) REFERENCES chunks(book_id) ON DELETE CASCADE);\n"
        "CREATE TABLE chunks (id SERIAL PRIMARY KEY, book_id UUID NOT NULL REFERENCES books(book_id));\n```\n"
    )
    monkeypatch.chdir(tmp_path)
    written = CliRunner().invoke(main, ["infer", "--write"])
    assert written.exit_code == 0, written.output
    spec = (folder / "spec.md").read_text()
    # `Business Scenario` is the data model's `scenarios` (paired by part of its name): the spec says so, as references name it
    assert "  - table: scenarios\n" in spec and "references scenarios" in spec
    # `REFERENCES chunks(book_id)` points at no key of chunks: a plain column, with a finding
    assert "Book.book_id refers to Chunk.book_id, which is not its key (id)" in written.output
    build = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out"), "--no-cache"])
    assert build.exit_code == 0, build.output
    apply_sql(pg, fresh_db, next((tmp_path / "out").rglob("schema.sql")).read_text(encoding="utf-8"))
    assert "0 with proposals" in CliRunner().invoke(main, ["infer"]).output


def test_columns_that_name_who_did_something_are_keys_to_the_user_entity(tmp_path):

    result = _infer_feature(
        tmp_path,
        "001-docs",
        "# Docs\n\n## Key Entities\n\n- **User**: a user.\n- **Document**: a document.\n",
        "# Data Model\n\n### User\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| email | text |\n\n"
        "### Document\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | PK |\n| created_by | uuid | |\n"
        "| assigned_to | uuid | |\n| owner_id | uuid | |\n| reviewer_name | text | |\n| approved_by | text | ChurchTools person id |\n",
    )
    document = {c.name: c.references for e in result.entities if e.name == "Document" for c in e.columns}
    assert document == {
        "id": None,
        "created_by": "User",
        "assigned_to": "User",
        "owner_id": "User",
        "reviewer_name": None,
        "approved_by": None,
    }


def test_a_natural_key_and_keys_named_after_it_or_written_as_table_dot_column(tmp_path):
    result = _infer_feature(
        tmp_path,
        "001-inv",
        "# Inv\n\n## Key Entities\n\n- **Inventory**: a set.\n- **Snapshot**: a capture.\n- **Item**: a thing.\n",
        "# Data Model\n\n### Inventory\n\n| Field | Type | Description |\n|---|---|---|\n"
        "| `name` | string | Unique identifier for the inventory |\n| `account` | string | AWS account |\n\n"
        "### Snapshot\n\n| Field | Type | Description |\n|---|---|---|\n| `id` | uuid | |\n"
        "| `inventory_name` | string | Which inventory |\n\n"
        "### Item\n\n| Field | Type | Description |\n|---|---|---|\n| `id` | uuid | |\n"
        "| `snap` | uuid | 关联 snapshot.id |\n| `label` | string | see config.yaml |\n",
    )
    found = {(e.name, c.name): (c.primary_key, c.references) for e in result.entities for c in e.columns}
    # the column the data model calls the unique identifier of an entity without an id is its key
    assert found[("Inventory", "name")] == (True, None) and found[("Inventory", "account")] == (False, None)
    assert found[("Snapshot", "inventory_name")] == (False, "Inventory")  # the entity's name and its key's
    assert found[("Item", "snap")] == (False, "Snapshot") and found[("Item", "label")] == (False, None)


def test_an_overview_table_listing_each_entitys_fields_in_one_cell(tmp_path):
    """`| Entity | Purpose | Key Fields |`: one entity per row, its fields typed by their parentheses, else by
    their names (a W301 each); the first `<Entity>Id` is the key, and `DatasetId (int)` types every untyped id.
    A name that says request is a table when the row gives it a key."""
    result = _infer_feature(
        tmp_path,
        "001-charts",
        "# C\n\n## Key Entities\n\n- **Dataset**: a dataset.\n- **Chart**: a chart.\n- **ExportRequest**: an export.\n",
        "# Data Model\n\n## Entity Overview\n\n| Entity | Purpose | Key Fields | Notes |\n|---|---|---|---|\n"
        "| `Dataset` | A dataset. | `DatasetId (int)`, `Name`, `SourceType (enum: SqlTable, SqlView, Api)`, `SourceRef`, "
        "`LastRefreshDt`, `ActiveFl`. | x |\n"
        "| `Chart` | A chart. | `ChartId`, `DatasetId`, `Status (Draft, Approved)`, `Payload (json)`, "
        "`ParentChartId (nullable)` | y |\n"
        "| `ExportRequest` | An export. | `ExportRequestId`, `ChartId`, `RowCount` | z |\n",
    )
    columns = {(e.name, c.name): c for e in result.entities for c in e.columns}
    assert columns[("Dataset", "dataset_id")].type == "integer" and columns[("Dataset", "dataset_id")].primary_key
    assert columns[("Dataset", "source_type")].type == "enum(SqlTable, SqlView, Api)"
    assert columns[("Dataset", "source_ref")].type == "string(255)" and not columns[("Dataset", "source_ref")].confident
    assert columns[("Dataset", "last_refresh_dt")].type == "timestamp" and columns[("Dataset", "active_fl")].type == "boolean"
    assert columns[("Chart", "chart_id")].primary_key and columns[("Chart", "status")].type == "enum(Draft, Approved)"
    assert columns[("Chart", "dataset_id")].references == "Dataset" and columns[("Chart", "dataset_id")].type == "integer"
    assert columns[("Chart", "payload")].type == "json" and columns[("Chart", "parent_chart_id")].required is False
    assert all(e.stored for e in result.entities)
    assert any(d.code == "W301" and "SourceRef" in d.message for d in result.findings.sorted())


def test_ascii_boxes_listed_with_dashes_are_typed_from_their_names_unless_a_table_types_the_entity(tmp_path):
    box = (
        "```\n┌─────────────────┐\n│  auth.users     │\n│  (Supabase)     │\n│  - id           │\n└─────────────────┘\n\n"
        "┌──────────────────────┐\n│  incidents           │\n│  - id (PK)           │\n│  - player_id (FK)    │\n"
        "│  - description       │\n│  - notif_count...    │\n└──────────────────────┘\n\n"
        "┌──────────────────────┐\n│  players             │\n│  - id (PK)           │\n│  - matches           │\n"
        "│  - display_name      │\n└──────────────────────┘\n```\n\n"
        "## Players\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| display_name | text |\n"
    )
    result = _infer_feature(tmp_path, "001-x", "# X\n\n## Key Entities\n\n- **Incident**: a report.\n", "# Data Model\n\n" + box)
    tables = {e.name: {c.name: (c.type, c.required, c.references) for c in e.columns} for e in result.entities}
    assert "User" not in tables and "AuthUser" not in tables  # another schema's table, drawn for its arrows
    assert tables["Incident"] == {"id": ("uuid", True, None), "player_id": ("uuid", True, "Player"), "description": ("text", True, None)}
    assert tables["Player"] == {"id": ("uuid", True, None), "display_name": ("text", True, None)}  # `matches`: only drawn


def test_comments_and_doc_comments_in_code_name_keys_and_closed_value_lists(tmp_path):
    code = (
        "```typescript\ninterface NotificationRecord {\n  id: string; // UUID\n  user_id: string; // FK to profiles, NOT NULL\n}\n```\n\n"
        "```csharp\npublic class Poll\n{\n    /// <summary>\n    /// Poll status: 'Active', 'Closed'.\n    /// </summary>\n"
        "    [Required]\n    [MaxLength(20)]\n    public string Status { get; set; } = null!;\n"
        "    public Guid Id { get; set; }\n    public Guid CreatorId { get; set; }\n    public User Creator { get; set; } = null!;\n}\n```\n\n"
        "```ts\nuserRole = 'admin' | 'editor'\n```\n\n## User\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| role | userRole |\n\n"
        '## Profile\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | |\n| kind | text | Profile kind (e.g., "Main", "Side") |\n'
        "| closed_at | timestamptz | set when status → closed |\n"
    )
    result = _infer_feature(tmp_path, "001-x", "# X\n\n## Key Entities\n\n- **Poll**: a poll.\n", "# Data Model\n\n" + code)
    columns = {(e.name, c.name): c for e in result.entities for c in e.columns}
    assert columns[("NotificationRecord", "user_id")].references == "Profile"
    assert columns[("Poll", "status")].type == "enum(Active, Closed)" and columns[("Poll", "creator_id")].references == "User"
    assert columns[("User", "role")].type == "enum(admin, editor)"
    assert columns[("Profile", "kind")].type == "text"  # examples of an open list
    assert columns[("Profile", "closed_at")].references is None  # a state reached, not a table


def test_a_description_says_nullable_and_a_prose_list_that_marks_some_optional_makes_the_others_required(tmp_path):
    result = _infer_feature(
        tmp_path,
        "001-x",
        "# X\n\n## Key Entities\n\n- **Note**: Key attributes: title, body (optional), pinned flag.\n- **Trade**: a trade.\n",
        "# Data Model\n\n### Trade\n\n- `exit_time`: datetime - Position exit timestamp (nullable)\n"
        "- `pnl`: Decimal - Profit/loss (nullable until closed)\n- `entry_time`: datetime - Entry (not null)\n"
        "- `note`: str - Optional note\n",
    )
    required = {(e.name, c.name): c.required for e in result.entities for c in e.columns}
    assert required[("Trade", "exit_time")] is False and required[("Trade", "pnl")] is False and required[("Trade", "note")] is False
    assert required[("Trade", "entry_time")] is True
    assert required[("Note", "title")] is True and required[("Note", "body")] is False


def test_fields_written_name_then_type_and_shapes_a_heading_calls_input_models(tmp_path):
    """`` `id` string, stable slug. `` (no colon), `` `status` enum: `a`, `b`. ``, `` `cve` string or null. ``;
    `## Entity: TaskCreate (Input Model)` is a request shape; records a browser keeps (LocalStorage) are tables;
    `Number (Unix timestamp)` is a timestamp."""
    result = _infer_feature(
        tmp_path,
        "001-x",
        "# X\n\n## Key Entities\n\n- **Project**: a project.\n- **Task**: a task.\n",
        "# Data Model\n\nA client-side only application using LocalStorage.\n\n## Project\n\nFront-matter:\n"
        "- `id` string, stable slug.\n- `status` enum: `active`, `paused`.\n- `cve` string or null. Mirrored.\n"
        "- `aliases` list of strings. Other ids.\n- `above` triggers when the score is high.\n\n"
        "## Entity: Task\n\n| Field | Type | Required |\n|---|---|---|\n| `id` | String (UUID) | Yes |\n"
        "| `updatedAt` | Number (Unix timestamp) | Yes |\n\n"
        "## Entity: TaskCreate (Input Model)\n\n- **title**: String (Required)\n",
    )
    entities = {e.name: e for e in result.entities}
    project = {c.name: (c.type, c.required) for c in entities["Project"].columns}
    assert project == {
        "id": ("text", True),
        "status": ("enum(active, paused)", True),
        "cve": ("text", False),
        "aliases": ("text[]", True),
    }
    assert entities["Task"].stored and {c.name: c.type for c in entities["Task"].columns}["updated_at"] == "timestamp"
    assert not entities["TaskCreate"].stored


def test_an_entity_its_own_section_or_a_storage_section_calls_unkept_is_not_stored(tmp_path):
    """`- Not persisted in snapshot storage` in its section, `**Storage Format** (JSON, generated on-demand):`,
    or a `## Storage Strategies` sub-heading for it (`### Cost Reports` / `- **Format**: JSON (not persisted)`):
    no table, and its sub-headings define none. A diagram's box of untyped names does not make it stored."""
    result = _infer_feature(
        tmp_path,
        "001-x",
        "# X\n\n## Key Entities\n\n- **Snapshot**: a capture.\n- **Delta Report**: changes.\n- **Cost Report**: costs.\n",
        "# Data Model\n\n```\n┌─────────────┐\n│ DeltaReport │\n├─────────────┤\n│ added       │\n└─────────────┘\n```\n\n"
        "### 1. Snapshot\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| name | string |\n\n"
        "### 2. DeltaReport\n\n| Field | Type |\n|---|---|\n| generated_at | datetime |\n\n"
        "**Storage Format** (JSON, generated on-demand):\n\n### 3. CostReport\n\n| Field | Type |\n|---|---|\n"
        "| total | decimal |\n\n### 4. ResourceDependency\n\n| Field | Type |\n|---|---|\n| arn | string |\n\n"
        "**Usage**:\n- Not persisted in snapshot storage\n\n## Storage Strategies\n\n### Snapshot Storage\n\n"
        "- **Format**: YAML files\n\n### Cost Reports\n\n- **Format**: JSON (generated on-demand, not persisted by default)\n",
    )
    stored = {e.name: e.stored for e in result.entities}
    assert stored == {"Snapshot": True, "Delta Report": False, "Cost Report": False, "ResourceDependency": False}


def test_a_key_named_by_the_last_words_of_one_entity_and_untargeted_keys_named_by_a_part(tmp_path):
    """`in_flight_claim_id` beside an IdempotencyClaim is a key to it; `provider_transaction_id` in
    PaymentTransaction is no key to CreditTransaction (its own name ends the same way), `organization_id` none to a
    ShadowOrganization keyed by `twizzit_id`; `root_session_id (FK)`
    is a key to Session, `suite_id (FK)` to the one entity whose name ends with `suite`, never to its own."""
    result = _infer_feature(
        tmp_path,
        "001-runs",
        "# Runs\n\n## Key Entities\n\n- **Session**: a run.\n",
        "# Data Model\n\n### Session\n\n| Field | Type |\n|---|---|\n| id | uuid |\n\n"
        "### IdempotencyClaim\n\n| Field | Type |\n|---|---|\n| claim_id | uuid (PK) |\n\n"
        "### ShadowOrganization\n\n| Field | Type |\n|---|---|\n| twizzit_id | BIGINT PK |\n\n"
        "### Eval Suite\n\n| Field | Type |\n|---|---|\n| id | uuid |\n\n### Customer\n\n| Field | Type |\n|---|---|\n| id | uuid |\n\n"
        "### Model Request\n\n| Field | Type |\n|---|---|\n| id | uuid |\n\n"
        "### Checkpoint\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | |\n| in_flight_claim_id | uuid | the open claim |\n"
        "| organization_id | BIGINT | Twizzit org used |\n| provider_request_id | string | the upstream request |\n"
        "| stripe_customer_id | string | |\n"
        "| root_session_id | UUID (FK) | Tree root, through which chain of agents |\n\n"
        "### Skill\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | |\n| suite_id | string (FK) | The skill's own case set |\n\n"
        "### CreditTransaction\n\n| Field | Type |\n|---|---|\n| id | uuid |\n\n"
        "### PaymentTransaction\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| provider_transaction_id | string |\n",
    )
    refs = {
        (e.name, c.name): c.references
        for e in result.entities
        for c in e.columns
        if not c.name.startswith(("id", "claim_id", "twizzit_id"))
    }
    assert refs == {
        ("Checkpoint", "in_flight_claim_id"): "IdempotencyClaim",
        ("Checkpoint", "root_session_id"): "Session",
        ("Checkpoint", "organization_id"): None,  # ShadowOrganization is keyed by another system's id, named apart
        ("Checkpoint", "provider_request_id"): None,  # ids other systems gave
        ("Checkpoint", "stripe_customer_id"): None,
        ("Skill", "suite_id"): "eval_suites",  # (a name with a space is referred to by its table)
        ("PaymentTransaction", "provider_transaction_id"): None,
    }


def test_sql_column_bullets_an_elided_ddl_a_keyed_event_log_and_another_systems_id(tmp_path):
    spec = "# F\n\n## Requirements\n\n### Key Entities\n\n- **User**: An account.\n- **Event Log**: Audit trail.\n"
    data_model = """# Data Model

### 1. User

Represents an individual with credentials managed by AWS Cognito.

**Fields**:
- `id` UUID PRIMARY KEY
- `cognito_user_id` VARCHAR(255) UNIQUE NOT NULL (Cognito `sub` claim)
- `name` VARCHAR(255)

### 2. Event_Log

Logs all domain events for auditing.

**Fields**:
- `id` UUID PRIMARY KEY
- `user_id` UUID REFERENCES users(id) (NULL for system events)
- `event_data` JSONB NOT NULL (full event payload)

### 3. Automation_Rule

Automation rules triggered by domain events.

**Fields**:
- `id` UUID PRIMARY KEY
- `user_id` UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE

## Migrations

```sql
CREATE TABLE tenants (id UUID PRIMARY KEY);
-- (Additional CREATE TABLE statements...)
```
"""
    result = _infer_feature(tmp_path, "001-f", spec, data_model)
    entities = {e.name: e for e in result.entities}
    user = {c.name: c for c in entities["User"].columns}
    assert user["cognito_user_id"].type == "string(255)" and user["cognito_user_id"].references is None
    assert user["cognito_user_id"].required and user["name"].required is False
    assert entities["Event Log"].stored and entities["Automation_Rule"].stored
    log = {c.name: c for c in entities["Event Log"].columns}
    assert log["user_id"].references and log["event_data"].type == "jsonb"


def test_an_extension_found_by_its_table_names_the_earlier_entity(tmp_path):
    from compiler.infer import infer_specs

    first = tmp_path / "specs" / "001-base" / "spec.md"
    first.parent.mkdir(parents=True)
    first.write_text("# F\n\n## Key Entities\n\n- **Project**: A workspace.\n  - `name`: string(100), required\n")
    _infer_feature(
        tmp_path,
        "002-next",
        "# F\n\n## Key Entities\n\n- **Project Suggestion**: An AI-suggested project; contains name and confidence.\n",
        "# Data Model\n\n### Projects Table\n\n```sql\nCREATE TABLE projects (\n  id UUID PRIMARY KEY,\n"
        "  name VARCHAR(100) NOT NULL,\n  is_suggested BOOLEAN DEFAULT false\n);\n```\n",
    )
    results = infer_specs([(first, "specs/001-base/spec.md"), (tmp_path / "specs/002-next/spec.md", "specs/002-next/spec.md")])
    proposed = results[1].proposed
    assert "**Project Suggestion** *(extends)*" not in proposed and "table: projects" not in proposed
    assert "- **Project** *(extends)*: " in proposed and "  - `is_suggested`: boolean, default false" in proposed


def test_what_a_spec_infer_cannot_rewrite_would_type_is_no_reference_target(tmp_path):
    from compiler.config import Settings
    from compiler.infer import infer_specs
    from compiler.passes import compile_paths

    first = tmp_path / "specs" / "001-events" / "spec.md"
    first.parent.mkdir(parents=True)
    # a Windows-1252 apostrophe: infer reads the file but does not write it back (W311)
    first.write_bytes(b"# Events\n\nThe app\x92s events.\n\n## Key Entities\n\n- **Platform Event**: Something that happened.\n")
    (first.parent / "data-model.md").write_text(
        "# Data Model\n\n### Platform Event\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| kind | text |\n"
    )
    second = tmp_path / "specs" / "002-hooks" / "spec.md"
    second.parent.mkdir(parents=True)
    second.write_text("# Hooks\n\n## Key Entities\n\n- **Webhook**: A delivery.\n")
    (second.parent / "data-model.md").write_text(
        "# Data Model\n\n```sql\nCREATE TABLE webhooks (id UUID PRIMARY KEY, event_id UUID REFERENCES platform_events(id));\n```\n"
    )
    results = infer_specs([(first, "specs/001-events/spec.md"), (second, "specs/002-hooks/spec.md")])
    assert any(d.code == "W311" for d in results[0].findings.items) and results[0].proposed == results[0].original
    second.write_text(results[1].proposed, encoding="utf-8")
    compilation = compile_paths([(first, "specs/001-events/spec.md"), (second, "specs/002-hooks/spec.md")], Settings())
    assert not [d for d in compilation.diagnostics.items if d.severity.value == "error"]


def test_an_existing_entity_with_only_its_key_is_external_and_ef_navigations_name_their_type(tmp_path):
    data_model = (
        "# Data Model\n\n### Document\n- **DocumentId** (int, PK)\n- **ProjectId** (int, FK to Project, required)\n\n"
        "### Project (existing)\n- **ProjectId** (int, PK)\n- ...\n\n"
        "```csharp\npublic class Share\n{\n    public int ShareId { get; set; }\n    public int UploadedByUserId { get; set; }\n"
        '    [ForeignKey("UploadedByUserId")]\n    public virtual User UploadedBy { get; set; } = null!;\n}\n```\n'
    )
    result = _infer_feature(tmp_path, "001-docs", "# F\n\n## Key Entities\n\n- **Document**: A file.\n", data_model)
    entities = {e.name: e for e in result.entities}
    assert entities["Project"].external and "- **Project** *(external)*" in result.proposed
    assert {c.name: c.references for c in entities["Share"].columns}["uploaded_by_user_id"] == "User"
    assert entities["Share"].stored  # `ShareId`: EF Core's `<Class>Id` key


def test_an_existing_entity_no_earlier_spec_declares_is_typed_from_the_data_model_and_builds(tmp_path, monkeypatch):
    """`**ApplicationUser** (existing, retained)` in the first feature: no earlier spec declares it, so the data
    model's table types it here (build reads a typed entity so marked as its declaration, W205); a lifecycle
    note in the parentheses (`(new, 2026-07-28)`) is no attribute, and `Response Action` is no response shape."""
    spec = (
        "# F\n\n## Key Entities\n\n- **ApplicationUser** (existing, retained) — the identity user.\n"
        "- **Response Action** (new, 2026-07-28) — a containment step with a `Title` and a `Status`.\n"
    )
    data_model = "# Data Model\n\n## ApplicationUser\n\n| Field | Type |\n|---|---|\n| `Id` | uuid, PK |\n| `Email` | string |\n"
    result = _infer_feature(tmp_path, "000-legacy", spec, data_model)
    entities = {e.name: e for e in result.entities}
    assert [c.name for c in entities["ApplicationUser"].columns] == ["id", "email"]
    assert "- **ApplicationUser** (existing, retained) — the identity user.\n  - `id`: uuid, primary key" in result.proposed
    assert "new" not in {c.name for c in entities["Response Action"].columns} and entities["Response Action"].stored
    (tmp_path / "specs" / "000-legacy" / "spec.md").write_text(result.proposed)
    monkeypatch.chdir(tmp_path)
    built = CliRunner().invoke(main, ["build"])
    assert built.exit_code == 0, built.output
    assert "CREATE TABLE application_users" in (tmp_path / "specs" / "000-legacy" / "schema.sql").read_text()


def test_a_key_that_refers_to_another_entity_types_what_refers_to_it(tmp_path, monkeypatch):
    """AgentVersion keyed by `agent_id`, a reference to Agent whose key is text: a reference to AgentVersion is text
    too, as build types it (it was uuid, the `Guid` the table wrote, and build refused the mismatch, E209)."""
    data_model = (
        "# Data Model\n\n### Agent\n\n| Field | Type |\n|---|---|\n| `Id` | `string` (PK) |\n| `Name` | `string` |\n\n"
        "### AgentVersion\n\n| Field | Type |\n|---|---|\n| `AgentId` | `Guid` (PK, FK → Agent) |\n| `VersionNumber` | `int` |\n\n"
        "### AgentExecution\n\n| Field | Type |\n|---|---|\n| `Id` | `Guid` (PK) |\n| `AgentVersionId` | `Guid` (FK → AgentVersion) |\n"
    )
    result = _infer_feature(tmp_path, "001-agents", "# F\n\n## Key Entities\n\n- **Agent**: an agent.\n", data_model)
    execution = {e.name: e for e in result.entities}["AgentExecution"]
    assert {c.name: c.type for c in execution.columns}["agent_version_id"] == "text"
    (tmp_path / "specs" / "001-agents" / "spec.md").write_text(result.proposed)
    monkeypatch.chdir(tmp_path)
    built = CliRunner().invoke(main, ["build"])
    assert built.exit_code == 0, built.output


def test_an_existing_entity_another_feature_names_is_keyed_not_external(tmp_path, monkeypatch):
    """`Factura`, prose in 001, called existing in 002 where Envío refers to it: 002 keys it (W316) rather than
    proposing an *(external)* table one of the specs declares, so build extends it and the reference resolves."""
    for folder, body in {
        "001-facturas": "- **Factura**: la factura emitida.\n",
        "002-envios": "- **Factura**: entidad existente.\n- **Envío**: Key attributes: asunto, factura reference.\n",
    }.items():
        (tmp_path / "specs" / folder).mkdir(parents=True)
        (tmp_path / "specs" / folder / "spec.md").write_text("# F\n\n## Key Entities\n\n" + body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    inferred = CliRunner().invoke(main, ["infer", "--write"])
    assert inferred.exit_code == 0, inferred.output
    assert "*(external)*" not in (tmp_path / "specs" / "002-envios" / "spec.md").read_text(encoding="utf-8")
    built = CliRunner().invoke(main, ["build"])
    assert built.exit_code == 0, built.output


def test_a_data_model_whose_structures_are_all_no_tables_leaves_the_prose_entities_as_written(tmp_path):

    result = _infer_feature(
        tmp_path,
        "001-cli",
        "# CLI\n\n## Key Entities\n\n- **Lifecycle Manager**: Key attributes: state, started at, shutdown timeout.\n",
        "# Data model\n\n## Entity: StartupRequest (Request DTO)\n\n| Field | Type |\n|---|---|\n| verbose | bool |\n"
        "| config_path | string |\n",
    )
    (manager,) = [p for p in result.proposals if p.entity.name == "Lifecycle Manager"]
    assert manager.action == "keep"
    assert any(d.code == "W314" and "none of its structures is stored" in d.message for d in result.findings.items)
    assert not result.changed


def test_infer_on_its_own_output_proposes_nothing_in_real_repository_shapes(tmp_path, monkeypatch):
    """Two shapes of real repositories where a second run proposed more: a data-model entity paired with a
    prose entity by its words (`Reserva` and `Reserva de Sala`), and an entity an earlier feature types in part
    (a prose line left among its typed ones) that a later feature re-mentions with an attribute list."""
    reserva = tmp_path / "specs" / "001-agendamento"
    reserva.mkdir(parents=True)
    (reserva / "spec.md").write_text("# A\n\n## Key Entities\n\n- **Reserva de Sala**: a reserva de uma sala, com sala, data e motivo.\n")
    (reserva / "data-model.md").write_text(
        "# Data Model\n\n## Entities\n\n### Reserva\n\n- `id`: identificador único\n- `date`: data da reserva\n"
        "- `reason`: motivo do agendamento\n"
    )
    core = tmp_path / "specs" / "002-core"
    core.mkdir(parents=True)
    (core / "spec.md").write_text(
        "# C\n\n## Key Entities\n\n- **Task**: a single item.\n  - `id`: integer, primary key\n"
        "  - **Status**: Boolean or Enum representing whether it is complete.\n"
    )
    web = tmp_path / "specs" / "003-web"
    web.mkdir(parents=True)
    (web / "spec.md").write_text("# W\n\n## Key Entities\n\n- **Task**: id, user_id, description, priority, created_at\n")
    shop = tmp_path / "specs" / "004-shop"  # an entity named with its gloss, re-mentioned by the gloss later
    shop.mkdir(parents=True)
    (shop / "spec.md").write_text("# S\n\n## Key Entities\n\n- **商品（Product）**: 商品データ。\n")
    (shop / "data-model.md").write_text("# DM\n\n### Product\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| name | string |\n")
    admin = tmp_path / "specs" / "005-admin"
    admin.mkdir(parents=True)
    (admin / "spec.md").write_text("# A\n\n## Key Entities\n\n- **商品（Product）**: 管理者が管理する商品データ。\n")
    (admin / "data-model.md").write_text(
        "# DM\n\n### Product\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| name | string |\n| price | integer |\n"
    )
    monkeypatch.chdir(tmp_path)
    first = CliRunner().invoke(main, ["infer", "--write"])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(main, ["infer"])
    assert again.exit_code == 0 and again.stdout == "", again.stdout


def test_entities_added_to_a_section_that_ends_in_a_prose_sub_section_go_where_they_are_read(tmp_path, monkeypatch):
    """`## 10. Data Model` (a Key Entities section) ending in `### 10.3 Sample Data`, whose bullets are no
    entities: the data model's entities go before the first sub-heading, and a second run proposes nothing."""
    feature = tmp_path / "specs" / "001-boxes"
    feature.mkdir(parents=True)
    spec = (
        "# Boxes\n\n## 10. Data Model\n\nThe tables.\n\n### 10.1 Entity Relationships\n\n- Box holds samples\n\n"
        '### 10.3 Sample Data\n\n```json\n{"id": 1}\n# not a heading\n```\n\n---\n\n## Appendix A: Glossary\n\n- Box: a box\n'
    )
    (feature / "spec.md").write_text(spec)
    (feature / "data-model.md").write_text(
        "# DM\n\n```sql\nCREATE TABLE boxes (\n  id BIGSERIAL PRIMARY KEY,\n  label VARCHAR(50) NOT NULL\n);\n```\n"
    )
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["infer", "--write"]).exit_code == 0
    written = (feature / "spec.md").read_text()
    assert written.index("- **Box") < written.index("### 10.1"), written
    assert written.replace(written[written.index("- **Box") : written.index("### 10.1")], "") == spec  # the rest unchanged
    again = CliRunner().invoke(main, ["infer"])
    assert again.exit_code == 0 and again.stdout == "", again.stdout


def test_a_column_name_over_63_bytes_is_left_out_with_a_finding(tmp_path, monkeypatch):
    """PostgreSQL cuts names at 63 bytes (build's E210): infer leaves such a column out (W302) and the project builds."""
    long_name = "requests_app_http_requests_store_update_mail_user_filter_request_php"
    spec, output = _write_and_build(
        tmp_path,
        monkeypatch,
        "001-long",
        "# L\n\n## Key Entities\n\n- **Filter**: a rule.\n",
        f"# DM\n\n```sql\nCREATE TABLE filters (\n  id UUID PRIMARY KEY,\n  {long_name} TEXT\n);\n```\n",
    )
    assert "W302" in output and "over 63 bytes" in output and long_name not in spec


MODIFIED_SPEC = (
    "# Shots\n\n## Key Entities\n\n- **ShotRecord**: a shot.\n- **Artifact**: Extended with metadata.\n"
    "- **Bean**: a bean.\n- **Grinder**: a grinder.\n"
)
MODIFIED_MODEL = (
    "# Data Model\n\n### ShotRecord (Modified)\n\n| Field | Type | Nullable | Description |\n|---|---|---|---|\n"
    "| Id | int | No | Primary key (existing) |\n| DoseIn | decimal | No | Grams in (existing) |\n"
    "| **TastingNotes** | **string?** | **Yes** | **NEW: free-text notes** |\n\n"
    "## Modified Entity: Artifact\n\n| Field | Type | Change | Description |\n|---|---|---|---|\n"
    "| id | UUID | existing | Primary key |\n| name | VARCHAR(255) | existing | Name |\n| **metadata** | **JSONB** | **NEW** | Data |\n\n"
    "## Bean (extended)\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | |\n| roast | text | **NEW** |\n\n"
    "```sql\nCREATE TABLE beans (\n  id UUID PRIMARY KEY,\n  roast TEXT\n);\n```\n\n"
    "## Grinder\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | |\n| burr | text | NEW: flat or conical |\n"
)


def test_a_modified_table_recalled_whole_proposes_the_fields_marked_new(tmp_path):
    """`### ShotRecord (Modified)` recalling the whole table of an earlier feature with its new rows marked (`NEW:
    ...`, a Change column's `NEW`): the feature adds those. A table the feature's own migration creates stays whole,
    and so does one whose heading says nothing of a change."""
    from compiler.infer import infer_specs

    earlier = tmp_path / "specs" / "001-first"
    earlier.mkdir(parents=True)
    (earlier / "spec.md").write_text(
        "# First\n\n## Key Entities\n\n- **ShotRecord**: a shot.\n  - `id`: integer\n  - `dose_in`: decimal\n"
        "- **Artifact**: a file.\n  - `id`: uuid\n  - `name`: string(255)\n"
    )
    folder = tmp_path / "specs" / "002-shots"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(MODIFIED_SPEC)
    (folder / "data-model.md").write_text(MODIFIED_MODEL)
    _, result = infer_specs([(earlier / "spec.md", "specs/001-first/spec.md"), (folder / "spec.md", "specs/002-shots/spec.md")])
    columns = {e.name: [c.name for c in e.columns] for e in result.entities}
    assert columns["ShotRecord"] == ["tasting_notes"] and columns["Artifact"] == ["metadata"]
    assert columns["Bean"] == ["id", "roast"] and columns["Grinder"] == ["id", "burr"]


def test_a_modified_table_no_spec_declares_is_proposed_whole(tmp_path):
    """The same recall with no earlier feature declaring ShotRecord or Artifact (their tables predate the specs):
    this feature's declaration is all the schema knows of them, so each is proposed whole."""
    result = _infer_feature(tmp_path, "002-shots", MODIFIED_SPEC, MODIFIED_MODEL)
    columns = {e.name: [c.name for c in e.columns] for e in result.entities}
    assert columns["ShotRecord"] == ["id", "dose_in", "tasting_notes"] and columns["Artifact"] == ["id", "name", "metadata"]


def _write_and_build(tmp_path: Path, monkeypatch, name: str, spec: str, data_model: str) -> tuple[str, str]:
    """`infer --write` then `build` on one feature: (the spec as written, infer's output); build must exit 0."""
    feature = tmp_path / "specs" / name
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text(spec)
    (feature / "data-model.md").write_text(data_model)
    monkeypatch.chdir(tmp_path)
    written = CliRunner().invoke(main, ["infer", "--write"])
    assert written.exit_code == 0, written.output
    built = CliRunner().invoke(main, ["build"])
    assert built.exit_code == 0, built.output
    return (feature / "spec.md").read_text(), written.output


def test_an_index_on_a_column_left_untyped_is_left_out_with_it(tmp_path, monkeypatch):
    """`category!: PlatformAuditCategory` under `@Column({ type: 'enum' })` names no values: the column is left out
    (W341), and so is the index that names it (build would refuse it, E204)."""
    spec, _ = _write_and_build(
        tmp_path,
        monkeypatch,
        "001-audit",
        "# A\n\n## Key Entities\n\n- **PlatformAuditEntry**: an append-only record.\n",
        "# DM\n\n```sql\nCREATE INDEX ix_entry ON platform_audit_entry (subject_user_id, category, row_id);\n```\n\n"
        "```typescript\nexport class PlatformAuditEntry {\n  rowId!: number;\n  @Column({\n    type: 'enum',\n  })\n"
        "  category!: PlatformAuditCategory;\n  subjectUserId!: string;\n}\n```\n",
    )
    assert "category" not in spec


def test_an_existing_table_drawn_in_a_diagram_before_its_heading_is_still_existing(tmp_path):
    """An ASCII box draws UserProfile first; its heading, `### UserProfile (Existing - No Changes)`, says it is the
    application's table: *(external)*, not a table this feature creates."""
    result = _infer_feature(
        tmp_path,
        "002-shots",
        "# Shots\n\n## Key Entities\n\n- **UserProfile** (existing entity): who pulls shots.\n",
        "# Data Model\n\n```\n┌──────────────┐\n│ UserProfile  │\n├──────────────┤\n│ Id           │\n└──────────────┘\n```\n\n"
        "### UserProfile (Existing - No Changes)\n\n| Field Name | Type | Nullable |\n|---|---|---|\n| Id | int | No |\n"
        "| Name | string | No |\n",
    )
    (profile,) = [e for e in result.entities if e.name == "UserProfile"]
    assert profile.external


def test_a_create_table_under_a_heading_that_calls_it_existing_is_the_applications_table(tmp_path):
    """`### 2. Cancellation Record (Existing)` / `No changes required.` over its CREATE TABLE: recalled, not
    created by this feature (*(external)*); `### 1. Detached Run (Extension of RunRecord)` is a change."""
    result = _infer_feature(
        tmp_path,
        "284-detach",
        "# Detach\n\n## Key Entities\n\n- **Cancellation Record**: a flag in the `cancellation` table.\n",
        "# Data Model\n\n### 2. Cancellation Record (Existing)\n\nNo changes required.\n\n```sql\n"
        "CREATE TABLE IF NOT EXISTS cancellation (\n    run_id TEXT PRIMARY KEY,\n    force BOOLEAN DEFAULT FALSE\n);\n```\n",
    )
    (record,) = [e for e in result.entities if e.name == "Cancellation Record"]
    assert record.external


def test_a_json_column_is_in_no_index(tmp_path, monkeypatch):
    """PostgreSQL's json has no equality operator (build's E217): a JSON column is no key (`Foreign key relationship
    definitions` describes its content) and in no index; jsonb can be indexed."""
    spec, _ = _write_and_build(
        tmp_path,
        monkeypatch,
        "001-logs",
        "# L\n\n## Key Entities\n\n- **MigrationRecord**: one run.\n",
        "# DM\n\n### MigrationRecord\n\n| Field | Type | Constraints |\n|---|---|---|\n| id | integer | PK |\n"
        "| constraints | JSON | unique |\n| doc | JSONB | indexed |\n| name | text | |\n"
        "| foreign_key_constraints | JSON | Foreign key relationship definitions |\n\n"
        "```sql\nCREATE INDEX ix_mr ON migration_records (constraints, name);\n```\n",
    )
    assert "`doc`: jsonb, required, indexed" in spec and "`foreign_key_constraints`: json, required\n" in spec, spec
    assert "relationship" not in spec, spec  # (no *(external)* stub either)


def test_a_modified_table_the_feature_rewrites_stays_whole(tmp_path):
    """`## UserChat (existing, migrated onto standard conventions)` whose rows rename and retype columns
    (`CreationDateTime` → `CreatedAtUtc`) beside a few `(new)` ones: the feature rewrites the table, all of it."""
    result = _infer_feature(
        tmp_path,
        "000-modernize",
        "# M\n\n## Key Entities\n\n- **UserChat**: a chat.\n",
        "# Data Model\n\n## UserChat (existing, migrated onto standard conventions)\n\n| Field | Type (before → after) | Notes |\n"
        "|---|---|---|\n| `Id` | `int` identity → `Guid` | migrated |\n| `Title` | `string` (required) | Unchanged. |\n"
        "| `CreationDateTime` → `CreatedAtUtc` | `DateTime?` → `DateTime` | converted |\n| `CreatedBy` | `string` (new) | backfilled |\n",
    )
    (chat,) = [e for e in result.entities if e.name == "UserChat"]
    assert [c.name for c in chat.columns] == ["id", "title", "created_at_utc", "created_by"]


def test_values_too_long_for_an_enum_label_make_a_text_column(tmp_path, monkeypatch):
    """`mime_type` one of four MIME types, one of them 71 bytes long: PostgreSQL's enum labels stop at 63 bytes
    (build's E210), so infer writes text, and the project builds."""
    long_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    spec, _ = _write_and_build(
        tmp_path,
        monkeypatch,
        "001-docs",
        "# D\n\n## Key Entities\n\n- **Document**: an uploaded file.\n",
        "# DM\n\n```sql\nCREATE TABLE documents (\n  id UUID PRIMARY KEY,\n  mime_type TEXT NOT NULL CHECK (mime_type IN (\n"
        f"    'application/pdf', '{long_type}', 'text/plain')),\n  kind TEXT NOT NULL CHECK (kind IN ('a', 'b'))\n);\n```\n",
    )
    assert "`mime_type`: text, required" in spec and "`kind`: enum(a, b)" in spec, spec


def test_a_status_varchar_in_the_ddl_takes_the_values_a_table_lists_and_a_format_stays_a_string(tmp_path):

    result = _infer_feature(
        tmp_path,
        "001-outbox",
        "# O\n\n## Key Entities\n\n- **OutboxEvent**: an event to publish.\n",
        "# Data model\n\n```sql\nCREATE TABLE outbox_events (\n  id uuid PRIMARY KEY,\n  status VARCHAR(20) NOT NULL DEFAULT 'PENDING',\n"
        "  isbn VARCHAR(20)\n);\n```\n\n## OutboxEvent\n\n"
        "| Column | Type | Constraints | Notes |\n|---|---|---|---|\n| `status` | `VARCHAR(20)` | `NOT NULL` | `PENDING` or `PUBLISHED` |\n"
        "| `isbn` | `VARCHAR(20)` | | ISBN-13 or ISBN-10 |\n",
    )
    (event,) = [e for e in result.entities if e.name == "OutboxEvent"]
    columns = {c.name: c.type for c in event.columns}
    assert columns["status"] == "enum(PENDING, PUBLISHED)" and columns["isbn"] == "string(20)"


@pytest.mark.parametrize(
    ("spec", "data_model", "untyped"),
    [
        (  # `List` typed with prose left beside it: its data-model entity is List's, not `List Card`'s
            (
                "# L\n\n## Key Entities\n\n- **List**: a collection of places\n  - Attributes: id (unique identifier), title (text)\n"
                "  - Relationships: owned by a curator\n\n- **List Card**: how a list shows in the grid\n"
                "  - Attributes: derived from List (image, title)\n"
            ),
            (
                "# Data model\n\n### List Entity\n\n| Field | Type | Required |\n|---|---|---|\n| `id` | `string` (UUID) | Yes |\n"
                "| `title` | `string` | Yes |\n"
            ),
            "List Card",
        ),
        (  # `Categoria` beside `CategoriaResponse` and `CategoriaUpstream`: neither, before and after the second is typed
            "# C\n\n## Key Entities\n\n- **Lancamento**: um lançamento.\n- **Categoria**: sub-objeto — `id` (UUID) e `nome`.\n",
            (
                "# Modelo\n\n### Lancamento\n\n| Campo | Tipo |\n|---|---|\n| `id` | `UUID` |\n| `categoria` | `CategoriaUpstream` |\n\n"
                "### CategoriaResponse\n\n| Campo | Tipo |\n|---|---|\n| `id` | `String` |\n| `nome` | `String` |\n\n"
                "### CategoriaUpstream\n\n| Campo | Tipo |\n|---|---|\n| `id` | `String` |\n| `nome` | `String` |\n"
            ),
            "Categoria",
        ),
    ],
    ids=["list-card", "categoria"],
)
def test_infer_pairs_the_same_way_on_its_own_output(tmp_path, monkeypatch, spec, data_model, untyped):
    folder = tmp_path / "specs" / "001-x"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(spec)
    (folder / "data-model.md").write_text(data_model)
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["infer", "--write"]).exit_code == 0
    written = (folder / "spec.md").read_text()
    block = written.split(f"- **{untyped}**", 1)[1].split("\n- **", 1)[0]
    assert "`id`:" not in block, written  # not typed with another entity's columns
    again = CliRunner().invoke(main, ["infer"])
    assert again.exit_code == 0 and again.stdout == "", again.stdout


@pytest.mark.parametrize(
    ("features", "check"),
    [
        (  # an earlier feature's `Issue`, re-described by this data model: its field is Issue's, not IssueContext's
            {
                "001-issues": (
                    "# I\n\n## Key Entities\n\n- **Issue**: a tracked issue.\n  - `id`: uuid, primary key\n  - `title`: text, required\n",
                    None,
                ),
                "002-context": (
                    "# C\n\n## Key Entities\n\n- **IssueContext**: context extracted from issues\n  - Error traces, affected components\n",
                    (
                        "# Data model\n\n### Issue (Extended)\n\nExisting `Issue` model.\n\n"
                        "- `requiresAdminReview` (Boolean, default: false): hidden until reviewed\n"
                    ),
                ),
            },
            lambda specs: "requires_admin_review" not in specs["002-context"].split("**IssueContext**")[1].split("\n- **")[0],
        ),
        (  # `Project Configuration` paired with the data model's `Project`: a later feature's `Project` is its own
            {
                "001-config": (
                    "# A\n\n## Key Entities\n\n- **Project Configuration**: the workflow of a project. Key attributes: name.\n",
                    "# Data model\n\n### Project\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| name | text |\n| config | jsonb |\n",
                ),
                "002-import": (
                    "# B\n\n## Key Entities\n\n- **Project**: a project with key and name\n",
                    (
                        "# Data model\n\n### Project Entity (Existing)\n\n- `id` (UUID) - Primary key\n- `key` (String, Unique) - identifier\n"
                        "- `name` (String) - display name\n"
                    ),
                ),
            },
            lambda specs: True,
        ),
        (  # `Transaction` kept in `payment_transactions`: the spec says so, and the next feature's table is it
            {
                "001-pay": (
                    "# P\n\n## Key Entities\n\n- **Transaction**: a record of a payment.\n",
                    "# Data model\n\n### payment_transactions\n\n| Column | Type | Constraints |\n|---|---|---|\n| `id` | `uuid` | PK |\n",
                ),
                "002-money": (
                    "# M\n\n## Key Entities\n\n- **Transaction**: now carries a currency.\n",
                    (
                        "# Data model\n\n### payment_transactions\n\n| Column | Type | Constraints |\n|---|---|---|\n"
                        "| `currency` | `text` | NOT NULL |\n"
                    ),
                ),
            },
            lambda specs: "table: payment_transactions" in specs["001-pay"] and "`currency`" in specs["002-money"],
        ),
        (  # `类目 (Category)`, an earlier feature's Category by its gloss: no second declaration that re-types `level`
            {
                "001-categories": (
                    "# C\n\n## Key Entities\n\n- **Category**: a category.\n  - `id`: text, primary key\n  - `level`: integer\n",
                    None,
                ),
                "002-attributes": (
                    "# A\n\n## Key Entities\n\n- **类目 (Category)**: 三级类目结构\n",
                    "# Data model\n\n```typescript\ninterface Category {\n  id: string;\n  level: 1 | 2 | 3;\n}\n```\n",
                ),
            },
            lambda specs: "enum" not in specs["002-attributes"],
        ),
        (  # a GIN index on a JSON column is one on jsonb (json has no operators to index)
            {
                "001-ideas": (
                    "# I\n\n## Key Entities\n\n- **Idea**: an idea with tags.\n",
                    (
                        "# Data model\n\n```python\nclass Idea(SQLModel, table=True):\n    id: UUID = Field(primary_key=True)\n"
                        "    tags: list[str] = Field(sa_column=Column(JSON))\n```\n\n```python\n"
                        "op.create_index('idx_ideas_tags', 'ideas', ['tags'], postgresql_using='gin')\n```\n"
                    ),
                ),
            },
            lambda specs: "`tags`: jsonb" in specs["001-ideas"],
        ),
    ],
    ids=["extended-earlier-entity", "paired-name-stays-in-its-feature", "table-named-apart", "glossed-earlier-entity", "json-indexed"],
)
def test_infer_on_its_output_across_features_proposes_nothing(tmp_path, monkeypatch, features, check):
    for name, (spec, data_model) in features.items():
        folder = tmp_path / "specs" / name
        folder.mkdir(parents=True)
        (folder / "spec.md").write_text(spec)
        if data_model:
            (folder / "data-model.md").write_text(data_model)
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["infer", "--write"]).exit_code == 0
    assert check({name: (tmp_path / "specs" / name / "spec.md").read_text() for name in features})
    again = CliRunner().invoke(main, ["infer"])
    assert again.exit_code == 0 and again.stdout == "", again.stdout
    assert CliRunner().invoke(main, ["build"]).exit_code == 0


REQUIREMENTS_SPEC = """# Coins

## User Scenarios & Testing

**Independent Test**: tap "Add Coin", attach two images, fill the structured fields (denomination, ruler, mint, weight).

- **FR-001**: When an admin acts, an entry records the administrator, the action and the time.
- **FR-002**: Save message, query database, verify it exists.
- **FR-003**: Each Collection MUST keep the details (owner's name, coins, insurance value for each coin).
- **FR-004**: The Album MUST store its title, cover colour and page count.

```text
Coin fields: secret, hidden, ignored
```

## Requirements

### Key Entities

- **Coin**: a coin of the collection.
- **Collection**: a set of coins. Key attributes: name, owner, insurance value.
- **Album**: a printed album.
- **Message**: a note to the collector.
"""


def test_fields_the_requirements_name_type_an_entity_the_key_entities_leave_bare(tmp_path, monkeypatch):
    folder = tmp_path / "specs" / "001-coins"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(REQUIREMENTS_SPEC)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["infer", "--format", "json"])
    assert result.exit_code == 0, result.output
    entities = {e["name"]: e for e in json.loads(result.stdout)["specs"][0]["entities"]}
    coin = {c["name"]: c for c in entities["Coin"]["columns"]}
    assert {"denomination", "ruler", "mint", "weight"} <= set(coin) and "secret" not in coin  # not from a code block
    assert coin["mint"]["evidence"][0]["at"] == "specs/001-coins/spec.md:5:107"  # the word in the scenario
    album = {c["name"] for c in entities["Album"]["columns"]}
    assert {"title", "cover_colour", "page_count"} <= album  # `The Album MUST store its title, ...`
    # described in Key Entities already (three columns): the requirements add nothing; a clause or another
    # entity's plural in a list, or a list before the entity is named, is no list of its fields
    assert {c["name"] for c in entities["Collection"]["columns"]} <= {"id", "name", "owner", "owner_id", "insurance"}
    assert not {c["name"] for c in entities["Message"]["columns"]} & {"query_database", "verify_it_exists"}
    written = CliRunner().invoke(main, ["infer", "--write"])
    assert written.exit_code == 0
    assert CliRunner().invoke(main, ["infer"]).stdout == ""
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    (folder / "data-model.md").write_text("# Data model\n\n### Coin\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| year | integer |\n")
    (folder / "spec.md").write_text(REQUIREMENTS_SPEC)
    result = CliRunner().invoke(main, ["infer", "--format", "json"])
    coin = {c["name"] for e in json.loads(result.stdout)["specs"][0]["entities"] if e["name"] == "Coin" for c in e["columns"]}
    assert "mint" not in coin  # with a data model, it has the fields


def _write_then_build(root: Path, monkeypatch) -> str:
    monkeypatch.chdir(root)
    inferred = CliRunner().invoke(main, ["infer", "--write"])
    assert inferred.exit_code == 0, inferred.output
    built = CliRunner().invoke(main, ["build", "--no-cache"])
    assert built.exit_code == 0, built.output
    assert CliRunner().invoke(main, ["infer"]).stdout == ""  # idempotent
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(root.glob("specs/*/schema.sql")))


@pytest.mark.parametrize(
    ("target", "table"),
    [("user_cvs.id", "user_cvs"), ("children.id", "children"), ("skus.id", "skus"), ("people.id", "people"), ("kpis.id", "kpis")],
)
def test_a_key_to_a_table_by_its_name_keeps_that_name(tmp_path, monkeypatch, pg, fresh_db, target, table):
    """`FOREIGN KEY (user_cvs.id)` is UserCV's table (the table a build gives UserCV), not an external stub that
    clashes with it (E223); a stub named by a table keeps the table's name (`children`, not `childrens`)."""
    spec = "# F\n\n### Key Entities\n\n- **UserCV**: A CV.\n  - `id`: uuid, primary key\n- **JobMatch**: A match.\n"
    model = f"# Data Model\n\n### JobMatch\n\n| Field | Type | Constraints |\n|---|---|---|\n| id | UUID | PRIMARY KEY |\n| cv_id | UUID | FOREIGN KEY ({target}) |\n"
    folder = tmp_path / "specs" / "001-cvs"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(spec, encoding="utf-8")
    (folder / "data-model.md").write_text(model, encoding="utf-8")
    schema = _write_then_build(tmp_path, monkeypatch)
    assert f"REFERENCES {table} (id)" in schema
    stub = "" if f"CREATE TABLE {table} (" in schema else f"CREATE TABLE {table} (id uuid PRIMARY KEY);\n"  # created elsewhere
    apply_sql(pg, fresh_db, stub + schema)


def test_a_key_to_another_schemas_table_in_a_data_model_table_is_said_not_stubbed(tmp_path, monkeypatch):
    """`FK → auth.users.id` (Supabase) names a table of another schema: the column keeps its words and no stub
    `auth` table keyed by `users` is made; `public.users(id)` is this schema's users."""
    spec = "# P\n\n### Key Entities\n\n- **Profile**: A user profile.\n"
    model = (
        "# Data Model\n\n### Profile\n\n| Column | Type | Notes |\n|---|---|---|\n| id | uuid PK | FK → auth.users.id |\n"
        "| org_id | uuid | REFERENCES auth.orgs(id) |\n| owner_id | uuid | REFERENCES public.users(id) |\n"
    )
    folder = tmp_path / "specs" / "001-p"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(spec, encoding="utf-8")
    (folder / "data-model.md").write_text(model, encoding="utf-8")
    schema = _write_then_build(tmp_path, monkeypatch)
    assert "auth" not in schema.replace("-- ", "").split("CREATE TABLE", 1)[1].split(";")[0].replace("auth.users", "")
    assert "REFERENCES users (id)" in schema and "REFERENCES auths" not in schema and "REFERENCES profiles" not in schema


def test_real_repositories_round_four(tmp_path, monkeypatch):
    """Classes a fourth round of unseen repositories showed (each a repro of its own, here together): another
    system's user id is no key to ours; a primary key named after its own table is no key to another table;
    `NULL → NOT NULL when ...` is a nullable column, no key to a table `NOT`; `FK to auth.users` names another
    schema's table; markers that say a structure is not stored; an extension of an entity declared as
    `course_tags` is written so."""
    spec = "# A\n\n## Key Entities\n\n- **Waitlist**: a list.\n  - `id`: integer, primary key\n- **course_tags**: tags.\n  - `id`: integer, primary key\n"
    (tmp_path / "specs" / "001-a").mkdir(parents=True)
    (tmp_path / "specs" / "001-a" / "spec.md").write_text(spec, encoding="utf-8")
    folder = tmp_path / "specs" / "002-b"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text("# B\n\n## Key Entities\n\n- **User**: an account.\n- **GymWaitlist**: an entry.\n", encoding="utf-8")
    (folder / "data-model.md").write_text(
        "# Data Model\n\n### User\n\n| Field | Type | Constraints | Description |\n|---|---|---|---|\n| id | UUID | PK | |\n"
        "| telegramId | BigInt | UNIQUE | Telegram user ID (from bot API) |\n| profile_id | uuid | FK to auth.users | |\n"
        "| tier | NUMERIC(5,2) | NULL → NOT NULL when first deposit approved | |\n\n"
        "### gym_waitlist\n\n| Field | Type | Constraints |\n|---|---|---|\n| waitlist_id | BIGINT | PRIMARY KEY |\n| user_id | UUID | NOT NULL |\n\n"
        "## Entity: Draft (non-persisted)\n\n| Field | Type |\n|---|---|\n| name | string |\n\n"
        "## course_tags additions\n\n| Field | Type |\n|---|---|\n| min_age | integer |\n",
        encoding="utf-8",
    )
    _write_then_build(tmp_path, monkeypatch)
    written = (folder / "spec.md").read_text(encoding="utf-8")
    assert (
        re.search(r"`telegram_id`: bigint, unique", written) and "references User —" not in written.split("telegram_id")[1].split("\n")[0]
    )
    assert re.search(r"`waitlist_id`: bigint, primary key\n", written)
    assert re.search(r"`tier`: decimal\(5, 2\)\n", written) and "*(external" not in written
    assert "**Draft**" not in written and "- **course_tags** *(extends)*" in written


def test_an_earlier_entity_re_mentioned_by_a_name_and_its_english_gloss_is_the_target_of_keys_named_so(tmp_path):
    from compiler.infer import infer_specs

    first = tmp_path / "specs" / "001-invoices" / "spec.md"
    first.parent.mkdir(parents=True)
    first.write_text("# I\n\n## Key Entities\n\n- **Invoice**: An invoice.\n  - `id`: uuid, primary key\n", encoding="utf-8")
    folder = tmp_path / "specs" / "002-items"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text("# L\n\n### Entidades Clave\n\n- **Factura (Invoice)**: Registro de cobro.\n", encoding="utf-8")
    (folder / "data-model.md").write_text(
        "# Data Model\n\n### InvoiceItem\n\n| Campo | Tipo | Descripción |\n|---|---|---|\n| `Id` | Guid | Identificador |\n"
        "| `FacturaId` | Guid | Factura a la que pertenece |\n",
        encoding="utf-8",
    )
    results = infer_specs([(first, "specs/001-invoices/spec.md"), (folder / "spec.md", "specs/002-items/spec.md")])
    assert "references Invoice" in results[1].proposed


def test_a_key_only_a_diagram_draws_takes_the_type_of_the_keys_that_refer_to_it(tmp_path):
    result = _infer_feature(
        tmp_path,
        "001-api",
        "# A\n\n## Key Entities\n\n- **OnesiBox**: a device.\n- **Command**: a command.\n",
        "# Data Model\n\n```\n+-------------+\n| OnesiBox    |\n+-------------+\n| id          |\n| name        |\n+-------------+\n```\n\n"
        "### Command\n\n| Field | Type | Notes |\n|---|---|---|\n| id | bigint | Primary key |\n| onesi_box_id | bigint | FK to OnesiBox |\n",
    )
    box = next(e for e in result.entities if e.name == "OnesiBox")
    assert next(c for c in box.columns if c.name == "id").type == "bigint"


def test_an_existing_table_the_data_model_recalls_with_its_fields_is_external_and_builds(tmp_path, monkeypatch):
    """`## Role (existing)` and `## User (existing reference)` recalling their fields, which no spec declares: the
    application's tables, proposed *(external)* (the feature creates only RoleCapability); `(existing, extended)`
    says this feature changes its table, which stays the feature's own."""
    spec = "# F\n\n## Key Entities\n\n- **Role**: one of the personas.\n- **Shelf**: where things go.\n"
    data_model = (
        "# Data Model\n\n## Role (existing)\n- **Fields**: `id`, `name`, `inserted_at`, `updated_at`\n\n"
        "## User (existing reference)\n- **Fields**: `id`, `email`, `name`, `role_id`, timestamps\n"
        "- **Validations**: `email` required + unique\n\n"
        "## Shelf (existing, extended)\n- **Fields**: `id`, `label`, `capacity` (int)\n\n"
        "## RoleCapability (new)\n- **Fields**:\n  - `id`\n  - `role_id` (FK → roles)\n"
        "  - `granted_by_id` (FK → users, nullable for seed/default)\n  - `inserted_at`, `updated_at`\n"
    )
    result = _infer_feature(tmp_path, "006-rbac", spec, data_model)
    entities = {e.name: e for e in result.entities}
    assert entities["Role"].external and entities["User"].external and not entities["Shelf"].external
    assert "- **Role** *(external)*: one of the personas." in result.proposed
    # (no `validations` field; `timestamps` named as the document's other tables name theirs)
    assert [c.name for c in entities["User"].columns] == ["id", "email", "name", "role_id", "inserted_at", "updated_at"]
    assert [c.name for c in entities["RoleCapability"].columns] == ["id", "role_id", "granted_by_id", "inserted_at", "updated_at"]
    (tmp_path / "specs" / "006-rbac" / "spec.md").write_text(result.proposed)
    monkeypatch.chdir(tmp_path)
    built = CliRunner().invoke(main, ["build"])
    assert built.exit_code == 0, built.output
    schema = (tmp_path / "specs" / "006-rbac" / "schema.sql").read_text()
    assert "CREATE TABLE role_capabilities" in schema and "CREATE TABLE shelves" in schema
    assert "CREATE TABLE roles" not in schema and "CREATE TABLE users" not in schema


def test_a_prisma_model_named_like_configuration_is_a_table(tmp_path):
    """`model PackConfig` with its `@id`: the schema declares the table, whatever `Config` says of client shapes."""
    data_model = (
        "# Data Model\n\n```prisma\nmodel PackConfig {\n  id        String   @id @default(cuid())\n"
        "  packName  String\n  createdAt DateTime @default(now())\n}\n```\n"
    )
    result = _infer_feature(tmp_path, "001-pack", "# F\n\n## Key Entities\n\n- **Volunteer**: a parent.\n", data_model)
    config = {e.name: e for e in result.entities}["PackConfig"]
    assert config.stored and [c.name for c in config.columns] == ["id", "pack_name", "created_at"]


def test_a_requirement_that_defines_an_entity_with_field_names_in_code_gives_them(tmp_path, monkeypatch):
    """`System MUST define a Users entity with properties for authentication (Email, PasswordHash), profile
    (FirstName, LastName)`: the exact names replace the looser words of the Key Entities (`name`), which they
    cover; values and types in parentheses are read; idempotent and builds."""
    folder = tmp_path / "specs" / "002-schema"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text(
        "# Schema\n\n## Requirements\n\n"
        "- **FR-001**: System MUST define a Users entity with properties for authentication (Email, PasswordHash), "
        "profile (FirstName, LastName, ProfileImageUrl), and points (CurrentPoints)\n"
        "- **FR-005**: System MUST define a LearningTasks entity with Title, TaskType (Quiz/Screenshot/Wallet), "
        "TaskData (JSONB), PointsReward, LessonId (foreign key)\n\n"
        "### Key Entities\n\n- **User**: a learner with credentials (email/password hash), profile information (name, image).\n"
        "- **Lesson**: a lesson with a title and a video.\n- **LearningTask**: a task with task type and point reward.\n"
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["infer", "--format", "json"])
    assert result.exit_code == 0, result.output
    entities = {e["name"]: {c["name"]: c for c in e["columns"]} for e in json.loads(result.stdout)["specs"][0]["entities"]}
    user = entities["User"]
    assert {"email", "password_hash", "first_name", "last_name", "profile_image_url", "current_points"} <= set(user)
    assert "name" not in user and "image" not in user  # covered by first_name, profile_image_url
    task = entities["LearningTask"]
    assert task["task_type"]["type"] == "enum(Quiz, Screenshot, Wallet)" and task["task_data"]["type"] in ("json", "jsonb")
    assert task["lesson_id"]["references"] == "Lesson"
    assert CliRunner().invoke(main, ["infer", "--write"]).exit_code == 0
    assert CliRunner().invoke(main, ["infer"]).stdout == ""
    built = CliRunner().invoke(main, ["build"])
    assert built.exit_code == 0, built.output


def test_an_object_of_validation_rules_whose_id_is_an_object_is_no_table_and_the_build_passes(tmp_path, monkeypatch):
    """`interface AssetValidationRules { id: { required: true; format: 'uuid-v4' }; createdAt: {...} }`: each member
    describes a field, so its `id` reads as json, which no key can be (E217 in build): W317, not proposed."""
    data_model = (
        "# Data Model\n\n```typescript\nexport interface Asset {\n  id: string;\n  name: string;\n  createdAt: number;\n}\n\n"
        "export interface AssetValidationRules {\n  id: {\n    required: true;\n    format: 'uuid-v4';\n  };\n"
        "  name: {\n    required: true;\n  };\n  createdAt: {\n    required: true;\n  };\n}\n```\n"
    )
    result = _infer_feature(tmp_path, "009-media", "# F\n\n## Key Entities\n\n- **Asset**: a picture.\n", data_model)
    entities = {e.name: e for e in result.entities}
    assert entities["Asset"].stored and not entities["AssetValidationRules"].stored
    assert any(d.code == "W317" for d in result.findings.items)
    (tmp_path / "specs" / "009-media" / "spec.md").write_text(result.proposed)
    monkeypatch.chdir(tmp_path)
    built = CliRunner().invoke(main, ["build"])
    assert built.exit_code == 0, built.output


@pytest.mark.parametrize(
    "section, after",
    [
        (  # a nested bullet that says again what the summary named (`owner`) is replaced too
            (
                "- **Shopping List**: a collection of items with a name, owner, and archived status\n"
                "  - **Name**: 1-200 character text identifying the list\n"
                "  - **Owner**: The user who created the list (has full control)\n"
                "  - **Archived Status**: Boolean indicating if list is archived\n"
            ),
            "",
        ),
        (  # a sentence that named a typed entity and an untyped one stays ambiguous in the second run
            (
                '- **Grocery Item**: Add "source type" attribute to distinguish generated and manual items.\n'
                "- **User**: Retains ownership of grocery lists.\n"
            ),
            "\n## Assumptions\n\n- Standard grocery item naming conventions apply (users enter details: name, quantity, unit, category)\n",
        ),
    ],
)
def test_a_second_run_proposes_nothing_where_the_first_left_prose(tmp_path, monkeypatch, section, after):
    folder = tmp_path / "specs" / "002-lists"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_text("# F\n\n## Requirements\n\n### Key Entities\n\n" + section + after, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["infer", "--write"]).exit_code == 0
    again = CliRunner().invoke(main, ["infer"])
    assert again.exit_code == 0 and again.stdout == "", again.stdout


def test_prose_naming_a_key_does_not_retype_the_key_the_data_model_wrote(tmp_path):
    """`Key attributes: `id`, `restaurantId`` in prose types keys by their names alone (the default uuid); the
    data model's `ObjectId` (string(24)) stays, though it is itself a mapping infer asks to check."""
    result = _infer_feature(
        tmp_path,
        "001-categories",
        "# Categories\n\n## Key Entities\n\n- **Category**: A grouping. Key attributes: `id`, `name`, `restaurantId`.\n",
        "# Data Model\n\n## Entity: Category\n\n- **Fields**:\n  - `_id`: ObjectId, primary key.\n  - `name`: string, required.\n"
        "  - `restaurantId`: ObjectId, required, references `restaurants._id`.\n",
    )
    category = next(e for e in result.entities if e.name == "Category")
    assert {c.name: c.type for c in category.columns} == {"id": "string(24)", "name": "text", "restaurant_id": "string(24)"}


def test_a_relationship_list_with_cardinalities_after_the_names_keys_tables_outside_the_specs(tmp_path):
    """`Order (N) -> Restaurant (1)` and `Order (N) -> User (1, createdBy)` in the data model's relationship list
    declare keys as REFERENCES would: the tables the specs do not declare are stubbed *(external)*, keyed as the
    columns referring to them are typed; `reference to MenuItem` in a bullet declares one too."""
    result = _infer_feature(
        tmp_path,
        "004-orders",
        "# Orders\n\n## Key Entities\n\n- **Order**: A sale.\n- **OrderItem**: A line.\n",
        "# Data Model\n\n## 1. Order\n\n### Fields\n\n- `_id`: ObjectId (primary key)\n- `restaurantId`: ObjectId (required)\n"
        "- `createdBy`: ObjectId (cashier user id)\n\n## 2. OrderItem\n\n### Fields\n\n- `_id`: ObjectId (primary key)\n"
        "- `orderId`: ObjectId (required, reference to Order)\n- `menuItemId`: ObjectId (required, reference to MenuItem)\n\n"
        "## Relationships\n\n- Order (N) -> Restaurant (1)\n- Order (N) -> User (1, createdBy)\n- Order (1) -> OrderItem (N)\n",
    )
    entities = {e.name: e for e in result.entities}
    order = {c.name: c.references for c in entities["Order"].columns}
    assert order == {"id": None, "restaurant_id": "Restaurant", "created_by": "User"}
    assert {c.name: c.references for c in entities["OrderItem"].columns}["menu_item_id"] == "MenuItem"
    for name in ("Restaurant", "User", "MenuItem"):
        assert entities[name].external and [(c.name, c.type) for c in entities[name].columns] == [("id", "string(24)")]


def test_an_entity_the_spec_leaves_unchanged_is_the_applications_table(tmp_path):
    """`- **StorageRoom**: No schema changes, but enabled for CRUD.`, drawn with its fields in the data model's
    diagram: a table outside these specs (*(external)*), not one this feature creates."""
    result = _infer_feature(
        tmp_path,
        "068-storage",
        "# Storage\n\n## Key Entities\n\n- **StorageDevice**: Gains connectivity columns.\n"
        "- **StorageRoom**: No schema changes, but enabled for CRUD.\n",
        "# Data Model\n\n### StorageDevice (UPDATE)\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | INTEGER | PK |\n"
        "| port | INTEGER | |\n\n## Entity Relationships\n\n```\n┌──────────────┐\n│ StorageRoom  │\n│ - id         │\n"
        "│ - name       │\n└──────┬───────┘\n       │ 1:N\n       ▼\n┌───────────────┐\n│ StorageDevice │\n│ - id          │\n"
        "└───────────────┘\n```\n",
    )
    entities = {e.name: e for e in result.entities}
    assert entities["StorageRoom"].external and not entities["StorageDevice"].external


def test_the_data_models_declaration_of_an_entity_wins_over_the_specs_illustrative_ddl(tmp_path):
    """spec.md's `CREATE TABLE analytics_snapshots (snapshot_date TEXT PRIMARY KEY, metrics JSON)`, written to
    illustrate SQLite's JSON, is not the whole table when the data model declares it: the data model's columns
    stay, and what the DDL says more (a CHECK's values) still counts."""
    result = _infer_feature(
        tmp_path,
        "002-analytics",
        "# Analytics\n\n## Key Entities\n\n- **AnalyticsSnapshot**: aggregated metrics.\n- **PollJob**: a job.\n\n"
        "#### JSON Support\n\n```sql\nCREATE TABLE analytics_snapshots (\n  snapshot_date TEXT PRIMARY KEY,\n  metrics JSON NOT NULL\n);\n"
        "CREATE TABLE poll_jobs (id INTEGER PRIMARY KEY, status TEXT NOT NULL CHECK(status IN ('pending', 'done')));\n```\n",
        '# Data Model\n\n```python\nclass AnalyticsSnapshot(SQLModel, table=True):\n    __tablename__ = "analytics_snapshots"\n'
        "    snapshot_date: str = Field(primary_key=True)\n    total_feeds: int\n\n\n"
        'class PollJob(SQLModel, table=True):\n    __tablename__ = "poll_jobs"\n    id: Optional[int] = Field(default=None, primary_key=True)\n'
        "    status: str = Field(index=True)\n```\n",
    )
    columns = {e.name: {c.name: c for c in e.columns} for e in result.entities}
    assert {"snapshot_date", "total_feeds"} <= set(columns["AnalyticsSnapshot"])
    assert columns["PollJob"]["status"].type == "enum(pending, done)"


def test_validation_rules_give_the_values_of_a_code_blocks_text_columns(tmp_path):
    """`- `source_type` MUST be one of: `blog`, ..., then `other`` on the next line, about a SQLModel class's
    `source_type: str`, and a trailing `# "impression", "like"` (a quoted `like` is a value, no `like ...`)."""
    result = _infer_feature(
        tmp_path,
        "002-feeds",
        "# Feeds\n\n## Key Entities\n\n- **FeedSource**: a feed.\n",
        "# Data Model\n\n### FeedSource\n\n```python\nclass FeedSource(SQLModel, table=True):\n    id: int = Field(primary_key=True)\n"
        '    source_type: str = Field(index=True)  # blog, podcast, etc.\n    kind: str  # "impression", "like", "dismiss"\n```\n\n'
        "**Validation Rules**:\n\n- `source_type` MUST be one of: `blog`, `podcast`, `newsletter`,\n  `other`\n- `url` MUST be unique\n",
    )
    columns = {c.name: c for e in result.entities for c in e.columns}
    assert columns["source_type"].type == "enum(blog, podcast, newsletter, other)"
    assert columns["kind"].type == "enum(impression, like, dismiss)"


def test_a_relationship_list_below_a_code_block_keys_its_columns(tmp_path):
    """`- Belongs to Station (station.id)` and `PumpReading belongs to Pump` after TypeScript interfaces: keys on the
    columns named after them, as below a field table; Station, which no spec declares, is proposed *(external)*."""
    result = _infer_feature(
        tmp_path,
        "002-pumps",
        "# Pumps\n\n## Key Entities\n\n- **Pump**: a pump.\n- **PumpReading**: a reading.\n",
        "# Data Model\n\n### Pump\n\n```typescript\ninterface Pump {\n  id: string\n  stationId: string\n  label: string\n}\n```\n\n"
        "**Relationships**:\n\n- Belongs to Station (station.id)\n\n### PumpReading\n\n```typescript\ninterface PumpReading {\n"
        "  id: string\n  pumpId: string\n  stationNote: string\n}\n```\n\n- PumpReading belongs to Pump\n",
    )
    columns = {e.name: {c.name: c.references for c in e.columns} for e in result.entities}
    assert columns["Pump"]["station_id"] == "Station" and columns["PumpReading"]["pump_id"] == "Pump"
    station = next(e for e in result.entities if e.name == "Station")
    assert columns["PumpReading"]["station_note"] is None and station.external and list(columns["Station"]) == ["id"]


def test_an_existing_entity_paired_with_a_longer_spec_name_stays_paired_on_the_next_run(tmp_path):
    """`**AgentJob cancellation metadata**` paired with the data model's `AgentJob (existing)` is written
    `*(external)*` with the added fields; infer on that output proposes nothing (it once added `AgentJob` again).
    `enum includes `queued`, `running`, etc.` names examples, no closed set: text."""
    from compiler.infer import infer_specs

    spec = (
        "# Cancel\n\n## Key Entities\n\n- **AgentJob cancellation metadata**: additional queue job fields (`cancel_requested_at`, "
        "`cancel_reason`) for cancellation requests.\n"
    )
    model = (
        "# Data Model\n\n## Entity: AgentJob (existing)\n\n### Added Fields\n- `cancel_requested_at`: nullable timestamp\n"
        "- `cancel_reason`: nullable text\n- `status`: enum includes `queued`, `running`, `cancelled`, etc.\n"
    )
    result = _infer_feature(tmp_path, "021-cancel", spec, model)
    (entity,) = [e for e in result.entities if e.columns]
    assert {c.name: c.type for c in entity.columns}["status"] == "text"
    path = tmp_path / "specs" / "021-cancel" / "spec.md"
    path.write_text(result.proposed, encoding="utf-8")
    (again,) = infer_specs([(path, "specs/021-cancel/spec.md")])
    assert result.changed and not again.changed, again.diff()


def test_infer_on_one_feature_reads_the_others_as_context(tmp_path, monkeypatch):
    """`spec2db infer specs/002-x` meets what `specs/001-...` declares (a recalled table becomes an `*(extends)*` with
    what 002 adds), and shows and writes only 002."""
    first = tmp_path / "specs" / "001-shots"
    first.mkdir(parents=True)
    first_spec = "# S\n\n## Key Entities\n\n- **ShotRecord**: a shot.\n  - `id`: uuid, primary key\n  - `dose_in`: decimal\n"
    (first / "spec.md").write_text(first_spec)
    later = tmp_path / "specs" / "002-notes"
    later.mkdir(parents=True)
    (later / "spec.md").write_text("# N\n\n## Key Entities\n\n- **ShotRecord**: a shot, now with notes.\n")
    (later / "data-model.md").write_text(
        "# DM\n\n### ShotRecord (Modified)\n\n| Field | Type | Description |\n|---|---|---|\n"
        "| id | uuid | Primary key (existing) |\n| dose_in | decimal | Grams (existing) |\n| tasting_notes | text | NEW: notes |\n"
    )
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["infer", "--format", "json", "specs/002-notes"])
    assert done.exit_code == 0, done.output
    [entry] = json.loads(done.stdout)["specs"]
    [record] = [e for e in entry["entities"] if e["name"] == "ShotRecord"]
    assert [c["name"] for c in record["columns"]] == ["tasting_notes"]
    written = CliRunner().invoke(main, ["infer", "--write", "specs/002-notes"])
    assert written.exit_code == 0 and "*(extends)*" in (later / "spec.md").read_text()
    assert (first / "spec.md").read_text() == first_spec
