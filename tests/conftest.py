"""Shared fixtures: paths to the sample corpus and gold files, a CLI runner, an Oxigraph server."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests on a fixed sequence of examples, so a run on main passes or fails
# for the code, not the draw; runs elsewhere keep exploring (and keep what fails).
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
GOLD = ROOT / "tests" / "data" / "gold"
SAMPLE_FILES = sorted(SAMPLE.glob("*.txt"))


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None):
    """Run the installed `chidao` command as a user would, in a subprocess."""
    exe = Path(sys.executable).parent / "chidao"
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=full_env,
        timeout=300,
    )


def json_lines(stdout: str) -> list[dict]:
    """Parse JSON Lines output."""
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def sample_files() -> list[Path]:
    return SAMPLE_FILES


@pytest.fixture(scope="session")
def indexed_sample(tmp_path_factory) -> Path:
    """A workspace holding the sample corpus, ingested and indexed with the default model.

    Built once per test session (embedding the corpus takes about a minute); tests open its
    store read-only or through the CLI, and must not change it.
    """
    from graph.build import ingest_paths
    from graph.store import open_store
    from search.build import update_index

    ws = tmp_path_factory.mktemp("indexed-sample")
    store = open_store(ws)
    try:
        ingest_paths(store, ws, [SAMPLE])
        update_index(ws, store)
    finally:
        store.close()
    return ws


def copy_workspace(source: Path, target: Path) -> Path:
    """A copy of a built workspace (store, texts, index) for a test that changes it or holds
    its store open, so that the shared `indexed_sample` stays as it is."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.log"))
    return target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph SPARQL server on loopback, started for these tests."""
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(exe).exists():
        pytest.fail("the oxigraph server (PyPI 'oxigraph') is not installed")
    port = _free_port()
    data = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen(
        [
            exe,
            "serve",
            "--location",
            str(data),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.1)
    yield f"{url}/query"
    proc.terminate()
    proc.wait(timeout=10)
