"""SIGKILL in the middle of an ingest leaves no half-stored candidate, and a rerun completes the batch.

A real ``python -m hotlist.cli ingest FOLDER`` runs as a subprocess (small batches, one
transaction per document) against SQLite and then PostgreSQL; it is killed with SIGKILL
once some documents are stored, at two different points. Its flow run, left RUNNING by
the kill, is marked Crashed by the rerun (issue 18).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
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

    killed_runs = _runs_of(prefect_api, process.pid)
    assert [r["state_type"] for r in killed_runs] == ["RUNNING"], "the kill leaves the flow run RUNNING"

    rerun = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{stored} duplicate" in rerun.stdout
    [crashed] = _runs_of(prefect_api, process.pid)
    assert crashed["state_type"] == "CRASHED" and crashed["id"] == killed_runs[0]["id"]
    assert f"(pid {process.pid} on " in crashed["state"]["message"], crashed["state"]["message"]
    dispose_all()
    state = _state(db_url)
    _assert_consistent(state)
    hashes = [sha for sha, _, _ in state["documents"]]
    assert len(hashes) == len(set(hashes)) == len(files), "each file stored exactly once"
    assert {status for _, status, _ in state["documents"]} <= {"ok", "needs_review"}


def _runs_of(api_url: str, pid: int) -> list[dict]:
    """The flow runs (as Prefect's REST API gives them) that the Hotlist process ``pid`` started."""
    from hotlist.flows.run_owners import RUN_TAG, owner_of

    response = httpx.post(f"{api_url}/flow_runs/filter", json={"flow_runs": {"tags": {"all_": [RUN_TAG]}}}, timeout=30)
    response.raise_for_status()
    owners = [(r, owner_of(r["tags"])) for r in response.json()]
    return [r for r, owner in owners if owner is not None and owner.pid == pid]


SLEEPER = """
import time
from prefect import flow
from prefect.runtime import flow_run
from hotlist.flows.runtime import command_runs

@flow(name="sleeper")
def sleeper():
    print(flow_run.id, flush=True)
    time.sleep(600)

with command_runs():
    sleeper()
"""


def test_only_the_runs_of_a_killed_process_are_marked_crashed(prefect_api, tmp_path):  # noqa: F811
    """Two commands run flows; one is killed with SIGKILL. The next start marks its run Crashed, not the other's."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from hotlist.flows.runtime import mark_crashed_runs

    env = _env(tmp_path / "ws", f"sqlite:///{tmp_path / 'unused.db'}", prefect_api)
    sleepers = [subprocess.Popen([sys.executable, "-c", SLEEPER], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True, start_new_session=True) for _ in range(2)]
    try:
        run_ids = [p.stdout.readline().strip() for p in sleepers]  # each flow run is RUNNING once it prints its id
        assert all(run_ids), "a sleeper flow did not start"
        killed, alive = sleepers
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=30)
        assert [r["state_type"] for r in _runs_of(prefect_api, killed.pid)] == ["RUNNING"]
        with temporary_settings(updates={PREFECT_API_URL: prefect_api}):
            marked = mark_crashed_runs()
        assert [(run_id, owner.pid) for run_id, owner in marked] == [(run_ids[0], killed.pid)]
        [crashed] = _runs_of(prefect_api, killed.pid)
        assert crashed["state_type"] == "CRASHED"
        assert crashed["state"]["message"].startswith(f"the Hotlist process that ran this flow (pid {killed.pid} on ")
        assert [r["state_type"] for r in _runs_of(prefect_api, alive.pid)] == ["RUNNING"]  # still running: untouched
    finally:
        for process in sleepers:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)


def test_owner_tags_name_a_process_and_a_reused_pid_is_not_the_owner():
    from hotlist.flows.run_owners import Owner, orphaned_runs, owner_of, owner_tag

    owner = Owner("box-1.local", 4242, 987654)
    assert owner_tag(owner) == "hotlist-process:box-1.local:4242:987654"
    assert owner_of(["hotlist", owner_tag(owner)]) == owner
    assert owner_of(["hotlist", "hotlist-process:box:x:1", "other"]) is None
    live = {("box-1.local", 4242, 111)}  # pid 4242 now belongs to a process started later: not the owner
    runs = [("a", ["hotlist", owner_tag(owner)]), ("b", ["hotlist"]),
            ("c", ["hotlist", owner_tag(Owner("elsewhere", 1, 1))]),
            ("d", ["hotlist", owner_tag(Owner("box-1.local", 4242, 111))])]
    assert orphaned_runs(runs, "box-1.local", lambda o: (o.host, o.pid, o.started) in live) == [("a", owner)]
