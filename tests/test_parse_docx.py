"""DOCX text in document order: headers, footers, tables (nested too), text boxes read once; legacy .doc."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Pt

from hotlist.pipeline.read.documents import read_document
from hotlist.pipeline.errors import UnreadableDocument
from hotlist.pipeline.parse.resume import parse_file

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_BOX = f"""
<w:r xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
     xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml">
  <mc:AlternateContent>
    <mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>
      <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>
        <w:txbxContent>{{paragraphs}}</w:txbxContent>
      </wps:txbx></wps:wsp></a:graphicData>
    </a:graphic></wp:anchor></w:drawing></mc:Choice>
    <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{{paragraphs}}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
  </mc:AlternateContent>
</w:r>
"""


def _box(lines: list[str]) -> str:
    return "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)


def designed_docx(path: Path) -> Path:
    """A Word resume the way templates make them: name as Title, contacts in a header and a text box,
    work history in a table, a sidebar in a layout table with a nested table, a footer."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "kwame.mensah@example.com | +233 24 555 0147"
    document.sections[0].footer.paragraphs[0].text = "References available on request"
    document.add_paragraph("Kwame Mensah", style="Title")
    anchor = document.add_paragraph("Supply Chain Analyst")
    anchor._p.append(parse_xml(TEXT_BOX.replace("{paragraphs}", _box(["Accra, Ghana", "linkedin.com/in/kwamemensah"]))))
    document.add_paragraph("WORK EXPERIENCE")
    jobs = document.add_table(rows=2, cols=2)
    for row, (header, dates) in zip(jobs.rows, [("Supply Chain Analyst, Volta Logistics", "Feb 2020 - Present"),
                                                ("Procurement Officer, Accra Breweries Ltd", "Jan 2017 - Jan 2020")]):
        row.cells[0].text, row.cells[1].text = header, dates
    document.add_paragraph("EDUCATION")
    layout = document.add_table(rows=1, cols=2)
    left, right = layout.rows[0].cells
    left.text = "BSc in Logistics"
    left.add_paragraph("Kwame Nkrumah University of Science and Technology")
    left.add_paragraph("2016")
    nested = right.add_table(rows=1, cols=2)
    nested.cell(0, 0).text, nested.cell(0, 1).text = "LANGUAGES", "English, Twi, French"
    path = Path(path)
    document.save(str(path))
    return path


def test_docx_reads_header_text_box_tables_and_footer_once(tmp_path):
    doc = read_document(designed_docx(tmp_path / "cv.docx"))
    lines = [ln for ln in doc.text.splitlines() if ln.strip()]
    assert lines[0] == "kwame.mensah@example.com | +233 24 555 0147"  # the page header comes first
    assert lines[-1] == "References available on request"  # the footer last
    assert lines.count("Accra, Ghana") == 1, "a text box is read once (its legacy copy is skipped)"
    assert lines.index("Supply Chain Analyst") < lines.index("Accra, Ghana") < lines.index("WORK EXPERIENCE")
    assert "Supply Chain Analyst, Volta Logistics   Feb 2020 - Present" in lines  # one table row, one line
    assert "LANGUAGES   English, Twi, French" in lines  # a nested table
    assert doc.headline == ("Kwame Mensah",)


def test_docx_every_field(tmp_path):
    outcome = parse_file(designed_docx(tmp_path / "cv.docx"), skill_nlp=None, as_of=date(2024, 6, 1))
    r = outcome.resume
    assert outcome.status == "ok" and outcome.kind == "docx"
    assert (r.name, r.emails, r.phones, r.location) == (
        "Kwame Mensah", ["kwame.mensah@example.com"], ["+233245550147"], "Accra, Ghana")
    assert r.links == ["https://linkedin.com/in/kwamemensah"]
    assert [(e.title, e.employer, e.start, e.end, e.current) for e in r.experience] == [
        ("Supply Chain Analyst", "Volta Logistics", "2020-02", None, True),
        ("Procurement Officer", "Accra Breweries Ltd", "2017-01", "2020-01", False),
    ]
    assert [(e.degree, e.field, e.school, e.year) for e in r.education] == [
        ("BSc", "Logistics", "Kwame Nkrumah University of Science and Technology", 2016)]
    assert r.languages == ["English", "Twi", "French"]
    assert r.years_experience == 7.5  # Jan 2017 – Jun 2024: 90 months


def test_docx_headline_is_the_largest_text(tmp_path):
    document = docx.Document()
    name = document.add_paragraph().add_run("ZOE CARTER")
    name.font.size = Pt(24)
    for text in ("zoe.carter@example.com", "Summary", "Designer with ten years in print."):
        document.add_paragraph().add_run(text).font.size = Pt(10)
    document.save(str(tmp_path / "z.docx"))
    assert read_document(tmp_path / "z.docx").headline == ("ZOE CARTER",)


def test_legacy_doc_gets_a_clear_reason(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    with pytest.raises(UnreadableDocument) as info:
        read_document(path)
    assert str(info.value) == "a legacy Word .doc (or other old Office) file: save it as DOCX or PDF"
    outcome = parse_file(path, skill_nlp=None)
    assert outcome.status == "quarantined" and outcome.resume is None
