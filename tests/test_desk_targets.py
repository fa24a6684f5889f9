"""Client-named targets: the matching rules, the YAML import that never overwrites what a recruiter typed on the
page, the pinned rows of the call list and their status in the report (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from hotlist.cli import main
from hotlist.desk import add_target, call_sheet, job_report
from hotlist.errors import DuplicateTarget
from hotlist.models.db import session_scope
from hotlist.models.targets import job_targets
from hotlist.pipeline.errors import InvalidJob
from hotlist.pipeline.jobs.hot_job import load_jobs
from hotlist.pipeline.calls.people import PersonRecord
from hotlist.pipeline.jobs.targets import company_words, match_target, target_contact_keys
from hotlist.service import import_jobs
from hotlist.settings import get_settings
from hotlist.web.app import create_app
from tests.desk_world import JOB_ID, NOW, build

RECORDS = [
    PersonRecord(1, "Ana María López", emails=("ana@old.example",), employers=("Globex Inc.",)),
    PersonRecord(2, "Ana Maria Lopez", phones=("+15125550199",), employers=("Initech",)),
    PersonRecord(3, "Sam Other", emails=("shared@agency.example",)),
]


@pytest.mark.parametrize("name, company, contact, expected", [
    ("Ana Lopez María", "Globex", None, (1, "name and company", ())),  # word order, accents and "Inc." ignored
    ("Ana María López", "INITECH LLC", None, (2, "name and company", ())),
    ("Ana López", "Initech", "+1 (512) 555-0199", (2, "contact", ())),  # the phone, normalised
    ("A. Lopez", "Wayne", "ANA@old.example", (1, "contact", ())),  # an initial does not conflict
    ("Zed Quill", "Wayne", "shared@agency.example", (None, "", ())),  # a shared contact of a clearly other name
    ("Ana Maria Lopez", "Wayne", None, (None, "", (1, 2))),  # the same name only: possible, to check
    ("Nobody Known", "Wayne", "linkedin.com/in/nobody", (None, "", ())),
])
def test_a_target_is_matched_by_contact_or_name_and_company(name, company, contact, expected):
    found = match_target(name, company, contact, RECORDS)
    assert (found.candidate_id, found.how, found.possible) == expected


def test_contact_kinds_and_company_words():
    assert target_contact_keys("Jo@Mail.example ") == {"email:jo@mail.example"}
    assert target_contact_keys("https://www.linkedin.com/in/jo/") == {"link:linkedin.com/in/jo"}
    assert target_contact_keys("(512) 555-0101") == {"phone:+15125550101"}
    assert target_contact_keys("") == set()
    assert company_words("The Acme Company, Ltd.") == "acme"


def test_yaml_targets_are_validated(tmp_path):
    job = tmp_path / "job.yaml"
    job.write_text("id: a\ntitle: A\ntargets:\n  - name: Jo Bloggs\n    company: Acme\n    contact: jo@x.example\n")
    assert load_jobs(job)[0].targets[0].contact == "jo@x.example"
    job.write_text("id: a\ntitle: A\ntargets:\n  - name: Jo Bloggs\n")
    with pytest.raises(InvalidJob, match=r"job 'a': targets item 1 company: Field required"):
        load_jobs(job)


JOB_YAML = """id: py-dev
title: Python Developer
client: Northwind
location: Austin, TX
must_have: [Python, Kubernetes]
nice_to_have: [AWS]
urgency: 5
openings: 2
targets:
{targets}
"""


def _yaml(path, *targets: str) -> None:
    path.write_text(JOB_YAML.format(targets="\n".join(targets) or "  []"), encoding="utf-8")


@pytest.fixture
def world(workspace):
    settings = get_settings()
    return settings, build(settings.db_url)


def test_reimport_follows_the_file_and_keeps_what_the_recruiter_typed(world, tmp_path):
    settings, _ = world
    job = tmp_path / "py-dev.yaml"
    _yaml(job, "  - {name: Avery Stone, company: Acme}", "  - {name: Gone Later, company: Initech}")
    import_jobs(settings, job)
    add_target(settings, JOB_ID, "Blake Moor", "Globex", "+44 7911 123456")
    with pytest.raises(DuplicateTarget, match=r"Blake Moor \(Globex\) is already a client-named target of py-dev"):
        add_target(settings, JOB_ID, "blake  MOOR", "Globex Ltd", None)
    # The file drops one, changes one's contact and names the page's target with another contact.
    _yaml(job, "  - {name: Avery Stone, company: Acme, contact: person1@example.com}",
          "  - {name: Blake Moor, company: Globex, contact: wrong@example.com}")
    import_jobs(settings, job)
    import_jobs(settings, job)  # twice: nothing doubles
    with session_scope(settings.db_url) as session:
        held = {(t.name, t.company, t.contact, t.source) for t in job_targets(session, JOB_ID)}
    assert held == {("Avery Stone", "Acme", "person1@example.com", "yaml"),
                    ("Blake Moor", "Globex", "+44 7911 123456", "web")}
    _yaml(job)  # a file with no targets: its own go, the recruiter's stays
    import_jobs(settings, job)
    with session_scope(settings.db_url) as session:
        assert [(t.name, t.source) for t in job_targets(session, JOB_ID)] == [("Blake Moor", "web")]


def test_targets_are_pinned_tracked_and_reported(world):
    settings, ids = world
    add_target(settings, JOB_ID, "Avery Stone", "Acme Corp", None)  # on file: name and employer
    add_target(settings, JOB_ID, "Blake Moor", "Globex", "+447911123456")  # on file: the phone
    add_target(settings, JOB_ID, "Chandra Rao", "Initech", None)  # same name, other company: check
    add_target(settings, JOB_ID, "Erin Nobody", "Umbrella", "erin@umbrella.example")  # to source
    sheet = call_sheet(settings, JOB_ID, NOW)
    pinned = {t.target.name: t for t in sheet.targets}
    assert [t.target.name for t in sheet.targets] == ["Avery Stone", "Blake Moor", "Chandra Rao", "Erin Nobody"]
    assert pinned["Avery Stone"].card["id"] == ids["chi"] and pinned["Avery Stone"].match.how == "name and company"
    assert pinned["Blake Moor"].card["id"] == ids["lon"] and pinned["Blake Moor"].match.how == "contact"
    assert pinned["Avery Stone"].callable_now and pinned["Avery Stone"].rank is not None
    assert pinned["Chandra Rao"].status == "to source: same name on file, check"
    assert pinned["Chandra Rao"].match.possible == (ids["blr"],)
    assert pinned["Erin Nobody"].status == "to source" and pinned["Erin Nobody"].card is None
    assert pinned["Avery Stone"].status == "found, not yet called"
    listed = [s.row.candidate_id for s in sheet.rows]
    assert ids["chi"] not in listed and ids["lon"] not in listed and ids["blr"] in listed  # pinned ones not twice

    from hotlist.desk import record_call

    record_call(settings, "k1", ids["chi"], JOB_ID, "hung-up", "hung up at once")
    record_call(settings, "k2", ids["lon"], JOB_ID, "interested", "wants a call in March", date(2026, 3, 20))
    report = job_report(settings, JOB_ID, NOW)
    status = {t.target.name: t.status for t in report.targets}
    assert re.fullmatch(r"hung up \(\d{4}-\d\d-\d\d\)", status["Avery Stone"])
    assert status["Blake Moor"] == "interested: call back 2026-03-20"
    assert status["Erin Nobody"] == "to source"
    after = {t.target.name: t for t in call_sheet(settings, JOB_ID, NOW).targets}
    assert not after["Avery Stone"].callable_now and "cooldown until" in after["Avery Stone"].blocked

    md = CliRunner().invoke(main, ["report", JOB_ID, "--format", "md"]).output
    assert "## Named by the client (4)" in md
    assert "| Blake Moor | Globex | interested: call back 2026-03-20 |" in md
    assert "| Erin Nobody | Umbrella | to source |" in md


def _csrf(html: str) -> str:
    return re.search(r'id="add-target".*?name="csrf" value="([^"]+)"', html, re.S).group(1)


def test_the_job_page_form_adds_a_target_once(world):
    settings, ids = world
    client = TestClient(create_app(settings, now=lambda: NOW), base_url="http://127.0.0.1:8765", follow_redirects=False)
    page = client.get(f"/jobs/{JOB_ID}").text
    assert "None yet: add the people the client asked for" in page
    data = {"csrf": _csrf(page), "name": "Avery Stone", "company": "Acme", "contact": ""}
    added = client.post(f"/jobs/{JOB_ID}/targets", data=data)
    assert added.status_code == 303 and added.headers["location"] == f"/jobs/{JOB_ID}?added=Avery%20Stone"
    again = client.post(f"/jobs/{JOB_ID}/targets", data=data)  # the double click
    assert again.status_code == 409 and "Avery Stone (Acme) is already a client-named target of py-dev." in again.text
    html = client.get(f"/jobs/{JOB_ID}?added=Avery%20Stone").text
    targets = html[html.index('id="targets"'):html.index('id="call-list"')]
    assert f'data-candidate="{ids["chi"]}"' in targets and "name and company" in targets and "callable now" in targets
    ranked = html[html.index('id="call-list"'):html.index('id="calls"')]
    assert f'data-candidate="{ids["chi"]}"' not in ranked
    assert "Added Avery Stone to the client-named targets." in html
    missing = client.post(f"/jobs/{JOB_ID}/targets", data={"csrf": _csrf(html), "name": "Jo", "company": " "})
    assert missing.status_code == 400 and "needs a name and a company" in missing.text
    assert client.post(f"/jobs/{JOB_ID}/targets", data={**data, "csrf": "forged.0"}).status_code == 403
    with session_scope(settings.db_url) as session:
        assert [(t.name, t.source) for t in job_targets(session, JOB_ID)] == [("Avery Stone", "web")]


def test_erasing_a_person_removes_the_targets_that_are_them_and_keeps_the_rest(world):
    """A target row holds a name, a company and a contact: an erased person's are deleted with them."""
    settings, ids = world
    add_target(settings, JOB_ID, "Avery Stone", "Acme Corp", None)  # them: name and employer
    add_target(settings, JOB_ID, "A. Stone", "Wayne", "person1@example.com")  # them: their email
    add_target(settings, JOB_ID, "Chandra Rao", "Initech", None)  # another person, same-name check only
    add_target(settings, JOB_ID, "Erin Nobody", "Umbrella", "erin@umbrella.example")  # to source
    result = CliRunner().invoke(main, ["candidate", "erase", str(ids["chi"])])
    assert result.exit_code == 0, result.output
    with session_scope(settings.db_url) as session:
        assert [t.name for t in job_targets(session, JOB_ID)] == ["Chandra Rao", "Erin Nobody"]
    page = TestClient(create_app(settings, now=lambda: NOW), base_url="http://127.0.0.1:8765").get(f"/jobs/{JOB_ID}")
    assert "Avery Stone" not in page.text and "person1@example.com" not in page.text
