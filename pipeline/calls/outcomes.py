"""Call outcomes a recruiter records, read back from filled-in call lists, and learned from.

``do-not-call`` is honoured forever. A call list (CSV or XLSX, as exported) whose
``outcome`` column the recruiter filled in is read by :func:`read_outcome_file`;
each row gets an import key, so importing the same file twice records nothing new.

Once enough calls have a clear result (:data:`POSITIVE` or :data:`NEGATIVE`),
:func:`fit_outcome_model` fits a logistic regression from the ranking features
of those (candidate, job) pairs to the result; the ranking blends its
probability into the score (see ``pipeline.ranking``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hotlist.pipeline.errors import InvalidOutcomes
from hotlist.pipeline.calls.people import names_conflict, normalise_email, normalise_name

__all__ = [
    "DO_NOT_CALL",
    "MODEL_FEATURES",
    "NEGATIVE",
    "OUTCOMES",
    "POSITIVE",
    "OutcomeEntry",
    "OutcomeModel",
    "StoredPerson",
    "blend_changes",
    "describe_changes",
    "fit_outcome_model",
    "identity_mismatch",
    "normalise_outcome",
    "read_outcome_file",
    "training_label",
    "parse_candidate_id",
]

OUTCOMES = ("no-answer", "left-voicemail", "interested", "not-interested", "not-now", "hung-up", "do-not-call", "placed")
DO_NOT_CALL = "do-not-call"
POSITIVE = frozenset({"interested", "placed"})
"""Results that say the match was good: the model learns these as 1."""
NEGATIVE = frozenset({"not-interested", "hung-up"})
"""Results that say it was not: learned as 0. No answer, voicemail, not-now and do-not-call teach nothing about fit."""
MODEL_FEATURES = ("must", "nice", "text", "title", "years", "location")
NEUTRAL = 0.5  # a feature a job does not use, as the model sees it

_ALIASES = {
    "dnc": DO_NOT_CALL, "do not call": DO_NOT_CALL, "no answer": "no-answer", "na": "no-answer",
    "voicemail": "left-voicemail", "vm": "left-voicemail", "left voicemail": "left-voicemail",
    "left vm": "left-voicemail", "not interested": "not-interested", "not now": "not-now",
    "hung up": "hung-up", "hangup": "hung-up", "hired": "placed",
}
_HEADERS = {
    "candidate_id": ("candidate_id", "candidate id", "candidate"),
    "job_id": ("job_id", "job id", "job"),
    "outcome": ("outcome", "result"),
    "note": ("note", "notes", "comment", "comments"),
    "last_contacted": ("last_contacted", "last contacted"),
    "name": ("name", "candidate name", "full name"),
    "email": ("email", "e-mail", "email address"),
}


def normalise_outcome(raw: str) -> str | None:
    """The canonical outcome for what a recruiter typed ("No answer", "DNC", "left_voicemail"); None if blank.

    Raises ``ValueError`` for anything else.
    """
    text = " ".join(raw.strip().lower().replace("_", " ").replace("-", " ").split())
    if not text:
        return None
    for outcome in OUTCOMES:
        if text == outcome.replace("-", " "):
            return outcome
    if text in _ALIASES:
        return _ALIASES[text]
    raise ValueError(f"unknown outcome {raw.strip()!r}: use one of {', '.join(OUTCOMES)}")


def training_label(outcome: str) -> int | None:
    """1 for a positive result, 0 for a negative one, None for results that say nothing about fit."""
    return 1 if outcome in POSITIVE else 0 if outcome in NEGATIVE else None


# --------------------------------------------------------------------------- outcome files


@dataclass(frozen=True)
class OutcomeEntry:
    """One filled-in row of a call list: who, which job (None: not about one job), what happened."""

    line: int
    candidate_id: int
    job_id: str | None
    outcome: str
    note: str | None
    key: str
    """sha256 of candidate, job, outcome, note and the row's ``last_contacted``: the same row imports once."""
    name: str | None = None
    """The row's ``name`` and ``email`` cells (None: blank or no such column): checked against the id's candidate."""
    email: str | None = None


def read_outcome_file(path: Path, *, job_id: str | None = None) -> list[OutcomeEntry]:
    """The filled-in rows of a call list (CSV or XLSX); rows with an empty ``outcome`` are skipped.

    The job is the row's ``job_id`` cell, else ``job_id`` (``"-"``: not about one
    job). Raises :class:`InvalidOutcomes` naming the file, row and problem; every
    problem in the file is listed, and nothing is returned if there is one.
    """
    path = Path(path)
    if not path.is_file():
        raise InvalidOutcomes(f"{path}: no such file")
    rows = _xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path)
    try:
        header = next(rows)
    except StopIteration:
        raise InvalidOutcomes(f"{path}: the file is empty") from None
    columns = _columns(path, header)
    entries: list[OutcomeEntry] = []
    problems: list[str] = []
    for line, cells in enumerate(rows, start=2):
        def cell(name: str) -> str:
            index = columns.get(name)
            value = cells[index] if index is not None and index < len(cells) else None
            return _unneutralise("" if value is None else str(value).strip())

        try:
            outcome = normalise_outcome(cell("outcome"))
        except ValueError as exc:
            problems.append(f"row {line}: {exc}")
            continue
        if outcome is None:
            continue
        raw_id = cell("candidate_id")
        try:
            candidate_id = parse_candidate_id(raw_id)
        except ValueError:
            problems.append(f"row {line}: candidate_id {raw_id!r} is not a number")
            continue
        if candidate_id is None:
            problems.append(f"row {line}: candidate_id {raw_id!r} is not a candidate id (a whole number from "
                            "`hotlist candidates`)")
            continue
        job = cell("job_id") or job_id
        if not job:
            problems.append(f"row {line}: no job_id: add a job_id column or pass --job (use '-' for none)")
            continue
        job = None if job == "-" else job
        note = cell("note") or None
        key = hashlib.sha256(
            "\x1f".join([str(candidate_id), job or "-", outcome, note or "", cell("last_contacted")]).encode()
        ).hexdigest()
        entries.append(OutcomeEntry(line, candidate_id, job, outcome, note, key, cell("name") or None,
                                    cell("email") or None))
    if problems:
        raise InvalidOutcomes(f"{path}: " + bounded(problems))
    return entries


@dataclass(frozen=True)
class StoredPerson:
    """Who a candidate id stands for, as stored: every name and email the person is known by (merges included).

    A field a recruiter corrected is left out (``None``): a file exported before the correction shows the old
    value, which says nothing against the id.
    """

    names: tuple[str, ...] | None
    emails: tuple[str, ...] | None


def identity_mismatch(entry: OutcomeEntry, person: StoredPerson) -> str | None:
    """What of the row's name and email contradicts the candidate its id names (``"name and email"``...); None if fine.

    A row passes when its name or its email matches any of the person's (a merged person has several), or when
    nothing can be checked: the recruiter left the cells blank, or nothing is stored to compare with. Names
    match as ``pipeline.people.names_conflict`` says (initials, word order, accents); emails case-insensitively.
    """
    checked: list[tuple[str, bool]] = []
    if entry.name and person.names:
        checked.append(("name", any(_same_name(entry.name, known) for known in person.names)))
    if entry.email and person.emails:
        wanted = normalise_email(entry.email) or entry.email.strip().lower()
        checked.append(("email", any(normalise_email(known) == wanted for known in person.emails)))
    if not checked or any(ok for _, ok in checked):
        return None
    return " and ".join(what for what, _ in checked)


def _same_name(typed: str, known: str) -> bool:
    if normalise_name(typed) and normalise_name(known):
        return not names_conflict(typed, known)
    # Scripts normalise_name does not read (Cyrillic, CJK...): the same words, case aside.
    return " ".join(typed.casefold().split()) == " ".join(known.casefold().split())


# Candidate ids are positive 32-bit integers in every database Hotlist runs on.
MAX_CANDIDATE_ID = 2**31 - 1
# How many problems one error message names before it only counts the rest.
SHOWN_PROBLEMS = 10


def parse_candidate_id(raw: str) -> int | None:
    """A cell as a candidate id: ``"12"`` or a spreadsheet's ``"12.0"``; None for other numbers (``inf``, ``1e20``).

    Raises ``ValueError`` when the cell is not a number at all.
    """
    number = float(raw)
    if not number.is_integer() or not 1 <= number <= MAX_CANDIDATE_ID:
        return None
    return int(number)


def bounded(problems: list[str]) -> str:
    """The first problems, then how many more: one line a terminal can show, however bad the file."""
    shown = "; ".join(problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    return shown + (f"; and {more} more row(s) with problems" if more > 0 else "")


def _columns(path: Path, header: Sequence[object]) -> dict[str, int]:
    names = [_unneutralise(str(h or "")).strip().lower() for h in header]
    columns = {}
    for key, spellings in _HEADERS.items():
        for index, name in enumerate(names):
            if name in spellings:
                columns[key] = index
                break
    missing = [name for name in ("candidate_id", "outcome") if name not in columns]
    if missing:
        raise InvalidOutcomes(f"{path}: no {' or '.join(missing)} column in the first row (found: {', '.join(n for n in names if n)})")
    return columns


def _unneutralise(text: str) -> str:
    """Undo the ``'`` the CSV export puts before text a spreadsheet would run as a formula."""
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text


def _csv_rows(path: Path) -> Iterator[list[str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's "CSV" (not "CSV UTF-8") on Windows
    yield from csv.reader(io.StringIO(text, newline=""))  # notes may hold line breaks inside quotes


def _xlsx_rows(path: Path) -> Iterator[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a bad file
        raise InvalidOutcomes(f"{path}: not a readable XLSX workbook ({exc})") from None
    try:
        for row in workbook.active.iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


# --------------------------------------------------------------------------- learning from outcomes


@dataclass(frozen=True)
class OutcomeModel:
    """A fitted logistic regression over :data:`MODEL_FEATURES`: P(a call ends interested or placed)."""

    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    samples: int
    positives: int

    def probability(self, columns: Mapping[str, np.ndarray]) -> np.ndarray:
        """Vectorised: ``columns[feature]`` are equal-shaped arrays; returns the probability per cell."""
        z = np.full(np.shape(next(iter(columns.values()))), self.intercept, dtype=np.float64)
        for name, coef in zip(self.features, self.coef):
            z += coef * np.asarray(columns[name], dtype=np.float64)
        return 1.0 / (1.0 + np.exp(-z))

    def describe(self) -> str:
        """One line: how many outcomes it learned from and what it learned, e.g. ``must +1.9, text +0.4``."""
        weights = ", ".join(f"{n} {c:+.2f}" for n, c in sorted(zip(self.features, self.coef), key=lambda p: -abs(p[1])))
        return f"fitted on {self.samples} outcomes ({self.positives} interested or placed): {weights}"


def fit_outcome_model(
    samples: Sequence[tuple[Mapping[str, float], str]], *, min_samples: int
) -> OutcomeModel | None:
    """Fit on ``(features, outcome)`` pairs; None with fewer than ``min_samples`` labelled pairs or one class only.

    Features a pair lacks (a job with no nice-to-haves...) count as 0.5. Classes are
    balanced, so a run of "not interested" does not swamp a few placements.
    """
    from sklearn.linear_model import LogisticRegression

    rows, labels = [], []
    for features, outcome in samples:
        label = training_label(outcome)
        if label is None:
            continue
        rows.append([_value(features.get(name)) for name in MODEL_FEATURES])
        labels.append(label)
    if len(labels) < max(min_samples, 2) or len(set(labels)) < 2:
        return None
    model = LogisticRegression(class_weight="balanced", max_iter=1000)
    model.fit(np.asarray(rows, dtype=np.float64), np.asarray(labels))
    return OutcomeModel(
        features=MODEL_FEATURES,
        coef=tuple(round(float(c), 4) for c in model.coef_[0]),
        intercept=round(float(model.intercept_[0]), 4),
        samples=len(labels),
        positives=int(sum(labels)),
    )


def _value(value: float | None) -> float:
    if value is None or not isinstance(value, (int, float)) or not math.isfinite(value):
        return NEUTRAL
    return float(value)


def blend_changes(ranked: Mapping[str, Sequence[Any]], *, top: int = 10) -> dict[str, dict[str, Any]]:
    """How blending the outcome model moved each job's top ``top`` (rows carry ``features["rank_without_model"]``).

    Per job: ``moved`` (rows in the top whose rank changed), ``entered`` (rows now in
    the top that were below it), and ``biggest`` (candidate id, rank without, rank with).
    """
    report: dict[str, dict[str, Any]] = {}
    for job_id, rows in ranked.items():
        shown = [r for r in rows[:top] if "rank_without_model" in r.features]
        if not shown:
            continue
        before = [(r.candidate_id, int(r.features["rank_without_model"]), r.rank) for r in shown]
        moved = [b for b in before if b[1] != b[2]]
        biggest = max(moved, key=lambda b: (abs(b[1] - b[2]), -b[2]), default=None)
        report[job_id] = {
            "moved": len(moved),
            "entered": sum(1 for b in before if b[1] > top),
            "biggest": list(biggest) if biggest else None,
            "top": len(shown),
        }
    return report


def describe_changes(changes: Mapping[str, Any]) -> str:
    """One line per :func:`blend_changes` entry, e.g. ``3 of the top 10 moved, 1 new in it; biggest: candidate 7 5 -> 2``."""
    line = f"{changes['moved']} of the top {changes['top']} moved, {changes['entered']} new in it"
    if changes.get("biggest"):
        cid, was, now = changes["biggest"]
        line += f"; biggest: candidate {cid} {was} -> {now}"
    return line
