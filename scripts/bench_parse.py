"""Parsing cost against pdfminer.six's own ``extract_pages`` on the same PDFs, in one run.

    .venv/bin/python scripts/bench_parse.py sample_resumes ../shared/eval/resumes [--repeat 3] [--skills]

For every PDF under the folders: CPU time (``time.process_time``) of ``list(extract_pages(path))`` with
default LAParams, and of Hotlist's ``parse_file`` (sha256, layout text, fields, the English model on the
header; skills too with ``--skills``). Each is run ``--repeat`` times, alternating, and the fastest run
counts (the machine is shared and noisy). The English model is loaded before timing; its load time is
printed on its own. Prints per-file milliseconds and ratios, then totals: the ratio of summed times and
the median per-file ratio. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="runs per file; the fastest counts (default 3)")
    parser.add_argument("--skills", action="store_true", help="include the skills stage in Hotlist's time")
    args = parser.parse_args(argv)

    from pdfminer.high_level import extract_pages

    from hotlist.pipeline.nlp import load_ner
    from hotlist.pipeline.resume import parse_file

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    started = time.perf_counter()
    nlp = load_ner()
    print(f"English model: {'none' if nlp is None else nlp.meta['name']} loaded in {time.perf_counter() - started:.2f} s (once per process)")
    skill_nlp = None
    if args.skills:
        from hotlist.flows.resources import skill_nlp as build

        started = time.perf_counter()
        skill_nlp = build()
        print(f"skills pipeline built in {time.perf_counter() - started:.2f} s (once per process)")

    files = sorted(p for folder in args.folders for p in folder.rglob("*.pdf") if p.is_file())
    if not files:
        print("no PDF files under " + ", ".join(map(str, args.folders)))
        return 1
    print(f"{len(files)} PDF files; fastest of {args.repeat} runs each; CPU ms per file\n")
    print(f"{'file':<58}{'extract_pages':>14}{'hotlist':>10}{'ratio':>8}  status")
    rows = []
    for path in files:
        base = hot = float("inf")
        status = ""
        for _ in range(max(1, args.repeat)):
            try:
                base = min(base, _cpu(lambda: list(extract_pages(str(path)))))
            except Exception as exc:  # noqa: BLE001 - pdfminer's own failure on a broken file
                base = float("nan")
                status = f"pdfminer: {type(exc).__name__}"
            outcome = None

            def run() -> None:
                nonlocal outcome
                outcome = parse_file(path, skill_nlp=skill_nlp)

            hot = min(hot, _cpu(run))
        status = status or outcome.status
        rows.append((path, base, hot))
        name = str(path.relative_to(path.parents[1]))[-56:]
        ratio = hot / base if base and base == base else float("nan")
        print(f"{name:<58}{base * 1000:>14.1f}{hot * 1000:>10.1f}{ratio:>8.2f}  {status}")
    ok = [(b, h) for _, b, h in rows if b == b and b > 0]
    total_b, total_h = sum(b for b, _ in ok), sum(h for _, h in ok)
    ratios = [h / b for b, h in ok]
    print(f"\nfiles timed: {len(ok)}")
    print(f"extract_pages: total {total_b * 1000:.0f} ms, mean {total_b / len(ok) * 1000:.1f} ms, "
          f"median {statistics.median(b for b, _ in ok) * 1000:.1f} ms per file")
    print(f"hotlist parse: total {total_h * 1000:.0f} ms, mean {total_h / len(ok) * 1000:.1f} ms, "
          f"median {statistics.median(h for _, h in ok) * 1000:.1f} ms per file")
    print(f"ratio of totals: {total_h / total_b:.3f}; median per-file ratio: {statistics.median(ratios):.3f}; "
          f"worst file: {max(ratios):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
