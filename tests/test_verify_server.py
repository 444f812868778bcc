"""Which server `spec2db verify` uses when none is given."""

from __future__ import annotations

import psycopg
import pytest

import compiler.verify as verify_module
from compiler.verify import VerifyError, default_server


def test_given_url_is_used_as_is():
    with default_server("postgresql://someone@db.example/x") as url:
        assert url == "postgresql://someone@db.example/x"


def test_falls_back_to_embedded_pgserver_when_no_local_server(monkeypatch):
    pytest.importorskip("pgserver")
    monkeypatch.setattr(verify_module, "LOCAL_SERVER", "postgresql://postgres@127.0.0.1:1/postgres")
    lines = []
    with default_server(None, progress=lines.append) as url, psycopg.connect(url) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    assert any("embedded" in line for line in lines)


def test_no_server_and_no_pgserver_is_a_clear_error(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pgserver(name, *args, **kwargs):
        if name == "pgserver":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(verify_module, "LOCAL_SERVER", "postgresql://postgres@127.0.0.1:1/postgres")
    monkeypatch.setattr(builtins, "__import__", no_pgserver)
    with pytest.raises(VerifyError, match="no PostgreSQL server"), default_server(None):
        pass
