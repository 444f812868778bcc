"""Measure `spec2db lsp`: how long after an edit the editor has its diagnostics.

    python bench/lsp.py [--entities 1000] [--features 10] [--edits 20]

Generates a synthetic project (bench/generate.py), starts the server over
stdio as an editor would, opens the first and the last feature's spec, and
then types: each edit adds or removes an attribute, alternating between the
first feature (every later one sees its entities) and the last. The time is
from sending didChange to receiving that document's publishDiagnostics.
Prints the median, the 90th percentile and the extremes, per feature edited.

The same edits then run in this process on `compiler.lsp.analysis.Project`
(what the server runs per edit, without the protocol, freezing the collector
after each analysis as the server does), timed in wall and CPU time: on a
shared machine the CPU time is what an idle one would take. There the other
document goes back to its text on disk at each edit, so an edit to one
feature re-parses the other's spec too.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate


async def measure(root: Path, edits: int) -> dict[str, list[float]]:
    client = LanguageClient("spec2db-bench", "1")
    arrived: dict[str, asyncio.Event] = {}
    expected: dict[str, int] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        # Each analysis publishes for both open documents: only the edited version counts.
        if params.uri in arrived and params.version == expected.get(params.uri):
            arrived[params.uri].set()

    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    await client.start_io(sys.executable, "-m", "compiler", "lsp", env=env)
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri()))
    client.initialized(types.InitializedParams())

    specs = sorted(root.glob("specs/*/spec.md"))
    targets = {"first feature": specs[0], "last feature": specs[-1]}
    texts = {}
    for path in targets.values():
        uri = path.as_uri()
        arrived[uri] = asyncio.Event()
        expected[uri] = 1
        texts[uri] = path.read_text()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=texts[uri])
            )
        )
        await asyncio.wait_for(arrived[uri].wait(), timeout=120)

    figures: dict[str, list[float]] = {name: [] for name in targets}
    for n in range(edits):
        name = list(targets)[n % 2]
        uri = targets[name].as_uri()
        text = texts[uri]
        # Add an attribute to the first entity, or take it away again.
        anchor = "  - `id`: uuid, primary key\n"
        edited = text.replace(anchor, anchor + f"  - `note_{n}`: string(80)\n", 1) if n % 4 < 2 else text
        arrived[uri].clear()
        expected[uri] = n + 2
        start = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=n + 2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)],
            )
        )
        await asyncio.wait_for(arrived[uri].wait(), timeout=120)
        figures[name].append((time.perf_counter() - start) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return figures


def in_process(root: Path, edits: int) -> dict[str, list[tuple[float, float]]]:
    from compiler.lsp.analysis import Project

    project = Project(root)
    specs = sorted(root.glob("specs/*/spec.md"))
    targets = {"first feature": specs[0], "last feature": specs[-1]}
    unsaved = {project.display(path): (path.read_text(), 1) for path in targets.values()}
    project.analyze(unsaved)
    gc.freeze()
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in targets}
    anchor = "  - `id`: uuid, primary key\n"
    for n in range(edits):
        name = list(targets)[n % 2]
        display = project.display(targets[name])
        text = targets[name].read_text()
        edited = text.replace(anchor, anchor + f"  - `note_{n}`: string(80)\n", 1) if n % 4 < 2 else text
        wall, cpu = time.perf_counter(), time.process_time()
        project.analyze({**unsaved, display: (edited, n + 2)})
        figures[name].append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
        gc.freeze()  # as the server does after each analysis: no full collection over the kept objects within the next
    return figures


def _summary(times: list[float]) -> str:
    times = sorted(times)
    p90 = times[min(len(times) - 1, round(0.9 * (len(times) - 1)))]
    return f"median {statistics.median(times):6.0f}  p90 {p90:6.0f}  min {times[0]:6.0f}  max {times[-1]:6.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entities", type=int, default=1000)
    parser.add_argument("--features", type=int, default=10)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="spec2db-lsp-bench-") as folder:
        root = Path(folder)
        generate(root, args.entities, args.features)
        figures = asyncio.run(measure(root, args.edits))
        local = in_process(root, args.edits)
    print(f"{args.entities} entities in {args.features} features; diagnostics after an edit (ms)")
    print("over stdio (didChange -> publishDiagnostics of that version), wall time:")
    for name, times in figures.items():
        print(f"  {name:<14} {_summary(times)}  ({len(times)} edits)")
    print("in process (Project.analyze), wall time / CPU time:")
    for name, pairs in local.items():
        print(f"  {name:<14} {_summary([w for w, _ in pairs])}")
        print(f"  {'':<14} {_summary([c for _, c in pairs])}  (CPU)")


if __name__ == "__main__":
    main()
