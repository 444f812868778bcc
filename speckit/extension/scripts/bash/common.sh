#!/usr/bin/env bash
# Shared by the spec2db extension's scripts: run from the project root (the
# folder holding .specify/, where specs/ and pyproject.toml live), with
# spec2db on the PATH.

spec2db_project_root() {
    local dir
    dir="$(pwd)"
    while [ "$dir" != "/" ]; do
        if [ -d "$dir/.specify" ]; then
            echo "$dir"
            return 0
        fi
        dir="$(dirname "$dir")"
    done
    # Not inside a spec-kit project: the scripts live in
    # <root>/.specify/extensions/spec2db/scripts/bash.
    (cd "$(dirname "${BASH_SOURCE[0]}")/../../../../.." && pwd)
}

spec2db_require() {
    if ! command -v spec2db >/dev/null 2>&1; then
        echo "spec2db is not installed or not on the PATH: pip install spec2db" >&2
        exit 127
    fi
}
