"""The inbox watcher, for real: files land (one copied slowly), each is stored exactly once."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import SAMPLES

pytestmark = pytest.mark.flow


def _count(db_url: str, model) -> int:
    from hotlist.models.db import session_scope

    with session_scope(db_url) as session:
        return session.scalar(select(func.count()).select_from(model))


def _wait_for(predicate, timeout: float = 90.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _slow_copy(source: Path, target: Path, chunks: int = 6, pause: float = 0.4) -> None:
    """Write ``target`` in chunks with pauses, as a slow network copy does."""
    data = source.read_bytes()
    step = len(data) // chunks + 1
    with open(target, "wb") as handle:
        for i in range(0, len(data), step):
            handle.write(data[i : i + step])
            handle.flush()
            time.sleep(pause)


@contextmanager
def _running_watcher(settle: float):
    """The service's watcher over the test workspace's inbox, in a thread, stopped on exit."""
    from hotlist.serve import make_watcher
    from hotlist.settings import get_settings

    settings = get_settings()
    watcher = make_watcher(settings)
    watcher.tracker.settle = settle
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    try:
        yield settings
    finally:
        stop.set()
        thread.join(timeout=30)


def test_watcher_stores_each_arrival_exactly_once(prefect_harness, workspace, db_url):
    from hotlist.models.orm import Candidate, Document

    with _running_watcher(settle=0.5) as settings:
        pdfs = sorted(SAMPLES.glob("*.pdf"))[:4]
        for pdf in pdfs[:3]:
            shutil.copy(pdf, settings.inbox_dir / pdf.name)
        _slow_copy(pdfs[3], settings.inbox_dir / pdfs[3].name)  # ~2.4 s of growing file
        # The same content under a new name, and a file in a subfolder.
        (settings.inbox_dir / "again").mkdir()
        shutil.copy(pdfs[0], settings.inbox_dir / "again" / "renamed.pdf")
        assert _wait_for(lambda: _count(settings.db_url, Document) >= 4), "arrivals not stored in time"
        time.sleep(2.0)  # anything stored twice would show up by now
    assert _count(settings.db_url, Candidate) == 4
    assert _count(settings.db_url, Document) == 4  # the renamed copy is a duplicate, not a new document
    from hotlist.models.db import session_scope

    with session_scope(settings.db_url) as session:
        statuses = set(session.scalars(select(Document.status)))
    assert statuses == {"ok"}, "the slowly written file must never be parsed half-written"


def test_watcher_moves_unreadable_arrivals_to_quarantine(prefect_harness, workspace, db_url):
    with _running_watcher(settle=0.3) as settings:
        (settings.inbox_dir / "broken.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00junk" * 50)
        reasons = settings.quarantine_path
        assert _wait_for(lambda: any(reasons.glob("*broken.pdf.reason.txt")), timeout=120)  # 30 s arrival grace, then a parse on a loaded machine
    assert not (settings.inbox_dir / "broken.pdf").exists(), "inbox failures are moved, not copied"
    moved = list(reasons.glob("*-broken.pdf"))
    assert len(moved) == 1
    reason = next(reasons.glob("*broken.pdf.reason.txt")).read_text()
    assert "corrupt" in reason and "fresh copy" in reason


def test_a_copy_paused_longer_than_the_settle_time_is_not_lost(prefect_harness, workspace, db_url):
    """Half a resume sits still past the settle time (the copy paused): it waits in the inbox, is read whole later."""
    from hotlist.models.orm import Document

    data = (SAMPLES / "01_maya_okafor.pdf").read_bytes()
    with _running_watcher(settle=0.3) as settings:
        target = settings.inbox_dir / "paused.pdf"
        with open(target, "wb") as handle:
            handle.write(data[: len(data) // 2])
            handle.flush()
            time.sleep(3.0)  # ten times the settle time: the watcher hands the half file to ingest meanwhile
            handle.write(data[len(data) // 2 :])
        assert _wait_for(lambda: _count(settings.db_url, Document) >= 1, timeout=60), "the finished copy was not stored"
        from hotlist.models.db import session_scope

        with session_scope(settings.db_url) as session:
            statuses = list(session.scalars(select(Document.status)))
        assert statuses == ["ok"]
        assert target.exists() and not list(settings.quarantine_path.glob("*paused*"))
