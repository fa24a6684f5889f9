"""``hotlist eval parse --hotlist-dev DIR``: field accuracy on the hand-labelled hotlist-dev set.

``DIR/gold.jsonl`` has one line per document; ``file`` is relative to ``DIR/../..`` (the shared eval
folder). Only documents with ``is_resume`` true are scored (templates and test output carry no fields).
Scoring follows that set's README:

* **name** — the parsed name equals the label after normalisation (:func:`parse_data.norm`), or has the
  same set of words ("SMITH Jane" = "Jane Smith").
* **email** (resumes with a labelled address) — any parsed address is among the labelled ones.
* **phone** (resumes with a labelled number) — any parsed number has the same last 8 digits as a labelled one.
* **years ±1** — the parsed total is within 1.0 of ``years_experience`` (None is wrong; 0.0 is a value).
* **doc month ±3** — the parser's "as of" month (the date "Present" resolves to) is within three months
  of ``doc_date``.
* **skill recall** — labelled skills (resolved through the taxonomy, else matched by any form of a found
  skill; :func:`hotlist.evaluation.skills.score_expected`) found by the skills stage, micro-averaged.

Each figure is printed for all resumes and for the halves split by the parity of sha1(``file``), so a
rule tuned on one half can be checked on the other.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from hotlist.evaluation.parse_data import same_name

FIELDS = ("name", "email", "phone", "years", "doc_month", "skills")
TARGETS = {"name": 0.97, "email": 0.99, "phone": 0.95, "years": 0.85, "doc_month": 0.90, "skills": 0.80}
SPLITS = ("all", "even", "odd")


@dataclass
class DevCase:
    """One labelled hotlist-dev document."""

    file: str
    path: Path
    gold: dict

    @property
    def half(self) -> str:
        return "even" if int(hashlib.sha1(self.file.encode()).hexdigest(), 16) % 2 == 0 else "odd"


@dataclass
class Count:
    right: float = 0
    n: float = 0
    errors: list[str] = field(default_factory=list)

    def rate(self) -> float | None:
        return self.right / self.n if self.n else None


def load_hotlist_dev(folder: Path) -> list[DevCase]:
    """The real resumes of ``folder/gold.jsonl`` (``is_resume`` true)."""
    root = folder.resolve().parent.parent
    cases = []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("is_resume"):
            cases.append(DevCase(row["file"], root / row["file"], row))
    return cases


def _last8(phone: str) -> str:
    return re.sub(r"\D", "", phone)[-8:]


def _months_apart(a: str, b: str) -> int:
    return abs((int(a[:4]) * 12 + int(a[5:7])) - (int(b[:4]) * 12 + int(b[5:7])))


def judge(case: DevCase, resume, taxonomy=None, mentions=None) -> dict[str, tuple[float, float, str]]:
    """Per field: (right, out of, detail) for one parsed resume (``resume`` None = quarantined)."""
    g = case.gold
    out: dict[str, tuple[float, float, str]] = {}
    name = getattr(resume, "name", None)
    out["name"] = (float(same_name(name, [g["name"]])), 1, f"{name!r} vs {g['name']!r}")
    if g.get("emails"):
        got = [e.lower() for e in getattr(resume, "emails", [])]
        out["email"] = (float(bool(set(got) & {e.lower() for e in g["emails"]})), 1, f"{got} vs {g['emails']}")
    if g.get("phones"):
        got = list(getattr(resume, "phones", []))
        want = {_last8(p) for p in g["phones"]}
        out["phone"] = (float(any(_last8(p) in want for p in got if len(re.sub(r"\D", "", p)) >= 8)), 1,
                        f"{got} vs {g['phones']}")
    if g.get("years_experience") is not None:
        got = getattr(resume, "years_experience", None)
        ok = got is not None and abs(got - g["years_experience"]) <= 1.0
        out["years"] = (float(ok), 1, f"{got} vs {g['years_experience']}")
    if g.get("doc_date"):
        got = getattr(resume, "as_of", None)
        ok = bool(got) and _months_apart(got, g["doc_date"]) <= 3
        src = getattr(resume, "as_of_source", None)
        out["doc_month"] = (float(ok), 1, f"{got} ({src}) vs {g['doc_date']} ({g.get('doc_date_source')})")
    if g.get("skills") and taxonomy is not None:
        from hotlist.evaluation.skills import score_expected

        s = score_expected(taxonomy, g["skills"], mentions or [])
        out["skills"] = (s.recalled, s.gold, f"{s.recalled}/{s.gold}")
    return out


def score_dev(cases: list[DevCase], *, with_skills: bool = True, use_ner: bool = True
              ) -> tuple[dict[str, dict[str, Count]], list[str]]:
    """Counts per split and field, and the files that were quarantined."""
    from hotlist.pipeline.parse.resume import parse_file

    nlp = tax = None
    if with_skills:
        from hotlist.flows.resources import skill_nlp, taxonomy

        nlp, tax = skill_nlp(), taxonomy()
    counts = {s: {f: Count() for f in FIELDS} for s in SPLITS}
    problems: list[str] = []
    for case in cases:
        outcome = parse_file(case.path, skill_nlp=None, use_ner=use_ner)
        resume = outcome.resume
        if resume is None:
            problems.append(f"{case.file}: {outcome.status} ({outcome.reason})")
        mentions = None
        if nlp is not None and resume is not None:
            from hotlist.pipeline.skills.matcher import extract_skills

            mentions = extract_skills(nlp, resume.text)
        for key, (right, n, detail) in judge(case, resume, tax, mentions).items():
            for split in ("all", case.half):
                c = counts[split][key]
                c.right += right
                c.n += n
                if split == "all" and right < n:
                    c.errors.append(f"{case.file}: {detail}")
    return counts, problems


def dev_table(counts: dict[str, dict[str, Count]]) -> list[str]:
    label = {"years": "years (±1 year)", "doc_month": "doc month (±3)", "skills": "skill recall"}
    rows = [f"{'field':<18}" + "".join(f"{s + ' (n)':>16}" for s in SPLITS) + "  target"]
    for key in FIELDS:
        cells = []
        for split in SPLITS:
            c = counts[split][key]
            r = c.rate()
            cells.append(f"{'-' if r is None else f'{r:.3f}'} ({int(c.n)})".rjust(16))
        r = counts["all"][key].rate()
        verdict = "" if r is None else f"≥ {TARGETS[key]:.2f} " + ("met" if r >= TARGETS[key] else "NOT MET")
        rows.append(f"{label.get(key, key):<18}" + "".join(cells) + f"  {verdict}")
    return rows
