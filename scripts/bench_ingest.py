"""Benchmark ingest against the bare floor, in one run (prints figures; asserts nothing).

    python scripts/bench_ingest.py                 # 1,000 resumes: (a), (b), (d) and (e)
    python scripts/bench_ingest.py --rounds 3      # three floor/flow pairs and the median ratio (make bench)
    python scripts/bench_ingest.py --n 200         # a quicker, smaller run

Resumes are the generated sample PDFs copied over and over, each copy a byte different so
every file is a new document. Every side runs in a fresh interpreter of its own, so CPU time and
peak memory are counted whole. Figures:

(a) end-to-end: the real ingest, as a recruiter runs it, beside the *floor*: pdfminer.six
    ``extract_pages`` (walking every character, as the layout pass does) plus the skills spaCy
    pipeline over the same files, in a plain fork pool of the same number of processes.
    Two comparisons, each a ratio of throughputs:
    - cold (one-shot): each side is a whole fresh process timed from start to exit, everything
      counted on both sides (interpreter, imports, model loads, the work): ``hotlist ingest
      FOLDER`` (isolated parse workers, SQLite, a local Prefect server already running, the
      database already created) against a script that does only the floor's work;
    - warm (steady state, as in ``hotlist serve``): in one process each, after a small first
      batch, a batch of N new files with the workers and pipeline already loaded
      (``ingest_with_runner`` against the floor's pool).
(b) CPU time / wall time of each (2.0 = both cores busy the whole time).
(d) peak RSS of the flow's process and of the largest worker, over the in-process batches.
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


def make_corpus(folder: Path, n: int, tag: str = "") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    pdfs = sorted(SAMPLES.glob("*.pdf"))
    files = []
    for i in range(n):
        source = pdfs[i % len(pdfs)]
        target = folder / f"{i:05d}_{source.name}"
        target.write_bytes(source.read_bytes() + f"\n% bench copy {tag}{i}\n".encode())
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


def _cpu(before: os.times_result, after: os.times_result) -> float:
    return (after.user - before.user) + (after.system - before.system) + \
           (after.children_user - before.children_user) + (after.children_system - before.children_system)


def _floor_pass(files: list[str], processes: int) -> None:
    context = multiprocessing.get_context("fork")
    with context.Pool(processes) as pool:
        for _ in pool.imap_unordered(_floor_one, files, chunksize=1):
            pass


def floor_child(cold_folder: str, warm_folder: str, processes: int) -> None:
    """Run inside a fresh interpreter: the floor, cold (loading its pipeline) then warm; print JSON."""
    global _NLP
    from pdfminer.high_level import extract_pages  # noqa: F401 - imports are not timed, on either side

    from hotlist.flows.resources import skill_nlp

    figures = {}
    for name, folder in (("cold", cold_folder), ("warm", warm_folder)):
        if not folder:
            continue
        files = sorted(str(f) for f in Path(folder).iterdir())
        before, start = os.times(), time.perf_counter()
        _NLP = skill_nlp()  # cold: loads it; warm: already loaded
        _floor_pass(files, processes)
        figures[name] = {"files": len(files), "wall": time.perf_counter() - start, "cpu": _cpu(before, os.times())}
    print(json.dumps(figures))


def _tree_cpu() -> float:
    """CPU seconds of this process and of all its descendants, alive or reaped.

    The parse workers stay alive between runs (so ``os.times`` does not see them yet), and
    recycled ones were reaped by the forkserver (so they are in its children's times).
    """
    import psutil

    return sum(os.times()[:4]) + _cpu_of(psutil.Process().children(recursive=True))


def _cpu_of(processes) -> float:
    """User + system CPU seconds of ``processes`` and their reaped children (gone processes count 0)."""
    import psutil

    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


def flow_child(cold_folder: str, warm_folder: str, home: str) -> None:
    """Run inside a fresh interpreter: ingest ``cold_folder``, then ``warm_folder``; print JSON figures."""
    os.environ["HOTLIST_HOME"] = home
    from hotlist.prefect_server import configure_prefect

    configure_prefect()  # as the CLI does, before Prefect is imported
    from hotlist.flows.ingest import ingest_with_runner
    from hotlist.settings import get_settings

    get_settings().ensure_workspace()
    figures = {}
    for name, folder in (("cold", cold_folder), ("warm", warm_folder)):
        if not folder:
            continue
        before, start = _tree_cpu(), time.perf_counter()
        summary = ingest_with_runner([folder], label="bench")
        wall = time.perf_counter() - start
        # The workers are alive between runs: their CPU is read from /proc, not from wait().
        figures[name] = {"wall": wall, "cpu": _tree_cpu() - before, "added": summary.added,
                         "updated": summary.updated, "quarantined": summary.quarantined}
    # Stop the workers, then the forkserver: their peak memory reaches RUSAGE_CHILDREN once reaped.
    from multiprocessing import forkserver

    from hotlist.flows.isolation import shutdown

    shutdown()
    server = forkserver._forkserver
    if getattr(server, "_forkserver_pid", None):
        server._stop()
    figures["self_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["child_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(figures))


def _adopt_orphans() -> None:
    """Become the subreaper of this process's descendants (Linux): a command's forkserver and
    workers, orphaned when it exits, are then reaped here, so their CPU time is counted."""
    import ctypes

    PR_SET_CHILD_SUBREAPER = 36
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the Prefect server's process tree."""
    import psutil

    try:
        leader = psutil.Process(pid)
        processes = [leader, *leader.children(recursive=True)]
    except psutil.Error:
        return 0.0
    return _cpu_of(processes)


def whole(args: list[str], env: dict[str, str]) -> dict:
    """Run a command from start to exit: its wall time, and the CPU time of it and all its descendants."""
    import psutil

    before_kids = {p.pid for p in psutil.Process().children()}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    deadline = time.monotonic() + 30
    # Descendants still exiting (the forkserver) were adopted by this process: wait for them.
    while time.monotonic() < deadline:
        orphans = [p.pid for p in psutil.Process().children() if p.pid not in before_kids]
        if not orphans:
            break
        for pid in orphans:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
        time.sleep(0.05)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "stdout": out.stdout}


def hotlist_command() -> list[str]:
    script = Path(sys.executable).parent / "hotlist"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from hotlist.cli import main; main()"]


def run_command_ingest(folder: Path, env: dict[str, str]) -> dict:
    """``hotlist ingest FOLDER`` in a fresh process and a fresh workspace whose database already exists."""
    home = tempfile.mkdtemp(prefix="hotlist-bench-")
    try:
        env = dict(env, HOTLIST_HOME=home)
        subprocess.run([*hotlist_command(), "candidates", "--json"], env=env, capture_output=True, check=True)
        figures = whole([*hotlist_command(), "ingest", str(folder)], env)
        summary = figures.pop("stdout").strip().splitlines()[0]
        figures["summary"] = summary  # "Ingested: 26 added, 974 updated, ..."
        return figures
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _child(args: list[str], env: dict[str, str]) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_flow(cold: Path, env: dict[str, str], warm: Path | None = None) -> dict:
    home = tempfile.mkdtemp(prefix="hotlist-bench-")
    try:
        return _child(["--flow-child", str(cold), str(warm or ""), home], env)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def prefect_overhead(env: dict[str, str], empty: Path) -> dict:
    runs = [run_flow(empty, env)["cold"]["wall"] for _ in range(5)]
    embedded_env = {k: v for k, v in env.items() if k != "PREFECT_API_URL"}
    embedded_env["HOTLIST_PREFECT_SERVER"] = "embedded"  # Prefect's temporary server, not a lasting one left behind
    home = tempfile.mkdtemp(prefix="hotlist-bench-")
    try:
        start = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--flow-child", str(empty), "", home], env=embedded_env,
                       capture_output=True, text=True, check=True)
        embedded = time.perf_counter() - start
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return {"flow_median": statistics.median(runs), "flow_min": min(runs), "embedded_process": embedded}


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--flow-child":
        flow_child(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    if len(sys.argv) == 5 and sys.argv[1] == "--floor-child":
        floor_child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="resumes per batch (default 1000)")
    parser.add_argument("--workers", type=int, default=2, help="parse processes for both the flow and the floor")
    parser.add_argument("--rounds", type=int, default=1,
                        help="floor/flow pairs to run (alternating which goes first); the median ratio is printed")
    args = parser.parse_args()

    from hotlist.prefect_server import LocalPrefectServer

    print(f"Machine: {machine()}")
    _adopt_orphans()
    work = Path(tempfile.mkdtemp(prefix="hotlist-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOTLIST_", "PREFECT_"))}
    env.update(HOTLIST_PARSE_WORKERS=str(args.workers))
    rounds = []
    try:
        cold, first, warm = work / "cold", work / "first", work / "warm"
        make_corpus(cold, args.n, "cold-")
        make_corpus(first, min(50, args.n), "first-")
        make_corpus(warm, args.n, "warm-")
        (work / "empty").mkdir()
        with LocalPrefectServer(work / "prefect") as server:
            env["PREFECT_API_URL"] = server.api_url
            run_flow(work / "empty", env)  # warm the server, the file cache and the taxonomy cache
            for number in range(args.rounds):
                # Alternate the order so a drift in the machine's load does not favour one side.
                floor_first = number % 2 == 0
                pair = {}
                for side in ("floor", "flow") if floor_first else ("flow", "floor"):
                    if side == "floor":
                        pair["floor_cold"] = whole([sys.executable, __file__, "--floor-child", str(cold), "",
                                                    str(args.workers)], env)
                    else:
                        before = server_cpu(server.process.pid)
                        pair["flow_cold"] = run_command_ingest(cold, env)
                        pair["flow_cold"]["server_cpu"] = server_cpu(server.process.pid) - before
                for side in ("floor", "flow") if floor_first else ("flow", "floor"):
                    if side == "floor":
                        pair["floor_warm"] = _child(["--floor-child", str(first), str(warm), str(args.workers)], env)
                    else:
                        before = server_cpu(server.process.pid)
                        pair["flow_warm"] = run_flow(first, env, warm)
                        # The server's CPU over the whole child (the first batch too): an upper bound for the warm batch.
                        pair["flow_warm"]["warm"]["server_cpu"] = server_cpu(server.process.pid) - before
                rounds.append(pair)
            overhead = prefect_overhead(env, work / "empty")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"(a) ingest throughput, {args.n} generated resumes, {args.workers} processes:")
    ratios: dict[str, list[float]] = {"cold": [], "warm": []}
    for number, pair in enumerate(rounds, start=1):
        if args.rounds > 1:
            print(f" round {number}:")
        cold_flow, cold_floor = pair["flow_cold"], pair["floor_cold"]
        warm_flow, warm_floor = pair["flow_warm"]["warm"], pair["floor_warm"]["warm"]
        for name, what, f, b, extra in (
            ("cold", "whole fresh processes, start to exit: `hotlist ingest` vs a floor script", cold_flow, cold_floor,
             cold_flow["summary"]),
            ("warm", "in process, a second batch with workers and pipeline loaded", warm_flow, warm_floor,
             f"{warm_flow['added']} added, {warm_flow['updated']} updated, {warm_flow['quarantined']} quarantined"),
        ):
            floor_rate, flow_rate = args.n / b["wall"], args.n / f["wall"]
            ratios[name].append(flow_rate / floor_rate)
            print(f"  {name} ({what}):")
            print(f"    floor (extract_pages + skills pipeline, fork pool): {floor_rate:6.1f} resumes/s "
                  f"({b['wall']:.1f} s, {1000 * b['cpu'] / args.n:.0f} CPU ms/resume, cores busy {b['cpu'] / b['wall']:.2f})")
            print(f"    ingest (isolated workers, SQLite, Prefect):         {flow_rate:6.1f} resumes/s "
                  f"({f['wall']:.1f} s, {1000 * f['cpu'] / args.n:.0f} CPU ms/resume, cores busy {f['cpu'] / f['wall']:.2f}; "
                  f"{extra})")
            print(f"    Prefect server's own CPU meanwhile: {1000 * f['server_cpu'] / args.n:.1f} CPU ms/resume; "
                  f"ingest CPU with it {1000 * (f['cpu'] + f['server_cpu']) / args.n:.0f} ms/resume, "
                  f"CPU ratio floor / (ingest + server) {b['cpu'] / (f['cpu'] + f['server_cpu']):.2f}x")
            print(f"    ratio ingest / floor: {flow_rate / floor_rate:.2f}x")
    if args.rounds > 1:
        every = ratios["cold"] + ratios["warm"]
        print(f"  median ratio over {args.rounds} rounds: cold {statistics.median(ratios['cold']):.2f}x, "
              f"warm {statistics.median(ratios['warm']):.2f}x, all {statistics.median(every):.2f}x "
              f"(range {min(every):.2f}-{max(every):.2f}x)")
    flow = rounds[-1]["flow_warm"]
    print("(b) cores busy = CPU time / wall time, above (2.0 = both cores the whole time; the Prefect server's "
          "own CPU is shown apart, on the line below each ingest)")
    print(f"(d) peak RSS over the in-process batches ({min(50, args.n)} + {args.n} resumes): flow process "
          f"{flow['self_peak_mb']:.0f} MB, largest worker {flow['child_peak_mb']:.0f} MB")
    print(f"(e) Prefect overhead: an ingest flow run with nothing to do takes {overhead['flow_median']:.2f} s "
          f"(median of 5, min {overhead['flow_min']:.2f} s) against a running server; a fresh process with the "
          f"embedded server takes {overhead['embedded_process']:.1f} s for the same run")


if __name__ == "__main__":
    main()
