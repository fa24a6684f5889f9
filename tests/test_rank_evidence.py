"""Evidence beyond exact skill hits: skill relations, the job's wording, BM25, work sections, entry-level years."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from hotlist.pipeline.rank import similarity
from hotlist.pipeline.calls.call_list import listable
from hotlist.pipeline.rank.ranking import (
    DEFAULT_WEIGHTS,
    CandidateProfile,
    JobProfile,
    acronym,
    is_entry_level,
    rank_candidates,
    text_requirement_id,
)
from hotlist.pipeline.skills.relations import DEFAULT_RELATIONS_PATH, SkillRelations, load_relations

WEIGHTS = dataclasses.replace(DEFAULT_WEIGHTS, related_credit=0.7, wording_credit=0.8, acronym_credit=1.0,
                              bm25=0.3, work=0.2, text_evidence_min=0.5)


def person(cid, text, skills=(), years=None, in_work=(), titles=()):
    return CandidateProfile(id=cid, name=None, text=text, skill_ids=frozenset(skills), years_experience=years,
                            skill_in_work=frozenset(in_work), titles=tuple(titles),
                            skill_names={"mysql": "MySQL", "spring-boot": "Spring Boot"})


def job(must, nice=(), title="Backend Engineer", description="", min_years=0.0):
    return JobProfile(id="job", title=title, description=description, must_have=tuple(must),
                      nice_to_have=tuple(nice), min_years=min_years)


def test_every_id_in_the_relations_file_is_a_taxonomy_skill():
    import yaml

    from hotlist.flows.resources import taxonomy

    tax = taxonomy()
    data = yaml.safe_load(DEFAULT_RELATIONS_PATH.read_text(encoding="utf-8"))
    ids = set(data["parents"]) | {p for parents in data["parents"].values() for p in parents}
    ids |= {f["skill"] for f in data["families"]} | {e for f in data["families"] for e in f["except"]}
    assert sorted(i for i in ids if i not in tax) == []


def test_relations_are_transitive_and_families_follow_id_prefixes():
    rel = load_relations()
    assert {"react", "javascript"} <= rel.ancestors("next-js")
    assert "java" in rel.ancestors("spring-boot") and "spring-framework" in rel.ancestors("spring-boot")
    assert "aws" in rel.ancestors("amazon-s3") and "aws" not in rel.ancestors("amazon-alexa")
    assert rel.ancestors("sql") == frozenset()
    cyclic = SkillRelations({"a": ("b",), "b": ("a",)}, ())
    assert cyclic.ancestors("a") == {"b"}


def test_a_narrower_skill_earns_partial_credit_shown_as_via():
    sql_job = job([("sql", "SQL"), ("java", "Java")])
    # Same text for all three: only the skill evidence differs.
    direct = person(1, "Databases and Java.", {"sql", "java"})
    narrower = person(2, "Databases and Java.", {"mysql", "java"})
    neither = person(3, "Databases and Java.", {"java"})

    ranked = rank_candidates([direct, narrower, neither], [sql_job], WEIGHTS)["job"]
    rows = {r.candidate_id: r for r in ranked}

    assert [r.candidate_id for r in ranked] == [1, 2, 3]
    assert rows[2].matched_must == ["SQL via MySQL", "Java"]
    assert rows[2].requirements[0]["status"] == "partly met" and rows[2].requirements[0]["via"] == "MySQL"
    assert rows[3].missing_must == ["SQL"]


def test_the_jobs_wording_found_in_the_text_counts_when_the_skill_was_not_extracted():
    ml_job = job([("machine-learning", "Machine Learning"), ("python", "Python")])
    said = person(1, "Built machine-learning models for churn in Python.", {"python"})
    silent = person(2, "Built dashboards in Python.", {"python"})

    rows = {r.candidate_id: r for r in rank_candidates([said, silent], [ml_job], WEIGHTS)["job"]}

    assert rows[1].matched_must == ["Machine Learning (in text)", "Python"]
    assert rows[1].score > rows[2].score
    assert "machine-learning models" in rows[1].requirements[0]["evidence"]


def test_single_ordinary_words_are_not_searched_as_wording():
    go_job = job([("go-lang", "Go")])
    rows = rank_candidates([person(1, "Ready to go the extra mile.")], [go_job], WEIGHTS)["job"]
    assert rows[0].missing_must == ["Go"]


def test_an_unknown_wording_is_also_found_by_its_capitalised_initials():
    hr_job = job([(text_requirement_id("Human Resources"), "Human Resources")], title="HR Manager")
    rows = {r.candidate_id: r for r in rank_candidates(
        [person(1, "Led the HR team of a plant."), person(2, "Her role: chrome plating.")], [hr_job], WEIGHTS)["job"]}
    assert rows[1].matched_must == ["Human Resources"]
    assert rows[2].missing_must == ["Human Resources"]
    assert acronym("Human Resources") == "HR" and acronym("REST APIs") is None and acronym("Python") is None


def test_bm25_prefers_the_text_that_says_more_of_the_query():
    pool = similarity.hash_texts(["python python django apis", "python", "pastry chef"])
    query = similarity.stack(similarity.hash_texts(["python django apis"], binary=True))
    scores = similarity.bm25_to(pool, query)[:, 0]
    assert scores[0] > scores[1] > scores[2] == 0.0


def test_text_evidence_keeps_a_strong_text_match_on_the_list():
    api_job = job([("python", "Python"), ("rest-api", "REST APIs")], title="Backend Engineer",
                  description="Design payment APIs and backend services.")
    extracted_nothing = person(1, "Backend engineer: designed payment APIs and backend services for merchants.")
    unrelated = person(2, "Pastry chef, sourdough and croissants.")

    rows = {r.candidate_id: r for r in rank_candidates([extracted_nothing, unrelated], [api_job], WEIGHTS)["job"]}

    assert rows[1].missing_must == ["Python", "REST APIs"] and rows[1].text_evidence
    assert listable(rows[1].to_explanation())
    assert not listable(rows[2].to_explanation())


def test_must_haves_shown_in_work_outrank_the_same_must_haves_only_listed():
    sql_job = job([("sql", "SQL"), ("java", "Java")])
    worked = person(1, "Java SQL", {"sql", "java"}, in_work={"java", "mysql"})
    listed = person(2, "Java SQL", {"sql", "java"})
    rows = rank_candidates([listed, worked], [sql_job], WEIGHTS)["job"]
    assert [r.candidate_id for r in rows] == [1, 2]
    assert rows[0].features["work"] == 1.0 and rows[1].features["work"] == 0.0


@pytest.mark.parametrize("title, entry", [("Graduate Software Engineer", True), ("Junior Developer", True),
                                          ("Software Engineering Intern", True), ("Senior Engineer", False)])
def test_entry_level_titles(title, entry):
    assert is_entry_level(title) is entry


def test_a_senior_is_not_a_graduate_hire():
    grad = job([("algorithms", "Algorithms")], title="Graduate Software Engineer")
    people = [person(1, "Algorithms.", {"algorithms"}, years=0.5), person(2, "Algorithms.", {"algorithms"}, years=12),
              person(3, "Algorithms.", {"algorithms"})]
    rows = {r.candidate_id: r for r in rank_candidates(people, [grad], WEIGHTS)["job"]}
    assert rows[1].features["years"] == 1.0 and rows[2].features["years"] == 0.0 and rows[3].features["years"] == 0.5
    assert rows[1].rank == 1 and rows[2].rank == 3
    assert "12.0 yrs for an entry-level role" in rows[2].why_not_higher


def test_unknown_years_are_neutral_not_dropped():
    need = job([("java", "Java")], min_years=4)
    rows = {r.candidate_id: r for r in rank_candidates([person(1, "Java", {"java"})], [need], WEIGHTS)["job"]}
    assert rows[1].features["years"] == DEFAULT_WEIGHTS.years_unknown
    assert rows[1].requirements[-1]["status"] == "not stated" and "years of experience" in rows[1].ask_about


def test_bm25_scales_to_the_best_in_the_pool():
    need = job([("python", "Python")], title="Python Engineer", description="Python services")
    rows = rank_candidates([person(1, "Python services in Python"), person(2, "Python")], [need], WEIGHTS)["job"]
    assert np.isclose(max(r.features["bm25"] for r in rows), 1.0)


def test_stored_resume_dates_give_the_year_ranking_counts_recency_from():
    from hotlist.models.ranking_io import _year

    assert _year("2020-09-18") == 2020 and _year("2021-03") == 2021
    assert _year(None) is None and _year("") is None and _year("n/a") is None and _year("0000-01") is None
