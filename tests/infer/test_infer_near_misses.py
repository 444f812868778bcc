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


# --- session 19: a reviewer's probes of the rules read from external37 to 44 ------------------------------------


def _built(tmp_path: Path, monkeypatch, spec: str, data_model: str | None = None) -> str:
    written = _written(tmp_path, monkeypatch, spec, data_model)
    built = CliRunner().invoke(main, ["build", "--out", "out"])
    assert built.exit_code == 0, built.output
    return written


def _line(written: str, name: str) -> str:
    return next(line for line in written.splitlines() if f"`{name}`:" in line)


def test_a_parent_of_several_kinds_or_named_as_another_entity_is_no_self_reference(tmp_path, monkeypatch):
    written = _built(
        tmp_path,
        monkeypatch,
        "- **Comment**: a comment on a post or a photo.\n- **Student**: a pupil.\n- **User**: an account.\n",
        "# DM\n\n```sql\nCREATE TABLE comments (\n  id BIGINT PRIMARY KEY,\n  parent_type VARCHAR(20) NOT NULL,\n"
        "  parent_id BIGINT NOT NULL DEFAULT 0\n);\nCREATE TABLE users (id UUID PRIMARY KEY);\n"
        "CREATE TABLE students (\n  id UUID PRIMARY KEY,\n  parent_id UUID NOT NULL -- the parent's user account\n);\n```\n",
    )
    assert "references Comment" not in written and "`parent_id`: bigint, required, default 0" in written
    assert "references Student" not in written


def test_a_cjk_description_s_head_noun_names_the_key_s_entity():
    refs = {
        e.name: {c.name: c.references for c in e.columns}
        for e in read_data_model(
            "data-model.md",
            "# DM\n\n### Post（帖子）\n\n| 字段 | 类型 | 约束 | 说明 |\n|---|---|---|---|\n| id | BIGINT | PK | 主键 |\n"
            "| author_id | BIGINT | FK | 帖子作者的用户ID |\n\n### User（用户）\n\n| 字段 | 类型 | 约束 | 说明 |\n|---|---|---|---|\n"
            "| id | BIGINT | PK | 主键 |\n\n### Comment（评论）\n\n| 字段 | 类型 | 约束 | 说明 |\n|---|---|---|---|\n"
            "| id | BIGINT | PK | 主键 |\n| reply_to | BIGINT | FK | 回复的用户评论ID |\n",
            Diagnostics(),
        )
    }
    assert refs["Post"]["author_id"] == "User" and refs["Comment"]["reply_to"] == "Comment"


def test_keys_that_name_no_table_guess_nothing_they_cannot_back(tmp_path, monkeypatch):
    written = _built(
        tmp_path,
        monkeypatch,
        "- **Employee**: a person employed.\n- **Department**: a unit.\n- **Shipment**: a parcel.\n- **Code Review**: a review.\n",
        "# DM\n\n### Department\n\n| Field | Type | Constraints | Description |\n|---|---|---|---|\n| id | BIGINT | PK | id |\n\n"
        "### Employee\n\n| Field | Type | Constraints | Description |\n|---|---|---|---|\n| id | BIGINT | PK | id |\n"
        "| manager_id | BIGINT | FK, nullable | line manager |\n\n### Shipment\n\n| Field | Type | Constraints | Description |\n"
        "|---|---|---|---|\n| id | UUID | PK | id |\n| warehouse_id | UUID | FK, Not Null | logical reference, no foreign key constraint |\n"
        "| target_type | VARCHAR(20) | Not Null | `post` or `comment` |\n| target_id | UUID | Not Null, FK | the liked row |\n\n"
        "### Code Review\n\n| Field | Type | Constraints | Description |\n|---|---|---|---|\n| id | UUID | PK | id |\n"
        "| approved_by_id | UUID | FK | user who approved |\n",
    )
    assert "references Department" not in _line(written, "manager_id")
    assert "references" not in _line(written, "warehouse_id") and "references" not in _line(written, "target_id")
    assert "references User" in _line(written, "approved_by_id") and "ApprovedBy" not in written


def test_another_system_s_reference_and_a_reference_number_are_no_keys(tmp_path, monkeypatch):
    written = _built(
        tmp_path,
        monkeypatch,
        "- **Payout**: a payout.\n",
        "# DM\n\n### Payout\n\n| Field | Type | Required | Constraints | Description |\n|---|---|---|---|---|\n"
        "| id | uuid | Yes | Auto-generated | id |\n| transferRef | string | Yes | Valid Stripe reference | as Stripe returns it |\n"
        "| invoiceNumber | string | No | Existing Invoice reference number | printed on the PDF |\n",
    )
    assert "references" not in written and "*(external)*" not in written


def test_a_sentence_about_one_table_above_the_tables_is_no_convention(tmp_path, monkeypatch):
    written = _built(
        tmp_path,
        monkeypatch,
        "- **Comment**: a comment.\n",
        "# DM\n\nCategories form a tree: each row's `parent_id` is an FK → `category.id` (NULL for a root).\n\n"
        "### category\n\n| Campo | Tipo | Notas |\n|---|---|---|\n| id | text PK | |\n| parent_id | text | |\n\n"
        "### comment\n\n| Campo | Tipo | Notas |\n|---|---|---|\n| id | text PK | |\n| parent_id | text | the comment replied to |\n",
    )
    comment = written.split("**Comment**")[1]
    assert "references category" not in _line(comment, "parent_id").lower()


def test_ranges_and_derived_names_are_neither_moments_nor_values():
    text = (
        "# DM\n\n## FirewallRule\n\n**Fields**\n- `id`: uuid\n- `first_name`: string\n- `last_name`: string\n"
        "- `port_range_start`: integer\n- `display_name`: `first_name`, `last_name`\n"
    )
    (rule,) = read_data_model("data-model.md", text, Diagnostics())
    types = {c.name: c.type for c in rule.columns}
    assert types["port_range_start"] == "integer" and not (types["display_name"] or "").startswith("enum")


def test_an_existing_database_s_new_table_is_created(tmp_path, monkeypatch):
    written = _built(
        tmp_path,
        monkeypatch,
        "- **Notification Preference**: a user's choice.\n",
        "# DM\n\n### Notifications Module (existing database, new table)\n\n```sql\nCREATE TABLE notification_preferences (\n"
        "  id BIGSERIAL PRIMARY KEY,\n  email_enabled BOOLEAN NOT NULL DEFAULT TRUE\n);\n```\n",
    )
    assert "*(external" not in written and "`email_enabled`" in written


def test_a_rebuilt_table_keeps_its_columns_under_its_final_name(tmp_path, monkeypatch):
    written = _built(
        tmp_path,
        monkeypatch,
        "- **Task**: a to-do item; this feature adds a priority.\n",
        "# DM\n\n```sql\nCREATE TABLE tasks_new (\n  id INTEGER PRIMARY KEY,\n  title TEXT NOT NULL,\n  priority INTEGER NOT NULL DEFAULT 0\n);\n"
        "INSERT INTO tasks_new (id, title, priority) SELECT id, title, 0 FROM tasks;\nDROP TABLE tasks;\n"
        "ALTER TABLE tasks_new RENAME TO tasks;\n```\n",
    )
    assert "`title`: text, required" in written and "`priority`: integer, required, default 0" in written


def test_an_arrow_to_a_known_table_keeps_its_key_whatever_follows(tmp_path, monkeypatch):
    written = _built(
        tmp_path,
        monkeypatch,
        "- **Post**: a post.\n",
        "# DM\n\n```sql\nCREATE TABLE members (id UUID PRIMARY KEY, handle TEXT NOT NULL);\n"
        "CREATE TABLE posts (id UUID PRIMARY KEY, written_by UUID NOT NULL, title TEXT NOT NULL);\n```\n\n"
        "- `posts.written_by` → members on delete cascade\n",
    )
    assert "references Member" in _line(written, "written_by")


def test_prose_values_remarks_and_sentences_after_a_colon_are_no_fields(tmp_path, monkeypatch):
    written = _built(
        tmp_path,
        monkeypatch,
        "- **Order**: a purchase.\n    - `id` (UUID, PK)\n    - `status` (String) - lifecycle state\n"
        "    - `pending`, `paid`, `shipped` - the states an order moves through\n"
        "    - `customer_id` (UUID, FK) - the buyer; copied to `invoices` at checkout\n- **Invoice**: a bill.\n"
        "- **Notification**: A message sent to a user when something happens (order_shipped, payment_failed).\n"
        "- **Booking**: A reservation of a room (guest_name, check_in, check_out; note: dates are inclusive).\n"
        "- **Tag**: A label on an article (category name/slug, color hex, type B2B/B2C).\n"
        "- **Cart**: A shopper's basket. Holds: up to 50 line items, never more.\n",
    )
    assert "`pending`:" not in written and "`shipped`:" not in written
    assert "references Invoice" not in written
    assert "`order_shipped`:" not in written and "`note`:" not in written
    assert "`type`: enum(B2B, B2C)" in written and "enum(name, slug)" not in written
    assert "never_more" not in written


def test_a_notes_cell_s_values_are_the_longest_run_not_the_columns_it_names():
    from compiler.infer.datamodel import enum_values

    assert enum_values("Derived from `paid_at`/`shipped_at`: `pending` | `paid` | `shipped`") == ["pending", "paid", "shipped"]
    assert enum_values("Set by `source` or `referrer`. One of `web`, `ios`, `android`") == ["web", "ios", "android"]


def test_a_spec_typed_key_to_an_undeclared_table_is_stubbed(tmp_path, monkeypatch):
    written = _built(
        tmp_path,
        monkeypatch,
        "- **Session** (`sessions` table):\n  - `id`: UUID (Primary Key)\n  - `organizationId`: UUID (Foreign Key → `organizations.id`)\n"
        "  - `createdAt`, `lastUsedAt`: Timestamp\n",
    )
    assert "**organizations** *(external: organizations)*" in written


# --- session 20: a reviewer's misfires of the untyped-list, relation and heading rules -------------------------


def _dm(text: str) -> dict[str, dict[str, tuple[str | None, bool | None, str | None]]]:
    return {
        e.name: {c.name: (c.type, c.required, c.references) for c in e.columns}
        for e in read_data_model("data-model.md", text, Diagnostics())
        if e.stored
    }


def test_a_relations_list_keeps_has_many_and_many_to_many_items_off_this_side():
    text = (
        "# DM\n\n## Project\n\nFields: `id`, `name`, `ownerId`, `createdAt`.\n\n"
        "Relations: `owner` (Team), `tasks` (1:N), `members` (many-to-many via ProjectMember), `org`.\n\n"
        "## Team\n\nFields: `id`, `name`, `slug`.\n\n## Organization\n\nFields: `id`, `name`, `plan`.\n"
    )
    project = _dm(text)["Project"]
    assert project["org_id"][2] == "Organization"  # an abbreviation of the one entity it begins
    assert "tasks_id" not in project and "members_id" not in project
    assert project["owner_id"][2] == "Team"  # the target in parentheses, on the column already there


def test_a_one_to_one_both_sides_state_alike_is_keyed_once():
    text = (
        "# DM\n\n## User\n\nFields: `id`, `email`, `name`.\n\nRelations: `profile` (1:1).\n\n"
        "## Profile\n\nFields: `id`, `bio`, `avatar`.\n\nRelations: `user` (1:1).\n"
    )
    entities = _dm(text)
    assert "profile_id" not in entities["User"] and entities["Profile"]["user_id"][2] == "User"


def test_relationship_lines_name_the_target_by_the_column_s_word_not_an_adjective():
    text = (
        "# DM\n\n### Category\n\n**Fields**:\n\n- id\n- name\n- parentId optional\n\n**Relationships**:\n\n"
        "- Optionally belongs to a parent category\n\n### Order\n\n**Fields**:\n\n- id\n- total\n\n### Refund\n\n**Fields**:\n\n"
        "- id\n- orderId\n- amount\n\n**Relationships**:\n\n- References the original order\n\n### Transaction\n\n**Fields**:\n\n"
        "- id\n- bankAccountId\n- amount\n\n**Relationships**:\n\n- Belongs to exactly one bank account\n"
    )
    entities = _dm(text)
    assert entities["Category"]["parent_id"][2] == "Category" and entities["Refund"]["order_id"][2] == "Order"
    assert entities["Transaction"]["bank_account_id"][2] == "BankAccount"  # an account is no user


def test_constraint_words_after_an_untyped_field_are_constraints_not_values():
    text = "# DM\n\n### Member\n\n**Fields**:\n\n- id\n- email: unique, required\n- slug: unique\n- joinedAt\n"
    member = _dm(text)["Member"]
    assert member["email"][0] == "email" and member["slug"][0] != "enum(unique)"


def test_a_by_column_naming_another_row_is_no_user():
    from compiler.infer import words as W

    assert not W.is_actor("blocked_by") and not W.is_actor("superseded_by") and W.is_actor("decided_by_id")


def test_a_capitalised_note_after_a_heading_in_another_script_is_no_class_name():
    text = "# DM\n\n### 订单 (Core)\n\n**字段**:\n- `id`: UUID, 主键\n- `total`: Integer\n"
    assert set(_dm(text)) == {"订单"}


def test_a_field_label_whose_note_says_not_stored_opens_no_columns():
    text = (
        "# DM\n\n### Invoice\n\n**Fields**:\n\n- `id`: UUID\n- `subtotal`: Decimal\n\n**Fields (computed, not stored)**:\n\n"
        "- `total`: Decimal\n\n**Columns (removed in this feature)**:\n\n- `legacy_code`: String\n"
    )
    assert set(_dm(text)["Invoice"]) == {"id", "subtotal"}


def test_a_default_or_example_written_out_is_no_field():
    text = '# DM\n\n### Preference\n\n- `id`: UUID\n- `settings`: JSONB\n- Default: { "theme": "light" }\n- Example: {}\n'
    assert set(_dm(text)["Preference"]) == {"id", "settings"}


def test_an_arrow_s_parenthesis_keys_only_a_key_like_column():
    text = (
        "# DM\n\n## Organization\n\n- `id`: UUID\n\n## Member\n\n- `id`: UUID\n- `role`: text\n- `organization_id`: UUID\n\n"
        "## Relationships\n\n- Organization → Member (role)\n- Organization → Member (organization_id)\n"
    )
    member = _dm(text)["Member"]
    assert member["role"][2] is None and member["organization_id"][2] == "Organization"


def test_an_id_sharing_one_word_with_a_backticked_entity_is_no_key_to_it():
    text = (
        "# DM\n\n## Customer\n- `id` (UUID)\n\n## Invoice\n- `id` (UUID)\n"
        "- `customer_group_id` (UUID) — groups each `Customer` for reporting\n"
    )
    assert _dm(text)["Invoice"]["customer_group_id"][2] is None


def test_a_class_whose_first_field_is_its_content_is_no_table():
    text = "# DM\n\n```typescript\ninterface ChatMessage {\n  message: string;\n  sender: string;\n  sentAt: Date;\n}\n```\n"
    entities = {e.name: e for e in read_code_blocks("data-model.md", text)[0]}
    assert not entities["ChatMessage"].stored
