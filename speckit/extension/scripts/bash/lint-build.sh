#!/usr/bin/env bash
# Lint the specs, then build them: specs/*/schema.sql, data-model.md,
# migrations and models. Arguments go to `spec2db build` (e.g. --force to
# replace a data-model.md written by hand).
# Exit status: 0 lint clean and built, 1 findings to fix, 2 usage or internal
# error, 127 spec2db missing.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
spec2db_require
cd "$(spec2db_project_root)" || exit 2

echo "== spec2db lint --strict"
spec2db lint --strict
lint_status=$?
if [ "$lint_status" -gt 1 ]; then
    exit "$lint_status"
fi
# Build even when lint found warnings: the outputs show what they mean. After
# a lint error, build reports the same error and writes nothing.
echo "== spec2db build $*"
spec2db build "$@" || exit $?
if [ "$lint_status" -ne 0 ]; then
    echo "built, but lint is not clean: fix the findings above and run this again"
    exit 1
fi
echo "lint clean; schema built"
