"""``hotlist eval skills DATASET...``: precision, recall and F1 of skill extraction.

Each DATASET is a path, recognised by what it holds (nothing is copied from it):

* **Expected skills** - a folder with ``expected/<stem>.json`` files beside the resumes
  ``<stem>.pdf|.docx|.txt`` (the 24f2000164 layout). Only files whose JSON is a
  resume (a top-level ``skills`` list and no top-level ``company``/``title``) are
  scored; every other file is listed with the reason it was skipped (empty JSON, no
  ``skills``, a single work entry, no resume file, no text layer).
* **LREC 2022** (Green et al.) - a folder with ``testset.txt`` (or the file): CoNLL
  BIO job-advert sentences; the gold spans are the ``Skill`` ones.
* **Real resumes** - any other folder (PDF, DOCX, TXT, recursively) or a DataTurks
  JSON-lines file: false positives per resume on a sample, judged by hand.

Matching an expected skill string to what was found (expected-skills sets):

1. The string is resolved with ``Taxonomy.resolve`` (exact case-sensitive forms,
   then ``normalise``d names and aliases, without a trailing version, each part of a
   parenthesised pair, without spaces, singular/plural). If it resolves, it is found
   when that skill id was extracted from the resume.
2. If it does not resolve, it is found when its ``normalise``d form equals the
   normalised text of an extracted mention or the name or an alias of an extracted
   skill.
3. Expected strings are de-duplicated by their key (skill id, else normalised text);
   a found skill id that matches no expected key is a false positive.

Three scopes are printed for them: *whole resume, strict* (every skill found
anywhere, the expected list taken as complete); *skills section* (only skills with a
mention inside a section named ``skills``: the expected lists transcribe that
section); *whole resume, judged* (as strict, but a found skill that is not in the
expected list and that a reviewer judged correct in ``skills_judgements.py`` is
not counted as a false positive; unjudged ones still are).

LREC spans (token indices over the sentence's tokens): a prediction covers the
tokens its characters overlap. *Exact*: a predicted span equals a gold Skill span.
*Overlap*: a prediction is correct when it overlaps a gold Skill span, and a gold
span is recalled when a prediction overlaps it (precision and recall are counted
separately, so one long gold span found by two predictions counts once for recall).

False positives per resume: the sample is the first ``--sample`` readable
documents in order of the SHA-256 of their bytes (DataTurks: of their ``content``).
Each found skill id is looked up in ``skills_judgements.FP_JUDGEMENTS`` by the
first 16 hex digits; ids judged wrong are false positives, unjudged ids are
reported apart. Documents judged not to be resumes (``skip``) are left out of the
sample.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click

from hotlist.evaluation.skills_judgements import FP_JUDGEMENTS, RULES
from hotlist.pipeline.errors import UnreadableDocument
from hotlist.pipeline.parse.sections import split_sections
from hotlist.pipeline.skills.taxonomy import Taxonomy, normalise
from hotlist.pipeline.types import SkillMention

RESUME_SUFFIXES = (".pdf", ".docx", ".txt")


@dataclass
class Score:
    """Counts for precision (``found``, ``correct``) and recall (``gold``, ``recalled``)."""

    found: int = 0
    correct: int = 0
    gold: int = 0
    recalled: int = 0

    def add(self, other: Score) -> None:
        self.found += other.found
        self.correct += other.correct
        self.gold += other.gold
        self.recalled += other.recalled

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.recalled / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self, label: str) -> str:
        return (f"  {label:<26}{self.found:>6}{self.correct:>6}{self.found - self.correct:>5}"
                f"{self.gold - self.recalled:>5}{self.precision:>8.3f}{self.recall:>8.3f}{self.f1:>7.3f}")


HEADER = f"  {'scope':<26}{'found':>6}{'TP':>6}{'FP':>5}{'FN':>5}{'P':>8}{'R':>8}{'F1':>7}"


@dataclass
class ResumeResult:
    name: str
    strict: Score
    section: Score
    judged: Score
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ expected skills
def expected_key(taxonomy: Taxonomy, label: str) -> str:
    """The key an expected string is matched by: its skill id, else ``text:<normalised>``."""
    skill = taxonomy.resolve(label)
    return skill.id if skill else f"text:{normalise(label)}"


def score_expected(taxonomy: Taxonomy, expected: list[str], mentions: list[SkillMention],
                   in_scope: set[str] | None = None, judged_ok: frozenset[str] = frozenset()) -> Score:
    """Score one resume's found skills against its expected list (rules in the module docstring).

    ``in_scope`` restricts the found skills (the skills-section scope); ``judged_ok`` are
    found ids a reviewer judged correct although the expected list lacks them.
    """
    found_ids = {m.id for m in mentions if in_scope is None or m.id in in_scope}
    forms: dict[str, set[str]] = {}
    for m in mentions:
        if m.id in found_ids:
            skill = taxonomy.get(m.id)
            names = {m.text}
            if skill is not None:
                names.update(skill.insensitive_forms(), skill.case_sensitive_aliases)
            forms.setdefault(m.id, set()).update(normalise(n) for n in names)
    keys = {expected_key(taxonomy, label): label for label in expected}
    matched_ids: set[str] = set()
    recalled = 0
    for key in keys:
        if key in found_ids:
            matched_ids.add(key)
            recalled += 1
        elif key.startswith("text:"):
            hit = next((i for i, f in forms.items() if key[5:] in f), None)
            if hit is not None:
                matched_ids.add(hit)
                recalled += 1
    extra = found_ids - matched_ids
    correct = len(matched_ids) + len(extra & judged_ok)
    return Score(found=len(found_ids), correct=correct, gold=len(keys), recalled=recalled)


def expected_sets(folder: Path) -> Iterator[tuple[str, Path | None, list[str] | None, str | None]]:
    """(json name, resume path, expected skills, reason skipped) for each ``expected/*.json``."""
    for path in sorted((folder / "expected").glob("*.json")):
        raw = path.read_text(encoding="utf-8").strip()
        if not raw:
            yield path.name, None, None, "empty file"
            continue
        data = json.loads(raw)
        if not isinstance(data, dict) or "skills" not in data:
            yield path.name, None, None, "no skills field"
            continue
        if "company" in data or "title" in data:
            yield path.name, None, None, "describes one work entry, not a resume"
            continue
        resume = next((folder / (path.stem + s) for s in RESUME_SUFFIXES if (folder / (path.stem + s)).exists()), None)
        if resume is None:
            yield path.name, None, None, "no resume file with this name"
            continue
        yield path.name, resume, [str(s) for s in data["skills"]], None


def run_expected(folder: Path, nlp, taxonomy: Taxonomy, show: bool) -> list[str]:
    from hotlist.pipeline.read.documents import read_document
    from hotlist.pipeline.skills.matcher import extract_skills

    out, skipped, results = [], [], []
    for name, resume, expected, reason in expected_sets(folder):
        if reason is None:
            try:
                text = read_document(resume).text
            except UnreadableDocument as exc:
                reason = f"{resume.name}: {str(exc).split(':')[0]}"
        if reason is not None:
            skipped.append(f"{name} ({reason})")
            continue
        mentions = extract_skills(nlp, text)
        skills_ids = {m.id for m in mentions for s in split_sections(text)
                      if s.name == "skills" and s.start <= m.start < s.end}
        judged = FP_JUDGEMENTS.get(_sha(resume.read_bytes()), {})
        result = ResumeResult(
            resume.name,
            strict=score_expected(taxonomy, expected, mentions),
            section=score_expected(taxonomy, expected, mentions, in_scope=skills_ids),
            judged=score_expected(taxonomy, expected, mentions, judged_ok=frozenset(judged.get("ok", ()))),
        )
        keys = {expected_key(taxonomy, e): e for e in expected}
        found = {m.id for m in mentions}
        result.missed = [label for key, label in keys.items() if key not in found and not key.startswith("text:")]
        result.missed += [label for key, label in keys.items() if key.startswith("text:")
                          and not any(key[5:] == normalise(m.text) for m in mentions)]
        result.extra = sorted(found - set(keys))
        results.append(result)
    total = {k: Score() for k in ("strict", "section", "judged")}
    for r in results:
        for k in total:
            total[k].add(getattr(r, k))
    out.append(f"Expected skills: {folder}")
    out.append(f"  {len(results)} resumes scored, {total['strict'].gold} expected skills; skipped: "
               + ("; ".join(skipped) or "none"))
    out.append(HEADER)
    out.append(total["strict"].row("whole resume, strict"))
    out.append(total["section"].row("skills section, strict"))
    out.append(total["judged"].row("whole resume, judged"))
    if show:
        for r in results:
            out.append(f"  {r.name}: missed {r.missed or '-'}; not in the expected list {r.extra or '-'}")
    return out


# ------------------------------------------------------------------ LREC 2022
def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a CoNLL file as (tokens, tags)."""
    sentences, tokens, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split()
        if not parts:
            if tokens:
                sentences.append((tokens, tags))
            tokens, tags = [], []
            continue
        tokens.append(parts[0])
        tags.append(parts[-1] if len(parts) > 1 else "O")
    return sentences


def bio_spans(tags: list[str], label: str = "Skill") -> list[tuple[int, int]]:
    """Token spans (start, end) of ``label`` in BIO tags; a stray I- starts a span."""
    spans, start = [], None
    for i, tag in enumerate(tags + ["O"]):
        inside = tag == f"I-{label}" and start is not None
        if start is not None and not inside:
            spans.append((start, i))
            start = None
        if tag == f"B-{label}" or (tag == f"I-{label}" and start is None):
            start = i
    return spans


def run_lrec(path: Path, nlp) -> list[str]:
    from hotlist.pipeline.skills.matcher import extract_skills

    testset = path / "testset.txt" if path.is_dir() else path
    exact, overlap = Score(), Score()
    n_pred = 0
    sentences = read_conll(testset)
    for tokens, tags in sentences:
        text, offsets, pos = "", [], 0
        for token in tokens:
            offsets.append((pos, pos + len(token)))
            text += token + " "
            pos += len(token) + 1
        gold = set(bio_spans(tags))
        pred = set()
        for m in extract_skills(nlp, text):
            covered = [i for i, (a, b) in enumerate(offsets) if a < m.end and m.start < b]
            if covered:
                pred.add((covered[0], covered[-1] + 1))
        n_pred += len(pred)
        exact.add(Score(found=len(pred), correct=len(pred & gold), gold=len(gold), recalled=len(pred & gold)))
        hits = lambda a, spans: any(a[0] < b[1] and b[0] < a[1] for b in spans)  # noqa: E731
        overlap.add(Score(found=len(pred), correct=sum(hits(p, gold) for p in pred),
                          gold=len(gold), recalled=sum(hits(g, pred) for g in gold)))
    return [
        f"LREC 2022 (Green et al.) gold Skill spans: {testset}",
        f"  {len(sentences)} sentences, {exact.gold} gold Skill spans, {n_pred} predicted spans",
        HEADER,
        exact.row("exact span"),
        overlap.row("overlap (partial)"),
    ]


# ------------------------------------------------------------------ false positives
def sample_documents(path: Path, size: int, exclude: frozenset[str] = frozenset()
                     ) -> tuple[list[tuple[str, str, str]], int]:
    """(sha16, label, text) of the first ``size`` readable documents by SHA-256, leaving
    out the SHA-256 prefixes in ``exclude`` (documents judged not to be resumes), and
    how many were left out that way."""
    from hotlist.pipeline.read.documents import read_document

    if path.is_file():  # DataTurks JSON lines
        lines = path.read_text(encoding="utf-8").splitlines()
        records = [json.loads(line)["content"] for line in lines if line.strip()]
        items = sorted((_sha(text.encode("utf-8")), f"record {n}", text) for n, text in enumerate(records))
        load = lambda item: item  # noqa: E731
    else:
        items = sorted(((_sha(p.read_bytes()), str(p.relative_to(path)), p) for p in path.rglob("*")
                        if p.suffix.lower() in RESUME_SUFFIXES and p.is_file()), key=lambda item: item[0])
        load = lambda item: (item[0], item[1], read_document(item[2]).text)  # noqa: E731
    out, seen, left_out = [], set(), 0
    for item in items:
        if len(out) == size:
            break
        if item[0] in seen:
            continue
        seen.add(item[0])
        if item[0] in exclude:
            left_out += 1
            continue
        try:
            out.append(load(item))
        except UnreadableDocument:
            continue
    return out, left_out


def run_false_positives(path: Path, nlp, size: int, show: bool) -> list[str]:
    from hotlist.pipeline.skills.matcher import extract_skills

    skipped = frozenset(sha for sha, judged in FP_JUDGEMENTS.items() if "skip" in judged)
    docs, left_out = sample_documents(path, size, exclude=skipped)
    found = wrong = unjudged = 0
    lines = []
    for sha, label, text in docs:
        ids = sorted({m.id for m in extract_skills(nlp, text)})
        judged = FP_JUDGEMENTS.get(sha, {})
        bad = [i for i in ids if i in judged.get("fp", ())]
        new = [i for i in ids if i not in judged.get("fp", ()) and i not in judged.get("ok", ())]
        found, wrong, unjudged = found + len(ids), wrong + len(bad), unjudged + len(new)
        if show:
            lines.append(f"  {sha} {len(ids):>3} found, wrong {bad or '-'}, unjudged {new or '-'}")
    n = max(1, len(docs))
    return [
        f"False positives per resume: {path}",
        f"  sample: first {len(docs)} readable documents by SHA-256 (leaving out {left_out} judged "
        f"not to be resumes); found skills judged by hand (rules below)",
        f"  {found} skills found ({found / n:.1f} per resume), {wrong} judged wrong: "
        f"{wrong / n:.2f} false positives per resume, precision {1 - wrong / max(1, found):.3f}; "
        f"{unjudged} unjudged",
        *lines,
    ]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


@click.command(name="skills")
@click.argument("datasets", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--sample", default=15, show_default=True, help="Resumes in the false-positive sample.")
@click.option("--show", is_flag=True, help="Also print per-resume misses and false positives.")
def command(datasets: tuple[Path, ...], sample: int, show: bool) -> None:
    """Skill extraction precision/recall/F1 on expected-skill sets, the LREC 2022 gold
    spans, and false positives per resume on a sample of real resumes."""
    from hotlist.flows.resources import skill_nlp, taxonomy

    nlp, tax = skill_nlp(), taxonomy()
    click.echo(f"Skill extraction: {len(tax):,} taxonomy skills; pipeline {' + '.join(nlp.pipe_names)}")
    judged = False
    for path in datasets:
        click.echo("")
        if path.is_dir() and (path / "expected").is_dir():
            lines = run_expected(path, nlp, tax, show)
            judged = True
        elif (path.is_dir() and (path / "testset.txt").exists()) or path.suffix == ".txt":
            lines = run_lrec(path, nlp)
        else:
            lines = run_false_positives(path, nlp, sample, show)
            judged = True
        click.echo("\n".join(lines))
    if judged:
        click.echo(f"\nJudged by hand (hotlist/evaluation/skills_judgements.py): {RULES}.")
