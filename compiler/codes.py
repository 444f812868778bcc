"""The compiler's diagnostic codes: one table, one entry per code.

`E` codes stop compilation: nothing is written while any is reported.
`W` codes are warnings from the front end: the input was understood only in
part, and the message says what was skipped. Each entry's documentation is
what `spec2db rule CODE` prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.diagnostics import Severity


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    doc: str


def _code(code: str, name: str, doc: str) -> Code:
    severity = Severity.ERROR if code.startswith("E") else Severity.WARNING
    return Code(code, name, severity, doc.strip())


CODES: dict[str, Code] = {
    c.code: c
    for c in (
        _code(
            "E001",
            "unreadable-file",
            """
A spec file could not be read, or holds a NUL character. (A file that is
UTF-8 but for some bytes, or UTF-16 with its byte order mark, is read with
W107 instead.)

**Fix**: make the file readable; remove the NUL character.""",
        ),
        _code(
            "E101",
            "syntax-error",
            """
An attribute, table cell or entity line does not follow the notation.

The message names what was found and what the notation expects there.

**Example**: `- \\`title\\`: string(200) required` (missing comma)

**Use instead**: `- \\`title\\`: string(200), required`""",
        ),
        _code(
            "E102",
            "unknown-type",
            """
An attribute's type is neither a known type nor a declared entity.

**Example**: `- \\`due\\`: dat`

**Use instead**: `- \\`due\\`: date` (see docs/notation.md for all types)""",
        ),
        _code(
            "E103",
            "bad-type-argument",
            """
A type's arguments are missing, of the wrong kind or out of range:
`string(abc)`, `decimal(2,5)` (scale larger than precision), `char(0)`.

**Use instead**: `string(200)`, `decimal(10,2)`, `char(3)`""",
        ),
        _code(
            "E104",
            "unbalanced-parentheses",
            """
An opening parenthesis has no closing one (or the other way round).

**Example**: `- \\`title\\`: string(200, required`""",
        ),
        _code(
            "E105",
            "empty-enum",
            """
`enum()` lists no values, or repeats one, or renames a value (`new (was old)`)
from one it still lists or renames twice. A database enum needs at least one
distinct value.

**Use instead**: `enum(todo, in_progress, done)`""",
        ),
        _code(
            "E106",
            "conflicting-modifiers",
            """
Two modifiers of one attribute contradict each other (`required, optional`,
two different defaults, a primary key that is `optional`).""",
        ),
        _code(
            "E107",
            "malformed-table",
            """
A row of an attribute table (one with name and Type columns) has no
attribute name, so its type and constraints belong to nothing.""",
        ),
        _code(
            "E108",
            "malformed-entity-line",
            """
An entity line (`indexes:`, `unique:`, `check:`, `primary key:`, `table:`,
`relationships:`) is empty or names something it cannot use.""",
        ),
        _code(
            "E201",
            "unknown-entity",
            """
A reference or relationship names an entity that no spec declares.

The message suggests the closest declared name.

**Example**: `- \\`owner_id\\`: uuid, references Usr`

**Use instead**: `- \\`owner_id\\`: uuid, references User`""",
        ),
        _code(
            "E202",
            "duplicate-entity",
            """
Two entities have the same name (or map to the same table). An entity that
adds to one from an earlier feature says so with `*(extends)*`.""",
        ),
        _code(
            "E203",
            "duplicate-attribute",
            """
An entity declares the same attribute twice.""",
        ),
        _code(
            "E204",
            "unknown-column",
            """
An index, unique constraint, primary key, check or partial-index predicate
names a column the table does not have; or `removed:` under `*(extends)*`
names an attribute the entity does not have.""",
        ),
        _code(
            "E205",
            "default-not-in-enum",
            """
An enum attribute's default is not one of the enum's values.

**Example**: `- \\`status\\`: enum(todo, done), default open`""",
        ),
        _code(
            "E206",
            "invalid-sql-expression",
            """
A `check(...)`, partial-index `where` or `default (...)` expression is not a
single SQL expression. spec2db parses every such expression with sqlglot
and writes the parsed tree back, never the text as written, so a trailing
`; DROP TABLE ...` or a statement in place of an expression is refused here.""",
        ),
        _code(
            "E207",
            "reference-to-later-feature",
            """
A spec references an entity that is declared only by a later feature. Each
feature's schema must stand on the features before it.""",
        ),
        _code(
            "E208",
            "invalid-default",
            """
A default does not fit the attribute's type (`default abc` on an integer,
`default now` on a boolean).""",
        ),
        _code(
            "E209",
            "unsuitable-reference-target",
            """
A foreign key points at an entity without a single-column primary key, or at
a column that is not its key or unique.""",
        ),
        _code(
            "E210",
            "invalid-name",
            """
A name cannot become a database identifier: it is empty, contains a NUL or
control character, or is longer than 63 bytes once converted (PostgreSQL
would truncate it silently). Names spec2db makes itself (indexes,
constraints, triggers, enum types) are never refused: one longer than 63
bytes is cut and ends with a hash of the whole name.""",
        ),
        _code(
            "E211",
            "bad-modifier-value",
            """
A modifier's value is out of range: `length(5..2)`, `min(10), max(1)`, a
`pattern` that is not a valid regular expression, or a bound on a type it
does not apply to.""",
        ),
        _code(
            "W101",
            "not-an-entity",
            """
A bullet directly inside Key Entities does not start with a bold entity name
(`- **Task**: ...`), so it is not read as an entity.""",
        ),
        _code(
            "W102",
            "not-an-attribute",
            """
A nested bullet under an entity is neither an attribute
(`` `name`: type, modifiers — description ``) nor an entity line, so it is
read as prose and skipped.""",
        ),
        _code(
            "W103",
            "no-typed-attributes",
            """
An entity has no typed attributes (most spec-kit specs describe entities in
prose). It is kept in the model for documentation but no table is generated
for it.

**Fix**: add attribute bullets: `- \\`title\\`: string(200), required`.""",
        ),
        _code(
            "W104",
            "not-an-attribute-table",
            """
A table inside Key Entities cannot be read as attributes: it has neither a
name nor a Type column, only one of the two (`| Value Object | Type |`,
`| Attribute | Notes |`), or it stands under no entity. It is read as prose
and skipped: no column is made up from it.

**Fix**: give the table `Attribute | Type | Constraints` columns under an
entity heading or bullet, or run `spec2db infer`.""",
        ),
        _code(
            "W105",
            "non-canonical-spelling",
            """
An attribute is written in a spelling that spec2db tolerates because real
specs use it, and compiles exactly like the canonical form: `UUID (PK)`,
`string (max 200)`, `string, max 200 chars`, `enum: a | b | c`,
`one of a, b, c`, `enum {A, B}`, `(FK → users.id)`, `(Foreign Key to User)`,
`FK(users.id)`, `REFERENCES users(id)`, `(nullable)` after the type. The
message gives the canonical spelling to write instead.

**Example**: `- \\`title\\`: string (max 200 chars, required)`

**Use instead**: `- \\`title\\`: string(200), required`""",
        ),
        _code(
            "W108",
            "fields-under-a-heading",
            """
A heading inside Key Entities gives the fields of an entity declared above it
as a bullet (`#### Museum field reference` after `- **Museum**: ...`, also
`#### Campos de Museo`, `#### Museum のフィールド`). Its table and attribute
bullets are read as that entity's attributes, and an entity bullet after them
(`- **Exhibit**: An exhibit in a museum`) is the next entity, not a field.

**Fix**: nest the attributes under the entity's bullet, or declare the entity
with a heading (`### Museum`) above its attributes.""",
        ),
        _code(
            "W109",
            "entity-name-as-code",
            """
A bullet directly inside Key Entities names its entity in a code span instead
of bold (`` - `course_dependencies` table: links a course to its
prerequisite ``). It is read as the entity of that name, with its nested
attributes, as if written in bold.

**Example**: ``- `course_dependencies` table: a course and the course it requires``

**Use instead**: `- **course_dependencies**: a course and the course it requires`""",
        ),
        # ---- real multi-feature repositories (spec-kit habits), read tolerantly
        _code(
            "W106",
            "semi-typed-prose",
            """
A nested bullet or table row looks like an attribute (`name: ...`) but what
follows the name does not parse as a type and modifiers, so it is read as
prose: no column is generated for it. Real specs write
`- **verified**: Email verification status` or
`- **name**: UUID (PK, immutable)`; the message gives the parser's reason.
When the type parses and only some modifiers do not, the attribute is kept
and the modifiers that do not parse are named and skipped.

**Fix**: write the attribute in the notation, or run `spec2db infer`.

**Example**: `- **Created At**: Timestamp when list was created`

**Use instead**: `- \\`created_at\\`: timestamp — when the list was created`""",
        ),
        _code(
            "W107",
            "not-utf8",
            """
A spec (or data-model.md) is UTF-8 but for some bytes, usually a character an
editor wrote in Windows-1252 (`\\x92` for a curly apostrophe). Each such byte
is read as the Windows-1252 character it stands for (U+FFFD where there is
none), so the spec still compiles; the position is that of the first one.
An entity or attribute name that contains U+FFFD is still refused (E210).
A file that starts with a UTF-16 byte order mark (what PowerShell's `>`
writes) is read as UTF-16. `spec2db infer` does not rewrite either (W311).

**Fix**: save the file as UTF-8.""",
        ),
        _code(
            "W201",
            "entity-re-mentioned",
            """
A later feature mentions an entity that an earlier feature (or earlier in the
same spec) already declared, without typed attributes. In spec-kit every
feature describes the entities it touches again; such a mention is read as a
reference to the existing entity, and adds nothing to it.

**Fix**: remove the bullet, or mark it `*(extends)*` and list what changes.""",
        ),
        _code(
            "W202",
            "entity-redeclared",
            """
A later feature declares typed attributes for an entity that an earlier
feature already declared, without `*(extends)*`. It is read as an extension:
new attributes are added, attributes of the same name are changed, as
`*(extends)*` would do.

**Example**: `- **Task**: now with tags` (typed bullets below)

**Use instead**: `- **Task** *(extends)*: now with tags`""",
        ),
        _code(
            "W203",
            "shared-feature-number",
            """
Two spec folders share a number (`001-auth` and `001-tasks`). They are
ordered by their full folder name, and each gets the migration revision id
`<number>_<slug>` so the Alembic chain stays linear and unique.

**Fix**: renumber one of the folders.""",
        ),
        _code(
            "W204",
            "entity-name-spelled-differently",
            """
An `*(extends)*` entity, a reference or a re-mention names an entity with
different spacing, separators or case than its declaration
(`Report Summary` for `ReportSummary`). It resolves to the declared entity.

**Fix**: spell the name as declared.""",
        ),
        _code(
            "W205",
            "extends-undeclared-entity",
            """
An entity is marked `*(extends)*`, `(existing)` or `(modified)` but no spec
of the project declares it (it may live in another repository), or only a
later feature does (an unnumbered folder sorts after the numbered ones).
With typed attributes it is read as the entity's declaration, and a later
declaration extends it (W202); without, as prose, and no table is generated
for it.

**Fix**: drop the marker, or declare the entity (or mark it
`*(external: table)*` when another system creates its table).""",
        ),
        _code(
            "W206",
            "relationship-target-undeclared",
            """
A `has many` or `has one` line names an entity no spec declares
(`Relationships: has many tokens`, where the entity is `JWT Token`). Such a
line adds nothing to the schema, the foreign key being on the other side, so
it is skipped. A `belongs to` or `many to many` line to an unknown entity
would lose a column or a table, and stays an error (E201).

**Fix**: write the target as its entity is named, or drop the line.""",
        ),
        _code(
            "W207",
            "reference-to-prose-entity",
            """
An attribute refers to an entity that is described only in prose (no typed
attributes, so no table): `owner_id: uuid, references User` while every
`**User**` of the project is a sentence. spec-kit features often refer to
an entity that another feature only describes. The column is kept, with the
project's key type when the reference is its type (`owner: User`), but has
no foreign key, and an `on delete` or `on update` on it is dropped with it.

**Fix**: type the entity (`spec2db infer` proposes its attributes from the
prose and data-model.md), or mark it `*(external)*` when another system
owns its table.""",
        ),
        _code(
            "W208",
            "reference-type-differs-from-key",
            """
A foreign key column is typed otherwise than the key it references
(`owner_id: uuid, references User` while `User.id` is `string`), often
because a later feature re-typed the key and left what refers to it as an
earlier feature wrote it. PostgreSQL refuses a foreign key between
incompatible types, so the column takes the key's type (integer sizes
aside, which mix freely).

**Fix**: write the reference as its type (`owner: User`), or give the
column the key's type.""",
        ),
        _code(
            "W209",
            "second-primary-key",
            """
A later feature declares a primary key on an attribute other than the
entity's key (`_id: ObjectId, primary key` where an earlier feature has
`id`), often a re-description of the same key under another name. Two
features' keys would make one composite key that nobody wrote and that
every foreign key to the table would have to name, so the entity keeps its
key and the new attribute is read as unique and required.

**Fix**: describe the key by the name it has, or remove the old key
(a `- removed: id` line under the entity) when the feature really changes
it.""",
        ),
        # -- hostile input, round two (E213-E229, W120-W139) ---------------
        _code(
            "E213",
            "relation-name-taken",
            """
Two relations of one schema have the same name. PostgreSQL keeps tables,
indexes, sequences and the indexes behind primary keys and unique
constraints in one namespace, so the second `CREATE` fails.

**Example**: `indexes: (title)` on `Task` and on `TaskList` with
`table: tasks_title` ... or a `unique:` group whose generated name is an
index name of another table.

**Fix**: rename one table, or name the index or constraint yourself.""",
        ),
        _code(
            "E214",
            "type-name-taken",
            """
Two types of one schema have the same name. Every table is also a type (its
row type), and each enum column makes a type `<entity>_<column>`, so an enum
named like a table, or two entities whose enum types come out alike
(`Task.status_kind` and `TaskStatus.kind`), cannot both be created.

**Fix**: rename the attribute or the entity.""",
        ),
        _code(
            "E215",
            "constraint-name-taken",
            """
Two constraints of one table have the same name: a `check(...) as name`
named like a generated foreign key, unique or primary key constraint.

**Fix**: give the check another name.""",
        ),
        _code(
            "E216",
            "dotted-table-name",
            """
A table name holds a dot (`table: app.projects`). Alembic and SQLAlchemy
read `app.projects` as the table `projects` in schema `app`, while the SQL
would create one table named `app.projects`; spec2db writes every table to
one schema.

**Use instead**: `table: app_projects`.""",
        ),
        _code(
            "E217",
            "json-not-comparable",
            r"""
A `json` attribute is in an index, a unique constraint or a primary key.
PostgreSQL's `json` type has no equality operator and so no btree operator
class: the `CREATE INDEX` fails. `jsonb` compares by value and can be
indexed (btree for equality and uniqueness; a GIN index, added by hand,
serves containment queries such as `@>`).

**Example**: `- \`settings\`: json, unique`

**Use instead**: `- \`settings\`: jsonb, unique`""",
        ),
        _code(
            "E218",
            "reference-array",
            """
An attribute is an array of references (`tag_ids: Tag[]`). PostgreSQL has
no foreign key from the elements of an array, so a foreign key from
`uuid[]` to `uuid` fails, and without one a deleted row leaves its id
behind in every array.

**Use instead**: `relationships: many to many Tag`: a join table with a
foreign key to each side (rows go with either side, `ON DELETE CASCADE`).""",
        ),
        _code(
            "E219",
            "hidden-character-in-feature-name",
            """
A spec's folder name holds a control character (a newline, ESC), a
bidirectional override or another invisible character. The folder name
names output files (`{feature}` in output paths), Alembic revisions and the
header line of every generated file, so it must be visible text.

**Fix**: rename the folder (`specs/002-billing`).""",
        ),
        _code(
            "W120",
            "unreadable-table-cell",
            """
A Required or Nullable cell of an attribute table is neither a yes
(`yes`, `✅`, `✓`, `required`, `NOT NULL`, `Yes (always)`) nor a no (`no`,
`optional`, `nullable`, `-`). The attribute keeps what its other columns
say, and the cell is reported rather than dropped. The words are listed in
compiler/frontend/table_cells.json.""",
        ),
        _code(
            "W122",
            "constraint-not-in-notation",
            """
An item of an attribute table's Constraints cell is not in the notation
(`immutable`, `UNIQUE per org (when not NULL)`, `FK → auth.users(id)`). The
column keeps its type and the items the notation reads; this one is left
out. Write it as a modifier (`unique`, `references Entity`,
`check: ...`) or move it to the description. `lint --strict` blocks it.""",
        ),
        _code(
            "W121",
            "look-alike-name",
            """
A name holds a character that only looks like an ASCII letter or digit
(a Cyrillic `а` in `Tаsk`, a Greek `ο`, a fullwidth `ａ`), or two tables, or
two columns of one table, have names that look alike (the same Unicode
TR39 skeleton). Both become separate database objects, and a reference
written with the other spelling silently takes the other one. Names are
compared in NFC, so an accent typed as a combining mark is the same name.

**Fix**: retype the name in the script you meant.""",
        ),
        _code(
            "E220",
            "type-change-without-conversion",
            """
An attribute an earlier feature declared changes to a type PostgreSQL
cannot convert it to, or back (`ALTER COLUMN ... TYPE ... USING col::new`
in the migration, the reverse in its downgrade): boolean to bigint,
interval to timestamptz, integer to jsonb, uuid to integer. Strings convert
to and from anything; numbers among themselves; dates and timestamps; time
and interval.

**Fix**: add an attribute with the new type and list the old one under
`removed:` (the data moves in your own migration step).""",
        ),
        _code(
            "E221",
            "condition-does-not-type-check",
            """
A check or a partial-index predicate that PostgreSQL would refuse for the
types of the columns it reads: a quoted literal that is no value of the
column's type (`tag <> ':bad'` on a bigint, a uuid or an array), a number
compared with text, two columns of kinds with no comparison between them,
a pattern or string function on a column that is not text, a cast
PostgreSQL lacks, or a condition that is not true or false; or a default
expression of a type PostgreSQL does not assign to its column (`default
(now())` on a bigint). Every feature's
schema is checked, so when a later feature changes the type of a column an
earlier condition reads, the error stands at that change (and names where
the condition was written). Only what is certain is judged.

**Fix**: correct the condition; or, in the feature that changes the type,
restate the attribute that carried the check without it (a restated
attribute drops the checks it carried), or keep the type.""",
        ),
        _code(
            "E222",
            "foreign-key-over-array-with-length",
            """
A foreign key references an array key whose element type has a length or
a precision (`string(3)[]`, `char(2)[]`, `decimal(5,2)[]`, `email[]`).
PostgreSQL casts both sides of such a key to `anyarray` in its referential
checks and finds no operator ("operator does not exist: anyarray =
character varying[]"): every insert into the referencing table, and the
validation of a foreign key a migration adds, fails.

**Fix**: declare the key without the length or precision (`string[]`,
`text[]`, `decimal[]`), or as a scalar.""",
        ),
        _code(
            "E224",
            "system-catalog-table-name",
            """
A table's name starts with `pg_`, the prefix of PostgreSQL's system catalogs
(`pg_class`, `pg_type`, ...). Unqualified names are looked up in
`pg_catalog` first, so `CREATE TABLE pg_class` is refused ("permission
denied: pg_class is a system catalog") and a table of another `pg_` name is
shadowed by any catalog PostgreSQL adds under it.

**Fix**: name the table otherwise (`table: classes`).""",
        ),
        _code(
            "E223",
            "table-of-an-external-entity",
            """
An entity the specs create has the table of an entity marked `*(external)*`
(created outside these specs): `- **orders** *(external)*` beside a typed
`**Order**`, or a later feature's typed `Quiz` where an earlier one said
`quizzes` is external. The database holds one relation of that name, so the
`CREATE TABLE` fails where the external table exists (and where verify
stubs it), and the generated models declare the table twice.

**Fix**: drop `*(external)*` and refer to the entity the specs create, or
give that entity another table (`table: ...`).""",
        ),
        # -- spec2db infer: code blocks in data-model.md (W340-W359)
        _code(
            "W340",
            "code-block-unreadable",
            """
`spec2db infer` could not parse a code block of a data-model.md (a Python
syntax error, nesting too deep for the parser). The block is skipped; its
tables are not proposed from it. Code is parsed, never run.

**Fix**: correct the block, or mark it with an info string its parser does
not claim (` ```text `).""",
        ),
        _code(
            "W341",
            "code-type-unknown",
            """
A column in a code block has a type `spec2db infer` does not know (a class
it cannot see, `INET`-like database types without a spec2db equivalent, a
Prisma `Unsupported(...)`), or no type at all. The column is proposed
without a type.

**Fix**: type the attribute by hand in Key Entities: `- \\`ip\\`: string(45)`.""",
        ),
        _code(
            "W342",
            "code-block-too-large",
            """
A code block is larger than `spec2db infer` reads (1,000,000 characters or
20,000 lines): a dump rather than a data model. It is skipped.""",
        ),
        _code(
            "W343",
            "sql-statement-not-understood",
            """
A `CREATE` or `ALTER` statement in an SQL block could not be parsed by
sqlglot in any of the PostgreSQL, MySQL, SQLite and T-SQL dialects (or is
longer than 200,000 characters). Its table is not proposed from it. Queries,
inserts and functions are not read and give no finding.""",
        ),
        _code(
            "W344",
            "code-type-uncertain",
            """
A column's written type leaves a choice open, and `spec2db infer` proposes
the likely one: TypeScript `number` (integer or decimal, read from the
column name), a date type on a column named like a point in time, `INET`
(no spec2db type). Check the proposal.

**Example**: `price: number` is proposed as `decimal`.""",
        ),
        _code(
            "W345",
            "index-not-fully-proposed",
            """
An index in a code block is an expression index (`lower(email)`), which is
not proposed, or a partial index (`WHERE deleted_at IS NULL`), which is
proposed without its condition.

**Fix**: write it by hand: `indexes: (email) where deleted_at is null`.""",
        ),
        _code(
            "W346",
            "composite-foreign-key",
            """
A foreign key over several columns is not proposed: the notation's
references point at a single-column key.""",
        ),
        _code(
            "W347",
            "prisma-line-not-understood",
            """
A line inside a Prisma `model` block is not a field or a block attribute
`spec2db infer` can read. The line is skipped; the rest of the model is
read.""",
        ),
        # -- spec2db infer: proposals from prose and data-model.md (W301-W339)
        _code(
            "W301",
            "infer-type-guessed",
            """
`spec2db infer` typed an attribute from its name or words (`created_at` ->
timestamp, `price` -> decimal, `status` -> string) or from a type name it
only reads approximately (`ObjectId`, `Date` on a `_at` column). The
proposal is written; check the type before you build.

**Example**: `Key attributes: rating` -> `` `rating`: decimal(10, 4) ``

**Fix**: correct the type in the proposed line if it is wrong.""",
        ),
        _code(
            "W302",
            "infer-type-unknown",
            """
`spec2db infer` found a field but could not read any type for it (an
unknown type name, a type the notation does not accept). The field is left
out of the proposal rather than guessed.

**Fix**: add the attribute by hand with its type.""",
        ),
        _code(
            "W303",
            "infer-not-stored",
            """
An entity is not stored in the database (a JWT, a session in Redis or in the
browser, a request or response object, a UI view model, a value object).
`spec2db infer` leaves it untyped and marks it `*(not stored)*`; the message
says which words showed it.

**Fix**: none, or remove the marker and type the entity if it is a table.""",
        ),
        _code(
            "W304",
            "infer-unknown-reference",
            """
A field refers to an entity that no spec declares. When a source declares
the foreign key itself (`REFERENCES roles(id)`, Prisma `@relation`,
`FK → Roles.id`), `spec2db infer` keeps it and proposes the target as an
`*(external)*` entity keyed as the referencing column is typed: the table
exists elsewhere, and `verify` stands a stub in for it. A reference only
prose implies (`chef reference`) stays a plain column of its own type,
without a foreign key. A Key Entities bullet that no source gives an
attribute (`- **User**: Existing entity.`), and that such foreign keys refer
to, is that table: it is marked `*(external)*` the same way, rather than
left as written (W312) with the keys dropped.

**Fix**: declare the entity in the spec of the feature that owns it (and
remove the `*(external)*` one), or keep it external if another system
creates it.""",
        ),
        _code(
            "W305",
            "infer-sources-disagree",
            """
Two sources give one field different types (a code block says `bigint`, the
table says `integer`). The more trusted source wins (code block, then
data-model.md table or bullet, then spec.md prose); both positions are in
`--format json`.""",
        ),
        _code(
            "W306",
            "infer-prose-only-column",
            """
The spec's prose names an attribute that the data model (its tables or code
blocks) does not have, or a data-model table or class gives a table a
column that the same data model's `CREATE TABLE` does not have. The data
model is the planned design, and its DDL the whole table, so the attribute
is not added.

**Fix**: add it to the data model, or by hand to the spec, if it is meant.""",
        ),
        _code(
            "W307",
            "infer-default-dropped",
            """
A default written in the data model cannot be expressed for the attribute's
type (`datetime.now(UTC)` on a text column, `Auto-assigned`, `Empty`). The
attribute is proposed without it.

**Fix**: write the default in the notation (`default now`, `default 0`,
`default (expr)`).""",
        ),
        _code(
            "W308",
            "infer-table-row-skipped",
            """
A row of a data-model.md field table has no name or no type, or is too long
to be a field definition; `spec2db infer` skips it.""",
        ),
        _code(
            "W309",
            "infer-earlier-entity",
            """
The entity is declared by an earlier feature. In spec-kit every feature
describes the entities it touches again; `spec2db infer` reads the mention as
a reference and proposes nothing for it.

**Fix**: to change the entity, mark it `*(extends)*` and write only what
changes.""",
        ),
        _code(
            "W310",
            "infer-section-added",
            """
spec.md has no Key Entities section but its data-model.md has entities:
`spec2db infer` adds a `### Key Entities` section at the end of the
Requirements section (or a `## Key Entities` section at the end of the file)
and proposes the entities there.""",
        ),
        _code(
            "W311",
            "infer-not-rewritten",
            """
spec.md uses bare carriage returns as line endings, or is not valid UTF-8
(W107); `spec2db infer` does not rewrite it (it could not keep the rest of
the file byte for byte). `--format json` still gives the proposals.

**Fix**: convert the file to LF or CRLF line endings, or save it as UTF-8.""",
        ),
        _code(
            "W312",
            "infer-nothing-found",
            """
No source names any attribute of this entity (the prose lists none, the data
model has no table for it). The entity is left as written, unless the data
model's foreign keys refer to it (then it is `*(external)*`, W304).""",
        ),
        _code(
            "W316",
            "infer-key-only",
            """
The Key Entities prose names no attribute of this entity, but other entities
refer to it (`owns coins`, `ties a User to a Coin`). `spec2db infer` proposes
it with its primary key only, so that those references stay foreign keys;
add the attributes it keeps.""",
        ),
        _code(
            "W317",
            "infer-key-not-comparable",
            """
A source gives an entity's key (its primary key, or the `id` that becomes
one) a type no key can have: `json` (PostgreSQL has no equality operator for
it). Such a source describes fields rather than declaring a row
(`id: { required: true; format: 'uuid-v4' }` in a TypeScript object of
validation rules), so `spec2db infer` does not propose the entity as a table
(the build would refuse the key, E217). If it is one, type its key.""",
        ),
        _code(
            "W318",
            "infer-same-table",
            """
Two entities infer would propose in one spec make the same table (`MemoryEntry`
with `table: agent_memories`, and `agent_memories 行`, a row of that table
described again in the prose): `spec2db build` would refuse the pair (E202).
The one a data model types is proposed; the other is left as written.

**Fix**: if they are one table, describe it once; if two, give one of them
its own `table:` name.""",
        ),
        _code(
            "W314",
            "infer-not-in-data-model",
            """
The feature's data model (data-model.md, or code blocks in spec.md) defines
its tables, and this entity is not one of them: only the Key Entities prose
describes it. A data model is the team's schema, so `spec2db infer` reads
such an entity as a concept, a view or a value of another table, and leaves
it as written instead of proposing a table from its prose.

**Fix**: if it is a table, add it to the data model (and run `spec2db infer`
again), or type its attributes in spec.md by hand.""",
        ),
        _code(
            "W315",
            "infer-future-section",
            """
A code block sits under a heading about future, out-of-scope or
hypothetical work (`### Migration Pattern (Future Reference)`, `## Out of
Scope`, `### Scenario 1: Add Optional Column`). What it declares is not this
feature's schema, so `spec2db infer` does not read it.

**Fix**: none needed; move the block under another heading if it is the
schema.""",
        ),
        _code(
            "W313",
            "infer-extends",
            """
The entity is declared by an earlier feature, and this feature's data model
gives it columns the earlier declaration does not have. `spec2db infer`
marks it `*(extends)*` and proposes only those columns (a key stays the
first declaration's).

**Example**: feature 002's data-model.md adds `avatar_url` to User ->
`- **User** *(extends)*:` with `` `avatar_url`: string(500) ``""",
        ),
    )
}


def severity_of(code: str) -> Severity:
    known = CODES.get(code)
    if known is not None:
        return known.severity
    return Severity.ERROR if code.startswith("E") else Severity.WARNING
