"""Schema evolution on a real PostgreSQL: the example features 001..N as a
chain of Alembic migrations that keep the data.

One database walks the whole chain: at feature N it inserts representative
rows (one per table, values from a generic per-type generator over the IR),
upgrades to N+1 and checks every row survived (renamed columns under their
new name, renamed enum values under theirs, removed enum values replaced by
the default as declared, values of widened types unchanged), downgrades to N and checks again, then upgrades
once more. At the end the catalog equals the last feature's schema.sql.

Also: `spec2db diff --base REV` on a throwaway git repository, and what the
migration of each example step is made of.
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import json
import subprocess
import uuid
from pathlib import Path

import pytest

from compiler.ir import Column, Schema, Table
from compiler.migrate import Change, diff
from compiler.types import Scalar
from tests.conftest import apply_sql, schema_dump
from tests.test_alembic import alembic, dump, project, revision, schema_sql_dump, stubs, write_generated

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def chain(tmp_path_factory) -> Path:
    return write_generated(tmp_path_factory.mktemp("evolution"))


# -- a value for every column ------------------------------------------------------


def _value(column: Column, index: int, seed: int):
    """A value of the column's type that the usual checks accept (positive
    numbers growing with the column's position, so `end > start` holds)."""
    t = column.type
    s = t.scalar.value
    if t.enum:
        return None  # filled from the enum type by the caller
    if t.format == "email":
        base = f"u{seed}@example.com"
    elif t.format == "url":
        base = f"https://example.com/{seed}"
    elif s in ("string", "text"):
        base = f"value-{seed}-{index}-abcdefgh"
        if t.length:
            base = base[: t.length]
    elif s == "char":
        base = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[seed % 26] * (t.length or 1)
    elif s in ("smallint", "integer", "bigint"):
        base = 1 + index + seed
    elif s == "decimal":
        base = decimal.Decimal(f"{10 + index + seed}.50")
    elif s in ("real", "double"):
        base = 1.5 + index
    elif s == "boolean":
        base = True
    elif s == "uuid":
        base = uuid.UUID(int=(seed << 16) + index + 1)
    elif s == "date":
        base = dt.date(2026, 1, 1) + dt.timedelta(days=index + seed)
    elif s == "time":
        base = dt.time(9, index % 60)
    elif s in ("timestamp", "timestamptz"):
        base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC if s == "timestamptz" else None) + dt.timedelta(days=index + seed)
    elif s == "interval":
        base = dt.timedelta(days=1)
    elif s in ("json", "jsonb"):
        from psycopg.types.json import Json, Jsonb

        return (Jsonb if s == "jsonb" else Json)({"k": index, "seed": seed})
    elif s == "bytes":
        base = bytes([seed % 256, index % 256])
    else:
        raise AssertionError(f"no generator for {s}")
    for _ in range(t.array_dims):
        base = [base]
    return base


def _row(schema: Schema, table: Table, seed: int, keys: dict[str, dict]) -> dict:
    """Column -> value for one new row; FKs point at rows inserted before."""
    fk_of = {c: fk for fk in table.foreign_keys for c in fk.columns}
    enums = {e.name: e.values for e in schema.enums}
    row = {}
    for index, column in enumerate(table.columns):
        if column.identity or column.name in ("created_at", "updated_at"):
            continue
        fk = fk_of.get(column.name)
        if fk is not None:
            target = keys.get(fk.ref_table)
            if target is None:
                if column.nullable:
                    row[column.name] = None
                continue
            row[column.name] = target[fk.ref_columns[fk.columns.index(column.name)]]
        elif column.type.enum:
            row[column.name] = enums[column.type.enum][-1]  # the last value: the one most often removed
        elif column.default is not None and column.default.kind in ("uuid", "now", "current_date", "expression", "enum"):
            continue
        else:
            row[column.name] = _value(column, index, seed)
    return row


def _insert(conn, schema: Schema, seed: int) -> None:
    """One row in every table (external ones included), in dependency order."""
    import psycopg
    from psycopg import sql

    keys: dict[str, dict] = {}
    for external in schema.external_tables:
        value = "EUR" if external.key_type.scalar.value == "char" else uuid.UUID(int=seed + 1)
        conn.execute(
            sql.SQL("INSERT INTO {} ({}) VALUES (%s) ON CONFLICT DO NOTHING").format(
                sql.Identifier(external.name), sql.Identifier(external.key)
            ),
            [value],
        )
        keys[external.name] = {external.key: value}
    for table in schema.tables:
        row = _row(schema, table, seed, keys)
        fk_columns = {c for fk in table.foreign_keys for c in fk.columns}
        nulls = {k: (None if table.column(k).nullable and k not in fk_columns else v) for k, v in row.items()}
        defaults = {k: v for k, v in nulls.items() if table.column(k).default is None or k in fk_columns}
        attempts = [row, nulls, defaults]  # then let the column's default or NULL satisfy its check
        last = None
        for attempt in attempts:
            columns = list(attempt)
            statement = sql.SQL("INSERT INTO {} ({}) VALUES ({}) RETURNING *").format(
                sql.Identifier(table.name),
                sql.SQL(", ").join(map(sql.Identifier, columns)),
                sql.SQL(", ").join(sql.Placeholder() * len(columns)),
            )
            if not columns:
                statement = sql.SQL("INSERT INTO {} DEFAULT VALUES RETURNING *").format(sql.Identifier(table.name))
            try:
                with conn.transaction():
                    cursor = conn.execute(statement, list(attempt.values()))
                    names = [d.name for d in cursor.description]
                    keys[table.name] = dict(zip(names, cursor.fetchone()))
                break
            except psycopg.Error as exc:
                last = exc
        else:
            raise AssertionError(f"cannot insert a row into {table.name}: {last}")


# -- reading rows back -----------------------------------------------------------------


def _rows(conn, schema: Schema) -> dict[str, dict[tuple, dict]]:
    """Every table's rows, keyed by primary key (or the whole row), updated_at left out
    (a backfill UPDATE moves it, as it should)."""
    from psycopg import sql

    found = {}
    for table in schema.tables:
        cursor = conn.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table.name)))
        names = [d.name for d in cursor.description]
        rows = {}
        for values in cursor.fetchall():
            row = {n: _plain(v) for n, v in zip(names, values) if n != "updated_at"}
            key = tuple(row[c] for c in table.primary_key.columns) if table.primary_key else tuple(sorted(map(str, row.items())))
            rows[key] = row
        found[table.name] = rows
    return found


def _plain(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, default=str)
    return value


def _expected(before: dict, change: Change) -> dict[str, dict[tuple, dict]]:
    """The rows of `before` as the migration `change` leaves them."""
    renamed_tables = dict(change.renamed_tables)
    dropped_tables = {t.name for t in change.dropped_tables}
    dropped_columns = {(t.name, c.name) for t, c in change.dropped_columns}
    replacements = {}
    for enum in change.enum_changes:
        for table, column in enum.columns:
            for value in enum.removed:
                replacements[(table.name, column.name, value)] = enum.replacement.get((table.name, column.name))
            for old, new in enum.renamed.items():
                replacements[(table.name, column.name, old)] = new
    backfilled = {(c.table.name, c.new.name) for c in change.altered_columns if c.backfill is not None}
    result = {}
    for old_name, rows in before.items():
        if old_name in dropped_tables:
            continue
        name = renamed_tables.get(old_name, old_name)
        columns = change.column_renames.get(name, {})
        moved = {}
        for key, row in rows.items():
            new_row = {}
            for column, value in row.items():
                if (old_name, column) in dropped_columns:
                    continue
                new = columns.get(column, column)
                if (name, new, value) in replacements:
                    value = replacements[(name, new, value)]
                if value is None and (name, new) in backfilled:
                    value = "<backfilled>"
                new_row[new] = value
            moved[key] = new_row
        result[name] = moved
    return result


def _compare(actual: dict, expected: dict, step: str) -> None:
    for table, rows in expected.items():
        assert table in actual, f"{step}: table {table} is gone"
        for key, row in rows.items():
            assert key in actual[table], f"{step}: row {key} of {table} is gone"
            got = actual[table][key]
            for column, value in row.items():
                if value == "<backfilled>":
                    assert got[column] is not None, f"{step}: {table}.{column} was not backfilled"
                    continue
                assert column in got, f"{step}: column {table}.{column} is gone"
                assert got[column] == value or str(got[column]) == str(value), f"{step}: {table}.{column}: {got[column]!r} != {value!r}"


def test_the_chain_keeps_the_data(pg, fresh_db, chain):
    import psycopg

    features = project().features
    last = features[-1]
    expected_catalog = schema_sql_dump(pg, fresh_db, chain, last.feature)
    apply_sql(pg, fresh_db, stubs())
    url = pg.dsn(fresh_db)
    alembic(chain, url, "upgrade", revision(features[0].feature))
    for seed, (before, after) in enumerate(itertools.pairwise(features), start=1):
        step = f"{before.feature} -> {after.feature}"
        change = diff(before, after)
        with psycopg.connect(url, autocommit=True) as conn:
            _insert(conn, before, seed)
            snapshot = _rows(conn, before)
        alembic(chain, url, "upgrade", revision(after.feature))
        with psycopg.connect(url, autocommit=True) as conn:
            _compare(_rows(conn, after), _expected(snapshot, change), f"upgrade {step}")
        alembic(chain, url, "downgrade", revision(before.feature))
        back = diff(after, before, renames=change.inverse_renames(), values=change.inverse_value_renames())
        with psycopg.connect(url, autocommit=True) as conn:
            _compare(_rows(conn, before), _expected(_expected(snapshot, change), back), f"downgrade {step}")
        alembic(chain, url, "upgrade", revision(after.feature))
    assert dump(pg, fresh_db) == expected_catalog


# -- what the example steps are made of ------------------------------------------------


def _step(number: int) -> Change:
    features = {s.number: s for s in project().features}
    return diff(features[number - 1], features[number])


def test_example_steps_use_every_operation():
    c5, c6, c7, c8, c9 = (_step(n) for n in (5, 6, 7, 8, 9))
    assert ("tasks", "description", "summary") in c5.renamed_columns
    assert [t.name for t in c5.tables] == ["time_entries"]
    assert [(v, before) for e in c6.enum_changes for v, before in e.added] == [("blocked", "done")]
    kinds = {(c.new.name, c.type, c.nullable, c.default, c.comment) for c in c6.altered_columns}
    assert ("title", True, False, False, False) in kinds and ("metadata", True, False, False, False) in kinds
    assert any(c.new.name == "estimate_minutes" and c.backfill is not None for c in c6.altered_columns)
    assert any(c.new.name == "expires_at" and c.default for c in c6.altered_columns)
    assert [u.name for _, u in c6.uniques] == ["projects_owner_id_name_key"]
    assert [fk.name for _, fk in c6.foreign_keys] == ["tasks_assignee_id_fkey"]
    assert [t.name for t in c7.dropped_tables] == ["payments"]
    assert [(t.name, c.name) for t, c in c7.dropped_columns] == [("projects", "icon")]
    assert [(e.new.name, e.removed, e.swap) for e in c7.enum_changes] == [("project_visibility", ["public"], True)]
    assert c8.renamed_tables == [("project_memberships", "project_members")]
    assert {kind for kind, *_ in c8.renamed_objects} == {"index", "constraint", "trigger"}
    assert [(e.new.name, e.renamed, e.swap, e.removed, e.added) for e in c9.enum_changes] == [
        ("task_status", {"done": "completed"}, False, [], [])
    ]
    for change in (c5, c6, c7, c8, c9):
        assert not change.changed


def test_diff_is_deterministic_and_inverse_is_symmetric():
    features = project().features
    for before, after in itertools.pairwise(features):
        up = diff(before, after)
        assert up == diff(before, after)
        back = diff(after, before, renames=up.inverse_renames(), values=up.inverse_value_renames())
        assert [(n, o) for o, n in up.renamed_tables] == back.renamed_tables
        up_values = sorted((o, n) for e in up.enum_changes for o, n in e.renamed.items())
        assert up_values == sorted((n, o) for e in back.enum_changes for o, n in e.renamed.items())
        assert sorted((o, n) for _, o, n in up.renamed_columns) == sorted((n, o) for _, o, n in back.renamed_columns)
        assert {t.name for t in up.tables} == {t.name for t in back.dropped_tables}
        assert {t.name for t in up.dropped_tables} == {t.name for t in back.tables}


def test_enum_type_follows_a_column_rename():
    """A renamed enum column renames its type; values added and removed in one step rebuild it."""
    from compiler.emit.alembic import migration

    base = project().features[0]
    tasks = base.table("tasks")
    status = tasks.column("status")
    renamed = status.model_copy(
        update={"name": "state", "renamed_from": "status", "type": status.type.model_copy(update={"enum": "task_state"})}
    )
    columns = [renamed if c.name == "status" else c for c in tasks.columns]
    indexes = [
        i.model_copy(update={"name": i.name.replace("status", "state"), "columns": ["state" if c == "status" else c for c in i.columns]})
        for i in tasks.indexes
    ]
    enums = [
        e.model_copy(update={"name": "task_state", "column": "state", "values": ["todo", "doing", "done"]})
        if e.name == "task_status"
        else e
        for e in base.enums
    ]
    after = base.model_copy(
        update={"tables": [tasks.model_copy(update={"columns": columns, "indexes": indexes})], "enums": enums, "number": 2}
    )
    change = diff(base, after)
    assert change.renamed_columns == [("tasks", "status", "state")]
    assert change.renamed_enums == [("task_status", "task_state")]
    assert {(o, n) for kind, _, o, n in change.renamed_objects if kind == "index"} >= {("idx_tasks_status", "idx_tasks_state")}
    assert [(e.removed, e.swap) for e in change.enum_changes] == [(["in_progress"], True)]
    text = migration(base, after)
    assert "ALTER TYPE task_status RENAME TO task_state" in text
    assert "CASE WHEN state::text IN ('in_progress') THEN 'todo'" in text


# -- spec2db diff --base ------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
            "HOME": str(repo),
            "PATH": "/usr/bin:/bin:/usr/local/bin",
        },
    ).stdout


FIRST = """# Feature Specification: Notes

### Key Entities

- **User** *(external: users)*: An account.
- **Note**: A note.
  - `id`: uuid, primary key
  - `user_id`: uuid, required, references User, on delete cascade, indexed
  - `body`: string(200), required
  - `kind`: enum(plain, checklist, legacy), required, default plain
"""

SECOND = """# Feature Specification: Note titles

### Key Entities

- **Note** *(extends)*: Notes get a title; the body becomes the content, longer.
  - `content`: string(1000) (was body), required
  - `title`: string(120), required, default 'Untitled'
  - `kind`: enum(plain, pinned, checklist), required, default plain
  - table: notebook_notes
"""


def test_diff_against_a_git_revision(tmp_path, monkeypatch, pg, fresh_db):
    from click.testing import CliRunner

    from compiler.cli import main
    from compiler.config import Settings
    from compiler.emit.postgres import schema_sql
    from compiler.passes import compile_paths
    from compiler.verify import external_stubs

    repo = tmp_path / "repo"
    (repo / "specs" / "001-notes").mkdir(parents=True)
    (repo / "specs" / "001-notes" / "spec.md").write_text(FIRST)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "notes")
    (repo / "specs" / "002-note-titles").mkdir()
    (repo / "specs" / "002-note-titles" / "spec.md").write_text(SECOND)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "titles")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["diff", "--base", "HEAD~1", "--out", "migration.py"])
    assert result.exit_code == 0, result.output
    text = (repo / "migration.py").read_text()
    assert 'revision = "001_to_002"' in text and 'down_revision = "001"' in text
    assert 'op.rename_table("notes", "notebook_notes")' in text
    assert 'op.alter_column("notebook_notes", "body", new_column_name="content")' in text
    assert "ALTER TYPE note_kind RENAME TO note_kind_old" in text  # 'legacy' removed, 'pinned' added: rebuilt
    assert "sa.String(1000)" in text
    assert _git(repo, "status", "--porcelain") == "?? migration.py\n"  # the work tree is untouched

    printed = CliRunner().invoke(main, ["diff", "--base", "HEAD~1"])
    assert printed.exit_code == 0 and printed.output == text

    # and it runs: the catalog of 001 plus the migration is the catalog of 002
    compiled = compile_paths([(p, p.relative_to(repo).as_posix()) for p in sorted(repo.glob("specs/*/spec.md"))], Settings())
    first, second = compiled.project.features
    stub = external_stubs(compiled.project)
    apply_sql(pg, fresh_db, stub + schema_sql(second))
    expected = schema_dump(pg, fresh_db)
    pg.execute(f'DROP DATABASE "{fresh_db}" WITH (FORCE)')
    pg.execute(f'CREATE DATABASE "{fresh_db}"')
    apply_sql(pg, fresh_db, stub + schema_sql(first))
    apply_sql(
        pg,
        fresh_db,
        "INSERT INTO users VALUES ('00000000-0000-0000-0000-000000000001');"
        "INSERT INTO notes (user_id, body, kind) VALUES ('00000000-0000-0000-0000-000000000001', 'keep me', 'legacy')",
    )
    _run_migration(pg.dsn(fresh_db), repo / "migration.py", "upgrade")
    assert schema_dump(pg, fresh_db) == expected
    import psycopg

    with psycopg.connect(pg.dsn(fresh_db)) as conn:
        assert conn.execute("SELECT content, title, kind::text FROM notebook_notes").fetchall() == [("keep me", "Untitled", "plain")]
    _run_migration(pg.dsn(fresh_db), repo / "migration.py", "downgrade")
    with psycopg.connect(pg.dsn(fresh_db)) as conn:
        assert conn.execute("SELECT body, kind::text FROM notes").fetchall() == [("keep me", "plain")]

    linted = CliRunner().invoke(main, ["lint", "--base", "HEAD~1", "--select", "B"])
    assert "B005" in linted.output and "B003" not in linted.output


def _run_migration(url: str, path: Path, direction: str) -> None:
    import importlib.util

    import sqlalchemy as sa
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    spec = importlib.util.spec_from_file_location(f"m_{direction}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn)
            with Operations.context(context), context.begin_transaction():
                getattr(module, direction)()
            conn.commit()
    finally:
        engine.dispose()


IDENTITY_FIRST = """# Feature Specification: Boards

### Key Entities

- **Board**: A board.
  - `id`: bigint, primary key
  - `name`: string(80), required, unique, indexed
  - `slug`: text, required
  - `owner`: string(40)
  - `size`: enum(small, large), optional
  - soft delete
"""

IDENTITY_SECOND = """# Feature Specification: Boards renamed

### Key Entities

- **Board** *(extends)*: Boards are called spaces now.
  - table: spaces
  - `title`: string(120) (was name), required, unique, indexed
  - `slug`: integer, optional
  - `size`: enum(small, medium, large), optional
  - `archived`: boolean, required, default false
  - removed: owner
"""


def test_table_and_column_rename_with_identity_and_casts(tmp_path, pg, fresh_db):
    """A renamed table with an identity key: the sequence, constraints and
    indexes follow; text -> integer casts with USING; the catalog equals a
    fresh schema.sql, and the downgrade gives the first catalog back."""
    from compiler.config import Settings
    from compiler.emit.alembic import migration
    from compiler.emit.postgres import schema_sql
    from compiler.passes import compile_paths

    for name, text in (("001-boards", IDENTITY_FIRST), ("002-spaces", IDENTITY_SECOND)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "spec.md").write_text(text)
    compiled = compile_paths([(p, p.relative_to(tmp_path).as_posix()) for p in sorted(tmp_path.glob("*/spec.md"))], Settings())
    assert not compiled.diagnostics.has_errors, [str(d) for d in compiled.diagnostics.items]
    first, second = compiled.project.features
    change = diff(first, second)
    assert ("sequence", "spaces", "boards_id_seq", "spaces_id_seq") in change.renamed_objects
    assert not change.changed
    (tmp_path / "m.py").write_text(migration(first, second))
    expected = {}
    for schema in (first, second):
        apply_sql(pg, fresh_db, schema_sql(schema))
        expected[schema.feature] = schema_dump(pg, fresh_db)
        pg.execute(f'DROP DATABASE "{fresh_db}" WITH (FORCE)')
        pg.execute(f'CREATE DATABASE "{fresh_db}"')
    apply_sql(pg, fresh_db, schema_sql(first) + "INSERT INTO boards (name, slug, owner) VALUES ('Main', '42', 'ann');")
    _run_migration(pg.dsn(fresh_db), tmp_path / "m.py", "upgrade")
    assert schema_dump(pg, fresh_db) == expected[second.feature]
    import psycopg

    with psycopg.connect(pg.dsn(fresh_db)) as conn:
        assert conn.execute("SELECT id, title, slug, archived FROM spaces").fetchall() == [(1, "Main", 42, False)]
        conn.execute("INSERT INTO spaces (title, slug) VALUES ('Second', 7)")  # the identity still counts on
        conn.commit()
    _run_migration(pg.dsn(fresh_db), tmp_path / "m.py", "downgrade")
    # a column the upgrade dropped comes back last: equal apart from column order
    assert _columns_unordered(schema_dump(pg, fresh_db)) == _columns_unordered(expected[first.feature])
    with psycopg.connect(pg.dsn(fresh_db)) as conn:
        assert conn.execute("SELECT name, slug FROM boards ORDER BY id").fetchall() == [("Main", "42"), ("Second", "7")]


def _columns_unordered(statements: list[str]) -> list[str]:
    out = []
    for statement in statements:
        if statement.startswith("CREATE TABLE"):
            lines = statement.split("\n")
            body = sorted(line.rstrip(",") for line in lines[1:-1])
            statement = "\n".join([lines[0], *body, lines[-1]])
        out.append(statement)
    return sorted(out)


def test_example_breaking_changes_are_found_and_suppressed_on_purpose(tmp_path):
    """The examples 006/007 break existing data on purpose and say so inline;
    without those comments the B rules report exactly those changes."""
    from compiler.config import Settings
    from compiler.lint import lint_paths
    from compiler.lint.config import parse_lint_config

    files = []
    for spec in sorted((ROOT / "specs").glob("*/spec.md")):
        target = tmp_path / spec.parent.name / "spec.md"
        target.parent.mkdir()
        target.write_text("\n".join(line for line in spec.read_text().splitlines() if "spec2db: ignore" not in line) + "\n")
        files.append((target, f"specs/{spec.parent.name}/spec.md"))
    result = lint_paths(files, Settings(), parse_lint_config({"select": ["B"]}))
    found = sorted((d.code, d.span.path.split("/")[1][:3]) for d in result.diagnostics)
    assert found == [
        ("B001", "007"),
        ("B002", "007"),
        ("B005", "007"),
        ("B006", "006"),
        ("B008", "006"),
        ("B009", "007"),
        ("B010", "005"),
        ("B010", "008"),
        ("B010", "009"),
    ]


def _mutations():
    """(label, function(schema) -> changed copy) for operations the examples do not use."""

    def tasks(schema, **update):
        table = schema.table("tasks").model_copy(update=update)
        return schema.model_copy(update={"tables": [table if t.name == "tasks" else t for t in schema.tables], "number": 2})

    def comment(s):
        return tasks(s, comment="Things to do, now with a new comment.")

    def no_comment(s):
        return tasks(s, comment=None)

    def no_trigger(s):
        return tasks(s, triggers=[])

    def on_delete(s):
        t = s.table("tasks")
        return tasks(s, foreign_keys=[fk.model_copy(update={"on_delete": "restrict"}) for fk in t.foreign_keys])

    def partial_index(s):
        t = s.table("tasks")
        return tasks(
            s, indexes=[i.model_copy(update={"where": "due_date IS NOT NULL"}) if i.name == "idx_tasks_due_date" else i for i in t.indexes]
        )

    def check_changed(s):
        t = s.table("tasks")
        return tasks(s, checks=[c.model_copy(update={"expression": "LENGTH(TRIM(title)) > 1"}) for c in t.checks])

    def primary_key(s):
        t = s.table("tasks")
        return tasks(s, primary_key=t.primary_key.model_copy(update={"columns": ["id", "user_id"]}))

    def text_to_int(s):
        t = s.table("tasks")
        cols = [
            c.model_copy(update={"type": c.type.model_copy(update={"scalar": Scalar.INTEGER, "length": None})})
            if c.name == "description"
            else c
            for c in t.columns
        ]
        return tasks(s, columns=cols)

    return [comment, no_comment, no_trigger, on_delete, partial_index, check_changed, primary_key, text_to_int]


@pytest.mark.parametrize("mutate", _mutations(), ids=lambda f: f.__name__)
def test_other_operations_match_a_fresh_schema(mutate, tmp_path, pg, fresh_db):
    """Each operation on its own: upgrade from feature 001's catalog gives the
    catalog of the changed schema.sql, and the downgrade gives 001's back."""
    from compiler.emit.alembic import migration
    from compiler.emit.postgres import schema_sql

    before = project().features[0]
    after = mutate(before)
    change = diff(before, after)
    assert not change.empty and not change.changed
    (tmp_path / "m.py").write_text(migration(before, after))
    expected = []
    for schema in (before, after):
        apply_sql(pg, fresh_db, stubs() + schema_sql(schema))
        expected.append(schema_dump(pg, fresh_db))
        pg.execute(f'DROP DATABASE "{fresh_db}" WITH (FORCE)')
        pg.execute(f'CREATE DATABASE "{fresh_db}"')
    apply_sql(pg, fresh_db, stubs() + schema_sql(before))
    _run_migration(pg.dsn(fresh_db), tmp_path / "m.py", "upgrade")
    assert schema_dump(pg, fresh_db) == expected[1]
    _run_migration(pg.dsn(fresh_db), tmp_path / "m.py", "downgrade")
    assert schema_dump(pg, fresh_db) == expected[0]


RENAME_FIRST = """# Feature Specification: Tickets

### Key Entities

- **Ticket**: A support ticket.
  - `id`: bigint, primary key
  - `state`: enum(open, done, wontfix), required, default open
  - `tags`: enum(bug, feature, chore)[], optional
  - `severity`: enum(low, normal), required, default normal
"""

RENAME_SECOND = """# Feature Specification: Resolved tickets

### Key Entities

- **Ticket** *(extends)*: Done tickets are resolved; won't-fix ones are reopened; feature tags are enhancements.
  - `state`: enum(open, resolved (was done)), required, default open
  - `tags`: enum(bug, enhancement (was feature), chore, docs)[], optional
  - `severity`: enum(low, standard (was normal)), required, default standard
"""

RENAME_THIRD = """# Feature Specification: Ticket titles

### Key Entities

- **Ticket** *(extends)*: Tickets get a title.
  - `title`: text, optional
"""


def test_enum_value_renames_keep_the_rows(tmp_path, pg, fresh_db):
    """`new (was old)` in an enum: with a value removed the type is rebuilt and
    the USING CASE maps old to new; with a value added (an array column) the
    value is renamed in place, and so is one a default names. Rows follow both ways, the catalog equals a
    fresh schema.sql, and a later feature does not rename again."""
    from compiler.config import Settings
    from compiler.emit.alembic import migration
    from compiler.emit.postgres import schema_sql
    from compiler.passes import compile_paths

    for name, text in (("001-tickets", RENAME_FIRST), ("002-resolved", RENAME_SECOND), ("003-titles", RENAME_THIRD)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "spec.md").write_text(text)
    compiled = compile_paths([(p, p.relative_to(tmp_path).as_posix()) for p in sorted(tmp_path.glob("*/spec.md"))], Settings())
    assert not compiled.diagnostics.has_errors, [str(d) for d in compiled.diagnostics.items]
    first, second, third = compiled.project.features
    change = diff(first, second)
    state, tags, severity = change.enum_changes
    assert (severity.renamed, severity.swap) == ({"normal": "standard"}, False)
    assert [(c.new.name, c.default) for c in change.altered_columns] == [("severity", True)]  # the default follows the spec
    assert (state.renamed, state.removed, state.swap) == ({"done": "resolved"}, ["wontfix"], True)
    assert (tags.renamed, tags.added, tags.swap) == ({"feature": "enhancement"}, [("docs", None)], False)
    later = diff(second, third)
    assert third.enums == second.enums and not later.enum_changes and not later.value_renames
    text = migration(first, second)
    assert "CASE WHEN state::text IN ('wontfix') THEN 'open' WHEN state::text = 'done' THEN 'resolved' ELSE state::text END" in text
    assert "ALTER TYPE ticket_tags RENAME VALUE 'feature' TO 'enhancement'" in text
    assert "ALTER TYPE ticket_state RENAME VALUE 'resolved' TO 'done'" in text  # the downgrade renames back, then re-adds
    assert "array_replace(tags::text[], 'enhancement', 'feature')" in text
    assert "RENAME VALUE" not in migration(second, third)
    (tmp_path / "m.py").write_text(text)
    expected = {}
    for schema in (first, second):
        apply_sql(pg, fresh_db, schema_sql(schema))
        expected[schema.feature] = schema_dump(pg, fresh_db)
        pg.execute(f'DROP DATABASE "{fresh_db}" WITH (FORCE)')
        pg.execute(f'CREATE DATABASE "{fresh_db}"')
    apply_sql(
        pg,
        fresh_db,
        schema_sql(first) + "INSERT INTO tickets (state, tags) VALUES ('done', '{feature,bug}'), ('wontfix', NULL);"
        "INSERT INTO tickets (state, tags, severity) VALUES ('open', '{chore}', 'low');",
    )
    import psycopg

    def rows(table: str) -> list[tuple]:
        with psycopg.connect(pg.dsn(fresh_db)) as conn:
            return conn.execute(f"SELECT id, state::text, tags::text[], severity::text FROM {table} ORDER BY id").fetchall()

    _run_migration(pg.dsn(fresh_db), tmp_path / "m.py", "upgrade")
    assert schema_dump(pg, fresh_db) == expected[second.feature]
    assert rows("tickets") == [
        (1, "resolved", ["enhancement", "bug"], "standard"),
        (2, "open", None, "standard"),
        (3, "open", ["chore"], "low"),
    ]
    _run_migration(pg.dsn(fresh_db), tmp_path / "m.py", "downgrade")
    assert schema_dump(pg, fresh_db) == expected[first.feature]
    assert rows("tickets") == [(1, "done", ["feature", "bug"], "normal"), (2, "open", None, "normal"), (3, "open", ["chore"], "low")]
