"""Real spec-kit repositories build as they are (issue #12, part 1).

spec-kit habits that used to stop a build now compile, each with a warning
that teaches the canonical form (and that `lint --strict` blocks):
a hand-written data-model.md (input, the document goes beside it), an entity
re-mentioned in prose by a later feature (W201) or re-declared with types
(W202), two folders with one number (W203), an extends target spelled with
other spacing (W204), an `(existing)` entity nobody declares (W205), and
semi-typed prose lines (W106). The whole corpus, assembled into its
repositories, builds with exit 0 and `spec2db verify` passes on PostgreSQL.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compiler.config import Settings
from compiler.passes import compile_paths

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("SPEC2DB_CORPUS", "/work/shared/corpus"))
if not CORPUS.is_dir():
    CORPUS = ROOT.parent / "shared" / "corpus"
HEAD = "# Feature Specification: Probe\n\n## Key Entities\n\n"
PYPROJECT = '[tool.spec2db]\nemit = ["postgres", "data-model", "alembic", "sqlalchemy"]\n'


def write_project(root: Path, features: dict[str, str]) -> Path:
    (root / "pyproject.toml").write_text(PYPROJECT)
    for folder, body in features.items():
        spec = root / "specs" / folder / "spec.md"
        spec.parent.mkdir(parents=True, exist_ok=True)
        spec.write_text(HEAD + body, encoding="utf-8")
    return root


def compile_project(root: Path):
    paths = sorted((p, p.relative_to(root).as_posix()) for p in root.glob("specs/*/spec.md"))
    return compile_paths(paths, Settings())


def codes(compilation) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for d in compilation.diagnostics.items:
        found.setdefault(d.code, []).append(f"{d.span}: {d.message}")
    return found


def spec2db(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "compiler", *args], check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def columns(compilation, feature: str, table: str) -> list[str]:
    schema = next(s for s in compilation.project.features if s.feature == feature)
    return [c.name for c in schema.table(table).columns]


TASK = "- **Task**: a to-do item\n  - `title`: string(200), required\n  - `owner_id`: uuid, references User\n"
USER = "- **User**: an account\n  - `email`: email, required, unique\n"


def test_prose_re_mention_is_a_reference(tmp_path):
    root = write_project(
        tmp_path,
        {
            "001-base": USER + TASK,
            "002-comments": "- **Task**: the task being discussed (same entity as 001)\n"
            "- **Comment**: a remark\n  - `body`: text, required\n  - `task_id`: uuid, required, references Task\n",
        },
    )
    compilation = compile_project(root)
    assert not compilation.diagnostics.has_errors, codes(compilation)
    (w201,) = codes(compilation)["W201"]
    assert w201.startswith("specs/002-comments/spec.md:5:5") and "specs/001-base/spec.md" in w201
    assert columns(compilation, "002-comments", "tasks") == columns(compilation, "001-base", "tasks")
    assert "task_id" in columns(compilation, "002-comments", "comments")


def test_typed_re_declaration_extends(tmp_path):
    root = write_project(
        tmp_path,
        {"001-base": USER + TASK, "002-priority": "- **task**: gains a priority\n  - `priority`: smallint, required, default 2\n"},
    )
    compilation = compile_project(root)
    assert not compilation.diagnostics.has_errors, codes(compilation)
    (w202,) = codes(compilation)["W202"]
    assert "'**Task** *(extends)*'" in w202
    assert "priority" in columns(compilation, "002-priority", "tasks")
    assert "priority" not in columns(compilation, "001-base", "tasks")


def test_two_typed_declarations_in_one_spec_stay_an_error(tmp_path):
    root = write_project(tmp_path, {"001-base": USER + TASK + "- **Task**: again\n  - `other`: text\n"})
    assert "E202" in codes(compile_project(root))


def test_extends_target_with_other_spacing_resolves(tmp_path):
    root = write_project(
        tmp_path,
        {
            "001-reports": "- **ReportSummary**: totals\n  - `total`: integer, required\n",
            "002-more": "- **Report Summary** *(extends)*: adds an average\n  - `average`: decimal(10, 2)\n",
        },
    )
    compilation = compile_project(root)
    assert not compilation.diagnostics.has_errors, codes(compilation)
    assert "'Report Summary' is declared as 'ReportSummary'" in codes(compilation)["W204"][0]
    assert "average" in columns(compilation, "002-more", "report_summaries")


def test_existing_entity_nobody_declares(tmp_path):
    root = write_project(
        tmp_path,
        {
            "002-ideas": "- **User** (existing, from 001-user-auth): an EPAM employee\n"
            "- **Account** *(modified)*: now typed here\n  - `name`: string(100), required\n",
        },
    )
    compilation = compile_project(root)
    assert not compilation.diagnostics.has_errors, codes(compilation)
    w205 = codes(compilation)["W205"]
    assert any("'User'" in w and "read as prose" in w for w in w205)
    assert any("'Account'" in w and "read as its declaration" in w for w in w205)
    assert compilation.project.features[0].table("accounts") is not None


def test_an_existing_entity_only_a_later_feature_declares_is_declared_where_first_typed(tmp_path):
    """`**User (Extended)**` in 002, `**User**` in an unnumbered feature (sorted after the numbered ones): the
    first typed description creates the table, the later declaration changes it; a bare mention is prose."""
    root = write_project(
        tmp_path,
        {
            "001-chat": "- **Profile** *(extends)*: shown beside messages\n- **Chat**: a chat\n  - `title`: string(80)\n",
            "002-status": "- **User** *(extends)*: adds a status\n  - `status`: string(140), optional\n",
            "auth": "- **User**: an account\n  - `email`: email, required\n- **Profile**: a public profile\n  - `bio`: text\n",
        },
    )
    compilation = compile_project(root)
    assert not compilation.diagnostics.has_errors, codes(compilation)
    w205 = codes(compilation)["W205"]
    assert any("'User'" in w and "only a later feature declares it (auth); read as its declaration" in w for w in w205), w205
    assert any("'Profile'" in w and "read as prose" in w for w in w205), w205
    assert any("'User'" in w for w in codes(compilation)["W202"])
    assert "status" in columns(compilation, "002-status", "users")
    assert {"status", "email"} <= set(columns(compilation, "auth", "users"))


def test_an_existing_entity_nobody_declares_is_declared_before_the_entities_above_it_refer_to_it(tmp_path):
    """`**Shot**` refers to `**UserProfile** (existing entity)`, typed below it in the same spec and declared
    nowhere else: its typed description is its declaration, and the reference above it finds it."""
    root = write_project(
        tmp_path,
        {
            "001-shots": "- **Shot**: a shot\n  - `id`: integer, primary key\n  - `maker_id`: integer, references UserProfile\n"
            "- **UserProfile** (existing entity):\n  - `id`: integer, primary key\n  - `name`: text, required\n"
        },
    )
    compilation = compile_project(root)
    assert not compilation.diagnostics.has_errors, codes(compilation)
    assert any("'UserProfile'" in w and "read as its declaration" in w for w in codes(compilation)["W205"])
    assert compilation.project.features[0].table("user_profiles") is not None


def test_a_reference_to_an_entity_nowhere_declared_stays_an_error(tmp_path):
    root = write_project(tmp_path, {"001-base": "- **Task**: t\n  - `owner_id`: uuid, references Nobody\n"})
    assert "E201" in codes(compile_project(root))


def test_a_reference_to_a_table_named_by_table_resolves_though_a_later_entity_has_that_name(tmp_path):
    auth = "- **Auth User**: an account\n  - `email`: email, required\n  - table: users\n"
    chat = "- **Chat**: a chat\n  - `owner_id`: uuid, references users\n"
    root = write_project(tmp_path, {"001-base": auth + chat, "002-next": "- **User**: someone who answers chats.\n"})
    compilation = compile_project(root)
    assert "E201" not in codes(compilation)
    assert "owner_id" in columns(compilation, "001-base", "chats")


def test_semi_typed_lines_are_prose(tmp_path):
    body = (
        "- **List**: a shopping list\n"
        "  - `name`: string(100), required\n"
        "  - **Archived At**: Timestamp when list was archived (null if active)\n"
        "  - **Permission Level**: Owner, Editor, or Viewer\n"
        "  - `above`: current > target AND previous <= target\n"
        "  - **id**: UUID (PK, immutable)\n"
        "  - Relationships: Assigned to items (one-to-many)\n"
        "  - Indexes: on name and creation date\n"
        "  - **Relationships**:\n"
        "    - belongs to a household\n"
    )
    root = write_project(tmp_path, {"001-lists": body})
    compilation = compile_project(root)
    assert not compilation.diagnostics.has_errors, codes(compilation)
    w106 = codes(compilation)["W106"]
    assert [w.split(": ")[0] for w in w106] == [f"specs/001-lists/spec.md:{line}:5" for line in (7, 8, 9, 10, 11, 12)]
    assert [w.split(": ")[0] for w in codes(compilation)["W102"]] == ["specs/001-lists/spec.md:13:5"]
    assert "read as prose, no column" in w106[0]
    assert columns(compilation, "001-lists", "lists") == ["id", "name", "created_at", "updated_at"]


def test_a_table_of_typescript_like_types_builds_with_warnings(tmp_path):
    table = (
        "### Museum\n\nA museum.\n\n"
        "| Field | Type | Required | Description |\n|---|---|---|---|\n"
        "| name | string | Yes | Official name. |\n| neighborhood | string \\| null | No | District. |\n"
        "| confidence | integer (1–5) \\| null | No | Confidence. |\n| website | string (URL) | Yes | Site. |\n"
        "| status | enum | Yes | `active`, `closed`. |\n| latitude | number \\| null | No | Latitude. |\n"
    )
    compilation = compile_project(write_project(tmp_path, {"001-museums": table}))
    assert not compilation.diagnostics.has_errors, codes(compilation)
    found = codes(compilation)
    # `T | null` (a pipe escaped in a table) is nullable, as an attribute is unless required; a bare type drops a range
    assert [w.split(": ", 1)[1] for w in found["W105"]] == [
        "non-canonical spelling 'string \\| null'; write `string`",
        "non-canonical spelling 'integer (1–5) \\| null'; write `integer`",
    ]
    # the team's own spellings that would not resolve are prose, each with a warning that says why
    assert [w.split(": ", 1)[1].split(";")[0] for w in found["W106"]] == [
        "'website': 'URL' is no size of string",
        "'status': 'enum' lists no values",
        "'latitude': 'number' is no spec2db type (write double)",
    ]
    assert columns(compilation, "001-museums", "museums") == ["id", "name", "neighborhood", "confidence", "created_at", "updated_at"]


def test_a_constraints_cell_in_the_teams_words_keeps_the_column(tmp_path):
    """`NOT NULL, immutable`, `DEFAULT now()`, `UNIQUE (workspace slug)`, `FK → auth.users(id)`: each item the
    notation reads is kept (as the notation would write it), each other one is left out with W122; the
    column stays, and lint --strict blocks the habit."""
    table = (
        "### companies\n\n| column | type | notes |\n| --- | --- | --- |\n"
        "| id | uuid | PK, FK → `auth.users(id)` ON DELETE CASCADE |\n| slug | text | NOT NULL, UNIQUE (workspace slug) |\n"
        "| kind | text | NOT NULL, immutable |\n| created_at | timestamptz | NOT NULL, DEFAULT now() |\n"
        "| note | text | NULL |\n"
    )
    root = write_project(tmp_path, {"001-companies": table})
    compilation = compile_project(root)
    assert not compilation.diagnostics.has_errors, codes(compilation)
    assert columns(compilation, "001-companies", "companies") == ["id", "slug", "kind", "created_at", "note", "updated_at"]
    found = [w.split(": ", 1)[1] for w in codes(compilation)["W122"]]
    assert found == [
        "'id': constraint 'FK → auth.users(id) ON DELETE CASCADE' is not in the notation; left out",
        "'kind': constraint 'immutable' is not in the notation; left out",
    ]
    strict = spec2db(root, "lint", "--strict")
    assert strict.returncode == 1 and "W122" in strict.stdout + strict.stderr


def test_a_constraints_cell_the_notation_reads_nothing_of_still_keeps_the_column(tmp_path):
    table = "### Asset\n\n| column | type | notes |\n| --- | --- | --- |\n| name | text | immutable |\n"
    compilation = compile_project(write_project(tmp_path, {"001-assets": table}))
    assert not compilation.diagnostics.has_errors, codes(compilation)
    assert "name" in columns(compilation, "001-assets", "assets")
    assert [w.split(": ", 1)[1] for w in codes(compilation)["W122"]] == ["'name': constraint 'immutable' is not in the notation; left out"]


def test_an_entity_named_in_the_plural_by_one_feature_and_singular_by_another_is_one_table(tmp_path):
    """`Users` declared by 001, `User` typed again by 002 and referenced by 003: one table `users`, extended
    (W202) and spelled as declared (W204), not two entities mapping to one table (E202)."""
    root = write_project(
        tmp_path,
        {
            "001-base": "- **Users**: accounts\n  - `email`: email, required\n",
            "002-more": "- **User**: an account\n  - `display_name`: string(80)\n",
            "003-tasks": "- **Task**: a to-do\n  - `title`: string(200)\n  - `owner_id`: uuid, references User\n",
        },
    )
    compilation = compile_project(root)
    assert not compilation.diagnostics.has_errors, codes(compilation)
    assert "W204" in codes(compilation) and "W202" in codes(compilation)
    assert columns(compilation, "002-more", "users") == ["id", "email", "created_at", "updated_at", "display_name"]


def test_two_features_naming_one_table_by_the_same_gloss_are_one_entity(tmp_path):
    root = write_project(
        tmp_path,
        {
            "003-households": "- **Associação de Membro (Membership)**: a member\n  - `role`: string(20)\n",
            "009-navigation": "- **Vínculo/Participação (Membership)**: a member\n  - `joined_at`: timestamp\n",
        },
    )
    compilation = compile_project(root)
    assert not compilation.diagnostics.has_errors, codes(compilation)
    assert "joined_at" in columns(compilation, "009-navigation", "memberships")


def test_a_type_in_words_after_a_name_in_backticks_is_prose(tmp_path):
    """`` `iat`: 签发时间戳 `` (issued-at timestamp), `` `sub`: subject ``: words, not a type or an entity: prose (W106),
    no column. A name written as an entity's (`Usr`, `Customer`) that names none stays an error."""
    root = write_project(
        tmp_path,
        {"001-jwt": "- **User**: u\n  - `name`: text\n- **Token**: t\n  - `iat`: 签发时间戳\n  - `sub`: subject\n  - `jti`: text\n"},
    )
    found = codes(compile_project(root))
    assert not [c for c in found if c.startswith("E")], found
    assert any("'签发时间戳'" in m for m in found["W106"]) and any("'subject'" in m for m in found["W106"])
    for typo in ("Usr", "Customer", "usr"):
        root = write_project(tmp_path, {"001-jwt": f"- **User**: u\n  - `name`: text\n- **Token**: t\n  - `owner`: {typo}\n"})
        assert "E102" in codes(compile_project(root)), typo


def test_a_typo_in_the_notation_stays_an_error(tmp_path):
    """A missing comma (`string(200) required`) or words after the type (`Boolean status (defaults to False)`)
    read with W105; a near miss of a notation word after the type (`requird`) would lose what it says."""
    root = write_project(tmp_path, {"001-base": "- **Task**: t\n  - `title`: string(200) requird\n"})
    assert "E101" in codes(compile_project(root))
    root = write_project(tmp_path, {"001-base": "- **Task**: t\n  - `title`: string (unique, requird)\n"})
    assert "E101" in codes(compile_project(root))
    root = write_project(tmp_path, {"001-base": "- **Task**: t\n  - `title`: string(200) required\n  - `done`: Boolean flag\n"})
    found = codes(compile_project(root))
    assert "E101" not in found and len(found["W105"]) == 2


def test_not_stored_entity_is_documented_without_a_table(tmp_path):
    root = write_project(
        tmp_path, {"001-base": TASK.replace("references User", "required") + "- **Session** *(not stored)*: kept in Redis\n"}
    )
    compilation = compile_project(root)
    assert "W103" not in codes(compilation) and not compilation.diagnostics.has_errors
    assert [t.name for t in compilation.project.features[0].tables] == ["tasks"]


def test_features_sharing_a_number_chain_linearly(tmp_path, pg):
    root = write_project(
        tmp_path,
        {
            "001-work-schedule-app": USER,
            "001-extend-schedule-plan": "- **Plan**: a plan\n  - `name`: text, required\n",
            "002-tasks": TASK,
        },
    )
    result = spec2db(root, "build")
    assert result.returncode == 0, result.stderr
    assert "W203" in result.stderr and "001_extend_schedule_plan, 001_work_schedule_app" in result.stderr
    versions = {p.name: p.read_text() for p in (root / "backend/migrations/versions").glob("*.py")}
    chain = {}
    for text in versions.values():
        rev = text.split("\nrevision = ", 1)[1].split("\n", 1)[0].strip("'\"")
        down = text.split("\ndown_revision = ", 1)[1].split("\n", 1)[0]
        chain[rev] = down.strip("'\"")
    assert chain == {
        "001_extend_schedule_plan": "None",
        "001_work_schedule_app": "001_extend_schedule_plan",
        "002": "001_work_schedule_app",
    }
    verified = spec2db(root, "verify", "--database-url", pg.base_dsn)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_revision_ids_alembic_accepts_from_any_folder_name(tmp_path, pg):
    """Alembic refuses `-` in a revision id and stores it in a VARCHAR(32): a folder without a number
    (`UC-01-register-user-account`) and two long folders sharing one get ids it takes, and `verify`
    runs their migrations on PostgreSQL."""
    root = write_project(
        tmp_path,
        {
            "021-qualidade-e-evolucao-do-frontend-web": USER,
            "021-qualidade-e-evolucao-do-backend-api": "- **Plan**: a plan\n  - `name`: text, required\n",
            "UC-01-register-user-account": TASK,
        },
    )
    result = spec2db(root, "build")
    assert result.returncode == 0, result.stderr
    revisions = [
        text.split("\nrevision = ", 1)[1].split("\n", 1)[0].strip("'\"")
        for text in (p.read_text() for p in (root / "backend/migrations/versions").glob("*.py"))
    ]
    assert len(revisions) == 3 and all(len(r) <= 32 and "-" not in r for r in revisions), revisions
    verified = spec2db(root, "verify", "--database-url", pg.base_dsn)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_reference_to_an_entity_described_only_in_prose_is_a_plain_column(tmp_path, pg):
    """spec-kit features refer to entities another feature only describes: the column stays, typed as the
    project's keys when the reference is its type, without a foreign key (W207); the build applies."""
    root = write_project(
        tmp_path,
        {
            "001-people": "- **User**: someone who signs in.\n",
            "002-tasks": "- **Task**: a to-do item\n  - `title`: string(200), required\n"
            "  - `owner_id`: uuid, references User, on delete cascade\n  - `reviewer`: User, optional\n",
        },
    )
    result = spec2db(root, "build")
    assert result.returncode == 0, result.stderr
    # (the third: `on delete cascade` goes with the foreign key, as infer writes it when it types a reference)
    assert result.stderr.count("W207") == 3 and "E211" not in result.stderr, result.stderr
    schema = (root / "specs/002-tasks/schema.sql").read_text()
    assert "owner_id UUID," in schema and "reviewer UUID," in schema and "REFERENCES" not in schema, schema
    verified = spec2db(root, "verify", "--database-url", pg.base_dsn)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert spec2db(root, "lint", "--strict").returncode == 1


def test_a_redeclared_attribute_spelled_in_another_case_is_renamed_where_it_stands(tmp_path, pg):
    """`**Title** (string)` in one feature, `title` in a later one: one attribute (matched regardless of case), so
    the migration renames the column in place; dropped and added at the end, schema.sql and the migrations
    disagreed on the column order and `verify` failed after build exit 0."""
    root = write_project(
        tmp_path,
        {
            "001-todo": "- **Task**: a to-do item\n  - **Title** (string): required\n  - **Status** (boolean): done or not\n",
            "002-web": "- **Task**: a to-do item\n  - `title`: string(200), required\n  - `status`: boolean\n  - `due_on`: date\n",
        },
    )
    result = spec2db(root, "build")
    assert result.returncode == 0, result.stderr
    versions = "".join(p.read_text() for p in (root / "backend/migrations/versions").glob("002*.py"))
    assert 'RENAME COLUMN \\"Title\\" TO title' in versions and 'drop_column("tasks", "Title"' not in versions, versions
    verified = spec2db(root, "verify", "--database-url", pg.base_dsn)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_redeclared_key_stays_the_key(tmp_path, pg):
    """`**ID** (integer): Unique identifier` in a later feature re-describes the key: still the primary key, not
    a plain column beside a convention `id` of another type (E220, integer to uuid)."""
    root = write_project(
        tmp_path,
        {
            "001-web": "- **Task**: a to-do item\n  - `id`: integer, primary key\n  - `title`: string(200), required\n",
            "console": "- **Task**: a to-do item with the following attributes:\n"
            "  - **ID** (integer): Unique identifier, auto-generated\n  - **Title** (string): Required\n",
            "web": "- **Task**: a to-do item\n  - **id** (integer): Unique identifier\n  - **title** (string): the title\n",
        },
    )
    result = spec2db(root, "build")
    assert result.returncode == 0, result.stderr
    assert "E220" not in result.stderr
    schema = (root / "specs/web/schema.sql").read_text()
    assert "UUID" not in schema and "PRIMARY KEY (id)" in schema, schema
    verified = spec2db(root, "verify", "--database-url", pg.base_dsn)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_reference_follows_its_key_when_a_later_feature_retypes_the_key(tmp_path, pg):
    """001 writes `owner_id: uuid, references User`, 003 re-types `User.id` as a string: the foreign key column
    takes the key's type (W208) instead of stopping the build, and the migrations build what schema.sql builds."""
    root = write_project(
        tmp_path,
        {
            "001-init": "- **User**: an account\n  - `id`: uuid, primary key\n  - `email`: email, required\n"
            "- **Todo**: a task\n  - `title`: string(200), required\n  - `owner_id`: uuid, required, references User\n",
            "003-auth": "- **User**: (managed by Better Auth)\n  - `id`: string(64), primary key\n",
        },
    )
    result = spec2db(root, "build")
    assert result.returncode == 0, result.stderr
    assert "W208" in result.stderr and "typed as the key it references" in result.stderr, result.stderr
    schema = (root / "specs/003-auth/schema.sql").read_text()
    assert "owner_id VARCHAR(64) NOT NULL" in schema, schema
    verified = spec2db(root, "verify", "--database-url", pg.base_dsn)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_convention_columns_a_later_feature_writes_out_stay_where_the_table_has_them(tmp_path, pg):
    """002 re-declares an entity whose table 001 created with the convention's `id` and timestamps, now writing
    them out (one re-typed) among new attributes: they stay first and before the appended columns, as the
    migrations leave them (appended at the end, schema.sql disagreed and `verify` failed after build exit 0)."""
    root = write_project(
        tmp_path,
        {
            "001-partners": "- **Act**: a partner\n  - `name`: string(200)\n  - `email`: email\n",
            "002-acordo": "- **Act**: a partner\n  - `name`: string(200)\n  - `legacy_id`: integer\n  - `id`: uuid, primary key\n"
            "  - `active`: boolean, required\n  - `created_at`: text, required\n  - `updated_at`: timestamp, required\n",
        },
    )
    result = spec2db(root, "build")
    assert result.returncode == 0, result.stderr
    verified = spec2db(root, "verify", "--database-url", pg.base_dsn)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_second_key_in_a_later_feature_is_unique_not_a_composite_key(tmp_path, pg):
    """`_id: ObjectId (primary key)` in a later feature, where the first declared `id`: the table keeps its key
    (W209) and `_id` is unique, so the reference to TodoList stays a plain foreign key; a feature that removes the
    old key declares the new one."""
    root = write_project(
        tmp_path,
        {
            "001-lists": "- **TodoList**: a list\n  - `id`: text, primary key\n  - `title`: string(200), required\n"
            "- **TodoItem**: an item\n  - `list_id`: text, required, references TodoList\n",
            "002-views": "- **TodoList**: Extended with `viewId`\n  - `_id`: ObjectId (primary key)\n"
            "  - `viewId`: string | undefined (view-only permission identifier, new field)\n",
            "003-keys": "- **TodoItem** *(extends)*: rekeyed\n  - removed: list_id\n  - `code`: text, primary key\n",
        },
    )
    result = spec2db(root, "build")
    assert result.returncode == 0, result.stderr
    assert "W209" in result.stderr and "'_id' is read as unique" in result.stderr
    schema = (root / "specs/003-keys/schema.sql").read_text()
    assert "PRIMARY KEY (id)" in schema and "PRIMARY KEY (id, _id)" not in schema, schema
    assert "PRIMARY KEY (code)" in schema, schema
    verified = spec2db(root, "verify", "--database-url", pg.base_dsn)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_composite_key_column_declared_again_stays_in_the_key(tmp_path):
    """A later feature repeating `user_id: uuid, primary key` of a composite key (project_id, user_id): still one
    key of two columns, no unique index on user_id alone and no W209."""
    root = write_project(
        tmp_path,
        {
            "001-base": "- **Project**: p\n  - `id`: uuid, primary key\n- **User**: u\n  - `id`: uuid, primary key\n"
            "- **Membership**: m\n  - `project_id`: uuid, primary key, references Project\n"
            "  - `user_id`: uuid, primary key, references User\n",
            "002-more": "- **Membership** *(extends)*: m\n  - `user_id`: uuid, primary key, references User, on delete cascade\n",
        },
    )
    compilation = compile_project(root)
    assert "W209" not in codes(compilation) and not compilation.diagnostics.has_errors
    result = spec2db(root, "build")
    schema = (root / "specs/002-more/schema.sql").read_text()
    assert result.returncode == 0 and "PRIMARY KEY (project_id, user_id)" in schema and "UNIQUE (user_id)" not in schema, schema


def test_words_in_parentheses_that_say_a_constraint_or_a_key_stay_errors(tmp_path):
    """`string(50) (non-null)`, `uuid (ref User)`, `uuid (User.id)`: what the notation would say, in other words; read
    as a description they would drop it, so they stay errors. `` `search`: tsvector `` (a SQL type spec2db lacks) and
    `` `assignee`: member `` beside a TeamMember stay E102."""
    for line in ("`a`: string(50) (non-null)", "`d`: uuid (ref User)", "`e`: uuid (User.id)", "`f`: string(20) (mandatory)"):
        root = write_project(tmp_path, {"001-base": f"- **User**: u\n  - `id`: uuid, primary key\n- **Task**: t\n  - {line}\n"})
        assert any(c.startswith("E") for c in codes(compile_project(root))), line
    for line in ("`search`: tsvector", "`assignee`: member"):
        root = write_project(tmp_path, {"001-base": f"- **TeamMember**: u\n  - `id`: uuid, primary key\n- **Task**: t\n  - {line}\n"})
        assert "E102" in codes(compile_project(root)), line


def test_lint_strict_blocks_every_tolerated_habit(tmp_path):
    root = write_project(
        tmp_path,
        {"001-base": USER + TASK, "002-more": "- **Task**: mentioned again\n- **task** : x\n  - **Due**: Date when it is due\n"},
    )
    plain = spec2db(root, "lint")
    assert plain.returncode == 0, plain.stdout + plain.stderr
    strict = spec2db(root, "lint", "--strict")
    assert strict.returncode == 1
    assert "W201" in strict.stdout + strict.stderr


# ---------------------------------------------------------------- the corpus, as whole repositories


def corpus_repositories() -> dict[str, list[tuple[str, str]]]:
    """repo -> [(corpus file, path in the repo)], from SOURCES.tsv."""
    sources = CORPUS / "SOURCES.tsv"
    if not sources.is_file():
        return {}
    repos: dict[str, list[tuple[str, str]]] = {}
    with sources.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            repos.setdefault(row["repo"], []).append((row["file"], row["path"]))
    return repos


REPOS = corpus_repositories()


def assemble(repo: str, root: Path) -> Path:
    for name, path in REPOS[repo]:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / name, target)
    return root


@pytest.mark.skipif(not REPOS, reason=f"no corpus at {CORPUS}")
def test_every_corpus_repository_builds_as_it_is(tmp_path):
    """Each repository's specs/ tree, unchanged (hand-written data-model.md
    included), builds with exit 0 and keeps every hand-written file."""
    from click.testing import CliRunner

    from compiler.cli import main

    built = 0
    for repo in sorted(REPOS):
        root = assemble(repo, tmp_path / repo.replace("/", "+"))
        if not list(root.glob("specs/*/spec.md")):
            continue  # a data-model.md alone: nothing to build
        before = {p: p.read_bytes() for p in root.rglob("*.md")}
        cwd = os.getcwd()
        os.chdir(root)
        try:
            result = CliRunner().invoke(main, ["build", "--no-cache"])
        finally:
            os.chdir(cwd)
        assert result.exit_code == 0, f"{repo}: {result.output}"
        assert all(p.read_bytes() == data for p, data in before.items()), repo
        built += 1
    assert built >= 25


def test_resolving_twice_gives_the_same_result(tmp_path):
    """The parsed specs stay as parsed (the language server keeps them between edits)."""
    from compiler.diagnostics import Diagnostics
    from compiler.passes import compile_specs, parse_all

    root = write_project(
        tmp_path,
        {
            "001-base": USER + TASK + "- **ReportSummary**: totals\n  - `total`: integer\n",
            "002-more": "- **Task**: mentioned\n- **user**: typed again\n  - `name`: text\n"
            "- **Report Summary** *(extends)*: more\n  - `avg`: integer\n- **Ghost** *(existing)*: elsewhere\n  - `x`: text\n",
        },
    )
    paths = sorted((p, p.relative_to(root).as_posix()) for p in root.glob("specs/*/spec.md"))
    specs = parse_all(paths, Diagnostics())
    runs = []
    for _ in range(2):
        diags = Diagnostics()
        project = compile_specs(specs, Settings(), diags)
        runs.append((sorted(d.code for d in diags.items), project.model_dump_json()))
    assert runs[0] == runs[1]
    assert {"W201", "W202", "W204", "W205"} <= set(runs[0][0])


def test_a_name_in_another_script_takes_its_gloss_for_code_and_tables(tmp_path, pg):
    """`用戶 (User)`, `网站（Website）`: teams writing in Chinese or Japanese gloss the name in Latin
    letters; the table and the model class are named from the gloss, the documents keep the text."""
    root = write_project(
        tmp_path,
        {
            "001-accounts": (
                "- **用戶 (User)**: 系統的使用者\n  - `email`: email, required, unique\n"
                "- **网站（Website）**: 在线服务\n  - `domain`: string(200), required\n"
                "  - `owner_id`: uuid, references 用戶\n"
            )
        },
    )
    result = spec2db(root, "build")
    assert result.returncode == 0, result.stderr
    schema = (root / "specs/001-accounts/schema.sql").read_text(encoding="utf-8")
    assert "CREATE TABLE users (" in schema and "CREATE TABLE websites (" in schema
    assert "REFERENCES users" in schema
    models = root / "backend/src/db/models"
    assert "class User(Base):" in (models / "user.py").read_text(encoding="utf-8")
    assert "class Website(Base):" in (models / "website.py").read_text(encoding="utf-8")
    assert "系統的使用者" in (root / "specs/001-accounts/data-model.md").read_text(encoding="utf-8")
    verified = spec2db(root, "verify", "--database-url", pg.base_dsn)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_an_entity_called_note_or_flow_is_an_entity_not_a_section(tmp_path):
    """`### Note` over attributes written in the notation, and `### Entity: Flow`, declare Note and Flow (words
    that otherwise head prose sections); `### Notes` over prose stays prose."""
    root = write_project(
        tmp_path,
        {
            "001-notes": "# Notes\n\n## Key Entities\n\n### Note\n\nA note.\n\n- `title`: text, required\n\n"
            "### Entity: Flow\n\nA flow of notes.\n\n### Notes\n\n- remember to back up\n\n### Query\n\nRead with care.\n"
        },
    )
    compilation = compile_project(root)
    assert not compilation.diagnostics.has_errors, compilation.diagnostics.sorted()
    assert [e.name for e in compilation.specs[0].entities] == ["Note", "Flow"]  # Flow is prose: no table yet
    assert [t.name for t in compilation.project.features[0].tables] == ["notes"]
    assert columns(compilation, "001-notes", "notes") == ["id", "title", "created_at", "updated_at"]


def test_an_enum_without_values_in_a_tolerated_line_is_prose(tmp_path):
    body = '- **Task**: t\n  - Title (string): the title\n  - Status (enum): Either "incomplete" or "complete"\n'
    found = codes(compile_project(write_project(tmp_path, {"001-base": body})))
    assert "E105" not in found and any("enum lists no values" in m for m in found["W106"])


def test_a_reference_to_a_table_spelled_without_a_separator_resolves(tmp_path):
    pay = "- **OrivaPay Transaction**: a payment\n  - `amount`: decimal(12, 2), required\n"
    refund = "- **Refund**: r\n  - `transaction_id`: uuid, references orivapay_transactions\n"
    compilation = compile_project(write_project(tmp_path, {"001-base": pay + refund}))
    assert "E201" not in codes(compilation) and "transaction_id" in columns(compilation, "001-base", "refunds")


@pytest.mark.parametrize(
    ("word", "plural"),
    [
        ("quiz", "quizzes"),
        ("hero", "heroes"),
        ("leaf", "leaves"),
        ("criterion", "criteria"),
        ("person", "people"),
        ("photo", "photos"),
        ("category", "categories"),
        ("status", "statuses"),
        ("lease", "leases"),
        ("box", "boxes"),
        ("user_role", "user_roles"),
        ("analysis", "analyses"),
        ("kpi", "kpis"),
        ("bus", "buses"),
    ],
)
def test_table_names_are_english_plurals_and_infer_reads_them_back(word, plural):
    from compiler.infer import words as W
    from compiler.infer.code import entity_name
    from compiler.naming import pluralize, singularize

    assert pluralize(word) == plural
    assert singularize(plural) == word
    assert W.entity_key(plural) == W.entity_key(word)  # a data model's `heroes` is the spec's Hero
    assert entity_name(plural) == W.pascal(word)
    assert pluralize(plural) == plural and singularize(word) == word  # inflected already: stays


@pytest.mark.parametrize(
    "features",
    [
        {"001-orders": "- **orders** *(external)*: declared outside.\n- **Order**: an order.\n  - `id`: uuid, primary key\n"},
        {
            "001-quiz": "- **Question**: a prompt.\n  - `id`: uuid, primary key\n  - `quiz_id`: uuid, references quizzes\n"
            "- **quizzes** *(external)*: declared outside.\n",
            "002-take": "- **Quiz**: a quiz.\n  - `id`: uuid, primary key\n  - `title`: text\n",
        },
    ],
    ids=["one-feature", "a-later-feature"],
)
def test_a_table_the_specs_create_with_an_external_entitys_name_is_refused(tmp_path, features):
    """The database holds one relation per name: build exited 0 and verify, Alembic's models and a real
    deployment failed on the second `orders`."""
    root = write_project(tmp_path, features)
    result = spec2db(root, "build")
    assert result.returncode == 1 and "E223" in result.stderr, result.stderr
    assert not (root / "backend").exists()  # nothing written


@pytest.mark.parametrize(
    "heading",
    [
        "#### Museum field reference",
        "#### Museum fields",
        "#### Campos de Museum",
        "#### Museum のフィールド",
        "#### Attributes of Museums",
    ],
)
def test_a_heading_that_gives_a_bullet_entitys_fields_keeps_the_entities_after_it(tmp_path, heading):
    """`#### Museum field reference` after `- **Museum**: ...` gives Museum's fields (W108); the entity bullets after
    its table are the next entities, not fields of an entity called 'Museum field reference'."""
    body = (
        "- **Museum**: A venue. Key attributes: name, city.\n\n"
        f"{heading}\n\n| Field | Type | Notes |\n|---|---|---|\n| name | string(100) | required |\n| city | text | |\n\n"
        "- **Exhibit**: An exhibit in a museum.\n  - `title`: string(200), required\n"
        "- **Ticket**: A ticket for an exhibit. Key attributes: price.\n"
    )
    compilation = compile_project(write_project(tmp_path, {"001-museum": body}))
    assert not compilation.diagnostics.has_errors, compilation.diagnostics.sorted()
    assert [e.name for e in compilation.specs[0].entities] == ["Museum", "Exhibit", "Ticket"]
    assert columns(compilation, "001-museum", "museums") == ["id", "name", "city", "created_at", "updated_at"]
    assert columns(compilation, "001-museum", "exhibits") == ["id", "title", "created_at", "updated_at"]
    assert [d.span.line for d in compilation.diagnostics.items if d.code == "W108"] == [7]


def test_an_entity_named_in_a_code_span_is_read_as_if_bold(tmp_path):
    """`` - `course_dependencies` table: ... `` directly inside Key Entities, and `` - `Course`: ... `` over its own
    attributes: entities whose names are written as code, read as the bold ones (W109 at each name). Not entities: a
    code span over prose alone, one followed by words in parentheses (`` `TimestampMixin` (applied to every table) ``),
    the items of a bold label (`**Indexes:**`), and a code span under an entity (an attribute)."""
    body = (
        "- `course_dependencies` table: links a course to the course it requires.\n"
        "  - `course_id`: uuid, references Course\n  - `requires_id`: uuid, references Course\n"
        "- `Course`: a course.\n  - `title`: string(200), required\n"
        "- `Tag` — a label, described in prose only.\n"
        "- `TimestampMixin` (applied to every table):\n  - `created_by`: uuid\n"
        "- `Team` *(external: teams)*: the organisation's teams.\n  - `id`: uuid, primary key\n\n"
        "**Indexes:**\n\n- `courses`: (title)\n  - `title`: text\n"
    )
    compilation = compile_project(write_project(tmp_path, {"001-courses": body}))
    assert not compilation.diagnostics.has_errors, compilation.diagnostics.sorted()
    assert [e.name for e in compilation.specs[0].entities] == ["course_dependencies", "Course", "Team"]
    assert columns(compilation, "001-courses", "course_dependencies") == ["id", "course_id", "requires_id", "created_at", "updated_at"]
    assert columns(compilation, "001-courses", "courses") == ["id", "title", "created_at", "updated_at"]
    found = [(d.span.line, d.span.col) for d in compilation.diagnostics.items if d.code == "W109"]
    assert found == [(5, 3), (8, 3), (13, 3)]
    assert [d.span.line for d in compilation.diagnostics.items if d.code == "W101"] == [10, 11, 18]


def test_a_fields_sub_heading_under_an_entity_heading_is_its_attributes_and_relationships_are_prose(tmp_path):
    body = (
        "### Task\n\nA task.\n\n#### Fields\n\n| Field | Type | Notes |\n|---|---|---|\n| title | string(200) | required |\n\n"
        "#### Relationships\n\n- **User** has many tasks\n"
    )
    compilation = compile_project(write_project(tmp_path, {"001-tasks": body}))
    assert not compilation.diagnostics.has_errors, compilation.diagnostics.sorted()
    assert columns(compilation, "001-tasks", "tasks") == ["id", "title", "created_at", "updated_at"]
    assert "W102" not in codes(compilation)


def test_specs_under_dot_specify_are_found_and_their_outputs_go_beside_them(tmp_path):
    """Early spec-kit kept features in .specify/specs/: build, lint and infer find them without arguments, and
    the per-feature outputs the project leaves at their defaults go beside the specs, not into a new specs/."""
    spec = tmp_path / ".specify" / "specs" / "001-tasks" / "spec.md"
    spec.parent.mkdir(parents=True)
    spec.write_text(HEAD + TASK + USER, encoding="utf-8")
    built = spec2db(tmp_path, "build")
    assert built.returncode == 0, built.stderr
    assert (spec.parent / "schema.sql").is_file() and (spec.parent / "data-model.md").is_file()
    assert not (tmp_path / "specs").exists()
    assert spec2db(tmp_path, "build", "--check").returncode == 0
    assert spec2db(tmp_path, "lint").returncode == 0
    assert spec2db(tmp_path, "infer").returncode == 0
    (tmp_path / "pyproject.toml").write_text('[tool.spec2db.outputs]\nschema_sql = "db/{feature}.sql"\n', encoding="utf-8")
    assert spec2db(tmp_path, "build").returncode == 0
    assert (tmp_path / "db" / "001-tasks.sql").is_file()  # a template the project set is the project's


def test_a_teams_table_row_with_no_type_and_no_entity_is_prose_and_an_array_of_a_type_is_an_array(tmp_path):
    """`ARRAY(Text)` is `text[]` (W105); `VECTOR(768)`, a code enum's `SandboxStatus` in a team's table name no
    spec2db type and no entity of the specs: prose with W106, not E102 (which a typo in the notation keeps)."""
    body = (
        "### Sandbox\n\n| Field | Type | Notes |\n|---|---|---|\n| `id` | UUID | key |\n| `labels` | ARRAY(Text) | tags |\n"
        "| `status` | SandboxStatus | state |\n| `embedding` | VECTOR(768) | v |\n| `owner` | Sandbox | parent |\n"
    )
    compilation = compile_project(write_project(tmp_path, {"001-sandbox": body}))
    assert not compilation.diagnostics.has_errors, compilation.diagnostics.sorted()
    assert columns(compilation, "001-sandbox", "sandboxes")[:3] == ["id", "labels", "owner"]
    found = codes(compilation)
    assert sum("is neither a spec2db type nor an entity" in m for m in found["W106"]) == 2
    (tmp_path / "typo").mkdir()
    typo = compile_project(write_project(tmp_path / "typo", {"001-sandbox": "- **Sandbox**: s\n  - `due`: dat\n"}))
    assert "E102" in codes(typo)


def test_an_error_every_features_schema_reports_counts_once(tmp_path):
    root = write_project(
        tmp_path,
        {
            "001-a": "- **UserCV**: A CV.\n  - `id`: uuid, primary key\n- **user_cvs** *(external)*: Declared elsewhere.\n",
            "002-b": "- **Note**: A note.\n  - `id`: uuid, primary key\n",
            "003-c": "- **Tag**: A tag.\n  - `id`: uuid, primary key\n",
        },
    )
    result = spec2db(root, "build")
    assert result.returncode == 1 and result.stderr.count("E223") == 1
    assert "1 error; nothing written" in result.stderr


def test_a_typo_of_a_type_in_a_teams_table_stays_an_error(tmp_path):
    body = "### Sandbox\n\n| Field | Type |\n|---|---|\n| `id` | UUID |\n| `name` | strng |\n"
    assert "E102" in codes(compile_project(write_project(tmp_path, {"001-sandbox": body})))


def test_a_plural_heading_straight_over_entity_headings_groups_them(tmp_path):
    body = (
        "### In-Memory Registries\n\n#### WorkerRegistry\n\n- `worker_url`: text, required\n\n"
        "#### SandboxRegistry\n\n- `sandbox_url`: text, required\n\n"
        "### Users\n\n#### Fields\n\n| Field | Type |\n|---|---|\n| email | email |\n"
    )
    compilation = compile_project(write_project(tmp_path, {"001-registries": body}))
    assert [e.name for e in compilation.specs[0].entities] == ["WorkerRegistry", "SandboxRegistry", "Users"]


def test_java_and_go_type_names_and_an_enum_whose_words_list_its_values_compile(tmp_path):
    body = (
        "- **IdeaEvaluation**: An evaluation. Contains:\n  - `id` (Long): Primary key\n  - `score` (BigDecimal): Score\n"
        "  - `created` (LocalDateTime): When\n  - `decided` (Instant): When decided\n  - `views` (int64): Count\n"
        "  - `statusSnapshot` (Enum): The status set (UNDER_REVIEW, ACCEPTED, REJECTED)\n"
    )
    compilation = compile_project(write_project(tmp_path, {"001-ideas": body}))
    assert not compilation.diagnostics.has_errors, compilation.diagnostics.sorted()
    table = next(s for s in compilation.project.features).table("idea_evaluations")
    types = {c.name: c.type.scalar.value if c.type.scalar else None for c in table.columns}
    assert types["id"] == "bigint" and types["created"] == "timestamp" and types["decided"] == "timestamptz"
    assert types["views"] == "bigint" and types["score"] == "decimal"
    assert any("enum(UNDER_REVIEW, ACCEPTED, REJECTED)" in m for m in codes(compilation)["W105"])


@pytest.mark.parametrize(
    "values, compiles",
    [
        ("`stdio` | `sse` | `webmcp`.", True),
        ("One of `stdio`, `sse` or `webmcp`", True),
        ("`stdio` for local servers, `sse` for remote ones", False),  # words between them: no list, still E105
    ],
)
def test_an_enum_whose_description_is_its_values_in_code_compiles(tmp_path, values, compiles):
    body = f"- **McpServer**: A registered tool provider.\n  - `serverId` (UUID): Primary key.\n  - `type` (Enum): {values}\n"
    compilation = compile_project(write_project(tmp_path, {"001-servers": body}))
    assert compilation.diagnostics.has_errors is not compiles, compilation.diagnostics.sorted()
    if compiles:
        assert any("enum(stdio, sse, webmcp)" in m for m in codes(compilation)["W105"])


def test_a_redeclared_attribute_spelled_in_camel_case_is_the_snake_case_one(tmp_path, pg):
    """`statusSnapshot` re-declaring `status_snapshot` (W202) is the same attribute, renamed where it stands (two
    columns would make two enum types of one name: E214)."""
    root = write_project(
        tmp_path,
        {
            "001-base": "- **Evaluation**: e\n  - `status_snapshot`: enum(OPEN, DONE)\n",
            "002-more": "- **Evaluation**: e\n  - `statusSnapshot` (Enum): The status set (OPEN, DONE, VOID)\n",
        },
    )
    compilation = compile_project(root)
    assert not compilation.diagnostics.has_errors, compilation.diagnostics.sorted()
    assert columns(compilation, "002-more", "evaluations") == ["id", "statusSnapshot", "created_at", "updated_at"]
    result = spec2db(root, "verify", "--database-url", pg.base_dsn)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_type_that_names_nothing_yet_is_read_again_once_a_spec_declares_it():
    """The language server compiles the same parsed spec again when another changes: a row dropped as naming
    nothing (W106) is still in the parse, and becomes a reference once another spec declares the entity."""
    from compiler.diagnostics import Diagnostics
    from compiler.passes import PassCaches, compile_specs, parse_bytes

    body = "### Sandbox\n\n| Field | Type |\n|---|---|\n| `id` | UUID |\n| `status` | SandboxStatus |\n"
    sandbox = parse_bytes((HEAD + body).encode(), "specs/001-a/spec.md", Diagnostics())
    status = parse_bytes((HEAD + "- **SandboxStatus**: a state.\n  - `label`: text\n").encode(), "specs/002-b/spec.md", Diagnostics())
    settings = Settings()
    caches = PassCaches(settings)
    first = Diagnostics()
    compile_specs([sandbox], settings, first, caches)
    assert any(d.code == "W106" for d in first.items)
    second = Diagnostics()
    project = compile_specs([sandbox, status], settings, second, caches)
    sandboxes = project.features[-1].table("sandboxes")
    assert [(fk.columns, fk.ref_table) for fk in sandboxes.foreign_keys] == [(["status"], "sandbox_statuses")]
    assert not any(d.code == "W106" for d in second.items), second.sorted()
