"""Precision rules of skill extraction: organisation names, software descriptions, one id
per skill whatever the number of its last word, and "MS" for "Microsoft".

Every sentence here was written for these tests (no text from real resumes).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from hotlist.pipeline.skills.matcher import MATCHER, extract_skills
from hotlist.pipeline.skills.taxonomy import Taxonomy, normalise, number_variants

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def nlp():
    from hotlist.flows.resources import skill_nlp

    return skill_nlp()


@pytest.fixture(scope="module")
def taxonomy(nlp) -> Taxonomy:
    return nlp.get_pipe(MATCHER).taxonomy


def found(nlp, text: str) -> set[str]:
    return {m.id for m in extract_skills(nlp, text)}


# ----------------------------------------------------------------- organisation names
@pytest.mark.parametrize(
    ("text", "never"),
    [
        ("Research intern, Indian Institute of Science Education and Research, 2018", "science-education"),
        ("Research assistant at the Indian Institute\nof Science Education and Research", "science-education"),
        ("Published in the Journal of Cell Biology, 2021", "cell-biology"),
        ("Client: Northwind General Insurance Company", "general-insurance"),
        ("English teacher, Harbin foreign language Education Group, 2019 - 2021", "foreign-language"),
        ("Support lead, Red Hat Inc. - Pune", "red-hat-enterprise-linux"),
        ("Joint secretary of the Network Security Group, 2017", "network-security"),
        ("Software developer at Bluefin Fintech Solutions Pvt Ltd", "financial-technology"),
        ("HR manager, Tarsier LOGISTICS PVT. LTD", "logistics"),
    ],
)
def test_a_skill_inside_an_organisation_name_is_not_a_skill(nlp, text, never):
    assert never not in found(nlp, text)


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        # the skill ends before the name starts: two capitalised words before "Limited"
        ("Worked as chemist for Quality control Heterolabs Private Limited", "quality-control"),
        # a description of the employer's industry, not its name
        ("Crestline is a General Insurance Company serving 2M clients", "general-insurance"),
        ("Underwriter for General Insurance products at Crestline Group", "general-insurance"),
        ("Skills: Cell Biology, Microscopy, Flow Cytometry", "cell-biology"),
        ("Network Security, Firewalls, Intrusion Detection", "network-security"),
        ("B.Ed. in Science Education, 2015", "science-education"),
        ("Installed Red Hat Enterprise Linux on 40 servers", "red-hat-enterprise-linux"),
    ],
)
def test_the_same_skills_outside_a_name_are_kept(nlp, text, skill_id):
    assert skill_id in found(nlp, text)


# ----------------------------------------------------------------- software descriptions
@pytest.mark.parametrize(
    ("text", "never"),
    [
        ("Wrote conflict resolution algorithms for the offline sync engine", "conflict-resolution"),
        ("Built a customer support chatbot with Rasa and FastAPI", "customer-service"),
        ("Shipped a recruiting bot for the careers page", "recruiting"),
    ],
)
def test_a_business_skill_naming_what_software_does_is_not_a_skill(nlp, text, never):
    assert never not in found(nlp, text)


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("Handled conflict resolution between store teams", "conflict-resolution"),
        ("Led customer support for 40 enterprise accounts", "customer-service"),
        # an ERP module is what the person configures: a skill
        ("Configured the SAP FI module for 3 company codes", "sap-fi"),
        ("Set up Procurement modules in Oracle Fusion", "procurement"),
        # IT skills before a software noun stay ("sorting algorithms" is computer science)
        ("Built a Python bot for Slack", "python"),
    ],
)
def test_skills_before_other_nouns_or_it_skills_are_kept(nlp, text, skill_id):
    assert skill_id in found(nlp, text)


# ----------------------------------------------------------------- one id per skill
@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("services", ["service"]),
        ("service", ["services"]),
        ("policies", ["policy"]),
        ("policy", ["policies"]),
        ("processes", ["process"]),
        ("process", ["processes"]),
        ("analysis", ["analyses"]),
        ("boxes", ["box"]),
        ("days", ["day"]),
        ("analytics", []),  # not a plural
        ("forensic", []),  # "forensics" is not its plural
        ("status", []),
        ("series", []),
        ("c++", []),
    ],
)
def test_number_variants_follow_english_spelling(word, other):
    assert number_variants(word) == other


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Web Browsers", "web browser"),
        ("Microsoft SQL Servers", "Microsoft SQL Server"),
        ("Relational Databases", "Relational database"),
        ("Standard Template Libraries", "Standard Template Library"),
        ("Intrusion Detection Systems", "Intrusion detection system"),
        ("MS Dynamics CRM", "Microsoft Dynamics CRM"),
        ("MS Visual Studio", "Microsoft Visual Studio"),
    ],
)
def test_number_and_vendor_forms_resolve_to_one_id(taxonomy, a, b):
    assert taxonomy.resolve(a) is not None
    assert taxonomy.resolve(a).id == taxonomy.resolve(b).id


def test_no_two_skills_are_named_alike_but_for_the_number_of_the_last_word(taxonomy):
    names = {normalise(s.name): s.id for s in taxonomy}
    clashes = []
    for key, skill_id in names.items():
        words = key.split(" ")
        if len(words) < 2:
            continue
        for variant in number_variants(words[-1]):
            other = names.get(" ".join(words[:-1] + [variant]))
            if other is not None and other != skill_id:
                clashes.append((skill_id, other))
    assert clashes == []


@pytest.mark.parametrize(
    ("text", "skill_id", "surface"),
    [
        ("Messaging: MS Exchange, MS Dynamics CRM, Lotus Notes", "microsoft-dynamics-crm", "MS Dynamics CRM"),
        ("IDE: MS Visual Studio 2019", "microsoft-visual-studio", "MS Visual Studio"),
        ("Tested the site in all major web browsers", "web-browser", "web browsers"),
    ],
)
def test_abbreviated_and_plural_forms_are_found_whole(nlp, text, skill_id, surface):
    mentions = {m.id: m.text for m in extract_skills(nlp, text)}
    assert mentions.get(skill_id) == surface


# ----------------------------------------------------------------- the build rules
@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_taxonomy", ROOT / "scripts" / "build_taxonomy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _builder(build):
    return build.Builder({"skills": [], "stoplist": [], "allow_common": [], "vendors": ["Microsoft"]},
                         lambda word, lang: 0.0)


@pytest.mark.parametrize("order", [("Packet Sniffers", "Packet sniffer"), ("Packet sniffer", "Packet Sniffers")])
def test_the_build_merges_names_that_differ_in_number_under_the_singular(build, order):
    builder = _builder(build)
    for name in order:
        builder.add(name, identity=[name], extra=[], category="Information Technology", is_it=True,
                    hot=False, source="lightcast", priority=1)
    skills = builder.skills()
    assert len(skills) == 1
    assert skills[0].id == "packet-sniffer"
    assert "Packet Sniffers" in skills[0].aliases


def test_the_build_does_not_merge_into_a_skill_that_only_has_the_form_as_an_alias(build):
    builder = _builder(build)
    builder.add("Tidewater Signing", identity=["Tidewater Signing"], extra=["Coastal Sign Language"],
                category="Languages", is_it=False, hot=False, source="lightcast", priority=1)
    builder.add("Coastal Sign Languages", identity=["Coastal Sign Languages"], extra=[], category="Languages",
                is_it=False, hot=False, source="lightcast", priority=1)
    assert len(builder.skills()) == 2


def test_the_build_adds_ms_for_microsoft_where_the_form_is_free(build):
    builder = _builder(build)
    for name in ("Microsoft Quillpad Server", "Quillpad Server"):
        builder.add(name, identity=[name], extra=[], category="Information Technology", is_it=True,
                    hot=False, source="onet", priority=2)
    builder.add_vendor_abbreviations()
    by_name = {s.name: s for s in builder.skills()}
    assert "MS Quillpad Server" in by_name["Microsoft Quillpad Server"].aliases
    assert "MS Quillpad Server" not in by_name["Quillpad Server"].aliases


@pytest.mark.parametrize(("form", "skill_id"), [("Arabic Language", "arabic"), ("Japanese language", "japanese"),
                                                ("Spanish Language", "spanish")])
def test_a_curated_language_owns_its_language_form(taxonomy, form, skill_id):
    assert taxonomy.resolve(form).id == skill_id


def test_a_language_written_with_language_is_found_once(nlp):
    mentions = extract_skills(nlp, "Languages: Arabic language (native), English (fluent)")
    assert [m.id for m in mentions if m.id.startswith("arabic")] == ["arabic"]
