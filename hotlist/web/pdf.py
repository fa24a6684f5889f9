"""The hiring-manager update as a PDF (``hotlist report JOB --format pdf``, ``/jobs/<id>/report.pdf``).

Written with reportlab (pure Python, on PyPI): no browser or other program at run time. Text is set in DejaVu Sans
when the system has it, else in Bitstream Vera (shipped inside reportlab); both embed as Unicode TrueType, so a PDF
reader (and pdfminer) reads the names back as text. Every value is escaped before it meets reportlab's markup.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from hotlist.desk import Report

FONT_FILES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)


def _fonts() -> tuple[str, str]:
    """(regular, bold) font names, registered once per process."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "HotlistSans" in pdfmetrics.getRegisteredFontNames():
        return "HotlistSans", "HotlistSans-Bold"
    import reportlab

    shipped = Path(reportlab.__file__).parent / "fonts"
    pairs = [*FONT_FILES, (str(shipped / "Vera.ttf"), str(shipped / "VeraBd.ttf"))]
    regular, bold = next((r, b) for r, b in pairs if Path(r).is_file() and Path(b).is_file())
    pdfmetrics.registerFont(TTFont("HotlistSans", regular))
    pdfmetrics.registerFont(TTFont("HotlistSans-Bold", bold))
    return "HotlistSans", "HotlistSans-Bold"


def report_pdf(report: Report) -> bytes:
    """The report as PDF bytes: the job, who is interested and the next step, client-named targets, everyone
    approached with each call's date, outcome and note."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = _fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=12)
    head = ParagraphStyle("head", parent=body, fontName=bold, fontSize=16, leading=20, spaceAfter=4)
    section = ParagraphStyle("section", parent=body, fontName=bold, fontSize=12, leading=15, spaceBefore=10, spaceAfter=4)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=11)
    job = report.job

    def p(text: str, style=cell) -> Paragraph:
        return Paragraph(escape(text or ""), style)

    def table(header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
        grid = Table([[Paragraph(f"<b>{escape(h)}</b>", cell) for h in header]] + [[p(v) for v in r] for r in rows],
                     colWidths=[w * mm for w in widths], repeatRows=1)
        grid.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef0f4")),
                                  ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#c9ced6")),
                                  ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return grid

    story = [
        Paragraph(escape(f"{job['title']}: update for the hiring manager"), head),
        p(f"{job['client'] or ''} · {job['location'] or 'no location'} · openings {job['openings']} · "
          f"as of {report.generated:%Y-%m-%d %H:%M} UTC", body),
        Paragraph(escape(f"Interested ({len(report.interested)})"), section),
    ]
    story += [p(f"• {line.name or '(no name)'}: {line.next_step or line.latest.outcome}", body)
              for line in report.interested] or [p("nobody yet", body)]
    if report.targets:
        story += [Paragraph(escape(f"Named by the client ({len(report.targets)})"), section),
                  table(["name", "company", "status"], [[t.target.name, t.target.company, t.status] for t in report.targets],
                        [55, 50, 65])]
    rows = [[line.name or "(no name)", f"{call.when:%Y-%m-%d %H:%M}", call.outcome,
             call.note + (f" (call back {call.callback_on:%Y-%m-%d})" if call.callback_on else "")]
            for line in report.lines for call in line.calls]
    story += [Paragraph(escape(f"Approached ({len(report.lines)})"), section),
              table(["candidate", "when", "outcome", "note"], rows or [["nobody yet", "", "", ""]], [45, 30, 28, 67]),
              Spacer(1, 4 * mm)]
    out = BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
                      title=f"{job['title']} ({job['id']}): update", author="Hotlist", invariant=1).build(story)
    return out.getvalue()
