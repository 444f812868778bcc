"""An index the spec lists is kept as written, even when a convention made
the same index and a longer index covers it; the linter (D012), not the
compiler, reports the redundancy."""

from __future__ import annotations

from compiler.config import Settings
from compiler.lint import lint_paths
from compiler.passes import compile_paths

SPEC = """# Feature Specification: Indexes

### Key Entities

- **User** *(external: users)*: An account.
- **Task**: A todo item.
  - `id`: uuid, primary key
  - `user_id`: uuid, required, references User, on delete cascade
  - `owner_id`: uuid, required, references User, on delete cascade
  - `status`: enum(todo, done), required, default todo
  - indexes: user_id, status, (user_id, status), (owner_id, status)
"""


def test_listed_index_is_kept_and_linted(tmp_path):
    path = tmp_path / "spec.md"
    path.write_text(SPEC)
    compilation = compile_paths([(path, "spec.md")], Settings())
    assert not compilation.diagnostics.has_errors
    indexes = {i.name: (i.columns, i.origin) for i in compilation.project.features[-1].table("tasks").indexes}
    # listed by the spec (and made by the FK convention too): kept, and the spec's
    assert indexes["idx_tasks_user_id"] == (["user_id"], "spec")
    # made by the FK convention only, covered by (owner_id, status): dropped
    assert "idx_tasks_owner_id" not in indexes
    assert {"idx_tasks_status", "idx_tasks_user_status", "idx_tasks_owner_status"} <= set(indexes)
    findings = [d for d in lint_paths([(path, "spec.md")], Settings()).diagnostics if d.code == "D012"]
    assert [(d.span.line, d.message) for d in findings] == [
        (11, "index 'idx_tasks_user_id' on (user_id) is served by index 'idx_tasks_user_status' on (user_id, status)")
    ]
