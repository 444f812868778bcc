"""Code blocks of a data-model.md: tables, columns, types, keys and indexes
read by real parsers (sqlglot, ast, Lark), with their file positions; never
executed, never a crash or a hang on hostile input."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from compiler.cli import main
from compiler.infer.code import find_blocks, read_code_blocks
from compiler.infer.typemap import accepted
from tests.conftest import apply_sql, project_stubs

FIXTURES = Path(__file__).parent / "fixtures" / "code"
CORPUS = Path(os.environ.get("SPEC2DB_CORPUS", "/work/shared/corpus"))


def read(name: str):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    entities, findings = read_code_blocks(name, text)
    return {e.name: e for e in entities}, findings, text.split("\n")


def cols(entity):
    return {c.name: c for c in entity.columns}


def shape(column):
    """What a reviewer checks first: type, NOT NULL, key, unique, index, default, FK and its action."""
    return (
        column.type,
        column.required,
        column.primary_key,
        column.unique,
        column.indexed,
        column.default,
        column.references,
        column.on_delete,
    )


def codes(findings):
    return sorted((d.code, d.span.line) for d in findings)


def assert_types_accepted(entities):
    for entity in entities.values():
        for column in entity.columns:
            assert column.type is None or accepted(column.type), (entity.name, column.name, column.type)


def assert_evidence_points_at_the_column(entities, lines, path):
    for entity in entities.values():
        for column in entity.columns:
            assert column.evidence, (entity.name, column.name)
            ev = column.evidence[0]
            assert ev.kind == "code" and ev.span.path == path
            assert ev.text == lines[ev.span.line - 1].strip()
            marked = lines[ev.span.line - 1][ev.span.col - 1 : ev.span.end_col - 1]
            assert marked and marked in ev.text  # the column's name as written, or the whole line


# -- SQL


def test_sql_tables_columns_keys_and_indexes():
    entities, findings, lines = read("sql.md")
    assert list(entities) == ["User", "Task", "TaskTag", "AuditLog", "Note", "Device", "Profile", "Counter", "Member"]
    # a bare union in a comment closes the list; a comma list does not; a comment is no type
    assert {n: c.type for n, c in cols(entities["Member"]).items()} == {
        "id": "text",
        "role": "enum(viewer, editor, owner)",
        "status": "enum(invited, active, gone)",  # the CHECK's list over the comment's
        "nick": "text",
    }
    # MySQL types read in MySQL's own spelling; several columns on one line keep their own positions
    counter = cols(entities["Counter"])
    assert {n: (c.type, c.required, c.default) for n, c in counter.items()} == {
        "id": ("bigint", True, None),
        "on_off": ("boolean", True, "0"),
        "hits": ("integer", False, None),
        "seen": ("timestamp(6)", False, "(now())"),
        "tags": ("text[]", False, None),
    }
    assert [(str(counter[n].evidence[0].span)) for n in ("on_off", "hits", "seen")] == ["sql.md:85:3", "sql.md:85:41", "sql.md:85:60"]
    users, tasks, tags = entities["User"], entities["Task"], entities["TaskTag"]
    assert users.table == "users" and tasks.table == "tasks"
    assert {n: shape(c) for n, c in cols(users).items()} == {
        "id": ("uuid", True, True, False, False, "(gen_random_uuid())", None, None),
        "email": ("string(255)", True, False, True, False, None, None, None),
        "display_name": ("text", False, False, False, False, None, None, None),
        "created_at": ("timestamptz", False, False, False, False, "(now())", None, None),
        # ALTER TABLE ADD COLUMN, then ADD CONSTRAINT ... FOREIGN KEY
        "manager_id": ("uuid", False, False, False, False, None, "User", "set null"),
    }
    assert {n: shape(c) for n, c in cols(tasks).items()} == {
        "id": ("bigint", True, True, False, False, None, None, None),
        "owner_id": ("uuid", True, False, False, False, None, "User", "cascade"),
        "title": ("string(200)", True, False, False, False, None, None, None),
        "status": ("enum(todo, in_progress, done)", True, False, False, False, "'todo'", None, None),  # CREATE TYPE ... AS ENUM
        "priority": ("enum(low, high)", False, False, False, False, None, None, None),  # CHECK (priority IN (...))
        "price": ("decimal(12, 2)", False, False, False, False, None, None, None),
        "tags": ("text[]", False, False, False, False, None, None, None),
        "done": ("boolean", True, False, False, True, "false", None, None),  # the partial index, without its condition
    }
    assert cols(tasks)["price"].description == "check: price >= 0"
    assert tasks.unique_groups == [["owner_id", "title"]]
    assert tasks.indexes == [["owner_id", "status"]]
    # PRIMARY KEY (task_id, tag): one key over two columns
    assert [(c.name, c.composite_key, c.primary_key) for c in tags.columns] == [("task_id", True, False), ("tag", True, False)]
    assert cols(tags)["task_id"].references == "Task" and cols(tags)["task_id"].on_delete == "cascade"
    # MySQL's inline INDEX (read by the MySQL dialect, not as a column named "index")
    assert {n: shape(c) for n, c in cols(entities["AuditLog"]).items()} == {
        "id": ("integer", True, True, False, False, None, None, None),
        "actor": ("string(100)", True, False, False, True, None, None, None),
        "ip": ("string(45)", False, False, False, False, None, None, None),
    }
    assert list(cols(entities["Note"])) == ["id", "body"]  # an indented code block
    # a comment that lists quoted values closes the list; one that says "etc." gives examples
    device = cols(entities["Device"])
    assert (device["kind"].type, device["kind"].description) == ("enum(phone, tablet)", "'phone', 'tablet'")
    assert (device["os"].type, device["os"].description) == ("string(20)", "Operating system; ios, android, etc.")  # + COMMENT ON
    assert entities["Device"].description == "A phone or tablet that signs in"
    # Supabase's auth.users is no table of this model; a generated column says how
    profile = cols(entities["Profile"])
    assert entities["Profile"].table == "profiles"
    assert (profile["id"].references, profile["id"].description) == (None, "references auth.users (outside this schema)")
    assert profile["device_id"].references == "Device"
    assert profile["score"].description == "generated: 1 + 2"
    assert codes(findings) == [("W343", 40), ("W344", 48), ("W344", 86), ("W345", 33), ("W345", 35)]
    assert str(next(d for d in findings if d.code == "W344").span) == "sql.md:48:5"
    assert_types_accepted(entities)
    assert_evidence_points_at_the_column(entities, lines, "sql.md")
    assert cols(tasks)["owner_id"].evidence[0].span.line == 16
    assert cols(tags)["task_id"].evidence[-1].text.startswith("FOREIGN KEY (task_id)")


# -- Python


def test_python_sqlmodel_sqlalchemy_django_pydantic_dataclass_alembic():
    entities, findings, lines = read("python.md")
    assert "Priority" not in entities and "Base" not in entities  # an enum and a declarative base: no tables
    task = entities["Task"]
    assert task.table == "tasks" and task.stored
    assert {n: shape(c) for n, c in cols(task).items()} == {
        "title": ("string(200)", True, False, False, False, None, None, None),  # from TaskBase
        "description": ("text", False, False, False, False, None, None, None),
        "id": ("integer", True, True, False, False, None, None, None),
        "owner_id": ("uuid", True, False, False, True, None, "User", "cascade"),
        "priority": ("enum(low, high)", True, False, False, False, "'low'", None, None),
        "done": ("boolean", True, False, False, False, "false", None, None),
        "created_at": ("timestamp", True, False, False, False, "(now())", None, None),
    }  # `owner` (Relationship) is navigation, not a column
    for schema in ("TaskBase", "TaskCreate"):
        assert not entities[schema].stored and "table=True" in entities[schema].not_stored_reason
    user = entities["User"]
    assert {n: shape(c) for n, c in cols(user).items()} == {
        "id": ("uuid", True, True, False, False, "(gen_random_uuid())", None, None),
        "org_id": ("integer", True, False, False, False, None, "Org", "restrict"),
        "email": ("string(320)", True, False, True, False, None, None, None),
        "name": ("string(100)", False, False, False, True, None, None, None),
    }
    assert user.unique_groups == [["org_id", "email"]]
    org = entities["Org"]
    assert {n: shape(c) for n, c in cols(org).items()} == {
        "id": ("integer", True, True, False, False, None, None, None),
        "name": ("string(80)", True, False, False, False, None, None, None),
        "plan": ("enum(free, pro)", False, False, False, False, "'free'", None, None),
    }
    article = entities["Article"]
    assert article.table == "blog_articles"
    assert {n: shape(c) for n, c in cols(article).items()} == {
        "id": ("bigint", True, True, False, False, None, None, None),  # Django's implicit key
        "title": ("string(120)", True, False, True, False, None, None, None),
        "body": ("text", False, False, False, False, None, None, None),
        "author_id": ("bigint", True, False, False, False, None, "User", "cascade"),  # another app's model: Django's integer key
        "price": ("decimal(10, 2)", True, False, False, False, None, None, None),
        # `choices=`: a constant, a nested TextChoices class, a literal list; integer choices stay integers
        "status": ("enum(draft, published)", True, False, False, False, "'draft'", None, None),
        "published_at": ("timestamp", False, False, False, False, None, None, None),
        "audience": ("enum(all, staff)", True, False, False, False, None, None, None),
        "language": ("enum(en, pl)", False, False, False, False, None, None, None),
        "stars": ("integer", True, False, False, False, None, None, None),
    }
    assert cols(article)["stars"].description == "choices: 1, 5"
    assert article.unique_groups == [["author_id", "title"]]
    assert not entities["LoginRequest"].stored and "Pydantic" in entities["LoginRequest"].not_stored_reason
    note = entities["Note"]
    # a dataclass in a file whose tables are ORM classes: an in-memory shape
    assert not note.stored and "shape" in note.not_stored_reason
    assert {n: (c.type, c.required, c.default) for n, c in cols(note).items()} == {
        "id": ("integer", True, None),
        "text": ("text", True, None),
        "pinned": ("boolean", True, "false"),
        "archived_at": ("timestamp", False, None),
    }
    alert = entities["AlertTrigger"]
    assert alert.table == "alert_trigger"
    assert {n: shape(c) for n, c in cols(alert).items()} == {
        "id": ("integer", True, True, False, False, None, None, None),
        "alert_id": ("integer", True, False, False, True, None, "Alert", "cascade"),
        "triggered_at": ("timestamptz", True, False, False, False, None, None, None),
    }
    assert codes(findings) == [("W340", 107)]  # `class Broken(:`
    assert_types_accepted(entities)
    assert_evidence_points_at_the_column(entities, lines, "python.md")


# -- Prisma, TypeScript, Go, C#, Mermaid, ASCII


def test_prisma_models_relations_maps_and_enums_declared_later():
    entities, findings, lines = read("prisma.md")
    user, post, like = entities["User"], entities["Post"], entities["PostLike"]
    assert user.table == "users" and post.table == "posts" and like.table is None
    assert {n: shape(c) for n, c in cols(user).items()} == {
        "id": ("uuid", True, True, False, False, "(gen_random_uuid())", None, None),  # String @default(uuid())
        "email": ("string(320)", True, False, True, False, None, None, None),
        "display_name": ("text", False, False, False, False, None, None, None),  # @map
        "role": ("enum(MEMBER, ADMIN)", True, False, False, False, "'MEMBER'", None, None),  # enum declared after
        "balance": ("decimal(12, 2)", True, False, False, False, None, None, None),
        "created_at": ("timestamp", True, False, False, False, "(now())", None, None),
    }  # posts (a list) and profile (the back side of a relation) are navigation
    assert {n: shape(c) for n, c in cols(post).items()} == {
        "id": ("integer", True, True, False, False, None, None, None),
        "author_id": ("uuid", True, False, False, False, None, "User", "cascade"),  # references a uuid key
        "title": ("text", True, False, False, False, None, None, None),
        "status": ("enum(draft, published)", True, False, False, True, None, None, None),  # the comment's union
        "tags": ("text[]", True, False, False, False, None, None, None),
    }
    assert post.unique_groups == [["author_id", "title"]]
    assert [(c.name, c.composite_key) for c in like.columns] == [("post_id", True), ("user_id", True)]
    assert [(c.name, c.type, c.default, c.description) for c in entities["Account"].columns] == [
        ("id", "uuid", None, ""),
        ("handle", "text", None, "a cuid is no uuid"),
    ]
    assert codes(findings) == [("W347", 24)]
    assert_types_accepted(entities)
    assert_evidence_points_at_the_column(entities, lines, "prisma.md")


def test_typescript_go_and_csharp():
    entities, findings, lines = read("typescript.md")
    project = entities["Project"]
    assert {n: (c.type, c.required, c.references) for n, c in cols(project).items()} == {
        "id": ("text", True, None),
        "owner_id": ("text", True, "Owner"),  # `<entity>Id` with the entity in the file
        "name": ("text", True, None),
        "visibility": ("enum(private, team)", True, None),  # a type alias of literals
        "level": ("enum(low, high)", False, None),  # a TypeScript enum
        "budget": ("decimal", True, None),
        "member_count": ("integer", True, None),
        "archived_at": ("timestamptz", False, None),
        "settings": ("json", True, None),
    }  # members: Member[] and owner: Owner are objects
    assert cols(project)["name"].description == "shown in lists"
    assert not entities["CreateProjectRequest"].stored
    assert "IInvoiceRepository" not in entities
    tx = entities["Transaction"]
    assert {n: (c.type, c.required, c.primary_key, c.references) for n, c in cols(tx).items()} == {
        "id": ("bigint", True, True, None),
        "owner_id": ("bigint", True, False, "Owner"),
        "kind": ("enum(deposit, withdraw)", True, False, None),  # Go string constants; json tags name the API, not the column
        "note": ("text", False, False, None),
        "created_at": ("timestamptz", True, False, None),
    }  # `db:"-"` is no column
    assert {n: shape(c) for n, c in cols(entities["Account"]).items()} == {
        "id": ("bigint", True, True, False, False, None, None, None),
        "email": ("string(320)", True, False, True, False, None, None, None),
    }
    assert {n: (c.type, c.required, c.primary_key) for n, c in cols(entities["Invoice"]).items()} == {
        "id": ("uuid", True, True),
        "number": ("string(40)", True, False),  # a non-nullable reference type
        "total": ("decimal", True, False),
        "issued_at": ("timestamptz", True, False),
        "memo": ("text", False, False),
    }
    assert not entities["Theme"].stored and "no id" in entities["Theme"].not_stored_reason
    assert all(entities[n].stored for n in ("Project", "Owner", "Transaction", "Account", "Invoice"))
    assert ("W344", 14) in codes(findings)  # `budget: number`
    assert_types_accepted(entities)
    assert_evidence_points_at_the_column(entities, lines, "typescript.md")


def test_mermaid_and_ascii_diagrams():
    entities, findings, lines = read("diagrams.md")
    assert {n: (c.type, c.primary_key, c.unique, c.references) for n, c in cols(entities["Order"]).items()} == {
        "id": ("uuid", True, False, None),
        "customer_id": ("uuid", False, False, "Customer"),
        "total": ("decimal", False, False, None),
    }
    assert cols(entities["Customer"])["email"].unique
    shipment = entities["Shipment"]
    assert {n: (c.type, c.primary_key, c.references) for n, c in cols(shipment).items()} == {
        "id": (None, True, None),
        "order_id": (None, False, "Order"),
        "carrier": ("text", False, None),
    }
    assert findings == []  # a diagram names columns; the tables beside it type them
    # drawn with box characters, side by side, a separator drawn inside, a right border one column off
    assert [(c.name, c.type, c.primary_key) for c in entities["Library"].columns] == [("id", None, True), ("name", None, False)]
    assert [(c.name, c.type, c.references) for c in entities["Loan"].columns] == [
        ("id", None, None),
        ("library_id", None, "Library"),
        ("due_on", "date", None),
    ]
    assert "Shelved" not in entities and "OnLoan" not in entities  # a state diagram: boxes without fields
    # a box row's parentheses: type and modifiers; a row that is a table constraint
    member = entities["Member"]  # the `members` box joins the `Member` box above
    assert member.table == "members" and member.unique_groups == [["club_id", "email"]]
    assert {n: shape(c) for n, c in cols(member).items()} == {
        "id": ("uuid", True, True, False, False, None, None, None),
        "email": ("string(255)", True, False, True, False, None, None, None),
        "plan": ("enum(free, pro)", True, False, False, False, None, None, None),
        "joined_at": ("timestamp", None, False, False, False, "(now())", None, None),
        "club_id": ("uuid", True, False, False, False, None, "Club", None),
    }
    # rows marked `PK`/`FK`/`IDX` in front, `→ table.id (CASCADE DELETE)`, `[a|b]` values, notes after the type
    invoice = entities["Invoice"]
    assert invoice.table == "invoices"
    assert {n: shape(c) for n, c in cols(invoice).items()} == {
        "id": ("uuid", True, True, False, False, None, None, None),
        "club_id": ("uuid", None, False, False, False, None, "Club", "cascade"),
        "state": ("enum(open, paid, void)", None, False, False, True, None, None, None),
        "note": ("string(300)", False, False, False, False, None, None, None),
        "due_on": ("date", None, False, False, False, None, None, None),
    }
    # Mermaid with table names and `PK_FK`
    assert entities["Club"].table == "clubs"
    assert [(c.name, c.composite_key, c.references) for c in entities["ClubTag"].columns] == [
        ("club_id", True, "Club"),
        ("tag", True, None),
    ]
    assert_types_accepted(entities)
    assert_evidence_points_at_the_column(entities, lines, "diagrams.md")


# -- fences


def test_fences_tildes_indented_unclosed_and_nested_in_lists():
    text = "\n".join(  # noqa: FLY002  one line per file line, numbered
        [
            "# x",  # 1
            "- item",  # 2
            "",  # 3
            "  ```sql",  # 4
            "  CREATE TABLE a (id INT PRIMARY KEY);",  # 5
            "  ```",  # 6
            "",  # 7
            "> ```sql",  # 8
            "> CREATE TABLE b (id INT PRIMARY KEY);",  # 9
            "> ```",  # 10
            "",  # 11
            "```",  # 12: no info string: known by its content
            "CREATE TABLE c (id INT PRIMARY KEY);",  # 13
            "```",  # 14
            "",
            "```json",  # 16: not a data model
            '{"CREATE TABLE": 1}',
            "```",
            "",
            "```sql",  # 20: never closed
            "CREATE TABLE d (id INT PRIMARY KEY,",
            "  name TEXT NOT NULL);",  # 22
        ]
    )
    entities, findings = read_code_blocks("f.md", text)
    by_name = {e.name: e for e in entities}
    assert list(by_name) == ["A", "B", "C", "D"]
    assert [(n, by_name[n].columns[0].evidence[0].span.line, by_name[n].columns[0].evidence[0].span.col) for n in "ABC"] == [
        ("A", 5, 19),
        ("B", 9, 19),
        ("C", 13, 17),
    ]
    assert cols(by_name["D"])["name"].evidence[0].span.line == 22
    assert findings == []
    assert [b.info for b in find_blocks(text)] == ["sql", "sql", "", "json", "sql"]


# -- the tuning corpus (read where it is; skipped when absent)


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")


@needs_corpus
def test_corpus_sql_with_check_enums_inet_and_a_mysql_inline_index():
    path = CORPUS / "PashmeenZia+hackathon2_phase3__specs-001-auth-security-data-model.md"
    entities, found = read_code_blocks(path.name, path.read_text(encoding="utf-8"))
    by_name = {e.name: e for e in entities}
    stored = sorted(n for n, e in by_name.items() if e.stored)
    assert stored == ["AuthEvent", "Task", "User"]
    # `### Token Revocation (Future Implementation)`: its CREATE TABLE is not this feature's schema
    assert [d.code for d in found if "Future Implementation" in d.message] == ["W315"]
    assert sorted(n for n, e in by_name.items() if not e.stored) == [
        "AuthenticatedUser",
        "LoginErrorResponse",
        "LoginRequest",
        "LoginSuccessResponse",
        "PasswordHash",
        "RequestContext",
    ]
    tasks = cols(by_name["Task"])
    assert [(n, c.type, c.required) for n, c in tasks.items()] == [
        ("id", "uuid", True),
        ("user_id", "uuid", True),
        ("title", "string(255)", True),
        ("description", "text", False),
        ("status", "enum(pending, in_progress, completed, archived)", False),
        ("created_at", "timestamptz", False),
        ("updated_at", "timestamptz", False),
    ]
    assert (tasks["user_id"].references, tasks["user_id"].on_delete) == ("User", "cascade")
    assert cols(by_name["AuthEvent"])["ip_address"].type == "string(45)"
    assert cols(by_name["AuthEvent"])["details"].type == "jsonb"


@needs_corpus
def test_corpus_prisma_after_sql_keeps_the_sql_types():
    path = CORPUS / "naibarn+Smart-AI-Hub__specs-002-user-management-data-model.md"
    entities, _ = read_code_blocks(path.name, path.read_text(encoding="utf-8"))
    by_name = {e.name: e for e in entities}
    users = cols(by_name["User"])
    assert by_name["User"].table == "users"
    assert [(n, c.type, c.required) for n, c in users.items()] == [
        ("id", "uuid", True),
        ("email", "string(255)", True),
        ("password_hash", "string(255)", False),
        ("verified", "boolean", False),
        ("google_id", "string(255)", False),
        ("created_at", "timestamptz", False),
        ("updated_at", "timestamptz", False),
    ]
    roles = cols(by_name["UserRole"])
    assert [(n, c.type, c.composite_key, c.references) for n, c in roles.items()] == [
        ("user_id", "uuid", True, "User"),
        ("role_id", "uuid", True, "Role"),
        ("assigned_at", "timestamptz", False, None),
    ]


@needs_corpus
def test_corpus_go_typescript_and_sqlite_ddl():
    path = CORPUS / "amacrobert+bank-of-dad__specs-002-account-balances-data-model.md"
    entities, _ = read_code_blocks(path.name, path.read_text(encoding="utf-8"))
    by_name = {e.name: e for e in entities}
    tx = cols(by_name["Transaction"])
    assert [(n, c.type, c.required, c.references) for n, c in tx.items()] == [
        ("id", "integer", True, None),
        ("child_id", "integer", True, "Child"),
        ("parent_id", "integer", True, "Parent"),
        ("amount_cents", "integer", True, None),
        ("transaction_type", "enum(deposit, withdrawal)", True, None),
        ("note", "text", False, None),
        ("created_at", "text", True, None),
    ]
    assert [(c.name, c.type, c.required, c.default) for c in by_name["Child"].columns] == [("balance_cents", "integer", True, "0")]
    assert not by_name["BalanceResponse"].stored


# -- hostile input


def test_code_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    payloads = [
        f"__import__('os').system('touch {marker}')",
        f"exec(\"open('{marker}', 'w').write('x')\")",
        f"open('{marker}', 'w').write('x')",
    ]
    body = "\n".join(payloads)
    text = f"""# x

```python
{body}

def side_effect(cls):
    open('{marker}', 'w').write('x')
    return cls

@side_effect
class Task(SQLModel, table=True):
    id: int = Field(default=__import__('os').system('touch {marker}'), primary_key=True)
    title: str = Field(max_length=eval("__import__('os').system('touch {marker}')"))
```

```sql
CREATE TABLE t (id INT DEFAULT (pg_sleep(100)), x TEXT DEFAULT ({payloads[0]!r}));
```
"""
    entities, _ = read_code_blocks("x.md", text)
    assert not marker.exists()
    assert [c.name for c in entities[0].columns] == ["id", "title"]


def _timed(text: str, limit: float = 20.0):
    start = time.perf_counter()
    result = read_code_blocks("big.md", text)
    elapsed = time.perf_counter() - start
    assert elapsed < limit, f"{elapsed:.1f}s"
    return result


def test_enormous_blocks_are_a_finding_not_a_hang():
    rows = "\n".join(f"    col_{i} INTEGER NOT NULL," for i in range(50_000))
    entities, findings = _timed(f"```sql\nCREATE TABLE huge (\n{rows}\n    id INT\n);\n```\n")
    assert entities == [] and [d.code for d in findings] == ["W342"]
    assert str(findings[0].span) == "big.md:1:1"
    entities, findings = _timed("```python\nx = '" + "a" * 5_000_000 + "'\n```\n")
    assert entities == [] and [d.code for d in findings] == ["W342"]


def test_a_large_table_under_the_limit_reads_in_linear_time():
    rows = "\n".join(f"    col_{i} VARCHAR(20) NOT NULL," for i in range(3_000))
    entities, findings = _timed(f"```sql\nCREATE TABLE wide (\n{rows}\n    id INT PRIMARY KEY\n);\n```\n", limit=30.0)
    assert len(entities[0].columns) == 3_001 and findings == []
    assert entities[0].columns[2_999].evidence[0].span.line == 3_002
    assert entities[0].columns[3_000].primary_key


@pytest.mark.parametrize(
    "text",
    [
        "```python\nx = " + "(" * 100_000 + "1" + ")" * 100_000 + "\n```\n",
        "```python\nclass A(SQLModel, table=True):\n    x: " + "List[" * 5_000 + "int" + "]" * 5_000 + "\n```\n",
        "```sql\nCREATE TABLE t (a INT DEFAULT " + "(" * 5_000 + "1" + ")" * 5_000 + ");\n```\n",
        "```sql\nCREATE TABLE t (a INT CHECK (" + " AND ".join(f"a > {i}" for i in range(3_000)) + "));\n```\n",
        "```typescript\ninterface A {\n" + "  a: {\n" * 3_000 + "  }\n" * 3_000 + "}\n```\n",
        "```prisma\nmodel A {\n  a String @default(" + "f(" * 3_000 + ")" * 3_000 + ")\n}\n```\n",
        "```sql\nCREATE TABLE",
        "```python\nclass A(\n",
        "````\n```sql\nCREATE TABLE x (id INT)\n````\n",
        "```go\ntype A struct {\n    X " + "[]" * 10_000 + "int\n}\n```\n",
        "```\n+----+\n|" + " " * 10_000 + "|\n+----+\n```\n",
        "```mermaid\nerDiagram\n" + "A {\n" * 10_000 + "```\n",
        "```csharp\npublic class A {\n    public a" + " " * 200_000 + "b\n}\n```\n",
        "```typescript\ninterface A {\n  a: " + "x " * 200_000 + "\n}\n```\n",
        "```java\nclass A {\n    private " + "List<" * 50_000 + "\n}\n```\n",
        "```csharp\nmodelBuilder.Entity<A>(e => { e.Property(x => x.Y)" + ".HasMaxLength(1" * 50_000 + "\n```\n",
        "```csharp\nmodelBuilder.Entity<A>(e => e.HasIndex(x => new { " + "x.A, " * 50_000 + "}));\n```\n",
        "```typescript\n@Entity()\nclass A {\n" + "  @Column({ length: 1 })\n" * 15_000 + "  x!: string;\n}\n```\n",
        "```typescript\nclass A {\n  @Column(" + "(" * 50_000 + "\n  x!: string;\n}\n```\n",
        "```typescript\nexport const t = pgTable('t', {\n" + "  a: text('a').default(" * 20_000 + "\n```\n",
        "```typescript\n" + "export const t = pgTable('t', {\n" * 19_000 + "```\n",
    ],
    ids=[
        "python-parens",
        "python-generics",
        "sql-parens",
        "sql-long-check",
        "ts-nested",
        "prisma-nested",
        "sql-cut",
        "python-cut",
        "fence-in-fence",
        "go-arrays",
        "ascii-wide",
        "mermaid-open",
        "csharp-spaces",
        "ts-long-member",
        "java-open-generics",
        "ef-long-chain",
        "ef-wide-index",
        "typeorm-many-decorators",
        "typeorm-open-decorator",
        "drizzle-open",
        "drizzle-many-open",
    ],
)
def test_deep_broken_and_odd_blocks_never_crash(text):
    entities, findings = _timed(text)
    for entity in entities:
        for column in entity.columns:
            assert column.type is None or accepted(column.type)
    for finding in findings:
        assert finding.code.startswith("W34") and finding.span is not None


def test_binary_junk_is_no_crash():
    junk = bytes(range(256)).decode("latin-1") * 200
    text = f"```sql\nCREATE TABLE t ({junk});\n```\n```python\n{junk}\n```\n```prisma\nmodel A {{\n{junk}\n}}\n```\n```\x00\n{junk}\n```\n"
    _, findings = _timed(text)
    assert all(f.code.startswith("W34") for f in findings)


def test_java_entities_and_csharp_records():
    entities, findings, lines = read("jvm.md")
    book = entities["Book"]
    assert book.table == "books" and book.stored  # @Entity @Table(name = "books")
    assert {n: (c.type, c.required, c.primary_key, c.unique) for n, c in cols(book).items()} == {
        "id": ("bigint", True, True, False),
        "title": ("string(200)", True, False, False),  # @Column(nullable = false, length = 200)
        "isbn": ("text", False, False, True),  # a Java reference may be null
        "price": ("decimal", False, False, False),
        "published_on": ("date", False, False, False),  # LocalDate is a day, whatever the name says
        "created_at": ("timestamptz", False, False, False),
    }  # getTitle() is a method
    author = entities["Author"]
    assert {n: (c.type, c.required) for n, c in cols(author).items()} == {
        "id": ("uuid", True),
        "name": ("text", True),
        "born_on": ("date", False),
    }
    assert not author.stored  # a record beside an @Entity: a shape
    assert findings == []
    assert_evidence_points_at_the_column(entities, lines, "jvm.md")


@pytest.mark.parametrize(
    ("table", "entity"),
    [
        ("users", "User"),
        ("categories", "Category"),
        ("statuses", "Status"),
        ("addresses", "Address"),
        ("people", "Person"),
        ("children", "Child"),
        ("user_roles", "UserRole"),
        ("alert_trigger", "AlertTrigger"),
        ("data", "Data"),
        ("settings", "Settings"),
        ("TaskTags", "TaskTag"),
        ("leases", "Lease"),
        ("purchase_cases", "PurchaseCase"),
        ("warehouses", "Warehouse"),
        ("databases", "Database"),
        ("buses", "Bus"),
        ("aliases", "Alias"),
    ],
)
def test_table_names_become_entity_names(table, entity):  # (`leases` is Lease, not Leas)
    from compiler.infer.code import entity_name

    assert entity_name(table) == entity


def test_a_column_typed_by_an_enum_class_declared_later():
    text = """```python
class Task(Base):
    __tablename__ = "tasks"
    id = Column(Integer, primary_key=True)
    status = Column(Enum(TaskStatus), nullable=False, default=TaskStatus.TODO)
    kind: Mapped[Kind] = mapped_column()


class TaskStatus(str, enum.Enum):
    TODO = "todo"
    DONE = "done"
```

```python
Kind = Literal["bug", "feature"]
```
"""
    entities, findings = read_code_blocks("x.md", text)
    assert [(c.name, c.type, c.required, c.default) for c in entities[0].columns] == [
        ("id", "integer", True, None),
        ("status", "enum(todo, done)", True, "'todo'"),
        ("kind", "enum(bug, feature)", True, None),  # a Literal alias in a later block
    ]
    assert findings == []


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_positions_with_any_line_ending_and_a_bom(newline):
    text = "\ufeff# x" + newline * 2 + newline.join(["```sql", "CREATE TABLE a (", "  id INT PRIMARY KEY,", "  name TEXT", ");", "```", ""])
    entities, findings = read_code_blocks("x.md", text)
    assert [(c.name, str(c.evidence[0].span), c.evidence[0].text) for c in entities[0].columns] == [
        ("id", "x.md:5:3", "id INT PRIMARY KEY,"),
        ("name", "x.md:6:3", "name TEXT"),
    ]
    assert findings == []


def test_markdown_nesting_past_the_parser_limit_is_no_crash():
    text = ">" * 100_000 + " ```sql\nCREATE TABLE a (id int);\n```\n" + "- " * 50_000 + "x\n"
    _timed(text)


def test_ef_core_fluent_configuration():
    entities, findings, lines = read("efcore.md")
    shelf = entities["Shelf"]
    assert shelf.table == "shelves" and shelf.stored
    assert shelf.unique_groups == [["room_id", "label"]]
    assert {n: shape(c) for n, c in cols(shelf).items()} == {
        "id": ("uuid", True, True, False, False, None, None, None),
        "label": ("string(80)", True, False, False, False, None, None, None),  # HasMaxLength on a string
        "width": ("decimal(6, 2)", True, False, False, False, None, None, None),  # HasColumnType
        "room_id": ("uuid", True, False, False, False, None, "Room", "set null"),
    }
    # an entity the configuration names without its class: its index stays on the entity, no column is guessed
    assert entities["Room"].columns == [] and entities["Room"].indexes == [["code"]]
    assert findings == []
    assert_evidence_points_at_the_column(entities, lines, "efcore.md")
    # the configuration refines a class declared before it, in another block
    assert [(c.name, c.type, c.primary_key) for c in entities["Lamp"].columns] == [("id", "integer", True), ("model", "string(40)", False)]


def test_a_foreign_key_to_a_class_no_block_declares_keeps_its_name_as_written():
    text = (
        "```csharp\npublic class Attachment\n{\n    public int AttachmentId { get; set; }\n    public int TaskId { get; set; }\n"
        '    [ForeignKey("TaskId")]\n    public virtual TaskItem Task { get; set; } = null!;\n}\n```\n'
    )
    entities, _ = read_code_blocks("data-model.md", text)
    (attachment,) = [e for e in entities if e.name == "Attachment"]
    assert cols(attachment)["attachment_id"].primary_key  # EF Core's `<Class>Id`
    assert cols(attachment)["task_id"].references == "TaskItem"


def test_many_indexes_and_foreign_keys_stay_linear():
    n = 3_000
    columns = ",\n".join(f"  c{i} INT" for i in range(n))
    fks = ",\n".join(f"  FOREIGN KEY (c{i}) REFERENCES t(c{i})" for i in range(n))
    indexes = "\n".join(f"CREATE INDEX i{i} ON t (c{i}, c{i + 1});\nCREATE INDEX j{i} ON t (c{i});" for i in range(n - 1))
    entities, _ = _timed(f"```sql\nCREATE TABLE t (\n{columns},\n{fks}\n);\n{indexes}\n```\n", limit=30.0)
    assert len(entities[0].columns) == n and len(entities[0].indexes) == n - 1
    assert all(c.indexed and c.references == "T" for c in entities[0].columns[: n - 1])


def test_jpa_entity_names_enums_and_object_fields():
    entities, findings, _ = read("jvm.md")
    edition = entities["Edition"]  # `EditionJpaEntity` mapped to `editions`
    assert edition.table == "editions" and edition.stored
    assert {n: (c.type, c.primary_key) for n, c in cols(edition).items()} == {
        "id": ("bigint", True),
        "genre": ("enum(FICTION, POETRY)", False),  # a Java enum in the same block
        "format": ("string(12)", False),  # @Enumerated of an enum the file does not list: its name, as text
    }  # `publisher` is an object (a relation without a foreign key column)
    assert findings == []


def test_a_column_typed_by_a_class_stays_when_the_ddl_declares_it():
    text = """```java
@Entity
public class Room {
    @Id
    private Long id;
    private RoomKind kind;
}
```

```sql
CREATE TABLE rooms (id BIGINT PRIMARY KEY, kind VARCHAR(10) NOT NULL);
```
"""
    entities, _ = read_code_blocks("x.md", text)
    assert [(c.name, c.type, c.required) for c in entities[0].columns] == [("id", "bigint", True), ("kind", "string(10)", True)]


def test_arrays_of_an_enum_alias_are_text_arrays():
    text = """```typescript
type Tag = 'a' | 'b';
interface Post { id: string; tags: Tag[]; tag: Tag; many: Array<Tag>; comments: Comment[] }
```
"""
    entities, findings = read_code_blocks("x.md", text)
    assert [(c.name, c.type) for c in entities[0].columns] == [
        ("id", "text"),
        ("tags", "text[]"),
        ("tag", "enum(a, b)"),
        ("many", "text[]"),
    ]
    assert findings == []


# -- end to end: what the readers propose is written, built and applied on PostgreSQL

SPEC = """# Feature Specification: fixture

## Requirements

### Key Entities

- **Placeholder**: the data model names the entities.
"""


@pytest.mark.parametrize(
    ("fixture", "entities"),
    [
        ("sql.md", ["User", "Task", "TaskTag", "AuditLog", "Counter"]),
        ("python.md", ["Task", "User", "Org", "blog_articles", "AlertTrigger"]),  # Article: its Meta's db_table
        ("prisma.md", ["User", "Post", "PostLike"]),
        ("typescript.md", ["Project", "Transaction", "Invoice"]),
        ("jvm.md", ["Book", "Edition"]),
        ("efcore.md", ["Shelf", "Lamp"]),
        ("typeorm.md", ["User", "Org"]),
        ("drizzle.md", ["User", "Org"]),
    ],
)
def test_proposals_build_and_apply_on_postgres(fixture, entities, tmp_path, monkeypatch, pg, fresh_db):
    from compiler.naming import table_name

    feature = tmp_path / "specs" / "001-fixture"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text(SPEC, encoding="utf-8")
    (feature / "data-model.md").write_text((FIXTURES / fixture).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    inferred = CliRunner().invoke(main, ["infer", "--write"])
    assert inferred.exit_code == 0, inferred.output
    build = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out"), "--no-cache"])
    assert build.exit_code == 0, build.output
    schema = (tmp_path / "out" / "specs" / "001-fixture" / "schema.sql").read_text(encoding="utf-8")
    for entity in entities:  # (a table name where the data model names one apart from its entity)
        table = entity if "_" in entity else table_name(entity, True)
        assert f"CREATE TABLE {table} (" in schema, entity
    apply_sql(pg, fresh_db, project_stubs(tmp_path) + schema)
    assert CliRunner().invoke(main, ["infer"]).stdout == ""  # idempotent: its own output proposes nothing


def test_embedded_gorm_model_and_interface_inheritance():
    text = """```go
type User struct {
    gorm.Model
    Email string `gorm:"uniqueIndex;not null"`
}
```

```typescript
interface Timestamps { createdAt: Date; updatedAt: Date }
interface Task extends Timestamps { id: string; title: string }
```
"""
    entities, findings = read_code_blocks("x.md", text)
    by_name = {e.name: e for e in entities}
    assert [(c.name, c.type, c.required, c.primary_key, c.indexed, c.unique) for c in by_name["User"].columns] == [
        ("id", "bigint", True, True, False, False),
        ("created_at", "timestamptz", True, False, False, False),
        ("updated_at", "timestamptz", True, False, False, False),
        ("deleted_at", "timestamptz", False, False, True, False),
        ("email", "text", True, False, False, True),
    ]
    assert [c.name for c in by_name["Task"].columns] == ["created_at", "updated_at", "id", "title"]
    assert not by_name["Timestamps"].stored  # no id: a mixin shape
    assert findings == []


def test_domains_and_type_aliases_give_their_type():
    text = """```sql
CREATE DOMAIN money_amount AS NUMERIC(12,2) CHECK (VALUE >= 0);
CREATE TABLE orders (id INT PRIMARY KEY, total money_amount NOT NULL);
```

```typescript
type UserId = string;
interface Note { id: UserId; owners: UserId[] }
```

```python
TaskID = int

@dataclass
class Item:
    id: TaskID
```
"""
    entities, findings = read_code_blocks("x.md", text)
    assert {e.name: [(c.name, c.type) for c in e.columns] for e in entities} == {
        "Order": [("id", "integer"), ("total", "decimal(12, 2)")],
        "Note": [("id", "text"), ("owners", "text[]")],
        "Item": [("id", "integer")],
    }
    assert findings == []


def test_sqlmodel_sa_column_keeps_the_fields_default():
    text = """```python
class Task(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
    tags: list[str] = Field(default_factory=list, sa_column=Column(ARRAY(String)))
    status: TaskStatus = Field(default=TaskStatus.TODO, sa_column=Column(SAEnum(TaskStatus, name="task_status")))


class TaskStatus(str, Enum):
    TODO = "todo"
    DONE = "done"
```
"""
    entities, findings = read_code_blocks("x.md", text)
    assert [(c.name, c.type, c.required, c.default) for c in entities[0].columns] == [
        ("id", "uuid", True, "(gen_random_uuid())"),
        ("created_at", "timestamptz", True, "(now())"),
        ("tags", "text[]", False, None),  # a Column is nullable unless it says otherwise
        ("status", "enum(todo, done)", False, "'todo'"),
    ]
    assert findings == []


def test_typeorm_entities():
    entities, findings, lines = read("typeorm.md")
    user = entities["User"]  # `UserEntity` mapped to `users`
    assert user.table == "users" and user.stored and user.unique_groups == [["org_id", "email"]]
    assert {n: shape(c) for n, c in cols(user).items()} == {
        "id": ("uuid", True, True, False, False, "(gen_random_uuid())", None, None),
        "email": ("string(320)", True, False, True, False, None, None, None),
        "display_name": ("text", False, False, False, False, None, None, None),
        "role": ("enum(admin, member)", True, False, False, False, "'member'", None, None),
        "balance": ("decimal(10, 2)", True, False, False, False, "0", None, None),
        "org_id": ("text", True, False, False, False, None, "Org", "cascade"),  # @ManyToOne + @JoinColumn
        "created_at": ("timestamptz", True, False, False, False, "(now())", None, None),
        "deleted_at": ("timestamp", False, False, False, False, None, None, None),
    }  # posts (@OneToMany) is the other side
    assert {n: shape(c) for n, c in cols(entities["Org"]).items()} == {
        "id": ("integer", True, True, False, False, None, None, None),
        "name": ("string(80)", True, False, False, True, None, None, None),
    }
    assert findings == []
    assert_evidence_points_at_the_column(entities, lines, "typeorm.md")


def test_drizzle_tables():
    entities, findings, lines = read("drizzle.md")
    assert (entities["Org"].table, entities["User"].table) == ("orgs", "users")
    assert {n: shape(c) for n, c in cols(entities["User"]).items()} == {
        "id": ("uuid", True, True, False, False, "(gen_random_uuid())", None, None),
        "email": ("text", True, False, True, False, None, None, None),
        "role": ("enum(admin, member)", True, False, False, False, "'member'", None, None),  # a pgEnum
        "org_id": ("integer", False, False, False, False, None, "Org", "cascade"),  # references(() => orgs.id)
        "balance": ("decimal(12, 2)", False, False, False, False, None, None, None),
        "tags": ("text[]", False, False, False, False, None, None, None),
        "created_at": ("timestamptz", True, False, False, False, "(now())", None, None),
    }
    assert [(c.name, c.type, c.primary_key) for c in entities["Org"].columns] == [("id", "integer", True), ("name", "string(80)", False)]
    assert findings == []
    assert_evidence_points_at_the_column(entities, lines, "drizzle.md")
    assert cols(entities["User"])["org_id"].evidence[0].span.line == 17


def test_migrations_in_the_data_model_change_the_columns():
    text = """```sql
CREATE TABLE users (id INT PRIMARY KEY, legacy TEXT, name VARCHAR(100), nick TEXT, n INT DEFAULT 1);
ALTER TABLE users DROP COLUMN legacy;
ALTER TABLE users ALTER COLUMN name TYPE VARCHAR(300);
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
ALTER TABLE users RENAME COLUMN nick TO handle;
ALTER TABLE users ALTER COLUMN n DROP DEFAULT;
ALTER TABLE users ADD CONSTRAINT uq_handle UNIQUE (handle);
```
"""
    entities, findings = read_code_blocks("x.md", text)
    assert [(c.name, c.type, c.required, c.default, c.unique) for c in entities[0].columns] == [
        ("id", "integer", True, None, False),
        ("name", "string(300)", True, None, False),
        ("handle", "text", False, None, True),
        ("n", "integer", False, None, False),
    ]
    assert findings == []


MIRROR = """# Data model

### Session

| Field | Type | Constraints |
|-------|------|-------------|
| id | UUID | PK |
| started_at | TIMESTAMP | NOT NULL |
| label | VARCHAR(80) | |

## Client types

```typescript
export interface Session {
  id: string;
  started_at: string;
  label: string | null;
  status: 'open' | 'closed';
}
```
"""


def test_an_interface_string_gives_way_to_a_table_that_says_more():
    from compiler.diagnostics import Diagnostics
    from compiler.infer.datamodel import read_data_model
    from compiler.infer.merge import merge

    entities, findings = read_code_blocks("data-model.md", MIRROR)
    code = cols(entities[0])
    # text is all `string` says: typed, but not confidently, and nothing is wrong, so no finding;
    # a string named as a moment (`startedAt`) is read as a timestamp, and that guess is said (W344)
    assert [(code[n].type, code[n].confident) for n in ("id", "label")] == [("text", False)] * 2
    assert (code["started_at"].type, code["started_at"].confident) == ("timestamp", False)
    assert (code["status"].type, code["status"].confident) == ("enum(open, closed)", True)
    assert [d.message.split(":")[0] for d in findings if d.code == "W344"] == ["Session.started_at"]
    diags = Diagnostics()
    merged = merge(entities + read_data_model("data-model.md", MIRROR, diags), diags)
    final = cols(next(e for e in merged if e.name == "Session"))
    assert {n: final[n].type for n in final} == {
        "id": "uuid",
        "started_at": "timestamp",
        "label": "string(80)",
        "status": "enum(open, closed)",
    }


def test_go_and_csharp_strings_are_not_confident_but_sql_and_prisma_text_is():
    text = """
```go
type Device struct {
    ID   string `json:"id"`
    Name string
}
```

```prisma
model Tag {
  id   String @id
  name String
}
```
"""
    entities, _ = read_code_blocks("data-model.md", text)
    by_name = {e.name: e for e in entities}
    assert not cols(by_name["Device"])["name"].confident
    assert cols(by_name["Tag"])["name"].confident  # an ORM's String is the column's own type


def test_declared_types_name_the_enums_and_domains_a_table_cell_may_use():
    from compiler.infer.code import declared_types
    from compiler.infer.typemap import canonical_type

    text = """
```sql
create type member_role as enum ('owner', 'editor', 'viewer');
CREATE DOMAIN money_amount AS NUMERIC(12, 2);
```

```typescript
export type Channel = 'email' | 'sms';
```

| Column | Type |
|--------|------|
| role | member_role NOT NULL |
"""
    types = declared_types("data-model.md", text)
    assert types == {"member_role": "enum(owner, editor, viewer)", "money_amount": "decimal(12, 2)", "channel": "enum(email, sms)"}
    assert declared_types("data-model.md", text) is not types  # a copy: callers may change theirs
    guess = canonical_type("member_role NOT NULL", types=types)
    assert (guess.type, guess.nullable) == ("enum(owner, editor, viewer)", False)


def test_shapes_under_a_heading_that_says_they_are_not_stored():
    text = """# Data Model: Storefront API

## Entities (Static, Not in Database)

### Banner

```go
type Banner struct {
    ID    string
    Title string
}
```

## DTOs

```typescript
interface OrderLine {
  id: string;
  sku: string;
}
```

## Stored

```typescript
interface Customer {
  id: string;
  email: string;
}
```

```go
type Banner struct {
    ID string
}
```
"""
    entities, _ = read_code_blocks("data-model.md", text)
    by_name = {e.name: e for e in entities}
    assert not by_name["OrderLine"].stored and "DTOs" in by_name["OrderLine"].not_stored_reason
    # declared again outside such a section (and the title's `API` says nothing): stored
    assert by_name["Customer"].stored and by_name["Banner"].stored
    only_static = text.split("## DTOs")[0]
    banner = {e.name: e for e in read_code_blocks("data-model.md", only_static)[0]}["Banner"]
    assert not banner.stored and "Not in Database" in banner.not_stored_reason
    # a CREATE TABLE is a table under any heading
    ddl = "## API\n\n```sql\nCREATE TABLE api_keys (id uuid PRIMARY KEY);\n```\n"
    assert read_code_blocks("data-model.md", ddl)[0][0].stored


def test_joined_members_and_sketched_diagram_names_are_no_columns():
    text = """
```
┌──────────────┐
│    Track     │
├──────────────┤
│ id (PK)      │
│ title        │
│ length_sec   │
└──────────────┘
```

```typescript
export interface Track {
  id: string;
  title: string;
  length_seconds: number;
  // Joined fields
  album?: Album;
  tags?: string[];
}

export interface Album {
  id: string;
  // computed by the API
  track_count: number;
}
```
"""
    entities, findings = read_code_blocks("data-model.md", text)
    by_name = {e.name: e for e in entities}
    assert list(cols(by_name["Track"])) == ["id", "title", "length_seconds"]
    assert list(cols(by_name["Album"])) == ["id"]
    assert not [d for d in findings if "length_sec'" in d.message or "length_sec:" in d.message]
    # a diagram alone still gives its names
    diagram_only = text.split("```typescript")[0]
    assert "length_sec" in cols({e.name: e for e in read_code_blocks("data-model.md", diagram_only)[0]}["Track"])


def test_sqlalchemy_mixins_and_abstract_bases_are_no_tables():
    text = """
```python
class AuditMixin:
    created_at = Column(DateTime(timezone=True), nullable=False)

class Record(Base):
    __abstract__ = True
    id = Column(Integer, primary_key=True)

class Invoice(AuditMixin, Record):
    __tablename__ = "invoices"
    id = Column(Integer, primary_key=True)
    total = Column(Numeric(10, 2), nullable=False)
```
"""
    by_name = {e.name: e for e in read_code_blocks("data-model.md", text)[0]}
    assert not by_name["AuditMixin"].stored and not by_name["Record"].stored
    invoice = by_name["Invoice"]
    assert invoice.stored and sorted(cols(invoice)) == ["created_at", "id", "total"]


def test_a_typed_member_with_a_reference_is_a_column_not_an_object():
    text = "```typescript\ninterface Order {\n  id: UUID;\n  customer_id: UUID references Customer;\n  customer: Customer;\n}\n```\n"
    order = read_code_blocks("data-model.md", text)[0][0]
    assert list(cols(order)) == ["id", "customer_id"]  # `customer: Customer` is the object the key points at
    assert cols(order)["customer_id"].type == "uuid"


def test_a_mysql_inline_index_is_no_column():
    text = (
        "# Data Model\n\n```sql\nCREATE TABLE revoked_tokens (\n  id UUID PRIMARY KEY,\n  jti VARCHAR(255) NOT NULL,\n"
        "  revoked_at TIMESTAMP NOT NULL,\n  INDEX idx_jti (jti)\n);\n```\n"
    )
    (entity,), _ = read_code_blocks("data-model.md", text)
    assert sorted(cols(entity)) == ["id", "jti", "revoked_at"]
    assert cols(entity)["jti"].indexed


def test_ddl_kept_in_string_literals_is_read_as_sql():
    text = (
        "# Data Model\n\n```go\nvar v6 = []string{\n\t`CREATE TABLE IF NOT EXISTS memory_bridges (\n"
        "\t\tentry_name TEXT PRIMARY KEY,\n\t\tcreated_at INTEGER NOT NULL DEFAULT 0\n\t)`,\n}\n```\n\n"
        '```python\nop.execute("""\nCREATE TABLE notes (\n  id UUID PRIMARY KEY,\n  body TEXT\n)\n""")\n```\n'
    )
    entities, _ = read_code_blocks("data-model.md", text)
    by_table = {e.table: e for e in entities}
    assert sorted(cols(by_table["memory_bridges"])) == ["created_at", "entry_name"]
    assert cols(by_table["notes"])["id"].primary_key
    span = cols(by_table["memory_bridges"])["entry_name"].evidence[0].span
    assert span.line == 6  # the literal's own line in the file


def test_a_generic_framework_base_gives_the_key_and_its_audit_columns():
    text = """
```csharp
public class Album : AuditedAggregateRoot<Guid>
{
    public string Name { get; set; }
}

public class Tag : Entity<long>
{
    public string Label { get; set; }
}

public class Note : BaseModel
{
    public string Body { get; set; }
}
```
"""
    entities, _ = read_code_blocks("data-model.md", text)
    by_name = {e.name: e for e in entities}
    album = cols(by_name["Album"])
    # ABP's AuditedAggregateRoot<Guid>: the Guid key, then the columns the framework's auditing base adds
    assert [(n, c.type, c.required) for n, c in album.items()] == [
        ("id", "uuid", True),
        ("creation_time", "timestamp", True),
        ("creator_id", "uuid", False),
        ("last_modification_time", "timestamp", False),
        ("last_modifier_id", "uuid", False),
        ("name", "text", True),
    ]
    assert album["id"].primary_key
    assert [(n, c.type) for n, c in cols(by_name["Tag"]).items()] == [("id", "bigint"), ("label", "text")]
    assert list(cols(by_name["Note"])) == ["body"]  # a base without a key type adds nothing it cannot know


def test_an_interface_that_is_an_entity_with_more_fields_is_a_view_of_it():
    text = """
```typescript
interface Ticket { id: number; title: string }
interface TicketWithMeta extends Ticket { isOverdue: boolean }
interface Timestamps { createdAt: Date }
interface Task extends Timestamps { id: string }
```
"""
    entities, _ = read_code_blocks("data-model.md", text)
    by_name = {e.name: e for e in entities}
    assert by_name["Ticket"].stored and by_name["Task"].stored  # a mixin's fields come first in Task
    assert not by_name["TicketWithMeta"].stored and "extends Ticket" in by_name["TicketWithMeta"].not_stored_reason
    assert list(cols(by_name["Task"])) == ["created_at", "id"]


def test_prisma_defaults_of_every_value_shape_never_crash():
    text = """
```prisma
model Rule {
  id       String   @id @default(uuid())
  tags     String[] @default([])
  levels   Int[]    @default([1, 2])
  mode     String   @default("auto")
  meta     Json     @default(value: 1)
  weight   Float    @default(0.5)
  kind     Kind     @default(A)
}
```
"""
    entities, _ = read_code_blocks("data-model.md", text)
    rule = cols(entities[0])
    assert rule["id"].default == "(gen_random_uuid())" and rule["mode"].default == "'auto'" and rule["weight"].default == "0.5"
    assert rule["tags"].default is None and rule["levels"].default is None and rule["meta"].default is None


def test_a_box_titled_fields_inside_another_box_is_its_list_and_an_untyped_box_row_decides_nothing():
    """`│ Fields: │ - config: *Configuration │` drawn inside the Application Context box is no entity `Fields`;
    `- UI Prefs` in a box is a sketch (no type), so it does not make a config object a table."""
    text = (
        "```\n┌──────────────────────────────┐\n│ Application Context          │\n│  ┌────────────────────────┐  │\n"
        "│  │ Fields:                │  │\n│  │  - config: *Config     │  │\n│  │  - logger: Logger      │  │\n"
        "│  └────────────────────────┘  │\n└──────────────────────────────┘\n\n┌────────────────┐\n│ Configuration  │\n│                │\n"
        "│ - Flags        │\n│ - UI Prefs     │\n└────────────────┘\n```\n"
    )
    entities, _ = read_code_blocks("diagram.md", text)
    assert "Fields" not in [e.name for e in entities]
    configuration = next(e for e in entities if e.name == "Configuration")
    assert all(c.sketched for c in configuration.columns)


def test_typescript_fields_typed_by_a_value_are_jsonb_and_collections_of_entities_are_not_columns():
    text = (
        "```typescript\ninterface Server {\n  id: string;\n  location: GeoPoint;\n  dockerContainers: ContainerInfo[];\n"
        "  tasks: Task[];\n  owner: User;\n}\n\ninterface GeoPoint {\n  lat: number;\n  lng: number;\n}\n\n"
        "interface Task {\n  id: string;\n}\n\ninterface User {\n  id: string;\n}\n```\n"
    )
    entities, diags = read_code_blocks("data-model.md", text)
    server = next(e for e in entities if e.name == "Server")
    assert [(c.name, c.type) for c in server.columns] == [("id", "text"), ("location", "jsonb"), ("docker_containers", "jsonb")]
    assert sum(d.code == "W344" and "no key of its own" in d.message for d in diags) == 2


def test_a_choices_constant_is_no_type_of_its_name():
    """`STATUS = [...]` in one model gives a column its values; a model called `Status` is still a table."""
    text = (
        "```python\nfrom django.db import models\n\nclass Article(models.Model):\n"
        '    STATUS = [("draft", "Draft"), ("live", "Live")]\n    status = models.CharField(max_length=8, choices=STATUS)\n\n'
        "class Status(models.Model):\n    label = models.CharField(max_length=20)\n```\n"
    )
    entities, _ = read_code_blocks("data-model.md", text)
    by_name = {e.name: e for e in entities}
    assert cols(by_name["Article"])["status"].type == "enum(draft, live)"
    assert "label" in cols(by_name["Status"])


def test_an_interface_under_its_own_heading_with_audit_timestamps_and_comments_that_name_a_target(tmp_path):
    """`### 1. Pump Configuration` over `interface PumpConfiguration` is the entity's own heading, not a section
    about configuration; `// Reference to PumpConfiguration`, `// Link to products table` and `// Foreign key to
    owning station` are keys; a `number` named `createdAt` is a point in time."""
    text = (
        "# Data Model\n\n### 1. Pump Configuration\n\n```typescript\ninterface PumpConfiguration {\n  id: string\n"
        "  pmsProductId: string // Link to products table where type = 'pms'\n  createdAt: number\n  updatedAt: Date\n}\n```\n\n"
        "### 2. Pump Meter Reading\n\n```typescript\ninterface PumpMeterReading {\n  id: string\n"
        "  pumpId: string // Reference to PumpConfiguration\n  notes: string // links to documentation for the user\n"
        "  stationId: string // Foreign key to owning station (for returns)\n}\n```\n"
    )
    entities, _ = read_code_blocks("data-model.md", text)
    by_name = {e.name: e for e in entities}
    pump = by_name["PumpConfiguration"]
    assert pump.stored and cols(pump)["created_at"].type == "timestamp"
    assert cols(pump)["pms_product_id"].references == "Product"
    reading = cols(by_name["PumpMeterReading"])
    assert reading["pump_id"].references == "PumpConfiguration" and reading["notes"].references is None
    assert reading["station_id"].references == "Station"  # (`owning` describes it)


def test_quoted_examples_of_a_free_text_column_are_no_enum():
    """`name: string // "Electronic Devices", "Audio Equipment"`: examples of a name; `status` with quoted values is
    a closed list."""
    from compiler.infer.code import comment_values

    assert comment_values('"Electronic Devices", "Audio Equipment"', "name") == []
    assert comment_values("'USD', 'EUR'", "currency") == ["USD", "EUR"]


def test_drift_tables():
    """Flutter's Drift: each getter a column, its builder chain the type, key, default and reference; the table
    is the class in snake_case (or its `tableName`), the entity the `@DataClassName` row class."""
    entities, findings, lines = read("drift.md")
    assert (entities["Folder"].table, entities["NoteEntry"].table, entities["NoteTag"].table) == ("folders", "note_entries", "note_tag")
    assert {n: shape(c) for n, c in cols(entities["NoteEntry"]).items()} == {
        "id": ("integer", True, True, False, False, None, None, None),
        "folder_id": ("integer", True, False, False, False, None, "Folder", "cascade"),
        "title": ("text", True, False, True, False, None, None, None),
        "state": ("enum(draft, published)", True, False, False, False, None, None, None),
        "views": ("integer", True, False, False, False, "0", None, None),
        "created_at": ("timestamp", True, False, False, False, "(now())", None, None),
        "saved_path": ("text", False, False, False, False, None, None, None),
        "is_pinned": ("boolean", True, False, False, False, None, None, None),
    }
    assert cols(entities["Folder"])["name"].type == "string(80)"
    assert [c.name for c in entities["NoteTag"].columns if c.composite_key] == ["note_id", "tag"]
    assert findings == []
    assert_evidence_points_at_the_column(entities, lines, "drift.md")
    assert cols(entities["NoteEntry"])["folder_id"].evidence[0].span.line == 14


def test_python_columns_say_more_in_their_comments_and_column_kwargs():
    """`comment="line|bar|pie"` and a trailing `# "full_text", "semantic"` list the values a string column holds,
    `# ISO date: "2025-10-22"` says a date is kept as text, `sa_column_kwargs={"type_": JSON}` is the column's own
    type; `# JSON array` only says how text is kept, and a `#` inside a string is no comment."""
    text = """```python
class Visualization(Base):
    __tablename__ = "visualizations"
    id = Column(Integer, primary_key=True)
    chart_type = Column(String(50), nullable=False, comment="line|bar|pie")


class Snapshot(SQLModel, table=True):
    snapshot_date: str = Field(primary_key=True)  # ISO date: "2025-10-22"
    search_type: str = Field(default="full_text")  # "full_text", "semantic", "hybrid"
    filters: str | None = Field(
        default=None, sa_column_kwargs={"type_": JSON}
    )  # JSON object
    related_ids: Optional[str] = Field(default=None)  # JSON array
    color: str = Field(default="#fff")
```
"""
    entities, _ = read_code_blocks("data-model.md", text)
    by_name = {e.name: e for e in entities}
    assert cols(by_name["Visualization"])["chart_type"].type == "enum(line, bar, pie)"
    snapshot = cols(by_name["Snapshot"])
    assert snapshot["snapshot_date"].type == "date"
    assert snapshot["search_type"].type == "enum(full_text, semantic, hybrid)"
    assert snapshot["filters"].type == "json" and not snapshot["filters"].required
    assert snapshot["related_ids"].type == "text" and snapshot["color"].type == "text"


def test_a_django_key_to_a_model_no_block_declares_is_an_integer():
    """`models.ForeignKey('auth.User')`, another app's model: Django keys its models with integers, so the column is
    bigint (a uuid guess changed type when a later feature declared User with its AutoField, E220); a model named
    without its app is one of these blocks, whose key types the column when infer writes it."""
    text = (
        "# DM\n\n```python\nclass Case(models.Model):\n    assigned_to = models.ForeignKey(\n        'auth.User',\n"
        "        on_delete=models.PROTECT,\n    )\n    owner = models.ForeignKey(Client, on_delete=models.CASCADE)\n```\n"
    )
    entities, _ = read_code_blocks("data-model.md", text)
    case = cols(entities[0])
    assert case["assigned_to_id"].type == "bigint" and case["assigned_to_id"].references == "User"
    assert case["owner_id"].type is None  # (a model of these blocks: its key types the column)


def test_a_record_named_for_a_request_someone_makes_is_stored():
    """`interface PurchaseRequest` with its id and status: a purchase request is a record (as the prose reads it);
    `CreateTaskRequest` and `LoginRequest` are request bodies."""
    text = (
        "# DM\n\n```typescript\nexport interface PurchaseRequest {\n  id: string;\n  title: string;\n  status: string;\n}\n"
        "export interface LoginRequest {\n  email: string;\n  password: string;\n}\n```\n"
    )
    entities, _ = read_code_blocks("data-model.md", text)
    stored = {e.name: e.stored for e in entities}
    assert stored == {"PurchaseRequest": True, "LoginRequest": False}


def test_an_interface_without_an_id_that_points_at_another_entity_is_a_row():
    """`interface RoleAssignment { userId: string; // Reference to User.id ... }`: no id of its own, but a key to
    User: a row of an assignment table. `interface Coordinates { lat; lng }` stays a value."""
    text = (
        "# DM\n\n```typescript\nexport interface User {\n  id: string;\n  name: string;\n}\n"
        "export interface RoleAssignment {\n  userId: string;         // Reference to User.id\n  assignedAt: Date;\n}\n"
        "export interface Coordinates {\n  lat: number;\n  lng: number;\n}\n```\n"
    )
    entities, _ = read_code_blocks("data-model.md", text)
    stored = {e.name: e.stored for e in entities}
    assert stored == {"User": True, "RoleAssignment": True, "Coordinates": False}
