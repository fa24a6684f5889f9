"""``hotlist eval parse DATASET...``: per-field accuracy / precision / recall / F1 of the resume parser.

Datasets are given by path and never copied. Three formats are recognised:

* **DataTurks** JSON lines (``content``, ``annotation[{label, points[{start, end, text}]}]``): the text
  is parsed as a plain-text resume (no file, so no layout cues). ``end`` offsets are inclusive. Spans are
  realigned: when ``content[start:end+1]`` is not the span's ``text``, the text is searched for within
  40 characters of ``start`` (nearest occurrence wins), then anywhere; a span that cuts a word is
  extended to the word's ends ("Jane Smit" → "Jane Smith"). Duplicate spans (same label
  and offsets) count once; a resume whose whole text repeats an earlier one is dropped.
* **A folder with ``expected/*.json``** (the 24f2000164 set): each ``expected/<stem>.json`` is scored
  against ``<stem>.pdf``/``.docx``/``.txt`` in the folder, parsed as a file. Only the fields a JSON
  file states are scored for it. Files without a text layer are quarantined by design and listed, not
  scored; expected files with no document or unreadable JSON are listed too. A labelled name, email,
  phone or location that is not written in the document at all (read independently of the parser:
  pdfminer's ``extract_text`` for a PDF, the raw XML of a DOCX) is a label defect, listed and not scored.
* **``ground_truth.json``** (a list with ``file``, ``name``, ``email``, ``phone_e164``, ``experience``...;
  the project's generated ``sample_resumes/``), parsed as files.

Normalisation: Unicode folded to ASCII, lower case, "&" read as "and", every other non-alphanumeric
character a space, spaces collapsed. Organisation names also lose legal suffixes and "the" (inc, ltd,
limited, llc, pvt, private, corp, corporation, co, company, plc, gmbh, llp, lp).

Metrics (per dataset):

* **name** — accuracy: the parsed name equals a labelled name after normalisation, or has the same set of
  words ("SMITH Jane" = "Jane Smith"). precision = right / names output; recall = right / resumes.
* **email** — accuracy of the first address output against the labelled addresses. DataTurks labels no
  address at all in its 220 resumes: its "Email Address" spans are Indeed relay URLs
  ("indeed.com/r/Name/id", "Email me on Indeed"), so there the row is **email (Indeed link)**: right when
  that URL (spaces removed, no scheme) is among the parsed links; it says whether the parser gives the
  recruiter the candidate's contact route, not whether it reads addresses (the other sets measure that).
* **phone** — the first phone output (E.164) against the labelled number: equal digits, or the labelled
  number written without a country code is the end of the output. DataTurks labels no phones: not scored.
* **employer**, **title**, **school**, **degree** — sets per resume (labels deduplicated after
  normalisation). A parsed value matches a label when their word sets have Jaccard similarity ≥ 0.5; each
  label is matched at most once (best pairs first). precision = matched / values output, recall =
  matched / labels, micro-averaged over resumes (a resume with no labels of a kind still counts the
  values output as false positives).
* **location** — accuracy: the parsed location's city (before the first comma) and the city of the first
  labelled location (DataTurks: the first ``Location`` span in the text, the header's) have word sets with
  Jaccard similarity ≥ 0.5 ("Hyderabad-Deccan" = "Hyderabad"; "Bengaluru" ≠ "Bangalore").
* **years ±1** — over resumes that state dates (a date range such as "June 2016 to Present" appears in
  the text; for expected sets, an expected job has a start date): right when the parsed total is within
  one year of the truth. Truth for expected sets: the expected jobs' dates merged with the parser's own rule
  (:func:`pipeline.experience.years_of_experience`) at the same "as of" date the parser used. Truth for
  DataTurks: the largest duration stated in its ``Years of Experience`` spans ("6.8 years", "5 Years 11
  Months", "15 Months"), so this row measures agreement with what the candidate claims; "Present" there
  resolves to ``--as-of`` or by the parser's rule (latest work date, as these texts have no file date).

The loaders and matching rules live in :mod:`hotlist.evaluation.parse_data`.

``--robustness DIR`` parses every resume file under DIR (PDF, DOCX, TXT, DOC) and counts outcomes,
crashes, and (with ``--inventory INVENTORY.csv``, matched by sha256) whether every image-only file was
flagged and text was found for every other file.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import click

from hotlist.evaluation.parse_data import (  # noqa: F401 - re-exported for callers of this module
    Case,
    independent_text,
    jaccard,
    label_in_text,
    load_dataset,
    match_sets,
    norm,
    norm_org,
    realign,
    same_name,
    same_phone,
    stated_years,
)
from hotlist.pipeline.types import ParsedResume

TARGETS = {"name": 0.93, "email": 0.98, "phone": 0.95, "employer": 0.70, "title": 0.70, "years": 0.80}
_ACCURACY = ("name", "email", "phone", "location", "years")
_SETS = ("employer", "title", "school", "degree")


# --- scoring ---------------------------------------------------------------------------------------------


@dataclass
class Tally:
    n: int = 0
    right: int = 0
    output: int = 0
    matched: int = 0
    predicted: int = 0
    labelled: int = 0
    errors: list[str] = field(default_factory=list)


def _parse(case: Case, use_ner: bool, as_of: date | None) -> tuple[ParsedResume | None, str]:
    from hotlist.pipeline.read.documents import DocumentText
    from hotlist.pipeline.parse.resume import parse_document, parse_file

    if case.text is not None:
        doc = DocumentText(text=case.text, kind="txt", pages=1)
        return parse_document(doc, as_of=as_of, use_ner=use_ner), "ok"
    outcome = parse_file(case.path, skill_nlp=None, as_of=as_of, use_ner=use_ner)
    return outcome.resume, outcome.status if outcome.resume is not None else f"quarantined: {outcome.reason}"


def score(cases: list[Case], *, use_ner: bool = True, as_of: date | None = None) -> tuple[dict[str, Tally], list[str]]:
    """Tallies per field, and the cases (or labels) not scored with the reason.

    A labelled name, email, phone or location that is not written in the document (read independently of
    the parser: pdfminer ``extract_text`` for PDFs, the raw XML of DOCX files) is a label defect: it is
    listed and not scored.
    """
    from hotlist.pipeline.parse.experience import years_of_experience

    tallies = {k: Tally() for k in (*_ACCURACY, *_SETS)}
    skipped: list[str] = []
    for case in cases:
        resume, status = _parse(case, use_ner, as_of)
        if resume is None:
            skipped.append(f"{case.key} ({status})")
            continue
        g = dict(case.gold)
        raw: str | None = None
        for key in ("name", "email", "phone", "location"):
            if g.get(key):
                raw = independent_text(case) if raw is None else raw
                if not label_in_text(key, g[key], raw):
                    skipped.append(f"{case.key}: labelled {key} {g[key]!r} is not in the document")
                    g[key] = None

        def acc(key: str, ok: bool, output: bool, detail: str) -> None:
            t = tallies[key]
            t.n += 1
            t.right += ok
            t.output += output
            if not ok:
                t.errors.append(f"{case.key}: {detail}")

        if g.get("name"):
            acc("name", same_name(resume.name, g["name"]), resume.name is not None, f"{resume.name!r} vs {g['name'][0]!r}")
        if g.get("email"):
            got = resume.emails[0] if resume.emails else None
            acc("email", got in {e.lower() for e in g["email"]}, got is not None, f"{got!r} vs {g['email']}")
        elif g.get("handle"):
            links = {re.sub(r"^https?://(www\.)?", "", u).lower().rstrip("/") for u in resume.links}
            ok = all(h.lower().rstrip("/") in links for h in g["handle"])
            acc("email", ok, bool(resume.links), f"{sorted(links)} vs {g['handle']}")
        if g.get("phone"):
            got = resume.phones[0] if resume.phones else None
            acc("phone", same_phone(got, g["phone"]), got is not None, f"{got!r} vs {g['phone']!r}")
        if g.get("location"):
            city = norm((resume.location or "").split(",")[0])
            want = norm(g["location"][0].split(",")[0])
            acc("location", bool(city) and jaccard(city, want) >= 0.5, resume.location is not None,
                f"{resume.location!r} vs {g['location'][0]!r}")
        truth = g.get("years")
        if truth is None and g.get("jobs"):
            truth = years_of_experience(g["jobs"], date.fromisoformat(resume.as_of) if resume.as_of else date.today())
        if truth is not None:
            got = resume.years_experience
            acc("years", got is not None and abs(got - truth) <= 1.0, got is not None, f"{got} vs {truth}")
        parsed = {"employer": [e.employer or "" for e in resume.experience], "title": [e.title or "" for e in resume.experience],
                  "school": [e.school or "" for e in resume.education], "degree": [e.degree or "" for e in resume.education]}
        for key in _SETS:
            if g.get(key) is None:
                continue
            m, p, lab = match_sets(parsed[key], g[key], org=key in ("employer", "school"))
            t = tallies[key]
            t.n += 1
            t.matched, t.predicted, t.labelled = t.matched + m, t.predicted + p, t.labelled + lab
            if m < max(p, lab):
                t.errors.append(f"{case.key}: {[x for x in parsed[key] if x]} vs {[x for x in g[key] if x]}")
    return tallies, skipped


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def table(tallies: dict[str, Tally], email_label: str = "email") -> list[str]:
    rows = [f"{'field':<22}{'n':>5}{'accuracy':>10}{'precision':>11}{'recall':>8}{'F1':>8}  target"]
    for key in (*_ACCURACY[:3], *_SETS[:2], "years", "location", *_SETS[2:]):
        t = tallies[key]
        label = {"email": email_label, "years": "years (±1 year)"}.get(key, key)
        target = TARGETS.get(key)
        if t.n == 0:
            rows.append(f"{label:<22}{0:>5}{'-':>10}{'-':>11}{'-':>8}{'-':>8}  " + ("not labelled" if target else ""))
            continue
        if key in _SETS:
            p = t.matched / t.predicted if t.predicted else 0.0
            r = t.matched / t.labelled if t.labelled else 0.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            cells, value = (None, p, r, f1), f1
        else:
            a = t.right / t.n
            cells, value = (a, t.right / t.output if t.output else None, a, None), a
        verdict = ""
        if target is not None:
            kind = "F1" if key in _SETS else "acc"
            verdict = f"{kind} ≥ {target:.2f} " + ("met" if value >= target else "NOT MET")
        rows.append(f"{label:<22}{t.n:>5}" + "".join(f"{_fmt(c):>{w}}" for c, w in zip(cells, (10, 11, 8, 8))) + f"  {verdict}")
    return rows


# --- robustness --------------------------------------------------------------------------------------------


def robustness(folder: Path, inventory: Path | None) -> list[str]:
    from hotlist.pipeline.read.documents import sha256_of
    from hotlist.pipeline.read.files import COLLECTED_SUFFIXES
    from hotlist.pipeline.parse.resume import parse_file

    listed: dict[str, bool] = {}  # sha256 prefix -> image-only
    if inventory is not None:
        with open(inventory, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                listed[row["sha256"][:16]] = row.get("text_quality", "").startswith("NO_TEXT")
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    resumes = [p for p in files if p.suffix.lower() in COLLECTED_SUFFIXES]
    counts: Counter = Counter()
    reasons: Counter = Counter()
    lines: list[str] = []
    flagged_pages = 0
    for path in resumes:
        try:
            outcome = parse_file(path, skill_nlp=None)
        except Exception as exc:  # noqa: BLE001 - the point is to count them
            counts["crashed"] += 1
            lines.append(f"  CRASH {path}: {type(exc).__name__}: {exc}")
            continue
        counts[outcome.status] += 1
        sha = sha256_of(path)[:16]
        is_image = listed.get(sha, False)
        scanned = outcome.status == "quarantined" and (outcome.reason or "").startswith("no text layer")
        if outcome.status == "quarantined":
            reasons[(outcome.reason or "").split(":")[0]] += 1
        if inventory is not None and sha not in listed:
            counts["not in the inventory"] += 1
        elif is_image:
            counts["image-only (inventory)"] += 1
            counts["image-only flagged"] += scanned
            if not scanned:
                lines.append(f"  image-only but not flagged: {path}")
        elif inventory is not None:
            counts["with a text layer (inventory)"] += 1
            found = outcome.resume is not None and bool(outcome.resume.text.strip())
            counts["text found"] += found
            if not found:
                lines.append(f"  text layer but no text: {path} ({outcome.reason})")
        if outcome.resume is not None and "image_only_pages" in outcome.resume.quality_flags:
            flagged_pages += 1
    out = [f"Robustness: {folder}: {len(files)} files, {len(resumes)} resume files (PDF/DOCX/TXT/DOC), "
           f"{len(files) - len(resumes)} other files skipped"]
    out.append("  " + ", ".join(f"{k}: {counts[k]}" for k in ("ok", "needs_review", "quarantined", "crashed")))
    for reason, n in reasons.most_common():
        out.append(f"  quarantined {n} × {reason}")
    if inventory is not None:
        out.append(f"  image-only files flagged: {counts['image-only flagged']}/{counts['image-only (inventory)']}; "
                   f"text found: {counts['text found']}/{counts['with a text layer (inventory)']}; "
                   f"not in the inventory: {counts['not in the inventory']}")
    out.append(f"  files with some image-only pages flagged (text kept): {flagged_pages}")
    return out + lines


# --- command ------------------------------------------------------------------------------------------------------


@click.command(name="parse")
@click.argument("datasets", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--robustness", "robust_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Parse every resume file under this folder and count outcomes and crashes.")
@click.option("--inventory", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="INVENTORY.csv (sha256, text_quality) to check image-only files in --robustness.")
@click.option("--no-ner", is_flag=True, help="Parse without the English model (rules only).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Resolve 'Present' against this date instead of the parser's rule.")
@click.option("--hotlist-dev", "dev_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The hotlist-dev folder (gold.jsonl): name, email, phone, years, document month and skill "
                   "recall for all resumes and the even/odd halves by sha1 of the file path.")
@click.option("--no-skills", is_flag=True, help="With --hotlist-dev: skip skill recall (faster).")
@click.option("--errors", "show_errors", default=0, show_default=True, help="Print up to N mismatches per field.")
def command(datasets: tuple[Path, ...], robust_dir: Path | None, inventory: Path | None, no_ner: bool,
            as_of, dev_dir: Path | None, no_skills: bool, show_errors: int) -> None:
    """Measure the resume parser against labelled DATASETS (paths; nothing is copied).

    See the module docstring of hotlist/evaluation/parse.py for how every metric is computed.
    """
    if not datasets and robust_dir is None and dev_dir is None:
        raise click.UsageError("give at least one DATASET or --robustness DIR (or --hotlist-dev DIR)")
    if dev_dir is not None:
        from hotlist.evaluation.parse_dev import dev_table, load_hotlist_dev, score_dev

        cases = load_hotlist_dev(dev_dir)
        counts, problems = score_dev(cases, with_skills=not no_skills, use_ner=not no_ner)
        click.echo(f"\nhotlist-dev: {dev_dir}\n  {len(cases)} real resumes (is_resume true)")
        for line in problems:
            click.echo(f"    not parsed: {line}")
        for row in dev_table(counts):
            click.echo(row)
        if show_errors:
            for key, c in counts["all"].items():
                for err in c.errors[:show_errors]:
                    click.echo(f"    {key}: {err}")
    for path in datasets:
        kind, cases, note = load_dataset(path)
        tallies, skipped = score(cases, use_ner=not no_ner, as_of=as_of.date() if as_of else None)
        click.echo(f"\n{kind}: {path}\n  {note}")
        if skipped:
            click.echo("  not scored:\n" + "\n".join(f"    {line}" for line in skipped))
        handles = kind == "DataTurks" and tallies["email"].n and not any(c.gold.get("email") for c in cases)
        for row in table(tallies, "email (Indeed link)" if handles else "email"):
            click.echo(row)
        if show_errors:
            for key, t in tallies.items():
                for err in t.errors[:show_errors]:
                    click.echo(f"    {key}: {err}")
    if robust_dir is not None:
        click.echo()
        for line in robustness(robust_dir, inventory):
            click.echo(line)
