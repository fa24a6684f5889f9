"""Ranking candidates against hot jobs, on hand-written candidate profiles."""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import date

import pytest

from hotlist.pipeline.jobs.hot_job import HotJob
from hotlist.pipeline.rank.ranking import (
    DEFAULT_WEIGHTS,
    CandidateProfile,
    JobProfile,
    RankingWeights,
    build_job_profile,
    load_weights,
    normalise_text,
    text_requirement_id,
)
from hotlist.pipeline.rank.ranking import rank_candidates as _rank_candidates

# The weights these tests were written for (before the blend was fitted on hotlist-dev): they test the
# scoring mechanics, so they keep them; the fitted defaults are tested in test_rank_evidence.py.
PREVIOUS_WEIGHTS = RankingWeights(must=0.4, nice=0.15, text=0.35, title=0.1, years=0.1, location=0.05, bm25=0.0,
                                  work=0.0, related_credit=0.0, wording_credit=0.0, acronym_credit=1.0,
                                  text_evidence_min=2.0, entry_fade=4.0)


def rank_candidates(*args, **kwargs):
    if len(args) < 3 and "weights" not in kwargs:
        kwargs["weights"] = PREVIOUS_WEIGHTS
    return _rank_candidates(*args, **kwargs)

PY, PG, AWS, DOCKER = "KS-python", "KS-postgresql", "KS-aws", "KS-docker"

BACKEND = JobProfile(
    id="backend-python",
    title="Senior Backend Engineer (Python)",
    description="Build and run order APIs in Python on AWS, with PostgreSQL. Code review every day.",
    must_have=((PY, "Python"), (PG, "PostgreSQL"), (AWS, "AWS")),
    nice_to_have=((DOCKER, "Docker"), (text_requirement_id("code review"), "code review")),
    min_years=5,
    location="Austin, TX",
)


def cand(cid, text, skills=(), years=None, location=None, name=None):
    return CandidateProfile(
        id=cid,
        name=name,
        text=text,
        skill_ids=frozenset(skills),
        skill_last_used={},
        years_experience=years,
        location=location,
        titles=(),
    )


ANA = cand(
    1,
    "Backend engineer. Python services on AWS Lambda, PostgreSQL tuning, Docker images.",
    {PY, PG, AWS, DOCKER},
    7.5,
    "Austin, Texas",
)
BEN = cand(2, "Python developer. Built reporting on PostgreSQL.", {PY, PG}, 3.0, "Dallas, TX")
# Cara's resume text reads like the job, but the skills stage found none of the must-haves.
CARA = cand(
    3,
    "Senior backend engineer: order APIs, Python, AWS, PostgreSQL, daily code-review. Build and run APIs.",
    {DOCKER},
    20.0,
    "Austin, TX",
)
DAN = cand(4, "Analyst writing Python scripts.", {PY})
EVE = cand(5, "Pastry chef. Croissants and sourdough.", (), 12.0, "Paris, France")
CANDIDATES = [ANA, BEN, CARA, DAN, EVE]


def ranked_ids(result, job_id="backend-python"):
    return [r.candidate_id for r in result[job_id]]


def by_id(result, job_id="backend-python"):
    return {r.candidate_id: r for r in result[job_id]}


def test_full_coverage_first_and_no_must_haves_last():
    result = rank_candidates(CANDIDATES, [BACKEND])

    assert ranked_ids(result) == [1, 2, 4, 3, 5]
    assert [r.rank for r in result["backend-python"]] == [1, 2, 3, 4, 5]
    assert result["backend-python"][0].score > result["backend-python"][1].score


def test_no_must_have_candidate_is_capped_below_everyone_with_one():
    rows = by_id(rank_candidates(CANDIDATES, [BACKEND]))

    # Cara's text, years and location beat Dan's, but she has none of the must-haves.
    assert rows[3].features["uncapped_score"] > rows[4].score
    assert rows[3].score == rows[4].score
    scores = [r.score for r in rank_candidates(CANDIDATES, [BACKEND])["backend-python"]]
    assert scores == sorted(scores, reverse=True)


def test_explanations_list_matched_and_missing_requirements():
    rows = by_id(rank_candidates(CANDIDATES, [BACKEND]))

    assert (rows[1].matched_must, rows[1].missing_must) == (["Python", "PostgreSQL", "AWS"], [])
    assert (rows[1].matched_nice, rows[1].missing_nice) == (["Docker"], ["code review"])
    assert (rows[2].matched_must, rows[2].missing_must) == (["Python", "PostgreSQL"], ["AWS"])
    assert (rows[2].matched_nice, rows[2].missing_nice) == ([], ["Docker", "code review"])
    # "code-review" in the text matches the unresolved requirement "code review".
    assert (rows[3].matched_must, rows[3].matched_nice) == ([], ["Docker", "code review"])
    assert rows[5].missing_must == ["Python", "PostgreSQL", "AWS"]


def test_reasons_read_out_loud():
    rows = by_id(rank_candidates(CANDIDATES, [BACKEND]))

    assert rows[1].reason == "Has all 3 must-haves (Python, PostgreSQL, AWS), 7.5 yrs (5 required); also Docker"
    assert rows[2].reason == "Missing AWS; has Python, PostgreSQL; 3.0 yrs (5 required)"
    assert rows[3].reason == (
        "Missing all 3 must-haves (Python, PostgreSQL, AWS), 20.0 yrs (5 required); also Docker, code review"
    )
    assert rows[4].reason == "Missing PostgreSQL, AWS; has Python; years unknown; location unknown"
    assert rows[5].reason == (
        "Missing all 3 must-haves (Python, PostgreSQL, AWS), 12.0 yrs (5 required); based in Paris, France"
    )


def test_years_and_location_fit():
    rows = by_id(rank_candidates(CANDIDATES, [BACKEND]))

    assert [rows[i].years_fit for i in (1, 2, 4)] == ["7.5 yrs vs 5 required", "3.0 yrs vs 5 required", "years unknown"]
    assert [rows[i].features["years"] for i in (1, 2, 4)] == [1.0, 0.6, DEFAULT_WEIGHTS.years_unknown]
    # Austin, Texas = Austin, TX; Dallas is the same state; Paris is elsewhere; Dan's is unknown.
    assert [rows[i].features["location"] for i in (1, 2, 5, 4)] == [1.0, 0.5, 0.0, DEFAULT_WEIGHTS.location_unknown]
    # (had + 0.5 * smoothing) / (3 + smoothing): one half-met pseudo must-have.
    assert [rows[i].features["must"] for i in (1, 2, 4, 3)] == [0.875, 0.625, 0.375, 0.125]
    unsmoothed = by_id(rank_candidates(CANDIDATES, [BACKEND], dataclasses.replace(PREVIOUS_WEIGHTS, must_smoothing=0)))
    assert [unsmoothed[i].features["must"] for i in (1, 2, 4, 3)] == [1.0, 0.667, 0.333, 0.0]


def test_score_is_the_weighted_mean_of_the_features():
    weights = dataclasses.replace(PREVIOUS_WEIGHTS, must=0.5, text=0.0, title=0.0, must_smoothing=0.0)

    rows = by_id(rank_candidates(CANDIDATES, [BACKEND], weights))

    # Ben: (0.5 * 2/3 + 0.15 * 0 + 0.1 * 3/5 + 0.05 * 0.5) / (0.5 + 0.15 + 0.1 + 0.05)
    assert rows[2].score == 0.523
    assert rows[1].score == 0.906  # (0.5 + 0.15 * 0.5 + 0.1 + 0.05) / 0.8


def test_title_feature_compares_past_titles_with_the_job_title():
    dev = dataclasses.replace(BEN, id=7, titles=("Sr. Python Developer", "Backend Engineer"))
    nurse = dataclasses.replace(BEN, id=8, titles=("Registered Nurse",))

    rows = by_id(rank_candidates([dev, nurse, BEN], [BACKEND]))

    # "developer" counts as "engineer"; seniority words ("Senior", "Sr.") are left out.
    assert rows[7].features["title"] > 0.6
    assert rows[8].features["title"] == 0.0
    assert rows[2].features["title"] == DEFAULT_WEIGHTS.title_unknown  # no titles found
    assert rows[7].rank < rows[2].rank < rows[8].rank


def test_features_that_do_not_apply_are_left_out():
    job = JobProfile(id="welder", title="TIG welder", description="Stainless TIG welding.", must_have=())

    rows = by_id(rank_candidates([ANA, EVE, cand(9, "TIG welder, stainless steel.")], [job]), "welder")

    assert set(rows[9].features) == {"text", "title", "cosine"}
    assert rows[9].rank == 1 and rows[9].features["text"] == 1.0
    # With no must-haves to name, the reason leads with the text likeness.
    assert rows[9].reason == "Resume reads like the job; years unknown"
    assert rows[1].reason == "No must-haves set for this job; 7.5 yrs" and rows[1].years_fit == "7.5 yrs, none required"


def test_remote_job_fits_every_location():
    job = dataclasses.replace(BACKEND, id="remote", remote=True)

    rows = by_id(rank_candidates(CANDIDATES, [job]), "remote")

    assert {r.features["location"] for r in rows.values()} == {1.0}
    assert "based in" not in rows[5].reason and "location unknown" not in rows[4].reason


def test_each_job_gets_its_own_ranking():
    chef = JobProfile(id="pastry-chef", title="Pastry chef", description="Croissants, sourdough, laminated dough.")

    result = rank_candidates(CANDIDATES, [BACKEND, chef], top_n=2)

    assert list(result) == ["backend-python", "pastry-chef"]
    assert ranked_ids(result) == [1, 2]
    assert ranked_ids(result, "pastry-chef")[0] == 5
    assert all(r.job_id == "pastry-chef" for r in result["pastry-chef"])


def test_top_n_keeps_the_best():
    result = rank_candidates(CANDIDATES, [BACKEND], top_n=3)

    assert ranked_ids(result) == [1, 2, 4]
    assert rank_candidates(CANDIDATES, [BACKEND], top_n=0) == {"backend-python": []}


def test_ranking_is_deterministic_and_independent_of_input_order():
    first = rank_candidates(CANDIDATES, [BACKEND])
    shuffled = CANDIDATES[:]
    random.Random(7).shuffle(shuffled)

    assert rank_candidates(CANDIDATES, [BACKEND]) == first
    assert rank_candidates(shuffled, [BACKEND]) == first


def test_ties_are_broken_by_candidate_id():
    twins = [dataclasses.replace(BEN, id=cid) for cid in (30, 10, 20)]

    result = rank_candidates(twins, [BACKEND])

    assert ranked_ids(result) == [10, 20, 30]
    assert len({r.score for r in result["backend-python"]}) == 1


def test_scores_are_in_range_and_rounded():
    for row in rank_candidates(CANDIDATES, [BACKEND])["backend-python"]:
        assert 0.0 <= row.score <= 1.0
        assert row.score == round(row.score, 3)


def test_empty_inputs():
    assert rank_candidates([], [BACKEND]) == {"backend-python": []}
    assert rank_candidates(CANDIDATES, []) == {}


def test_empty_texts_do_not_break_text_similarity():
    rows = by_id(rank_candidates([cand(1, "", {PY}), cand(2, "")], [BACKEND]))

    assert rows[1].features["cosine"] == 0.0 and rows[1].rank == 1


def test_duplicate_ids_are_rejected():
    with pytest.raises(ValueError, match="candidate id 1 appears more than once"):
        rank_candidates([ANA, ANA], [BACKEND])
    with pytest.raises(ValueError, match="job id 'backend-python' appears more than once"):
        rank_candidates([ANA], [BACKEND, BACKEND])


def test_explanation_is_json_ready():
    row = rank_candidates([BEN], [BACKEND])["backend-python"][0]

    assert row.explanation() == {
        "matched_must": ["Python", "PostgreSQL"],
        "missing_must": ["AWS"],
        "matched_nice": [],
        "missing_nice": ["Docker", "code review"],
        "years_fit": "3.0 yrs vs 5 required",
        "features": row.features,
        "requirements": row.requirements,
        "why_not_higher": "",
        "ask_about": ["AWS"],
    }
    assert json.loads(json.dumps(row.explanation())) == row.explanation()


def test_build_job_profile_resolves_known_skills_and_keeps_the_rest_as_text():
    job = HotJob(
        id="icu-nurse",
        title="ICU Nurse",
        min_years=2,
        location="Dallas, TX",
        must_have=["RN license", "Patient-Care", "Python"],
        nice_to_have=["python3", "BLS"],
    )
    taxonomy = {"python": PY, "python3": PY}

    profile = build_job_profile(job, lambda label: taxonomy.get(label.lower()))

    assert profile.must_have == (
        ("text:rn license", "RN license"),
        ("text:patient care", "Patient-Care"),
        (PY, "Python"),
    )
    assert profile.nice_to_have == (("text:bls", "BLS"),)  # python3 is already a must-have
    assert (profile.min_years, profile.location, profile.remote) == (2, "Dallas, TX", False)


def test_text_requirements_match_whole_words_only():
    job = JobProfile(
        id="j",
        title="Nurse",
        must_have=(("text:patient care", "patient care"), ("text:patient", "patient"), ("text:c++", "C++")),
    )
    people = [
        cand(1, "Patient care, C++."),
        cand(2, "Outpatient caregiver; C."),
        cand(3, "PATIENT-CARE lead"),
    ]

    rows = by_id(rank_candidates(people, [job]), "j")

    assert rows[1].matched_must == ["patient care", "patient", "C++"]
    assert rows[2].matched_must == []
    assert rows[3].matched_must == ["patient care", "patient"]


@pytest.mark.parametrize(
    ("text", "normal"),
    [("Patient-Care.", "patient care"), ("C++ and C#", "c++ and c#"), ("Node.js, Vue", "node.js vue")],
)
def test_normalise_text(text, normal):
    assert normalise_text(text) == normal


def test_load_weights_from_yaml_then_environment(tmp_path):
    path = tmp_path / "ranking.yaml"
    path.write_text("must: 0.6\ntext: 0.1\n", encoding="utf-8")

    weights = load_weights(path, {"HOTLIST_RANKING_TEXT": "0.3", "HOTLIST_OTHER": "x"})

    assert weights == RankingWeights(must=0.6, text=0.3)
    assert load_weights() == DEFAULT_WEIGHTS


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"HOTLIST_RANKING_SALARY": "1"}, "HOTLIST_RANKING_SALARY: unknown ranking weight 'salary'"),
        ({"HOTLIST_RANKING_MUST": "lots"}, "HOTLIST_RANKING_MUST: expected a number, got 'lots'"),
        ({"HOTLIST_RANKING_NICE": "-1"}, "ranking weight nice: must not be negative, got -1.0"),
        ({"HOTLIST_RANKING_YEARS_UNKNOWN": "2"}, "ranking weight years_unknown: must be at most 1, got 2.0"),
    ],
)
def test_bad_weights_are_rejected(env, message):
    with pytest.raises(ValueError) as excinfo:
        load_weights(env=env)

    assert str(excinfo.value) == message


def test_all_zero_weights_are_rejected():
    with pytest.raises(ValueError, match="at least one of must, nice, text, title, years, location"):
        RankingWeights(must=0, nice=0, text=0, title=0, years=0, location=0, bm25=0, work=0)


# --------------------------------------------------------------------------- explanations


def test_requirements_are_met_not_met_or_not_stated_with_evidence():
    ana = dataclasses.replace(ANA, skill_snippets={PY: "…Python services on AWS Lambda…"}, skill_last_used={PY: 2024})
    dan = dataclasses.replace(DAN, location=None)

    rows = by_id(rank_candidates([ana, BEN, dan], [BACKEND], as_of=date(2025, 6, 1)))

    ana_reqs = {r["requirement"]: r for r in rows[1].requirements}
    assert ana_reqs["Python"] == {"requirement": "Python", "kind": "must", "status": "met",
                                  "evidence": "…Python services on AWS Lambda…", "last_used": 2024}
    assert ana_reqs["code review"]["status"] == "not met"
    assert ana_reqs["5+ years"] == {"requirement": "5+ years", "kind": "years", "status": "met", "evidence": "7.5 yrs"}
    assert ana_reqs["based in or near Austin, TX"]["status"] == "met"
    ben_reqs = {r["requirement"]: r for r in rows[2].requirements}
    assert ben_reqs["AWS"]["status"] == "not met"
    assert ben_reqs["5+ years"]["status"] == "not met"
    assert ben_reqs["based in or near Austin, TX"] == {"requirement": "based in or near Austin, TX", "kind": "location",
                                                        "status": "partly met", "evidence": "Dallas, TX"}
    dan_reqs = {r["requirement"]: r for r in rows[4].requirements}
    assert dan_reqs["5+ years"]["status"] == dan_reqs["based in or near Austin, TX"]["status"] == "not stated"
    assert rows[4].ask_about == ["PostgreSQL", "AWS", "years of experience", "where they are based"]


def test_text_requirements_carry_a_snippet_of_the_resume():
    rows = by_id(rank_candidates([CARA], [BACKEND]))

    review = next(r for r in rows[3].requirements if r["requirement"] == "code review")
    assert review["status"] == "met" and "daily code-review" in review["evidence"]


def test_stale_skills_earn_part_credit_and_are_named():
    fresh = dataclasses.replace(ANA, id=10, skill_last_used={PY: 2024})
    stale = dataclasses.replace(ANA, id=11, skill_last_used={PY: 2012})

    job = dataclasses.replace(BACKEND, nice_to_have=((DOCKER, "Docker"),))

    rows = by_id(rank_candidates([fresh, stale], [job], as_of=date(2025, 1, 1)))

    assert rows[10].rank == 1 and rows[10].features["must"] > rows[11].features["must"]
    assert "Python last used 2012" in rows[11].reason
    python = next(r for r in rows[11].requirements if r["requirement"] == "Python")
    assert (python["status"], python["last_used"]) == ("partly met", 2012)
    assert rows[11].why_not_higher.startswith("Python last used 2012")


def test_skill_recency_counts_from_the_year_the_resume_was_written():
    # Python last used 2019 in a resume written in 2020 was current then; ranked in 2026 the same
    # skill is stale only for a resume with no date (or one written years after it stopped using it).
    written_then = dataclasses.replace(ANA, id=20, skill_last_used={PY: 2019}, written_year=2020)
    undated = dataclasses.replace(ANA, id=21, skill_last_used={PY: 2019})
    written_later = dataclasses.replace(ANA, id=22, skill_last_used={PY: 2019}, written_year=2026)

    rows = by_id(rank_candidates([written_then, undated, written_later], [BACKEND], as_of=date(2026, 6, 1)))

    assert rows[20].features["must"] > rows[21].features["must"] == rows[22].features["must"]
    assert "Python last used 2019" not in rows[20].reason
    assert "Python last used 2019" in rows[21].reason and "Python last used 2019" in rows[22].reason


def test_a_resume_dated_after_the_ranking_date_counts_from_the_ranking_date():
    future = dataclasses.replace(ANA, id=23, skill_last_used={PY: 2012}, written_year=2030)
    rows = by_id(rank_candidates([future], [BACKEND], as_of=date(2020, 1, 1)))
    assert "Python last used 2012" in rows[23].reason


def test_why_not_higher_names_what_cost_the_most():
    rows = by_id(rank_candidates(CANDIDATES, [BACKEND]))

    assert rows[1].rank == 1 and rows[1].why_not_higher == ""
    assert rows[2].why_not_higher.startswith("Missing AWS (-")
    cost = float(rows[2].why_not_higher.split("(-")[1].rstrip(")"))
    weights = PREVIOUS_WEIGHTS
    total = weights.must + weights.nice + weights.text + weights.title + weights.years + weights.location
    assert cost == pytest.approx(weights.must / (3 + weights.must_smoothing) / total, abs=1e-3)


def test_every_row_has_a_reason_and_names_every_missing_must_have():
    rng = random.Random(3)
    skills = [PY, PG, AWS, DOCKER, "KS-go", "KS-java"]
    people = [
        cand(i, rng.choice(["Python dev", "", "Nurse", "code review daily"]), set(rng.sample(skills, rng.randint(0, 5))),
             rng.choice([None, 1.0, 9.0]), rng.choice([None, "Austin, TX", "Boston, MA"]))
        for i in range(1, 60)
    ]

    for row in rank_candidates(people, [BACKEND])["backend-python"]:
        assert row.reason
        for missing in row.missing_must:
            assert missing in row.reason
        assert set(row.missing_must) <= set(row.ask_about)


# --------------------------------------------------------------------------- outcome model


def test_blending_an_outcome_model_reorders_and_reports_it():
    from hotlist.pipeline.calls.outcomes import MODEL_FEATURES, OutcomeModel

    likes_years = OutcomeModel(features=MODEL_FEATURES, coef=(0, 0, 0, 0, 8.0, 0), intercept=-4.0, samples=40, positives=12)
    people = [dataclasses.replace(BEN, id=1, years_experience=1.0), dataclasses.replace(BEN, id=2, years_experience=9.0)]
    job = dataclasses.replace(BACKEND, location=None)

    plain = rank_candidates(people, [job])["backend-python"]
    blended = rank_candidates(people, [job], model=likes_years, blend=0.5)["backend-python"]

    assert [r.candidate_id for r in plain] == [2, 1]  # years already count a little
    rows = {r.candidate_id: r for r in blended}
    assert rows[2].features["model"] > 0.9 > 0.1 > rows[1].features["model"]
    assert rows[2].features["rule_score"] == next(r.score for r in plain if r.candidate_id == 2)
    assert rows[2].score == round(0.5 * rows[2].features["rule_score"] + 0.5 * rows[2].features["model"], 3)
    assert [r.features["rank_without_model"] for r in blended] == [1.0, 2.0]
    assert rank_candidates(people, [job], model=likes_years, blend=0.0)["backend-python"] == plain


def test_blend_must_be_a_share():
    with pytest.raises(ValueError, match="blend must be between 0 and 1"):
        rank_candidates(CANDIDATES, [BACKEND], blend=1.5)
