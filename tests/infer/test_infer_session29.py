"""Rules met in session 29's reading of session 28's never-read samples: a numbered entity heading that names its
table after a dash, a spec that types a sketch of a table its data model gives whole, lists of another entity
(`items: CartItem[]`), which are never a key, an enum type the document names but does not define, values as a
VARCHAR's whole description, and prose bullets that name two moments or a reference. Each rule next to the
ordinary input it must leave alone."""

from __future__ import annotations

from compiler.infer import infer_specs
from compiler.infer import words as W
from tests.infer.runs import columns_of, data_model_entities, infer_run, read_model

# -- `## Entity 1 — `agent_state` row (extended)`: the table after the dash


def test_a_numbered_entity_heading_names_the_table_after_its_dash():
    model = read_model(
        "# Data Model\n\n## Entity 1 — `agent_state` row (extended)\n\n"
        "| Column | Type | Required |\n|---|---|---|\n| `agent` | TEXT | yes |\n| `total` | INTEGER | yes |\n"
    )
    assert "agent_state" in {e.table or e.name for e in model.values()}
    assert not any(name.startswith("Entity") for name in model)


def test_a_numbered_entity_heading_with_a_colon_is_read_as_before():
    model = read_model("# Data Model\n\n## Entity 2: Configuration\n\n| Field | Type |\n|---|---|\n| `key` | TEXT |\n")
    assert "Configuration" in model


def test_a_field_heading_that_names_the_table_gives_the_entity_its_table():
    model = read_model(
        "# Data Model\n\n## Entity: AgentMessage\n\n### Attributes (Table `messages`)\n"
        "| Field | Type | Description |\n|---|---|---|\n| `id` | INTEGER | Primary key |\n| `content` | TEXT | The text |\n"
    )
    assert model["AgentMessage"].table == "messages"


# -- a spec that types a sketch of the table its data model gives whole

SKETCH_SPEC = """# Spec

## Key Entities

- **McpServer**: A registered tool provider.
  - `serverId` (UUID): Primary key.
  - `name` (String): Display name.
"""

SKETCH_MODEL = """# Data Model

```sql
CREATE TABLE mcp_servers (
    server_id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    is_active INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
```
"""


def test_the_data_models_other_columns_follow_the_lines_the_spec_types(tmp_path):
    feature = tmp_path / "specs" / "001-a"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text(SKETCH_SPEC)
    (feature / "data-model.md").write_text(SKETCH_MODEL)
    [result] = infer_specs([(feature / "spec.md", "specs/001-a/spec.md")])
    lines = result.proposed.splitlines()
    typed = lines.index("  - `name` (String): Display name.")
    assert lines[typed + 1].startswith("  - `is_active`: integer") and lines[typed + 2].startswith("  - `created_at`: integer")
    assert "  - `serverId` (UUID): Primary key." in lines  # the lines as written stay
    (feature / "spec.md").write_text(result.proposed)
    [again] = infer_specs([(feature / "spec.md", "specs/001-a/spec.md")])
    assert again.proposed == again.original  # infer on its own output proposes nothing


def test_a_spec_that_types_every_column_the_data_model_has_is_left_as_written(tmp_path):
    model = SKETCH_MODEL.replace("    is_active INTEGER NOT NULL DEFAULT 0,\n    created_at INTEGER NOT NULL\n", "    name2 TEXT\n")
    spec = SKETCH_SPEC + "  - `name2` (String): Another name.\n"
    [[action, _]] = infer_run(tmp_path, [("001-a", spec, model)])["001-a"].values()
    assert action == "keep"


# -- `items: CartItem[]`: a list of another entity, never a key to one

CART = """# Data model

### Cart

**Fields:**
- `id`: string (UUID) - Unique identifier
- `name`: string - Name
- `items`: CartItem[] - the items

### CartItem

**Fields:**
- `sku`: string - the sku
- `quantity`: number - how many
{relation}"""


def test_a_list_of_a_child_said_one_to_many_is_the_childs_key_to_its_holder(tmp_path):
    said = "\n## Relationships Summary\n\n### One-to-Many Relationships\n- Cart → CartItems\n"
    entities = data_model_entities(tmp_path, CART.format(relation=said), "- **Cart**: a cart.\n- **CartItem**: an item.\n")
    cart, item = columns_of(entities["Cart"]), columns_of(entities["CartItem"])
    assert "items" not in cart
    assert item["cart_id"].references == "Cart"


def test_a_list_of_a_child_is_never_a_key_to_one_child(tmp_path):
    entities = data_model_entities(tmp_path, CART.format(relation=""), "- **Cart**: a cart.\n- **CartItem**: an item.\n")
    items = columns_of(entities["Cart"]).get("items")
    assert items is None or items.references is None


SHAPES = """# Data model

### Song

**Fields:**
- `id`: string (UUID) - Unique identifier
- `contacts`: Contact[] - contacts
- `owner`: Contact - the owner

## Supporting Types

### Contact
```typescript
interface Contact {
  name: string
  email?: string
}
```
"""


def test_a_list_of_a_keyless_shape_of_the_documents_code_is_a_json_list(tmp_path):
    song = columns_of(data_model_entities(tmp_path, SHAPES, "- **Song**: a song.\n")["Song"])
    assert song["contacts"].type == "jsonb" and song["contacts"].references is None


# -- `status: SongStatus - Not Started, In Progress, Completed`: an enum the document names, its values described

NAMED_ENUM = """# Data model

### Song

**Fields:**
- `id`: string (UUID) - Unique identifier
- `status`: SongStatus - Not Started, In Progress, Completed, Skipped
- `type`: SessionType - Rehearsal, Writing, Recording, etc.
"""


def test_an_undefined_enum_type_takes_the_values_its_description_lists():
    song = columns_of(read_model(NAMED_ENUM)["Song"])
    assert song["status"].type.startswith("enum(") and "Skipped" in song["status"].type


def test_an_open_list_after_an_undefined_type_is_no_enum():
    assert not (columns_of(read_model(NAMED_ENUM)["Song"])["type"].type or "").startswith("enum(")


# -- `` `event_type` (VARCHAR(50)): created, plan_changed, cancelled ``: the description is the values

VALUES_DESCRIBED = """# Data model

### History

- `id` (UUID): Primary key
- `event_type` (VARCHAR(50)): created, plan_changed, cancelled
- `status` (VARCHAR(20)): The current state of the row
"""


def test_a_status_like_varchar_described_by_identifiers_only_is_an_enum():
    history = columns_of(read_model(VALUES_DESCRIBED)["History"])
    assert history["event_type"].type == "enum(created, plan_changed, cancelled)"
    assert not history["status"].type.startswith("enum(")


# -- prose bullets: two moments in one, a reference, another system's id


def _proposed(tmp_path, bullets: str) -> dict:
    spec = f"# Spec\n\n### Key Entities\n\n- **User**: a user\n  - Display Name\n\n- **Login Session**: an active session\n{bullets}"
    return {name: columns_of(entity) for name, (_, entity) in infer_run(tmp_path, [("001-a", spec, None)])["001-a"].items()}


def test_a_prose_bullet_of_two_moments_gives_both(tmp_path):
    session = _proposed(tmp_path, "  - Created/Updated timestamps\n  - Access Token\n")["Login Session"]
    assert session["created_at"].type == "timestamp" and session["updated_at"].type == "timestamp"


def test_a_prose_bullet_naming_a_reference_is_a_key(tmp_path):
    session = _proposed(tmp_path, "  - User reference\n  - Access Token\n")["Login Session"]
    assert session["user_id"].references == "User"


def test_a_sentence_about_an_entity_stays_no_field(tmp_path):
    session = _proposed(tmp_path, "  - `User` references exactly one `Profile`.\n  - Access Token\n")["Login Session"]
    assert set(session) == {"access_token"}


def test_another_systems_user_id_is_a_string():
    assert W.type_from_name("spotify_user_id")[0].startswith("string")
    assert W.type_from_name("user_id") is None or W.type_from_name("user_id")[0] == "uuid"


def test_quoted_values_in_an_sql_comment_with_null_among_them_are_an_enum():
    from compiler.infer.code import comment_values

    assert comment_values("'ares' | 'clawta' | NULL", "agent_attribution") == ["ares", "clawta"]
    assert comment_values("'ares' | NULL", "agent_attribution") == []  # one value is no list


def test_an_event_the_prose_says_is_emitted_is_no_table(tmp_path):
    spec = (
        "# Spec\n\n### Key Entities\n\n- **Order**: an order with a total and a status.\n"
        "- **Order Shipped Event**: Emitted on every shipment, with the order and the carrier.\n"
        "- **Shipment Log**: Emitted when a parcel leaves; kept with its carrier and time.\n"
    )
    proposals = infer_run(tmp_path, [("001-a", spec, None)])["001-a"]
    assert not proposals["Order Shipped Event"][1].stored
    assert proposals["Shipment Log"][1].stored  # (a log's rows are what it says is emitted)


# -- hostile input: a heading of one long run of spaces, read in linear time


def test_a_heading_of_a_long_run_of_spaces_is_read_in_linear_time():
    import time

    from compiler.diagnostics import Diagnostics
    from compiler.infer.datamodel import HEADING_PREFIX_RE, TABLE_NAMED_RE, read_data_model

    spaces = " " * 200_000
    started = time.perf_counter()
    for heading in (f"Entity{spaces}x", f"Table{spaces}`x`", f"New Big{spaces}Entity: x"):
        HEADING_PREFIX_RE.match(heading)
        TABLE_NAMED_RE.search(heading)
    text = f"# DM\n\n## Entity: A\n\n### Attributes (Table{spaces}`x`)\n\n| Field | Type |\n|---|---|\n| `id` | UUID |\n"
    read_data_model("data-model.md", text, Diagnostics())
    assert time.perf_counter() - started < 5  # (quadratic, this took minutes)


def test_a_moment_named_after_the_entity_is_its_own(tmp_path):
    session = _proposed(tmp_path, "  - Session Created timestamp\n  - Access Token\n")["Login Session"]
    assert "created_at" in session and "session_created_at" not in session


def test_a_count_named_by_its_unit_is_an_integer():
    from compiler.infer.typemap import canonical_type

    assert canonical_type("number", column="bpm").type == "integer"
    assert canonical_type("number", column="tempo_change").type == "double"


ADDED_LATER = """# Data Model

## accounts

- `id` (UUID): Primary key
- `name` (VARCHAR(100)): Name

## subscriptions

- `id` (UUID): Primary key

## Data Retention

- Soft delete: Add `deleted_at TIMESTAMP` column to `accounts`, `subscriptions`
- Add `archived` to the list of statuses.
"""


def test_a_column_the_prose_adds_to_named_tables_is_theirs():
    model = read_model(ADDED_LATER)
    for entity in model.values():
        deleted = columns_of(entity)["deleted_at"]
        assert deleted.type == "timestamp" and not deleted.required
    assert not any("archived" in columns_of(e) for e in model.values())


# -- what a review of the rules above found firing where they should not


def test_an_entity_emitted_on_an_event_that_is_no_event_stays_a_table(tmp_path):
    spec = (
        "# Spec\n\n### Key Entities\n\n"
        "- **Invoice**: Emitted on every renewal, with the amount, due date and payment status.\n"
        "- **Certificate**: Emitted when a student completes a course; has a verification code and issue date.\n"
    )
    proposals = infer_run(tmp_path, [("001-a", spec, None)])["001-a"]
    assert proposals["Invoice"][1].stored and proposals["Certificate"][1].stored


def test_words_about_an_undefined_enum_type_are_no_values():
    for said in ("Song state, see below", "Current order status, pending or shipped", "Unique, not null"):
        song = columns_of(read_model(NAMED_ENUM.replace("Not Started, In Progress, Completed, Skipped", said))["Song"])
        assert not (song["status"].type or "").startswith("enum("), said


def test_an_open_list_or_modifiers_as_a_description_are_no_values():
    for said in ("created, updated, deleted, etc.", "required, indexed"):
        history = columns_of(read_model(VALUES_DESCRIBED.replace("created, plan_changed, cancelled", said))["History"])
        assert not history["event_type"].type.startswith("enum("), said


def test_a_pair_of_values_in_a_prose_bullet_stays_one_field(tmp_path):
    session = _proposed(tmp_path, "  - Active/Inactive statuses\n  - Access Token\n")["Login Session"]
    assert "is_active" not in session and "inactive_status" not in session


def test_a_list_beside_a_key_of_another_meaning_is_kept(tmp_path):
    model = (
        "# Data model\n\n### User\n\n**Fields:**\n- `id`: string (UUID) - Unique identifier\n"
        "- `likedSongs`: Song[] - songs the user liked\n\n### Song\n\n**Fields:**\n- `id`: string (UUID) - Unique identifier\n"
        "- `uploaderId`: string - FK to User\n"
    )
    user = columns_of(data_model_entities(tmp_path, model, "- **User**: a user.\n- **Song**: a song.\n")["User"])
    assert "liked_songs" in user and user["liked_songs"].references is None


def test_a_field_heading_that_mentions_another_table_names_none():
    model = read_model(
        "# Data Model\n\n## Entity: Admin\n\n### Fields (one row per admin; `user_id` joins table `users`)\n"
        "| Field | Type |\n|---|---|\n| `id` | UUID |\n| `user_id` | UUID |\n"
    )
    assert model["Admin"].table != "users"


def test_a_hyphen_inside_a_word_is_no_numbered_heading():
    model = read_model("# Data Model\n\n## Model 3-D Asset\n\n| Field | Type |\n|---|---|\n| `id` | UUID |\n| `mesh` | TEXT |\n")
    assert "D Asset" not in model


def test_a_fraction_of_counts_is_no_integer():
    from compiler.infer.typemap import canonical_type

    for name in ("likes_ratio", "avg_bpm", "attendance_rate"):
        assert canonical_type("number", column=name).type == "double", name


def test_a_one_to_many_line_of_one_long_repeated_name_is_read_in_linear_time():
    import time

    line = "Cart " * 50_000
    started = time.perf_counter()
    read_model(CART.format(relation=f"\n## Relationships\n\n{line}\n"))
    assert time.perf_counter() - started < 5  # (quadratic, this took minutes)
