"""The skills vocabulary and the spaCy skill extractor, on real sentences and samples."""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import sys
from pathlib import Path

import pytest
import spacy

from hotlist.pipeline.read.documents import read_document
from hotlist.pipeline.skills.matcher import (
    DISAMBIGUATOR,
    MATCHER,
    build_skill_nlp,
    extract_skills,
    summarise_skills,
)
from hotlist.pipeline.skills.taxonomy import DEFAULT_TAXONOMY_PATH, Skill, Taxonomy, load_taxonomy, normalise
from hotlist.pipeline.types import Section, SkillMention

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_resumes"


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="module")
def nlp(taxonomy):
    return build_skill_nlp(taxonomy)


def ids(nlp, text: str) -> list[str]:
    return [m.id for m in extract_skills(nlp, text)]


# ----------------------------------------------------------------- taxonomy file
def test_packaged_file_is_sorted_small_and_reproducible(taxonomy):
    raw = DEFAULT_TAXONOMY_PATH.read_bytes()
    assert len(raw) < 3_000_000
    assert raw[4:8] == b"\0\0\0\0", "gzip mtime must be 0 for a reproducible build"
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    skill_ids = [json.loads(line)["id"] for line in lines]
    assert skill_ids == sorted(skill_ids)
    assert len(set(skill_ids)) == len(skill_ids) == len(taxonomy) > 20_000


def test_every_record_has_the_documented_fields():
    with gzip.open(DEFAULT_TAXONOMY_PATH, "rt", encoding="utf-8") as handle:
        record = json.loads(next(handle))
    assert {"id", "name", "aliases", "category", "hot", "sources", "ambiguous",
            "case_sensitive_aliases"} <= set(record)


@pytest.mark.parametrize(
    "word", ["less", "to", "me", "or", "go", "management", "business", "design", "sales",
             "planning", "research", "writing", "library", "insurance", "tax", "billing",
             "installation", "windows", "project", "opening mail", "baking", "piano"],
)
def test_stoplisted_words_are_never_matched_in_any_case(taxonomy, word):
    for skill in taxonomy:
        assert all(normalise(form) != word for form in skill.insensitive_forms()), skill


@pytest.mark.parametrize(
    ("requirement", "skill_id"),
    [
        ("Postgres", "postgresql"),
        ("PostgreSQL", "postgresql"),
        ("Kubernetes (k8s)", "kubernetes"),
        ("k8s", "kubernetes"),
        ("MS Excel", "microsoft-excel"),
        ("Excel", "microsoft-excel"),
        ("Go", "go-lang"),
        ("Golang", "go-lang"),
        ("R", "r-lang"),
        ("JS", "javascript"),
        ("TS", "typescript"),
        ("Python 3.11", "python"),
        ("Amazon Web Services (AWS)", "aws"),
        ("GCP", "gcp"),
        ("CI/CD", "ci-cd"),
        ("Intuit QuickBooks", "quickbooks"),
        ("BLS Certification", "bls"),
        ("Epic EHR", "epic-systems"),
        ("Month-End Close", "month-end-close"),
        ("month end close", "month-end-close"),
        ("AML", "aml"),
        ("KYC", "kyc"),
        ("Machine Learning", "machine-learning"),
        ("NLP", "natural-language-processing"),
        ("Audit", "auditing"),
    ],
)
def test_resolve_maps_requirement_strings_to_ids(taxonomy, requirement, skill_id):
    skill = taxonomy.resolve(requirement)
    assert skill is not None and skill.id == skill_id


def test_resolve_returns_none_for_unknown_or_stoplisted(taxonomy):
    assert taxonomy.resolve("") is None
    assert taxonomy.resolve("a warm smile") is None
    assert taxonomy.resolve("management") is None


def test_resolve_covers_every_sample_job_requirement(taxonomy):
    import yaml

    for path in sorted((ROOT / "sample_jobs").glob("*.yaml")):
        job = yaml.safe_load(path.read_text())
        for requirement in job.get("must_have", []) + job.get("nice_to_have", []):
            assert taxonomy.resolve(requirement) is not None, (path.name, requirement)


def test_taxonomy_rejects_duplicate_ids():
    with pytest.raises(ValueError, match="duplicate skill id"):
        Taxonomy([Skill(id="x", name="X"), Skill(id="x", name="Y")])


# ----------------------------------------------------------------- extraction
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Built services in Go and Python on AWS with Kubernetes (k8s)",
         {"go-lang", "python", "aws", "kubernetes"}),
        ("Statistical modelling in R and Python; RStudio", {"r-lang", "python"}),
        ("MS Excel, pivot tables", {"microsoft-excel"}),
        ("Patient care, BLS and ACLS certified", {"patient-care", "bls", "acls"}),
        ("Languages: C, C++, C#, Java, JavaScript", {"c-lang", "c-plus-plus", "c-sharp", "java", "javascript"}),
        ("Skills: Go, Rust, Kafka, PostgreSQL", {"go-lang", "rust", "kafka", "postgresql"}),
        ("Styled with LESS and Sass on top of Bootstrap, HTML5 and CSS3", {"less-css", "css", "html"}),
        ("Prepared month-end close and account reconciliations under US GAAP in QuickBooks and SAP",
         {"month-end-close", "account-reconciliation", "gaap", "quickbooks", "sap"}),
        ("Managed pipeline in Salesforce CRM; lead generation and cold calling",
         {"salesforce", "lead-generation", "cold-calling"}),
        ("Scrum master for two Agile teams; tracked work in Jira", {"scrum", "agile", "jira"}),
        ("AML and KYC reviews for a retail bank", {"aml", "kyc"}),
        ("Telemetry unit; charted in the EHR (Epic)", {"telemetry", "electronic-health-records"}),
        ("Word, Excel, PowerPoint and Outlook", {"microsoft-word", "microsoft-excel",
                                                 "microsoft-powerpoint", "microsoft-outlook"}),
        ("Microsoft Access and MS Access databases", {"microsoft-access"}),
    ],
)
def test_finds_the_skills_in_real_sentences(nlp, text, expected):
    assert expected <= set(ids(nlp, text))


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("I go hiking on weekends", {"go-lang"}),
        ("Go to the store", {"go-lang"}),
        ("Drove our go-to-market plan for C-level clients", {"go-lang", "c-lang"}),
        ("less than 5 years of experience", {"less-css"}),
        ("CSS (Less than 1 year), HTML (Less\nthan 1 year)", {"less-css"}),
        ("LESS THAN 5 YEARS", {"less-css"}),
        ("Worked in R&D and A/R", {"r-lang"}),
        ("Access to the building after hours", {"microsoft-access"}),
        ("Spring 2019: Dean's list", {"spring-framework"}),
        ("Ruby Chen and Julia Roberts led the Rust Belt initiative", {"ruby", "julia", "rust"}),
        ("Interned at Swift Transportation", {"swift"}),
        ("Opening mail, planning, research and writing", set()),
    ],
)
def test_ambiguous_names_need_context(nlp, text, unwanted):
    found = set(ids(nlp, text))
    assert not found & unwanted
    if not unwanted:
        assert found == set()


@pytest.mark.parametrize(
    "text",
    [
        "less than 5 years",
        "I go hiking",
        "Contact: jane.python@example.com",
        "https://github.com/jdoe/kubernetes-python-tools",
        "www.aws-go.com/java",
        "portfolio at jdoe.dev/react/typescript",
    ],
)
def test_noise_and_links_produce_nothing(nlp, text):
    assert extract_skills(nlp, text) == []


def test_company_names_ending_in_a_field_word_are_not_skills(nlp):
    text = "Senior Java Developer | Ridgeback Logistics | 07/2022 - Present\nCoordinated logistics for trade shows"
    mentions = extract_skills(nlp, text)
    assert [m.text for m in mentions if m.id == "logistics"] == ["logistics"]


def test_mentions_carry_offsets_into_the_text(nlp):
    text = "Résumé — built ETL in Python 3 and PySpark; CI/CD with GitHub Actions."
    mentions = extract_skills(nlp, text)
    assert mentions, "expected some skills"
    for m in mentions:
        assert text[m.start:m.end] == m.text
    assert {"python", "pyspark", "ci-cd", "github"} <= {m.id for m in mentions}
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_longest_match_wins_without_overlaps(nlp):
    mentions = extract_skills(nlp, "Spring Boot, Ruby on Rails, Microsoft SQL Server and Java Script")
    assert [m.id for m in mentions] == ["spring-boot", "ruby-on-rails", "microsoft-sql-server", "javascript"]
    for a, b in zip(mentions, mentions[1:]):
        assert a.end <= b.start


def test_summarise_counts_sections_and_snippets():
    text = "SKILLS\nPython, SQL\nEXPERIENCE\nBuilt Python services and SQL reports.\n"
    sections = [
        Section(name="skills", heading="SKILLS", start=0, end=19, text=text[0:19]),
        Section(name="experience", heading="EXPERIENCE", start=19, end=len(text), text=text[19:]),
    ]
    mentions = [
        SkillMention("python", "Python", 7, 13, "Python"),
        SkillMention("sql", "SQL", 15, 18, "SQL"),
        SkillMention("python", "Python", 36, 42, "Python"),
        SkillMention("sql", "SQL", 56, 59, "SQL"),
        SkillMention("python", "Python", 36, 42, "Python"),
    ]
    summary = summarise_skills(mentions, text, sections)
    assert [(s.id, s.count, s.sections) for s in summary] == [
        ("python", 3, ["skills", "experience"]),
        ("sql", 2, ["skills", "experience"]),
    ]
    assert "Python" in summary[0].snippet and len(summary[0].snippet) <= 64
    assert summary[0].last_used is None
    assert summarise_skills(mentions[:1], text)[0].sections == []


def test_pipeline_round_trips_through_disk_and_bytes(nlp, tmp_path):
    text = "Built services in Go and Python on AWS with Kubernetes (k8s). I go hiking."
    nlp.to_disk(tmp_path / "skills_nlp")
    assert (tmp_path / "skills_nlp" / MATCHER / "skills.jsonl.gz").exists()
    loaded = spacy.load(tmp_path / "skills_nlp")
    assert loaded.pipe_names == [MATCHER, DISAMBIGUATOR]
    assert ids(loaded, text) == ids(nlp, text)

    fresh = spacy.blank("en")
    fresh.add_pipe(MATCHER)
    fresh.add_pipe(DISAMBIGUATOR)
    fresh.from_bytes(nlp.to_bytes())
    assert ids(fresh, text) == ids(nlp, text)


def test_components_are_configurable_like_any_spacy_pipe():
    small = Taxonomy([
        Skill(id="go-lang", name="Go", aliases=("Golang",), case_sensitive_aliases=("Go",), ambiguous=True),
        Skill(id="python", name="Python"),
    ])
    nlp = spacy.blank("en")
    nlp.add_pipe(MATCHER, config={"spans_key": "found"}).set_taxonomy(small)
    nlp.add_pipe(DISAMBIGUATOR, config={"spans_key": "found", "min_neighbours": 2})
    doc = nlp("Go and Python. Golang.")
    # One neighbour is not enough any more; the unambiguous alias is always kept.
    assert [(s.text, s.label_) for s in doc.spans["found"]] == [("Python", "python"), ("Golang", "go-lang")]


# ----------------------------------------------------------------- real files
GROUND_TRUTH = json.loads((SAMPLES / "ground_truth.json").read_text()) if (SAMPLES / "ground_truth.json").exists() else []


@pytest.mark.parametrize("expected", GROUND_TRUTH, ids=lambda r: r["file"])
def test_finds_the_listed_skills_in_sample_resumes(nlp, taxonomy, expected):
    text = read_document(SAMPLES / expected["file"]).text
    found = {m.id for m in extract_skills(nlp, text)}
    wanted = {name: taxonomy.resolve(name) for name in expected["skills"]}
    assert all(wanted.values()), {k for k, v in wanted.items() if v is None}
    missing = sorted(name for name, skill in wanted.items() if skill.id not in found)
    assert len(missing) <= max(1, len(wanted) // 10), missing


# ----------------------------------------------------------------- build script helpers
@functools.cache
def _build_module():
    """scripts/build_taxonomy.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("build_taxonomy", ROOT / "scripts" / "build_taxonomy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("Go (Programming Language)", ("Go", [], "Programming Language")),
        ("Amazon Web Services (AWS)", ("Amazon Web Services", ["AWS"], None)),
        ("GNU Image Manipulation Program (GIMP)", ("GNU Image Manipulation Program", ["GIMP"], None)),
        ("AWS Internet Of Things (IoT)", ("AWS Internet Of Things", ["IoT"], None)),
        ("W-CDMA (UMTS)", ("W-CDMA", [], "UMTS")),
        ("(American Society For Quality) ASQ Certified", ("ASQ Certified", [], None)),
        ("Temporomandibular Joint (TMJ) Disorders", ("Temporomandibular Joint Disorders", [], None)),
        ("Simple Object Access Protocol (SOAP)", ("Simple Object Access Protocol", ["SOAP"], None)),
        ("Software Quality (SQA/SQC)", ("Software Quality", [], "SQA/SQC")),
    ],
)
def test_lightcast_names_are_split_into_name_acronyms_and_qualifier(description, expected):
    assert _build_module().parse_lightcast_name(description) == expected


@pytest.mark.parametrize(
    ("example", "expected"),
    [
        ("Intuit QuickBooks", ("Intuit QuickBooks", ["QuickBooks"])),
        ("Cascading style sheets CSS", ("Cascading style sheets", ["CSS"])),
        ("Salesforce software", ("Salesforce", [])),
        ("Oracle PL/SQL", ("Oracle PL/SQL", ["PL/SQL"])),
    ],
)
def test_onet_names_lose_vendor_and_software_suffix(example, expected):
    module = _build_module()
    assert module.split_onet_name(example, ["Intuit", "Oracle"]) == expected
