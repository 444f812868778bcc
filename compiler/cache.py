"""The incremental cache: parsed specs keyed by content.

A spec's parse (Markdown + grammar, the front end's whole cost) depends only
on its bytes, the path shown in diagnostics, and spec2db's own front end. The
key hashes all of these (the front end by its version and its source and
grammar files, so an edited checkout never reads a stale entry), so a
rebuild after one spec changed parses only that spec. Entries live in the
user's cache folder (`$SPEC2DB_CACHE_DIR`, else `$XDG_CACHE_HOME/spec2db`,
else `~/.cache/spec2db`), read only from a folder the user owns that nobody
else can write; a damaged entry is ignored and rewritten.

An entry is data, never code: JSON of the AST's plain values, decoded into
the AST's own node classes only (a closed list, `_nodes`), and signed with
an HMAC key kept in the user's own cache folder (`signing_key`, never in
`$SPEC2DB_CACHE_DIR`). A cache folder inside a working tree (a committed
one, say) cannot run code, and an entry it plants is not signed with this
user's key, so it is ignored: the spec is parsed again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from compiler import __version__


def user_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "spec2db"


def default_folder() -> Path:
    explicit = os.environ.get("SPEC2DB_CACHE_DIR")
    return Path(explicit) if explicit else user_folder()


def signing_key(folder: Path | None = None) -> bytes | None:
    """The user's key for signing cache entries: 32 random bytes in the
    user's own cache folder (never `$SPEC2DB_CACHE_DIR`, which may point
    into a working tree), made on first use, readable by the user only.
    None when it cannot be read or made: the cache is then off."""
    path = (folder or user_folder()) / "cache-key"
    try:
        return path.read_bytes() if path.stat().st_size == 32 else None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(os.urandom(32))
        return path.read_bytes()
    except FileExistsError:  # another process made it first
        return path.read_bytes()
    except OSError:
        return None


@lru_cache(maxsize=1)
def front_end_fingerprint() -> str:
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    from compiler.frontend.notation import _grammar_path

    files = sorted((package / "frontend").glob("*.py")) + sorted((package / "frontend").glob("*.json"))  # (headings.json: words)
    files += [package / name for name in ("ast.py", "types.py", "codes.py", "diagnostics.py", "naming.py", "english_plurals.json")]
    files += [_grammar_path()]
    # a table's type cell in another language's spelling is told from a typo by infer's type table
    files += [package / "infer" / "typemap.py", package / "infer" / "data" / "types.json"]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class SpecCache:
    def __init__(self, folder: Path | None = None, key_folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_folder()
        self._trusted: bool | None = None
        self._key_folder = key_folder
        self._signing_key: bytes | None = None

    def _mac(self, body: bytes) -> bytes | None:
        if self._signing_key is None:
            self._signing_key = signing_key(self._key_folder) or b""
        if not self._signing_key:
            return None
        return hmac.new(self._signing_key, body, hashlib.sha256).hexdigest().encode()

    def trusted(self) -> bool:
        """Entries are read only from a folder that this user owns and
        nobody else can write to."""
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
                mac, _, body = handle.read().partition(b"\n")
            expected = self._mac(body)
            if expected is None or not hmac.compare_digest(mac, expected):
                return None  # not signed with this user's key: planted or from elsewhere
            return loads(body)
        except Exception:  # noqa: BLE001 - missing or damaged: parse again
            return None

    def put(self, key: str, value) -> None:
        if not self.trusted():
            return
        target = self.folder / key[:2] / key
        body = dumps(value)
        mac = self._mac(body)
        if mac is None:
            return  # no key, no cache
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=target.parent)
            with os.fdopen(handle, "wb") as stream:
                stream.write(mac + b"\n" + body)
            os.replace(temp, target)
        except OSError:
            pass  # an unwritable cache folder only costs speed


# -- the entry format: JSON of plain values ------------------------------------


def _node_classes() -> dict[str, type]:
    import dataclasses

    from compiler import ast

    nodes = {name: cls for name, cls in vars(ast).items() if isinstance(cls, type) and dataclasses.is_dataclass(cls)}
    from compiler.diagnostics import Span

    nodes["Span"] = Span
    return nodes


@lru_cache(maxsize=1)
def _nodes() -> dict[str, tuple[type, tuple[str, ...]]]:
    return {name: (cls, tuple(cls.__dataclass_fields__)) for name, cls in _node_classes().items()}


def _encode(value):
    from compiler.diagnostics import Diagnostic
    from compiler.types import Scalar

    kind = type(value)
    if value is None or kind is str or kind is bool or kind is int:
        return value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {"$t": [_encode(v) for v in value]}
    if isinstance(value, dict):
        return {"$d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, Scalar):
        return {"$s": value.value}
    if isinstance(value, Diagnostic):
        return {"$g": [value.code, value.message, _encode(value.span)]}
    name = type(value).__name__
    known = _nodes().get(name)
    if known is None or known[0] is not type(value):
        raise TypeError(f"cannot cache a {name}")
    return {"$": name, "f": [_encode(getattr(value, f)) for f in known[1]]}


def _decode(obj: dict):
    """json's object hook: each tagged object back to its value; anything
    else (an unknown tag, a wrong field count) is a damaged entry."""
    if "$" in obj:
        cls, fields = _nodes()[obj["$"]]
        values = obj["f"]
        if len(values) != len(fields):
            raise ValueError("damaged cache entry")
        return cls(**dict(zip(fields, values)))
    if "$t" in obj:
        return tuple(obj["$t"])
    if "$d" in obj:
        return {k: v for k, v in obj["$d"]}
    if "$s" in obj:
        from compiler.types import Scalar

        return Scalar(obj["$s"])
    if "$g" in obj:
        from compiler.codes import severity_of
        from compiler.diagnostics import Diagnostic

        code, message, span = obj["$g"]
        return Diagnostic(code=code, severity=severity_of(code), message=message, span=span)
    raise ValueError("damaged cache entry")


def dumps(value) -> bytes:
    return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes):
    return json.loads(data.decode("utf-8"), object_hook=_decode)
