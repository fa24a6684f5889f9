"""What one job header says: title, employer and place, from the short lines above or beside its dates.

A header line is split into fragments at separators ("|", " – ", tabs, wide gaps, "at", "as", commas),
places are taken out ("Austin, TX", "Remote", "London"), and the rest is read as a title (it has a
job-title head word: Engineer, Manager, Intern...) or an employer (a company marker: Inc, Bank,
Hospital...; or a proper name). Labelled lines ("Designation: ...", "Company: ...") say which is which.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hotlist.pipeline.parse.identity import find_location, is_city, is_region_name

TITLE_HEADS = {
    "accountant", "administrator", "adviser", "advisor", "agent", "ambassador", "analyst",
    "apprentice", "architect", "assistant", "associate", "attorney", "auditor", "bartender",
    "buyer", "captain", "cashier", "ceo", "cfo", "chair", "chairman", "chef", "cio", "clerk",
    "coach", "cofounder", "consultant", "contractor", "controller", "coo", "cook", "coordinator",
    "counsellor", "counselor", "cto", "dba", "designer", "developer", "devops", "director",
    "driver", "editor", "educator", "electrician", "engineer", "engineers", "executive", "expert",
    "faculty", "fellow", "founder", "freelancer", "generalist", "handler", "head", "inspector",
    "instructor", "intern", "internship", "investigator", "lawyer", "lead", "leader", "lecturer",
    "lpn", "manager", "marketer", "master", "mechanic", "mentor", "merchandiser", "nurse",
    "officer", "operator", "organizer", "owner", "paralegal", "partner", "pgt", "pharmacist",
    "physician", "planner", "pm", "president", "principal", "professor", "programmer", "ra",
    "receptionist", "recruiter", "representative", "researcher", "rn", "sales", "salesperson",
    "scholar", "scientist", "sde", "sdet", "secretary", "server", "specialist", "sre", "staff",
    "steward", "strategist", "supervisor", "swe", "ta", "teacher", "technician", "technologist",
    "tester", "tgt", "therapist", "trainee", "trainer", "tutor", "volunteer", "vp", "worker", "writer",
}
COMPANY_MARKERS = {
    "ag", "agency", "association", "bank", "bureau", "bv", "capital", "center", "centre", "clinic",
    "co", "college", "company", "consultants", "consulting", "corp", "corporation", "council",
    "department", "enterprises", "foundation", "global", "gmbh", "group", "health", "healthcare",
    "holdings", "hospital", "inc", "industries", "institute", "insurance", "international", "lab",
    "labs", "limited", "llc", "llp", "logistics", "lp", "ltd", "media", "ministry", "network",
    "networks", "nv", "partners", "pharma", "pharmaceuticals", "plc", "pty", "pvt", "sa", "school",
    "services", "solutions", "store", "studio", "studios", "systems", "tech", "technologies",
    "technology", "university", "ventures",
}
_SUFFIX_RE = re.compile(r"^(?:inc|llc|ltd|limited|corp|co|gmbh|plc|llp|lp|pvt\.? ltd|s\.a|ag|pty ltd)\.?$", re.I)
JUNK_RE = re.compile(
    r"@|https?://|www\.|\.com/|linkedin|github|\b(?:email|e-mail|mobile|phone|tel)\b|back to top|^\^", re.I
)
_PIECE_SPLIT_RE = re.compile(r"\s*(?:\||•|·|\t|\s{2,}|\s[–—-]\s|[–—])\s*")
NAME_CONNECTORS = {"of", "and", "&", "the", "for", "de", "la", "du", "von", "at", "in"}
LABEL_LINE_RE = re.compile(
    r"^(?:client|project|role|responsibilit\w*|description|environment|technologies|tools|team\s+size|duration"
    r"|key\s+\w+|achievements?|highlights?|platform|domain|skills?\s+used)\b[^:]{0,25}(?::|$)",
    re.I,
)
ABBREV_END_RE = re.compile(r"\b(?:inc|ltd|corp|co|llc|jr|sr|st)\.$", re.I)


def label_line(s: str) -> bool:
    """"Client Description: ...", "Key Responsibilities": a label, not a header line.

    "Project" followed by a job-title word and no colon ("Project Lead", "Project Manager") is a job
    title, not the label "Project" ("Role Developer" stays a label: "Role" names what follows).
    """
    if not LABEL_LINE_RE.match(s):
        return False
    words = words_of(s)
    if ":" in s or "：" in s:
        return True
    return not (words[0] == "project" and 2 <= len(words) <= 4 and words[-1] in TITLE_HEADS)


_LOWER_WORD_RE = re.compile(r"[a-z]+")


def words_of(s: str) -> list[str]:
    return _LOWER_WORD_RE.findall(s.lower())


def has_title_head(s: str) -> bool:
    """True when ``s`` names a job ("Senior Software Engineer", "SDE II")."""
    return any(w in TITLE_HEADS for w in words_of(s))


def is_company(s: str) -> bool:
    return any(w in COMPANY_MARKERS for w in words_of(s))


_LIST_PAREN_RE = re.compile(r"^\W*\d{1,2}\)\s*")
_TWO_SENTENCES_RE = re.compile(r"[a-z]{3}\.\s+[A-Z]")
_GERUND_RE = re.compile(r"[A-Z][a-z]+(?:ing|ed)")
_LETTER_RE = re.compile(r"[A-Za-z]")


def headerish(s: str) -> bool:
    """Short, not a sentence: could be a title, employer or location line."""
    if not s or len(s) > 120 or len(s.split()) > 16:
        return False
    if s[0].islower() or s[0] in "(,;":
        return False
    if s.endswith(".") and not ABBREV_END_RE.search(s):
        return False
    if s.rstrip().endswith((":", "：")):  # "Growth Path & Deputations:" introduces what follows
        return False
    body = _LIST_PAREN_RE.sub("", s)  # "1) Acme Corp": a list number
    if body.count(")") > body.count("("):  # "Switching Router)": the end of a wrapped line
        return False
    if label_line(s):  # "Client Description: ...", "Role: ...", "Responsibility Areas"
        return False
    words = s.split()
    if len(words) >= 8 and _TWO_SENTENCES_RE.search(s):  # two sentences
        return False
    if len(words) >= 6 and _GERUND_RE.fullmatch(words[0]) and not (
        has_title_head(s) or is_company(s)
    ):  # "Developing intuitive and engaging interfaces ..."
        return False
    return bool(_LETTER_RE.search(s))


_SENTENCE_END_RE = re.compile(r"[a-z]{3}\.\s")


def lower_header(s: str) -> bool:
    """"senior program coordinator", "oracle -  Bengaluru, Karnataka -": a header typed in lower case.

    Short (at most six words), not ending like a sentence or a label.
    """
    words = s.split()
    return (
        bool(words) and s[0].islower() and len(words) <= 6 and not s.rstrip().endswith((".", ",", ";", ":", "!", "?"))
        and not _SENTENCE_END_RE.search(s) and not label_line(s)
    )


_INVISIBLE_RE = re.compile(r"[\u00ad\u200b-\u200f\ufeff]")


def clean_piece(s: str) -> str:
    """Strip separators and unbalanced brackets from the ends of a fragment."""
    s = _INVISIBLE_RE.sub("", s).strip(" \t,;:|-–—")
    while s and s[-1] in ")]" and s.count("(") + s.count("[") < s.count(")") + s.count("]"):
        s = s[:-1].rstrip()
    while s and s[0] in "([" and s.count("(") + s.count("[") > s.count(")") + s.count("]"):
        s = s[1:].lstrip()
    while s and s[-1] in "([":
        s = s[:-1].rstrip()
    return s.strip(" \t,;:|-–—")


TITLE_MARK, EMPLOYER_MARK = "\x01", "\x02"  # a fragment labelled "Designation:" / "Company:"
_LABELLED_RE = re.compile(
    r"^\s*(?P<label>designation|job\s+title|title|role|position|company(?:\s+name)?|employer|organi[sz]ation"
    r"|duration|period|tenure|client)\s*\d*\s*[:：]\s*(?P<value>.*)$",
    re.IGNORECASE,
)
VERB_RE = re.compile(
    r"^(?:i\s+)?(?:(?:have|had|has)\s+(?:been\s+)?)?(?:currently\s+)?"
    r"(?:work(?:ed|ing)|serv(?:ed|ing)|employed|joined|associated)\s+(?:as\s+|with\s+|in\s+|at\s+|for\s+)?(?:an?\s+|the\s+)?",
    re.IGNORECASE,
)


def labelled(line: str) -> list[str] | None:
    """"Designation: X" → [TITLE_MARK + X]; "Company 1: Acme, Pune" → [EMPLOYER_MARK + Acme]; None if unlabelled."""
    m = _LABELLED_RE.match(line)
    if not m:
        return None
    label, value = m.group("label").lower(), clean_piece(m.group("value"))
    if label in {"duration", "period", "tenure", "client"} or not value:
        return []
    if label.startswith(("compan", "employer", "organi")):
        return [EMPLOYER_MARK + clean_piece(value.split(",")[0])]
    return [TITLE_MARK + value]


class Fragment(str):
    """A header fragment that remembers its line (index in the lines read) and whether the line named it
    the employer with "at" / "as" ("Test Analyst at Oracle", "Oracle as Consultant")."""

    line: int | None = None
    named: bool = False


class _Named(str):
    pass


_AT_RE = re.compile(r"^(.+?)\s+(?:at|@)\s+(.+)$")
_AS_RE = re.compile(r"^(.+?)\s+as\s+(?:an?\s+)?(.+)$")


def split_fragments(s: str) -> list[str]:
    """Title/employer/location pieces of one header line."""
    tagged = labelled(s)
    if tagged is not None:
        return tagged
    out: list[str] = []
    for piece in _PIECE_SPLIT_RE.split(s):
        piece = clean_piece(VERB_RE.sub("", clean_piece(piece)))
        if not piece:
            continue
        m = _AT_RE.match(piece)
        if m and has_title_head(m.group(1)):
            out += [m.group(1), _Named(m.group(2))]
            continue
        m = _AS_RE.match(piece)
        if m and has_title_head(m.group(2)) and not has_title_head(m.group(1)):
            out += [_Named(m.group(1)), m.group(2)] if VERB_RE.sub("", m.group(1) + " ") else [m.group(2)]
            continue
        out.append(piece)
    return out


def comma_pieces(s: str) -> list[str]:
    parts = [p.strip() for p in s.split(",") if p.strip()]
    merged: list[str] = []
    for p in parts:
        if merged and _SUFFIX_RE.match(p):
            merged[-1] = f"{merged[-1]}, {p}"
        else:
            merged.append(p)
    return merged


def classify(lines: list[str]) -> tuple[list[str], str | None]:
    """Fragments (title/employer candidates) and a location from header lines."""
    frags: list[str] = []
    location = None
    for line_no, line in enumerate(lines):
        for kind, value, named in _line_items(line):
            if kind == "mark":
                frags.append(value)
            elif kind == "location":
                location = location or value
            else:
                frag = Fragment(value)
                frag.line, frag.named = line_no, named
                frags.append(frag)
    return frags, location


_Item = tuple[str, str, bool]  # ("mark" | "location" | "fragment", text, named with "at"/"as")


@lru_cache(maxsize=4096)  # pure; parse_experience classifies the same header lines again and again
def _line_items(line: str) -> tuple[_Item, ...]:
    """What one header line holds, in order: labelled pieces, locations and title/employer fragments."""
    items: list[_Item] = []
    for piece in split_fragments(line):
        named = isinstance(piece, _Named)
        if piece[:1] in (TITLE_MARK, EMPLOYER_MARK):
            items.append(("mark", piece, named))
            continue
        if JUNK_RE.search(piece) or not _TWO_LETTERS_RE.search(piece):
            continue
        if _WORK_MODE_RE.fullmatch(piece):
            items.append(("location", piece.strip("() ").title(), named))
            continue
        if is_region_name(piece) or is_city(piece):  # "India" or "London" alone under the title
            items.append(("location", piece, named))
            continue
        parts = [p.strip() for p in piece.split(",")]
        if len(parts) >= 2 and (is_region_name(parts[-1]) or is_city(parts[0])) and all(
            1 <= len(p.split()) <= 3 and not has_title_head(p) and not is_company(p) for p in parts
        ):  # "Gurgaon, Delhi NCR" too; not "System Engineer, Infosys Limited, India"
            items.append(("location", ", ".join(p[:1].upper() + p[1:] for p in parts), named))  # "hyderbad, Telangana"
            continue
        loc = find_location(piece)
        if loc:
            items.append(("location", loc, named))
            # remove the location (and anything written after it) from the piece
            city = loc.split(",")[0]
            idx = piece.find(city)
            paren = piece.rfind("(", 0, idx + 1) if idx >= 0 else -1
            piece = piece[: paren if paren >= 0 else idx].strip(" ,;:(-–—") if idx >= 0 else ""
            if not piece:
                continue
        for part in comma_pieces(piece) if "," in piece else [piece]:
            part = clean_piece(_LIST_NUMBER_RE.sub("", part))  # "8. Federal Mogul": a list number
            if is_city(part) or is_region_name(part):
                items.append(("location", part, named))
                continue
            if part and len(part) <= 90 and not label_only(part) and not _PROSE_FRAG_RE.search(part):
                items.append(("fragment", part, named))
    return tuple(items)


_TWO_LETTERS_RE = re.compile(r"[A-Za-z]{2}")
_WORK_MODE_RE = re.compile(r"\(?\s*(?:remote|hybrid|on-?site)\s*\)?", re.I)
_LIST_NUMBER_RE = re.compile(r"^\d{1,2}[.)]\s+")


# "I want full time jobs", "2012 pass out with 3 months training", "10years G4S security": prose, not a header
_PROSE_FRAG_RE = re.compile(
    r"(?i:\b(?:i|my|me|we|our|want|looking)\b|\d+\s*(?:years?|yrs?|months?)\b|^\d)"
    r"|^(?:on|in|at|of|for|with|during|from|to|by|and|or|the|a|an)\s"  # "on network migration during intern"
)
_LABEL_WORDS = {
    "resume", "cv", "curriculum", "vitae",
    "period", "duration", "name", "office", "client", "location", "roles", "role", "responsibilities",
    "responsibility", "project", "projects", "team", "company", "organization", "organisation", "designation",
    "environment", "technologies", "description", "summary", "profile", "details", "individual", "and",
    "experience", "experiance", "work", "job", "total", "current", "present", "since", "date", "till",
}


_LEVEL_WORDS = {
    "beginner", "elementary", "intermediate", "advanced", "expert", "proficient", "fluent", "basic", "native",
}


def label_only(s: str) -> bool:
    """"Period", "Roles and Responsibilities", "Location Mumbai": a label or heading word, not a name."""
    words = _LOWER_WORD_RE.findall(s.lower())
    if not words or not _TWO_LETTERS_RE.search(s):
        return True
    if all(w in _LABEL_WORDS for w in words):
        return True
    if len(words) == 1 and words[0] in _LEVEL_WORDS:  # "Microsoft Office - Expert": a skill level
        return True
    return words[0] in {"location", "roles", "responsibilities", "period", "duration"} and not has_title_head(s)


def assign(frags: list[str]) -> tuple[str | None, str | None]:
    if not frags:
        return None, None
    forced_title = next((f[1:] for f in frags if f[:1] == TITLE_MARK), None)
    forced_employer = next((f[1:] for f in frags if f[:1] == EMPLOYER_MARK), None)
    if forced_title or forced_employer:
        rest = [f for f in frags if f[:1] not in (TITLE_MARK, EMPLOYER_MARK)]
        title, employer = assign(rest) if rest else (None, None)
        if forced_title and forced_employer:
            return forced_title, forced_employer
        if forced_title:
            return forced_title, employer if employer != forced_title else None
        return (title if title != forced_employer else None), forced_employer
    titled = [f for f in frags if has_title_head(f) and not is_company(f)]
    if not titled:
        titled = [f for f in frags if has_title_head(f)]
    if titled:
        title = titled[0]
        others = [f for f in frags if f is not title]
        company = [f for f in others if is_company(f)]
        plain = [f for f in others if not has_title_head(f)]
        # "Intern at Science to Data Science": the piece named with "at" is the employer; "Team lead -
        # supplier data management" over "Oracle India": a name beats a lower-case qualifier
        named = [f for f in plain if getattr(f, "named", False)]
        employer = company[0] if company else (named or [f for f in plain if proper_name(f)] or plain or [None])[0]
        if employer is None and others:
            employer = others[0]
        # "Registered Nurse – Step-Down Unit, Mercy Hospital": the plain piece after the title qualifies it
        # (on the title's own line, and not named the employer with "at": "Test Analyst at Oracle")
        at = frags.index(title)
        nxt = frags[at + 1] if at + 1 < len(frags) else None
        if nxt is not None and nxt is not employer and company and not has_title_head(nxt) and not is_company(nxt) \
                and getattr(nxt, "line", None) == getattr(title, "line", None) and not getattr(nxt, "named", False):
            title = f"{title} – {nxt}"
        return title, employer
    company = [f for f in frags if is_company(f)]
    if company:
        others = [f for f in frags if f is not company[0]]
        return (others[0] if others else None), company[0]
    if len(frags) == 1 and proper_name(frags[0]):
        return None, frags[0]  # "Microsoft" alone: an employer, not a job title
    return frags[0], (frags[1] if len(frags) > 1 else None)


def proper_name(s: str) -> bool:
    """"Microsoft", "JP Morgan Chase", "Wipro Infotech": up to four capitalised words."""
    words = s.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() or w in NAME_CONNECTORS for w in words)
