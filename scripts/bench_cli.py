"""Latency of everyday `hotlist` commands as whole processes, beside two floors measured in the same run.

Usage: python scripts/bench_cli.py [--runs 5]

In a fresh workspace with the samples ingested, the jobs imported, matched and exported (`hotlist nightly`),
each command runs ``--runs`` times as a fresh process, start to exit, and the median wall time is printed beside:

- floor "SQLAlchemy": ``python -c`` that imports SQLAlchemy, opens the same database and runs one query;
- floor "+ Prefect": the same, importing Prefect as well.

Everything runs twice: with the workspace's background Prefect server already running, and with none running
(stopped before every run, so a command that needs one pays for starting it). A cold `ingest` of one new resume
is timed both ways, and each way twice: as it runs by default (on the server's warm parse service when it answers)
and with ``HOTLIST_PARSE_SERVICE=false`` (the command's own parse workers, as before the service). The server's own
CPU during each command (its whole process tree, the parse service included) is shown beside.
Prints figures; asserts nothing. Runs interleave (floors, then each command, per round) so load drift is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOTLIST = [sys.executable, "-m", "hotlist.cli"]

FLOOR_SQL = """
import sqlalchemy
engine = sqlalchemy.create_engine({url!r})
with engine.connect() as connection:
    connection.execute(sqlalchemy.text("select count(*) from candidates")).scalar()
"""
FLOOR_PREFECT = "import prefect\n" + FLOOR_SQL


def _server_cpu(home: Path) -> float:
    """CPU seconds used so far by the workspace's server process tree (0 when none runs)."""
    import psutil

    try:
        pid = json.loads((home / "prefect" / "server.json").read_text())["pid"]
        leader = psutil.Process(pid)
        total = 0.0
        for process in [leader, *leader.children(recursive=True)]:
            times = process.cpu_times()
            total += times.user + times.system + times.children_user + times.children_system
        return total
    except (OSError, ValueError, KeyError, psutil.Error):
        return 0.0


def timed(args: list[str], env: dict[str, str], home: Path) -> tuple[float, float]:
    """(wall seconds, server CPU seconds) of one whole process."""
    cpu = _server_cpu(home)
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return wall, max(0.0, _server_cpu(home) - cpu)


def _stop_server(env: dict[str, str]) -> None:
    subprocess.run(HOTLIST + ["server", "stop"], cwd=ROOT, env=env, capture_output=True, check=True)


def _start_server(env: dict[str, str]) -> None:
    subprocess.run(HOTLIST + ["server", "start"], cwd=ROOT, env=env, capture_output=True, check=True)


def _new_resume(source: Path, folder: Path, number: int) -> Path:
    """A copy of ``source`` one comment different (a new file to ingest; the same person, so an update)."""
    target = folder / f"new-{number}{source.suffix}"
    target.write_bytes(source.read_bytes() + f"\n% bench {number} {time.time_ns()}\n".encode())
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command per server state (median)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_ingest import machine

    import yaml

    work = Path(tempfile.mkdtemp(prefix="hotlist-bench-cli-"))
    home = work / "ws"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOTLIST_", "PREFECT_"))}
    env.update(HOTLIST_HOME=str(home), HOTLIST_PREFECT_SERVER="lasting")
    url = f"sqlite:///{home / 'hotlist.db'}"
    job = yaml.safe_load(sorted((ROOT / "sample_jobs").glob("*.yaml"))[0].read_text())["id"]
    sample = sorted((ROOT / "sample_resumes").glob("*.pdf"))[0]
    drops = work / "drops"
    drops.mkdir()
    print(f"Machine: {machine()}")
    try:
        setup = time.perf_counter()
        subprocess.run(HOTLIST + ["nightly", "--inbox", str(ROOT / "sample_resumes"), "--jobs", str(ROOT / "sample_jobs"),
                                  "--top", "1"], cwd=ROOT, env=env, capture_output=True, check=True)
        print(f"setup: `hotlist nightly` over the samples on a cold workspace (starts the server): "
              f"{time.perf_counter() - setup:.1f} s")
        candidate = json.loads(subprocess.run(HOTLIST + ["candidates", "--json"], cwd=ROOT, env=env, capture_output=True,
                                              text=True, check=True).stdout.splitlines()[0])["id"]
        floors = {"SQLAlchemy": [sys.executable, "-c", FLOOR_SQL.format(url=url)],
                  "+ Prefect": [sys.executable, "-c", FLOOR_PREFECT.format(url=url)]}
        commands = [
            ("jobs list", ["jobs", "list"], "SQLAlchemy", 3),
            (f"shortlist {job}", ["shortlist", job], "SQLAlchemy", 3),
            ("status", ["status"], "SQLAlchemy", 3),
            ("candidates", ["candidates"], "SQLAlchemy", None),
            ("match (nothing new)", ["match"], "+ Prefect", 2),
            (f"export --job {job} (unchanged)", ["export", "--job", job], "+ Prefect", 2),
        ]
        # After these, something has changed: they run last.
        changing = [
            ("outcome (records a call)", ["outcome", str(candidate), job, "no-answer"], "SQLAlchemy", None),
            ("ingest one new resume", None, "+ Prefect", 3),
            ("ingest one new resume, own workers (HOTLIST_PARSE_SERVICE=false)", None, "+ Prefect", 3),
        ]
        walls: dict[tuple[str, str], list[float]] = {}
        server_cpu: dict[tuple[str, str], list[float]] = {}

        def record(name: str, state: str, result: tuple[float, float]) -> None:
            walls.setdefault((name, state), []).append(result[0])
            server_cpu.setdefault((name, state), []).append(result[1])

        number = 0
        for group in (commands, changing):
            for state in ("running", "none"):
                for _ in range(args.runs):
                    for name, floor in floors.items():
                        record(name, state, timed(floor, env, home))
                    for name, argv, _, _ in group:
                        if state == "running":
                            _start_server(env)
                        else:
                            _stop_server(env)
                        run_env = env
                        if argv is None:
                            number += 1
                            argv = ["ingest", str(_new_resume(sample, drops, number))]
                            if "own workers" in name:
                                run_env = {**env, "HOTLIST_PARSE_SERVICE": "false"}
                        record(name, state, timed(HOTLIST + argv, run_env, home))
        _stop_server(env)
    finally:
        subprocess.run(HOTLIST + ["server", "stop"], cwd=ROOT, env=env, capture_output=True)
        shutil.rmtree(work, ignore_errors=True)

    med = {key: statistics.median(values) for key, values in walls.items()}
    print(f"\nMedians of {args.runs} whole processes (floors: every round), wall seconds; "
          "ratio = command / its floor in the same server state; server CPU = the Prefect server tree's CPU "
          "during the command (median).")
    print("| command | floor | server running: wall | ratio | server CPU | no server: wall | ratio | target |")
    print("|---|---|---|---|---|---|---|---|")
    for name in floors:
        print(f"| floor: python + {'SQLAlchemy' if name == 'SQLAlchemy' else 'SQLAlchemy + Prefect'} + a query | "
              f"| {med[(name, 'running')]:.2f} | | | {med[(name, 'none')]:.2f} | | |")
    for name, _, floor, target in commands + changing:
        cells = []
        for state in ("running", "none"):
            wall = med[(name, state)]
            cells += [f"{wall:.2f}", f"{wall / med[(floor, state)]:.1f}x"]
            if state == "running":
                cells.append(f"{statistics.median(server_cpu[(name, state)]):.2f}")
        print(f"| `hotlist {name}` | {floor} | " + " | ".join(cells) + f" | {f'≤ {target}x' if target else ''} |")


if __name__ == "__main__":
    main()
