"""Real Prefect flow runs (one temporary server for the session) on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from hotlist.cli import main
from tests.conftest import ROOT, SAMPLE_JOBS, SAMPLES

pytestmark = pytest.mark.flow
N_SAMPLES = len(json.loads((SAMPLES / "ground_truth.json").read_text()))


@pytest.fixture
def inbox(tmp_path) -> Path:
    """The sample resumes plus a corrupt PDF and a ZIP renamed .pdf."""
    folder = tmp_path / "inbox"
    shutil.copytree(SAMPLES, folder)
    good = next(folder.glob("*.pdf")).read_bytes()
    (folder / "zz_corrupt.pdf").write_bytes(good[: len(good) // 4])
    (folder / "zz_archive.pdf").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    return folder


def test_ingest_is_idempotent_and_quarantines_bad_files(prefect_harness, workspace, inbox):
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(inbox)])
    assert first.exit_code == 0, first.output
    assert f"Ingested: {N_SAMPLES} added, 0 updated, 0 duplicate, 2 quarantined" in first.output
    assert "quarantined zz_corrupt.pdf: corrupt or truncated PDF" in first.output
    assert "quarantined zz_archive.pdf: named .pdf but is a ZIP archive" in first.output
    reasons = list((workspace / "quarantine").glob("*.reason.txt"))
    assert len(reasons) == 2

    second = runner.invoke(main, ["ingest", str(inbox)])
    assert second.exit_code == 0
    assert f"Ingested: 0 added, 0 updated, {N_SAMPLES + 2} duplicate, 0 quarantined" in second.output

    listed = runner.invoke(main, ["candidates", "--json"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == N_SAMPLES
    assert all({"id", "name", "emails", "phones", "source_file", "status"} <= set(r) for r in rows)


def test_match_and_export_write_call_lists(prefect_harness, workspace, tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["jobs", "import", str(SAMPLE_JOBS)]).exit_code == 0
    assert runner.invoke(main, ["ingest", str(SAMPLES)]).exit_code == 0
    matched = runner.invoke(main, ["match"])
    assert matched.exit_code == 0, matched.output
    out = tmp_path / "out"
    exported = runner.invoke(main, ["export", "--format", "csv", "--format", "xlsx", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    job_ids = [p.stem for p in SAMPLE_JOBS.glob("*.yaml")]
    for job_file in SAMPLE_JOBS.glob("*.yaml"):
        import yaml

        job = yaml.safe_load(job_file.read_text())
        rows = list(csv.DictReader((out / f"{job['id']}.csv").open(encoding="utf-8-sig")))
        assert rows, job["id"]
        assert {"rank", "candidate_id", "name", "phone", "email", "score", "matched_skills",
                "missing_skills", "reason", "source_file"} <= set(rows[0])
        scores = [float(r["score"]) for r in rows]
        assert scores == sorted(scores, reverse=True)
        sheet = load_workbook(out / f"{job['id']}.xlsx").active
        assert sheet.max_row == len(rows) + 1
    assert job_ids

    # do-not-call takes the top candidate off the next export.
    job_id = yaml.safe_load(next(SAMPLE_JOBS.glob("*.yaml")).read_text())["id"]
    top = next(csv.DictReader((out / f"{job_id}.csv").open(encoding="utf-8-sig")))
    assert runner.invoke(main, ["outcome", top["candidate_id"], job_id, "do-not-call"]).exit_code == 0
    assert runner.invoke(main, ["export", "--format", "csv", "--out", str(out), "--job", job_id]).exit_code == 0
    ids = [r["candidate_id"] for r in csv.DictReader((out / f"{job_id}.csv").open(encoding="utf-8-sig"))]
    assert top["candidate_id"] not in ids


def _wait_for_task_runs(prefect_db, timeout: float) -> None:
    """Until every task run of the nightly has reached a final state in Prefect's database (or ``timeout``)."""
    import sqlite3
    import time

    from hotlist.settings import Settings

    batches = -(-N_SAMPLES // Settings.model_fields["batch_size"].default)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with sqlite3.connect(prefect_db) as db:
                states = db.execute("select name, state_type from task_run").fetchall()
            if sum(1 for name, _ in states if name.startswith("ingest-batch")) >= batches and all(
                    state == "COMPLETED" for _, state in states):
                return
        except sqlite3.Error:
            pass
        time.sleep(0.5)


def test_main_job_from_a_clean_workspace_prints_no_tracebacks(tmp_path):
    """The README's run command, as a subprocess: it starts the workspace's background Prefect server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "HOTLIST_"))}
    env["HOTLIST_HOME"] = str(tmp_path / "ws")
    out = tmp_path / "exports"
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "hotlist.cli", "nightly", "--inbox", str(SAMPLES), "--jobs", str(SAMPLE_JOBS),
             "--out", str(out), "--top", "5"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )
        # The lasting server records task runs from events, a moment after the command returns.
        _wait_for_task_runs(tmp_path / "ws" / "prefect" / "prefect.db", 60)
    finally:
        subprocess.run([sys.executable, "-m", "hotlist.cli", "server", "stop"], cwd=ROOT, env=env,
                       capture_output=True, timeout=120)
    combined = proc.stdout + proc.stderr
    assert proc.returncode == 0, combined
    for bad in ("Traceback", "telemetry", "CancelledError", "database is locked", "ERROR"):
        assert bad not in combined, f"{bad!r} in output:\n{combined}"
    for job_file in SAMPLE_JOBS.glob("*.yaml"):
        import yaml

        job_id = yaml.safe_load(job_file.read_text())["id"]
        assert (out / f"{job_id}.csv").is_file() and (out / f"{job_id}.xlsx").is_file()
        assert job_id in proc.stdout

    # Lossless: every flow and task run reached Prefect's database, all completed.
    import sqlite3

    with sqlite3.connect(tmp_path / "ws" / "prefect" / "prefect.db") as prefect_db:
        flow_runs = dict(prefect_db.execute("select name, state_type from flow_run").fetchall())
        task_runs = prefect_db.execute("select name, state_type from task_run").fetchall()
    assert flow_runs == {"nightly": "COMPLETED", "ingest-inbox": "COMPLETED",
                         "match-open-jobs": "COMPLETED", "export-open-jobs": "COMPLETED"}
    from hotlist.settings import Settings

    batches = -(-N_SAMPLES // Settings.model_fields["batch_size"].default)  # ceil: HOTLIST_BATCH_SIZE per task
    assert sum(1 for name, _ in task_runs if name.startswith("ingest-batch")) == batches
    assert {state for _, state in task_runs} == {"COMPLETED"}


def test_incremental_nightly_rescores_only_what_changed(prefect_harness, workspace, tmp_path):
    import yaml
    from sqlalchemy import func, select

    from hotlist.flows.nightly import nightly
    from hotlist.settings import get_settings
    from hotlist.models.db import session_scope
    from hotlist.models.orm import MatchRun

    jobs_dir = tmp_path / "jobs"
    shutil.copytree(SAMPLE_JOBS, jobs_dir)
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    job_ids = sorted(yaml.safe_load(p.read_text())["id"] for p in jobs_dir.glob("*.yaml"))

    def runs() -> int:
        with session_scope(get_settings().db_url) as session:
            return session.scalar(select(func.count()).select_from(MatchRun))

    first = nightly(inbox=str(inbox), jobs_dir=str(jobs_dir), out_dir=str(tmp_path / "out"))
    assert sorted(first.ranked) == job_ids and first.ingest.added == N_SAMPLES
    assert runs() == 1

    second = nightly(inbox=str(inbox), jobs_dir=str(jobs_dir), out_dir=str(tmp_path / "out"))
    assert second.ranked == {} and second.ingest.added == 0
    assert runs() == 1, "nothing changed, so nothing was rescored"
    assert len(second.files) == 2 * len(job_ids), "call lists are still written from the last ranking"

    edited = next(jobs_dir.glob("*.yaml"))
    spec = yaml.safe_load(edited.read_text())
    spec["min_years"] = spec["min_years"] + 1
    edited.write_text(yaml.safe_dump(spec))
    third = nightly(inbox=str(inbox), jobs_dir=str(jobs_dir), out_dir=str(tmp_path / "out"))
    assert list(third.ranked) == [spec["id"]], "only the edited job is re-ranked"

    (inbox / "new.txt").write_text("Robin Vale\nrobin.vale@example.com\n+1 512 555 0100\nSkills\nPython, SQL\n")
    fourth = nightly(inbox=str(inbox), jobs_dir=str(jobs_dir), out_dir=str(tmp_path / "out"))
    assert fourth.ingest.added == 1 and sorted(fourth.ranked) == job_ids, "a new candidate re-ranks every job"

    full = nightly(inbox=str(inbox), jobs_dir=str(jobs_dir), out_dir=str(tmp_path / "out"), full=True)
    assert sorted(full.ranked) == job_ids


def test_in_process_flows_run_without_the_heartbeat_thread():
    """A sync flow joins its heartbeat thread at exit (up to 1 s late); Hotlist's own flow calls turn it off."""
    from prefect.settings import get_current_settings

    from hotlist.flows.runtime import no_heartbeat

    assert get_current_settings().flows.heartbeat_frequency is not None, "Prefect's default is on"
    with no_heartbeat():
        assert get_current_settings().flows.heartbeat_frequency is None
    assert get_current_settings().flows.heartbeat_frequency is not None, "only inside the block"


def test_the_heartbeat_free_settings_follow_the_settings_in_force():
    """no_heartbeat keeps one copy of the settings per process, rebuilt when the settings in force change."""
    from prefect.settings import PREFECT_LOGGING_LEVEL, get_current_settings, temporary_settings

    from hotlist.flows.runtime import no_heartbeat

    with no_heartbeat():
        first = get_current_settings()
    with no_heartbeat():
        assert get_current_settings() is first, "the same copy, not a new one per flow run"
    with temporary_settings(updates={PREFECT_LOGGING_LEVEL: "ERROR"}), no_heartbeat():
        inner = get_current_settings()
        assert inner.logging.level == "ERROR" and inner.flows.heartbeat_frequency is None
