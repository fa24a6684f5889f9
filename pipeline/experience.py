"""Work-history entries from the text of an experience section.

Entries are anchored on date ranges. The words around a range (the rest of
its line, then up to a few short lines above it, or below it when nothing
above qualifies) are split into fragments, and each fragment is read as a
title (it has a job-title head word: Engineer, Manager, Intern...), a
location ("Austin, TX", "Remote") or an employer. Bullets and prose are
description, never entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.dates import find_date_ranges, parse_date, range_spans
from pipeline.identity import find_location, is_region_name
from pipeline.types import Experience

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
    "tester", "tgt", "therapist", "trainee", "tutor", "volunteer", "vp", "worker", "writer",
}
_COMPANY_MARKERS = {
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
_BULLET_RE = re.compile(r"^\s*(?:\(cid:\d+\)|[•·◦▪●○■□►▸➢➤✓✔❖♦◆*‣⁃]|[-–—](?=\s))\s*")
_JUNK_RE = re.compile(
    r"@|https?://|www\.|\.com/|linkedin|github|\b(?:email|e-mail|mobile|phone|tel)\b|back to top|^\^", re.I
)
_PIECE_SPLIT_RE = re.compile(r"\s*(?:\||•|·|\t|\s{2,}|\s[–—-]\s|[–—])\s*")
_NAME_CONNECTORS = {"of", "and", "&", "the", "for", "de", "la", "du", "von", "at", "in"}
_LABEL_LINE_RE = re.compile(
    r"^(?:client|project|role|responsibilit\w*|description|environment|technologies|tools|team\s+size|duration"
    r"|key\s+\w+|achievements?|highlights?|platform|domain|skills?\s+used)\b[^:]{0,25}(?::|$)",
    re.I,
)
_ABBREV_END_RE = re.compile(r"\b(?:inc|ltd|corp|co|llc|jr|sr|st)\.$", re.I)


@dataclass
class _Line:
    text: str
    bullet: bool
    ranges: list[tuple[str | None, str | None, bool]]
    rest: str


def _words(s: str) -> list[str]:
    return re.findall(r"[a-z]+", s.lower())


def has_title_head(s: str) -> bool:
    """True when ``s`` names a job ("Senior Software Engineer", "SDE II")."""
    return any(w in TITLE_HEADS for w in _words(s))


def _is_company(s: str) -> bool:
    return any(w in _COMPANY_MARKERS for w in _words(s))


def _headerish(s: str) -> bool:
    """Short, not a sentence: could be a title, employer or location line."""
    if not s or len(s) > 120 or len(s.split()) > 16:
        return False
    if s[0].islower() or s[0] in "(,;":
        return False
    if s.endswith(".") and not _ABBREV_END_RE.search(s):
        return False
    if _LABEL_LINE_RE.match(s):  # "Client Description: ...", "Role: ...", "Responsibility Areas"
        return False
    words = s.split()
    if len(words) >= 8 and re.search(r"[a-z]{3}\.\s+[A-Z]", s):  # two sentences
        return False
    if len(words) >= 6 and re.fullmatch(r"[A-Z][a-z]+(?:ing|ed)", words[0]) and not (
        has_title_head(s) or _is_company(s)
    ):  # "Developing intuitive and engaging interfaces ..."
        return False
    return bool(re.search(r"[A-Za-z]", s))


def _ends_with_date(s: str) -> bool:
    return parse_date(s) is not None or parse_date(s.split()[-1]) is not None


def _clean(s: str) -> str:
    """Strip separators and unbalanced brackets from the ends of a fragment."""
    s = re.sub(r"[\u00ad\u200b-\u200f\ufeff]", "", s).strip(" \t,;:|-–—")
    while s and s[-1] in ")]" and s.count("(") + s.count("[") < s.count(")") + s.count("]"):
        s = s[:-1].rstrip()
    while s and s[0] in "([" and s.count("(") + s.count("[") > s.count(")") + s.count("]"):
        s = s[1:].lstrip()
    while s and s[-1] in "([":
        s = s[:-1].rstrip()
    return s.strip(" \t,;:|-–—")


def _join_wrapped(raw: list[str]) -> list[str]:
    """"Critical Care Nurse, Harlow Memorial" / "Hospital": rejoin a header wrapped onto a short line."""
    out: list[str] = []
    for n, ln in enumerate(raw):
        prev = out[-1] if out else ""
        nxt = next((x for x in raw[n + 1 :] if x.strip()), "")
        words = ln.split()
        if (
            1 <= len(words) <= 2 and ln.strip()[:1].isupper() and not _BULLET_RE.match(ln) and prev.strip()
            and not _BULLET_RE.match(prev) and re.search(r",|\s[|–—]\s|\sat\s", prev) and prev.rstrip()[-1:].isalpha()
            and not find_date_ranges(prev) and not has_title_head(ln) and _headerish(prev.strip())
            and (_BULLET_RE.match(nxt) or find_date_ranges(nxt)) and not find_location(prev.strip() + " " + ln.strip())
        ):
            out[-1] = prev.rstrip() + " " + ln.strip()
            continue
        out.append(ln)
    return out


def _prepare(section_text: str) -> list[_Line]:
    text = section_text.replace("\r", "")
    if text.count("\t  ") > 10:  # some PDF producers put "\t  " between every word
        text = re.sub(r"\t +", " ", text)
    raw = [ln.rstrip() for ln in text.split("\n")]
    merged: list[str] = []
    i = 0
    while i < len(raw):
        ln = raw[i]
        # "2017 –" / "Present" split over two lines
        tail = re.search(r"(\S+(?:\s+\S+)?)\s*(?:[-–—]|\bto)\s*$", ln)
        if tail and i + 1 < len(raw) and not find_date_ranges(ln) and _ends_with_date(tail.group(1)):
            nxt = raw[i + 1].strip()
            if nxt and find_date_ranges(ln.strip() + " " + nxt.split("  ")[0]):
                merged.append(ln.rstrip() + " " + nxt)
                i += 2
                continue
        merged.append(ln)
        i += 1
    merged = _join_wrapped(merged)
    lines = []
    for ln in merged:
        bullet = bool(_BULLET_RE.match(ln)) and not re.match(r"^\s*[-–—]\s*$", ln)
        body = _BULLET_RE.sub("", ln, count=1) if bullet else ln
        body = re.sub(r"\(cid:\d+\)", " ", body)
        body = re.sub(r"\s*[-–|]\s*link\s*$", "", body, flags=re.I).strip()
        spans = range_spans(body)
        ranges = find_date_ranges(body)
        rest = body
        for a, b in reversed(spans):
            rest = rest[:a] + "  " + rest[b:]
        rest = re.sub(r"\(\s*\)|\[\s*\]", " ", rest)
        rest = _clean(rest)
        lines.append(_Line(body, bullet, ranges, rest))
    return lines


def _split_fragments(s: str) -> list[str]:
    """Title/employer/location pieces of one header line."""
    out: list[str] = []
    for piece in _PIECE_SPLIT_RE.split(s):
        piece = _clean(piece)
        if not piece:
            continue
        m = re.match(r"^(.+?)\s+(?:at|@)\s+(.+)$", piece)
        if m and has_title_head(m.group(1)):
            out += [m.group(1), m.group(2)]
            continue
        m = re.match(r"^(.+?)\s+as\s+(.+)$", piece)
        if m and has_title_head(m.group(2)) and not has_title_head(m.group(1)):
            out += [m.group(1), m.group(2)]
            continue
        out.append(piece)
    return out


def _comma_pieces(s: str) -> list[str]:
    parts = [p.strip() for p in s.split(",") if p.strip()]
    merged: list[str] = []
    for p in parts:
        if merged and _SUFFIX_RE.match(p):
            merged[-1] = f"{merged[-1]}, {p}"
        else:
            merged.append(p)
    return merged


def _classify(lines: list[str]) -> tuple[list[str], str | None]:
    """Fragments (title/employer candidates) and a location from header lines."""
    frags: list[str] = []
    location = None
    for line in lines:
        for piece in _split_fragments(line):
            if _JUNK_RE.search(piece) or not re.search(r"[A-Za-z]{2}", piece):
                continue
            if re.fullmatch(r"\(?\s*(?:remote|hybrid|on-?site)\s*\)?", piece, re.I):
                location = location or piece.strip("() ").title()
                continue
            if is_region_name(piece):  # "India" alone under the title
                location = location or piece
                continue
            loc = find_location(piece)
            if loc:
                location = location or loc
                # remove the location (and anything written after it) from the piece
                city = loc.split(",")[0]
                idx = piece.find(city)
                paren = piece.rfind("(", 0, idx + 1) if idx >= 0 else -1
                piece = piece[: paren if paren >= 0 else idx].strip(" ,;:(-–—") if idx >= 0 else ""
                if not piece:
                    continue
            for part in _comma_pieces(piece) if "," in piece else [piece]:
                part = _clean(part)
                if part and len(part) <= 90:
                    frags.append(part)
    return frags, location


def _assign(frags: list[str]) -> tuple[str | None, str | None]:
    if not frags:
        return None, None
    titled = [f for f in frags if has_title_head(f) and not _is_company(f)]
    if not titled:
        titled = [f for f in frags if has_title_head(f)]
    if titled:
        title = titled[0]
        others = [f for f in frags if f is not title]
        company = [f for f in others if _is_company(f)]
        employer = company[0] if company else next((f for f in others if not has_title_head(f)), None)
        if employer is None and others:
            employer = others[0]
        # "Registered Nurse – Step-Down Unit, Mercy Hospital": the plain piece after the title qualifies it
        at = frags.index(title)
        nxt = frags[at + 1] if at + 1 < len(frags) else None
        if nxt is not None and nxt is not employer and company and not has_title_head(nxt) and not _is_company(nxt):
            title = f"{title} – {nxt}"
        return title, employer
    company = [f for f in frags if _is_company(f)]
    if company:
        others = [f for f in frags if f is not company[0]]
        return (others[0] if others else None), company[0]
    return frags[0], (frags[1] if len(frags) > 1 else None)


def _header_bullet(lines: list[_Line], j: int) -> bool:
    """"• Acme Corp" used as an entry header: short, and not inside a list of bullets."""
    cand = lines[j]
    if len(cand.text.split()) > 6 or not _headerish(cand.text) or cand.text.endswith(":"):
        return False
    if not all(w[0].isupper() or not w[0].isalpha() or w in _NAME_CONNECTORS for w in cand.text.split()):
        return False  # "• Tuned slow queries": a description, not "• Acme Corp"
    above = next((ln for ln in reversed(lines[:j]) if ln.text), None)
    below = next((ln for ln in lines[j + 1 :] if ln.text), None)
    return (above is None or not above.bullet) and (below is None or not below.bullet)


def parse_experience(section_text: str) -> list[Experience]:
    """Work-history entries in the order written.

    Handles "Senior Engineer, Acme Corp    Jan 2019 – Present", "Acme Corp —
    Senior Engineer" with the dates on the next line, "Senior Engineer | Acme
    Corp | Austin, TX | 2019–2021", title / employer / dates on three lines,
    and layouts where the dates are set apart from their header (after the
    bullets, or in a column of their own): such date lines are paired in order
    with the header lines nobody claimed. A second role under the same
    employer with no employer line of its own inherits it. Entries without a
    date range are not found.
    """
    if not section_text or not section_text.strip():
        return []
    lines = _prepare(section_text)
    used: set[int] = set()
    entries: list[Experience] = []
    frag_lists: list[list[str]] = []
    anchors: list[int] = []
    prev_anchor = -1
    for i, line in enumerate(lines):
        if not line.ranges or line.bullet:
            continue
        if line.rest and not _headerish(line.rest) and len(line.rest.split()) > 14:
            continue  # a sentence that mentions years, not an entry
        header = [line.rest] if line.rest else []
        above: list[str] = []
        j = i - 1
        while j > prev_anchor and j not in used and len(_classify(above + header)[0]) < 2:
            cand = lines[j]
            if cand.ranges or (cand.bullet and not _header_bullet(lines, j)):
                break
            if cand.text and not _headerish(cand.text):
                break
            if cand.text:
                above.insert(0, cand.text)
                used.add(j)
            if i - j > 6:
                break
            j -= 1
        # "Acme Hospital — Columbus, OH" directly above "Nurse – Surgical, 2023 – Present"
        top = i - len(above) - 1 if all(lines[x].text for x in range(i - len(above), i)) else -1
        if header and re.search(r"\s[–—-]\s", header[0]) and top > prev_anchor and top not in used \
                and lines[top].text and not lines[top].ranges and len(lines[top].text.split()) <= 8 \
                and not lines[top].bullet and _headerish(lines[top].text) and not has_title_head(lines[top].text) \
                and not any(_is_company(f) for f in _classify(above + header)[0]):
            above.insert(0, lines[top].text)
            used.add(top)
        frags, location = _classify(above + header)
        location = location or _location_after(lines, i, used)
        start, end, current = line.ranges[0]
        if len(line.ranges) > 1 and line.ranges[-1][1:] != (None, False):
            end, current = line.ranges[-1][1], line.ranges[-1][2]
        entries.append(Experience(None, None, start, end, current, location))
        frag_lists.append(frags)
        anchors.append(i)
        used.add(i)
        prev_anchor = max(used)
    _pair_orphans(lines, used, anchors, frag_lists, entries)
    for n, (entry, frags) in enumerate(zip(entries, frag_lists)):
        entry.title, entry.employer = _assign(frags)
        if entry.employer is None and entry.title and n and anchors[n - 1] == anchors[n] - 1:
            entry.employer = entries[n - 1].employer  # a promotion listed under the same employer
    return entries


def _location_after(lines: list[_Line], i: int, used: set[int]) -> str | None:
    """"San Francisco, CA" alone on the line after the dates."""
    k = i + 1
    while k < len(lines) and not lines[k].text:
        k += 1
    if k < len(lines) and not lines[k].ranges and not lines[k].bullet and k not in used:
        loc = find_location(lines[k].text)
        if loc and len(lines[k].text) <= len(loc) + 12:
            used.add(k)
            return loc
    return None


def _header_blocks(lines: list[_Line], used: set[int]) -> list[list[int]]:
    """Runs of unclaimed short lines that name a job or an employer."""
    blocks: list[list[int]] = []
    run: list[int] = []
    for n, ln in enumerate(lines + [_Line("", True, [], "")]):
        if not ln.text and not ln.bullet:
            continue
        if n < len(lines) and n not in used and not ln.ranges and _headerish(ln.text) and (
            not ln.bullet or _header_bullet(lines, n)
        ):
            run.append(n)
            continue
        if run and len(run) <= 3 and any(has_title_head(lines[x].text) or _is_company(lines[x].text) for x in run):
            blocks.append(run)
        run = []
    return blocks


def _pair_orphans(
    lines: list[_Line], used: set[int], anchors: list[int], frag_lists: list[list[str]], entries: list[Experience]
) -> None:
    """Give date lines without a header one: paired in order, or the lines just below."""
    orphans = [n for n, frags in enumerate(frag_lists) if not frags]
    if not orphans:
        return
    blocks = _header_blocks(lines, used)
    if len(blocks) == len(orphans):
        for n, block in zip(orphans, blocks):
            frag_lists[n], loc = _classify([lines[x].text for x in block])
            entries[n].location = entries[n].location or loc
            used.update(block)
        return
    for n in orphans:  # "2017 – Present" above "Product Manager, Google"
        below: list[str] = []
        k = anchors[n] + 1
        while k < len(lines) and len(_classify(below)[0]) < 2:
            cand = lines[k]
            if k in used:
                if cand.ranges or not find_location(cand.text):
                    break
                k += 1  # this entry's own location line
                continue
            if cand.bullet or cand.ranges or (cand.text and not _headerish(cand.text)):
                break
            if cand.text:
                below.append(cand.text)
                used.add(k)
            k += 1
        frag_lists[n], loc = _classify(below)
        entries[n].location = entries[n].location or loc


def _months(d: str, *, is_end: bool) -> int:
    year = int(d[:4])
    month = int(d[5:7]) if len(d) >= 7 else (12 if is_end else 1)
    return year * 12 + month - 1


def years_of_experience(entries: list[Experience], as_of: date) -> float:
    """Total years covered by the entries, overlaps counted once, to 1 decimal.

    Rules: each entry covers the months from its start to its end, both
    included ("Jan 2019 – Dec 2019" is 12 months). A year-only start counts
    from January and a year-only end through December ("2019 – 2021" is 36
    months). A current entry, and an end after ``as_of``, ends in the month
    of ``as_of``. An entry with a start but no end and not current counts as
    its start month only. Entries without a start, starting after ``as_of``
    or ending before they start are ignored. Overlapping intervals are
    merged before summing.
    """
    now = as_of.year * 12 + as_of.month - 1
    intervals: list[tuple[int, int]] = []
    for e in entries:
        if not e.start:
            continue
        try:
            a = _months(e.start, is_end=False)
            if e.current:
                b = now
            elif e.end:
                b = _months(e.end, is_end=True)
            else:
                b = _months(e.start, is_end=True) if len(e.start) >= 7 else a
        except ValueError:
            continue
        b = min(b, now)
        if a > now or b < a:
            continue
        intervals.append((a, b))
    intervals.sort()
    total = 0
    cur: tuple[int, int] | None = None
    for a, b in intervals:
        if cur is None or a > cur[1]:
            if cur is not None:
                total += cur[1] - cur[0] + 1
            cur = (a, b)
        else:
            cur = (cur[0], max(cur[1], b))
    if cur is not None:
        total += cur[1] - cur[0] + 1
    return round(total / 12, 1)
