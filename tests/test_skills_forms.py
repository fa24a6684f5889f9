"""Recall rules of skill extraction: the spellings resumes use for a skill (case, joined
or split words, ".js", British spelling, number), items glued by commas or brackets, and
names cut by a line break.

Every line here was written for these tests (no text from real resumes).
"""

from __future__ import annotations

import pytest

from hotlist.pipeline.skills.forms import (
    and_variants,
    case_variants,
    joined_variants,
    js_variants,
    match_forms,
    number_forms,
    spelling_variants,
    split_variants,
)
from hotlist.pipeline.skills.matcher import extract_skills, joined_tokens
from hotlist.pipeline.skills.taxonomy import Skill
from tests.test_skills_words import found


@pytest.fixture(scope="module")
def nlp(skill_nlp):
    return skill_nlp  # the session's pipeline (tests/conftest.py), built once


# ----------------------------------------------------------------- the variant rules
@pytest.mark.parametrize(
    ("form", "hot", "expected", "absent"),
    [
        ("WordPress", True, {"Wordpress", "WORDPRESS", "wordpress"}, set()),
        ("ProFile", False, set(), {"Profile", "profile", "PROFILE"}),  # not hot: "Profile" is English
        ("Ajax", False, {"AJAX"}, {"ajax"}),
        ("Visual Basic", False, {"VISUAL BASIC"}, set()),
        ("ADO.NET", False, {"ADO.Net"}, set()),
        ("SQL", True, set(), {"sql", "Sql"}),  # acronyms keep their case
    ],
)
def test_case_variants(form, hot, expected, absent):
    got = set(case_variants(form, hot=hot))
    assert expected <= got
    assert not (absent & got)


def test_joined_and_split_words():
    assert split_variants("CorelDRAW") == ["Corel DRAW", "Corel Draw"]
    assert split_variants("PowerApps") == ["Power Apps"]
    assert joined_variants("Power BI") == ["PowerBI"]
    assert joined_variants("Power BI", join_words=False) == []
    assert split_variants("LinkedIn") == []  # "In" is a small word
    assert split_variants("iOS") == []


def test_a_two_word_source_name_in_the_other_number_is_a_phrase(nlp):
    assert "management-systems" not in found(nlp, "Built a placement management system in Django")


def test_a_split_name_is_matched_in_its_own_case(nlp):
    assert "samepage" not in found(nlp, "Kept everyone on the same page during the launch")


def test_js_variants():
    assert set(js_variants("Three.js")) == {"Three JS", "ThreeJS", "Three-JS"}
    assert js_variants("Python") == []


def test_spelling_variants_go_both_ways():
    assert "Predictive Modelling" in spelling_variants("Predictive Modeling")
    assert "Behavioral Science" in spelling_variants("Behavioural Science")
    assert "Data Center" in spelling_variants("Data Centre")
    assert "Labor Law" in spelling_variants("Labour Law")
    assert spelling_variants("Enterprise Software") == []  # not an -ise verb
    assert spelling_variants("Python") == []  # one word: no variants


def test_number_forms_of_any_word_of_a_short_name():
    assert "Employee Relation" in number_forms("Employee Relations", last=True)
    assert number_forms("Management Systems") == []  # "a management system" is a phrase
    assert "Convolutional Neural Network" in number_forms("Convolutional Neural Networks")
    assert "Requirement Analysis" in number_forms("Requirements Analysis")
    assert "Systems Design" not in number_forms("System Design")  # singular words stay
    assert number_forms("Python") == []


def test_and_and_ampersand():
    assert and_variants("Training and Development") == ["Training & Development"]
    assert and_variants("Research & Development") == ["Research and Development"]
    assert and_variants("R&D") == []


def test_a_variant_never_takes_another_skills_form():
    skills = [Skill(id="a", name="Data Centre"), Skill(id="b", name="Data Center")]
    forms = match_forms(skills)
    assert ("a", "Data Center", False) not in forms
    assert ("b", "Data Center", False) in forms


# ----------------------------------------------------------------- in text
@pytest.mark.parametrize(
    ("text", "skill_id", "surface"),
    [
        ("Web: HTML, CSS, Wordpress, PHP", "wordpress", "Wordpress"),
        ("FRONT END: BOOTSTRAP, AJAX, JQUERY", "ajax", "AJAX"),
        ("Design tools: Photoshop, Corel Draw, Illustrator", "coreldraw", "Corel Draw"),
        ("Libraries: Angular, ThreeJS, RxJS", "three-js", "ThreeJS"),
        ("Built dashboards with Ember JS and Bootstrap", "ember-js", "Ember JS"),
        ("Skills: Predictive Modelling, Python, SQL", "predictive-modeling", "Predictive Modelling"),
        ("Key skills: Employee Relation, Payroll", "employee-relations", "Employee Relation"),
        ("Built a Convolutional Neural Network for X-rays", "convolutional-neural-networks",
         "Convolutional Neural Network"),
        ("Data layer: ASP.Net MVC, ADO.Net, SQL Server", "ado-net", "ADO.Net"),
    ],
)
def test_spelling_variants_are_found(nlp, text, skill_id, surface):
    assert found(nlp, text).get(skill_id) == surface


@pytest.mark.parametrize(
    ("text", "skill_ids"),
    [
        ("Skills: ASP.Net,ADO.Net,C#,Javascript,SQL Server", {"c-sharp", "javascript", "ado-net"}),
        ("Languages (C++,Java and Python)", {"c-plus-plus", "java", "python"}),
        ("Programacion(C++,Java y Python)", {"c-plus-plus", "java", "python"}),
        ("Flows in Power Automate(Flow)", {"microsoft-power-automate"}),
        ("Backend: Python(Django,PostgreSQL)", {"python", "django", "postgresql"}),
    ],
)
def test_items_glued_by_commas_or_brackets_are_found(nlp, text, skill_ids):
    assert skill_ids <= set(found(nlp, text))


def test_numbers_with_thousands_separators_stay_whole(nlp):
    doc = nlp.make_doc("Served 1,000 users and 2,500,000 requests")
    assert "1,000" in [t.text for t in doc] and "2,500,000" in [t.text for t in doc]


# ----------------------------------------------------------------- names cut by a line break
@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("Built models for natural\nlanguage processing tasks", "natural-language-processing"),
        ("Experience with Convolutional\nNeural Networks and transformers", "convolutional-neural-networks"),
        ("Stored embeddings in Chro-\nmaDB for retrieval", "chromadb"),
        ("Skills: Leadership, Communication, Project\nmanagement, Budgeting", "project-management"),
    ],
)
def test_a_name_cut_by_a_line_break_is_found(nlp, text, skill_id):
    assert skill_id in found(nlp, text)


def test_a_joined_match_points_at_the_original_text(nlp):
    text = "Tasks in natural\nlanguage processing"
    mention = next(m for m in extract_skills(nlp, text) if m.id == "natural-language-processing")
    assert text[mention.start:mention.end] == "natural\nlanguage processing"


def test_a_line_that_opens_with_a_label_is_not_joined_to_the_line_above(nlp):
    text = "Databases: MySQL, Oracle Database\nProgramming Languages: Python and Java"
    assert "database-programming" not in found(nlp, text)


def test_items_on_separate_lines_are_not_joined_into_one_skill(nlp):
    # two list items, one per line, stay two skills
    assert {"python", "java"} <= set(found(nlp, "Python\nJava\nDocker"))


def test_joined_tokens_leave_out_the_breaks_that_cut_words(nlp):
    doc = nlp.make_doc("ab Chro-\nmaDB x\ny, z\nSkills: Go")
    words, spaces, origin, joints = joined_tokens(doc)
    assert words[:5] == ["ab", "ChromaDB", "x", "y", ","]
    assert origin[1] == (1, 3)  # "Chro-", "\n", "maDB"
    assert "\n" in words  # before the labelled line
    assert joined_tokens(nlp.make_doc("no breaks here"))[3] == []


# ----------------------------------------------------------------- common names of common skills
@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("IDE: Visual Studio 2019, Eclipse", "microsoft-visual-studio"),
        ("Web tier: JSP, Servlets, Struts", "javaserver-pages"),
        ("Web tier: JSP, Servlets, Struts", "java-servlet"),
        ("Version control: SVN, TFS", "apache-subversion"),
        ("Version control: SVN, TFS", "team-foundation-server"),
        ("Queries with LINQ and Entity Framework", "language-integrated-query"),
        ("Worked on requirement gathering with business users", "requirements-gathering"),
        ("Handled statutory compliance (PF, ESI) and payroll", "statutory-compliance"),
        ("Conducted exit interviews and full and final settlement", "exit-interviews"),
        ("Key skills: Compensation & Benefits, HR Operations", "compensation-and-benefits"),
        ("Key skills: Compensation & Benefits, HR Operations", "hr-operations"),
        ("Deployed the API on DigitalOcean droplets", "digitalocean"),
        ("Databases on Amazon RDS and MongoDB Atlas", "amazon-relational-database-services"),
        ("Databases on Amazon RDS and MongoDB Atlas", "mongodb-atlas"),
        ("Built hybrid apps with Ionic, Cordova and Angular", "ionic-framework"),
        ("Editors: Visual Studio Code, Vim", "vscode"),
    ],
)
def test_common_names_of_common_skills_are_found(nlp, text, skill_id):
    assert skill_id in found(nlp, text)


@pytest.mark.parametrize(
    ("text", "never"),
    [
        ("Unity in diversity is our motto", "unity-engine"),
        ("An ionic bond holds the salt together", "ionic-framework"),
        ("Worked as a prophet of good news for the team", "prophet-forecasting"),
    ],
)
def test_new_ambiguous_names_need_context(nlp, text, never):
    assert never not in found(nlp, text)


# ----------------------------------------------------------------- tables of skills
TABLE = "IT Skills\nSkill Name\tVersion\tLast Used\tExperience\n{row}\nDocker\t20.10\t2021\t2 Year(s)\n"


@pytest.mark.parametrize(
    ("row", "skill_id"),
    [
        ("AJAX\t\t2019\t6 Year(s)", "ajax"),
        ("Oracle, Cassandra\t\t2020\t4 Year(s) 0 Month(s)", "cassandra"),
        ("Go\t1.21\t2023\t3 Year(s)", "go-lang"),
    ],
)
def test_an_ambiguous_name_in_a_table_of_skills_is_kept(nlp, row, skill_id):
    assert skill_id in found(nlp, TABLE.format(row=row))


@pytest.mark.parametrize(
    ("text", "never"),
    [
        ("Go to the market with partners\t2019", "go-lang"),  # prose in the first cell
        ("Intern\tSpring 2019", "spring-framework"),  # not the first cell
    ],
)
def test_prose_in_a_tabbed_line_is_not_a_table_of_skills(nlp, text, never):
    assert never not in found(nlp, text)


def test_an_ambiguous_name_after_at_is_an_employer(nlp):
    text = "Sales strategies, pipeline reviews\nHighlights at Oracle: top seller of the year"
    assert "oracle-database" not in found(nlp, text)
    assert "oracle-database" in found(nlp, "Databases: Oracle, PostgreSQL, MySQL")
