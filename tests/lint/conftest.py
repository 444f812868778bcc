from __future__ import annotations

from pathlib import Path

import pytest

from compiler.config import Settings
from compiler.lint import lint_paths
from compiler.lint.config import LintConfig, parse_lint_config

FIXTURES = Path(__file__).parent / "fixtures"


def run_lint(path: Path, display: str | None = None, settings: dict | None = None, config: LintConfig | dict | None = None):
    if isinstance(config, dict):
        config = parse_lint_config(config)
    return lint_paths([(path, display or path.name)], Settings.model_validate(settings or {}), config)


def run_lint_project(files: list[tuple[Path, str]], settings: dict | None = None, config: LintConfig | dict | None = None):
    """Lint several spec files as one project (feature order from the display names)."""
    if isinstance(config, dict):
        config = parse_lint_config(config)
    return lint_paths(files, Settings.model_validate(settings or {}), config)


@pytest.fixture
def lint_file(tmp_path):
    """Write a spec to tmp_path and lint it: lint_file(text, **kwargs)."""

    def make(text: str, name: str = "spec.md", **kwargs):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return run_lint(path, name, **kwargs)

    return make
