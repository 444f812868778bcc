"""Rules met in session 32's reading of session 31's never-read samples (external118 to 125): a running object's
private attributes, events on a bus, Frappe field tables headed `Fieldname | Fieldtype`, quoted enum values with
parentheses, a nested bullet's `not stored` about something else, a `(not stored)` inside a description, and
`Each todo has ...` in a Todo Item. Each rule next to the ordinary input it must leave alone."""

from __future__ import annotations

from compiler.infer.prose import not_stored_reason
from compiler.infer.typemap import canonical_type
from tests.infer.runs import columns_of, data_model_entities, infer_run, read_model

# -- a program object's private attributes, and events on a bus, are no tables

SENSOR = """# Data Model

## Entities

### CheckinTrackingSensor

| Field | Type | Description |
|-------|------|-------------|
| `_attr_native_value` | `str` | Current state |
| `_tracked_event_start` | `datetime \\| None` | Start time |

**State Attributes**:

| Attribute | Type | Description |
|-----------|------|-------------|
| `summary` | `str` | Event summary |
| `start` | `str` | Event start |
| `end` | `str` | Event end |

### Switch

| Field | Type | Description |
|-------|------|-------------|
| `_attr_is_on` | `bool` | Whether monitoring is on |

### Document

| Field | Type | Description |
|-------|------|-------------|
| `_id` | ObjectId | MongoDB id |
| `title` | string | Title |

### Row

| Field | Type | Description |
|-------|------|-------------|
| `id` | bigint | Key |
| `payload` | text | Body |
| `_seq` | bigint | Version |
| `_deleted` | boolean | Tombstone |

## HA Event Bus Events

### rental_control_checkin

Fired when the sensor checks a guest in.

| Field | Type | Description |
|-------|------|-------------|
| `entity_id` | `str` | Sensor entity ID |
| `summary` | `str` | Event summary |
"""


def test_an_objects_private_attributes_are_no_table_but_system_columns_and_mongo_ids_are():
    entities = read_model(SENSOR)
    assert not entities["CheckinTrackingSensor"].stored  # its own field table is private, whatever state tables follow
    assert "`_attr_native_value`" in entities["CheckinTrackingSensor"].not_stored_reason
    assert not entities["Switch"].stored
    assert entities["Document"].stored  # `_id` is MongoDB's key
    assert entities["Row"].stored  # `_seq`, `_deleted`: a few system columns among the table's own


def test_messages_on_an_event_bus_are_no_tables(tmp_path):
    entities = data_model_entities(tmp_path, SENSOR, key_entities="- **Row**: a versioned row.\n")
    assert not entities["RentalControlCheckin"].stored
    assert entities["Row"].stored


# -- Frappe DocTypes written `Fieldname | Label | Fieldtype | Options / Config`

FRAPPE = """# Data Model

## DocType 1: AI Indexing Job

### Fields

| Fieldname | Label | Fieldtype | Options / Config | Notes |
|---|---|---|---|---|
| `doctype_to_index` | Document Type | Data | required | Stored as Data |
| `status` | Status | Select | Queued\\nRunning\\nFailed (Stalled) | default: Queued |
| *(Section)* | Counts | Section Break | | |
| `total_records` | Total Records | Int | default: 0 | Determined at job start |

## New DocType: Sync Event Log

| Field | Fieldname | Type | Options / Constraints | Notes |
|---|---|---|---|---|
| Trigger Type | `trigger_type` | Select | Create \\| Update \\| Delete | What caused it |
| Kind | `kind` | Select | reqd | no values here |
| Document Type | `doctype_name` | Data | reqd, maxlen 140 | DocType synced |
"""


def test_frappe_field_tables_headed_fieldname_and_fieldtype_are_read():
    job = columns_of(read_model(FRAPPE)["AI Indexing Job"])
    assert job["doctype_to_index"].type == "string(140)"
    assert job["total_records"].type == "integer"
    assert job["status"].type == "enum(Queued, Running, 'Failed (Stalled)')"
    assert "counts" not in job  # a section break is layout


def test_a_selects_values_under_options_and_constraints_are_its_enum_but_a_lone_word_is_not():
    log = columns_of(read_model(FRAPPE)["Sync Event Log"])
    assert log["trigger_type"].type == "enum(Create, Update, Delete)"
    assert not (log["kind"].type or "").startswith("enum(")
    assert log["doctype_name"].type == "string(140)"


def test_quoted_enum_values_may_hold_parentheses_bare_ones_may_not():
    assert canonical_type("enum(Queued, 'Failed (Stalled)')").values == ["Queued", "Failed (Stalled)"]
    assert canonical_type("enum(Queued, Failed (Stalled))").type is None or "Stalled)" not in (
        canonical_type("enum(Queued, Failed (Stalled))").type or ""
    )


# -- `not stored` said of something else than the entity


def test_a_nested_bullet_saying_another_thing_is_not_stored_leaves_the_entity_stored():
    text = "Existing entity with attributes: id, title\n  - No new attributes required\n  - Overdue status is derived, not stored"
    assert not_stored_reason("Todo Item", text) is None
    assert not_stored_reason("Todo Item", "Stored nowhere\n  - Not stored in the database") is not None
    assert not_stored_reason("Draft View", "Not stored; rebuilt on each visit") is not None


def test_not_stored_in_parentheses_inside_a_description_is_no_marker(tmp_path):
    spec = (
        "# A\n\n## Key Entities\n\n"
        "- **Todo Item**: Existing entity with attributes: id, title, dueDate, completed. "
        "The overdue state is derived from these attributes (not stored).\n"
        "- **Overdue Status** *(not stored)*: Calculated from the due date.\n"
    )
    run = infer_run(tmp_path, [("001-a", spec, None)])["001-a"]
    _action, todo = run["Todo Item"]
    assert todo.stored and {"title", "due_date", "completed"} <= set(columns_of(todo))
    assert not run["Overdue Status"][1].stored


def test_each_todo_has_lists_the_attributes_of_a_todo_item(tmp_path):
    spec = (
        "# A\n\n## Key Entities\n\n"
        "- **Todo Item**: Each todo has a due date (optional), completion status (complete/incomplete), and a title.\n"
        "- **User Account**: Each user has one profile and many todos.\n"
    )
    run = infer_run(tmp_path, [("001-a", spec, None)])["001-a"]
    todo = columns_of(run["Todo Item"][1])
    assert {"due_date", "title"} <= set(todo)
    assert not todo["due_date"].required
    # (`account` is no generic word like item, record or entry: `Each user has` is not the account's list)
    assert "profile" not in columns_of(run["User Account"][1])


# -- a data model's overview: the key type and columns every table has, enums named after their columns

WORKFLOWS = """# Data Model

## Overview

All models will use `BIGINT` primary keys and include `created_at`, `updated_at`, `deleted_at`, and audit columns
(`created_by`, `updated_by`, `deleted_by`) unless otherwise specified.

### 1. Workflow (`workflows`)
- **Fields**: `name`, `code` (unique), `type` (Enum), `status` (Enum), `start_step_id` (FK, nullable).

### 2. WorkflowStep (`workflow_steps`)
- **Fields**: `workflow_id` (FK), `name`, `type` (Enum), `match_mode` (Enum).

### 3. WorkflowHistory (`workflow_histories`)
- **Fields**: `workflow_id` (FK), `event` (Enum), `comment` (text).
- **Note**: Append-only, no `updated_at`, no soft deletes.

## Enums (PHP-level)

- `WorkflowType`: `automation`, `approval`, `generic`
- `WorkflowStatus`: `draft`, `active`, `archived`
- `StepType`: `start`, `task`, `end`
- `MatchMode`: `any`, `all`
- `HistoryEvent`: `started`, `completed`
"""


def test_an_overview_gives_every_table_its_key_and_common_columns_unless_a_table_says_otherwise():
    entities = read_model(WORKFLOWS)
    workflow = columns_of(entities["Workflow"])
    assert workflow["id"].type == "bigint" and workflow["id"].primary_key
    assert next(iter(workflow)) == "id"
    assert {"created_at", "updated_at", "deleted_at", "created_by", "updated_by", "deleted_by"} <= set(workflow)
    assert workflow["created_at"].type == "timestamp"
    assert workflow["created_by"].type == "bigint"  # an actor, by the users' key
    history = columns_of(entities["WorkflowHistory"])
    assert {"created_at", "created_by"} <= set(history)
    assert not {"updated_at", "updated_by", "deleted_at", "deleted_by"} & set(history)


def test_an_overview_that_names_no_table_words_adds_nothing():
    plain = WORKFLOWS.replace("All models will use", "We will use")
    assert "created_at" not in columns_of(read_model(plain)["Workflow"])


def test_modifiers_alone_in_a_fields_parentheses_are_kept_and_keys_find_their_tables_by_their_last_words():
    entities = read_model(WORKFLOWS)
    workflow, step = columns_of(entities["Workflow"]), columns_of(entities["WorkflowStep"])
    assert workflow["code"].unique
    assert workflow["start_step_id"].references == "WorkflowStep" and not workflow["start_step_id"].required
    assert step["workflow_id"].references == "Workflow" and step["workflow_id"].required
    assert step["workflow_id"].type == "bigint"  # the type of the key it refers to, as no type is written


def test_an_enum_column_takes_the_values_of_the_enum_named_after_it():
    entities = read_model(WORKFLOWS)
    assert columns_of(entities["Workflow"])["type"].type == "enum(automation, approval, generic)"
    assert columns_of(entities["Workflow"])["status"].type == "enum(draft, active, archived)"
    assert columns_of(entities["WorkflowStep"])["type"].type == "enum(start, task, end)"  # StepType: the last word
    assert columns_of(entities["WorkflowStep"])["match_mode"].type == "enum(any, all)"  # MatchMode: the column alone
    assert columns_of(entities["WorkflowHistory"])["event"].type == "enum(started, completed)"


# -- DDD documents: an aggregate's heading, its computed properties, its events, commands and queries

AGGREGATE = """# Data Model

## Aggregate: GitStorageAccount

### Properties

| Property | Type | Required | Description |
|----------|------|----------|-------------|
| `Id` | `string` | Yes | Unique identifier |
| `Name` | `string` | Yes | Display name |
| `Origin` | `AccountOrigin` | Yes | How it was added |

### Computed Properties

| Property | Type | Description |
|----------|------|-------------|
| `AggregateId` | `string` | Returns `Id` |

## Aggregate: GitOrganization

| Field | Type | Constraints | Description |
|-------|------|-------------|-------------|
| `Id` | `string` | Required | Key |
| `GitServerAccountId` | `string` | Required, FK | Reference to the parent git server account |

## Enumerations

### AccountOrigin

| Value | Code | Description |
|-------|------|-------------|
| Synced | 0 | Found on the remote |
| CreatedViaApplication | 1 | Created here |

## Domain Events

### GitStorageAccountAdded

| Property | Type | Description |
|----------|------|-------------|
| `Id` | `string` | Account id |

## Commands

### AddGitStorageAccount

| Property | Type | Description |
|----------|------|-------------|
| `Id` | `string` | Account id |

## Requests (Queries)

### GetGitStorageAccountDetails

| Property | Type | Description |
|----------|------|-------------|
| `Id` | `string` | Account id |
"""


def test_an_aggregates_heading_names_it_and_its_computed_properties_are_no_columns(tmp_path):
    entities = data_model_entities(tmp_path, AGGREGATE, key_entities="- **Git Storage Account**: a git server account.\n")
    account = entities["Git Storage Account"]
    assert {"id", "name", "origin"} <= set(columns_of(account)) and "aggregate_id" not in columns_of(account)
    assert "GitOrganization" in entities and "Aggregate" not in entities


def test_an_enum_written_as_a_table_of_values_types_its_column():
    account = columns_of(read_model(AGGREGATE)["GitStorageAccount"])
    assert account["origin"].type == "enum(Synced, CreatedViaApplication)"


def test_events_commands_and_queries_are_no_tables(tmp_path):
    entities = data_model_entities(tmp_path, AGGREGATE, key_entities="- **Git Storage Account**: a git server account.\n")
    for name in ("GitStorageAccountAdded", "AddGitStorageAccount", "GetGitStorageAccountDetails"):
        assert name not in entities or not entities[name].stored, name


def test_a_key_named_for_an_undeclared_entity_of_three_words_refers_to_it(tmp_path):
    model = AGGREGATE[AGGREGATE.index("## Aggregate: GitOrganization") : AGGREGATE.index("## Enumerations")]
    run = infer_run(tmp_path, [("001-a", "# A\n\n## Key Entities\n\n- **Git Organization**: an organization.\n", model)])
    organization = columns_of(run["001-a"]["Git Organization"][1])
    assert organization["git_server_account_id"].references == "GitServerAccount"


# -- groups of entities: `## Persisted entity` over a table, `## Runtime objects (not persisted)` over shapes

GROUPS = """# Data Model: reeve

## Runtime objects (not persisted)

### GuardDeclaration

| Field | Type | Notes |
|-------|------|-------|
| `tool_name` | String | |

## Persisted entity

### AuditEntry — `reeve_audit_entries`

| Column | Type | Null | Notes |
|--------|------|------|-------|
| `id` | bigint PK | no | |
| `tool_name` | string | no | |
| `calls` | number | no | Atomic counter of calls today |

## Entities (persisted; drafts in memory)

### Draft

| Field | Type | Notes |
|-------|------|-------|
| `id` | uuid | |
"""


def test_a_persisted_entity_heading_is_a_group_and_a_not_persisted_note_makes_one_of_shapes():
    entities = read_model(GROUPS)
    assert entities["AuditEntry"].stored and {"id", "tool_name"} <= set(columns_of(entities["AuditEntry"]))
    assert "GuardDeclaration" not in entities or not entities["GuardDeclaration"].stored
    assert entities["Draft"].stored  # a note that says more than `not persisted` is no verdict on the group


def test_a_counter_is_an_integer():
    assert columns_of(read_model(GROUPS)["AuditEntry"])["calls"].type == "integer"


def test_a_document_of_frontend_data_structures_stores_nothing(tmp_path):
    model = (
        "# Data Model: Chat\n\n**Purpose**: Define frontend data structures and component architecture\n\n"
        "## TypeScript Interfaces\n\n```typescript\nexport interface Message {\n  id: string;\n  content: string;\n}\n```\n"
    )
    entities = data_model_entities(tmp_path, model, key_entities="- **Message**: a chat message.\n")
    assert not entities["Message"].stored


# -- a spec entity no source types, that the data model's keys refer to: the application's table, *(external)*

DOCUMENTS_SPEC = """# A

## Key Entities

- **Document**: an uploaded file.
- **User**: Existing entity. Its role governs document permissions.
- **Project**: Existing entity. Documents may be associated with a project.
- **Category**: A fixed classification, stored as a text value.
"""

DOCUMENTS_MODEL = """# Data Model

## Entity: Document

| Field | Type | Constraints | Notes |
|-------|------|-------------|-------|
| `DocumentId` | int | PK, identity | Integer key |
| `UploadedByUserId` | int | Required, FK → User | Uploader |
| `ProjectId` | int? | FK → Project, nullable | Optional association |
"""


def test_spec_entities_the_data_models_keys_refer_to_become_external_and_the_keys_stay(tmp_path):
    run = infer_run(tmp_path, [("001-a", DOCUMENTS_SPEC, DOCUMENTS_MODEL)])["001-a"]
    document = columns_of(run["Document"][1])
    assert document["uploaded_by_user_id"].references == "User"
    assert document["project_id"].references == "Project"
    for name in ("User", "Project"):
        action, entity = run[name]
        assert action == "type" and entity.external
        assert [(c.name, c.type) for c in entity.columns] == [("id", "integer")]
    assert run["Category"][0] == "keep"  # nothing refers to it: left as written


def test_an_external_made_of_a_spec_entity_builds_and_infer_then_proposes_nothing(tmp_path):
    from compiler.infer import infer_specs

    feature = tmp_path / "specs" / "001-a"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text(DOCUMENTS_SPEC)
    (feature / "data-model.md").write_text(DOCUMENTS_MODEL)
    [first] = infer_specs([(feature / "spec.md", "specs/001-a/spec.md")])
    assert "- **User** *(external)*:" in first.proposed
    (feature / "spec.md").write_text(first.proposed)
    [again] = infer_specs([(feature / "spec.md", "specs/001-a/spec.md")])
    assert again.proposed == first.proposed


def test_a_labelled_nested_bullet_introduces_the_field_in_code_and_its_quoted_values(tmp_path):
    spec = (
        "# A\n\n## Key Entities\n\n- **Todo Item**: Existing entity extended with a priority field\n"
        '  - **New Attribute**: `priority` - enumerated string value: "high", "medium", or "low" (stored as TEXT)\n'
        "  - **Storage Format**: Lowercase string enum for readability\n"
        '  - **Default Value**: "medium" when not explicitly set\n'
    )
    todo = columns_of(infer_run(tmp_path, [("001-a", spec, None)])["001-a"]["Todo Item"][1])
    assert todo["priority"].type == "enum(high, medium, low)"
    assert not {"storage_format", "default_value", "medium", "low"} & set(todo)


def test_a_prose_name_two_words_longer_than_a_tables_is_another_entity(tmp_path):
    spec = "# A\n\n## Key Entities\n\n- **TicketVaultItem**: Encrypted local offline entity with the ticket ID and seat.\n"
    model = "# Data Model\n\n```prisma\nmodel Ticket {\n  id String @id @default(uuid())\n  seat String\n}\n```\n"
    run = infer_run(tmp_path, [("001-a", spec, model)])["001-a"]
    assert "Ticket" in run and columns_of(run["Ticket"][1])["seat"].type == "text"
    # (one word more is the same thing named more fully: `Todo Item` is the data model's `Todo`)
    spec = "# A\n\n## Key Entities\n\n- **Todo Item**: a task to do.\n"
    model = "# Data Model\n\n```prisma\nmodel Todo {\n  id String @id @default(uuid())\n  title String\n}\n```\n"
    run = infer_run(tmp_path / "b", [("001-a", spec, model)])["001-a"]
    assert "Todo Item" in run and "title" in columns_of(run["Todo Item"][1])


# -- what a review of the rules above found them doing to ordinary input (each now left as it was)


def test_italic_names_and_arangodb_edges_are_no_private_attributes():
    italic = "## Customer\n\n| Field | Type | Notes |\n|---|---|---|\n| _id_ | UUID | PK |\n| _email_ | string | |\n"
    edge = "## Friendship\n\n| Field | Type | Notes |\n|---|---|---|\n| _from | string | |\n| _to | string | |\n| since | date | |\n"
    assert read_model(italic)["Customer"].stored
    assert read_model(edge)["Friendship"].stored


def test_common_columns_stop_at_an_exception_a_condition_and_words_that_are_no_columns():
    model = (
        "# Data Model\n\nAll tables have `created_at` and `updated_at` timestamps, except `audit_logs`, which is append-only.\n\n"
        "All tables use `snake_case` column names.\n\nAny model that has a `deleted_at` column uses SoftDeletes.\n\n"
        "Every table includes `tenant_id`.\n\n"
        "## Tenant\n\n| Field | Type |\n|---|---|\n| id | uuid |\n\n## Order\n\n| Field | Type |\n|---|---|\n| id | uuid |\n"
    )
    entities = read_model(model)
    order, tenant = columns_of(entities["Order"]), columns_of(entities["Tenant"])
    assert {"created_at", "updated_at", "tenant_id"} <= set(order)
    assert not {"audit_logs", "snake_case", "deleted_at"} & set(order)
    assert "tenant_id" not in tenant


def test_not_stored_inside_an_attribute_list_or_a_storage_note_is_about_a_part():
    todo = "A task. Attributes: title, due date, and an overdue indicator (derived from the due date, not stored)."
    assert not_stored_reason("Todo", todo) is None
    assert not_stored_reason("Session", "A login. Storage: sessions table in Postgres; the raw token is never stored.") is None


def test_each_x_has_is_an_items_list_only_when_x_is_no_other_entity(tmp_path):
    spec = (
        "# A\n\n## Key Entities\n\n- **Order**: a purchase.\n"
        "- **Order Item**: One line of an order. Each order has a shipping address and a payment method.\n"
        "- **Library Record**: A book lent out. Each library has an address and opening hours.\n"
    )
    run = infer_run(tmp_path, [("001-a", spec, None)])["001-a"]
    assert "shipping_address" not in columns_of(run["Order Item"][1])
    assert "opening_hours" not in columns_of(run["Library Record"][1])


def test_a_prose_name_ending_with_the_tables_name_is_that_table(tmp_path):
    spec = "# A\n\n## Key Entities\n\n- **Customer Support Ticket**: a request for help.\n"
    model = "# Data Model\n\n## Ticket\n\n| Field | Type |\n|---|---|\n| id | uuid |\n| subject | string |\n"
    run = infer_run(tmp_path, [("001-a", spec, model)])["001-a"]
    assert "subject" in columns_of(run["Customer Support Ticket"][1])


def test_a_heading_over_stored_and_computed_fields_holds_columns_and_a_counter_offer_is_no_count():
    model = (
        "## Invoice\n\n### Stored and Computed Fields\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | |\n"
        "| subtotal | decimal | |\n| counter_amount | number | Seller's counter-offer price |\n"
    )
    invoice = columns_of(read_model(model)["Invoice"])
    assert {"id", "subtotal"} <= set(invoice)
    assert invoice["counter_amount"].type != "integer"


def test_seed_data_bullets_declare_no_enum_and_a_trailing_aggregate_word_is_a_name():
    model = (
        "## Role\n\n| Field | Type |\n|---|---|\n| id | uuid |\n\nSeed data:\n\n- Role: `admin`, `editor`, `viewer`\n\n"
        "## Member\n\n| Field | Type | Constraints |\n|---|---|---|\n| id | uuid | |\n| role | Role | required |\n\n"
        "## Daily Sales Aggregate\n\n| Field | Type |\n|---|---|\n| day | date |\n| total | decimal |\n"
    )
    entities = read_model(model)
    assert not (columns_of(entities["Member"])["role"].type or "").startswith("enum(")
    assert "Daily Sales Aggregate" in entities


def test_a_new_entity_the_prose_describes_is_not_made_external(tmp_path):
    spec = "# A\n\n## Key Entities\n\n- **Team**: A new group that users create, with a name, a description and an invite code.\n"
    model = "# Data Model\n\n## Membership\n\n| Field | Type | Constraints |\n|---|---|---|\n| id | uuid | PK |\n| team_id | uuid | FK → Team |\n"
    run = infer_run(tmp_path, [("001-a", spec, model)])["001-a"]
    assert not run["Team"][1].external


def test_a_three_word_user_key_is_the_applications_user(tmp_path):
    model = "# Data Model\n\n## Company\n\n| Field | Type | Constraints |\n|---|---|---|\n| id | uuid | PK |\n| sales_rep_user_id | uuid | FK, nullable |\n"
    run = infer_run(tmp_path, [("001-a", "# A\n\n## Key Entities\n\n- **Company**: a client.\n", model)])["001-a"]
    assert columns_of(run["Company"][1])["sales_rep_user_id"].references == "User"
