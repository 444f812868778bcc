"""The generated models behave like the database, with rows on a real
PostgreSQL server: deleting a parent through the ORM leaves the rows a plain
SQL DELETE leaves (every ON DELETE action, children loaded or not); a
trigger-maintained updated_at is current on the object after commit; a
many-to-many is navigable from both ends.

The models are generated from SPEC below (one table per ON DELETE action)
and from the example specs, and run in a subprocess so each test imports
them fresh.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT, apply_sql

pytestmark = pytest.mark.postgres

SPEC = """# Feature Specification: Delete actions

### Key Entities

- **Customer**: A row the others point at.
  - `id`: integer, primary key
  - `name`: text, required
- **Invoice**: Restricted: a customer with invoices cannot be deleted.
  - `id`: integer, primary key
  - `customer_id`: integer, required, references Customer, on delete restrict
- **Note**: No action, nullable: the database refuses the delete, so the ORM must not null the key.
  - `id`: integer, primary key
  - `customer_id`: integer, references Customer, on delete no action
- **Memo**: No action chosen (the database's default), nullable.
  - `id`: integer, primary key
  - `customer_id`: integer, references Customer
- **Order**: Cascade, required.
  - `id`: integer, primary key
  - `customer_id`: integer, required, references Customer, on delete cascade
- **Visit**: Cascade, nullable.
  - `id`: integer, primary key
  - `customer_id`: integer, references Customer, on delete cascade
- **Ticket**: Set null.
  - `id`: integer, primary key
  - `customer_id`: integer, references Customer, on delete set null
- **Lead**: Set default: falls back to customer 1.
  - `id`: integer, primary key
  - `customer_id`: integer, required, default 1, references Customer, on delete set default
- **Profile**: One to one, cascade.
  - `id`: integer, primary key
  - `customer_id`: integer, required, unique, references Customer, on delete cascade
- **Label**: A tag for customers.
  - `id`: integer, primary key
  - `name`: text, required
- **CustomerLabel**: A customer carries a label (association object).
  - `customer_id`: integer, required, references Customer, on delete cascade
  - `label_id`: integer, required, references Label, on delete cascade
  - primary key: (customer_id, label_id)
- **Comment**: Threaded: replies go with the comment they answer.
  - `id`: integer, primary key
  - `parent_id`: integer, references Comment, on delete cascade
  - `body`: text, required
"""

# Rows per child table, inserted before each delete: customer 2 is deleted,
# customer 1 is the SET DEFAULT fallback; comment 1 is deleted.
BASE_ROWS = "INSERT INTO customers (id, name) VALUES (1, 'fallback'), (2, 'doomed');"
ROWS = {
    "invoices": "INSERT INTO invoices (id, customer_id) VALUES (1, 2);",
    "notes": "INSERT INTO notes (id, customer_id) VALUES (1, 2), (2, 1);",
    "memos": "INSERT INTO memos (id, customer_id) VALUES (1, 2);",
    "orders": "INSERT INTO orders (id, customer_id) VALUES (1, 2), (2, 2), (3, 1);",
    "visits": "INSERT INTO visits (id, customer_id) VALUES (1, 2), (2, NULL);",
    "tickets": "INSERT INTO tickets (id, customer_id) VALUES (1, 2), (2, 1);",
    "leads": "INSERT INTO leads (id, customer_id) VALUES (1, 2);",
    "profiles": "INSERT INTO profiles (id, customer_id) VALUES (1, 2), (2, 1);",
    "customer_labels": "INSERT INTO labels (id, name) VALUES (1, 'vip'); INSERT INTO customer_labels VALUES (2, 1), (1, 1);",
    "labels": "INSERT INTO labels (id, name) VALUES (1, 'vip'); INSERT INTO customer_labels VALUES (2, 1);",
}
COMMENT_ROWS = "INSERT INTO comments (id, parent_id, body) VALUES (1, NULL, 'q'), (2, 1, 'a'), (3, 2, 'a2'), (4, NULL, 'other');"

# For each relationship of Customer, and Comment's replies: load the children
# (or not), delete the parent through the ORM, and do the same with SQL.
DELETES = """
import json, sys
import sqlalchemy as sa
from sqlalchemy.orm import Session
import {package} as models

ROWS, BASE_ROWS, COMMENT_ROWS = json.loads(sys.argv[1])
engine = sa.create_engine({url!r})
TABLES = [t for t in models.create_all.__globals__["own_tables"]()]

def reset(rows):
    with engine.begin() as conn:
        conn.execute(sa.text("TRUNCATE " + ", ".join(t.name for t in TABLES) + " RESTART IDENTITY CASCADE"))
        conn.execute(sa.text(rows))

def snapshot():
    with engine.connect() as conn:
        out = {{}}
        for t in TABLES:
            columns = [c for c in t.columns if c.name not in ("created_at", "updated_at")]
            out[t.name] = sorted(repr(tuple(r)) for r in conn.execute(sa.select(*columns)))
        return out

def outcome(error):
    if error is None:
        return "deleted"
    orig = getattr(error, "orig", None)
    if getattr(orig, "sqlstate", None):
        return "refused by the database: " + orig.sqlstate
    return f"{{type(error).__name__}}: {{str(error).splitlines()[0][:200]}}"

def by_orm(cls, key, load):
    error = None
    with Session(engine) as session:
        obj = session.get(cls, key)
        load(obj)
        session.delete(obj)
        try:
            session.commit()
        except Exception as exc:
            error = exc
    return outcome(error), snapshot()

def by_sql(table, key):
    error = None
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DELETE FROM {{table}} WHERE id = {{key}}"))
    except Exception as exc:
        error = exc
    return outcome(error), snapshot()

def load_tree(comment):
    for reply in comment.children:
        load_tree(reply)

results = []
customer = models.Customer
for rel in sa.inspect(customer).relationships:
    rows = BASE_ROWS + ROWS[rel.target.name]
    for loaded in (False, True):
        load = (lambda obj, key=rel.key: getattr(obj, key)) if loaded else (lambda obj: None)
        reset(rows)
        orm = by_orm(customer, 2, load)
        reset(rows)
        sql = by_sql("customers", 2)
        results.append([f"Customer.{{rel.key}} loaded={{loaded}}", orm, sql])
for name, load in [
    ("not loaded", lambda obj: None),
    ("replies loaded", lambda obj: obj.children),
    ("whole thread loaded", load_tree),
]:
    reset(COMMENT_ROWS)
    orm = by_orm(models.Comment, 1, load)
    reset(COMMENT_ROWS)
    sql = by_sql("comments", 1)
    results.append([f"Comment.children {{name}}", orm, sql])
engine.dispose()
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def actions(tmp_path_factory) -> Path:
    """SPEC built into a project folder: schema.sql and both model packages."""
    root = tmp_path_factory.mktemp("actions")
    (root / "specs" / "001-actions").mkdir(parents=True)
    (root / "specs" / "001-actions" / "spec.md").write_text(SPEC)
    (root / "pyproject.toml").write_text('[tool.spec2db]\nemit = ["postgres", "alembic", "sqlalchemy", "sqlmodel"]\n')
    build = subprocess.run(
        [sys.executable, "-m", "compiler", "build"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    return root


def run_python(root: Path, code: str, *args: str) -> str:
    src = root / "backend" / "src"
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(src)},
        cwd=src,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def url(pg, dbname: str) -> str:
    return pg.dsn(dbname).replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.mark.parametrize("package", ["db.models", "db.sqlmodel_models"])
def test_orm_delete_leaves_the_rows_sql_delete_leaves(pg, fresh_db, actions, package):
    """Every ON DELETE action, children loaded and not: the ORM's delete ends
    as the database's (deleted, or refused with the same SQLSTATE) and
    leaves the same rows in every table."""
    apply_sql(pg, fresh_db, (actions / "specs/001-actions/schema.sql").read_text())
    out = run_python(actions, DELETES.format(package=package, url=url(pg, fresh_db)), json.dumps([ROWS, BASE_ROWS, COMMENT_ROWS]))
    results = json.loads(out)
    wrong = [f"{case}: ORM {orm[0]!r}, SQL {sql[0]!r}" for case, orm, sql in results if orm[0] != sql[0]]
    wrong += [f"{case}: rows differ: ORM {orm[1]} SQL {sql[1]}" for case, orm, sql in results if orm[0] == sql[0] and orm[1] != sql[1]]
    assert not wrong, "\n".join(wrong)
    assert len(results) == 2 * 10 + 3, [r[0] for r in results]  # 10 relationships of Customer, 3 thread cases
    # the cases do what their spec says, so the comparison is not empty
    outcomes = {case: orm[0] for case, orm, _ in results}
    assert outcomes["Customer.invoices loaded=True"] == "refused by the database: 23503"  # foreign_key_violation
    assert outcomes["Customer.notes loaded=True"] == "refused by the database: 23503"  # foreign_key_violation
    assert outcomes["Customer.orders loaded=True"] == "deleted"
    thread = next(orm[1]["comments"] for case, orm, _ in results if case == "Comment.children replies loaded")
    assert thread == ["(4, None, 'other')"]


ROUND_TRIP = """
import time, warnings
warnings.simplefilter("error")
import sqlalchemy as sa
from sqlalchemy.orm import Session
import {package} as models

sa.orm.configure_mappers()
engine = sa.create_engine({url!r})
models.create_all(engine)

# updated_at: the trigger moves it; the object has the new value after commit,
# with expire_on_commit=False (the generated session factory's setting) and
# after the session is closed.
with Session(engine, expire_on_commit=False) as session:
    customer = models.Customer(name="Ada")
    session.add(customer)
    session.commit()
    inserted = customer.updated_at
    time.sleep(0.01)
    customer.name = "Ada L."
    session.commit()
after_commit = customer.updated_at
with engine.connect() as conn:
    in_database = conn.execute(sa.text("SELECT updated_at FROM customers")).scalar_one()
print("updated_at", inserted < after_commit, after_commit == in_database)

# many-to-many: rows written through the association object, read from both ends
with Session(engine) as session:
    vip, late = models.Label(name="vip"), models.Label(name="late")
    bob = models.Customer(name="Bob")
    session.add_all([vip, late, bob])
    session.flush()
    session.add_all([
        models.CustomerLabel(customer_id=customer.id, label_id=vip.id),
        models.CustomerLabel(customer_id=bob.id, label_id=vip.id),
        models.CustomerLabel(customer_id=bob.id, label_id=late.id),
    ])
    session.commit()
with Session(engine) as session:
    bob = session.scalars(sa.select(models.Customer).where(models.Customer.name == "Bob")).one()
    vip = session.scalars(sa.select(models.Label).where(models.Label.name == "vip")).one()
    print("labels", sorted(label.name for label in bob.labels))
    print("customers", sorted(c.name for c in vip.customers))
engine.dispose()
"""


@pytest.mark.parametrize("package", ["db.models", "db.sqlmodel_models"])
def test_updated_at_and_many_to_many_with_rows(pg, fresh_db, actions, package):
    out = run_python(actions, ROUND_TRIP.format(package=package, url=url(pg, fresh_db)))
    assert out.splitlines() == ["updated_at True True", "labels ['late', 'vip']", "customers ['Ada L.', 'Bob']"], out


def test_example_many_to_many_is_navigable_from_both_ends():
    """Spec 002's "many to many Tag" (task_tags, project_tags): Task.tags,
    Tag.tasks, Project.tags and Tag.projects beside the association objects."""
    from compiler.emit.sqlalchemy import plan
    from tests.test_alembic import project

    the_plan = plan(project().features[-1])
    pairs = {(m.class_name, n.attribute, n.target, n.link_table) for m in the_plan.models for n in m.many_to_many}
    assert {
        ("Task", "tags", "Tag", "task_tags"),
        ("Tag", "tasks", "Task", "task_tags"),
        ("Project", "tags", "Tag", "project_tags"),
        ("Tag", "projects", "Project", "project_tags"),
    } <= pairs
