"""The recruiter's desk (``hotlist web``) through Starlette's TestClient on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import date

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from hotlist.cli import main
from hotlist.errors import WebTokenRequired
from hotlist.settings import get_settings
from hotlist.web.app import check_host, create_app
from tests.desk_world import HOSTILE_NAME, JOB_ID, NOW, build

LOCAL = "http://127.0.0.1:8765"


@pytest.fixture
def desk(workspace):
    settings = get_settings()
    ids = build(settings.db_url)
    return TestClient(create_app(settings, now=lambda: NOW), base_url=LOCAL, follow_redirects=False), ids


def _csrf(html: str, candidate_id: int | None = None) -> str:
    if candidate_id is not None:
        html = html[html.index(f'name="candidate_id" value="{candidate_id}"') - 400:]
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _post(client, path, candidate_id, outcome, note="", callback="", token=None):
    page = client.get(path).text
    data = {"csrf": token or _csrf(page, candidate_id), "candidate_id": str(candidate_id), "outcome": outcome,
            "note": note, "callback": callback}
    return client.post(f"{path}/calls", data=data), data


def _rows(html: str) -> list[int]:
    table = html[html.index('id="call-list"'):html.index('id="calls"')]
    return [int(i) for i in re.findall(r'data-candidate="(\d+)"', table)]


def test_board_lists_the_hot_job_with_counts(desk):
    client, _ = desk
    page = client.get("/")
    assert page.status_code == 200
    assert 'href="/jobs/py-dev"' in page.text and "Northwind" in page.text
    assert re.search(r'class="to-call">5<', page.text) and re.search(r'class="called">0<', page.text)


def test_call_list_puts_people_inside_calling_hours_first_and_shows_both_clocks(desk):
    client, ids = desk
    html = client.get(f"/jobs/{JOB_ID}").text
    order = _rows(html)
    assert set(order[:2]) == {ids["chi"], ids["lon"]}  # 09:30 Chicago, 14:30 London: callable now
    assert set(order[2:]) == {ids["blr"], ids["sea"], ids["syd"]}
    row = lambda cid: html[html.index(f'data-candidate="{cid}"'):].split("</tr>")[0]  # noqa: E731
    assert "callable now" in row(ids["chi"]) and "09:30" in row(ids["chi"]) and "America/Chicago" in row(ids["chi"])
    seattle = row(ids["sea"])
    assert "07:30" in seattle and "America/Los_Angeles" in seattle and "phone: Tue 10:30 America/New_York" in seattle
    assert "wins over the phone" in seattle and "not now" in seattle
    assert "not now" in row(ids["blr"]) and "20:00" in row(ids["blr"])
    assert "Kubernetes" in row(ids["chi"])  # the missing must-have
    assert "2026-01-15" in row(ids["chi"])  # the resume date


def test_hung_up_is_recorded_once_shown_in_the_report_and_leaves_the_call_list(desk):
    client, ids = desk
    first, data = _post(client, f"/jobs/{JOB_ID}", ids["chi"], "hung-up", note="hung up, try email")
    assert first.status_code == 303 and first.headers["location"] == f"/jobs/{JOB_ID}?recorded=hung-up"
    again = client.post(f"/jobs/{JOB_ID}/calls", data=data)  # the double click
    assert again.status_code == 303 and "repeated=" in again.headers["location"]
    html = client.get(f"/jobs/{JOB_ID}").text
    assert ids["chi"] not in _rows(html)  # in the cooldown now
    report = client.get(f"/jobs/{JOB_ID}/report").text
    assert report.count('class="outcome">hung-up<') == 1 and "hung up, try email" in report
    assert re.search(r'class="called">1<', client.get("/").text)
    result = CliRunner().invoke(main, ["report", JOB_ID, "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "| Avery Stone |" in result.output and "| hung-up | hung up, try email |" in result.output
    html_report = CliRunner().invoke(main, ["report", JOB_ID, "--format", "html"]).output
    assert 'class="note">hung up, try email' in html_report


def test_interested_with_a_callback_is_the_next_step(desk):
    client, ids = desk
    response, _ = _post(client, f"/jobs/{JOB_ID}", ids["lon"], "interested", note="wants remote", callback="2026-03-12")
    assert response.status_code == 303
    report = client.get(f"/jobs/{JOB_ID}/report").text
    assert "Blake Moor: call back 2026-03-12" in report
    assert re.search(r'class="interested">1<', client.get("/").text)
    md = CliRunner().invoke(main, ["report", JOB_ID]).output
    assert "## Interested (1)" in md and "- Blake Moor: call back 2026-03-12" in md


def test_do_not_call_from_the_candidate_page_suppresses_them(desk):
    client, ids = desk
    response, _ = _post(client, f"/candidates/{ids['blr']}", ids["blr"], "do-not-call", note="asked never again")
    assert response.status_code == 303 and response.headers["location"].startswith(f"/candidates/{ids['blr']}")
    page = client.get(f"/candidates/{ids['blr']}").text
    assert "Do not call" in page and "asked never again" in page
    assert ids["blr"] not in _rows(client.get(f"/jobs/{JOB_ID}").text)


@pytest.mark.parametrize("bad", ["", "forged.0000", None])
def test_posts_need_a_csrf_token_issued_to_this_browser(desk, bad):
    client, ids = desk
    token = bad if bad is not None else _csrf(client.get(f"/jobs/{JOB_ID}").text)
    if bad is None:
        client.cookies.clear()  # a token from another browser
        client.get("/")
    response = client.post(f"/jobs/{JOB_ID}/calls", data={"csrf": token, "candidate_id": str(ids["chi"]),
                                                         "outcome": "hung-up"})
    assert response.status_code == 403
    assert "hung-up" not in client.get(f"/jobs/{JOB_ID}/report").text


def test_bad_outcome_and_unknown_pages(desk):
    client, ids = desk
    response, _ = _post(client, f"/jobs/{JOB_ID}", ids["chi"], "maybe")
    assert response.status_code == 400
    assert client.get("/jobs/no-such-job").status_code == 404
    assert client.get("/candidates/999").status_code == 404


def test_hostile_resume_text_is_shown_as_text(desk):
    client, ids = desk
    for path in (f"/candidates/{ids['syd']}", f"/jobs/{JOB_ID}"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>x</b>" not in html
    page = client.get(f"/candidates/{ids['syd']}").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Quinn" in page
    assert "&lt;img src=x onerror=alert(1)&gt; Summary" in page
    assert HOSTILE_NAME not in page


def test_another_host_needs_a_token(workspace, monkeypatch):
    settings = get_settings()
    check_host(settings, "127.0.0.1")
    check_host(settings, "localhost")
    with pytest.raises(WebTokenRequired):
        check_host(settings, "0.0.0.0")
    result = CliRunner().invoke(main, ["web", "--host", "0.0.0.0", "--port", "1"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: hotlist web --host 0.0.0.0: other machines could reach it; set HOTLIST_WEB_TOKEN")


def test_with_a_token_every_page_asks_for_it(workspace, monkeypatch):
    monkeypatch.setenv("HOTLIST_WEB_TOKEN", "s3cret-token-value")
    get_settings.cache_clear()
    settings = get_settings()
    check_host(settings, "0.0.0.0")
    client = TestClient(create_app(settings, now=lambda: NOW), follow_redirects=False)
    assert client.get("/").headers["location"] == "/login"
    assert client.get("/", headers={"Authorization": "Bearer s3cret-token-value"}).status_code == 200
    login = client.get("/login").text
    assert client.post("/login", data={"csrf": _csrf(login), "token": "wrong"}).status_code == 403
    signed = client.post("/login", data={"csrf": _csrf(client.get("/login").text), "token": "s3cret-token-value"})
    assert signed.status_code == 303
    assert client.get("/").status_code == 200


def test_uploaded_resumes_go_to_the_inbox(desk, tmp_path):
    client, _ = desk
    inbox = get_settings().inbox_dir
    token = _csrf(client.get("/").text)
    files = [("resumes", ("../../evil name?.txt", b"Plain resume text\nPython\n", "text/plain")),
             ("resumes", ("run.sh", b"echo hi", "text/x-sh"))]
    page = client.post("/upload", data={"csrf": token}, files=files)
    assert page.status_code == 200
    assert "Received 1 file(s): evil name_.txt" in page.text and "Not saved: run.sh: not a resume file type" in page.text
    assert (inbox / "evil name_.txt").read_bytes() == b"Plain resume text\nPython\n"
    again = client.post("/upload", data={"csrf": token}, files=files[:1])  # the double click
    assert "already in the inbox" in again.text and len([p for p in inbox.iterdir() if p.suffix == ".txt"]) == 1
    assert client.post("/upload", data={"csrf": "forged.00"}, files=files[:1]).status_code == 403


def test_without_a_token_only_local_host_names_are_served(desk):
    client, _ = desk
    assert client.get("/").status_code == 200
    assert client.get("http://localhost:8765/").status_code == 200
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400  # DNS rebinding


def _pdf_text(data: bytes) -> str:
    from io import BytesIO

    from pdfminer.high_level import extract_text

    return " ".join(extract_text(BytesIO(data)).split())


def test_the_report_is_a_real_pdf_on_the_page_and_from_the_cli(desk, tmp_path):
    from hotlist.desk import add_target

    client, ids = desk
    _post(client, f"/jobs/{JOB_ID}", ids["chi"], "hung-up", note="hung up, try email")
    _post(client, f"/jobs/{JOB_ID}", ids["lon"], "interested", note="wants remote", callback="2026-03-12")
    add_target(get_settings(), JOB_ID, "Erin Nobody", "Umbrella", None)
    response = client.get(f"/jobs/{JOB_ID}/report.pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith(f'attachment; filename="{JOB_ID}-update-')
    assert response.content.startswith(b"%PDF-")
    text = _pdf_text(response.content)
    for expected in ("Python Developer: update for the hiring manager", "Interested (1)",
                     "Blake Moor: call back 2026-03-12", "Avery Stone", "hung-up", "hung up, try email",
                     "wants remote (call back 2026-03-12)", "Named by the client (1)", "Erin Nobody", "Umbrella",
                     "to source"):
        assert expected in text, (expected, text)
    out = tmp_path / "update.pdf"
    result = CliRunner().invoke(main, ["report", JOB_ID, "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 0 and result.output == f"Wrote the hiring-manager update for {JOB_ID} to {out}\n"
    assert "hung up, try email" in _pdf_text(out.read_bytes())
    default = CliRunner().invoke(main, ["report", JOB_ID, "--format", "pdf"])
    written = get_settings().exports_path / f"{JOB_ID}-update-{date.today():%Y-%m-%d}.pdf"
    assert default.output.endswith(f"to {written}\n") and written.read_bytes().startswith(b"%PDF-")


def test_hostile_names_stay_text_in_the_pdf(desk):
    client, ids = desk
    _post(client, f"/jobs/{JOB_ID}", ids["syd"], "no-answer", note="<b>not bold</b> & <script>x</script>")
    text = _pdf_text(client.get(f"/jobs/{JOB_ID}/report.pdf").content)
    squeezed = text.replace(" ", "")  # a narrow cell wraps the name
    assert HOSTILE_NAME.replace(" ", "") in squeezed and "<b>not bold</b> & <script>x</script>" in text


def test_the_board_shows_what_arrived_and_what_waits(desk):
    client, _ = desk
    page = client.get("/").text
    arrived = page[page.index('id="arrivals"'):]
    assert "r1.pdf" in arrived and "Avery Stone" in arrived and 'href="/candidates/' in arrived
    assert "Waiting in the inbox: nothing." in page
    token = _csrf(page)
    done = client.post("/upload", data={"csrf": token}, files=[("resumes", ("cv.txt", b"Jo Bloggs\nPython\n", "text/plain"))])
    assert "Waiting in the inbox: cv.txt (ingested by" in done.text


DESCRIPTION = """Senior Data Engineer
Client: Contoso Analytics
Location: Denver, CO

Requirements
- 5+ years of experience building data pipelines
- Strong Python and SQL
- Experience with Apache Spark

Nice to have
- Kafka
"""


def test_a_pasted_description_is_drafted_edited_and_saved(desk):
    client, _ = desk
    form = client.get("/jobs/new").text
    assert 'action="/jobs/new/draft"' in form
    drafted = client.post("/jobs/new/draft", data={"csrf": _csrf(form), "text": DESCRIPTION, "id": ""})
    assert drafted.status_code == 200, drafted.text
    fields = dict(re.findall(r'<input type="text" name="(\w+)" value="([^"]*)"', drafted.text))
    assert fields["id"] == "senior-data-engineer" and fields["title"] == "Senior Data Engineer"
    assert fields["min_years"] == "5" and "Denver" in fields["location"]
    must = re.search(r'name="must_have"[^>]*>([^<]*)<', drafted.text).group(1).splitlines()
    assert {"Python", "SQL"} <= set(must), must
    edited = {**fields, "csrf": _csrf(drafted.text), "title": "Senior Data Engineer (Spark)", "urgency": "5",
              "must_have": "\n".join(must), "nice_to_have": "Kafka", "description": DESCRIPTION}
    saved = client.post("/jobs/new/save", data=edited)
    assert saved.status_code == 303 and saved.headers["location"] == "/jobs/senior-data-engineer?added=job"
    page = client.get("/jobs/senior-data-engineer?added=job").text
    assert "Senior Data Engineer (Spark)" in page and "Saved the new hot job" in page
    yaml_file = get_settings().jobs_path / "senior-data-engineer.yaml"
    from hotlist.pipeline.jobs.hot_job import load_jobs

    (job,) = load_jobs(yaml_file)  # the nightly run imports the same job from its jobs folder
    assert job.title == "Senior Data Engineer (Spark)" and job.urgency == 5 and job.nice_to_have == ["Kafka"]
    again = client.post("/jobs/new/save", data={**edited, "csrf": _csrf(page)})
    assert again.status_code == 409 and "a hot job with id &#39;senior-data-engineer&#39; already exists" in again.text
    bad = client.post("/jobs/new/save", data={**edited, "csrf": _csrf(page), "id": "Not A Slug", "urgency": "9"})
    assert bad.status_code == 400 and "id: must be a slug" in bad.text and "urgency: Input should be less than or equal to 5" in bad.text
    empty = client.post("/jobs/new/draft", data={"csrf": _csrf(form), "text": "  "})
    assert empty.status_code == 400 and "the pasted description is empty" in empty.text
    assert client.post("/jobs/new/draft", data={"csrf": "forged.0", "text": DESCRIPTION}).status_code == 403


def test_the_candidate_page_shows_the_resume_pdf_itself(workspace, tmp_path):
    """The PDF that was read is shown inline (also after ingest moved it to processed/); a changed or deleted file
    is never shown in its place, and a document id of another candidate is not served."""
    from tests.test_people import make_resume

    settings = get_settings()
    inbox = settings.inbox_dir
    inbox.mkdir(parents=True, exist_ok=True)
    resume = make_resume(inbox / "morgan.pdf", "Morgan Okafor", "morgan.okafor@example.net", "(512) 555-0142")
    other = make_resume(tmp_path / "lee.pdf", "Lee Sandoval", "lee.s@example.net", "(512) 555-0177")
    original = resume.read_bytes()
    result = CliRunner().invoke(main, ["ingest", str(resume), str(other)])
    assert result.exit_code == 0, result.output
    people = {c["name"]: c["id"] for c in map(__import__("json").loads,
                                               CliRunner().invoke(main, ["candidates", "--json"]).output.splitlines())}
    client = TestClient(create_app(settings, now=lambda: NOW), base_url=LOCAL, follow_redirects=False)
    page = client.get(f"/candidates/{people['Morgan Okafor']}").text
    src = re.search(r'<iframe id="resume-file" src="(/candidates/\d+/documents/(\d+))"', page)
    assert src, "the page frames the resume file"
    shown = client.get(src.group(1))
    assert shown.status_code == 200 and shown.content == original
    assert shown.headers["content-type"] == "application/pdf" and shown.headers["x-content-type-options"] == "nosniff"
    assert shown.headers["content-disposition"].startswith("inline;")

    (inbox / "processed").mkdir(exist_ok=True)
    resume.rename(inbox / "processed" / "morgan.pdf")  # where ingest puts what it read
    assert client.get(src.group(1)).content == original
    (inbox / "processed" / "morgan.pdf").write_bytes(original + b"\n% edited since")  # changed since it was read
    gone = client.get(src.group(1))
    assert gone.status_code == 404 and "no longer in the workspace" in gone.text
    lee = client.get(f"/candidates/{people['Lee Sandoval']}/documents/{src.group(2)}")  # not Lee's document
    assert lee.status_code == 404
