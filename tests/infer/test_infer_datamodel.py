"""data-model.md tables, bullets and headings as teams write them: columns in
any order, headers in the corpus's languages, constraint words and shapes,
enum values in a notes column; every field with its file position."""

from __future__ import annotations

import pytest

from compiler.diagnostics import Diagnostics
from compiler.infer.datamodel import read_data_model

TABLES = """# Data Model: Library

## Entities

### 1. User Entity

**Description**: A registered reader.

| Column | Type | Constraints |
|--------|------|-------------|
| `Id` | `Guid` | PK |
| `DisplayName` | `string` | NOT NULL, max 100 chars |
| `Email` | `string` | NOT NULL, max 256 chars, UNIQUE, indexed |
| `Nickname` | `string` | NULLABLE |

### Table: loans

| Constraints | Type | Field | Notes |
|---|---|---|---|
| FK(users.id), ON DELETE CASCADE | UUID | user_id | |
| REFERENCES books(id) | INTEGER | book_id | |
| | enum | status | 'open', 'returned' or 'lost' |
| DEFAULT 0 | INTEGER | renewals | |
| | TIMESTAMP | due_at | Default `CURRENT_TIMESTAMP` |

### Libro

| Campo | Tipo | Descripción | Restricciones |
|-------|------|-------------|---------------|
| `id` | SERIAL | Identificador | PK |
| `titulo` | VARCHAR(200) | Título del libro | NOT NULL |
| `categoria_id` | INT | Categoría | REFERENCES categorias(id) |

### Validation Rules

| Field | Type | Rule |
|---|---|---|
| `ghost` | TEXT | never a column: this heading is prose |
"""

BULLETS = """# Data Model

## Entity: Task

**Fields**:
- `id` (string, PK): Unique identifier
- `title`: string (required, 1-200 chars) - Task title
- `description`: text (optional, max 1000 chars) - Details
- **rola_id**: `INTEGER` (Foreign Key to Rola)
- `AccountStatus`: enum {Active, Locked} (required) - Current state

**Validation Rules**:
- `title` must not be empty
- Email: Must be RFC 5322 compliant
"""


def read(text: str):
    diags = Diagnostics()
    entities = read_data_model("data-model.md", text, diags)
    return {e.name: e for e in entities}, diags


def test_tables_in_any_order_and_language():
    entities, _ = read(TABLES)
    assert list(entities) == ["User", "Loan", "Libro"]
    user = {c.name: c for c in entities["User"].columns}
    assert user["id"].primary_key and user["id"].type == "uuid"
    assert user["display_name"].type == "string(100)" and user["display_name"].required
    assert user["email"].unique and user["email"].indexed and user["email"].type == "string(256)"
    assert user["nickname"].required is False
    assert entities["User"].description == "A registered reader."
    loan = {c.name: c for c in entities["Loan"].columns}
    assert entities["Loan"].table == "loans"
    assert (loan["user_id"].references, loan["user_id"].references_column, loan["user_id"].on_delete) == ("users", "id", "cascade")
    assert loan["book_id"].references == "books"
    assert loan["status"].type == "enum(open, returned, lost)"
    assert loan["renewals"].default == "0"
    assert loan["due_at"].default == "CURRENT_TIMESTAMP"
    libro = {c.name: c for c in entities["Libro"].columns}
    assert libro["titulo"].type == "string(200)" and libro["titulo"].required
    assert libro["categoria_id"].references == "categorias"
    assert libro["id"].primary_key
    assert all(c.name != "ghost" for e in entities.values() for c in e.columns)


def test_bullets_and_labels():
    entities, _ = read(BULLETS)
    task = {c.name: c for c in entities["Task"].columns}
    assert list(task) == ["id", "title", "description", "rola_id", "account_status"]
    assert task["id"].primary_key and task["id"].type == "text"
    assert task["title"].type == "string(200)" and task["title"].required
    assert task["description"].type == "string(1000)" and task["description"].required is False
    assert task["rola_id"].type == "integer" and task["rola_id"].references == "Rola"
    assert task["account_status"].type == "enum(Active, Locked)"


@pytest.mark.parametrize(
    ("text", "name", "line", "col"),
    [(TABLES, "display_name", 12, 4), (TABLES, "book_id", 21, 36), (BULLETS, "rola_id", 9, 5), (BULLETS, "title", 7, 4)],
)
def test_every_field_has_its_position(text, name, line, col):
    entities, _ = read(text)
    column = next(c for e in entities.values() for c in e.columns if c.name == name)
    (evidence,) = column.evidence
    assert (evidence.span.path, evidence.span.line, evidence.span.col) == ("data-model.md", line, col)
    assert evidence.kind in ("table", "bullet")


def test_an_untypeable_field_is_a_finding_not_a_guess():
    entities, diags = read(
        "# Data Model\n\n### Task\n\n| Field | Type |\n|---|---|\n| `blob` | Frobnicator9000 |\n| `name` | VARCHAR(20) |\n"
    )
    assert [c.name for c in entities["Task"].columns] == ["name"]
    (finding,) = [d for d in diags.items if d.code == "W302"]
    assert str(finding.span) == "data-model.md:7:4" and "blob" in finding.message
