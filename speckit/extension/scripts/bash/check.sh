#!/usr/bin/env bash
# Check that every generated output (schema.sql, data-model.md, migrations,
# models) matches the specs: prints a diff per difference, writes nothing.
# Exit status: 0 up to date, 1 drift, 127 spec2db missing.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
spec2db_require
cd "$(spec2db_project_root)" || exit 2
spec2db build --check "$@"
