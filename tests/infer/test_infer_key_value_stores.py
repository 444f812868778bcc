"""Records kept in key-value stores and JSON files (BBolt buckets, IndexedDB stores, Go structs serialised as
JSON), and the shapes around them: what a data model of such an application says, read as a careful engineer
would write the tables."""

from __future__ import annotations

from pathlib import Path

from compiler.infer import infer_specs


def _run(tmp_path: Path, features: list[tuple[str, str, str | None]]) -> dict:
    """Several features in one run: {folder: {entity name: (action, entity)}}."""
    specs = []
    for folder, spec, data_model in features:
        feature = tmp_path / "specs" / folder
        feature.mkdir(parents=True)
        (feature / "spec.md").write_text(spec)
        if data_model:
            (feature / "data-model.md").write_text(data_model)
        specs.append((feature / "spec.md", f"specs/{folder}/spec.md"))
    return {r.path.parent.name: {p.entity.name: (p.action, p.entity) for p in r.proposals} for r in infer_specs(specs)}


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
