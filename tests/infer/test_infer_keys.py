"""Foreign keys a data model says without naming their table in notation: each rule, and the near miss it leaves."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from compiler.cli import main
from compiler.diagnostics import Diagnostics
from compiler.infer.datamodel import read_data_model


def _written(tmp_path: Path, monkeypatch, spec: str, data_model: str) -> str:
    feature = tmp_path / "specs" / "001-a"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text(f"# A\n\n## Key Entities\n\n{spec}")
    (feature / "data-model.md").write_text(data_model)
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["infer", "--write"]).exit_code == 0
    assert CliRunner().invoke(main, ["infer"]).stdout == ""  # a second run proposes nothing
    built = CliRunner().invoke(main, ["build", "--out", "out"])
    assert built.exit_code == 0, built.output
    return (feature / "spec.md").read_text()


def _references(text: str) -> dict[str, dict[str, str | None]]:
    return {e.name: {c.name: c.references for c in e.columns} for e in read_data_model("data-model.md", text, Diagnostics())}


def test_a_cjk_description_names_the_key_s_entity_by_its_cjk_name():
    text = (
        "# 数据模型\n\n### Admin（管理员）\n\n| 字段 | 类型 | 约束 | 说明 |\n|---|---|---|---|\n| id | BIGINT | PK | 主键 |\n\n"
        "### User（用户）\n\n| 字段 | 类型 | 约束 | 说明 |\n|---|---|---|---|\n| id | BIGINT | PK | 主键 |\n"
        "| referrer_id | BIGINT | FK, NULLABLE | 推荐人用户ID |\n\n"
        "### Feedback（用户反馈）\n\n| 字段 | 类型 | 约束 | 说明 |\n|---|---|---|---|\n| id | BIGINT | PK | 主键 |\n"
        "| replied_by | BIGINT | FK, NULLABLE | 回复管理员ID |\n| handled_by | BIGINT | FK, NULLABLE | 处理人ID |\n"
    )
    refs = _references(text)
    assert refs["User"]["referrer_id"] == "User"  # the referring user: a key to its own table
    assert refs["Feedback"]["replied_by"] == "Admin"
    assert refs["Feedback"]["handled_by"] is None  # `处理人` (handler) names no entity


def test_a_column_named_as_an_entity_is_its_key_only_if_it_can_hold_that_key():
    text = (
        "# DM\n\n### Address\n\n| Field | Type | Notes |\n|---|---|---|\n| id | BIGINT | PK |\n\n"
        "### Venue\n\n| Field | Type | Notes |\n|---|---|---|\n| id | BIGINT | PK |\n| address | VARCHAR(255) | street address |\n\n"
        "### Project\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | PK |\n\n"
        "### Finding\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | PK |\n| project | string | which project |\n"
    )
    refs = _references(text)
    assert refs["Venue"]["address"] is None  # a street address, no key to the BIGINT-keyed Address
    assert refs["Finding"]["project"] == "Project"


def test_a_key_named_by_its_last_word_points_at_the_table_and_not_at_a_join_table(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Menu**: a menu entry.\n",
        "# DM\n\n```sql\nCREATE TABLE sys_role (\n  id BIGINT PRIMARY KEY,\n  name VARCHAR(50) NOT NULL\n);\n"
        "CREATE TABLE sys_menu (\n  id BIGINT PRIMARY KEY,\n  title VARCHAR(50) NOT NULL\n);\n"
        "CREATE TABLE sys_user_role (\n  user_id BIGINT NOT NULL,\n  role_id BIGINT NOT NULL,\n  PRIMARY KEY (user_id, role_id)\n);\n"
        "CREATE TABLE sys_role_menu (\n  role_id BIGINT NOT NULL,\n  menu_id BIGINT NOT NULL,\n  PRIMARY KEY (role_id, menu_id)\n);\n```\n",
    )
    role_menu = written.split("**SysRoleMenu**")[1]
    assert "`role_id`: bigint, required, references SysRole" in role_menu
    assert "references SysUserRole" not in written


def test_parent_id_with_no_parent_entity_nests_rows_in_their_own_table_and_a_root_of_zero_becomes_null(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Menu**: a menu entry.\n",
        "# DM\n\n```sql\nCREATE TABLE sys_menu (\n  id BIGINT PRIMARY KEY,\n"
        "  parent_id BIGINT NOT NULL DEFAULT 0 COMMENT '父菜单 ID（0=根）',\n  title VARCHAR(50) NOT NULL\n);\n```\n",
    )
    line = next(line for line in written.splitlines() if "`parent_id`" in line)
    assert "references SysMenu" in line or "references Menu" in line
    assert "required" not in line and "default" not in line


def test_parent_id_beside_a_parent_entity_is_not_a_self_reference():
    text = (
        "# DM\n\n```sql\nCREATE TABLE parents (\n  id UUID PRIMARY KEY\n);\n"
        "CREATE TABLE children (\n  id UUID PRIMARY KEY,\n  parent_id UUID NOT NULL\n);\n```\n"
    )
    from compiler.infer.code import read_code_blocks

    entities, _ = read_code_blocks("data-model.md", text)
    assert all(c.references != "Child" for e in entities for c in e.columns)


def test_a_valid_user_reference_with_no_user_declared_is_a_key_to_an_external_user(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Tour**: a tour of shows.\n",
        "# DM\n\n### Tour\n\n| Field | Type | Required | Constraints | Description |\n|---|---|---|---|---|\n"
        "| id | uuid | Yes | Auto-generated | Unique identifier |\n| createdBy | uuid | No | Valid User reference | Admin who created |\n"
        "| bankRef | string | No | Payment reference | as the bank prints it |\n",
    )
    assert "`created_by`: references User" in written or "`created_by`: uuid, references User" in written
    assert "**User** *(external)*" in written
    assert "`bank_ref`: text — as the bank prints it" in written


def test_a_key_typed_uuid_points_at_the_entity_its_name_ends_with_whatever_its_name_suggests(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Tool Execution**: one run of a tool.\n",
        "# DM\n\n### MCP Server Session\n\n| Field | Type | Constraints | Description |\n|---|---|---|---|\n"
        "| id | UUID | Primary Key | Unique identifier |\n\n"
        "### Tool Execution\n\n| Field | Type | Constraints | Description |\n|---|---|---|---|\n"
        "| id | UUID | Primary Key | Unique identifier |\n| session_id | UUID | Not Null, Indexed | MCP session identifier |\n",
    )
    assert "`session_id`: uuid, required, references mcp_server_sessions" in written


def test_a_foreign_key_that_names_no_table_points_at_the_entity_its_name_says(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Session**: a server session.\n",
        "# DM\n\n### Session\n\n| Field | Type | Constraints | Description |\n|---|---|---|---|\n"
        "| id | UUID | Primary Key | Unique identifier |\n| agent_id | UUID | Foreign Key, Nullable | Reference to AI agent |\n"
        "| profile_id | uuid | FK to auth.users | the Supabase profile |\n| stripe_customer_id | UUID | FK | Stripe's customer |\n",
    )
    assert "`agent_id`: uuid, references Agent" in written
    assert "**Agent** *(external)*" in written
    assert "**Profile**" not in written and "**StripeCustomer**" not in written  # another schema's, another system's
    assert "`stripe_customer_id`: uuid, required — Stripe's customer" in written  # (no key to the one other uuid key)


def test_a_foreign_key_named_by_one_word_of_one_other_entity_points_at_it():
    text = (
        "# DM\n\n### MCP Tool Definition Entity\n\n| Field | Type | Constraints | Description |\n|---|---|---|---|\n"
        "| id | UUID | Primary Key | Unique identifier |\n\n"
        "### MCP Tool Execution Entity\n\n| Field | Type | Constraints | Description |\n|---|---|---|---|\n"
        "| id | UUID | Primary Key | Unique identifier |\n| tool_id | UUID | Foreign Key, Not Null | Reference to MCP tool |\n"
    )
    refs = _references(text)
    assert refs["MCP Tool Execution"]["tool_id"] == "MCP Tool Definition"


def test_a_many_to_one_line_names_the_column_that_keys_it():
    text = (
        "# DM\n\n### 1. FHIR Document (Existing)\n\n**Attributes**:\n- `ID` (BIGINT, PRIMARY KEY): internal id\n"
        "- `ResourceType` (VARCHAR(50)): type\n\n"
        "### 2. Medical Concept\n\n**Attributes**:\n- `ConceptID` (BIGINT, PRIMARY KEY): Unique identifier\n"
        "- `ResourceID` (BIGINT): source resource\n- `PeerID` (BIGINT): another concept\n\n"
        "**Relationships**:\n- Many-to-One with FHIR Document (via ResourceID)\n- Many-to-Many with other Medical Concepts (via PeerID)\n"
    )
    refs = _references(text)
    assert refs["Medical Concept"]["resource_id"] == "FHIR Document"
    assert refs["Medical Concept"]["peer_id"] is None  # many-to-many: no side is the child


def test_a_heading_that_reads_as_a_section_names_a_table_when_a_keyed_field_list_follows():
    text = (
        "# DM\n\n### 1. Medical Concept\n\n- `ConceptID` (BIGINT, PRIMARY KEY): Unique identifier\n- `Name` (VARCHAR(50)): name\n\n"
        "### 2. Entity Relationship\n\n**Purpose**: a directed edge.\n\n**Attributes**:\n"
        "- `RelationshipID` (BIGINT, PRIMARY KEY): Unique identifier for the relationship\n"
        "- `SourceConceptID` (BIGINT, FOREIGN KEY): ID of the source concept\n- `Confidence` (FLOAT): score (0.0-1.0)\n\n"
        "### 3. Entity Relationships\n\n- Medical Concept has many Entity Relationships\n- `Weight` (FLOAT): a weight\n"
    )
    names = [e.name for e in read_data_model("data-model.md", text, Diagnostics())]
    assert "Entity Relationship" in names and "Relationship" not in names
    assert names.count("Entity Relationship") == 1 and "Entity Relationships" not in names


def test_a_parenthesis_after_the_table_that_names_no_column_is_a_note_and_the_key_stays(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Message**: a message.\n",
        "# DM\n\n### conversation\n\n| Campo | Tipo | Notas |\n|---|---|---|\n| id | text PK | |\n| title | text | |\n\n"
        "### message\n\n| Campo | Tipo | Notas |\n|---|---|---|\n| id | text PK | |\n"
        "| conversation_id | text NOT NULL | FK conversation (cascade) |\n| parent_title | text | FK conversation (title) |\n",
    )
    assert "`conversation_id`: text, required, references conversation" in written
    assert "`parent_title`: text — FK conversation (title)" in written  # a column that is no key: kept plain (W304)


def test_an_abbreviated_target_is_the_column_s_own_name_and_a_convention_keys_every_table():
    text = (
        "# DM\n\nConventions:\n\n- **Tenant**: every domain table has `organization_id text NOT NULL` with an index and\n"
        "  FK → `organization.id`.\n\n"
        "### property\n\n| Campo | Tipo | Notas |\n|---|---|---|\n| id | text PK | |\n| organization_id | text NOT NULL | FK org, idx |\n\n"
        "### client\n\n| Campo | Tipo | Notas |\n|---|---|---|\n| id | text PK | |\n| organization_id | text NOT NULL | idx |\n"
        "| rola_id | integer | Foreign Key to Rola |\n"
    )
    refs = _references(text)
    assert refs["property"]["organization_id"] == "organization"  # `org`: organization_id's own name, cut short
    assert refs["client"]["organization_id"] == "organization"  # the convention above the tables
    assert refs["client"]["rola_id"] == "Rola"


def test_an_id_another_system_gave_is_no_key_to_the_table_its_name_ends_with(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Message**: a message.\n",
        "# DM\n\n### message\n\n| Campo | Tipo | Notas |\n|---|---|---|\n| id | text PK | |\n"
        "| wa_message_id | text | id de WhatsApp |\n| reply_to_message_id | text | the message answered |\n",
    )
    assert "`wa_message_id`: text, required — id de WhatsApp" in written
    assert "`reply_to_message_id`: text, required, references Message" in written


def test_an_arrow_to_a_sentence_about_a_column_is_no_key(tmp_path, monkeypatch):
    written = _written(
        tmp_path,
        monkeypatch,
        "- **Post Index**: indexed posts.\n",
        "# DM\n\n```sql\nCREATE TABLE post_index (\n  id INTEGER PRIMARY KEY,\n  moderation_status TEXT NOT NULL DEFAULT 'approved',\n"
        "  CHECK (moderation_status IN ('approved', 'hidden'))\n);\n```\n\n## Usage\n\n"
        "- `post_index.moderation_status` → Filters feed skeleton results\n",
    )
    assert "`moderation_status`: enum(approved, hidden), required, default approved\n" in written


def test_a_role_key_named_after_the_entity_it_holds_points_at_the_one_entity_so_named(tmp_path, monkeypatch):
    """`original_entity_id` in a DeletedWorldEntity beside a WorldEntity keys WorldEntity; `root_entity_id` in a
    WorldEntity, with no other entity named so, keys its own rows."""
    written = _written(
        tmp_path,
        monkeypatch,
        "- **WorldEntity**: anything in a world.\n- **DeletedWorldEntity**: a tombstone.\n",
        "# DM\n\n### WorldEntity\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | PK |\n| root_entity_id | uuid | nullable |\n\n"
        "### DeletedWorldEntity\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | PK |\n| original_entity_id | uuid | |\n",
    )
    assert "`original_entity_id`: uuid, required, references WorldEntity" in written
    assert (
        "`root_entity_id`: uuid, optional, references WorldEntity" in written or "`root_entity_id`: uuid, references WorldEntity" in written
    )
