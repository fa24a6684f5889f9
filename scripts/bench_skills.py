#!/usr/bin/env python
"""Benchmark skill extraction per resume: tokenisation, the skill components on top
of it, and the evidence step. Prints figures; asserts nothing.

    .venv/bin/python scripts/bench_skills.py sample_resumes/ [--repeat 5]

Documents (PDF, DOCX, TXT, recursively) are read to text first; reading is not
timed. Each document is then timed ``--repeat`` times and its fastest run kept
(the machine is shared and noisy). "Skills on top of tokenisation" is
``extract_skills`` (tokeniser + matcher + disambiguator + mentions) minus the
tokeniser alone (``nlp.make_doc``) on the same text.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hotlist.pipeline.read.documents import read_document  # noqa: E402
from hotlist.pipeline.errors import UnreadableDocument  # noqa: E402
from hotlist.pipeline.skills.evidence import annotate_evidence  # noqa: E402
from hotlist.pipeline.parse.sections import split_sections  # noqa: E402
from hotlist.pipeline.skills.matcher import build_skill_nlp, extract_skills, summarise_skills  # noqa: E402


def _texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in (".pdf", ".docx", ".txt"):
            try:
                texts.append(read_document(path).text)
            except UnreadableDocument:
                continue
    return texts


def _best(fn, text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def _line(label: str, values: list[float]) -> str:
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(0.9 * len(values)))]
    return (f"  {label:<34} mean {statistics.fmean(values):6.2f}  median {statistics.median(values):6.2f}"
            f"  p90 {p90:6.2f}  max {values[-1]:6.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder of resumes (PDF, DOCX, TXT)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per document; the fastest is kept")
    args = parser.parse_args(argv)

    texts = _texts(args.folder)
    if not texts:
        parser.error(f"no readable resumes in {args.folder}")
    started = time.perf_counter()
    nlp = build_skill_nlp()
    build = time.perf_counter() - started
    for text in texts[:3]:  # warm up the vocabulary and caches
        extract_skills(nlp, text)

    tokenise = [_best(nlp.make_doc, t, args.repeat) for t in texts]
    extract = [_best(lambda t: extract_skills(nlp, t), t, args.repeat) for t in texts]
    on_top = [max(0.0, e - k) for e, k in zip(extract, tokenise)]

    def evidence(text: str) -> None:
        sections = split_sections(text)
        mentions = extract_skills(nlp, text)
        skills = summarise_skills(mentions, text, sections)
        annotate_evidence(skills, mentions, sections, text, date.today())

    # Evidence alone: the full step minus extraction on the same text.
    whole = [_best(evidence, t, args.repeat) for t in texts]
    sectioning = [_best(split_sections, t, args.repeat) for t in texts]
    summary = [max(0.0, w - e - s) for w, e, s in zip(whole, extract, sectioning)]

    chars = statistics.median(len(t) for t in texts)
    print(f"{len(texts)} resumes from {args.folder} (median {chars:,.0f} characters); "
          f"pipeline {' + '.join(nlp.pipe_names)} built in {build:.2f} s; "
          f"ms per resume, fastest of {args.repeat} runs")
    print(_line("tokenisation (nlp.make_doc)", tokenise))
    print(_line("extract_skills (incl. tokenisation)", extract))
    print(_line("skills on top of tokenisation", on_top))
    print(_line("summary + evidence (no sectioning)", summary))
    budget = sum(v <= 10.0 for v in on_top)
    print(f"  within the 10 ms budget: {budget} of {len(texts)} resumes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
