"""`spec2db lsp`: a language server for the specs (specs/*/spec.md).

    analysis.py  one project's specs, compiled and linted with the compiler's
                 own passes and lint runner, and what an editor asks of them
                 (hover, completion, definition, code actions); no LSP I/O
    server.py    the pygls server over stdio: documents in, diagnostics and
                 answers out

pygls and lsprotocol come with the `lsp` extra (`pip install "spec2db[lsp]"`);
nothing here is imported unless `spec2db lsp` runs.
"""
