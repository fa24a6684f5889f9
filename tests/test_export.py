"""Call-list files: CSV and XLSX, formula-injection safe, written atomically."""

from __future__ import annotations

import csv
import os

import zipfile

import openpyxl
import pytest

from hotlist.pipeline.calls.export import (
    CALL_LIST_COLUMNS,
    CallListRow,
    Changes,
    compare_with_previous,
    rows_for_job,
    write_call_list_csv,
    write_call_list_xlsx,
)
from hotlist.pipeline.rank.ranking import CandidateProfile, JobProfile, rank_candidates

ROWS = [
    CallListRow(
        rank=1,
        candidate_id=42,
        name="Ana Lima",
        phone="(512) 555-0100",
        email="ana@example.com",
        score=0.912,
        matched_skills=["Python", "PostgreSQL", "AWS", "Docker"],
        missing_skills=[],
        reason="Has all 3 must-haves (Python, PostgreSQL, AWS), 7.5 yrs (5 required); also Docker",
        location="Austin, TX",
        years_experience=7.5,
        source_file="inbox/ana_lima.pdf",
    ),
    CallListRow(
        rank=2,
        candidate_id=7,
        name='=HYPERLINK("http://evil.example","Click me")',
        phone="+1 512 555 0199",
        email="@attacker",
        score=0.5,
        matched_skills=["Python"],
        missing_skills=["-AWS", "PostgreSQL"],
        reason="Missing AWS, PostgreSQL; has Python; years unknown",
        location=None,
        years_experience=None,
        source_file="\tinbox/odd.docx",
    ),
    CallListRow(rank=3, candidate_id=9, name="Zoë Ünal", phone=None, email=None, score=0.25),
]


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_csv_round_trip(tmp_path):
    path = write_call_list_csv(ROWS, tmp_path / "backend.csv")

    header, first, second, third = read_csv(path)

    assert header == CALL_LIST_COLUMNS
    assert first == [
        "1", "42", "Ana Lima", "(512) 555-0100", "ana@example.com", "0.912",
        "Python; PostgreSQL; AWS; Docker", "",
        "Has all 3 must-haves (Python, PostgreSQL, AWS), 7.5 yrs (5 required); also Docker",
        "Austin, TX", "7.5", "inbox/ana_lima.pdf",
        "", "", "", "", "", "", "", "", "", "", "", "",
    ]  # fmt: skip
    assert third == ["3", "9", "Zoë Ünal", "", "", "0.25"] + [""] * (len(CALL_LIST_COLUMNS) - 6)
    assert len(second) == len(CALL_LIST_COLUMNS)


def test_csv_starts_with_a_bom_for_excel(tmp_path):
    path = write_call_list_csv(ROWS[:1], tmp_path / "x.csv")

    assert path.read_bytes().startswith(b"\xef\xbb\xbfrank,candidate_id,")


def test_csv_neutralises_formula_injection(tmp_path):
    path = write_call_list_csv(ROWS, tmp_path / "x.csv")

    row = dict(zip(CALL_LIST_COLUMNS, read_csv(path)[2]))

    assert row["name"] == "'=HYPERLINK(\"http://evil.example\",\"Click me\")"
    # Issue 13: a phone written with its country code goes out in national format beside the country, with no
    # apostrophe for a recruiter to see (it was "'+1 512 555 0199").
    assert (row["phone"], row["phone_country"]) == ("(512) 555-0199", "US +1")
    assert row["email"] == "'@attacker"
    assert row["missing_skills"] == "'-AWS; PostgreSQL"
    assert row["source_file"] == "'\tinbox/odd.docx"
    assert row["reason"] == "Missing AWS, PostgreSQL; has Python; years unknown"  # not touched


def test_xlsx_header_frozen_filtered_and_sized(tmp_path):
    path = write_call_list_xlsx(ROWS, tmp_path / "backend.xlsx", title="Backend: Python [Austin]")

    ws = openpyxl.load_workbook(path).active

    assert [c.value for c in ws[1]] == CALL_LIST_COLUMNS
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:X4"  # 24 columns since issue 13 (contact, phone_country)
    assert ws.title == "Backend Python Austin"
    assert ws.column_dimensions["I"].width == 60  # the reason column, capped
    assert ws.column_dimensions["A"].width == len("rank") + 2
    assert ws.max_row == 4


def test_xlsx_keeps_numbers_as_numbers_and_formulas_as_text(tmp_path):
    path = write_call_list_xlsx(ROWS, tmp_path / "x.xlsx", title="Backend")

    ws = openpyxl.load_workbook(path).active
    values = {name: ws.cell(row=3, column=col) for col, name in enumerate(CALL_LIST_COLUMNS, start=1)}

    assert values["name"].data_type == "s"
    assert values["name"].value == "=HYPERLINK(\"http://evil.example\",\"Click me\")"
    assert values["phone"].value == "+1 512 555 0199"
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula anywhere: the text is an inline string
    assert '<c r="C3" t="inlineStr"><is><t>=HYPERLINK(' in sheet_xml
    assert (values["rank"].value, values["candidate_id"].value, values["score"].value) == (2, 7, 0.5)
    assert values["score"].data_type == "n" and values["score"].number_format == "0.000"
    assert values["years_experience"].value is None
    assert ws.cell(row=2, column=11).value == 7.5


def test_xlsx_drops_control_characters_openpyxl_cannot_store(tmp_path):
    row = CallListRow(rank=1, candidate_id=1, name="Ana\x07 Lima\x00", phone=None, email=None, score=1.0)

    ws = openpyxl.load_workbook(write_call_list_xlsx([row], tmp_path / "x.xlsx", title="t")).active

    assert ws["C2"].value == "Ana Lima"


@pytest.mark.parametrize("writer", ["csv", "xlsx"])
def test_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, writer):
    path = tmp_path / f"list.{writer}"
    write = {
        "csv": write_call_list_csv,
        "xlsx": lambda rows, p: write_call_list_xlsx(rows, p, title="t"),
    }[writer]
    write(ROWS, path)
    before = path.read_bytes()

    def rows_then_crash():
        yield ROWS[0]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="database went away"):
        write(rows_then_crash(), path)

    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == [path.name]


def test_new_file_gets_umask_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        path = write_call_list_csv(ROWS, tmp_path / "x.csv")
    finally:
        os.umask(old)

    assert path.stat().st_mode & 0o777 == 0o644


def test_rows_from_a_ranking():
    job = JobProfile(
        id="j", title="Backend", must_have=(("py", "Python"), ("aws", "AWS")), nice_to_have=(("dk", "Docker"),)
    )
    ben = CandidateProfile(2, "Ben", "Python", frozenset({"py", "dk"}), {}, 3.0, "Dallas, TX", ())
    ranked = rank_candidates([ben], [job])["j"]

    rows = rows_for_job(ranked, {2: {"name": "Ben", "phone": "555-0100", "source_file": "ben.pdf"}})

    assert rows == [
        CallListRow(
            rank=1,
            candidate_id=2,
            name="Ben",
            phone="555-0100",
            email=None,
            score=ranked[0].score,
            matched_skills=["Python", "Docker"],
            missing_skills=["AWS"],
            reason="Missing AWS; has Python; 3.0 yrs; also Docker",
            source_file="ben.pdf",
            ask_about=["AWS"],
            job_id="j",
        )
    ]


def test_call_list_has_the_columns_a_recruiter_acts_on():
    for column in ("change", "why_not_higher", "ask_about", "last_contacted", "last_outcome", "needs_review",
                   "cooldown_until", "job_id", "outcome", "note", "location", "years_experience"):
        assert column in CALL_LIST_COLUMNS
    # The recruiter fills in the last two; the import reads them back.
    assert CALL_LIST_COLUMNS[-2:] == ["outcome", "note"]


def test_xlsx_links_the_resume_file_and_offers_the_outcomes(tmp_path):
    resume = tmp_path / "ana lima.pdf"
    resume.write_bytes(b"%PDF-1.4")
    rows = [CallListRow(rank=1, candidate_id=42, name="Ana", phone=None, email=None, score=0.9, source_file=str(resume)),
            CallListRow(rank=2, candidate_id=7, name="Ben", phone=None, email=None, score=0.5, source_file="relative.pdf")]

    ws = openpyxl.load_workbook(write_call_list_xlsx(rows, tmp_path / "x.xlsx", title="t")).active

    col = CALL_LIST_COLUMNS.index("source_file") + 1
    assert ws.cell(row=2, column=col).hyperlink.target == resume.as_uri()
    assert ws.cell(row=3, column=col).hyperlink is None  # no absolute path, no link
    validation = ws.data_validations.dataValidation[0]
    assert validation.formula1 == '"no-answer,left-voicemail,interested,not-interested,not-now,hung-up,do-not-call,placed"'
    outcome_letter = openpyxl.utils.get_column_letter(CALL_LIST_COLUMNS.index("outcome") + 1)
    assert str(validation.sqref).startswith(f"{outcome_letter}2:")


def test_changes_since_the_previous_export():
    rows = [CallListRow(rank=i, candidate_id=cid, name=None, phone=None, email=None, score=1 - i / 10)
            for i, cid in enumerate([5, 1, 2, 9], start=1)]

    changes = compare_with_previous(rows, {1: 1, 2: 2, 5: 3, 7: 4, 9: 4})

    assert [r.change for r in rows] == ["up 2", "down 1", "down 1", "same"]
    assert changes == Changes(new=0, up=1, down=2, same=1, gone=(7,))
    assert changes.summary() == "1 moved up, 2 moved down, 1 gone"
    fresh = [CallListRow(rank=1, candidate_id=3, name=None, phone=None, email=None, score=1.0)]
    assert compare_with_previous(fresh, {}).summary() == "1 new"
    assert compare_with_previous(fresh, None) == Changes(first=True) and fresh[0].change == ""
    assert Changes(first=True).summary() == "first export"


def test_xlsx_says_what_changed(tmp_path):
    changes = Changes(new=2, up=1, down=0, same=3, gone=(7,))

    wb = openpyxl.load_workbook(write_call_list_xlsx(ROWS, tmp_path / "x.xlsx", title="t", changes=changes,
                                                     gone_names={7: "Gone Person"}))

    sheet = wb["Changes"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["Since the previous export", "2 new, 1 moved up, 1 gone"]
    assert ["gone", 1] in values and [7, "Gone Person"] in values
