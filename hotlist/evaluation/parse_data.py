"""Labelled datasets for ``hotlist eval parse`` and the matching rules it scores with.

How each metric uses these rules is documented in :mod:`hotlist.evaluation.parse`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from hotlist.pipeline.parse.dates import find_date_ranges
from hotlist.pipeline.types import Experience

_LEGAL = {"inc", "ltd", "limited", "llc", "pvt", "private", "corp", "corporation", "co", "company", "plc",
          "gmbh", "llp", "lp", "the"}

@dataclass
class Case:
    """One labelled resume: where its text comes from and what the labels say (None = not labelled)."""

    key: str
    text: str | None = None
    path: Path | None = None
    gold: dict = field(default_factory=dict)


# --- normalisation and matching --------------------------------------------------------------------


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower().replace("&", " and ")
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9]+", " ", s)).strip()


def norm_org(s: str | None) -> str:
    return " ".join(w for w in norm(s).split() if w not in _LEGAL)


def jaccard(a: str, b: str) -> float:
    x, y = set(a.split()), set(b.split())
    return len(x & y) / len(x | y) if x | y else 0.0


def match_sets(pred: list[str], gold: list[str], org: bool = False) -> tuple[int, int, int]:
    """(matched, predicted, labelled) with one-to-one Jaccard ≥ 0.5 matching, best pairs first."""
    f = norm_org if org else norm
    p = list(dict.fromkeys(x for x in map(f, pred) if x))
    g = list(dict.fromkeys(x for x in map(f, gold) if x))
    pairs = sorted(((jaccard(a, b), i, j) for i, a in enumerate(p) for j, b in enumerate(g)), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    for score, i, j in pairs:
        if score < 0.5:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return len(used_p), len(p), len(g)


def same_name(pred: str | None, golds: list[str]) -> bool:
    n = norm(pred)
    return bool(n) and any(n == norm(g) or set(n.split()) == set(norm(g).split()) for g in golds)


def same_phone(pred: str | None, gold: str) -> bool:
    p, g = re.sub(r"\D", "", pred or ""), re.sub(r"\D", "", gold)
    return bool(p) and len(g) >= 7 and (p == g or (not gold.strip().startswith("+") and p.endswith(g.lstrip("0"))))


def stated_years(text: str) -> float | None:
    """"6.8 years" → 6.8, "5 Years 11 Months" → 5.9, "15 Months" → 1.25, "7+ years" → 7; None for "2004"."""
    t = text.lower()
    years = re.search(r"(\d+(?:\.\d+)?)\s*\+?\s*-?\s*(?:years?|yrs?|yr)\b", t)
    months = re.search(r"(\d+)\s*(?:months?|mos?)\b", t)
    if not years and not months:
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*\+\s*", t)
        return float(m.group(1)) if m else None
    return round((float(years.group(1)) if years else 0.0) + (int(months.group(1)) / 12 if months else 0.0), 2)


def states_dates(text: str) -> bool:
    return any(find_date_ranges(line) for line in text.splitlines())


# --- datasets ------------------------------------------------------------------------------------------


def realign(content: str, start: int, end: int, text: str, stats: Counter) -> str | None:
    want = text.strip()
    if not want:
        return None
    span = content[start : end + 1]
    if span.strip() == want:
        s = start + len(span) - len(span.lstrip())
        stats["exact"] += 1
    else:
        near = [m.start() for m in re.finditer(re.escape(want), content[max(0, start - 40) : end + 41])]
        if near:
            s = max(0, start - 40) + min(near, key=lambda x: abs(max(0, start - 40) + x - start))
        else:
            s = content.find(want)
            if s < 0:
                stats["not found"] += 1
                return want
        stats["realigned"] += 1
    e = s + len(want)
    s0, e0 = s, e
    while s > 0 and content[s - 1].isalnum() and content[s].isalnum():
        s -= 1
    while e < len(content) and content[e].isalnum() and content[e - 1].isalnum():
        e += 1
    if (s, e) != (s0, e0):
        stats["extended to word ends"] += 1
    return content[s:e]


def load_dataturks(path: Path) -> tuple[list[Case], str]:
    cases: list[Case] = []
    stats: Counter = Counter()
    seen: set[str] = set()
    dropped = 0
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        row = json.loads(line)
        content = row["content"]
        if content in seen:
            dropped += 1
            continue
        seen.add(content)
        spans: dict[str, list[tuple[int, str]]] = {}
        done: set[tuple[str, int, int]] = set()
        for ann in row.get("annotation") or []:
            for point in ann.get("points") or []:
                for label in ann.get("label") or []:
                    if (label, point["start"], point["end"]) in done:
                        continue
                    done.add((label, point["start"], point["end"]))
                    text = realign(content, point["start"], point["end"], point.get("text") or "", stats)
                    if text:
                        spans.setdefault(label, []).append((point["start"], text))
        get = lambda label: [t for _, t in sorted(spans.get(label, []))]  # noqa: E731
        emails = [e for t in get("Email Address") for e in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", t)]
        handles = [re.sub(r"\s+", "", m) for t in get("Email Address")
                   for m in re.findall(r"indeed\.com/r/[\w\-\s]+/[0-9a-f\s]{6,}", t)]
        stated = [y for y in map(stated_years, get("Years of Experience")) if y is not None]
        gold = {
            "name": get("Name") or None,
            "email": emails or None,
            "handle": handles or None,
            "employer": get("Companies worked at"),
            "title": get("Designation"),
            "school": get("College Name"),
            "degree": get("Degree"),
            "location": get("Location")[:1] or None,
            "years": max(stated) if stated and states_dates(content) else None,
        }
        cases.append(Case(f"{path.name}#{n + 1}", text=content, gold=gold))
    note = (f"{len(cases)} resumes ({dropped} exact duplicate dropped); spans: "
            + ", ".join(f"{v} {k}" for k, v in sorted(stats.items())))
    return cases, note


def _expected_gold(data: dict) -> dict:
    gold: dict = {}
    if "first_name" in data or "last_name" in data:
        gold["name"] = [" ".join(x for x in (data.get("first_name"), data.get("last_name")) if x)]
    contact = data.get("contact") or {}
    if contact.get("email"):
        gold["email"] = [contact["email"]]
    if contact.get("phone"):
        gold["phone"] = contact["phone"]
    if contact.get("location"):
        gold["location"] = [contact["location"]]
    jobs = data.get("experiences")
    if jobs is None and "company" in data:
        jobs = [data]  # a file holding one experience object
    if jobs is not None:
        gold["employer"] = [j.get("company") or "" for j in jobs]
        gold["title"] = [j.get("title") or "" for j in jobs]
        dated = [j for j in jobs if j.get("start_date")]
        if dated:
            gold["jobs"] = [Experience(start=j["start_date"][:7], end=(j.get("end_date") or None) and j["end_date"][:7],
                                       current=not j.get("end_date")) for j in dated]
    if data.get("education") is not None:
        gold["school"] = [e.get("institution") or "" for e in data["education"]]
        gold["degree"] = [e.get("degree") or "" for e in data["education"]]
    return gold


def load_expected(folder: Path) -> tuple[list[Case], str]:
    cases: list[Case] = []
    problems: list[str] = []
    for expected in sorted((folder / "expected").glob("*.json")):
        try:
            data = json.loads(expected.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            problems.append(f"{expected.name}: unreadable JSON")
            continue
        doc = next((folder / f"{expected.stem}{ext}" for ext in (".pdf", ".docx", ".txt")
                    if (folder / f"{expected.stem}{ext}").exists()), None)
        if doc is None:
            problems.append(f"{expected.name}: no document")
            continue
        cases.append(Case(doc.name, path=doc, gold=_expected_gold(data)))
    return cases, f"{len(cases)} expected files with a document" + (f"; skipped: {'; '.join(problems)}" if problems else "")


def load_ground_truth(path: Path) -> tuple[list[Case], str]:
    cases = []
    for t in json.loads(path.read_text(encoding="utf-8")):
        jobs = [Experience(start=e["start"], end=e["end"], current=e["current"]) for e in t.get("experience", [])]
        gold = {
            "name": [t["name"]], "email": [t["email"]], "phone": t.get("phone_e164") or t.get("phone_raw"),
            "location": [t["location"]] if t.get("location") else None,
            "employer": [e["employer"] for e in t.get("experience", [])],
            "title": [e["title"] for e in t.get("experience", [])],
            "school": [e["school"] for e in t.get("education", [])],
            "degree": [e["degree"] for e in t.get("education", [])],
            "jobs": [j for j in jobs if j.start] or None,
        }
        cases.append(Case(t["file"], path=path.parent / t["file"], gold=gold))
    return cases, f"{len(cases)} resumes"


def load_dataset(path: Path) -> tuple[str, list[Case], str]:
    if path.is_dir():
        if not (path / "expected").is_dir():
            raise click.ClickException(f"{path}: a folder needs an expected/ subfolder of JSON files")
        return "expected JSON", *load_expected(path)
    head = path.read_text(encoding="utf-8")[:2000].lstrip()
    if head.startswith("["):
        return "ground truth", *load_ground_truth(path)
    if head.startswith("{") and '"content"' in head:
        return "DataTurks", *load_dataturks(path)
    raise click.ClickException(f"{path}: not a dataset Hotlist knows (DataTurks JSON lines, ground_truth.json, or a folder with expected/)")


def independent_text(case: Case) -> str:
    """The document's text read another way than the parser's (pdfminer ``extract_text``, raw DOCX XML)."""
    if case.text is not None:
        return case.text
    path = case.path
    try:
        if path.suffix.lower() == ".pdf":
            from pdfminer.high_level import extract_text

            return extract_text(str(path))
        if path.suffix.lower() == ".docx":
            import zipfile

            with zipfile.ZipFile(path) as archive:
                xml = " ".join(archive.read(n).decode("utf-8", "ignore") for n in archive.namelist()
                               if n.startswith("word/") and n.endswith(".xml"))
            return re.sub(r"<[^>]+>", "", xml)
        return path.read_text(encoding="utf-8", errors="ignore")
    except Exception:  # noqa: BLE001 - then nothing counts as present
        return ""


def label_in_text(key: str, value, text: str) -> bool:
    """Whether a labelled value is written in the document at all (else the label is a defect)."""
    folded = norm(text)
    if key == "email":
        return any(e.lower() in text.lower() for e in value)
    if key == "phone":
        digits = re.sub(r"\D", "", value)
        return len(digits) >= 7 and digits[-7:] in re.sub(r"\D", "", text)
    if key == "name":
        return any(all(w in folded.split() for w in norm(v).split()) for v in value)
    if key == "location":
        return norm(value[0].split(",")[0]) in folded
    return True
