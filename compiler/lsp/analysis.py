"""One project's specs as the editor sees them, and the answers an editor asks for.

A project is the folder above `specs/` (where `spec2db lint` would run). An
analysis reads every `specs/*/spec.md`, the editor's unsaved text in place
of the file where one is open, and runs the compiler's own passes
(`parse_bytes`, `compile_specs`) and lint runner (`lint_compilation`), so
the diagnostics are `spec2db lint`'s, with the project's pyproject
configuration, across features. A spec whose text has not changed is not
parsed again. Positions come from the AST's and IR's spans.

Lines and columns here are 1-based code points, as in spans; the server
converts to and from the protocol's 0-based UTF-16 positions (`Text`).
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from pathlib import Path

from compiler.ast import AttributeDecl, EntityDecl, SpecFile
from compiler.diagnostics import Diagnostic, Diagnostics, Span
from compiler.frontend.decode import decode_spec


def project_root(path: Path) -> Path | None:
    """The project of a spec: `<root>/specs/<feature>/spec.md`."""
    if path.name == "spec.md" and path.parent.parent.name == "specs":
        return path.parent.parent.parent
    return None


def split_lines(text: str) -> list[str]:
    """Lines as the linter reads them (compiler.lint.source.read_lines)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def rule_text(code: str) -> str | None:
    """What `spec2db rule CODE` prints."""
    from compiler.codes import CODES
    from compiler.lint.registry import RULES

    code = code.upper()
    rule = RULES.get(code)
    if rule is not None:
        return f"{code} ({rule.name}, {rule.severity.value})\n\n{rule.doc()}"
    entry = CODES.get(code)
    if entry is not None:
        return f"{entry.code} ({entry.name}, {entry.severity.value})\n\n{entry.doc}"
    return None


def contains(span: Span | None, line: int, col: int) -> bool:
    """`span` covers the position; its end column counts too (a cursor just after a word)."""
    if span is None:
        return False
    if line < span.line or line > span.end_line:
        return False
    if line == span.line and col < span.col:
        return False
    return not (line == span.end_line and col > span.end_col)


# -- completion vocabulary ---------------------------------------------------
# Modifiers and entity lines as the completion list shows them: the canonical
# spelling of each (docs/notation.md), what it means, and the text inserted.
# tests/test_lsp.py checks that each one, filled in, parses.
MODIFIERS: tuple[tuple[str, str, str], ...] = (
    ("required", "required", "NOT NULL"),
    ("optional", "optional", "nullable (the default)"),
    ("primary key", "primary key", "the table's primary key"),
    ("unique", "unique", "UNIQUE constraint <table>_<column>_key"),
    ("indexed", "indexed", "index idx_<table>_<column>"),
    ("default", "default ", "a default value: a literal, an enum value, now, today, or (SQL)"),
    ("references", "references ", "foreign key to an entity's primary key (or Entity.column)"),
    ("on delete cascade", "on delete cascade", "the foreign key's ON DELETE action"),
    ("on delete restrict", "on delete restrict", "the foreign key's ON DELETE action"),
    ("on delete set null", "on delete set null", "the foreign key's ON DELETE action"),
    ("on delete no action", "on delete no action", "the foreign key's ON DELETE action"),
    ("on update cascade", "on update cascade", "the foreign key's ON UPDATE action"),
    ("check(...)", "check()", "CHECK constraint over this row's columns"),
    ("min(n)", "min()", "range check on a number"),
    ("max(n)", "max()", "range check on a number"),
    ("length(a..b)", "length(..)", "length check on text"),
    ('pattern("regex")', 'pattern("")', "regular-expression check on text"),
)
ENTITY_LINES: tuple[tuple[str, str], ...] = (
    ("indexes: ", "indexes: a, (b, c), unique(d), (e) where f is null"),
    ("unique: ", "unique: (a, b)"),
    ("check: ", "check: SQL expression over the row"),
    ("primary key: ", "primary key: (a, b)"),
    ("table: ", "table: the table's name"),
    ("soft delete", "adds deleted_at; live rows are deleted_at IS NULL"),
    ("relationships: ", "relationships: belongs to X (cascade); has many Y; has one Z; many to many W"),
)

# The text before the cursor on an attribute bullet or table-free entity line.
_ATTRIBUTE_PREFIX = re.compile(r"^\s+[-*+]\s+(?:`[^`]*`|\*\*[^*]*\*\*|[\w.]+)\s*:\s*(?P<rest>.*)$")
_NESTED_BULLET = re.compile(r"^\s+[-*+]\s+(?P<word>\w*)$")
_AFTER_REFERENCE = re.compile(r"(?i)(?:\breferences|\bfk\s+to|->|→|\bbelongs\s+to|\bhas\s+many|\bhas\s+one|\bmany\s+to\s+many)\s+\w*$")
_AFTER_DEFAULT = re.compile(r"(?i)(?:\bdefault|=)\s+\w*$")
_ENUM_VALUES = re.compile(r"(?i)\benum\s*\((?P<values>[^)]*)\)")
_CODE_WORD = re.compile(r"\b[A-Z]\d{3}\b")
# Fixes a diagnostic's message names: "write `canonical`", "did you mean 'X'?".
_WRITE = re.compile(r"write `(?P<text>[^`]+)`$")
_DID_YOU_MEAN = re.compile(r"did you mean '(?P<text>[^']+)'\?")


@dataclass
class Completion:
    label: str
    kind: str  # "type", "modifier", "entity", "value", "keyword"
    detail: str = ""
    insert: str | None = None


@dataclass
class Fix:
    title: str
    diagnostic: Diagnostic
    span: Span  # replaced (an empty span inserts)
    text: str


@dataclass
class Inferred:
    """`infer --write` on one prose entity: lines `span` become `text`; or why not (`disabled`)."""

    title: str
    span: Span
    text: str = ""
    disabled: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)  # the entity's W103, which this fixes


@dataclass
class Analysis:
    """One compile-and-lint of a project, and queries on it."""

    root: Path
    lines: dict[str, list[str]] = field(default_factory=dict)  # display path -> lines
    specs: dict[str, SpecFile] = field(default_factory=dict)
    project: object = None  # compiler.ir.Project
    diagnostics: list[Diagnostic] = field(default_factory=list)
    versions: dict[str, int | None] = field(default_factory=dict)  # the editor's version of each open document analysed
    error: str | None = None  # a pyproject.toml that cannot be used
    unsaved: dict[str, str] = field(default_factory=dict)  # the editor's text of each open spec analysed
    settings: object = None  # compiler.config.Settings

    def by_file(self) -> dict[str, list[Diagnostic]]:
        found: dict[str, list[Diagnostic]] = {display: [] for display in self.lines}
        for diagnostic in self.diagnostics:
            # Spanless findings (rare) would otherwise be invisible: the first spec shows them.
            display = diagnostic.span.path if diagnostic.span else next(iter(self.lines), None)
            if display is not None:
                found.setdefault(display, []).append(diagnostic)
        return found

    # -- lookups ---------------------------------------------------------------
    def _schema(self, spec: SpecFile):
        for schema in self.project.features if self.project else ():
            if schema.feature == spec.feature:
                return schema
        return None

    def _at(self, display: str, line: int, col: int) -> tuple[EntityDecl | None, AttributeDecl | None]:
        spec = self.specs.get(display)
        if spec is None:
            return None, None
        for entity in spec.entities:
            if contains(entity.span, line, col) or entity.span.line == line:
                return entity, None
            for attribute in entity.attributes:
                if attribute.span.line == line and not attribute.synthesized:
                    return entity, attribute
        return None, None

    def declaration(self, name: str) -> tuple[str, EntityDecl] | None:
        """The spec and entity that declare `name` (not an *(extends)*), earliest feature first."""
        from compiler.passes.resolve import _feature_key

        for spec in sorted(self.specs.values(), key=_feature_key):
            for entity in spec.entities:
                if entity.name.lower() == name.lower() and not entity.extends:
                    return spec.path, entity
        return None

    def entity_names(self) -> list[str]:
        names = {e.name: None for spec in self.specs.values() for e in spec.entities if not e.removed}
        return sorted(names, key=str.lower)

    # -- hover -----------------------------------------------------------------
    def hover(self, display: str, line: int, col: int) -> tuple[str, Span | None] | None:
        text = self.lines.get(display, [])
        if 0 < line <= len(text):
            for match in _CODE_WORD.finditer(text[line - 1]):
                if match.start() < col <= match.end() + 1:
                    doc = rule_text(match.group())
                    if doc is not None:
                        return f"```text\n{doc}\n```", Span(display, line, match.start() + 1, line, match.end() + 1)
        entity, attribute = self._at(display, line, col)
        if entity is None:
            return None
        schema = self._schema(self.specs[display])
        if schema is None:
            return None
        table = next((t for t in schema.tables if t.entity.lower() == entity.name.lower() and not t.join_table), None)
        if attribute is not None and table is not None:
            return _column_hover(table, attribute), attribute.span
        if attribute is None:
            return _entity_hover(entity, table, schema), entity.span
        return None

    # -- completion ------------------------------------------------------------
    def complete(self, display: str, line: int, col: int) -> list[Completion]:
        text = self.lines.get(display, [])
        if not 0 < line <= len(text):
            return []
        prefix = text[line - 1][: col - 1]
        if _AFTER_REFERENCE.search(prefix):
            return [Completion(n, "entity", "entity") for n in self.entity_names()]
        attribute = _ATTRIBUTE_PREFIX.match(prefix)
        if attribute is not None:
            rest = attribute.group("rest")
            if _AFTER_DEFAULT.search(rest):
                return [Completion(v, "value", "enum value") for v in self._enum_values(display, line, text[line - 1])]
            if "," not in rest and re.fullmatch(r"\w*", rest):
                return self._types()
            if re.search(r",\s*\w*$", rest):
                return [Completion(label, "modifier", doc, insert) for label, insert, doc in MODIFIERS]
            return []
        if _NESTED_BULLET.match(prefix):
            return [Completion(label.strip(), "keyword", doc, label) for label, doc in ENTITY_LINES]
        return []

    def _types(self) -> list[Completion]:
        from compiler.types import TYPE_NAMES

        found = [Completion(name, "type", scalar.value + (f" ({fmt} check)" if fmt else "")) for name, (scalar, fmt) in TYPE_NAMES.items()]
        return found + [Completion(n, "entity", "a reference to this entity's key") for n in self.entity_names()]

    def _enum_values(self, display: str, line: int, text: str) -> list[str]:
        _, attribute = self._at(display, line, 1)
        if attribute is not None and attribute.resolved is not None and attribute.resolved.values:
            return list(attribute.resolved.values)
        # A line being typed may not parse yet: read the values as written.
        match = _ENUM_VALUES.search(text)
        if match is None:
            return []
        return [v.strip().strip("'\"") for v in match.group("values").split(",") if v.strip()]

    # -- definition --------------------------------------------------------------
    def definition(self, display: str, line: int, col: int) -> tuple[str, Span] | None:
        spec = self.specs.get(display)
        if spec is None:
            return None
        target = None
        for entity in spec.entities:
            if entity.extends and contains(entity.span, line, col):
                target = entity.name
            for attribute in entity.attributes:
                if attribute.references is not None and contains(attribute.references.span, line, col):
                    target = attribute.references.entity
                elif attribute.resolved is not None and attribute.resolved.entity and contains(attribute.type.span, line, col):
                    target = attribute.resolved.entity
            for relationship in entity.relationships:
                if contains(relationship.target_span, line, col):
                    target = relationship.target
        if target is None:
            return None
        found = self.declaration(target)
        return (found[0], found[1].span) if found else None

    # -- code actions ------------------------------------------------------------
    def fixes(self, display: str, first_line: int, last_line: int) -> list[Fix]:
        found: list[Fix] = []
        for diagnostic in self.diagnostics:
            span = diagnostic.span
            if span is None or span.path != display or span.end_line < first_line or span.line > last_line:
                continue
            fix = self._fix(diagnostic)
            if fix is not None:
                found.append(fix)
        return found

    def _fix(self, diagnostic: Diagnostic) -> Fix | None:
        span = diagnostic.span
        lines = self.lines.get(span.path, [])
        written = _text(lines, span)
        write = _WRITE.search(diagnostic.message)
        if write is not None and written is not None:
            return Fix(f"Write `{write.group('text')}`", diagnostic, span, write.group("text"))
        meant = _DID_YOU_MEAN.search(diagnostic.message)
        if meant is not None and written is not None and re.fullmatch(r"\w+", written):
            return Fix(f"Change to '{meant.group('text')}'", diagnostic, span, meant.group("text"))
        if diagnostic.code in ("E202", "W202") and "*(extends)*" in diagnostic.message:
            line = lines[span.line - 1] if span.line <= len(lines) else ""
            at = span.end_col - 1
            while line[at : at + 2] == "**" or line[at : at + 1] == "`":  # past the name's markup
                at += 2 if line[at : at + 2] == "**" else 1
            where = Span(span.path, span.line, at + 1, span.line, at + 1)
            name = line[span.col - 1 : span.end_col - 1]
            return Fix(f"Mark '{name}' *(extends)*", diagnostic, where, " *(extends)*")
        return None

    def infer(self, display: str, first_line: int, last_line: int, texts: dict[Path, str] | None = None) -> Inferred | None:
        """`spec2db infer --write` restricted to the prose entity declared on one of these lines (compiler.infer.
        infer_entity): its block rewritten as infer would, with this analysis's text of every spec and `texts`
        (other open files: a data-model.md) in place of the files. None: no prose entity is declared there."""
        from compiler.infer import InferError, infer_entity

        spec = self.specs.get(display)
        entity = next(
            (
                e
                for e in (spec.entities if spec else ())
                if first_line <= e.span.line <= last_line and not (e.attributes or e.external or e.extends or e.removed or not e.stored)
            ),
            None,
        )
        if entity is None:
            return None
        given = dict(texts or {}) | {self.root / d: text for d, text in self.unsaved.items()}  # the specs as analysed
        settings = self.settings
        try:
            rewrite = infer_entity(
                [(self.root / d, d) for d in self.lines],
                display,
                entity.span.line,
                default_key=settings.primary_key if settings else "uuid",
                plural=settings.table_names == "plural" if settings else True,
                texts=given,
            )
        except InferError as exc:
            return Inferred(f"Infer types for '{entity.name}'", entity.span, disabled=str(exc))
        if rewrite is None:
            return None
        lines = self.lines.get(display, [])
        title = f"Infer types for '{entity.name}'"
        if rewrite.action == "not_stored":
            title = f"Mark '{entity.name}' *(not stored)*, as infer reads it"
        if not rewrite.changed:
            return Inferred(title, entity.span, disabled=rewrite.reason)
        if rewrite.guessed:
            title += f" ({len(rewrite.guessed)} type{'s' if len(rewrite.guessed) > 1 else ''} guessed: {', '.join(rewrite.guessed)})"
        text = "".join(line + "\n" for line in rewrite.lines)
        if rewrite.end < len(lines):
            span = Span(display, rewrite.start + 1, 1, rewrite.end + 1, 1)
        else:  # the block runs to the end of a file without a final newline
            span = Span(display, rewrite.start + 1, 1, len(lines), len(lines[-1]) + 1)
            text = text[:-1]
        found = [d for d in self.diagnostics if d.code == "W103" and d.span and d.span.path == display and d.span.line == entity.span.line]
        return Inferred(title, span, text, diagnostics=found)


def _text(lines: list[str], span: Span) -> str | None:
    if span.line != span.end_line or not 0 < span.line <= len(lines):
        return None
    return lines[span.line - 1][span.col - 1 : span.end_col - 1]


def _column_hover(table, attribute: AttributeDecl) -> str:
    from compiler.emit.postgres import column_sql, foreign_key_clause, index_sql

    column = next((c for c in table.columns if c.source == attribute.span), None)
    if column is None:
        column = next((c for c in table.columns if c.name.lower() == attribute.name.lower()), None)
    if column is None:
        return f"**{table.name}**: no column `{attribute.name}`"
    lines = [f"**{table.name}.{column.name}**", "", f"```sql\n{column_sql(column)}\n```"]
    facts = []
    if table.primary_key and column.name in table.primary_key.columns:
        facts.append(f"primary key `{table.primary_key.name}`")
    for fk in table.foreign_keys:
        if column.name in fk.columns:
            facts.append(f"`{fk.name}`: {foreign_key_clause(fk)}")
    for unique in table.uniques:
        if column.name in unique.columns:
            facts.append(f"unique `{unique.name}` ({', '.join(unique.columns)})")
    for check in table.checks:
        if column.name in check.columns:
            facts.append(f"check `{check.name}`: `{check.expression}`")
    for index in table.indexes:
        if column.name in index.columns:
            facts.append(f"index `{index.name}`: `{index_sql(table, index)}`")
    if column.comment:
        facts.append(f"comment: {column.comment}")
    return "\n".join(lines + [f"- {fact}" for fact in facts])


def _entity_hover(entity: EntityDecl, table, schema) -> str:
    if table is not None:
        where = f"declared by feature {table.feature}" + (f", extended in {', '.join(table.extended_in)}" if table.extended_in else "")
        text = [f"**{entity.name}** → table `{table.name}` ({len(table.columns)} columns; {where})"]
        if table.comment:
            text.append(f"\n{table.comment}")
        return "\n".join(text)
    external = next((t for t in schema.external_tables if t.entity.lower() == entity.name.lower()), None)
    if external is not None:
        return f"**{entity.name}** → external table `{external.name}` (key `{external.key}`), created elsewhere; spec2db never changes it"
    return f"**{entity.name}**: no table (no typed attributes, W103)"


class Project:
    """The specs under one root, with their parses kept between analyses."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._parsed: dict[str, tuple[bytes, SpecFile | None, list[Diagnostic]]] = {}
        self._blocks = None  # compiler.frontend.markdown.EntityBlocks: an edited spec's entities the edit left alone
        self._caches = None  # compiler.passes.PassCaches, for the settings last read
        self._lines: dict[str, tuple[bytes, list[str]]] = {}  # display -> (bytes, their lines)

    def display(self, path: Path) -> str:
        return path.resolve().relative_to(self.root.resolve()).as_posix()

    def analyze(self, unsaved: dict[str, tuple[str, int | None]]) -> Analysis:
        """Compile and lint every spec; `unsaved`: the editor's (text, version) by display path."""
        from compiler.config import ConfigError, load_settings, specs_root
        from compiler.frontend.markdown import EntityBlocks
        from compiler.lint.config import load_lint_config
        from compiler.lint.runner import lint_compilation
        from compiler.passes import Compilation, PassCaches, compile_specs, parse_bytes

        try:
            settings, _ = load_settings(self.root)
            config = load_lint_config(self.root)
        except ConfigError as exc:
            return Analysis(root=self.root, error=str(exc))
        files: dict[str, bytes] = {}
        for path in sorted(self.root.glob(f"{specs_root(self.root)}/*/spec.md")):
            try:
                files[self.display(path)] = path.read_bytes()
            except OSError:
                continue  # removed meanwhile
        for display, (text, _) in unsaved.items():
            files[display] = text.encode("utf-8")
        # The AST and IR hold no garbage cycles; collecting during a compile
        # only rescans them (compiler.cli._pause_gc has the figures).
        collecting = gc.isenabled()
        gc.disable()
        try:
            diags = Diagnostics()
            if self._blocks is None:
                self._blocks = EntityBlocks()
            specs: list[SpecFile] = []
            for display in sorted(files):
                data = files[display]
                kept = self._parsed.get(display)
                if kept is None or kept[0] != data:
                    own = Diagnostics()
                    kept = (data, parse_bytes(data, display, own, self._blocks), own.items)
                    self._parsed[display] = kept
                diags.items.extend(kept[2])
                if kept[1] is not None:
                    specs.append(kept[1])
            for gone in set(self._parsed) - set(files):
                del self._parsed[gone]
                self._blocks.forget(gone)
            if self._caches is None or self._caches.settings != settings:
                self._caches = PassCaches(settings)
            project = compile_specs(specs, settings, diags, self._caches)
            lines = {}
            for display, data in files.items():
                kept = self._lines.get(display)
                if kept is None or kept[0] != data:
                    kept = self._lines[display] = (data, split_lines(decode_spec(data).text))  # as the parser read it
                lines[display] = kept[1]
            for gone in set(self._lines) - set(files):
                del self._lines[gone]
            compilation = Compilation(specs=specs, project=project, diagnostics=diags)
            result = lint_compilation(compilation, lines, settings, config, diffs=self._caches.diffs, memos=self._caches.lint_tables)
        finally:
            if collecting:
                gc.enable()
        return Analysis(
            root=self.root,
            lines=lines,
            specs={spec.path: spec for spec in specs},
            project=project,
            diagnostics=result.diagnostics,
            versions={display: version for display, (_, version) in unsaved.items()},
            unsaved={display: text for display, (text, _) in unsaved.items()},
            settings=settings,
        )
