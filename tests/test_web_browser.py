"""The recruiter's desk in a real browser: headless Chromium opens the board, a job, records "hung up" with a
note, sees it in the report and the candidate gone from the call list, and sees hostile resume text as text."""

from __future__ import annotations

import pytest

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


def test_upload_a_pdf_puts_it_in_the_inbox(site, tmp_path):
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
    assert (get_settings().inbox_dir / "new resume.pdf").read_bytes() == pdf.read_bytes()
