"""Explorer benchmark: first paint of the document page on a large synthetic corpus.

Builds (or reuses) a workspace of the synthetic corpus (bench/synth.py), starts
`streamlit run ui/app.py` on it, and with headless Chromium (Debian's /usr/bin/chromium,
driven by Playwright) opens the document page of documents of every level: first paint is
the time from navigation until the document's số hiệu heading shows; the derived-task table
is timed too. The first visit of a server pays for its caches (documents, hierarchy), so
that visit is printed apart. Each document is timed
three ways (median of --repeat): reached inside the app (searched, link clicked), opened in a
new tab of a browser that has the app's scripts cached, and in a new browser profile. Run:

    .venv/bin/python bench/bench_ui.py --tasks 100000            # builds the corpus (~10 min)
    .venv/bin/python bench/bench_ui.py --workspace /path/to/ws   # reuses a workspace
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from chidao import Workspace, ingest_files
from graph.query import stats
from graph.store import open_store
from ontology.mapping import key_of
from ui.cli import CHROMIUM, CHROMIUM_ARGS, explorer_command

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def build_workspace(folder: Path, tasks: int, seed: int) -> Path:
    corpus, ws = folder / "corpus", folder / "ws"
    subprocess.run(
        [
            sys.executable,
            str(HERE / "synth.py"),
            str(corpus),
            "--tasks",
            str(tasks),
            "--seed",
            str(seed),
        ],
        check=True,
    )
    t0 = time.perf_counter()
    with Workspace.open(ws, create=True) as opened:
        report = ingest_files(opened, [corpus], index=False).report
    print(
        f"ingested {len(report.files)} files, {report.tasks} tasks "
        f"in {time.perf_counter() - t0:.0f} s"
    )
    return ws


def pick_documents(ws: Path) -> dict[str, str]:
    """One document of each level users ask about: central, Tỉnh ủy, UBND tỉnh, Sở."""
    store = open_store(ws, create=False)
    try:
        totals = stats(store)
        print(
            f"workspace {ws}: {totals['files']} files, {totals['documents']} documents, "
            f"{totals['tasks']} tasks"
        )
        rows = store.select(
            "SELECT ?d (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x eli:applies ?d } "
            "GROUP BY ?d ORDER BY DESC(?n)"
        )
        keys = [key_of(r["d"]) for r in rows]
        plans = [
            key_of(r["d"])
            for r in store.select("SELECT DISTINCT ?d WHERE { ?f chidao:isDocument ?d }")
        ]
    finally:
        store.close()

    def first(keys: list[str], test) -> str | None:
        return next((k for k in keys if test(k.split(":")[2] if k.count(":") >= 3 else "")), None)

    chosen = {
        "trung ương (most applied)": first(keys, lambda i: i in ("TW", "CP")),
        "tỉnh ủy": first(keys, lambda i: i == "TU"),
        "ubnd tỉnh": first(keys, lambda i: i.startswith("UBND")),
        "sở (a plan)": first(sorted(plans), lambda i: i.startswith("S")),
    }
    return {name: key for name, key in chosen.items() if key}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(ws: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        explorer_command(port),
        cwd=ROOT,
        env={**os.environ, "CHIDAO_WORKSPACE": str(ws)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise TimeoutError("streamlit did not start")


def doc_url(url: str, key: str) -> str:
    return url + "/van-ban?doc=" + urllib.parse.quote(key, safe="")


def painted(page, started: float) -> tuple[float, float, str]:
    """(first paint, derived tasks shown, their count line), timed from `started`."""
    page.locator("h2").first.wait_for()
    paint = time.perf_counter() - started
    count = page.get_by_text("nhiệm vụ phát sinh từ văn bản này", exact=False).first
    count.wait_for()
    return paint, time.perf_counter() - started, " ".join(count.inner_text().split())


def visit_cold(browser, url: str, key: str) -> tuple[float, float, str]:
    """A new browser profile: Streamlit's scripts downloaded and parsed again."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(300_000)
    started = time.perf_counter()
    page.goto(doc_url(url, key))
    out = painted(page, started)
    context.close()
    return out


def visit_new_tab(context, url: str, key: str) -> tuple[float, float, str]:
    """A new tab of a browser that has the app's scripts cached: a new Streamlit session."""
    page = context.new_page()
    page.set_default_timeout(300_000)
    started = time.perf_counter()
    page.goto(doc_url(url, key))
    out = painted(page, started)
    page.close()
    return out


def visit_in_app(context, url: str, key: str) -> tuple[float, float, str]:
    """Inside the running app: the document found from the search box and its link clicked."""
    page = context.new_page()
    page.set_default_timeout(300_000)
    page.goto(url)
    box = page.get_by_label("Tìm kiếm hoặc đặt câu hỏi")
    box.fill(key)
    box.press("Enter")
    link = page.locator('a[href*="doc="]').first
    link.wait_for()
    started = time.perf_counter()
    link.click()
    out = painted(page, started)
    page.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tasks", type=int, default=100_000, help="synthetic tasks (default 100000)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--workspace", type=Path, help="reuse this workspace instead of building one"
    )
    parser.add_argument("--repeat", type=int, default=3, help="warm visits per document")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="chidao-bench-ui-") as tmp:
        ws = args.workspace or build_workspace(Path(tmp), args.tasks, args.seed)
        documents = pick_documents(ws)
        proc, url = start_app(ws)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                for n, (level, key) in enumerate(documents.items()):
                    if n == 0:
                        cold = visit_cold(browser, url, key)
                        print(
                            f"first visit of the server ({key}): first paint {cold[0]:.2f} s, "
                            f"derived tasks shown {cold[1]:.2f} s"
                        )
                    print(f"{level} {key}:")
                    for name, visit, where in (
                        ("in the app (search, click)", visit_in_app, context),
                        ("new tab, scripts cached", visit_new_tab, context),
                        ("new browser profile", visit_cold, browser),
                    ):
                        runs = [visit(where, url, key) for _ in range(args.repeat)]
                        paint = statistics.median(r[0] for r in runs)
                        table = statistics.median(r[1] for r in runs)
                        print(
                            f"  {name:28} first paint {paint:5.2f} s   "
                            f"derived tasks shown {table:6.2f} s   ({runs[-1][2]})"
                        )
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
