"""The recruiter's desk in a real browser: headless Chromium opens the board, a job, records "hung up" with a
note, sees it in the report and the candidate gone from the call list, and sees hostile resume text as text; adds a
client-named target, calls them from the pinned row and sees their status in the report; drafts a job from pasted
text and saves it; uploads a resume and, once ingested, sees the candidate arrive."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from hotlist.cli import main
from hotlist.settings import get_settings
from hotlist.web.app import create_app
from tests.browser import chromium, live_server, require_browser
from tests.desk_world import HOSTILE_LINE, HOSTILE_NAME, JOB_ID, NOW, build


@pytest.fixture
def site(tmp_path, monkeypatch):
    require_browser()
    monkeypatch.setenv("HOTLIST_HOME", str(tmp_path / "ws"))
    monkeypatch.setenv("HOTLIST_DATABASE_URL", f"sqlite:///{tmp_path / 'desk.db'}")
    get_settings.cache_clear()
    settings = get_settings()
    settings.ensure_workspace()
    ids = build(settings.db_url)
    with live_server(create_app(settings, now=lambda: NOW)) as url, chromium() as browser:
        yield browser, url, ids
    from hotlist.models.db import dispose_all

    dispose_all()
    get_settings.cache_clear()


def test_record_hung_up_and_see_it_in_the_report(site):
    from selenium.webdriver.common.by import By

    browser, url, ids = site
    browser.get(url + "/")
    board = browser.find_element(By.ID, "board")
    assert "Python Developer" in board.text
    board.find_element(By.LINK_TEXT, "Python Developer").click()
    assert browser.current_url == f"{url}/jobs/{JOB_ID}"
    row = browser.find_element(By.CSS_SELECTOR, f'tr[data-candidate="{ids["chi"]}"]')
    assert "callable now" in row.text
    row.find_element(By.NAME, "note").send_keys("hung up after ten seconds")
    row.find_element(By.CSS_SELECTOR, 'button[value="hung-up"]').click()
    assert browser.find_element(By.ID, "flash").text == "Recorded: hung-up."
    listed = [r.get_attribute("data-candidate") for r in browser.find_elements(By.CSS_SELECTOR, "#call-list tr.row")]
    assert str(ids["chi"]) not in listed  # gone from "to call" for the cooldown
    assert "hung up after ten seconds" in browser.find_element(By.ID, "calls").text
    browser.find_element(By.LINK_TEXT, "hiring-manager update").click()
    approached = browser.find_element(By.ID, "approached").text
    assert "Avery Stone" in approached and "hung-up" in approached and "hung up after ten seconds" in approached
    browser.get(url + "/")
    assert browser.find_element(By.CSS_SELECTOR, f'tr[data-job="{JOB_ID}"] td.called').text == "1"


def test_hostile_resume_text_renders_as_text(site):
    from selenium.webdriver.common.by import By

    browser, url, ids = site
    browser.get(f"{url}/candidates/{ids['syd']}")
    assert browser.find_element(By.ID, "name").text.startswith(HOSTILE_NAME)
    assert HOSTILE_LINE in browser.find_element(By.ID, "resume-text").text
    assert not browser.find_elements(By.CSS_SELECTOR, "main img, main script")
    assert browser.execute_script("return typeof window.alert") == "function"  # nothing ran, nothing replaced it
    browser.get(f"{url}/jobs/{JOB_ID}")
    assert HOSTILE_NAME in browser.find_element(By.ID, "call-list").text


def test_a_client_named_target_is_pinned_called_and_reported(site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    browser, url, ids = site
    browser.get(f"{url}/jobs/{JOB_ID}")
    assert "None yet" in browser.find_element(By.ID, "targets").text
    form = browser.find_element(By.ID, "add-target")
    form.find_element(By.NAME, "name").send_keys("Blake Moor")
    form.find_element(By.NAME, "company").send_keys("Globex")
    form.find_element(By.NAME, "contact").send_keys("+44 7911 123456")
    form.find_element(By.CSS_SELECTOR, "button").click()
    assert browser.find_element(By.ID, "flash").text == "Added Blake Moor to the client-named targets."
    form = browser.find_element(By.ID, "add-target")
    form.find_element(By.NAME, "name").send_keys("Erin Nobody")
    form.find_element(By.NAME, "company").send_keys("Umbrella")
    form.find_element(By.CSS_SELECTOR, "button").click()
    WebDriverWait(browser, 10).until(lambda b: "added=Erin" in b.current_url)
    pinned = browser.find_element(By.CSS_SELECTOR, f'#targets tr[data-candidate="{ids["lon"]}"]')
    assert "found, not yet called" in pinned.text and "contact" in pinned.text and "callable now" in pinned.text
    listed = [r.get_attribute("data-candidate") for r in browser.find_elements(By.CSS_SELECTOR, "#call-list tr.row")]
    assert str(ids["lon"]) not in listed  # pinned above, not twice
    pinned.find_element(By.NAME, "note").send_keys("not now, call in March")
    pinned.find_element(By.CSS_SELECTOR, 'button[value="no-answer"]').click()
    WebDriverWait(browser, 10).until(lambda b: "recorded=" in b.current_url)  # the page before had a flash too
    assert browser.find_element(By.ID, "flash").text == "Recorded: no-answer."
    browser.find_element(By.LINK_TEXT, "hiring-manager update").click()
    targets = browser.find_element(By.ID, "report-targets").text
    assert "Blake Moor Globex no answer (" in targets and "Erin Nobody Umbrella to source" in targets
    assert "not now, call in March" in browser.find_element(By.ID, "approached").text
    assert browser.find_element(By.ID, "pdf").get_attribute("href") == f"{url}/jobs/{JOB_ID}/report.pdf"


def test_a_new_job_from_a_pasted_description(site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    browser, url, _ = site
    browser.get(url + "/")
    browser.find_element(By.ID, "new-job").click()
    browser.find_element(By.NAME, "text").send_keys("Backend Engineer\nLocation: Austin, TX\n\nRequirements\n"
                                                    "- 3+ years with Python and PostgreSQL\n- Docker\n")
    browser.find_element(By.CSS_SELECTOR, "#paste button").click()
    draft = browser.find_element(By.ID, "draft")
    assert draft.find_element(By.NAME, "title").get_attribute("value") == "Backend Engineer"
    assert "Python" in draft.find_element(By.NAME, "must_have").get_attribute("value")
    client = draft.find_element(By.NAME, "client")
    client.clear()
    client.send_keys("Fabrikam")
    draft.find_element(By.CSS_SELECTOR, "button").click()
    WebDriverWait(browser, 60).until(lambda b: "/jobs/new" not in b.current_url)  # saving loads the taxonomy
    assert browser.current_url == f"{url}/jobs/backend-engineer?added=job"
    assert "Fabrikam" in browser.find_element(By.TAG_NAME, "main").text
    browser.get(url + "/")
    assert "Backend Engineer" in browser.find_element(By.ID, "board").text


def test_upload_a_pdf_and_see_the_candidate_arrive(site, tmp_path, request):
    from reportlab.pdfgen import canvas
    from selenium.webdriver.common.by import By

    browser, url, _ = site
    pdf = tmp_path / "new resume.pdf"
    sheet = canvas.Canvas(str(pdf))
    for n, line in enumerate(("Generated Person", "generated@example.com", "Skills: Python, SQL")):
        sheet.drawString(72, 760 - 16 * n, line)
    sheet.save()
    browser.get(url + "/")
    browser.find_element(By.CSS_SELECTOR, '#upload input[type="file"]').send_keys(str(pdf))
    browser.find_element(By.CSS_SELECTOR, "#upload button").click()
    assert "Received 1 file(s): new resume.pdf" in browser.find_element(By.ID, "upload-result").text
    assert "Waiting in the inbox: new resume.pdf" in browser.find_element(By.ID, "waiting").text
    assert (get_settings().inbox_dir / "new resume.pdf").read_bytes() == pdf.read_bytes()
    request.getfixturevalue("prefect_harness")
    result = CliRunner().invoke(main, ["ingest", str(get_settings().inbox_dir)])  # what `hotlist serve` runs
    assert result.exit_code == 0, result.output
    browser.get(url + "/")
    assert "Waiting in the inbox: nothing." in browser.find_element(By.ID, "waiting").text
    browser.find_element(By.ID, "arrivals").find_element(By.LINK_TEXT, "Generated Person").click()
    assert browser.find_element(By.ID, "name").text.startswith("Generated Person")
    assert "new resume.pdf" in browser.find_element(By.ID, "documents").text
