"""The lint rules: one table from code to rule, like ruff's `codes.rs`.

Codes are stable and grouped by category:

    E, W  the compiler's own codes (`compiler.codes`); lint runs the
          compiler, so they are reported too. E codes stop compilation.
    D     schema design
    P     PostgreSQL pitfalls
    N     naming
    S     spec hygiene
    B     breaking changes between features (N-1 -> N), or against `--base REV`
    T     what the chosen targets (`emit`) cannot express

Some checks a reviewer expects from a linter are compiler codes and are not
repeated here: enum default not in the enum (E205), a check or index naming
an unknown column (E204), duplicate entity or attribute (E202, E203),
unknown relationship target with "did you mean" (E201), generated names
over 63 bytes (E210), entity without typed attributes (W103).
"""

from __future__ import annotations

from compiler.lint.rule import Rule
from compiler.lint.rules import (
    bare_string,
    cascade_cycle,
    dropped_column,
    dropped_table,
    enum_type_collision,
    fk_without_index,
    fk_without_on_delete,
    identifier_too_long,
    missing_back_reference,
    missing_timestamps,
    narrowed_type,
    needs_clarification,
    not_null_without_default,
    primary_key_kind,
    rebuilt_enum_type,
    redundant_index,
    removed_enum_value,
    rename_during_deploy,
    rename_without_was,
    reserved_word,
    rewriting_type_change,
    soft_delete_without_index,
    table_name_collision,
    target_cannot_express,
    unchecked_format,
    undeclared_attribute,
    unique_on_existing_data,
    user_scope_without_index,
    values_in_description,
    volatile_default_on_existing_table,
)

RULES: dict[str, type[Rule]] = {
    # D: schema design
    "D001": user_scope_without_index.UserScopedWithoutIndexedUserId,
    "D002": primary_key_kind.PrimaryKeyOfOtherKind,
    "D003": missing_timestamps.MissingTimestamps,
    "D004": fk_without_on_delete.ForeignKeyWithoutOnDelete,
    "D005": fk_without_index.ForeignKeyWithoutIndex,
    "D006": unchecked_format.EmailOrUrlWithoutFormatCheck,
    "D007": values_in_description.ValuesInDescriptionWithoutCheck,
    "D008": bare_string.BareStringWithoutLength,
    "D009": soft_delete_without_index.SoftDeleteWithoutIndex,
    "D010": missing_back_reference.RelationshipWithoutBackReference,
    "D011": cascade_cycle.CascadeDeleteCycle,
    "D012": redundant_index.RedundantIndex,
    # P: PostgreSQL pitfalls
    "P001": identifier_too_long.ImplicitIdentifierTooLong,
    "P002": reserved_word.ReservedWordIdentifier,
    "P003": enum_type_collision.EnumTypeNamedLikeTable,
    # N: naming
    "N001": table_name_collision.TableNamesCollide,
    # S: spec hygiene
    "S001": needs_clarification.NeedsClarificationInEntities,
    "S002": undeclared_attribute.DescribedAttributeNotDeclared,
    # B: breaking changes between features (what existing rows go through)
    "B001": dropped_table.DroppedTable,
    "B002": dropped_column.DroppedColumn,
    "B003": narrowed_type.NarrowedType,
    "B004": not_null_without_default.NotNullWithoutDefault,
    "B005": removed_enum_value.RemovedEnumValue,
    "B006": unique_on_existing_data.UniqueOnExistingData,
    "B007": rename_without_was.RenameWithoutWas,
    "B008": rewriting_type_change.RewritingTypeChange,
    "B009": rebuilt_enum_type.RebuiltEnumType,
    "B010": rename_during_deploy.RenameDuringDeploy,
    "B011": volatile_default_on_existing_table.VolatileDefaultOnExistingTable,
    # T: targets
    "T001": target_cannot_express.FeatureTargetCannotExpress,
}

CATEGORIES = {
    "E": "errors that stop compilation (compiler)",
    "W": "front-end warnings (compiler)",
    "D": "schema design",
    "P": "PostgreSQL pitfalls",
    "N": "naming",
    "S": "spec hygiene",
    "B": "breaking changes to existing data",
    "T": "what the chosen targets cannot express",
}
