"""``hotlist eval parse``: matching rules, span realignment, the three dataset formats and the robustness pass,
on small datasets written here (the shared sets are only ever given by path, never copied)."""

from __future__ import annotations

import json
from collections import Counter

from click.testing import CliRunner

from hotlist.cli import main
from hotlist.evaluation.parse import (
    realign,
    label_in_text,
    load_dataset,
    match_sets,
    norm_org,
    same_name,
    same_phone,
    stated_years,
)
from hotlist.pipeline.read.documents import sha256_of
from tests.test_parse_layout import scanned_pdf, two_column_pdf


def test_matching_rules():
    assert norm_org("Infosys Ltd.") == norm_org("INFOSYS LIMITED") == "infosys"
    assert match_sets(["Senior Data Engineer", "Intern"], ["Data Engineer", "data engineer"]) == (1, 2, 1)
    assert match_sets(["Oracle Financial Services Software"], ["Oracle"], org=True) == (0, 1, 1)  # Jaccard 1/4
    assert same_name("IYER Rohan", ["Rohan Iyer"]) and same_name("José Núñez", ["Jose Nunez"])
    assert not same_name(None, ["Rohan Iyer"])
    assert same_phone("+919000012345", "+91-9000012345") and same_phone("+14155550142", "(415) 555-0142")
    assert not same_phone("+14155550142", "+44 415 555 0142")


def test_stated_years():
    assert stated_years(" 6.8 years") == 6.8 and stated_years("15 Months ") == 1.25
    assert stated_years("5 Years 11 Months") == 5.92 and stated_years("7+ years") == 7.0
    assert stated_years("6+ ") == 6.0 and stated_years("2004") is None


def test_realign_spans():
    content = "Jane Doe\nData Engineer - Acme\n"
    stats: Counter = Counter()
    assert realign(content, 0, 7, "Jane Doe", stats) == "Jane Doe"  # end is inclusive
    assert realign(content, 12, 24, "Data Engineer", stats) == "Data Engineer"  # shifted by 3: found nearby
    assert realign(content, 0, 5, "Jane D", stats) == "Jane Doe"  # a span that cuts a word is extended
    assert stats == Counter({"exact": 2, "realigned": 1, "extended to word ends": 1})


def test_labels_missing_from_the_document_are_defects():
    text = "Rohan Iyer\nrohan.iyer@example.in\n+91-9000012345"
    assert label_in_text("email", ["rohan.iyer@example.in"], text)
    assert not label_in_text("email", ["r.iyer@college.example.edu"], text)
    assert label_in_text("phone", "9000012345", text) and label_in_text("name", ["Rohan Iyer"], text)


def _datasets(tmp_path):
    turks = tmp_path / "turks.json"
    content = "tarun vk\nsenior sales coordinator - harbor foods\n\nNagpur, Maharashtra - Email me on Indeed: indeed.com/r/tarun-vk/5f0c1e2d3a4b5c6d\n\nWORK EXPERIENCE\n\nStore Supervisor\n\nCity Mart -  Nagpur, Maharashtra -\n\nJuly 2011 to December 2014\n"

    def span(label, text, shift=0):
        start = content.index(text) + shift
        return {"label": [label], "points": [{"start": start, "end": start + len(text) - 1, "text": text}]}

    row = {"content": content, "annotation": [
        span("Name", "tarun vk"), span("Email Address", "indeed.com/r/tarun-vk/5f0c1e2d3a4b5c6d"),
        span("Designation", "Store Supervisor", shift=2), span("Companies worked at", "City Mart"),
        span("Location", "Nagpur"), span("Years of Experience", "July 2011"),
    ]}
    turks.write_text(json.dumps(row) + "\n" + json.dumps(row) + "\n")  # the second is an exact duplicate
    folder = tmp_path / "expected_set"
    (folder / "expected").mkdir(parents=True)
    two_column_pdf(folder / "priya.pdf")
    (folder / "expected" / "priya.json").write_text(json.dumps({
        "first_name": "Priya", "last_name": "Raman",
        "contact": {"email": "priya.raman@example.com", "phone": "(512) 555-0187", "location": "Austin, TX"},
        "experiences": [{"company": "Northwind Analytics", "title": "Senior Data Engineer", "start_date": "2020-03-01", "end_date": None},
                        {"company": "Bluebird Retail", "title": "Data Engineer", "start_date": "2016-06-01", "end_date": "2020-02-01"}],
        "education": [{"institution": "Lakeshore University", "degree": "M.S."}],
    }))
    (folder / "expected" / "missing.json").write_text("{}")
    (folder / "expected" / "broken.json").write_text("")
    truth = tmp_path / "ground_truth.json"
    truth.write_text(json.dumps([{
        "file": "expected_set/priya.pdf", "name": "Priya Raman", "email": "priya.raman@example.com",
        "phone_e164": "+15125550187", "location": "Austin, TX",
        "experience": [{"title": "Senior Data Engineer", "employer": "Northwind Analytics", "start": "2020-03", "end": None, "current": True}],
        "education": [{"degree": "M.S.", "field": "Computer Science", "school": "Lakeshore University", "year": 2016}],
    }]))
    return turks, folder, truth


def test_dataset_formats_are_recognised(tmp_path):
    turks, folder, truth = _datasets(tmp_path)
    kind, cases, note = load_dataset(turks)
    assert kind == "DataTurks" and len(cases) == 1 and note.startswith("1 resumes (1 exact duplicate dropped)")
    gold = cases[0].gold
    assert gold["name"] == ["tarun vk"] and gold["handle"] == ["indeed.com/r/tarun-vk/5f0c1e2d3a4b5c6d"]
    assert gold["title"] == ["Store Supervisor"] and gold["email"] is None and gold["years"] is None
    kind, cases, note = load_dataset(folder)
    assert kind == "expected JSON" and [c.key for c in cases] == ["priya.pdf"]
    assert "broken.json: unreadable JSON" in note and "missing.json: no document" in note
    kind, cases, _ = load_dataset(truth)
    assert kind == "ground truth" and cases[0].path.name == "priya.pdf"


def test_eval_parse_prints_a_table_per_dataset(tmp_path):
    turks, folder, truth = _datasets(tmp_path)
    result = CliRunner().invoke(main, ["eval", "parse", str(turks), str(folder), str(truth)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.count("field                     n  accuracy  precision  recall      F1  target") == 3
    assert "name                      1     1.000      1.000   1.000       -  acc ≥ 0.93 met" in out
    assert "email (Indeed link)       1     1.000" in out
    assert "phone                     0         -          -       -       -  not labelled" in out
    assert "years (±1 year)           1     1.000" in out  # the expected set: its jobs' dates
    assert "employer                  1         -      1.000   1.000   1.000  F1 ≥ 0.70 met" in out


def test_robustness_pass_counts_and_checks_the_inventory(tmp_path):
    folder = tmp_path / "resumes"
    folder.mkdir()
    text_pdf = two_column_pdf(folder / "text.pdf")
    scan = scanned_pdf(folder / "scan.pdf")
    (folder / "MANIFEST.json").write_text("[]")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    inventory = tmp_path / "INVENTORY.csv"
    inventory.write_text(
        "file,text_quality,sha256\n"
        f"resumes/text.pdf,ok,{sha256_of(text_pdf)[:16]}\n"
        f"resumes/scan.pdf,NO_TEXT(image-only),{sha256_of(scan)[:16]}\n"
    )
    result = CliRunner().invoke(main, ["eval", "parse", "--robustness", str(folder), "--inventory", str(inventory)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].endswith("4 files, 3 resume files (PDF/DOCX/TXT/DOC), 1 other files skipped")
    assert lines[2] == "  ok: 1, needs_review: 0, quarantined: 2, crashed: 0"
    assert "  image-only files flagged: 1/1; text found: 1/1; not in the inventory: 1" in lines


def test_eval_parse_needs_something_to_do():
    result = CliRunner().invoke(main, ["eval", "parse"])
    assert result.exit_code == 2 and "give at least one DATASET or --robustness DIR" in result.output
