"""Hostile inputs as whole `hotlist` processes: how each ends, how long it takes, its peak memory, what it leaves.

Usage: python scripts/bench_hostile.py [--timeout 300] [--only NAME]

Each case of issue 18 and of the hostile corpus (``tests/hostile_corpus.py``) runs as one ``python -m hotlist.cli``
process, in its own session, in one fresh workspace with the default limits (the workspace's lasting Prefect
server is started first and not counted: it is shared by every command, as in real use). While a case runs, the
RSS of every process of its tree (the command, its parse workers) is summed every 50 ms; the peak is printed
(forked workers share pages with their parent, so the sum overstates what the tree really holds).
Any process of a case's session still alive 10 s after the command exited is named (and killed); at the end the server is stopped and
no process naming the workspace may remain. Prints a table; asserts nothing (a case over ``--timeout`` is shown).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HOTLIST = [sys.executable, "-m", "hotlist.cli"]
_LOG_LINE = re.compile(r"^\d\d:\d\d:\d\d\.\d+ \| ")

from tests.hostile_corpus import (  # noqa: E402 - the generators live beside the tests that use them
    TEXT_RESUME,
    bad_outcome_rows_csv,
    bomb_pdf,
    build_corpus,
    deep_yaml,
    docx_bomb,
    loose_pages_pdf,
    many_must_haves_yaml,
    outcome_rows_csv,
)


@dataclass
class Result:
    case: str
    code: int | None  # None: stopped at the timeout
    line: str
    seconds: float
    peak_mb: float
    output_bytes: int
    left: list[str]


def _session(sid: int) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter():
        try:
            if os.getsid(process.pid) == sid:
                found.append(process)
        except (ProcessLookupError, PermissionError, psutil.Error):
            continue
    return found


def _tree_rss(root: psutil.Process) -> int:
    total = 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            continue
    return total


LINGER_SECONDS = 10.0  # how long workers may take to notice their command is gone before they count as left behind


def _left_behind(sid: int, grace: float) -> list[str]:
    """Processes of session ``sid`` still alive ``grace`` seconds after its leader exited (then killed)."""
    deadline = time.monotonic() + grace
    while (remaining := _session(sid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = []
    for leftover in remaining:
        try:
            left.append(f"{leftover.pid} {' '.join(leftover.cmdline())[:60]}")
            leftover.kill()
        except psutil.Error:
            continue
    return left


def run_case(case: str, args: list[str], env: dict[str, str], timeout: float) -> Result:
    """One whole process: exit code, first error line, wall time, peak RSS of its tree, processes left after."""
    out_path = Path(env["HOTLIST_HOME"]) / f".bench-{os.getpid()}.out"
    started = time.monotonic()
    with open(out_path, "wb") as out:
        process = subprocess.Popen(HOTLIST + args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        root, peak, code = psutil.Process(process.pid), 0, None
        while True:
            code = process.poll()
            if code is not None:
                break
            if time.monotonic() - started > timeout:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                code = None
                break
            peak = max(peak, _tree_rss(root))
            time.sleep(0.05)
    seconds = time.monotonic() - started
    left = _left_behind(process.pid, grace=LINGER_SECONDS)
    output = out_path.read_bytes()
    out_path.unlink()
    text = output.decode("utf-8", errors="replace")
    lines = [line for line in text.splitlines() if not _LOG_LINE.match(line)]  # Prefect's warnings repeat reasons
    picked = [line for line in lines if line.startswith("Error:")] or [line for line in lines if "Ingested:" in line]
    line = (picked or lines or [""])[0]
    if code is None:
        line = f"stopped after {timeout:.0f} s"
    return Result(case, code, line, seconds, peak / 1e6, len(output), left)


def build_inputs(work: Path) -> list[tuple[str, list[str]]]:
    """Every case: (name, hotlist arguments), with its input files written under ``work``."""
    work.mkdir(parents=True, exist_ok=True)
    good = work / "good.txt"
    good.write_text(TEXT_RESUME.format(name="Nadia Petrova", user="nadia.petrova"), encoding="utf-8")
    fifo = work / "named_pipe.pdf"
    os.mkfifo(fifo)
    pipe_inbox = work / "pipe_inbox"
    pipe_inbox.mkdir()
    os.mkfifo(pipe_inbox / "pipe.pdf")
    (pipe_inbox / "good.txt").write_text(TEXT_RESUME.format(name="Lena Brandt", user="lena.b"), encoding="utf-8")
    utf16 = work / "unicode_resume.txt"
    utf16.write_bytes(TEXT_RESUME.format(name="Nadia Petrova", user="nadia.u16").encode("utf-16"))
    escapes = work / "escapes_resume.txt"
    escapes.write_bytes(TEXT_RESUME.format(name="Omar \x1b[31mHaddad\x1b[0m\x1b]0;owned\x07", user="omar.h").encode())
    cyrillic = work / "cyrillic"
    cyrillic.mkdir()
    (cyrillic / ("и" * 120 + ".txt")).write_bytes(b"\x00\x01binary" + os.urandom(64))
    loose = work / "loose_pages.pdf"
    loose.write_bytes(loose_pages_pdf(5000))
    bomb = work / "bomb.pdf"
    bomb.write_bytes(bomb_pdf(1.0))
    zip_bomb = work / "bomb.docx"
    zip_bomb.write_bytes(docx_bomb(0.5))
    deep = work / "deep.yaml"
    deep.write_text(deep_yaml(20_000))
    big_job = work / "big_job.yaml"
    big_job.write_text(many_must_haves_yaml(30_000))
    ids = work / "impossible_ids.csv"
    ids.write_text(outcome_rows_csv(["inf", "1e20", str(2**63)]))
    rows = work / "bad_rows.csv"
    rows.write_text(bad_outcome_rows_csv(200_000))
    corpus = work / "corpus"
    count = len(build_corpus(corpus, work / "outside", max_file_mb=20.0))
    return [
        ("FIFO on the command line: parse", ["parse", str(fifo), str(good)]),
        ("FIFO on the command line: ingest", ["ingest", str(fifo), str(good)]),
        ("FIFO in an inbox folder: ingest", ["ingest", str(pipe_inbox)]),
        ("UTF-16 text resume: parse --json", ["parse", "--json", str(utf16)]),
        ("escape sequences in a resume: parse", ["parse", str(escapes)]),
        ("240-byte Cyrillic file name: ingest", ["ingest", str(cyrillic)]),
        ("5,000 pages outside the page tree: parse", ["parse", str(loose)]),
        ("PDF decompression bomb (1 GB): parse", ["parse", str(bomb)]),
        ("DOCX zip bomb (0.5 GB): parse", ["parse", str(zip_bomb)]),
        ("PDF bomb as a posting: jobs add --from-text", ["jobs", "add", "--from-text", str(bomb)]),
        ("20,000 nested brackets: jobs import", ["jobs", "import", str(deep)]),
        ("30,000 must-haves: jobs import", ["jobs", "import", str(big_job)]),
        ("outcome ids inf, 1e20, 2^63: outcomes import", ["outcomes", "import", str(ids)]),
        ("200,000 bad outcome rows: outcomes import", ["outcomes", "import", str(rows)]),
        (f"hostile corpus ({count} files + pipe + link): ingest", ["ingest", str(corpus)]),
    ]


def paused_copy(home: Path) -> list[str]:
    """Half a resume in the workspace inbox, as a copy paused just now: the nightly must leave it waiting.

    (A copy paused for longer than HOTLIST_ARRIVAL_GRACE_SECONDS, 30 s, is quarantined as a broken file.)
    """
    inbox = home / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    whole = (ROOT / "sample_resumes" / "02_daniel_reyes.pdf").read_bytes()  # not the corpus's truncated.pdf
    (inbox / "daniel_copying.pdf").write_bytes(whole[: len(whole) // 2])
    return ["nightly", "--jobs", str(ROOT / "sample_jobs"), "--top", "1"]


def _ours(home: Path) -> list[str]:
    """Processes whose command line names the workspace (the server, a stray worker)."""
    found = []
    for process in psutil.process_iter(["pid", "cmdline"]):
        cmdline = " ".join(process.info["cmdline"] or [])
        if str(home) in cmdline and process.pid != os.getpid():
            found.append(f"{process.pid} {cmdline[:80]}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a case is stopped")
    parser.add_argument("--only", help="run only cases whose name contains this")
    options = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="hotlist-bench-hostile-"))
    home = root / "ws"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "HOTLIST_"))}
    env.update(HOTLIST_HOME=str(home), PYTHONUNBUFFERED="1")
    try:
        cases = build_inputs(root / "inputs")
        cases.append(("paused copy in the inbox: nightly", lambda: paused_copy(home)))  # written just before
        if options.only:
            cases = [c for c in cases if options.only in c[0]]
        subprocess.run(HOTLIST + ["server", "start"], cwd=ROOT, env=env, check=True, capture_output=True)
        print(f"hotlist hostile inputs: {len(cases)} cases, one process each, default limits; "
              f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}", flush=True)
        results = []
        for name, args in cases:
            results.append(run_case(name, args() if callable(args) else args, env, options.timeout))
            r = results[-1]
            print(f"  {name}: exit {r.code}, {r.seconds:.1f} s, {r.peak_mb:.0f} MB", file=sys.stderr, flush=True)
        subprocess.run(HOTLIST + ["server", "stop"], cwd=ROOT, env=env, capture_output=True)
        time.sleep(1)
        remaining = _ours(home)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    print()
    print("| case | exit | first line (error, or the output's) | wall s | peak MB (process tree) | output bytes | left running |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        line = r.line.replace(f"{root}/", "").replace("|", "\\|")  # paths relative to the bench's folder
        line = line if len(line) <= 110 else line[:107] + "..."
        print(f"| {r.case} | {'timeout' if r.code is None else r.code} | {line} | {r.seconds:.1f} | {r.peak_mb:.0f} "
              f"| {r.output_bytes:,} | {', '.join(r.left) or 'none'} |")
    total = sum(r.seconds for r in results)
    print(f"\n{len(results)} cases in {total:.0f} s; highest peak {max(r.peak_mb for r in results):.0f} MB; "
          f"after stopping the server, processes naming the workspace: {', '.join(remaining) or 'none'}")


if __name__ == "__main__":
    main()
