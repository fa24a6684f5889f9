"""Benchmark ``rank_candidates`` on synthetic profiles (prints figures; asserts nothing).

    python scripts/bench_rank.py            # 10,000 candidates x 50 jobs
    python scripts/bench_rank.py 100000 50 --top 50

Resumes are ~400 words drawn from a 30k-word synthetic vocabulary plus skill
names; each candidate has 10-60 of 3,000 skill ids (a third with a last-used
year), 1-4 past job titles; each job 3-6 must-haves and 2-5 nice-to-haves (one of
them an unresolved ``text:`` requirement).

Prints the wall time of ``rank_candidates`` and the process's peak RSS (inputs
included, as in a real match run); ``--trace`` adds tracemalloc's peak of
Python/numpy allocations inside the call (slow).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hotlist.pipeline.rank.ranking import CandidateProfile, JobProfile, rank_candidates, text_requirement_id  # noqa: E402

CITIES = ["Austin, TX", "Dallas, TX", "Houston, TX", "Denver, CO", "Boston, MA", "Seattle, WA", "Chicago, IL"]
TITLES = ["Software Engineer", "Senior Backend Engineer", "Data Scientist", "Registered Nurse", "Staff Accountant",
          "Site Reliability Engineer", "Frontend Developer", "Product Manager", "Sales Representative", "Analyst"]
SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "vel", "sa", "qui", "den", "pra", "zu", "bel", "nor", "fi", "ta"]


def synthetic(n_candidates: int, n_jobs: int, seed: int = 1) -> tuple[list[CandidateProfile], list[JobProfile]]:
    rng = random.Random(seed)
    words = list({"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(40_000)})[:30_000]
    skills = [f"KS{i:05d}" for i in range(3_000)]
    skill_names = {s: f"{rng.choice(words)} {rng.choice(words)}" for s in skills}
    phrases = [f"{rng.choice(words)} {rng.choice(words)}" for _ in range(n_jobs)]

    candidates = []
    for cid in range(1, n_candidates + 1):
        owned = rng.sample(skills, rng.randint(10, 60))
        text = " ".join(rng.choices(words, k=400) + [skill_names[s] for s in owned])
        if rng.random() < 0.05:
            text += " " + rng.choice(phrases)
        candidates.append(
            CandidateProfile(
                id=cid,
                name=f"Candidate {cid}",
                text=text,
                skill_ids=frozenset(owned),
                skill_last_used={s: rng.randint(2005, 2025) for s in owned[: len(owned) // 3]},
                years_experience=None if rng.random() < 0.15 else round(rng.uniform(0, 25), 1),
                location=None if rng.random() < 0.2 else rng.choice(CITIES),
                titles=tuple(rng.sample(TITLES, rng.randint(1, 4))),
            )
        )
    jobs = []
    for j in range(n_jobs):
        req = rng.sample(skills, 11)
        must = tuple((s, skill_names[s]) for s in req[: rng.randint(3, 6)])
        nice = tuple((s, skill_names[s]) for s in req[6 : 6 + rng.randint(1, 4)])
        nice += ((text_requirement_id(phrases[j]), phrases[j]),)
        jobs.append(
            JobProfile(
                id=f"job-{j}",
                title=rng.choice(TITLES),
                description=" ".join(rng.choices(words, k=150)),
                must_have=must,
                nice_to_have=nice,
                min_years=rng.choice([0, 2, 3, 5, 8]),
                location=rng.choice(CITIES),
                remote=rng.random() < 0.2,
            )
        )
    return candidates, jobs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("candidates", type=int, nargs="?", default=10_000)
    parser.add_argument("jobs", type=int, nargs="?", default=50)
    parser.add_argument("--top", type=int, default=50, help="top_n per job for the timed run (default 50)")
    parser.add_argument("--trace", action="store_true", help="also measure allocations with tracemalloc (slow)")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    candidates, jobs = synthetic(args.candidates, args.jobs)
    print(f"generated {len(candidates):,} candidates x {len(jobs)} jobs in {time.perf_counter() - t0:.1f} s")
    inputs = _peak_rss_mb()
    print(f"RSS with inputs only: {inputs:.0f} MB")

    t0 = time.perf_counter()
    result = rank_candidates(candidates, jobs, top_n=args.top)
    elapsed = time.perf_counter() - t0
    peak_rss = _peak_rss_mb()
    print(f"rank_candidates top_n={args.top}: {elapsed:.2f} s")
    print(f"  process peak RSS: {peak_rss:.0f} MB (+{peak_rss - inputs:.0f} MB over the inputs)")
    if len(candidates) >= 100_000:
        print(f"  target for 100k x 50 (<= 20 s, <= 2048 MB peak RSS): {'met' if elapsed <= 20 and peak_rss <= 2048 else 'NOT met'}")
    del result

    if args.trace:
        tracemalloc.start()
        rank_candidates(candidates, jobs, top_n=args.top)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"  peak Python/numpy allocations inside rank_candidates: {peak / 2**20:.0f} MB")

    if len(candidates) * len(jobs) > 1_000_000:
        print("rank_candidates top_n=None: skipped (more than 1,000,000 explained rows)")
        return
    t0 = time.perf_counter()
    result = rank_candidates(candidates, jobs)
    rows = sum(len(v) for v in result.values())
    print(f"rank_candidates top_n=None: {time.perf_counter() - t0:.2f} s ({rows:,} explained rows)")
    print(f"  process peak RSS: {_peak_rss_mb():.0f} MB")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


if __name__ == "__main__":
    main()
