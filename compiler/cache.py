"""The incremental cache: parsed specs keyed by content.

A spec's parse (Markdown + grammar, the front end's whole cost) depends only
on its bytes, the path shown in diagnostics, and spec2db's own front end. The
key hashes all of these (the front end by its version and its source and
grammar files, so an edited checkout never reads a stale entry), so a
rebuild after one spec changed parses only that spec. Entries are pickles in
the user's cache folder (`$SPEC2DB_CACHE_DIR`, else `$XDG_CACHE_HOME/spec2db`,
else `~/.cache/spec2db`), never in the project, and read only from a folder
the user owns that nobody else can write; a damaged entry is ignored and
rewritten.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from compiler import __version__


def default_folder() -> Path:
    explicit = os.environ.get("SPEC2DB_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "spec2db"


@lru_cache(maxsize=1)
def front_end_fingerprint() -> str:
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    from compiler.frontend.notation import _grammar_path

    files = sorted((package / "frontend").glob("*.py"))
    files += [package / name for name in ("ast.py", "types.py", "codes.py", "diagnostics.py")] + [_grammar_path()]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class SpecCache:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_folder()
        self._trusted: bool | None = None

    def trusted(self) -> bool:
        """Unpickling runs code, so entries are read only from a folder that
        this user owns and nobody else can write to."""
        if self._trusted is None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                info = self.folder.stat()
                self._trusted = info.st_uid == os.getuid() and not info.st_mode & 0o022
            except (OSError, AttributeError):  # AttributeError: no getuid (Windows)
                self._trusted = False
        return self._trusted

    def key(self, display: str, data: bytes) -> str:
        digest = hashlib.sha256(front_end_fingerprint().encode())
        digest.update(display.encode())
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str):
        if not self.trusted():
            return None
        path = self.folder / key[:2] / key
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except Exception:  # noqa: BLE001 - missing or damaged: parse again
            return None

    def put(self, key: str, value) -> None:
        if not self.trusted():
            return
        target = self.folder / key[:2] / key
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=target.parent)
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, target)
        except OSError:
            pass  # an unwritable cache folder only costs speed
