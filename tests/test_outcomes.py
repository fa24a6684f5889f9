"""Call outcomes: what a recruiter types, filled-in call lists read back, and the model learned from them."""

from __future__ import annotations

import csv

import numpy as np
import openpyxl
import pytest

from hotlist.pipeline.errors import InvalidOutcomes
from hotlist.pipeline.calls.export import CALL_LIST_COLUMNS, CallListRow, write_call_list_csv, write_call_list_xlsx
from hotlist.pipeline.calls.outcomes import (
    MODEL_FEATURES,
    OUTCOMES,
    blend_changes,
    describe_changes,
    fit_outcome_model,
    normalise_outcome,
    read_outcome_file,
    training_label,
)
from hotlist.pipeline.rank.ranking import RankedCandidate


@pytest.mark.parametrize(
    ("typed", "outcome"),
    [("No answer", "no-answer"), ("DNC", "do-not-call"), ("left_voicemail", "left-voicemail"), ("VM", "left-voicemail"),
     ("  Interested ", "interested"), ("not interested", "not-interested"), ("Hired", "placed"), ("", None)],
)
def test_normalise_outcome(typed, outcome):
    assert normalise_outcome(typed) == outcome


def test_unknown_outcome_names_the_choices():
    with pytest.raises(ValueError, match=r"unknown outcome 'maybe': use one of no-answer, left-voicemail"):
        normalise_outcome("maybe")


def test_only_clear_results_teach_the_model():
    assert [training_label(o) for o in OUTCOMES] == [None, None, 1, 0, None, 0, None, 1]


def _rows():
    return [
        CallListRow(rank=1, candidate_id=42, name="Ana", phone="+15125550100", email=None, score=0.9, job_id="py-dev",
                    last_contacted="2025-01-02"),
        CallListRow(rank=2, candidate_id=7, name="=cmd()", phone=None, email=None, score=0.5, job_id="py-dev"),
        CallListRow(rank=3, candidate_id=9, name="Zoë", phone=None, email=None, score=0.2, job_id="py-dev"),
    ]


def _fill(path, fills: dict[int, tuple[str, str]]):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for index, (outcome, note) in fills.items():
        rows[index]["outcome"], rows[index]["note"] = outcome, note
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CALL_LIST_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_reads_an_exported_csv_the_recruiter_filled_in(tmp_path):
    path = _fill(write_call_list_csv(_rows(), tmp_path / "py-dev.csv"),
                 {0: ("Interested", "call back Tue"), 2: ("dnc", "")})

    entries = read_outcome_file(path)

    assert [(e.line, e.candidate_id, e.job_id, e.outcome, e.note) for e in entries] == [
        (2, 42, "py-dev", "interested", "call back Tue"), (4, 9, "py-dev", "do-not-call", None)]
    assert entries[0].key != read_outcome_file(path)[1].key
    assert [e.key for e in read_outcome_file(path)] == [e.key for e in entries]  # stable: re-import is a no-op


def test_reads_a_filled_in_xlsx(tmp_path):
    path = write_call_list_xlsx(_rows(), tmp_path / "py-dev.xlsx", title="Python dev")
    wb = openpyxl.load_workbook(path)
    outcome_col = CALL_LIST_COLUMNS.index("outcome") + 1
    wb.active.cell(row=3, column=outcome_col).value = "not-interested"
    wb.active.cell(row=3, column=outcome_col + 1).value = "happy where they are"
    wb.save(path)

    (entry,) = read_outcome_file(path)

    assert (entry.candidate_id, entry.outcome, entry.note) == (7, "not-interested", "happy where they are")


def test_job_from_the_option_when_the_file_has_no_job_column(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("candidate_id,outcome\n5,no answer\n6,\n", encoding="utf-8")

    assert [(e.candidate_id, e.job_id) for e in read_outcome_file(path, job_id="py-dev")] == [(5, "py-dev")]
    assert read_outcome_file(path, job_id="-")[0].job_id is None
    with pytest.raises(InvalidOutcomes, match=r"row 2: no job_id: add a job_id column or pass --job"):
        read_outcome_file(path)


def test_every_problem_is_named_and_nothing_is_read(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("candidate_id,job_id,outcome\n5,x,maybe\nabc,x,interested\n7,x,placed\n", encoding="utf-8")

    with pytest.raises(InvalidOutcomes) as excinfo:
        read_outcome_file(path)

    assert str(excinfo.value) == (
        f"{path}: row 2: unknown outcome 'maybe': use one of {', '.join(OUTCOMES)}; "
        "row 3: candidate_id 'abc' is not a number"
    )


def test_a_file_without_the_columns_is_refused(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("name,phone\nAna,555\n", encoding="utf-8")

    with pytest.raises(InvalidOutcomes, match=r"no candidate_id or outcome column in the first row \(found: name, phone\)"):
        read_outcome_file(path)
    with pytest.raises(InvalidOutcomes, match="no such file"):
        read_outcome_file(tmp_path / "missing.csv")


def test_excel_cp1252_csv_is_read(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_bytes("candidate_id,job_id,outcome,note\n5,x,interested,très motivé\n".encode("cp1252"))

    assert read_outcome_file(path)[0].note == "très motivé"


def _samples(n_pos: int, n_neg: int, seed: int = 1):
    rng = np.random.default_rng(seed)
    good = [({"must": rng.uniform(0.7, 1), "text": rng.uniform(0.3, 1), "years": 1.0}, "interested") for _ in range(n_pos)]
    bad = [({"must": rng.uniform(0, 0.5), "text": rng.uniform(0, 0.6), "years": 0.5}, "not-interested") for _ in range(n_neg)]
    return good + bad + [({"must": 1.0}, "no-answer")] * 5


def test_no_model_until_enough_clear_outcomes():
    assert fit_outcome_model(_samples(10, 9), min_samples=20) is None  # 19 labelled; no-answers do not count
    assert fit_outcome_model(_samples(20, 0), min_samples=10) is None  # one class only


def test_model_learns_which_features_predict_interest():
    model = fit_outcome_model(_samples(20, 20), min_samples=30)

    assert model is not None and (model.samples, model.positives) == (40, 20)
    assert model.features == MODEL_FEATURES
    coef = dict(zip(model.features, model.coef))
    assert coef["must"] > 0
    p = model.probability({name: np.array([[1.0, 0.1]]) for name in MODEL_FEATURES})
    assert p.shape == (1, 2) and p[0, 0] > p[0, 1]
    assert model.describe().startswith("fitted on 40 outcomes (20 interested or placed): must +")


def _ranked(cid: int, rank: int, before: int) -> RankedCandidate:
    return RankedCandidate(cid, "j", rank, 0.5, [], [], [], [], "", {"rank_without_model": float(before)}, "r")


def test_blend_changes_report_moves_in_the_top():
    report = blend_changes({"j": [_ranked(7, 1, 3), _ranked(1, 2, 1), _ranked(2, 3, 2), _ranked(9, 4, 12)]}, top=4)

    assert report == {"j": {"moved": 4, "entered": 1, "biggest": [9, 12, 4], "top": 4}}
    assert describe_changes(report["j"]) == "4 of the top 4 moved, 1 new in it; biggest: candidate 9 12 -> 4"
    assert blend_changes({"j": [RankedCandidate(1, "j", 1, 0.5, [], [], [], [], "", {}, "r")]}) == {}


def test_notes_with_line_breaks_survive(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text('candidate_id,job_id,outcome,note\n5,x,interested,"call back\nafter 5pm"\n', encoding="utf-8")

    assert read_outcome_file(path)[0].note == "call back\nafter 5pm"
