"""The spec linter: `spec2db lint`.

Lint runs the compiler (so every E/W code of `compiler.codes` is reported
too), then each selected rule of `compiler.lint.registry` over the AST, the
IR and the settings. A rule is one small module under `rules/`; its class
docstring is what `spec2db rule CODE` prints. Configuration comes from
`[tool.spec2db.lint]` (`compiler.lint.config`); findings can be silenced in
the spec with `<!-- spec2db: ignore CODE -->` on the line or the line above.

Nothing here imports an emitter's heavy dependencies (sqlalchemy, alembic):
rules read the IR only.
"""

from compiler.lint.runner import LintInternalError, LintResult, lint_paths

__all__ = ["LintInternalError", "LintResult", "lint_paths"]
