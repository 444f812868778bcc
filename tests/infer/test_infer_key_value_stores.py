"""Records kept in key-value stores and JSON files (BBolt buckets, IndexedDB stores, Go structs serialised as
JSON), and the shapes around them: what a data model of such an application says, read as a careful engineer
would write the tables."""

from __future__ import annotations

from pathlib import Path

from tests.infer.runs import infer_run

_run = infer_run


def _stored(tmp_path: Path, data_model: str, key_entities: str = "- **Thing**: something kept.\n") -> dict:
    [run] = _run(tmp_path, [("001-a", f"# A\n\n## Key Entities\n\n{key_entities}", data_model)]).values()
    return {name: entity for name, (_, entity) in run.items() if entity.stored}


def _columns(entity) -> dict[str, tuple[str | None, bool | None]]:
    return {c.name: (c.type, c.required) for c in entity.columns}


TOKEN_RECORD = """# Data Model

### 1. OAuthTokenRecord (Existing - No Changes)

```go
type OAuthTokenRecord struct {
    ServerName   string    `json:"server_name"`    // Storage key
    AccessToken  string    `json:"access_token"`
    Scopes       []string  `json:"scopes"`
    ExpiresAt    time.Time `json:"expires_at"`
}
```

**Relationships**:
- Referenced by: RefreshSchedule (via ServerName)
- Stored in: BBolt `oauth_tokens` bucket
"""


def test_a_keyless_struct_stored_in_a_bucket_is_a_table(tmp_path):
    """`- Stored in: BBolt `oauth_tokens` bucket`: a database keeps the struct, whatever key it has."""
    entity = _stored(tmp_path, TOKEN_RECORD, "- **OAuth Token**: access token, expiration time.\n")["OAuth Token"]
    assert entity.table == "oauth_tokens" and {"server_name", "access_token", "scopes", "expires_at"} <= set(_columns(entity))
    # a field bullet that names storage is still a field, and memory keeps nothing
    memory = TOKEN_RECORD.replace("- Stored in: BBolt `oauth_tokens` bucket", "- Stored in: memory only")
    assert "OAuth Token" not in _stored(tmp_path / "b", memory, "- **OAuth Token**: access token, expiration time.\n")


ACTIVITY = """# Data Model

### ActivityRecord

```go
type ActivityRecord struct {
    ID         string                 `json:"id"`
    Type       ActivityType           `json:"type"`
    Source     ActivitySource         `json:"source,omitempty"`
    ServerName string                 `json:"server_name,omitempty"`
    Arguments  map[string]interface{} `json:"arguments,omitempty"`
    Response   interface{}            `json:"response"`
    Status     string                 `json:"status"`
    Metadata   map[string]interface{} `json:"metadata,omitempty"`
    Owner      *UserProfile           `json:"owner,omitempty"`
}
```

### Type-Specific Metadata

#### SystemStartMetadata

| Field | Type | Description |
|-------|------|-------------|
| `version` | string | Version |
| `listen_address` | string | Listener |
"""


def test_a_go_struct_kept_as_json(tmp_path):
    """Go's maps and `interface{}` are JSON; a field `omitempty` leaves out may be absent; `ActivityType`, which
    the file does not declare, names a kind of value (text, to check) where `*UserProfile` names an object; and
    `SystemStartMetadata`, keyless, is one shape of the record's `metadata` map, no table."""
    entities = _stored(tmp_path, ACTIVITY, "- **ActivityRecord**: one event.\n")
    columns = _columns(entities["ActivityRecord"])
    assert columns["arguments"] == ("jsonb", False) and columns["response"] == ("jsonb", True)
    assert columns["metadata"] == ("jsonb", False) and columns["server_name"] == ("text", False)
    assert columns["status"] == ("text", True) and columns["id"][1] is True
    assert columns["type"] == ("text", True) and columns["source"] == ("text", False) and "owner" not in columns
    assert "SystemStartMetadata" not in entities


def test_omitempty_beside_a_gorm_tag_says_nothing_of_the_column(tmp_path):
    gorm = """# Data Model

```go
type Order struct {
    ID    uint   `gorm:"primaryKey" json:"id,omitempty"`
    Note  string `gorm:"size:200" json:"note,omitempty"`
}
```
"""
    columns = _columns(_stored(tmp_path, gorm, "- **Order**: an order.\n")["Order"])
    assert columns["note"][1] is True and columns["id"][1] is True


SHARES = """# Data Model

- DocumentShare
  - ShareId: int (PK)
  - RecipientUserId: int (FK nullable)
  - ParentTeamId: int (FK)
  - Permission: string ("view"|"edit")
  - Level: string - Permission level: "View", "Download"
  - Kind: string - e.g. "read", "write"
  - Mode: string (예: "a", "b")
"""


def test_role_keys_and_quoted_value_lists(tmp_path):
    """`RecipientUserId (FK)` with no target named is a key to User, in the role its first word says; a field's words
    that end in nothing but quoted values give its values, and examples (`e.g.`, `예:`) give none."""
    [run] = _run(tmp_path, [("001-a", "# A\n\n## Key Entities\n\n- **DocumentShare**: a share.\n", SHARES)]).values()
    share = {c.name: c for c in run["DocumentShare"][1].columns}
    assert share["recipient_user_id"].references == "User" and share["parent_team_id"].references == "Team"
    assert share["permission"].type == "enum(view, edit)" and share["level"].type == "enum(View, Download)"
    assert share["kind"].type in ("text", "string") and not (share["mode"].type or "").startswith("enum")


BROWSER = """# Data Model: 저장소

## 엔티티 (IndexedDB DB `mdeditor`)

### Folder — 스토어 `folders` (keyPath `id`)

| 필드 | 타입 | 설명 |
|------|------|------|
| `id` | string (uuid) | PK |
| `name` | string | 폴더 이름 |

## 런타임 상태

### useWorkspaceStore (신규)

| 필드 | 타입 | 설명 |
|------|------|------|
| `activeDocId` | string \\| null | 현재 활성 문서 |
| `expanded` | Set<string> | 펼친 폴더 |
"""


def test_a_heading_that_is_the_word_for_entities_names_none(tmp_path):
    """`## 엔티티 (IndexedDB DB ...)`: the word for entities over them, its parenthesis a note on where they are kept,
    not an entity named `IndexedDB`; a `useWorkspaceStore` hook holds UI state."""
    entities = _stored(tmp_path, BROWSER, "- **Folder**: a folder.\n")
    assert set(entities) == {"Folder"} and set(_columns(entities["Folder"])) == {"id", "name"}


def test_a_recalled_struct_no_spec_declares_is_proposed_whole(tmp_path):
    """`### ToolCallRecord (Extended)` with its full struct and the field it adds marked `// NEW`: when no earlier
    feature declares it, the struct is the table; when one does, the feature adds only the new field."""
    model = """# Data Model

### ToolCallRecord (Extended)

```go
type ToolCallRecord struct {
    ID        string    `json:"id"`
    ToolName  string    `json:"tool_name"`
    Annotated bool      `json:"annotated,omitempty"` // NEW
}
```
"""
    spec = "# T\n\n## Key Entities\n\n- **ToolCallRecord**: one call.\n"
    alone = _stored(tmp_path / "a", model, "- **ToolCallRecord**: one call.\n")["ToolCallRecord"]
    assert set(_columns(alone)) == {"id", "tool_name", "annotated"}
    first = ("001-calls", "# C\n\n## Key Entities\n\n- **ToolCallRecord**: one call.\n  - `id`: string\n  - `tool_name`: string\n", None)
    _, later = _run(tmp_path / "b", [first, ("002-annotations", spec, model)])["002-annotations"]["ToolCallRecord"]
    assert set(_columns(later)) == {"annotated"}


CANON = """# Data Model

### Persona

| Field | Type | Required | Validation |
|-------|------|----------|------------|
| `id` | string (uuid) | ✅ | Unique; stable for FK integrity |
| `deathYear` | int | ❌ | Must be ≥ birthYear if both present |
| `parentId` | string \\| null | ❌ | Parent persona (for lineages) |

### Deal

| Field | Type | Required | Validation |
|-------|------|----------|------------|
| `dealId` | string | ✅ | Unique |
| `dealName` | string | ✅ | Commerce-themed; references canon entities |
| `personaIds` | string[] | ❌ | Valid Persona references |

## UI state (Zustand useCanonStore)

| Field | Type | Description |
|-------|------|-------------|
| `selected` | string | The selected persona |
"""


def test_a_canon_of_records_reads_answers_lists_and_self_keys(tmp_path):
    """A ❌ in the Required column is not overturned by a rule in the notes; `FK integrity` and `references canon
    entities` are words, no keys; a list of keys (`string[]`) is no foreign key; `parentId` as a string beside a uuid
    `id` nests rows in one another; a heading about a client store (Zustand) holds no table."""
    entities = _stored(tmp_path, CANON, "- **Persona**: a person.\n- **Deal**: a deal.\n")
    persona = {c.name: c for c in entities["Persona"].columns}
    deal = {c.name: c for c in entities["Deal"].columns}
    assert persona["death_year"].required is False and persona["id"].references is None
    assert persona["parent_id"].references == "Persona" and persona["parent_id"].type in (None, "uuid")
    assert deal["deal_name"].references is None and deal["deal_name"].type == "text"
    assert deal["persona_ids"].references is None and deal["persona_ids"].type == "text[]"
    assert set(entities) == {"Persona", "Deal"}


# -- what a review of these rules found (each an ordinary input the first versions misread)

REVIEWED_GO = """# Data Model

```go
type SeverityLevel int

type Product struct {
    ID        primitive.ObjectID `bson:"_id" json:"id,omitempty"`
    Name      string             `bson:"name" json:"name,omitempty" validate:"required"`
    Price     float64            `bson:"price" json:"price,omitempty"`
    Severity  SeverityLevel      `bson:"severity" json:"severity"`
    Bio       sql.Null[string]   `bson:"bio"`
    Hash      [32]byte           `bson:"hash"`
}

type Webhook struct {
    ID    string `json:"id"`
    Code  string `json:"code,omitempty" binding:"required"`
    Scope string `json:"scope,omitempty"`
}
```
"""


def test_go_tags_that_say_how_a_database_stores_a_field_keep_their_say(tmp_path):
    """`omitempty` makes a field nullable only in a struct written as a document (json tags alone), never beside
    `bson`, `db` or a `validate:"required"`; `SeverityLevel`, `type SeverityLevel int`, is an integer; `sql.Null[string]`
    is a nullable text and `[32]byte` bytes."""
    entities = _stored(tmp_path, REVIEWED_GO, "- **Product**: a product.\n- **Webhook**: a webhook.\n")
    product = _columns(entities["Product"])
    assert product["name"] == ("text", True) and product["price"] == ("double", True) and product["severity"][0] == "integer"
    assert product["bio"] == ("text", False) and product["hash"][0] == "bytes"
    assert _columns(entities["Webhook"]) == {"id": ("text", True), "code": ("text", True), "scope": ("text", False)}


def test_a_named_kind_of_value_outside_go_is_left_to_what_declares_it(tmp_path):
    """`category: ProductCategory` in a TypeScript interface, with ProductCategory a table of the same data model, is
    a key to it, not text."""
    model = """# Data Model

### ProductCategory

| Field | Type | Notes |
|---|---|---|
| id | uuid | PK |
| name | string | |

```typescript
interface Product {
  id: string;
  category: ProductCategory;
}
```
"""
    entities = _stored(tmp_path, model, "- **Product**: a product.\n- **ProductCategory**: a category.\n")
    assert "category" not in _columns(entities["Product"]) or entities["Product"].columns[-1].references == "ProductCategory"


def test_quoted_samples_and_standard_codes_are_no_enum(tmp_path):
    model = """# Data Model

### Device

| Field | Type | Required | Notes |
|---|---|---|---|
| id | uuid | yes | PK |
| locale | string | yes | BCP-47 language tag: "en-US", "pt-BR" |
| currency | string | yes | ISO 4217 code: "USD", "EUR" |
| model | string | yes | Sample: "iPhone15", "Pixel8" |
| plan | string | yes | Billing plan: "free", "pro", "enterprise" |
| status | string | No | NOT NULL, default `active` |
| amount | number \\| string | yes | |
"""
    columns = _columns(_stored(tmp_path, model, "- **Device**: a device.\n")["Device"])
    assert all(not (columns[n][0] or "").startswith("enum") for n in ("locale", "currency", "model"))
    assert columns["plan"][0] == "enum(free, pro, enterprise)" and columns["status"][1] is True
    assert columns["amount"][0] != "text"


def test_prose_entities_are_never_folded_into_a_json_column(tmp_path):
    """`**WeeklySummary**` of the spec's prose beside a Workout whose `summary` is JSON: an entity of its own."""
    [run] = _run(
        tmp_path,
        [
            (
                "001-a",
                (
                    "# A\n\n## Key Entities\n\n- **Workout**: A session. Has a start time, an end time and a summary (JSON with totals).\n"
                    "- **WeeklySummary**: A weekly rollup: week start, total minutes, total calories, workout count.\n"
                ),
                None,
            )
        ],
    ).values()
    assert run["WeeklySummary"][1].stored


def test_a_parent_key_of_another_system_or_a_client_store_heading_with_a_database(tmp_path):
    model = """# Data Model

## Entities (Supabase tables, cached by Zustand)

### Issue

| Field | Type | Notes |
|---|---|---|
| id | string (uuid) | Primary key |
| parentId | string | Jira key of the parent epic (e.g. PROJ-1), null for top-level |

### Folder

| Field | Type | Notes |
|---|---|---|
| id | string (uuid) | Primary key |
| parentId | string | Parent folder; empty for root folders |
"""
    entities = _stored(tmp_path, model, "- **Issue**: an issue.\n- **Folder**: a folder.\n")
    issue = {c.name: c for c in entities["Issue"].columns}
    folder = {c.name: c for c in entities["Folder"].columns}
    assert issue["parent_id"].references is None and issue["parent_id"].type == "text"
    assert folder["parent_id"].references == "Folder" and folder["parent_id"].required is False


def test_infer_on_a_path_meets_the_features_of_its_own_specs_tree(tmp_path, monkeypatch):
    """Run from a monorepo root whose own `specs/` declares Invoice, `infer billing/specs/002-late` reads billing's
    features only: its `Invoice (Modified)` is proposed whole."""
    from click.testing import CliRunner

    from compiler.cli import main

    root_spec = tmp_path / "specs" / "001-tasks"
    root_spec.mkdir(parents=True)
    (root_spec / "spec.md").write_text(
        "# T\n\n## Key Entities\n\n- **Invoice**: an invoice.\n  - `id`: uuid, primary key\n  - `number`: string\n"
    )
    late = tmp_path / "billing" / "specs" / "002-late"
    late.mkdir(parents=True)
    (late / "spec.md").write_text("# L\n\n## Key Entities\n\n- **Invoice**: an invoice, now with a late fee.\n")
    (late / "data-model.md").write_text(
        "# DM\n\n### Invoice (Modified)\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | PK (existing) |\n"
        "| number | string | existing |\n| late_fee | decimal | NEW: fee |\n"
    )
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["infer", "--format", "json", "billing/specs/002-late"])
    assert done.exit_code == 0, done.output
    import json

    [entry] = json.loads(done.stdout)["specs"]
    [invoice] = [e for e in entry["entities"] if e["name"] == "Invoice"]
    assert [c["name"] for c in invoice["columns"]] == ["id", "number", "late_fee"]


# -- what the second review found


def test_second_review_near_misses(tmp_path):
    """A JSON `data` column swallows no `ImportData` table; `### Token Bucket` is no part of Token; a parent key of
    Notion, Dropbox or ClickUp is text; a cell of names is samples, a plural label (`Allowed file types`) several
    values, while a Romance label's head (`Tipo de documento`) names a kind; a Go struct of a PostgreSQL data model
    keeps its NOT NULL columns whatever its json tags; a Zustand store persisted to IndexedDB keeps its records."""
    model = """# Data Model

Stored in a PostgreSQL database via sqlx.

### Invoice

| Field | Type | Notes |
|---|---|---|
| id | uuid | PK |
| data | jsonb | raw payload |

### ImportData

| Field | Type | Notes |
|---|---|---|
| file_name | string | |
| row_count | integer | |

### Token

| Field | Type | Notes |
|---|---|---|
| id | uuid | PK |

### Token Bucket

| Field | Type | Notes |
|---|---|---|
| id | uuid | PK |
| tokens | integer | |

### Page

| Field | Type | Notes |
|---|---|---|
| id | string (uuid) | PK |
| parentId | string | Notion parent block ID |
| ownerName | string | "Alice", "Bob" |
| extensions | string | Allowed file types: "pdf", "docx" |
| docType | string | Tipo de documento: "dni", "pasaporte" |

```go
type Key struct {
    ID   string `json:"id"`
    Uses int    `json:"uses,omitempty"`
}
```

## Offline drafts (Zustand, persisted to IndexedDB with Dexie)

```typescript
interface Draft { id: string; body: string; }
```
"""
    entities = _stored(tmp_path, model, "- **ImportData**: one row per imported CSV file.\n- **Page**: a page.\n")
    assert "ImportData" in entities and "Draft" in entities
    assert "tokens" not in _columns(entities["Token"])
    page = {c.name: c for c in entities["Page"].columns}
    assert page["parent_id"].references is None and page["parent_id"].type == "text"
    assert not (page["owner_name"].type or "").startswith("enum") and not (page["extensions"].type or "").startswith("enum")
    assert page["doc_type"].type == "enum(dni, pasaporte)"
    assert _columns(entities["Key"])["uses"] == ("integer", True)
