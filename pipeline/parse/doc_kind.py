"""Is this document a real person's resume? Templates, builder test output and non-resumes.

Resume builders ship sample resumes (John Doe at "ABC Company", a 555 number, "Skill A, Skill B",
lorem ipsum), and a folder of resumes also collects documents that are no resume at all (a novel, a
project report, a technical document). Neither should reach a call list. :func:`classify_document`
is a pure function over the text and the contacts already parsed; it returns a typed verdict with the
signals it found and one reason a recruiter can read.

Template signals are scored. A *decisive* signal (3 points) is one a real resume never carries: lorem
ipsum, "Skill A, Skill B", a placeholder name ("John Doe", "Your Name"), a phone such as 555-5555. A
resume builder's own contact details count 2 (a real resume may carry a builder's footer); a *weak*
signal counts 1: an address at ``example.com`` or ``email.com``, a 555-01xx number (reserved for fiction,
but also what anonymised and generated resumes use), a digit-run phone (123-456-7890: people also hide
their real number this way), "John Smith", placeholder
employers ("ABC Company"; two different ones count 2), "123 Main St", test entries, every date within a
few weeks. A document with :data:`TEMPLATE_SCORE` points or more is a template: a hidden phone number
and a placeholder-looking email alone are not enough. A document is *not a resume* when it has no email and no phone, hardly any resume section
headings and no dated entries, or when it reads as a book or report (chapters, an abstract, a table of
contents) with no contact details.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from hotlist.pipeline.parse.sections import canonical_heading

TEMPLATE_SCORE = 3
NOT_RESUME_STATUS = "not_resume"  # the stored status: kept, searchable, never ranked onto a call list

# Domains used only for examples (RFC 2606) and resume builders' own domains, seen on their samples.
_EXAMPLE_DOMAINS = re.compile(r"@(?:[\w-]+\.)*(?:example|domain|yourdomain|yourname|youremail|sample|test)\.[a-z]{2,}\b",
                              re.I)
_BUILDER_DOMAINS = re.compile(
    r"\b[\w.+-]*@?(?:resumekraft|qwikresume|openresume|zety|resumegenius|livecareer|myperfectresume|novoresume|"
    r"kickresume|enhancv|resume\.io|resumeviking|resumelab|cvmaker|hloom|resumenow|visualcv|canva)\.[a-z]{2,}\b",
    re.I)
_WEAK_EMAIL = re.compile(r"\b(?:john|jane)[._]?(?:doe|smith)@|@email\.com\b", re.I)
_PLACEHOLDER_NAME = re.compile(r"^\s*(?:john|jane)\s+doe\b|^\s*(?:your|first)\s*name\b|^\s*first\s+last\s*$|"
                               r"^\s*firstname\s+lastname\b", re.I | re.M)
_WEAK_NAME = re.compile(r"^\s*(?:john|jane)\s+smith\s*$", re.I | re.M)
_LOREM = re.compile(r"\blorem\s+ipsum\b|\bdolor\s+sit\s+amet\b", re.I)
_SKILL_LETTERS = re.compile(r"\bskill\s+[a-f]\b[\s,;|/]+(?:skill\s+[a-f]\b)", re.I)
_FICTIONAL_555 = re.compile(r"(?<!\d)555[\s.·-]?01\d\d(?!\d)")
_REPEATED_PHONE = re.compile(r"(?<!\d)(\d)\1\1[\s.·-]?\1\1\1\1(?!\d)")  # 555-5555, 000-0000
_PLACEHOLDER_EMPLOYER = re.compile(
    r"\b(?:(?:ABC|XYZ|DEF)\s+(?:Company|Corp(?:oration)?|Inc|Ltd|Organi[sz]ation|University|College|Pvt)|"
    r"Any\s+Company|Company\s+Name|Acme\s+Corp(?:oration)?|Globex\s+(?:Inc|Corp(?:oration)?))\b")
_PLACEHOLDER_ADDRESS = re.compile(r"\b123\s+(?:Main|Any)\s+St(?:reet)?\b|\bAnywhere,?\s+USA\b|\bAnytown\b", re.I)
_TEST_ENTRY = re.compile(r"\b(?:test\s+course|realtime\s+(?:updte|update)?\s*test|this\s+is\s+(?:a\s+|2nd\s+)?test|"
                         r"testing\s+new\s+experience)\b", re.I)
_FULL_DATE = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),\s+((?:19|20)\d\d)\b")
_MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                                       "Dec"), start=1)}
_DATE_RANGE = re.compile(r"(?:19|20)\d\d\s*[-–—]+\s*(?:(?:19|20)\d\d|present|current|now|today)|"
                         r"\b\d{1,2}/(?:19|20)?\d\d\s*[-–—]", re.I)
_BOOK_OR_REPORT = re.compile(r"^\s*(?:chapter|cap[ií]tulo|chapitre|kapitel)\s+(?:[IVXLC]+|\d+)\b|"
                             r"^\s*(?:table\s+of\s+contents|abstract|acknowledge?ments?|bibliography)\s*$",
                             re.I | re.M)


@dataclass(frozen=True)
class DocumentKind:
    """The verdict on one document: ``resume``, ``template`` or ``not_resume``, why, and the signals found."""

    kind: str
    reason: str | None = None
    signals: tuple[str, ...] = field(default=())
    score: int = 0

    @property
    def is_resume(self) -> bool:
        return self.kind == "resume"


def _digit_run_phone(text: str) -> bool:
    """A phone number made of a digit run: 123-456-7890, 9876543210, (123) 456 78 99, 000-0000..."""
    for match in re.finditer(r"(?<![\w-])\+?[\d(][\d\s().·-]{6,18}\d(?![\w-])", text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) < 7:
            continue
        core = digits[-10:] if len(digits) >= 10 else digits
        if core.startswith(("1234567", "0123456", "9876543")) or len(set(core)) == 1:
            return True
    return False


def _dates_in_a_few_weeks(text: str) -> bool:
    """Four or more full dates ("July 21, 2023"), all within 45 days: what builders' test entries look like."""
    dates = []
    for month, day, year in _FULL_DATE.findall(text):
        try:
            dates.append(date(int(year), _MONTHS[month[:3].title()], int(day)))
        except (ValueError, KeyError):
            continue
    return len(dates) >= 4 and (max(dates) - min(dates)).days <= 45


_ONE_DATE = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:(\d{1,2}),\s+)?((?:19|20)\d\d)"
_RANGE = re.compile(rf"\b{_ONE_DATE}\s*[-–—]+\s*(?:{_ONE_DATE}\b|(present|current|now)\b)", re.I)


def _when(month: str, day: str, year: str) -> date | None:
    try:
        return date(int(year), _MONTHS[month[:3].title()], int(day or 1))
    except (ValueError, KeyError):
        return None


def _range_oddities(text: str) -> tuple[bool, bool]:
    """(a job that ends before it starts, three or more current jobs that all began within 45 days).

    Both are what a builder's test entries look like; a real resume may hold one typo, so each is one point.
    """
    backwards, current_starts = False, []
    for m in _RANGE.finditer(text):
        start = _when(*m.group(1, 2, 3))
        end = _when(*m.group(4, 5, 6)) if m.group(4) else None
        if start and end and end < start:
            backwards = True
        if start and m.group(7):
            current_starts.append(start)
    parallel = len(current_starts) >= 3 and (max(current_starts) - min(current_starts)).days <= 45
    return backwards, parallel


def template_signals(text: str, emails: list[str] = (), phones: list[str] = ()) -> list[tuple[str, int]]:
    """``(signal, points)`` for every template signal in ``text`` (and the parsed contacts)."""
    head = "\n".join(text.splitlines()[:15])
    contacts = " ".join([*emails, *phones])
    found: list[tuple[str, int]] = []
    if _LOREM.search(text):
        found.append(("lorem ipsum filler text", 3))
    if _SKILL_LETTERS.search(text):
        found.append(('placeholder skills ("Skill A, Skill B")', 3))
    if _PLACEHOLDER_NAME.search(head):
        found.append(('a placeholder name ("John Doe", "Your Name")', 3))
    elif _WEAK_NAME.search(head):
        found.append(('a sample name ("John Smith")', 1))
    if _EXAMPLE_DOMAINS.search(text) or _EXAMPLE_DOMAINS.search(contacts):
        found.append(("an example email address (example.com)", 1))
    elif _BUILDER_DOMAINS.search(text):
        found.append(("a resume builder's own contact details", 2))
    elif _WEAK_EMAIL.search(text):
        found.append(("a sample email address", 1))
    if _REPEATED_PHONE.search(head):
        found.append(("a placeholder phone number (555-5555)", 3))
    elif _FICTIONAL_555.search(text) or _FICTIONAL_555.search(contacts):
        found.append(("a fictitious 555-01xx phone number", 1))
    elif _digit_run_phone(head) or any(_digit_run_phone(p) for p in phones):
        found.append(("a placeholder phone number (123-456-7890)", 1))
    employers = {m.group().lower() for m in _PLACEHOLDER_EMPLOYER.finditer(text)}
    if employers:
        found.append((f'placeholder employers ("{sorted(employers)[0]}")', 1 if len(employers) == 1 else 2))
    if _PLACEHOLDER_ADDRESS.search(text):
        found.append(('a placeholder address ("123 Main St")', 1))
    if _TEST_ENTRY.search(text):
        found.append(("test entries", 1))
    if _dates_in_a_few_weeks(text):
        found.append(("every date within a few weeks (builder test data)", 1))
    backwards, parallel = _range_oddities(text)
    if backwards:
        found.append(("a job that ends before it starts", 1))
    if parallel:
        found.append(("several current jobs begun within days of each other", 1))
    return found


def _resume_headings(text: str) -> int:
    names = set()
    for line in text.splitlines():
        if 0 < len(line.strip()) <= 60:
            heading = canonical_heading(line)
            if heading:
                names.add(heading)
    return len(names)


def classify_document(text: str, *, emails: list[str] = (), phones: list[str] = (),
                      noisy_text: bool = False) -> DocumentKind:
    """``resume``, ``template`` (a builder sample or test output) or ``not_resume``, with a readable reason.

    ``noisy_text`` (OCR'd or damaged text, where headings and contacts may be misread) skips the
    no-structure rule: such a document goes to review, not off the lists.
    """
    signals = template_signals(text, emails, phones)
    score = sum(points for _, points in signals)
    if score >= TEMPLATE_SCORE:
        what = "; ".join(name for name, _ in signals)
        return DocumentKind("template", f"a resume template or sample, not a real candidate ({what}): "
                                        "kept off call lists; delete it or ask for the real resume",
                            tuple(name for name, _ in signals), score)
    if not emails and not phones:
        headings = _resume_headings(text)
        dated = len(_DATE_RANGE.findall(text))
        if _BOOK_OR_REPORT.search(text) and headings < 3:
            return DocumentKind("not_resume", "not a resume (reads as a book or report: chapters, abstract or "
                                              "contents, no contact details): kept off call lists; delete it "
                                              "if it was filed by mistake", ("book_or_report",), score)
        if not noisy_text and headings + dated < 2:
            return DocumentKind("not_resume", "not a resume (no contact details, no resume sections, no dated "
                                              "jobs): kept off call lists; delete it if it was filed by mistake",
                                ("no_resume_structure",), score)
    return DocumentKind("resume", None, tuple(name for name, _ in signals), score)
