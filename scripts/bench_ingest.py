"""Benchmark ingest against the bare floor, in one run (prints figures; asserts nothing).

    python scripts/bench_ingest.py                 # 200 resumes: (a) throughput vs floor, (b) cores, (e) Prefect
    python scripts/bench_ingest.py --n 200 --memory 1000   # also (d): peak memory of an ingest of 1,000 resumes

Resumes are the generated sample PDFs copied over and over, each copy a byte different so
every file is a new document. Figures:

(a) end-to-end: the real ``ingest`` flow (per-file worker processes, SQLite, a local Prefect
    server already running) over N files, beside the *floor*: pdfminer.six ``extract_pages``
    (walking every character, as the layout pass does) plus the skills spaCy pipeline over the
    same files in a plain fork pool of the same number of processes. Ratio = flow / floor throughput.
(b) CPU time / wall time of each (2.0 = both cores busy the whole time).
(d) peak RSS of the flow's process and of the largest worker, for an ingest of ``--memory`` files.
(e) Prefect overhead: an ``ingest`` flow run over an empty folder (flow + tasks, no work), median of 5;
    and the embedded server's start in a fresh process.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLES = ROOT / "sample_resumes"


def make_corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    pdfs = sorted(SAMPLES.glob("*.pdf"))
    files = []
    for i in range(n):
        source = pdfs[i % len(pdfs)]
        target = folder / f"{i:05d}_{source.name}"
        target.write_bytes(source.read_bytes() + f"\n% bench copy {i}\n".encode())
        files.append(target)
    return files


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    with open("/proc/meminfo") as meminfo:
        ram_kb = int(meminfo.readline().split()[1])
    return f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {model}, {ram_kb / 1e6:.1f} GB RAM, " \
           f"Python {platform.python_version()}, {platform.system()} {platform.release()}"


# --- the floor: pdfminer extract_pages + the skills pipeline, in a fork pool ----------------------

_NLP = None


def _floor_one(path: str) -> int:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer

    parts = []
    chars = 0
    for page in extract_pages(path, laparams=LAParams()):
        for element in page:
            if isinstance(element, LTTextContainer):
                for line in element:
                    for glyph in getattr(line, "_objs", ()):
                        if isinstance(glyph, LTChar):
                            chars += 1
                parts.append(element.get_text())
    doc = _NLP("".join(parts))
    return len(doc.ents) + len(doc.spans.get("skills", ())) + chars * 0


def floor(files: list[Path], processes: int) -> dict:
    global _NLP
    from hotlist.resources import skill_nlp

    _NLP = skill_nlp()
    _floor_one(str(files[0]))  # warm up in the parent, so workers inherit loaded code
    context = multiprocessing.get_context("fork")
    before = os.times()
    start = time.perf_counter()
    with context.Pool(processes) as pool:
        for _ in pool.imap_unordered(_floor_one, [str(f) for f in files], chunksize=1):
            pass
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.user - before.user) + (after.system - before.system) + \
          (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"files": len(files), "wall": wall, "cpu": cpu}


# --- the real ingest flow, in a child process (so its CPU and memory are counted whole) -----------

def flow_child(folder: str, home: str) -> None:
    """Run inside a fresh interpreter: ingest ``folder`` and print JSON figures."""
    os.environ["HOTLIST_HOME"] = home
    from flows.ingest import ingest
    from hotlist.settings import get_settings

    get_settings().ensure_workspace()
    before = os.times()
    start = time.perf_counter()
    summary = ingest([folder], label="bench")
    wall = time.perf_counter() - start
    from multiprocessing import forkserver

    from hotlist.isolation import shutdown

    shutdown()  # stop the parse workers, then the forkserver, so their CPU time is counted as ours
    server = forkserver._forkserver
    if getattr(server, "_forkserver_pid", None):
        server._stop()
    after = os.times()
    cpu = (after.user - before.user) + (after.system - before.system) + \
          (after.children_user - before.children_user) + (after.children_system - before.children_system)
    print(json.dumps({"wall": wall, "cpu": cpu, "added": summary.added, "updated": summary.updated,
                      "quarantined": summary.quarantined,
                      "self_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))


def run_flow(folder: Path, env: dict[str, str]) -> dict:
    home = tempfile.mkdtemp(prefix="hotlist-bench-")
    try:
        out = subprocess.run([sys.executable, __file__, "--flow-child", str(folder), home], env=env,
                             capture_output=True, text=True, check=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def prefect_overhead(env: dict[str, str], empty: Path) -> dict:
    runs = [run_flow(empty, env)["wall"] for _ in range(5)]
    embedded_env = {k: v for k, v in env.items() if k != "PREFECT_API_URL"}
    home = tempfile.mkdtemp(prefix="hotlist-bench-")
    try:
        start = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--flow-child", str(empty), home], env=embedded_env,
                       capture_output=True, text=True, check=True)
        embedded = time.perf_counter() - start
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return {"flow_median": statistics.median(runs), "flow_min": min(runs), "embedded_process": embedded}


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--flow-child":
        flow_child(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="resumes for the throughput comparison (default 200)")
    parser.add_argument("--memory", type=int, default=0, help="also ingest this many resumes for peak memory (e.g. 1000)")
    parser.add_argument("--workers", type=int, default=2, help="parse processes for both the flow and the floor")
    args = parser.parse_args()

    from hotlist.prefect_server import LocalPrefectServer

    print(f"Machine: {machine()}")
    work = Path(tempfile.mkdtemp(prefix="hotlist-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOTLIST_", "PREFECT_"))}
    env.update(HOTLIST_PARSE_WORKERS=str(args.workers))
    try:
        files = make_corpus(work / "resumes", args.n)
        (work / "empty").mkdir()
        with LocalPrefectServer(work / "prefect") as server:
            env["PREFECT_API_URL"] = server.api_url
            run_flow(work / "empty", env)  # warm the server and the file cache
            base = floor(files, args.workers)
            flow = run_flow(work / "resumes", env)
            overhead = prefect_overhead(env, work / "empty")
            big = None
            if args.memory:
                shutil.rmtree(work / "resumes")
                make_corpus(work / "big", args.memory)
                big = run_flow(work / "big", env)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    floor_rate, flow_rate = base["files"] / base["wall"], args.n / flow["wall"]
    print(f"(a) ingest throughput, {args.n} generated resumes, {args.workers} processes:")
    print(f"    floor (extract_pages + skills pipeline, fork pool): {floor_rate:6.1f} resumes/s "
          f"({base['wall']:.1f} s, {1000 * base['cpu'] / base['files']:.0f} CPU ms/resume)")
    print(f"    ingest flow (isolated workers, SQLite, Prefect):     {flow_rate:6.1f} resumes/s "
          f"({flow['wall']:.1f} s, {1000 * flow['cpu'] / args.n:.0f} CPU ms/resume; "
          f"{flow['added']} added, {flow['updated']} updated, {flow['quarantined']} quarantined)")
    print(f"    ratio flow / floor: {flow_rate / floor_rate:.2f}x")
    print(f"(b) cores used (CPU time / wall time): floor {base['cpu'] / base['wall']:.2f}, "
          f"ingest flow {flow['cpu'] / flow['wall']:.2f} (the Prefect server's own CPU not included)")
    if big:
        print(f"(d) ingest of {args.memory} resumes: {big['wall']:.0f} s ({args.memory / big['wall']:.1f} resumes/s); "
              f"peak RSS: flow process {big['self_peak_mb']:.0f} MB, largest worker {big['child_peak_mb']:.0f} MB")
    print(f"(e) Prefect overhead: an ingest flow run with nothing to do takes {overhead['flow_median']:.2f} s "
          f"(median of 5, min {overhead['flow_min']:.2f} s) against a running server; a fresh process with the "
          f"embedded server takes {overhead['embedded_process']:.1f} s for the same run")


if __name__ == "__main__":
    main()
