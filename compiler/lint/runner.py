"""Compile, run the selected rules, filter, sort."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from compiler.config import Settings
from compiler.diagnostics import Diagnostic, Severity
from compiler.lint.config import LintConfig
from compiler.lint.rule import Context
from compiler.lint.source import read_lines, suppressed, suppressions


class LintInternalError(Exception):
    """A rule failed: a bug in spec2db, not in the spec."""


@dataclass
class LintResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    sources: dict[str, list[str]] = field(default_factory=dict)  # display path -> lines

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)


def lint_paths(
    paths: list[tuple[Path, str]], settings: Settings, config: LintConfig | None = None, base=None, *, cache=None, jobs: int = 1
) -> LintResult:
    """Lint spec files given as (path on disk, path shown in diagnostics).
    `base`: the compiled project at an earlier revision (`--base`), which the
    breaking-change rules compare the current one with."""
    from compiler.passes import compile_paths

    compilation = compile_paths(paths, settings, cache=cache, jobs=jobs)
    sources = {display: read_lines(path) for path, display in paths}
    return lint_compilation(compilation, sources, settings, config, base)


def lint_compilation(
    compilation,
    sources: dict[str, list[str]],
    settings: Settings,
    config: LintConfig | None = None,
    base=None,
    diffs=None,
    memos: dict | None = None,
) -> LintResult:
    """Run the selected rules on a compiled project and filter the findings.
    `sources`: each spec's lines by the path shown in diagnostics (the
    language server passes the editor's unsaved text). `diffs`: a
    `compiler.ir.SchemaMemo` kept between runs (the language server's), so
    the breaking-change rules diff only the features that changed; `memos`:
    the table rules' findings per table, kept likewise for these settings
    (`compiler.lint.rule.TableRule`)."""
    from compiler.lint.registry import RULES

    config = config or LintConfig()
    ctx = Context(specs=compilation.specs, project=compilation.project, settings=settings, sources=sources, base=base, memos=memos)
    for memo in (memos or {}).values():
        memo.restart()
    if diffs is not None:
        diffs.restart()
        ctx._diffs = diffs
    found: list[Diagnostic] = list(compilation.diagnostics.items)
    for code, rule_class in RULES.items():
        if not any(config.selected(code, display) for display in sources):
            continue
        rule = rule_class()
        try:
            for finding in rule.check(ctx):
                found.append(Diagnostic(code=code, severity=rule.severity, message=finding.message, span=finding.span))
        except Exception as exc:
            raise LintInternalError(f"rule {code} ({rule.name}) failed: {type(exc).__name__}: {exc}") from exc
    silenced = {display: suppressions(lines) for display, lines in sources.items()}
    kept: dict[tuple, Diagnostic] = {}
    for diagnostic in found:
        span = diagnostic.span
        path = span.path if span else None
        if not config.selected(diagnostic.code, path):
            continue
        if span is not None and not diagnostic.code.startswith("E") and suppressed(diagnostic.code, span.line, silenced.get(span.path, {})):
            continue
        severity = config.severity_of(diagnostic.code, diagnostic.severity)
        if severity is not diagnostic.severity:
            diagnostic = diagnostic.model_copy(update={"severity": severity})
        kept.setdefault(diagnostic.sort_key(), diagnostic)
    ordered = [kept[k] for k in sorted(kept)]
    return LintResult(diagnostics=ordered, files=list(sources), sources=sources)
