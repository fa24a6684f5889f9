"""Benchmark: time from a resume landing in the inbox to its candidate being queryable.

Runs the real watcher (as `hotlist serve` does) against a local Prefect server and a
fresh SQLite workspace, drops sample resumes one at a time, and prints the latency
of each plus the median and p90.  Prints figures; asserts nothing.

    .venv/bin/python scripts/bench_watch.py [--files 10] [--gap 2.0]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--gap", type=float, default=2.0, help="seconds between arrivals")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="hotlist-bench-watch-"))
    os.environ["HOTLIST_HOME"] = str(home)
    os.environ.pop("HOTLIST_DATABASE_URL", None)
    from hotlist.prefect_server import LocalPrefectServer
    from hotlist.settings import get_settings

    settings = get_settings()
    settings.ensure_workspace()
    server = LocalPrefectServer(settings.prefect_home)
    os.environ["PREFECT_API_URL"] = server.start()
    from hotlist.prefect_server import configure_prefect

    configure_prefect(settings)
    try:
        from sqlalchemy import select

        from hotlist.serve import make_watcher
        from hotlist.flows.resources import skill_nlp
        from hotlist.models.db import open_engine, session_scope
        from hotlist.models.orm import Document
        from hotlist.pipeline.read.documents import sha256_of

        open_engine(settings.db_url)
        skill_nlp()  # the service builds it once at start; not part of a file's latency
        watcher = make_watcher(settings)
        stop = threading.Event()
        thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
        thread.start()
        time.sleep(2.0)
        samples = sorted((ROOT / "sample_resumes").glob("*.pdf"))[: args.files]
        latencies = []
        for sample in samples:
            sha = sha256_of(sample)
            target = settings.inbox_dir / sample.name
            shutil.copy(sample, target)
            landed = time.monotonic()
            while True:
                with session_scope(settings.db_url) as session:
                    if session.scalar(select(Document.id).where(Document.sha256 == sha)):
                        break
                if time.monotonic() - landed > 60:
                    sys.exit(f"{sample.name}: not stored within 60 s")
                time.sleep(0.05)
            latencies.append(time.monotonic() - landed)
            print(f"{sample.name:32s} {latencies[-1]:6.2f} s")
            time.sleep(args.gap)
        stop.set()
        thread.join(timeout=30)
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)
    ordered = sorted(latencies)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    print(f"\nlanding -> queryable over {len(latencies)} files (settle {settings.settle_seconds:g} s): "
          f"median {statistics.median(latencies):.2f} s, p90 {p90:.2f} s, max {ordered[-1]:.2f} s")


if __name__ == "__main__":
    main()
