"""The service as separate processes: concurrency without lock errors, SIGKILL and restart, clean stop.

These start real `hotlist` processes against one local Prefect server and a shared
database (SQLite file, then PostgreSQL).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import ROOT, SAMPLE_JOBS, SAMPLES

pytestmark = pytest.mark.flow
HOTLIST = [sys.executable, "-m", "hotlist.cli"]
BAD_OUTPUT = ("database is locked", "Traceback", "IntegrityError", "telemetry")


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory):
    from hotlist.prefect_server import LocalPrefectServer

    with LocalPrefectServer(tmp_path_factory.mktemp("prefect")) as server:
        yield server.api_url


def _env(home: Path, db_url: str, api_url: str | None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "HOTLIST_"))}
    env.update(HOTLIST_HOME=str(home), HOTLIST_DATABASE_URL=db_url, HOTLIST_SETTLE_SECONDS="0.3",
               PYTHONUNBUFFERED="1", **extra)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def _spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(HOTLIST + args, cwd=ROOT, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)


def _counts(db_url: str) -> tuple[int, int, int]:
    from hotlist.models.db import session_scope
    from hotlist.models.orm import Candidate, Document

    with session_scope(db_url) as session:
        return (
            session.scalar(select(func.count()).select_from(Candidate)),
            session.scalar(select(func.count()).select_from(Document)),
            session.scalar(select(func.count(func.distinct(Document.sha256)))),
        )


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _clean_output(log: Path) -> str:
    text = log.read_text(errors="replace")
    for bad in BAD_OUTPUT:
        assert bad not in text, f"{bad!r} in {log.name}:\n{text[-3000:]}"
    return text


def test_watcher_nightly_and_cli_ingest_run_concurrently(prefect_api, db_url, tmp_path):
    from hotlist.models.db import open_engine

    home = tmp_path / "ws"
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    open_engine(db_url)  # migrate once up front, as the first command on a machine would
    env = _env(home, db_url, prefect_api, HOTLIST_JOBS_DIR=str(SAMPLE_JOBS), HOTLIST_BATCH_SIZE="4")
    pdfs = sorted(SAMPLES.glob("*.pdf"))
    elsewhere = tmp_path / "downloads"
    elsewhere.mkdir()
    for pdf in pdfs[:12]:  # the recruiter ingests these by hand...
        shutil.copy(pdf, elsewhere / pdf.name)
    watcher = _spawn(["watch"], env, tmp_path / "watch.log")
    try:
        _wait(lambda: "Watching" in (tmp_path / "watch.log").read_text(errors="replace"), 60, "the watcher")
        for pdf in pdfs[6:20]:  # ...while these land in the inbox (6 of them the same files)
            shutil.copy(pdf, inbox / pdf.name)
        nightly = _spawn(["nightly", "--top", "1"], env, tmp_path / "nightly.log")
        manual = _spawn(["ingest", str(elsewhere)], env, tmp_path / "ingest.log")
        assert nightly.wait(timeout=300) == 0, (tmp_path / "nightly.log").read_text()
        assert manual.wait(timeout=300) == 0, (tmp_path / "ingest.log").read_text()
        _wait(lambda: _counts(db_url)[1] >= 20, 120, "all 20 distinct files")
        time.sleep(2)
    finally:
        watcher.send_signal(signal.SIGTERM)
        assert watcher.wait(timeout=60) == 0
    for log in ("watch.log", "nightly.log", "ingest.log"):
        _clean_output(tmp_path / log)
    assert _counts(db_url) == (20, 20, 20)


def test_serve_survives_sigkill_mid_batch_and_catches_up(db_url, tmp_path):
    from hotlist.prefect_server import _alive

    home = tmp_path / "ws"
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        shutil.copy(pdf, inbox / pdf.name)
    total = len(list(inbox.glob("*.pdf")))
    env = _env(home, db_url, None, HOTLIST_BATCH_SIZE="2", HOTLIST_NIGHTLY_CRON="0 2 * * *")
    first = _spawn(["serve"], env, tmp_path / "serve1.log")
    try:
        _wait(lambda: _counts_or_zero(db_url) >= 1, 180, "the first documents")
        server_pid = json.loads((home / "prefect" / "server.json").read_text())["pid"]
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    stored = _counts(db_url)[1]
    assert 1 <= stored < total, f"the kill should land mid-batch ({stored} of {total} stored)"
    _wait(lambda: not _alive(server_pid), 30, "the orphaned Prefect server to stop")

    second = _spawn(["serve"], env, tmp_path / "serve2.log")
    try:
        _wait(lambda: _counts_or_zero(db_url) >= total, 240, "the restart to catch up")
        time.sleep(2)
    finally:
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=60) == 0
    text = _clean_output(tmp_path / "serve2.log")
    assert "Stopped." in text
    assert _counts(db_url) == (total, total, total)
    assert not (home / "prefect" / "server.json").exists(), "a clean stop removes the server record"


def _counts_or_zero(db_url: str) -> int:
    try:
        return _counts(db_url)[1]
    except Exception:  # noqa: BLE001 - the schema may not exist yet
        return 0
