"""SIGKILL in the middle of an ingest leaves no half-stored candidate, and a rerun completes the batch.

A real ``python -m hotlist.cli ingest FOLDER`` runs as a subprocess (small batches, one
transaction per document) against SQLite and then PostgreSQL; it is killed with SIGKILL
once some documents are stored, at two different points.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import ROOT, SAMPLES
from tests.test_service import _env, prefect_api  # noqa: F401 - the session Prefect server fixture

pytestmark = pytest.mark.flow


def _folder(tmp_path: Path, copies: int = 2) -> list[Path]:
    """The sample PDFs, ``copies`` times over, each copy a byte different (so every file is a new document)."""
    folder = tmp_path / "drop"
    folder.mkdir()
    files = []
    for n in range(copies):
        for pdf in sorted(SAMPLES.glob("*.pdf")):
            target = folder / f"{n}_{pdf.name}"
            target.write_bytes(pdf.read_bytes() + f"\n% copy {n}\n".encode())
            files.append(target)
    return files


def _state(db_url: str) -> dict:
    from hotlist.models.db import session_scope
    from hotlist.models.orm import Candidate, CandidateSkill, Document

    with session_scope(db_url) as session:
        documents = session.execute(select(Document.sha256, Document.status, Document.candidate_id)).all()
        candidates = set(session.scalars(select(Candidate.id)))
        with_skills = set(session.scalars(select(CandidateSkill.candidate_id).distinct()))
        with_documents = {cid for _, _, cid in documents if cid is not None}
    return {"documents": documents, "candidates": candidates, "with_skills": with_skills,
            "with_documents": with_documents}


def _assert_consistent(state: dict) -> None:
    """Every stored resume has its candidate with skills; every candidate has a document."""
    for sha, status, cid in state["documents"]:
        if status in {"ok", "needs_review"}:
            assert cid in state["candidates"], f"document {sha[:12]} ({status}) has no candidate"
            assert cid in state["with_skills"], f"candidate {cid} was stored without its skills"
    assert state["candidates"] <= state["with_documents"], "a candidate without a document"


def _document_count(db_url: str) -> int:
    from hotlist.models.db import session_scope
    from hotlist.models.orm import Document

    try:
        with session_scope(db_url) as session:
            return session.scalar(select(func.count()).select_from(Document))
    except Exception:  # noqa: BLE001 - the schema may not exist yet
        return 0


@pytest.mark.parametrize("kill_after", [1, 9])
def test_sigkill_mid_ingest_leaves_no_half_stored_candidate(db_url, prefect_api, tmp_path, kill_after):  # noqa: F811
    from hotlist.models.db import dispose_all, open_engine

    files = _folder(tmp_path)
    open_engine(db_url)
    env = _env(tmp_path / "ws", db_url, prefect_api, HOTLIST_BATCH_SIZE="2")
    command = [sys.executable, "-m", "hotlist.cli", "ingest", str(tmp_path / "drop")]
    log = tmp_path / "first.log"
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while _document_count(db_url) < kill_after:
            assert process.poll() is None, f"ingest ended before the kill:\n{log.read_text()[-2000:]}"
            assert time.monotonic() < deadline, "no document stored in time"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the parse workers and their forkserver too
        except ProcessLookupError:
            pass
    dispose_all()
    state = _state(db_url)
    stored = len(state["documents"])
    assert kill_after <= stored < len(files), f"the kill should land mid-ingest ({stored} of {len(files)})"
    _assert_consistent(state)

    rerun = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{stored} duplicate" in rerun.stdout
    dispose_all()
    state = _state(db_url)
    _assert_consistent(state)
    hashes = [sha for sha, _, _ in state["documents"]]
    assert len(hashes) == len(set(hashes)) == len(files), "each file stored exactly once"
    assert {status for _, status, _ in state["documents"]} <= {"ok", "needs_review"}
