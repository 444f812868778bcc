"""Hostile data-model.md and spec.md content: code that would do harm if run is
never run, enormous tables and deep nesting finish quickly, broken fences and
bad bytes never crash `spec2db infer`, and what it writes still builds and
applies on PostgreSQL."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from click.testing import CliRunner

from compiler.cli import main
from tests.conftest import apply_sql

SPEC = """# Feature Specification: Hostile

## Requirements

### Key Entities

- **Task**: A to-do item. Key attributes: unique identifier, title, description (optional).
"""


def feature(tmp_path: Path, data_model: str | bytes, spec: str | bytes = SPEC) -> Path:
    folder = tmp_path / "specs" / "001-hostile"
    folder.mkdir(parents=True)
    (folder / "spec.md").write_bytes(spec.encode("utf-8") if isinstance(spec, str) else spec)
    (folder / "data-model.md").write_bytes(data_model.encode("utf-8") if isinstance(data_model, str) else data_model)
    return folder


def infer(tmp_path: Path, monkeypatch, *args: str):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, ["infer", *args])


def test_code_that_would_do_harm_is_never_run(tmp_path, monkeypatch):
    marker = tmp_path / "PWNED"
    payload = f"__import__('os').system('touch {marker}')"
    data_model = f"""# Data Model

## Task

```python
import os
os.system("touch {marker}")
class Task(SQLModel, table=True):
    id: int = Field(default={payload}, primary_key=True)
    title: str = Field(default=exec("open('{marker}', 'w')"))
```

```sql
CREATE TABLE tasks (id INT PRIMARY KEY DEFAULT 1); DROP DATABASE postgres; COPY tasks FROM PROGRAM 'touch {marker}';
```

```typescript
require('child_process').execSync('touch {marker}');
interface Task {{ id: string; }}
```

| Field | Type | Constraints |
|---|---|---|
| `title` | VARCHAR(200) | NOT NULL, default `{payload}` |
| `x; DROP TABLE tasks; --` | TEXT | default ''); DROP TABLE tasks; -- |
"""
    folder = feature(tmp_path, data_model)
    result = infer(tmp_path, monkeypatch, "--write")
    assert result.exit_code == 0, result.output
    assert not marker.exists()
    written = (folder / "spec.md").read_text(encoding="utf-8")
    assert "system" not in written and "exec(" not in written and "DROP" not in written.upper().split("KEY ENTITIES")[1]
    # what was written compiles and applies
    shutil.move(str(folder / "data-model.md"), str(tmp_path / "data-model.md.kept"))
    build = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out"), "--no-cache"])
    assert build.exit_code == 0, build.output
    assert not marker.exists()


def test_written_hostile_names_apply_on_postgres(tmp_path, monkeypatch, pg, fresh_db):
    data_model = """# Data Model

### Task

| Field | Type | Constraints | Description |
|---|---|---|---|
| `select` | VARCHAR(20) | NOT NULL, default 'a''b' | reserved word as a name |
| `order` | INTEGER | default 0 | `--` comment — and an em dash |
| `user` | TEXT | | quote ' and backslash \\\\ in a description |
| `status` | enum | | 'it''s', "two words", `x"y` |
"""
    folder = feature(tmp_path, data_model)
    assert infer(tmp_path, monkeypatch, "--write").exit_code == 0
    (folder / "data-model.md").unlink()
    build = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out"), "--no-cache"])
    assert build.exit_code == 0, build.output
    apply_sql(pg, fresh_db, next((tmp_path / "out").rglob("schema.sql")).read_text(encoding="utf-8"))


def test_enormous_table_is_bounded(tmp_path, monkeypatch):
    rows = "".join(f"| `field_{i}` | VARCHAR(50) | NOT NULL |\n" for i in range(30000))
    data_model = "# Data Model\n\n### Task\n\n| Field | Type | Constraints |\n|---|---|---|\n" + rows
    feature(tmp_path, data_model)
    start = time.perf_counter()
    result = infer(tmp_path, monkeypatch, "--format", "json")
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - start < 60
    assert "W308" in result.stdout  # rows past PostgreSQL's column limit are reported, not proposed


def test_broken_fences_and_deep_nesting_never_crash(tmp_path, monkeypatch):
    nested = "".join("  " * i + f"- level {i} `f{i}`: string\n" for i in range(400))
    data_model = "# Data Model\n\n### Task\n\n```sql\nCREATE TABLE tasks (\n  id UUID PRIMARY KEY,\n" + nested + "\n~~~python\nclass X(\n"
    spec = SPEC + nested + "\n```\nunclosed\n" + "> " * 300 + "deep quote\n" + "[" * 5000 + "\n"
    folder = feature(tmp_path, data_model, spec)
    result = infer(tmp_path, monkeypatch, "--write")
    assert result.exit_code == 0, result.output
    again = infer(tmp_path, monkeypatch)
    assert again.exit_code == 0 and again.stdout == ""
    assert (folder / "spec.md").read_text(encoding="utf-8").endswith("[" * 5000 + "\n")


def test_json_schemas_nested_too_deep_or_too_large_never_crash(tmp_path, monkeypatch):
    deep = '{"id": "uuid", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    huge = "{" + ", ".join(f'"field_{i}": "string"' for i in range(20_000)) + "}"
    data_model = f"# Data Model\n\n### Task\n\n```json\n{deep}\n```\n\n### Note\n\n```json\n{huge}\n```\n"
    feature(tmp_path, data_model)
    result = infer(tmp_path, monkeypatch, "--format", "json")
    assert result.exit_code == 0, result.output


def test_enormous_paragraphs_of_code_spans_are_bounded(tmp_path, monkeypatch):
    """Field lists written as code spans in paragraphs: a paragraph of a hundred thousand periods and
    parentheses, and one of twenty thousand code spans, cost linear time and read as no fields."""
    periods = "Fields: `a`, `b`, `c`" + " (x. y." * 50_000 + "\n"
    spans = "Fields: " + ", ".join(f"`f{i}`" for i in range(20_000)) + ".\n"
    modes = " · ".join(f"`Mode{i}` (a/b/c)" for i in range(20_000))
    data_model = f"# Data Model\n\n### Task\n\n{periods}\n### Note\n\n{spans}\n## Enums\n\n{modes}\n"
    feature(tmp_path, data_model)
    start = time.perf_counter()
    result = infer(tmp_path, monkeypatch, "--format", "json")
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - start < 60


def test_bad_bytes_in_data_model_are_a_finding(tmp_path, monkeypatch):
    feature(tmp_path, b"# Data Model\n\n### Task\n\n| Field | Type |\n|---|---|\n| `title` | \xff\xfe TEXT |\n\x00\x00")
    result = infer(tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "data-model.md" in result.stderr and "UTF-8" in result.stderr


def test_spec_that_is_not_utf8_is_read_with_a_warning_and_never_rewritten(tmp_path, monkeypatch):
    """A stray Windows-1252 byte (`\\x92`) in a real spec: infer reads it (W107, with the byte's position) and
    proposes, but `--write` leaves the file alone (W311): writing it back would change those bytes too."""
    original = SPEC.encode("utf-8") + b"\nit\x92s \xff\xfe broken\n"
    folder = feature(tmp_path, "# Data Model\n", original)
    result = infer(tmp_path, monkeypatch, "--write")
    assert result.exit_code == 0, result.output
    assert "spec.md:9:3: W107" in result.stderr and "0x92" in result.stderr and "W311" in result.stderr
    assert (folder / "spec.md").read_bytes() == original
    assert sorted(p.name for p in folder.iterdir()) == ["data-model.md", "spec.md"]  # no temporary file left
