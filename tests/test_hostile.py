"""Hostile inputs through the real ingest flow, in one batch with good resumes.

The corpus is generated here (``tests/hostile_corpus.py``): broken, encrypted, mislabelled,
oversized and bomb files, hostile names, a symlink out of the inbox and a named pipe. Each bad file must
end quarantined with its own readable reason, within the per-file time and memory limits,
and the good files in the same batch must be stored.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from hotlist.pipeline.read.quarantine import printable
from tests.conftest import SAMPLES
from tests.hostile_corpus import PIPE_NAME, build_corpus

pytestmark = pytest.mark.flow
LIMITS = {"HOTLIST_PARSE_TIMEOUT_SECONDS": "10", "HOTLIST_PARSE_MEMORY_MB": "512", "HOTLIST_MAX_FILE_MB": "2",
          "HOTLIST_PARSE_WORKERS": "2", "HOTLIST_BATCH_SIZE": "8"}
GOOD = ["02_daniel_reyes.pdf", "09_elena_marchetti.docx", "14_ravi_shankar.pdf"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path, dict[bytes, str | None]]:
    root = tmp_path_factory.mktemp("hostile")
    inbox, outside = root / "inbox", root / "outside"
    expected = build_corpus(inbox, outside, max_file_mb=float(LIMITS["HOTLIST_MAX_FILE_MB"]))
    for name in GOOD:
        shutil.copy(SAMPLES / name, inbox / name)
        expected[name.encode()] = None
    return inbox, outside, expected


def test_hostile_corpus_is_quarantined_with_reasons_and_good_files_are_stored(
        corpus, workspace, prefect_harness, monkeypatch):
    from hotlist.flows.ingest import ingest
    from hotlist.settings import get_settings
    from hotlist.models.db import session_scope
    from hotlist.models.orm import Candidate, Document

    inbox, outside, expected = corpus
    for key, value in LIMITS.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    started = time.monotonic()
    summary = ingest([str(inbox)], label="hostile")
    elapsed = time.monotonic() - started

    with session_scope(get_settings().db_url) as session:
        documents = {d.filename: d for d in session.scalars(select(Document))}
        candidates = {c.id: c for c in session.scalars(select(Candidate))}
        by_name = {printable(os.fsdecode(name)): reason for name, reason in expected.items()}
        assert sorted(documents) == sorted(by_name), (
            f"every file is one document, under a printable name: {set(documents) ^ set(by_name)}")
        problems = []
        for name, fragment in by_name.items():
            document = documents[name]
            if fragment is None:
                if document.status not in {"ok", "needs_review"} or document.candidate_id not in candidates:
                    problems.append(f"{name!r} should be stored: {document.status} {document.reason}")
            elif document.status != "quarantined" or fragment not in (document.reason or ""):
                problems.append(f"{name!r} should be quarantined with {fragment!r}: {document.status} {document.reason}")
        assert not problems, "\n".join(problems)
        reasons = [documents[n].reason for n, f in by_name.items() if f is not None]
        # Every bad file has a specific reason (the two program files share theirs, as they should).
        assert len(set(reasons)) == len(reasons) - 1
        assert not any(r.startswith("could not be read") or "crashed" in r for r in reasons)

    assert summary.quarantined == sum(1 for f in expected.values() if f is not None)
    # Bounded: the slowest file is cut at the 10 s timeout; the batch takes far less than the sum.
    assert elapsed < 120, f"the hostile batch took {elapsed:.0f} s"

    quarantine = get_settings().quarantine_path
    reason_files = list(quarantine.glob("*.reason.txt"))
    assert len(reason_files) == summary.quarantined
    assert all("\n" not in p.name and not p.name.startswith("-") for p in quarantine.iterdir())
    # The named pipe was skipped without blocking the batch, and left as it was.
    pipe = inbox / PIPE_NAME
    assert pipe.exists() and not pipe.is_file() and pipe.name not in documents
    # The symlink's target was never read or copied.
    secret = (outside / "secret.pdf").read_bytes()
    assert not any(p.read_bytes() == secret for p in quarantine.iterdir() if p.is_file())
    assert (inbox / "link_outside.pdf").is_symlink()

    # Idempotent: a second run adds nothing and quarantines nothing again.
    again = ingest([str(inbox)], label="hostile-again")
    assert (again.added, again.updated, again.quarantined) == (0, 0, 0)


def test_a_link_named_directly_is_refused_too(tmp_path):
    from hotlist.pipeline.read.files import LINK_OUTSIDE_REASON, links_outside

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (tmp_path / "outside.pdf").write_bytes(b"%PDF-1.4")
    (inbox / "inside.pdf").write_bytes(b"%PDF-1.4")
    os.symlink(tmp_path / "outside.pdf", inbox / "out.pdf")
    os.symlink(inbox / "inside.pdf", inbox / "in.pdf")
    os.symlink(tmp_path / "missing.pdf", inbox / "dangling.pdf")
    files = [inbox / "out.pdf", inbox / "in.pdf", inbox / "dangling.pdf", inbox / "inside.pdf"]
    assert links_outside(files, []) == {inbox / "out.pdf": LINK_OUTSIDE_REASON, inbox / "dangling.pdf": LINK_OUTSIDE_REASON}
    assert links_outside(files, [inbox]) == links_outside(files, [])


@pytest.mark.parametrize("name, shown", [("bad\udcff\udcfe.pdf", "bad\ufffd\ufffd.pdf"), ("new\nline.pdf", "new\\nline.pdf"),
                                         ("--help.pdf", "--help.pdf"), ("ok é.pdf", "ok é.pdf")])
def test_printable_names(name, shown):
    assert printable(name) == shown
