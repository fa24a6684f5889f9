"""Reparse end to end on hotlist-dev: store each real resume as the pre-versions parser did ("Present" = today),
then `reparse` with the current parser; years_experience and doc date against the labels, before and after, by sha1 half.
Run: HOTLIST_HOME=/tmp/some-new-workspace .venv/bin/python scripts/eval_reparse.py (reads ../shared/eval; copies nothing)."""
import hashlib, json, sys
from datetime import date
from pathlib import Path
from sqlalchemy import select, update

from hotlist.settings import get_settings
from hotlist.flows.resources import skill_nlp
from hotlist.models.db import session_scope
from hotlist.models.orm import Candidate, Document
from hotlist.models.candidates import store_parsed_file
from hotlist.pipeline.parse.resume import parse_file
from hotlist.flows.reparse import reparse

def main():
    EVAL = Path("/work/shared/eval")
    gold = [json.loads(l) for l in open(EVAL / "labelled/hotlist-dev/gold.jsonl")]
    gold = [g for g in gold if g["is_resume"] and g.get("years_experience") is not None]
    settings = get_settings()
    nlp = skill_nlp() if not (settings.home_dir / "hotlist.db").exists() else None
    sha_of = {}
    fresh = not (settings.home_dir / "hotlist.db").exists()
    for g in gold:
        path = EVAL / g["file"]
        if fresh:
            out = parse_file(path, skill_nlp=nlp, as_of=date.today())  # the old parser: "Present" is today
            store_parsed_file(settings.db_url, out)
        sha_of[g["file"]] = (hashlib.sha256(path.read_bytes()).hexdigest(), hashlib.sha1(path.read_bytes()).hexdigest())
    if fresh:
        with session_scope(settings.db_url) as s:
            s.execute(update(Document).values(parser_version=None, taxonomy_version=None))

    def stored():
        with session_scope(settings.db_url) as s:
            rows = dict(s.execute(select(Document.sha256, Document.candidate_id)).all())
            cands = {c.id: (c.years_experience, c.resume_date) for c in s.scalars(select(Candidate))}
        return {f: cands.get(rows.get(sha)) for f, (sha, _) in sha_of.items()}

    before = stored()
    summary = reparse(settings)
    after = stored()
    print(f"reparse: selected {summary.selected}, reparsed {summary.reparsed}, changed {len(summary.changed_candidates)}, skipped {len(summary.skipped)}")

    def score(values, files):
        errs = [abs((values[f][0] or 0) - g["years_experience"]) for g in gold if (f := g["file"]) in files and values.get(f)]
        dates = [(values[f][1] or "")[:7] == g["doc_date"] for g in gold if (f := g["file"]) in files and values.get(f)]
        n = len(errs)
        return f"n={n} MAE={sum(errs)/n:.2f} within1y={sum(e <= 1 for e in errs)/n:.0%} doc_date_exact={sum(dates)/n:.0%}"

    halves = {"even": {f for f, (_, h) in sha_of.items() if int(h, 16) % 2 == 0},
              "odd": {f for f, (_, h) in sha_of.items() if int(h, 16) % 2 == 1}, "all": set(sha_of)}
    for name, files in halves.items():
        print(f"{name:4} before: {score(before, files)}")
        print(f"{name:4} after:  {score(after, files)}")

if __name__ == '__main__':
    main()
