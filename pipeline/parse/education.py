"""Education entries (degree, field, school, year) from an education section.

Each degree mention ("B.Sc.", "Bachelor of Science", "MBA", "Ph.D.") starts
an entry. The school is on the same line, or on a nearby line naming a
university/college/institute (the document's order — school first or degree
first — is taken from the first entry), or failing that the nearest short
line. The year is the end of a date range (or the last year) written with
the entry. Secondary-school lines (Class X/XII, 10th, SSC/HSC) are not
entries.
"""

from __future__ import annotations

import re

from hotlist.pipeline.parse.dates import find_date_ranges, find_single_dates
from hotlist.pipeline.types import Education

_LONG_DEGREE = (
    r"(?:Bachelor|Master|Doctor|Associate)(?:'s|’s|s)?"
    r"(?:\s+(?:of|in)\s+(?:Science|Arts|Engineering|Technology|Business\s+Administration|Commerce"
    r"|Fine\s+Arts|Education|Laws|Philosophy|Computer\s+Applications|Applied\s+Science|Architecture"
    r"|Design|Medicine|Pharmacy|Public\s+Health|Music|Social\s+Work|Nursing)"
    r"|\s+Degree)?"
)
_SHORT_DEGREE = (
    r"Ph\.?\s?D\.?|D\.?Phil\.?|M\.?B\.?A\.?|B\.?\s?Tech\.?|M\.?\s?Tech\.?|B\.?\s?Sc\.?|M\.?\s?Sc\.?"
    r"|B\.\s?S\.|M\.\s?S\.|B\.\s?A\.|M\.\s?A\.|B\.\s?E\.|M\.\s?E\.|B\.?\s?Com\.?|M\.?\s?Com\.?"
    r"|BCA|MCA|BBA|PGDM|PGDBA|LL\.?B\.?|LL\.?M\.?|J\.?D\.|M\.?Eng\.?|B\.?Eng\.?|MPhil|A\.[AS]\."
    r"|[BMD]\.\s?(?:[A-Z][a-z]{0,3}\.\s?){1,3}"
    r"|BS|MS|BA|MA|BE|BFA|MFA|ASN|BSN|MSN|DNP|AAS|ADN|EdD|DDS|DPT|PharmD|MSE|BSE|BSEE|MSEE|BSCS|MSCS|BArch|MArch|MPH|MD"
    r"|(?:High\s+School\s+)?Diploma|GED|Post[- ]?Graduate\s+Diploma"
)
_DEGREE_RE = re.compile(
    rf"(?<![A-Za-z])(?P<degree>{_LONG_DEGREE}|{_SHORT_DEGREE})(?![A-Za-z])"
    r"(?=\s*(?:$|[,(\[/|:;–—-]|\s(?:in|of|from|at|with|degree)\b|\s[A-Z(]))",
)
_SECONDARY_RE = re.compile(r"\b(?:class\s+(?:x|xii|10|12)|10th|12th|ssc|hsc|sslc|cbse|icse|matric)", re.I)
_SCHOOL_RE = re.compile(
    r"\b(?:University|Universit[yéà]|Universidad|College|Institute|Institution|School|Academy|Polytechnic|"
    r"Conservatory|Seminary|IIT|NIT|IIIT|BITS|MIT|UCLA|Vidyalaya|Vidyapeeth|Hochschule|Politecnico|"
    r"Faculty|Campus)\b"
)
_FIELD_CUT_RE = re.compile(
    r"\s*(?:[,|;–—(\[]|\s-\s|\bfrom\b|\bat\b|\bwith\b|\bGPA\b|\bCGPA\b|\bminor\b|\bgraduated\b|"
    r"\bexpected\b|\b(?:19|20)\d\d\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)",
    re.I,
)
_STATE_LIKE = {"MA", "MD", "ME", "MS", "DE", "GA", "PA", "IN", "ID", "AL", "LA"}
_BULLET_RE = re.compile(r"^\s*(?:\(cid:\d+\)|[•·◦▪●○■►➢✓❖*]|[-–—](?=\s))\s*")
_NOISE_RE = re.compile(r"\b(?:GPA|CGPA|percentage|grade|coursework|honou?rs|minor|thesis|courses)\b|%|/10\b", re.I)


def _field_after(line: str, end: int) -> tuple[str | None, int]:
    """The field of study written after a degree, and where it ends in ``line``."""
    m = re.match(r"\s*(?:in\b|of\b|[-–—:,/]|\(|\[)?\s*", line[end:])
    start = end + (m.end() if m else 0)
    rest = line[start:]
    if not rest or not (rest[0].isupper() or rest[0].isdigit()):
        return None, end
    cut = _FIELD_CUT_RE.search(rest)
    field = rest[: cut.start()] if cut else rest
    school = _SCHOOL_RE.search(field)
    if school:
        # "Business/MIS-New Jersey Institute of Technology": the field stops at the joining hyphen
        joint = list(re.finditer(r"-(?=[A-Z])", field[: school.start()]))
        if not joint:
            return None, start
        field = field[: joint[-1].start()]
    stop = start + len(field)
    field = field.strip(" ,;:-–—()[]")
    if not field or len(field) > 70 or _NOISE_RE.search(field) or re.match(r"(?:of|in)\s", field):
        return None, start
    return field, stop + (1 if line[stop : stop + 1] in ")]" else 0)


def _school_in(text: str) -> str | None:
    for piece in re.split(r"\s*(?:\||,(?=\s*[A-Z][a-z]+(?:\s|,|$))|\s[-–—]\s|[–—]|\t|\s{2,}|\bfrom\b|\bat\b)\s*", text):
        if _SCHOOL_RE.search(piece):
            piece = re.sub(r"^(?:from|at)\s+", "", piece.strip(" ,;:-–—()[]"))
            return piece or None
    return None


def _year(lines: list[str]) -> int | None:
    years: list[int] = []
    for line in lines:
        ranges = find_date_ranges(line)
        if ranges:
            for start, end, current in ranges:
                years.append(int((end or start or "0")[:4]) if not current else 0)
            continue
        years += [int(d[:4]) for d, _ in find_single_dates(line)]
    years = [y for y in years if y]
    return years[-1] if years else None


def _plain_name(s: str) -> bool:
    """Could ``s`` be a school name written without a keyword ("UC Berkeley")?"""
    return (
        len(s) <= 60 and s[:1].isupper() and not _NOISE_RE.search(s) and not find_date_ranges(s)
        and not _SECONDARY_RE.search(s) and not re.fullmatch(r"[\d\s/.,%-]+", s)
        and not s.rstrip().endswith(".") and len(re.findall(r"[A-Za-z]", s)) >= 2
    )


def parse_education(section_text: str) -> list[Education]:
    """Education entries in the order written."""
    if not section_text or not section_text.strip():
        return []
    lines = [_BULLET_RE.sub("", ln).strip() for ln in section_text.replace("\r", "").split("\n")]
    lines = [_CID_RE.sub(" ", ln).strip() for ln in lines]
    idx = [i for i, ln in enumerate(lines) if ln]
    degrees: dict[int, re.Match[str]] = {}
    for i in idx:
        if _SECONDARY_RE.search(lines[i]):
            continue
        found = [
            m for m in _DEGREE_RE.finditer(lines[i])
            # "Cambridge, MA, USA": a state code, not a Master of Arts
            if not (m.group("degree") in _STATE_LIKE and re.search(r",\s*$", lines[i][: m.start()]))
        ]
        # "Diploma level - Bachelors in Data Science": the degree, not the diploma
        found.sort(key=lambda m: ("iploma" in m.group("degree"), m.start()))
        if found:
            degrees[i] = found[0]
    school_lines = [i for i in idx if i not in degrees and _SCHOOL_RE.search(lines[i])
                    and not _SECONDARY_RE.search(lines[i]) and len(lines[i]) <= 120]
    order = sorted(degrees)
    school_first = bool(school_lines and order and school_lines[0] < order[0])
    taken: set[int] = set()
    out: list[Education] = []
    for n, i in enumerate(order):
        m = degrees[i]
        line = lines[i]
        end = m.end()
        alt = re.match(
            rf"(?:\s*/\s*(?:{_LONG_DEGREE}|{_SHORT_DEGREE})(?![A-Za-z]))+|\s*\(\s*(?:{_SHORT_DEGREE})\s*\)", line[end:]
        )
        degree_end = end
        if alt:
            end += alt.end()
            degree_end = end if "(" not in alt.group(0) else degree_end
        degree = re.sub(r"\s+", " ", line[m.start() : degree_end]).strip()
        field, field_end = _field_after(line, end)
        school = _school_in(line[: m.start()]) or _school_in(line[field_end:])
        school_line = i
        prev_deg = order[n - 1] if n else -1
        next_deg = order[n + 1] if n + 1 < len(order) else len(lines)
        if school is None:
            near = [j for j in school_lines if j not in taken and prev_deg < j < next_deg]
            before = [j for j in near if j < i]
            after = [j for j in near if j > i]
            pick = (before[-1] if before else None) if school_first else (after[0] if after else None)
            if pick is None:
                pick = (after[0] if after else None) if school_first else (before[-1] if before else None)
            if pick is None:  # no keyword: the nearest short line that is not a date or grade
                cands = [j for j in idx if prev_deg < j < next_deg and j != i and abs(j - i) <= 3
                         and j not in taken and _plain_name(lines[j])]
                before = [j for j in cands if j < i]
                after = [j for j in cands if j > i]
                first, second = (before[::-1], after) if school_first else (after, before[::-1])
                pick = (first or second or [None])[0]
            if pick is not None:
                taken.add(pick)
                school = _school_in(lines[pick]) or lines[pick].strip(" ,;:-–—")
                school_line = pick
        if school:
            school = re.sub(r"\s*(?:\(|,)?\s*(?:19|20)\d\d.*$", "", school)
            school = re.sub(r"\s+(?:in|from|at)$", "", school.strip(" ,;:-–—")).strip(" ,;:-–—") or None
        lo, hi = min(i, school_line), max(i, school_line)
        block = lines[lo : hi + 1]
        k, extra = hi + 1, 0
        while k < next_deg and k < len(lines) and extra < 3 and (k not in school_lines or k in taken):
            if lines[k]:
                block.append(lines[k])
                extra += 1
            k += 1
        out.append(Education(degree, field, school, _year(block)))
    return out


# --- certifications and languages ---------------------------------------------------------

_CERT_WORD_RE = re.compile(
    r"\b(?i:certified|certification|certificate|certificat\w*|licen[cs]ed?|accredit\w*|credential)\b"
    r"|\b(?:AWS|Azure|GCP|Google Cloud|PMP|CAPM|CSM|CSPO|PSM|SAFe|ITIL|CCNA|CCNP|CCIE|CISSP|CISA|CISM|CEH|"
    r"CompTIA|Security\+|Network\+|A\+|OCA|OCP|OCJP|RHCE|RHCSA|MCSE|MCSA|MCP|CFA|CPA|ACCA|CMA|FRM|"
    r"Six Sigma|Lean Six Sigma|TOGAF|Prince2|PRINCE2|BLS|ACLS|PALS|CPR|NCLEX|CCRN|TNCC)\b"
)
_ISSUER_SPLIT_RE = re.compile(r"\s+(?:[|–—]|-\s)\s*|\s{3,}|\t|,\s+")
_CERT_JUNK_RE = re.compile(r"@|https?://|www\.|^\W*$")
_ISSUER_RE = re.compile(
    r"\b(?:coursera|udemy|edx|udacity|linkedin|pmi|amazon|aws|microsoft|google|oracle|cisco|comptia|ibm|"
    r"scrum\s+alliance|scrum\.org|nptel|simplilearn|isc2|isaca|axelos|red\s+hat|salesforce|"
    r"institute|university|college|academy|school|council|board|association|inc|ltd|llc)\b",
    re.IGNORECASE,
)


_CID_RE = re.compile(r"\(cid:\d+\)")
_CERT_LABEL_RE = re.compile(r"^\s*certif\w*\s*[:\-]", re.I)
_CERT_LABEL_SUB_RE = re.compile(r"^\s*certif\w*\s*[:\-]\s*", re.I)
_FIRST_PERSON_RE = re.compile(r"\b(?:I|we|my)\b")
_UPPER_START_RE = re.compile(r"^[A-Z0-9]")
_YEARISH_RE = re.compile(r"(?:19|20)\d\d")
_CERT_TAIL_RE = re.compile(r"[\s,(\[]*(?:(?:issued|expires?|valid|obtained|completed)\b.*|(?:19|20)\d\d.*)$", re.I)
_LETTER_RE = re.compile(r"[A-Za-z]")


def parse_certifications(section_text: str, text: str = "") -> list[str]:
    """Certification names, in order, de-duplicated.

    Every non-empty line of a certifications section is one (bullets, dates, issuers after " – " or
    "|" and trailing years are removed; lines longer than 120 characters are prose and skipped). Outside
    that section, a line of ``text`` is taken only when it starts with a bullet or a label and names a
    known credential ("AWS Certified Solutions Architect", "PMP", "BLS") or says "certified"/"certification".
    """
    out: dict[str, None] = {}
    for line in section_text.replace("\r", "").split("\n"):
        name = _cert_name(line)
        if name:
            out.setdefault(name, None)
    if text and not out:
        for line in text.split("\n"):
            if _BULLET_RE.match(line) or _CERT_LABEL_RE.match(line):
                body = _CERT_LABEL_SUB_RE.sub("", _BULLET_RE.sub("", line))
                if _CERT_WORD_RE.search(body) and len(body) <= 100 and not _FIRST_PERSON_RE.search(body):
                    name = _cert_name(body)
                    if name and _UPPER_START_RE.match(name):
                        out.setdefault(name, None)
    return list(out)[:30]


def _cert_name(line: str) -> str | None:
    s = _CID_RE.sub(" ", _BULLET_RE.sub("", line)).strip()
    if not s or len(s) > 120 or _CERT_JUNK_RE.search(s):
        return None
    parts = _ISSUER_SPLIT_RE.split(s)
    s = parts[0]
    for part in parts[1:]:  # "... – Associate" is part of the name; "– Amazon, 2021" is the issuer
        if _YEARISH_RE.search(part) or _ISSUER_RE.search(part):
            break
        joint = ", " if re.search(rf",\s+{re.escape(part)}", line) else " – "
        s = f"{s}{joint}{part}"
    s = _CERT_TAIL_RE.sub("", s)
    s = s.strip(" ,;:-–—•")
    while s.endswith(("(", "[")) or (s.endswith(")") and s.count("(") < s.count(")")):
        s = s[:-1].rstrip(" ,;:-–—")
    if s.count("(") > s.count(")"):
        s += ")"
    if len(_LETTER_RE.findall(s)) < 2 or len(s.split()) > 14:
        return None
    return s


LANGUAGE_NAMES = (
    "English", "Hindi", "Spanish", "French", "German", "Italian", "Portuguese", "Dutch", "Russian",
    "Arabic", "Mandarin", "Chinese", "Cantonese", "Japanese", "Korean", "Vietnamese", "Thai",
    "Indonesian", "Malay", "Tagalog", "Filipino", "Turkish", "Persian", "Farsi", "Urdu", "Bengali",
    "Bangla", "Punjabi", "Gujarati", "Marathi", "Tamil", "Telugu", "Kannada", "Malayalam", "Odia",
    "Oriya", "Assamese", "Nepali", "Sinhala", "Polish", "Czech", "Slovak", "Hungarian", "Romanian",
    "Bulgarian", "Greek", "Swedish", "Norwegian", "Danish", "Finnish", "Icelandic", "Ukrainian",
    "Serbian", "Croatian", "Hebrew", "Swahili", "Amharic", "Yoruba", "Igbo", "Hausa", "Zulu",
    "Afrikaans", "Catalan", "Basque", "Galician", "Irish", "Welsh", "Latin", "Sanskrit", "Estonian",
    "Latvian", "Lithuanian", "Slovenian", "Albanian", "Armenian", "Georgian", "Kazakh", "Uzbek",
    "Burmese", "Khmer", "Lao", "Mongolian", "Somali", "Sindhi", "Kashmiri", "Konkani", "Tulu",
    "Twi", "Akan", "Ewe", "Wolof", "Kinyarwanda", "Shona", "Xhosa", "Tigrinya", "Oromo", "Luxembourgish",
)
_LANG_RE = re.compile(r"\b(" + "|".join(LANGUAGE_NAMES) + r")\b", re.IGNORECASE)
_INLINE_LANG_RE = re.compile(
    r"^\s*(?:[•·*\-]\s*)?(?:spoken\s+|known\s+|foreign\s+)?languages?(?:\s+(?:known|spoken|skills|proficiency))?"
    r"(?:\s*[:\-–]|[ \t]{2,}|\t)\s*(?P<value>.+)$",
    re.IGNORECASE | re.MULTILINE,
)
# Programming languages are listed under "Languages:" in skills sections too.
_PROGRAMMING_RE = re.compile(r"\b(?:python|java|c\+\+|javascript|sql|golang|ruby|php|html|kotlin|swift|scala)\b", re.I)


def parse_languages(section_text: str, text: str = "") -> list[str]:
    """Spoken languages, capitalised, in order, de-duplicated.

    Read from a languages section, or from a "Languages: English, Hindi" line anywhere in ``text``. Only
    names in :data:`LANGUAGE_NAMES` count, so "Languages: Python, SQL" (programming languages) gives
    nothing; a line mentioning programming languages is skipped entirely.
    """
    sources = [section_text] if section_text.strip() else []
    for m in _INLINE_LANG_RE.finditer(text or ""):
        sources.append(m.group("value"))
    out: dict[str, None] = {}
    for source in sources:
        for line in source.split("\n"):
            if _PROGRAMMING_RE.search(line):
                continue
            for m in _LANG_RE.finditer(line):
                out.setdefault(m.group(1).capitalize(), None)
    return list(out)
