"""Personal data: erase and subject-access export, owner-only files, no emails or phones in logs."""

from __future__ import annotations

import csv
import json
import logging
import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from hotlist.cli import main
from hotlist.pipeline.parse.redact import redact
from tests.call_list_helpers import csv_rows, ok, xlsx_column
from tests.conftest import SAMPLES
from tests.test_people import JOB, _candidates, _workspace_holds, jobs_dir, make_resume  # noqa: F401 - a fixture

MAYA, DANIEL = "01_maya_okafor.pdf", "02_daniel_reyes.pdf"


@pytest.fixture
def umask():
    """Restore the process umask after a test that runs the CLI (which sets 077)."""
    previous = os.umask(0o022)
    os.umask(previous)
    yield
    os.umask(previous)


@pytest.fixture
def stored(workspace, skill_nlp):
    """Two candidates with skills, a match and outcomes; Maya's resume kept in the inbox and in quarantine."""
    from hotlist.settings import get_settings
    from hotlist.models.db import session_scope
    from hotlist.models.orm import Job, Match, MatchRun
    from hotlist.models.candidates import store_parse_result
    from hotlist.models.outcomes import record_outcome
    from hotlist.pipeline.read.quarantine import quarantine_file
    from hotlist.pipeline.parse.resume import parse_file

    settings = get_settings()
    ids = {}
    for name in (MAYA, DANIEL):
        copy = settings.inbox_dir / name
        shutil.copy(SAMPLES / name, copy)
        outcome = parse_file(copy, skill_nlp=skill_nlp)
        with session_scope(settings.db_url) as session:
            ids[name] = store_parse_result(session, outcome).candidate_id
        if name == MAYA:
            quarantine_file(copy, outcome.sha256, "kept for the test", settings.quarantine_path)
    with session_scope(settings.db_url) as session:
        session.add(Job(id="backend", title="Backend Engineer"))
        run = MatchRun(job_ids=["backend"], candidate_count=2)
        session.add(run)
        session.flush()
        for rank, cid in enumerate(ids.values(), start=1):
            session.add(Match(run_id=run.id, job_id="backend", candidate_id=cid, rank=rank, score=0.5, reason="r"))
        record_outcome(session, ids[MAYA], "backend", "interested", "call back Tuesday")
        record_outcome(session, ids[DANIEL], None, "no-answer")
    return settings, ids


def _counts(url: str, candidate_id: int) -> dict[str, int]:
    from hotlist.models.db import session_scope
    from hotlist.models.orm import CallOutcome, Candidate, CandidateSkill, Document, Match

    with session_scope(url) as session:
        return {
            table.__tablename__: session.scalar(select(func.count()).select_from(table).where(column == candidate_id))
            for table, column in ((Candidate, Candidate.id), (Document, Document.candidate_id),
                                  (CandidateSkill, CandidateSkill.candidate_id), (Match, Match.candidate_id),
                                  (CallOutcome, CallOutcome.candidate_id))
        }


def test_erase_removes_everything_and_logs_an_entry_without_personal_data(stored, umask):
    from hotlist.models.db import session_scope
    from hotlist.models.privacy import erasures

    settings, ids = stored
    maya, daniel = ids[MAYA], ids[DANIEL]
    assert all(_counts(settings.db_url, maya).values())
    result = CliRunner().invoke(main, ["candidate", "erase", str(maya)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Erased candidate(s) {maya}: 1 document(s), ")
    assert set(_counts(settings.db_url, maya).values()) == {0}
    assert all(_counts(settings.db_url, daniel).values()), "the other candidate is untouched"
    assert not (settings.inbox_dir / MAYA).exists() and (settings.inbox_dir / DANIEL).exists()
    assert list(settings.quarantine_path.iterdir()) == []
    with session_scope(settings.db_url) as session:
        log = erasures(session)
    assert len(log) == 1
    entry = log[0]
    assert (entry["candidate_id"], entry["requested_by"], entry["documents"], entry["matches"], entry["outcomes"],
            entry["files"]) == (maya, "id", 1, 1, 1, 3)
    text = json.dumps(log).lower()
    assert "maya" not in text and "okafor" not in text and "@" not in text and "555" not in text


def test_erase_by_email(stored, umask):
    settings, ids = stored
    result = CliRunner().invoke(main, ["candidate", "erase", "--email", "DReyes@Example.net"])
    assert result.exit_code == 0, result.output
    assert set(_counts(settings.db_url, ids[DANIEL]).values()) == {0}
    assert all(_counts(settings.db_url, ids[MAYA]).values())


@pytest.mark.parametrize("args, message", [
    (["candidate", "erase", "999"], "Error: no candidate with id 999: see `hotlist candidates`\n"),
    (["candidate", "erase", "--email", "nobody@example.com"],
     "Error: no candidate with email nobody@example.com: see `hotlist candidates`\n"),
    (["candidate", "erase"], "Error: give a CANDIDATE_ID or --email, not both\n"),
    (["candidate", "export", "999"], "Error: no candidate with id 999: see `hotlist candidates`\n"),
])
def test_erase_and_export_errors(stored, umask, args, message):
    result = CliRunner().invoke(main, args)
    assert (result.exit_code, result.output) == (1, message)


def test_export_writes_the_candidates_data_as_owner_only_json(stored, umask):
    settings, ids = stored
    result = CliRunner().invoke(main, ["candidate", "export", str(ids[MAYA])])
    assert result.exit_code == 0, result.output
    path = settings.exports_path / f"candidate-{ids[MAYA]}.json"
    assert result.output == f"wrote {path}\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["candidate"]["email"] == "maya.okafor@example.com"
    assert data["candidate"]["phones"] and data["candidate"]["resume_text"]
    assert [d["filename"] for d in data["documents"]] == [MAYA]
    assert {s["skill_id"] for s in data["skills"]} >= {"python"} or len(data["skills"]) > 3
    assert [(m["job_id"], m["rank"]) for m in data["matches"]] == [("backend", 1)]
    assert [(o["outcome"], o["note"]) for o in data["outcomes"]] == [("interested", "call back Tuesday")]


def test_workspace_files_are_owner_only(workspace, prefect_harness, umask, tmp_path):
    """Through the CLI: the database, quarantine copies and reasons, exports, logs are 0600; folders 0700."""
    from hotlist.cli import _service_logging
    from hotlist.settings import get_settings

    os.umask(0o022)  # a typical, permissive umask: the CLI must tighten it
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(SAMPLES / MAYA, folder / MAYA)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    result = CliRunner().invoke(main, ["ingest", str(folder)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["candidate", "export", "1"])
    assert result.exit_code == 0, result.output
    settings = get_settings()
    _service_logging(settings)
    logging.getLogger("hotlist").info("started")
    created = [p for p in settings.home_dir.rglob("*") if "prefect" not in p.parts]
    files = [p for p in created if p.is_file()]
    assert any(p.name.endswith(".reason.txt") for p in files) and any(p.suffix == ".json" for p in files)
    assert any(p.name == "hotlist.log" for p in files)
    loose = [f"{p.relative_to(settings.home_dir)} {oct(stat.S_IMODE(p.stat().st_mode))}" for p in created
             if stat.S_IMODE(p.stat().st_mode) & 0o077]
    assert not loose, f"readable by others: {loose}"
    _drop_handlers()


def _drop_handlers() -> None:
    logger = logging.getLogger("hotlist")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()


@pytest.mark.parametrize("text, expected", [
    ("quarantined maya.okafor@example.com.pdf: empty", "quarantined [email]: empty"),
    ("call +1 512-555-0132 or (512) 555 0132", "call [phone] or [phone]"),
    ("arrivals: 3 added, 0 updated, 12 duplicate, 1 quarantined", "arrivals: 3 added, 0 updated, 12 duplicate, 1 quarantined"),
    ("ingest of 25 file(s) failed in 2026", "ingest of 25 file(s) failed in 2026"),
])
def test_redact(text, expected):
    assert redact(text) == expected


def test_service_log_never_holds_emails_or_phones(workspace, umask):
    from hotlist.cli import _service_logging
    from hotlist.settings import get_settings

    settings = get_settings()
    _service_logging(settings)
    try:
        log = logging.getLogger("hotlist.watcher")
        log.info("arrived %s from %s", "jane.doe@example.com resume.pdf", "+44 20 7946 0958")
        log.warning("quarantined %s", "call-me-512.555.0199.pdf")
    finally:
        _drop_handlers()
    text = (settings.home_dir / "logs" / "hotlist.log").read_text(encoding="utf-8")
    assert "arrived [email] resume.pdf from [phone]" in text and "quarantined call-me-[phone].pdf" in text
    assert "@" not in text and "7946" not in text and "0199" not in text


def test_ingest_flow_logs_no_file_names_emails_or_phones(workspace, prefect_harness, tmp_path, caplog):
    """Prefect keeps the flow's log lines: a quarantined file is named by its quarantine prefix, never by its name."""
    from hotlist.flows.ingest import ingest

    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(SAMPLES / MAYA, folder / MAYA)
    (folder / "Jane Doe jane.doe@example.com +1 512 555 0100.pdf").write_bytes(b"")
    with caplog.at_level(logging.INFO):
        summary = ingest([str(folder)], label="privacy")
    assert (summary.added, summary.quarantined) == (1, 1)
    text = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert "quarantined e3b0c44298fc-*: empty file" in text  # sha256 of no bytes: the name in quarantine/
    for secret in ("Jane Doe", "@example.com", "555 0100", "555-0132", "5125550132", "maya", "okafor"):
        assert secret.lower() not in text.lower()


# --- erasure that sticks (issue 18): every copy by content, exports naming them, the same bytes refused ------------

QUINN = ("Quinn Halvorsen-Vale", "quinn.hv@example.org", "(512) 555-0147")
QUINN_TRACES = ["Quinn", "Halvorsen", "quinn.hv@example.org", "5125550147", "555-0147", "555 0147"]


def _files_with_sha(home: Path, sha: str) -> list[str]:
    from hotlist.pipeline.read.documents import sha256_of

    return [str(p) for p in home.rglob("*") if p.is_file() and not p.is_symlink() and sha256_of(p) == sha]


@pytest.fixture
def copies_of_quinn(prefect_harness, workspace, jobs_dir, umask):
    """Quinn's resume stored from a file whose name holds control characters, with copies elsewhere in the workspace
    (inbox/archive under another name, processed/, quarantine with its note), call lists naming her and Otto
    (a note typed into Otto's row) and her subject-access export."""
    from hotlist.pipeline.read.documents import sha256_of
    from hotlist.pipeline.read.quarantine import quarantine_file
    from hotlist.settings import get_settings

    settings = get_settings()
    runner = CliRunner()
    inbox, out = settings.inbox_dir, settings.exports_path
    first = make_resume(inbox / "Quinn Halvorsen-Vale\x1b[31m\x07.pdf", *QUINN)
    make_resume(inbox / "otto.pdf", "Otto Brannigan", "otto.b@example.net", "(512) 555-0199")
    ok(runner.invoke(main, ["jobs", "import", str(jobs_dir)]))
    ok(runner.invoke(main, ["ingest", str(inbox)]))
    [quinn] = [c for c in _candidates(runner) if c["name"] == QUINN[0]]
    assert "\\x1b" in quinn["source_file"]  # the stored path is the escaped name, not the file's
    sha = sha256_of(first)
    (inbox / "archive").mkdir()
    shutil.copy(first, inbox / "archive" / "a (1).pdf")
    (inbox / "processed").mkdir()
    shutil.copy(first, inbox / "processed" / "QHV resume.pdf")
    quarantine_file(inbox / "archive" / "a (1).pdf", sha, "kept for the test", settings.quarantine_path)
    ok(runner.invoke(main, ["match", "--full"]))
    ok(runner.invoke(main, ["export", "--out", str(out)]))
    csv_path = out / f"{JOB}.csv"
    rows = csv_rows(csv_path)
    assert {r["name"] for r in rows} == {QUINN[0], "Otto Brannigan"}
    with open(csv_path, "w", encoding="utf-8-sig", newline="") as handle:  # a recruiter's note in Otto's row
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([{**r, "note": "call after 5"} if r["name"] == "Otto Brannigan" else r for r in rows])
    ok(runner.invoke(main, ["candidate", "export", str(quinn["id"])]))
    assert len(_files_with_sha(workspace, sha)) == 4
    return settings, quinn["id"], sha, first


def test_erase_removes_every_copy_by_content_and_the_exports_naming_them(copies_of_quinn, workspace, db_url):
    settings, quinn, sha, first = copies_of_quinn
    out = settings.exports_path
    result = ok(CliRunner().invoke(main, ["candidate", "erase", str(quinn)]))
    # 4 copies, the quarantine note, the subject-access export; her row in the CSV and in the XLSX call list.
    assert result.startswith(f"Erased candidate(s) {quinn}: 1 document(s), ")
    assert result.rstrip().endswith("6 file(s), 2 call-list row(s). The same documents are refused from now on.")
    assert _files_with_sha(workspace, sha) == []
    assert not first.exists() and list(settings.quarantine_path.iterdir()) == []
    assert not (out / f"candidate-{quinn}.json").exists()
    rows = csv_rows(out / f"{JOB}.csv")
    assert [(r["name"], r["note"]) for r in rows] == [("Otto Brannigan", "call after 5")]  # typed cell kept
    assert xlsx_column(out / f"{JOB}.xlsx", "name") == ["Otto Brannigan"]
    assert _workspace_holds(workspace, db_url, QUINN_TRACES) == []
    assert _workspace_holds(workspace, db_url, ["Otto Brannigan", "call after 5"]) != []  # the search sees data


def test_erased_content_is_refused_removed_from_the_inbox_and_never_stored(copies_of_quinn, workspace, db_url,
                                                                           jobs_dir, tmp_path):
    from hotlist.models.db import session_scope
    from hotlist.models.orm import Document

    settings, quinn, sha, first = copies_of_quinn
    runner = CliRunner()
    kept = tmp_path / "kept.pdf"
    shutil.copy(first, kept)
    ok(runner.invoke(main, ["candidate", "erase", str(quinn)]))
    with session_scope(settings.db_url) as session:
        documents = session.query(Document).count()
    again = settings.inbox_dir / "sub" / "Quinn new name.pdf"
    again.parent.mkdir()
    shutil.copy(kept, again)
    mine = tmp_path / "mine"
    mine.mkdir()
    shutil.copy(kept, mine / "q.pdf")
    for attempt in range(2):  # a rerun is idempotent
        night = ok(runner.invoke(main, ["nightly", "--jobs", str(jobs_dir), "--out", str(settings.exports_path)]))
        refused = "  refused 1 file(s): its content was erased on request: not stored, not parsed"
        assert (refused in night.splitlines()) == (attempt == 0), night
        assert not again.exists()  # removed from the inbox: keeping it would keep her data
        assert "Quinn" not in night and "quinn" not in night
        mine_run = ok(runner.invoke(main, ["ingest", str(mine)]))
        assert mine_run.splitlines() == ["Ingested: 0 added, 0 updated, 0 duplicate, 0 quarantined, 1 erased (refused)",
                                         refused]
        assert (mine / "q.pdf").exists()  # a folder of the recruiter's own is never touched
        with session_scope(settings.db_url) as session:
            assert session.query(Document).count() == documents
        assert [c["name"] for c in _candidates(runner)] == ["Otto Brannigan"]
        assert _workspace_holds(workspace, db_url, [*QUINN_TRACES, sha, sha[:12]]) == []  # not even her file's sha256


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_prefect_records_name_no_file(prefect_harness, workspace, tmp_path, umask):
    """Flow-run names and parameters, task-run names and log lines sent to Prefect hold no file name or path."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName, LogFilter, LogFilterFlowRunId
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.client.schemas.sorting import FlowRunSort
    from prefect.logging.handlers import APILogWorker

    folder = tmp_path / "Quinn Halvorsen-Vale files"
    folder.mkdir()
    resume = make_resume(folder / "Quinn Halvorsen-Vale resume.pdf", *QUINN)
    (folder / "Quinn Halvorsen-Vale cover.pdf").write_bytes(b"")  # quarantined: a warning line goes to Prefect
    ok(CliRunner().invoke(main, ["ingest", str(resume), str(folder / "Quinn Halvorsen-Vale cover.pdf")]))
    APILogWorker.drain_all()
    with get_client(sync_client=True) as client:
        [run] = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=["ingest"])),
                                      sort=FlowRunSort.START_TIME_DESC, limit=1)
        tasks = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.id])))
        logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run.id])))
    assert run.name == "ingest-files"
    assert run.parameters["paths"] is None and run.parameters["batch"].startswith("batch-")
    assert any("quarantined e3b0c44298fc-*" in log.message for log in logs)  # the logs were read
    recorded = json.dumps([run.name, run.parameters, [t.name for t in tasks], [log.message for log in logs]])
    for trace in ("Quinn", "Halvorsen", str(tmp_path)):
        assert trace not in recorded


@pytest.mark.flow
def test_after_erasing_three_copies_nothing_of_theirs_remains_and_the_nightly_does_not_bring_them_back(
        db_url, tmp_path, jobs_dir):
    """Issue 18, must-show 3, with real `hotlist` processes and the workspace's lasting Prefect server (its state in
    <workspace>/prefect/): three copies of a resume (one named with her name and a control character and named on
    the command line, one in inbox/archive under another name, one in processed/); erase; the same bytes come back;
    then nothing of hers is found anywhere: database (and WAL), Prefect's state and log, exports, inbox, quarantine.
    She was marked do-not-call before the erasure (issue 13, must-show 4)."""
    from hotlist.pipeline.read.documents import sha256_of
    from tests.test_prefect_server import _env, _run

    home = tmp_path / "ws"
    if db_url.startswith("sqlite"):
        db_url = f"sqlite:///{home / 'hotlist.db'}"  # the default place: inside the workspace
    env = _env(home, HOTLIST_DATABASE_URL=db_url)
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    named = make_resume(inbox / "Quinn Halvorsen-Vale\x07resume.pdf", *QUINN)
    returning = tmp_path / "returning.pdf"
    shutil.copy(named, returning)
    make_resume(inbox / "otto.pdf", "Otto Brannigan", "otto.b@example.net", "(512) 555-0199")
    try:
        _run(["jobs", "import", str(jobs_dir)], env)
        _run(["ingest", str(named)], env)
        (inbox / "archive").mkdir()
        shutil.copy(named, inbox / "archive" / "a (1).pdf")
        (inbox / "processed").mkdir()
        shutil.copy(named, inbox / "processed" / "resume-2.pdf")
        assert "Quinn Halvorsen-Vale" in _run(["nightly", "--jobs", str(jobs_dir)], env).stdout
        people = [json.loads(line) for line in _run(["candidates", "--json"], env).stdout.splitlines()]
        [quinn] = [c["id"] for c in people if c["name"] == QUINN[0]]
        _run(["candidate", "export", str(quinn)], env)
        _run(["outcome", str(quinn), "-", "do-not-call"], env)  # issue 13: a do-not-call person, then erased
        _run(["candidate", "erase", str(quinn)], env)
        shutil.copy(returning, inbox / "again.pdf")  # the same bytes come back under another name
        night = _run(["nightly", "--jobs", str(jobs_dir)], env).stdout
        assert "refused 1 file(s): its content was erased on request" in night and "Quinn" not in night
        people = [json.loads(line) for line in _run(["candidates", "--json"], env).stdout.splitlines()]
        assert [c["name"] for c in people] == ["Otto Brannigan"]
    finally:
        _run(["server", "stop"], env)
    assert _files_with_sha(home, sha256_of(returning)) == []
    assert _workspace_holds(home, db_url, QUINN_TRACES) == []
    assert _workspace_holds(home, db_url, ["Otto Brannigan"]) != []  # the search sees what is there
    prefect_state = [p for p in (home / "prefect").rglob("*") if p.is_file() and b"ingest-files" in p.read_bytes()]
    assert prefect_state, "Prefect's state in the workspace records the runs (and was searched)"
