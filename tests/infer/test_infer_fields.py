"""Fields a data model writes loosely: names with words after them, value lists, named enums, SQL array types."""

from __future__ import annotations

from click.testing import CliRunner

from compiler.cli import main
from compiler.diagnostics import Diagnostics
from compiler.infer.datamodel import read_data_model
from compiler.infer.typemap import canonical_type


def _columns(text: str) -> dict[str, dict[str, str | None]]:
    return {e.name: {c.name: c.type for c in e.columns} for e in read_data_model("data-model.md", text, Diagnostics())}


FIELDS = (
    "# DM\n\n## ActivityMetric\n\nAggregated measurement.\n\n**Fields**\n- `window_start`\n- `baseline_window_end`\n"
    "- `metric_name`: `events_per_minute`, `top_domains`, `bot_share`\n"
    "- `quality_status`: `accepted`, `accepted_missing_fields`, or `rejected`\n"
    "- `record_count`: source event count behind the metric\n- `event_ts`: event timestamp from source when available\n"
    "- `computed_at`\n\n## Exports\n\n- `user_profiles`: `id`, `name`, `email`\n"
)


def test_a_field_list_s_names_with_words_after_them_are_fields_typed_by_the_words_or_the_name():
    columns = _columns(FIELDS)["ActivityMetric"]
    assert columns["window_start"] == "timestamp" and columns["baseline_window_end"] == "timestamp"
    assert columns["record_count"] == "integer" and columns["event_ts"] == "timestamp"


def test_a_field_name_over_values_in_code_spans_is_an_enum_and_a_table_name_over_fields_is_an_entity():
    entities = _columns(FIELDS)
    assert entities["ActivityMetric"]["metric_name"] == "enum(events_per_minute, top_domains, bot_share)"
    assert entities["ActivityMetric"]["quality_status"] == "enum(accepted, accepted_missing_fields, rejected)"
    assert "MetricName" not in entities and "QualityStatus" not in entities
    assert set(entities["UserProfile"]) == {"id", "name", "email"}


def test_value_definitions_under_a_field_table_stay_notes():
    text = (
        "# DM\n\n### Alert\n\n| Field | Type | Constraints | Description |\n|---|---|---|---|\n| id | Integer | PK | id |\n"
        "| condition | String | NOT NULL | Alert condition type |\n\n**Condition Types** (enum values):\n"
        "- `above`: Triggers when `current > threshold AND previous <= threshold`\n"
        "- `crosses_up`: Triggers when `previous < threshold AND current >= threshold`\n"
    )
    assert set(_columns(text)["Alert"]) == {"id", "condition"}


def test_enums_assigned_in_a_text_block_type_the_columns_that_name_them():
    text = (
        "# DM\n\n## Enums (pgEnum)\n\n```text\noperation_type   = renta | venta\ncandidacy_stage  = nuevo | contactado | calificado\n"
        "                 | ganado | perdido\nmember_role      = owner | agent     # Better Auth\n```\n\n"
        "### candidacy\n\n| Campo | Tipo | Notas |\n|---|---|---|\n| id | text PK | |\n| stage | candidacy_stage NOT NULL | |\n"
        "| operation_type | operation_type NOT NULL | renta/venta |\n"
    )
    columns = _columns(text)["candidacy"]
    assert columns["stage"] == "enum(nuevo, contactado, calificado, ganado, perdido)"
    assert columns["operation_type"] == "enum(renta, venta)"


def test_sql_json_arrays_keep_their_brackets_and_other_arrays_of_objects_are_one_document():
    assert canonical_type("JSONB[]").type == "jsonb[]" and canonical_type("json[]").type == "json[]"
    assert canonical_type("object[]").type == "jsonb"


def test_tables_beside_sql_that_recreates_only_an_existing_table_are_proposed(tmp_path, monkeypatch):
    feature = tmp_path / "specs" / "001-a"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text("# A\n\n## Key Entities\n\n- **Platform Primitive**: an action contract.\n")
    (feature / "data-model.md").write_text(
        "# DM\n\n## Tables\n\n### `platform_primitives`\n\n| Column | Type | Description |\n|---|---|---|\n"
        "| `id` | TEXT PRIMARY KEY | Canonical name |\n| `display_name` | TEXT NOT NULL | For the UI |\n\n"
        "## Authentication\n\n### Agent Identity Layer (Existing)\n\n```sql\nCREATE TABLE agent_tokens (\n  id BIGSERIAL PRIMARY KEY,\n"
        "  token TEXT NOT NULL UNIQUE\n);\n```\n\n### Runtime\n\n| Field | Type | Description |\n|---|---|---|\n"
        "| pool | Pool | the connection pool |\n"
    )
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["infer", "--write"]).exit_code == 0
    written = (feature / "spec.md").read_text()
    assert "`display_name`: text, required" in written
    assert "**AgentToken** *(external)*" in written  # the application's table, recalled: stubbed, not created
    assert CliRunner().invoke(main, ["build", "--out", "out"]).exit_code == 0


def test_an_index_names_a_table_without_making_the_file_s_interfaces_api_shapes():
    from compiler.infer.code import read_code_blocks

    text = (
        "# DM\n\n### Years\n```typescript\ninterface Year {\n  id: string;\n  label: string;\n}\n```\n\n"
        "### Assets\n```typescript\ninterface Asset {\n  id: string;  // Cloudflare image id\n  alt: string;\n}\n```\n\n"
        "## Indexes\n```sql\nCREATE INDEX idx_years_label ON years(label);\n```\n"
    )
    entities, _ = read_code_blocks("data-model.md", text)
    assert {e.name: e.stored for e in entities} == {"Year": True, "Asset": True}


def test_a_rebuilt_table_is_the_table_it_is_renamed_to():
    from compiler.infer.code import read_code_blocks

    text = (
        "# DM\n\n### 1. Extend `theme_feeds` Table\n\n```sql\nALTER TABLE theme_feeds ADD COLUMN hashtag TEXT UNIQUE;\n```\n\n"
        "```sql\nCREATE TABLE theme_feeds_new (\n  id TEXT PRIMARY KEY,\n  name TEXT NOT NULL,\n  hashtag TEXT NOT NULL UNIQUE\n);\n"
        "INSERT INTO theme_feeds_new SELECT id, name, hashtag FROM theme_feeds;\nDROP TABLE theme_feeds;\n"
        "ALTER TABLE theme_feeds_new RENAME TO theme_feeds;\n```\n\n**Updated Schema**:\n\n```sql\nCREATE TABLE theme_feeds (\n"
        "  id TEXT PRIMARY KEY,\n  name TEXT NOT NULL,\n  hashtag TEXT NOT NULL UNIQUE\n);\n```\n\n"
        "### 2. New Table\n\n```sql\nCREATE TABLE feed_blocklist (\n  feed_id TEXT NOT NULL REFERENCES theme_feeds(id),\n"
        "  user_did TEXT NOT NULL\n);\n```\n\n- `theme_feeds.hashtag` → Used for Firehose filtering\n"
    )
    entities = {e.name: e for e in read_code_blocks("data-model.md", text)[0]}
    assert set(entities) == {"ThemeFeed", "FeedBlocklist"}  # (the rebuild's `theme_feeds_new` is theme_feeds)
    assert {c.name for c in entities["ThemeFeed"].columns} == {"id", "name", "hashtag"}  # the table as the schema gives it
    assert [c.name for c in entities["FeedBlocklist"].columns] == ["feed_id", "user_did"]


def test_a_heading_that_calls_its_table_new_names_it_and_a_notes_cell_s_value_list_is_the_enum():
    text = (
        "# DM\n\n## 1. Tabla nueva: `pipeline_stage`\n\n| Columna | Tipo | Notas |\n|---|---|---|\n| `id` | `text` PK | nanoid |\n"
        "| `kind` | `text` NOT NULL default `'normal'` | Rol: `normal` \\| `won` \\| `lost`. Las anclas (`won`/`lost`) no se eliminan; "
        "`label` editable, `kind` inmutable. |\n"
    )
    columns = _columns(text)["PipelineStage"]
    assert columns == {"id": "text", "kind": "enum(normal, won, lost)"}
