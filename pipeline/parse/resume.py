"""Parse one resume file end to end: text, fields, confidence, skills with evidence.

``parse_file`` never raises for a bad document: it returns an outcome with status
``quarantined`` and the reason, so a batch always carries on. A readable file whose
parse is weak comes back ``needs_review`` with the reasons (see :func:`review`); it is
stored, but a recruiter should look at it before trusting it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads where a pipeline is built: unpickling a ParseOutcome needs none
    from spacy.language import Language

from hotlist.pipeline.parse.doc_date import DEFAULT_MARGIN_MONTHS, DocumentDates, read_document_dates
from hotlist.pipeline.parse.doc_kind import NOT_RESUME_STATUS, classify_document
from hotlist.pipeline.read.documents import DocumentText, read_document, sha256_of
from hotlist.pipeline.errors import UnreadableDocument
from hotlist.pipeline.parse.fields import normalise_text, parse_fields
from hotlist.pipeline.parse.identity import hint_score
from hotlist.pipeline.parse.sections import split_sections
from hotlist.pipeline.types import ParsedResume

# A parse with neither a name nor any contact detail cannot be acted on.
NEEDS_REVIEW_REASON = "no name, email or phone found: check the file and enter the contact details by hand"
REVIEW_QUALITY = 0.5  # overall quality below this needs a person to look

_FLAG_REASONS = {
    "cid_glyphs": "part of the text is unreadable (fonts without a character map): check the fields against the file",
    "fragmented_text": "the text came out one word per line: check the fields against the file",
    "image_only_pages": "some pages are scanned images without text: read those pages by hand",
}
# How much each text-quality flag lowers the text score (1.0 = clean text).
_FLAG_COST = {"cid_glyphs": 0.5, "fragmented_text": 0.5, "image_only_pages": 0.3, "rotated_text": 0.1,
              "ocr_text": 0.3}  # ocr_text: read by OCR (formats helper), every field less sure
_NOISY_FLAGS = frozenset({"cid_glyphs", "fragmented_text", "ocr_text"})


@dataclass
class ParseOutcome:
    """What became of one file: the parsed resume, or the reason it was quarantined."""

    path: str
    filename: str
    sha256: str
    size_bytes: int
    status: str  # ok | needs_review | not_resume (templates, non-resumes: off call lists) | quarantined
    reason: str | None = None
    kind: str | None = None
    resume: ParsedResume | None = None


def parse_file(
    path: Path,
    *,
    skill_nlp: Language | None,
    default_region: str = "US",
    max_bytes: int | None = None,
    as_of: date | None = None,
    use_ner: bool = True,
    margin_months: int = DEFAULT_MARGIN_MONTHS,
) -> ParseOutcome:
    """Read and parse ``path``; bad files come back quarantined with a reason.

    "Present" in the work history means ``as_of`` when given, else the date the document was written
    (:func:`pipeline.doc_date.document_date`: a "Last updated" line, the PDF/DOCX metadata, a date in the
    file name, the text's newest work date; the modification time last, at most ``margin_months`` past it).
    ``skill_nlp`` None skips the skills stage; ``use_ner`` False keeps the English model unloaded.
    """
    path = Path(path)
    try:
        sha = sha256_of(path)
        size = path.stat().st_size
    except OSError as exc:
        return ParseOutcome(str(path), path.name, "", 0, "quarantined", f"cannot read the file ({exc.strerror or exc})")
    try:
        document = read_document(path, max_bytes=max_bytes)
    except UnreadableDocument as exc:
        return ParseOutcome(str(path), path.name, sha, size, "quarantined", str(exc))
    resume = parse_document(
        document, skill_nlp=skill_nlp, default_region=default_region, as_of=as_of,
        file_date=_file_date(path), use_ner=use_ner,
        document_dates=None if as_of is not None else read_document_dates(path, _file_date(path)),
        margin_months=margin_months,
    )
    status, reason = review(resume)
    # --- formats helper's hook (pipeline/parse/doc_kind.py): templates and non-resumes are kept off call lists ---
    verdict = classify_document(document.text, emails=resume.emails, phones=resume.phones,
                                noisy_text=bool(set(document.flags) & _NOISY_FLAGS))
    if not verdict.is_resume:
        status, reason = NOT_RESUME_STATUS, verdict.reason
    return ParseOutcome(str(path), path.name, sha, size, status, reason, document.kind, resume)


def parse_document(
    document: DocumentText,
    *,
    skill_nlp: Language | None = None,
    default_region: str = "US",
    as_of: date | None = None,
    file_date: date | None = None,
    use_ner: bool = True,
    document_dates: DocumentDates | None = None,
    margin_months: int = DEFAULT_MARGIN_MONTHS,
) -> ParsedResume:
    """Fields (and skills, when ``skill_nlp`` is given) of an extracted document, with confidence and quality."""
    ner = None
    if use_ner:
        from hotlist.pipeline.parse.nlp import header_ner

        ner = header_ner()
    text = normalise_text(document.text)
    sections = split_sections(text)  # once: the fields and the skills stage both read them
    resume = parse_fields(
        text, default_region=default_region, as_of=as_of, file_date=file_date,
        headline=document.headline, ner=ner, sections=sections, document_dates=document_dates,
        margin_months=margin_months,
    )
    if skill_nlp is not None and resume.text.strip():
        _add_skills(resume, skill_nlp, _as_date(resume.as_of) or as_of or date.today(), sections)
    assess(resume, document.flags)
    return resume


def _add_skills(resume: ParsedResume, skill_nlp: Language, as_of: date,
                sections: list | None = None) -> None:
    """Fill ``resume.skills``; ``sections`` is ``split_sections(resume.text)`` (a list of Section) when already computed."""
    from hotlist.pipeline.skills.evidence import annotate_evidence
    from hotlist.pipeline.skills.matcher import extract_skills, summarise_skills

    text = resume.text
    if sections is None:
        sections = split_sections(text)
    mentions = extract_skills(skill_nlp, text)
    skills = summarise_skills(mentions, text, sections)
    annotate_evidence(skills, mentions, sections, text, as_of)
    resume.skills = skills


# --- confidence, quality, review ----------------------------------------------------------------


def assess(resume: ParsedResume, flags: tuple[str, ...] | list[str] = ()) -> None:
    """Fill ``confidence`` (per field), ``quality`` and ``quality_flags`` of a parsed resume.

    Per-field confidence (0-1) is a documented heuristic, not a calibrated probability:

    * name 0.75, +0.15 when a word of it is in an email address or profile URL; emails 0.95;
      phones 0.9; links 0.9; location 0.8 ("City, Region") or 0.6 (a bare place);
    * each work entry 0.9 with title, employer and start date, 0.6 with two of them, 0.3 with one;
      each education entry 0.9 with degree and school, 0.6 with one; the field is their mean;
    * years_experience: the work-history confidence (capped at 0.9); certifications 0.7; languages 0.8.

    Text quality starts at 1.0 and loses 0.5 for ``cid_glyphs`` or ``fragmented_text``, 0.3 for
    ``image_only_pages``, 0.1 for ``rotated_text``. Overall quality = 0.35 × name + 0.25 × best of
    email/phone + 0.2 × mean of work history and education (those found; 0.5 when neither is) + 0.2 ×
    text quality. Every field confidence is then scaled by text quality (a garbled text makes
    everything less sure). An empty parse keeps quality None.
    """
    resume.quality_flags = sorted(set(resume.quality_flags) | set(flags))
    if not (resume.name or resume.emails or resume.phones):
        resume.quality = 0.0 if resume.text.strip() else None
        return
    conf: dict[str, float] = {}
    hints = resume.emails + resume.links
    if resume.name:
        conf["name"] = 0.9 if hint_score(resume.name, hints) else 0.75
    if resume.emails:
        conf["emails"] = 0.95
    if resume.phones:
        conf["phones"] = 0.9
    if resume.links:
        conf["links"] = 0.9
    if resume.location:
        conf["location"] = 0.8 if "," in resume.location else 0.6
    for entry in resume.experience:
        known = sum(bool(v) for v in (entry.title, entry.employer, entry.start))
        entry.confidence = {3: 0.9, 2: 0.6}.get(known, 0.3)
    for entry in resume.education:
        known = sum(bool(v) for v in (entry.degree, entry.school))
        entry.confidence = 0.9 if known == 2 else 0.6
    if resume.experience:
        conf["experience"] = round(sum(e.confidence or 0 for e in resume.experience) / len(resume.experience), 2)
    if resume.education:
        conf["education"] = round(sum(e.confidence or 0 for e in resume.education) / len(resume.education), 2)
    if resume.years_experience is not None:
        conf["years_experience"] = min(0.9, conf.get("experience", 0.3))
    if resume.certifications:
        conf["certifications"] = 0.7
    if resume.languages:
        conf["languages"] = 0.8
    text_quality = max(0.0, 1.0 - sum(_FLAG_COST.get(f, 0.0) for f in resume.quality_flags))
    history = [conf[k] for k in ("experience", "education") if k in conf]
    quality = (
        0.35 * conf.get("name", 0.0)
        + 0.25 * max(conf.get("emails", 0.0), conf.get("phones", 0.0))
        + 0.2 * (sum(history) / len(history) if history else 0.5)
        + 0.2 * text_quality
    )
    resume.confidence = {k: round(v * (0.5 + 0.5 * text_quality), 2) for k, v in conf.items()}
    resume.quality = round(quality, 2)
    if resume.name is None:
        resume.quality_flags = sorted(set(resume.quality_flags) | {"no_name"})


def review(resume: ParsedResume) -> tuple[str, str | None]:
    """``("ok", None)`` or ``("needs_review", "reason; reason")``, each reason "<what is wrong>: <what to do>".

    A file needs review when it has no name, email or phone; when its text is damaged (unreadable
    glyphs, one word per line, pages that are images); or when its overall quality is below
    :data:`REVIEW_QUALITY`.
    """
    if not (resume.name or resume.emails or resume.phones):
        return "needs_review", NEEDS_REVIEW_REASON
    reasons = [_FLAG_REASONS[f] for f in resume.quality_flags if f in _FLAG_REASONS]
    if resume.name is None:
        reasons.append("no name found: enter the candidate's name by hand")
    if not reasons and resume.quality is not None and resume.quality < REVIEW_QUALITY:
        weakest = sorted(resume.confidence.items(), key=lambda kv: kv[1])[:2]
        detail = ", ".join(f"{k} {v:.2f}" for k, v in weakest) or "few fields found"
        reasons.append(f"low parse quality {resume.quality:.2f} ({detail}): check the fields against the file")
    return ("needs_review", "; ".join(reasons)) if reasons else ("ok", None)


def _file_date(path: Path) -> date:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc).date()


def _as_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
