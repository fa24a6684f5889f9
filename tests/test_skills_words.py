"""Common English words used as words are never skills; acronyms and aliases resolve to one id.

Every sentence here is the kind of line real resumes and job adverts carry.
"""

from __future__ import annotations

import pytest

from hotlist.pipeline.skills.matcher import DISAMBIGUATOR, MATCHER, extract_skills
from hotlist.pipeline.skills.taxonomy import Skill, Taxonomy


@pytest.fixture(scope="module")
def nlp():
    from hotlist.flows.resources import skill_nlp

    return skill_nlp()


@pytest.fixture(scope="module")
def taxonomy(nlp) -> Taxonomy:
    return nlp.get_pipe(MATCHER).taxonomy


def found(nlp, text: str) -> dict[str, str]:
    """Skill id -> the text of its first mention."""
    out: dict[str, str] = {}
    for m in extract_skills(nlp, text):
        out.setdefault(m.id, m.text)
    return out


# ----------------------------------------------------------------- words used as words
@pytest.mark.parametrize(
    ("text", "never"),
    [
        ("Led our go to market strategy for the EMEA launch", "go-lang"),
        ("Drove the go-to-market plan with the sales team", "go-lang"),
        ("Go-live support for the ERP rollout", "go-lang"),
        ("I go hiking and skiing on weekends", "go-lang"),
        ("Plan B: we go with the vendor", "go-lang"),
        ("Provided access to patient records for auditors", "microsoft-access"),
        ("Access to the building after hours", "microsoft-access"),
        ("Access control and badge management", "microsoft-access"),
        ("Managed R&D budgets of $2M", "r-lang"),
        ("Reconciled A/R and A/P every month", "r-lang"),
        ("I excel at building relationships with clients", "microsoft-excel"),
        ("Excel at problem solving and team work", "microsoft-excel"),
        ("• Excel at client service under pressure", "microsoft-excel"),
        ("Strive to excel in fast-paced environments", "microsoft-excel"),
        ("Excel in customer service", "microsoft-excel"),
        ("EXCEL AT MULTITASKING", "microsoft-excel"),
        ("Less than 2 years of experience", "less-css"),
        ("LESS THAN 5 YEARS", "less-css"),
        ("Spring semester 2019: teaching assistant", "spring-framework"),
        ("Completed the spring semester with honours", "spring-framework"),
        ("Spring 2020 intern at a regional bank", "spring-framework"),
        ("Swift response to customer complaints", "swift"),
        ("Interned at Swift Transportation", "swift"),
        ("Word of mouth referrals grew 20%", "microsoft-word"),
        ("C-suite presentations every quarter", "c-lang"),
        ("Ruby Tuesday restaurant shift lead", "ruby"),
        ("Julia Roberts and Ruby Rose", "julia"),
        ("Rust Belt economic development initiative", "rust"),
        ("Dart league champion", "dart"),
        ("Reduced the time to go live by half", "go-lang"),
        ("Enabled maintainability and high-throughput processing of product metadata", "maintainability"),
    ],
)
def test_an_english_word_used_as_a_word_is_not_a_skill(nlp, text, never):
    assert never not in found(nlp, text)


@pytest.mark.parametrize(
    ("text", "skill_id", "surface"),
    [
        ("MS Excel (pivot tables, VLOOKUP)", "microsoft-excel", "MS Excel"),
        ("Excel (pivot tables, VLOOKUP)", "microsoft-excel", "Excel"),
        ("Tools: Excel, Tableau, SQL", "microsoft-excel", "Excel"),
        ("Word, Excel, PowerPoint", "microsoft-excel", "Excel"),
        ("Word and Excel in daily reports", "microsoft-excel", "Excel"),
        ("Used Excel in month-end reporting", "microsoft-excel", "Excel"),
        ("Proficient in Excel at an advanced level", "microsoft-excel", "Excel"),
        ("Advanced Excel", "microsoft-excel", "Advanced Excel"),
        ("Skills: Go, Rust, Kafka, PostgreSQL", "go-lang", "Go"),
        ("Built services in Golang on AWS", "go-lang", "Golang"),
        ("Statistical modelling in R and Python; RStudio", "r-lang", "R"),
        ("Java, Spring, Hibernate, Maven", "spring-framework", "Spring"),
        ("iOS apps in Swift and SwiftUI with Xcode", "swift", "Swift"),
        ("Microsoft Access and MS Access databases", "microsoft-access", "Microsoft Access"),
        ("Styled with LESS and Sass on top of Bootstrap", "less-css", "LESS"),
        ("Languages: C, C++, Python", "c-lang", "C"),
        ("Technical Skills: R", "r-lang", "R"),           # a labelled list of one
        ("SKILLS\nGo\n\nEDUCATION\nBS, 2019", "go-lang", "Go"),  # the first line under a heading
        ("Experience with dbt, Kafka or Spark is a plus", "apache-spark", "Spark"),  # after a listed skill
    ],
)
def test_the_same_names_count_as_tools(nlp, text, skill_id, surface):
    assert found(nlp, text).get(skill_id) == surface


# ----------------------------------------------------------------- one canonical id
@pytest.mark.parametrize(
    ("forms", "skill_id"),
    [
        (["k8s", "K8s", "Kubernetes", "kubernetes", "Kubernetes (k8s)"], "kubernetes"),
        (["JS", "JavaScript", "Javascript", "Java Script", "ES6"], "javascript"),
        (["TS", "TypeScript", "Type Script"], "typescript"),
        (["Postgres", "PostgreSQL", "postgresql", "Postgres SQL"], "postgresql"),
        (["AML", "Anti-Money Laundering", "anti money laundering", "BSA/AML"], "aml"),
        (["KYC", "Know Your Customer", "know-your-customer"], "kyc"),
        (["Golang", "Go", "go lang"], "go-lang"),
        (["MS Excel", "Excel", "Microsoft Excel", "EXCEL"], "microsoft-excel"),
        (["AWS", "Amazon Web Services", "Amazon Web Services (AWS)"], "aws"),
        (["GCP", "Google Cloud Platform"], "gcp"),
        (["NLP", "Natural Language Processing"], "natural-language-processing"),
        (["ML", "Machine Learning", "machine-learning"], "machine-learning"),
        (["LLM", "LLMs", "Large Language Models", "GenAI"], "large-language-models"),
        (["RAG", "Retrieval-Augmented Generation", "retrieval augmented generation"],
         "retrieval-augmented-generation"),
        (["sklearn", "scikit-learn", "Scikit-Learn"], "scikit-learn"),
        (["CI/CD", "CI CD"], "ci-cd"),
        (["BLS", "Basic Life Support", "BLS Certification"], "bls"),
        (["EHR", "Electronic Health Records"], "electronic-health-records"),
        (["GAAP", "US GAAP"], "gaap"),
    ],
)
def test_acronyms_and_aliases_resolve_to_one_id(taxonomy, forms, skill_id):
    assert {form: getattr(taxonomy.resolve(form), "id", None) for form in forms} == dict.fromkeys(forms, skill_id)


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("Ran 6 production k8s clusters", "kubernetes"),
        ("Frontend in JS and TS", "javascript"),
        ("Migrated Postgres 12 to 16", "postgresql"),
        ("AML and KYC reviews for a retail bank", "aml"),
        ("AML and KYC reviews for a retail bank", "kyc"),
        ("Built RAG pipelines with LangChain and ChromaDB", "retrieval-augmented-generation"),
    ],
)
def test_acronyms_in_text_give_the_canonical_id(nlp, text, skill_id):
    assert skill_id in found(nlp, text)


def test_verb_uses_are_configurable():
    import spacy

    small = Taxonomy([Skill(id="microsoft-excel", name="Microsoft Excel", case_sensitive_aliases=("Excel",)),
                      Skill(id="bash", name="Bash", case_sensitive_aliases=("Bash",))])
    nlp = spacy.blank("en")
    nlp.add_pipe(MATCHER).set_taxonomy(small)
    # spaCy merges a dict setting into the default one: [] turns a default form off.
    nlp.add_pipe(DISAMBIGUATOR, config={"verb_uses": {"Excel": [], "Bash": ["the"]}})
    doc = nlp("I excel. Excel at sales. Bash the competition. Bash scripts.")
    # Excel is no longer a verb in this configuration; "Bash the" now is.
    assert [s.text for s in doc.spans["skills"]] == ["Excel", "Bash"]
    assert doc.spans["skills"][1].start_char == doc.text.index("Bash scripts")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Sahil Kumar | LinkedIn | GitHub | jane@example.com", False),
        ("GitHub: github.com/jdoe", False),
        ("Built a chatbot with Flask. [GitHub]", False),
        ("Face recognition attendance system using OpenCV and Python. GitHub", False),
        ("Tools: Docker, Git, GitHub", True),
        ("Version control (Git, GitHub), Jira", True),
        ("CI with GitHub Actions and Jenkins", True),
    ],
)
def test_profile_link_labels_are_not_skills(nlp, text, kept):
    assert ("github" in found(nlp, text)) is kept
