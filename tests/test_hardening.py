"""Inputs that used to hang or crash: pipes in the inbox, over-long names, wide Unicode text, terminal escapes."""

from __future__ import annotations

import os
import signal
import time
from contextlib import contextmanager

import pytest
from click.testing import CliRunner

from hotlist.pipeline.read.documents import NOT_REGULAR_REASON, NotRegularFile, read_document, sha256_of
from hotlist.pipeline.errors import UnreadableDocument
from hotlist.pipeline.read.quarantine import NAME_BYTES, quarantine_file, safe_name
from tests.hostile_corpus import IMPOSSIBLE_IDS, TEXT_RESUME, outcome_rows_csv


@contextmanager
def deadline(seconds: int):
    """Fail (instead of hanging the suite) if the block blocks."""

    def expired(signum, frame):
        raise AssertionError(f"blocked for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "resume.pdf"
    os.mkfifo(path)
    return path


def test_a_pipe_is_refused_without_blocking(fifo):
    with deadline(5):
        with pytest.raises(NotRegularFile):
            sha256_of(fifo)
        with pytest.raises(UnreadableDocument, match="not a regular file"):
            read_document(fifo)


def test_hotlist_parse_reports_a_pipe_and_goes_on(fifo, tmp_path, monkeypatch):
    from hotlist.cli import main
    from hotlist.settings import get_settings

    good = tmp_path / "good.txt"
    good.write_text(TEXT_RESUME.format(name="Nadia Petrova", user="nadia.petrova"), encoding="utf-8")
    monkeypatch.setenv("HOTLIST_PARSE_WORKERS", "0")
    get_settings.cache_clear()
    with deadline(60):
        result = CliRunner().invoke(main, ["parse", str(fifo), str(good)])
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert f"{fifo}: quarantined (cannot read the file ({NOT_REGULAR_REASON}))" in result.output
    assert "name: Nadia Petrova" in result.output


@pytest.mark.flow
def test_ingest_of_a_pipe_named_directly_quarantines_it_and_stores_the_rest(fifo, tmp_path, workspace, prefect_harness):
    from sqlalchemy import select

    from hotlist.flows.ingest import ingest
    from hotlist.models.db import session_scope
    from hotlist.models.orm import Document
    from hotlist.settings import get_settings

    good = tmp_path / "good.txt"
    good.write_text(TEXT_RESUME.format(name="Nadia Petrova", user="nadia.petrova"), encoding="utf-8")
    started = time.monotonic()
    with deadline(120):
        summary = ingest([str(fifo), str(good)], label="pipe")
    assert (summary.added, summary.quarantined) == (1, 1)
    assert time.monotonic() - started < 120
    with session_scope(get_settings().db_url) as session:
        reasons = {d.filename: d.reason for d in session.scalars(select(Document))}
    assert NOT_REGULAR_REASON in reasons["resume.pdf"]
    assert fifo.exists() and not fifo.is_file(), "the pipe itself is left alone, never opened for writing or copied"


def test_reason_files_have_bounded_names(tmp_path):
    name = "и" * 120 + ".pdf"  # 244 bytes: with the hash prefix and ".reason.txt" over the 255-byte limit
    source = tmp_path / name
    source.write_bytes(b"not a pdf")
    reason = quarantine_file(source, "ab" * 32, "named .pdf but is not a PDF", tmp_path / "quarantine", move=True)
    assert reason.exists() and len(reason.name.encode()) <= 255
    assert reason.read_text(encoding="utf-8").splitlines()[1] == "named .pdf but is not a PDF"
    kept = [p for p in (tmp_path / "quarantine").iterdir() if not p.name.endswith(".reason.txt")]
    assert len(kept) == 1 and kept[0].read_bytes() == b"not a pdf" and kept[0].suffix == ".pdf"
    assert not source.exists()


@pytest.mark.parametrize("name", ["и" * 200 + ".pdf", "a" * 300, "x." + "y" * 300, "résumé " * 40 + ".docx"])
def test_safe_names_fit_and_keep_a_short_extension(name):
    cut = safe_name(name)
    assert len(cut.encode("utf-8")) <= NAME_BYTES
    suffix = os.path.splitext(name)[1]
    if len(suffix) <= 16:
        assert cut.endswith(suffix)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_wide_unicode_text_with_a_byte_order_mark_is_read(tmp_path, encoding):
    path = tmp_path / "resume.txt"
    text = TEXT_RESUME.format(name="Zoë Ångström", user="zoe")
    bom = {"utf-16-be": "\ufeff", "utf-32-be": "\ufeff"}.get(encoding, "")
    path.write_bytes((bom + text).encode(encoding))
    assert read_document(path).text.splitlines()[0] == "Zoë Ångström"


def test_terminal_escapes_and_controls_never_reach_fields(tmp_path):
    from hotlist.pipeline.parse.resume import parse_file

    path = tmp_path / "resume.txt"
    name = "Omar \x1b[31mHaddad\x1b[0m\x1b]0;owned\x07\x9b2J\x08"
    path.write_bytes(TEXT_RESUME.format(name=name, user="omar.haddad").encode())
    outcome = parse_file(path, skill_nlp=None, use_ner=False)
    assert outcome.resume.name == "Omar Haddad"
    text = read_document(path).text
    assert not any(ord(ch) < 32 and ch not in "\n\t" or 0x7F <= ord(ch) <= 0x9F for ch in text)


@pytest.mark.flow
def test_a_paused_copy_waits_in_the_inbox_and_is_read_once_complete(workspace, prefect_harness):
    from hotlist.flows.ingest import ingest
    from hotlist.settings import get_settings
    from tests.conftest import SAMPLES

    inbox = get_settings().inbox_dir
    inbox.mkdir(parents=True, exist_ok=True)
    whole = (SAMPLES / "01_maya_okafor.pdf").read_bytes()
    arriving = inbox / "maya.pdf"
    arriving.write_bytes(whole[: len(whole) // 2])  # the copy paused half-way, just now
    first = ingest([str(inbox)], label="paused", inbox=True)
    assert (first.waiting, first.quarantined, first.added) == (1, 0, 0)
    assert arriving.exists() and not list(get_settings().quarantine_path.glob("*maya*"))

    arriving.write_bytes(whole)  # the copy finished
    second = ingest([str(inbox)], label="finished", inbox=True)
    assert (second.added, second.quarantined, second.waiting) == (1, 0, 0)

    stale = inbox / "old_truncated.pdf"
    stale.write_bytes(whole[: len(whole) // 3])
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))  # a broken file that stopped changing long ago
    third = ingest([str(inbox)], label="stale", inbox=True)
    assert (third.quarantined, third.waiting) == (1, 0)
    assert not stale.exists()


def test_still_arriving_rule():
    from hotlist.pipeline.read.ingest_plan import still_arriving

    assert still_arriving("quarantined", inbox=True, modified_ago=3.0, grace=120)
    assert not still_arriving("quarantined", inbox=True, modified_ago=500.0, grace=120)
    assert not still_arriving("quarantined", inbox=False, modified_ago=3.0, grace=120), "files named by hand: quarantine"
    assert not still_arriving("ok", inbox=True, modified_ago=3.0, grace=120)
    assert not still_arriving("quarantined", inbox=True, modified_ago=None, grace=120)


def test_deeply_nested_yaml_is_one_clear_error(tmp_path):
    from hotlist.pipeline.errors import InvalidJob
    from hotlist.pipeline.jobs.hot_job import load_jobs

    from tests.hostile_corpus import deep_yaml

    path = tmp_path / "deep.yaml"
    path.write_text(deep_yaml(20_000))
    with pytest.raises(InvalidJob) as error:
        load_jobs(path)
    assert str(error.value) == (f"{path}: invalid YAML: nested too deeply (a hot job is a flat list of fields); "
                                "check for unbalanced brackets")


def test_oversized_jobs_are_refused_with_the_limit(tmp_path):
    from hotlist.pipeline.errors import InvalidJob
    from hotlist.pipeline.jobs.hot_job import MAX_DESCRIPTION_CHARS, MAX_SKILLS, load_jobs

    from tests.hostile_corpus import many_must_haves_yaml

    path = tmp_path / "big.yaml"
    path.write_text(many_must_haves_yaml(30_000))
    with pytest.raises(InvalidJob, match=f"must_have: List should have at most {MAX_SKILLS} items"):
        load_jobs(path)
    path.write_text(f"id: long\ntitle: Long\ndescription: {'x' * (MAX_DESCRIPTION_CHARS + 1)}\n")
    with pytest.raises(InvalidJob, match=f"description: String should have at most {MAX_DESCRIPTION_CHARS} characters"):
        load_jobs(path)


def test_pages_outside_the_page_tree_are_counted(tmp_path):
    from tests.hostile_corpus import loose_pages_pdf

    path = tmp_path / "loose.pdf"
    path.write_bytes(loose_pages_pdf(5000))
    started = time.monotonic()
    with pytest.raises(UnreadableDocument, match="outside the page tree"):
        read_document(path)
    assert time.monotonic() - started < 30
    path.write_bytes(loose_pages_pdf(2))
    assert read_document(path).pages == 2


def test_jobs_add_reads_the_posting_in_a_worker_with_limits(tmp_path, monkeypatch):
    """A decompression bomb named as a job description is stopped by the worker's limits, with one Error line."""
    from hotlist.cli import main
    from hotlist.settings import get_settings
    from tests.hostile_corpus import bomb_pdf

    source = tmp_path / "posting.pdf"
    source.write_bytes(bomb_pdf(1.0))
    for key, value in {"HOTLIST_PARSE_TIMEOUT_SECONDS": "20", "HOTLIST_PARSE_MEMORY_MB": "512",
                       "HOTLIST_PARSE_WORKERS": "1"}.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    started = time.monotonic()
    result = CliRunner().invoke(main, ["jobs", "add", "--from-text", str(source)])
    get_settings.cache_clear()
    assert time.monotonic() - started < 60
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and ("needed more than 512 MB" in lines[0]
                                                                    or "took longer than 20 s" in lines[0]), lines


@pytest.mark.parametrize("raw", IMPOSSIBLE_IDS)
def test_outcome_rows_with_impossible_ids_are_one_clear_error(tmp_path, raw):
    from hotlist.pipeline.errors import InvalidOutcomes
    from hotlist.pipeline.calls.outcomes import read_outcome_file

    path = tmp_path / "calls.csv"
    path.write_text(outcome_rows_csv([raw]), encoding="utf-8")
    with pytest.raises(InvalidOutcomes) as error:
        read_outcome_file(path)
    assert str(error.value) == (f"{path}: row 2: candidate_id {raw!r} is not a candidate id "
                                "(a whole number from `hotlist candidates`)")


def test_spreadsheet_style_ids_are_read(tmp_path):
    from hotlist.pipeline.calls.outcomes import read_outcome_file

    path = tmp_path / "calls.csv"
    path.write_text("candidate_id,job_id,outcome\n12.0,backend,hung up\n", encoding="utf-8")
    assert [e.candidate_id for e in read_outcome_file(path)] == [12]


def test_many_bad_rows_make_one_bounded_line(tmp_path):
    from hotlist.pipeline.errors import InvalidOutcomes
    from hotlist.pipeline.calls.outcomes import SHOWN_PROBLEMS, read_outcome_file

    from tests.hostile_corpus import bad_outcome_rows_csv

    path = tmp_path / "calls.csv"
    path.write_text(bad_outcome_rows_csv(200_000), encoding="utf-8")
    with pytest.raises(InvalidOutcomes) as error:
        read_outcome_file(path)
    message = str(error.value)
    assert "\n" not in message and len(message) < 2_000
    assert message.count("is not a number") == SHOWN_PROBLEMS
    assert message.endswith(f"; and {200_000 - SHOWN_PROBLEMS} more row(s) with problems")


def test_importing_70k_distinct_unknown_ids_is_one_error(workspace):
    """PostgreSQL takes at most 65,535 parameters in one statement: the lookups are asked in bounded lists."""
    from hotlist.models.db import session_scope
    from hotlist.models.outcomes import import_outcomes
    from hotlist.pipeline.errors import InvalidOutcomes
    from hotlist.pipeline.calls.outcomes import OutcomeEntry
    from hotlist.settings import get_settings

    entries = [OutcomeEntry(i + 2, 1_000_000 + i, None, "hung-up", None, f"{i:064x}") for i in range(70_000)]
    with pytest.raises(InvalidOutcomes) as error:
        with session_scope(get_settings().db_url) as session:
            import_outcomes(session, entries, source="calls.csv")
    assert str(error.value).startswith("calls.csv: row 2: no candidate with id 1000000; row 3:")
    assert str(error.value).endswith("; and 69990 more row(s) with problems")
