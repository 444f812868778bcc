"""Output formats of `spec2db lint`: text, json, sarif (2.1.0), github."""

from __future__ import annotations

import json

import click

from compiler import __version__
from compiler.diagnostics import Diagnostic, Severity

FORMATS = ("text", "json", "sarif", "github")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def rule_info(code: str) -> tuple[str, str, str]:
    """(name, one-line summary, full documentation) of any code."""
    from compiler.codes import CODES
    from compiler.lint.registry import RULES

    if code in RULES:
        rule = RULES[code]
        return rule.name, rule.summary(), rule.doc()
    entry = CODES.get(code)
    if entry is not None:
        return entry.name, " ".join(entry.doc.split("\n\n")[0].split()), entry.doc
    return code.lower(), code, code


def caret_lines(diagnostic: Diagnostic, line_text: str) -> tuple[str, str]:
    """The source line and a caret line under the span (tabs kept so the
    carets line up in a terminal)."""
    from compiler.escape import visible

    span = diagnostic.span
    start = max(span.col - 1, 0)
    end = span.end_col - 1 if span.end_line == span.line else len(line_text)
    width = max(len(visible(line_text[start:end])), 1)
    pad = "".join("\t" if ch == "\t" else " " for ch in visible(line_text[:start]))
    return visible(line_text), pad + "^" * width


def text(diagnostics: list[Diagnostic], sources: dict[str, list[str]]) -> str:
    from compiler.escape import visible

    out = []
    for d in diagnostics:
        color = "red" if d.severity is Severity.ERROR else "yellow"
        where = f"{d.span}: " if d.span else ""
        out.append(f"{click.style(where, bold=True)}{click.style(d.code, fg=color, bold=True)} {visible(d.message)}")
        if d.span is not None:
            lines = sources.get(d.span.path, [])
            if 0 < d.span.line <= len(lines):
                source, carets = caret_lines(d, lines[d.span.line - 1])
                out.append(f"  {source}")
                out.append(f"  {click.style(carets, fg=color, bold=True)}")
    return "\n".join(out) + ("\n" if out else "")


def _record(d: Diagnostic) -> dict:
    span = d.span
    return {
        "code": d.code,
        "name": rule_info(d.code)[0],
        "severity": d.severity.value,
        "message": d.message,
        "path": span.path if span else None,
        "line": span.line if span else None,
        "column": span.col if span else None,
        "end_line": span.end_line if span else None,
        "end_column": span.end_col if span else None,
    }


def as_json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps([_record(d) for d in diagnostics], indent=2, ensure_ascii=False) + "\n"


def sarif(diagnostics: list[Diagnostic]) -> dict:
    from compiler.codes import CODES
    from compiler.lint.registry import RULES

    codes = sorted({d.code for d in diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    rules = []
    for code in codes:
        name, summary, doc = rule_info(code)
        default = RULES[code].severity if code in RULES else (CODES[code].severity if code in CODES else Severity.WARNING)
        rules.append(
            {
                "id": code,
                "name": name,
                "shortDescription": {"text": summary},
                "fullDescription": {"text": doc},
                "help": {"text": doc, "markdown": doc},
                "defaultConfiguration": {"level": default.value},
            }
        )
    results = []
    for d in diagnostics:
        result: dict = {"ruleId": d.code, "ruleIndex": index[d.code], "level": d.severity.value, "message": {"text": d.message}}
        if d.span is not None:
            region = {"startLine": d.span.line, "startColumn": d.span.col, "endLine": d.span.end_line, "endColumn": max(d.span.end_col, 1)}
            result["locations"] = [{"physicalLocation": {"artifactLocation": _artifact(d.span.path), "region": region}}]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "spec2db", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _artifact(path: str) -> dict:
    """A path relative to the working directory stays relative (to
    %SRCROOT%, the checkout, for code scanning); an absolute one becomes a
    file URI."""
    from pathlib import PurePosixPath
    from urllib.parse import quote

    if PurePosixPath(path).is_absolute():
        return {"uri": "file://" + quote(path)}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


def _escape_data(value: str) -> str:
    from compiler.escape import visible

    value = visible(value)  # a workflow log is a terminal too
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: list[Diagnostic]) -> str:
    out = []
    for d in diagnostics:
        kind = "error" if d.severity is Severity.ERROR else "warning"
        props = [f"title={_escape_property(d.code + ' ' + rule_info(d.code)[0])}"]
        if d.span is not None:
            props = [
                f"file={_escape_property(d.span.path)}",
                f"line={d.span.line}",
                f"col={d.span.col}",
                f"endLine={d.span.end_line}",
                f"endColumn={d.span.end_col}",
                *props,
            ]
        out.append(f"::{kind} {','.join(props)}::{_escape_data(d.code + ' ' + d.message)}")
    return "\n".join(out) + ("\n" if out else "")


def render(diagnostics: list[Diagnostic], fmt: str, sources: dict[str, list[str]]) -> str:
    if fmt == "json":
        return as_json(diagnostics)
    if fmt == "sarif":
        return json.dumps(sarif(diagnostics), indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        return github(diagnostics)
    return text(diagnostics, sources)
