"""Linter configuration: `[tool.spec2db.lint]` in pyproject.toml.

```toml
[tool.spec2db.lint]
select = ["D", "P", "N", "S"]         # codes or prefixes; "ALL" is every rule
ignore = ["D010"]
per-file-ignores = {"specs/legacy-*/spec.md" = ["D", "S002"]}
severity = {D004 = "error"}
```

Selection works like ruff's: the most specific matching entry wins, so
`select = ["D"]`, `ignore = ["D0"]`, `extend-select = ["D004"]` keeps D004
alone. Compiler errors (E codes) cannot be deselected or downgraded: they
stop compilation. Compiler warnings (W codes) can.
"""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass, field
from pathlib import Path

from compiler.config import ConfigError, find_pyproject
from compiler.diagnostics import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_SELECT = ("ALL",)
KNOWN_KEYS = {"select", "extend-select", "ignore", "per-file-ignores", "severity"}


@dataclass
class LintConfig:
    select: list[str] = field(default_factory=lambda: list(DEFAULT_SELECT))
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)

    def selected(self, code: str, path: str | None = None) -> bool:
        if code.startswith("E"):
            return True
        chosen = _specificity(code, self.select)
        dropped = _specificity(code, self.ignore)
        if path is not None:
            for pattern, codes in self.per_file_ignores.items():
                if _path_matches(path, pattern):
                    dropped = max(dropped, _specificity(code, codes))
        return chosen > dropped

    def override(self, select: str | None = None, ignore: str | None = None) -> None:
        """Apply `--select`/`--ignore` from the command line (comma-separated)."""
        known = known_codes()
        if select:
            self.select = _codes([c.strip().upper() for c in select.split(",") if c.strip()], "--select", known)
        if ignore:
            self.ignore += _codes([c.strip().upper() for c in ignore.split(",") if c.strip()], "--ignore", known)

    def severity_of(self, code: str, default: Severity) -> Severity:
        if code.startswith("E"):
            return default
        best = max((p for p in self.severity if matches(code, p)), key=len, default=None)
        return self.severity[best] if best is not None else default


def matches(code: str, selector: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def _specificity(code: str, selectors: list[str]) -> int:
    """How specific the best matching selector is (0: none; "ALL": 1)."""
    best = 0
    for selector in selectors:
        if matches(code, selector):
            best = max(best, 1 if selector == "ALL" else len(selector) + 1)
    return best


def _path_matches(path: str, pattern: str) -> bool:
    return fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(Path(path).name, pattern)


def known_codes() -> set[str]:
    from compiler.codes import CODES
    from compiler.lint.registry import RULES

    return set(CODES) | set(RULES)


def _codes(value, where: str, known: set[str]) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of codes, got {value!r}")
    for selector in value:
        if selector != "ALL" and not any(code.startswith(selector) for code in known):
            raise ConfigError(f"{where}: '{selector}' matches no code; `spec2db rule --all` lists them")
    return list(value)


def parse_lint_config(table: dict, source: str = "[tool.spec2db.lint]") -> LintConfig:
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: expected a table")
    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{source}: unknown key '{unknown[0]}'; known: {', '.join(sorted(KNOWN_KEYS))}")
    known = known_codes()
    config = LintConfig()
    if "select" in table:
        config.select = _codes(table["select"], f"{source} select", known)
    config.select += _codes(table.get("extend-select", []), f"{source} extend-select", known)
    config.ignore = _codes(table.get("ignore", []), f"{source} ignore", known)
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{source} per-file-ignores: expected a table of glob = [codes]")
    config.per_file_ignores = {glob: _codes(codes, f"{source} per-file-ignores.{glob!r}", known) for glob, codes in per_file.items()}
    severities = table.get("severity", {})
    if not isinstance(severities, dict):
        raise ConfigError(f'{source} severity: expected a table of CODE = "error" | "warning"')
    for selector, level in severities.items():
        _codes([selector], f"{source} severity", known)
        if selector.startswith("E"):
            raise ConfigError(f"{source} severity.{selector}: compiler errors cannot change severity")
        if level not in ("error", "warning"):
            raise ConfigError(f'{source} severity.{selector}: expected "error" or "warning", got {level!r}')
        config.severity[selector] = Severity(level)
    return config


def load_lint_config(start: Path) -> LintConfig:
    path = find_pyproject(start.resolve())
    if path is None:
        return LintConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    table = data.get("tool", {}).get("spec2db", {}).get("lint", {})
    return parse_lint_config(table, f"{path}: [tool.spec2db.lint]")
