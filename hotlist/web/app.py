"""``hotlist web``: the board, call lists, candidates and the hiring-manager update, server-rendered (Starlette +
Jinja2, no JavaScript build). Every page calls ``hotlist.desk``, the same data the CLI prints.

Safe by default: the CLI binds 127.0.0.1 (another host needs ``HOTLIST_WEB_TOKEN``: :func:`check_host`); with a
token set, every page asks for it once per browser; every form carries a CSRF token that is also its one-time
key (``security``); Jinja2 escapes everything (resume text included).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import parse_qs, quote

from jinja2 import Environment, FileSystemLoader
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from pydantic import ValidationError
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from hotlist.desk import (CALL_OUTCOMES, add_target, arrivals, board, call_sheet, candidate_page, job_report, record_call,
                          save_uploads)
from hotlist.errors import DocumentUnavailable, DuplicateTarget, JobExists, UnknownCandidate, UnknownJob, WebTokenRequired
from hotlist.pipeline.errors import InvalidJob, UnreadableDocument
from hotlist.pipeline.jobs.hot_job import Target
from hotlist.pipeline.calls.outcomes import OUTCOMES
from hotlist.settings import Settings
from hotlist.web.security import AUTH_COOKIE, CSRF_COOKIE, Signer, is_loopback, same_token

TEMPLATES = Path(__file__).parent / "templates"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")
_ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)
_ENV.globals["outcome_buttons"] = CALL_OUTCOMES


def render(name: str, **context) -> str:
    """One page (or the report, for ``hotlist report --format html``) as HTML, everything escaped."""
    return _ENV.get_template(name).render(**context)


def parse_multipart(content_type: str, body: bytes) -> tuple[dict[str, str], list[tuple[str, bytes]]]:
    """A ``multipart/form-data`` body as (text fields, [(file name, bytes)]), read with the standard library's MIME
    parser (no python-multipart dependency)."""
    if not content_type.startswith("multipart/form-data"):
        return {}, []
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    fields: dict[str, str] = {}
    files: list[tuple[str, bytes]] = []
    for part in message.iter_parts() if message.is_multipart() else ():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        payload = part.get_payload(decode=True) or b""
        if filename:
            files.append((filename, payload))
        elif name:
            fields[name] = payload.decode("utf-8", "replace")
    return fields, files


def job_fields(job) -> dict[str, str]:
    """A hot job (``pipeline.jobs.HotJob``) as the new-job form's text fields."""
    return {"id": job.id, "title": job.title, "client": job.client or "", "location": job.location or "",
            "remote": "on" if job.remote else "", "min_years": f"{job.min_years:g}", "urgency": str(job.urgency),
            "openings": str(job.openings), "must_have": "\n".join(job.must_have),
            "nice_to_have": "\n".join(job.nice_to_have), "description": job.description}


def form_job(data: dict[str, str]) -> dict:
    """The new-job form's fields as ``HotJob`` input: lists one per line, empty optional fields left out."""
    out: dict = {"remote": data.get("remote") == "on"}
    for name in ("id", "title", "client", "location", "min_years", "urgency", "openings", "description"):
        value = data.get(name, "").strip() if name != "description" else data.get(name, "")
        if value:
            out[name] = value
    for name in ("must_have", "nice_to_have"):
        out[name] = [line.strip() for line in data.get(name, "").splitlines() if line.strip()]
    return out


def check_host(settings: Settings, host: str) -> None:
    """Refuse a host other machines can reach unless a sign-in token is set."""
    if not is_loopback(host) and not settings.web_token:
        raise WebTokenRequired(f"hotlist web --host {host}: other machines could reach it; set HOTLIST_WEB_TOKEN "
                               "(a long random password) first, or bind 127.0.0.1")


def create_app(settings: Settings, now: Callable[[], datetime] | None = None) -> Starlette:
    """The web app over ``settings``' workspace (``now``: the clock, for tests; default the real one)."""
    signer = Signer()
    clock = now or (lambda: datetime.now(timezone.utc))

    def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        browser = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(16)
        html = render(name, csrf=lambda: signer.new_csrf(browser), request=request, **context)
        response = HTMLResponse(html, status_code=status)
        if request.cookies.get(CSRF_COOKIE) != browser:
            response.set_cookie(CSRF_COOKIE, browser, httponly=True, samesite="strict")
        return response

    async def form(request: Request) -> dict[str, str]:
        body = (await request.body()).decode("utf-8", "replace")
        return {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}

    expired = "The form expired or did not come from this page: reload it and try again."

    def forged(request: Request, data: dict[str, str]) -> str | None:
        """The form's one-time key, or None when its CSRF token was not issued to this browser."""
        return signer.check_csrf(request.cookies.get(CSRF_COOKIE, ""), data.get("csrf", ""))

    async def index(request: Request) -> Response:
        return page(request, "board.html", board=board(settings), arrivals=arrivals(settings))

    async def job(request: Request, status: int = 200, **context) -> Response:
        sheet = call_sheet(settings, request.path_params["job_id"], clock())
        return page(request, "job.html", status, sheet=sheet, recorded=request.query_params.get("recorded"),
                    repeated=request.query_params.get("repeated"), added=request.query_params.get("added"), **context)

    async def post_target(request: Request) -> Response:
        data = await form(request)
        if forged(request, data) is None:
            return PlainTextResponse(expired, 403)
        job_id = request.path_params["job_id"]
        try:
            target = Target(name=data.get("name", ""), company=data.get("company", ""), contact=data.get("contact") or None)
        except ValidationError:
            return await job(request, 400, target_error="A client-named target needs a name and a company.", target_form=data)
        try:
            add_target(settings, job_id, target.name, target.company, target.contact)
        except DuplicateTarget as exc:
            return await job(request, 409, target_error=f"{exc}.", target_form=data)
        return RedirectResponse(f"/jobs/{quote(job_id)}?added={quote(target.name)}", status_code=303)

    async def report(request: Request) -> Response:
        return page(request, "report.html", report=job_report(settings, request.path_params["job_id"], clock()))

    async def report_pdf(request: Request) -> Response:
        from hotlist.web.pdf import report_pdf as write

        found = job_report(settings, request.path_params["job_id"], clock())
        name = f"{found.job['id']}-update-{found.generated:%Y-%m-%d}.pdf"
        return Response(write(found), media_type="application/pdf",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    async def new_job(request: Request) -> Response:
        return page(request, "new_job.html", draft=None, text="", fields=None)

    async def draft_new_job(request: Request) -> Response:
        from hotlist.service import draft_job_from_text

        data = await form(request)
        if forged(request, data) is None:
            return PlainTextResponse(expired, 403)
        text = data.get("text", "")
        try:
            draft = draft_job_from_text(settings, text, data.get("id") or None)
        except UnreadableDocument as exc:
            return page(request, "new_job.html", 400, draft=None, text=text, fields=None, error=str(exc))
        return page(request, "new_job.html", draft=draft, text=text, fields=job_fields(draft.job))

    async def save_new_job(request: Request) -> Response:
        from hotlist.pipeline.jobs.hot_job import job_from_fields
        from hotlist.service import save_new_job as save

        data = await form(request)
        if forged(request, data) is None:
            return PlainTextResponse(expired, 403)
        try:
            spec = job_from_fields(form_job(data))
            save(settings, spec)
        except (InvalidJob, JobExists) as exc:
            status = 409 if isinstance(exc, JobExists) else 400
            return page(request, "new_job.html", status, draft=None, text="", fields=data, error=str(exc))
        return RedirectResponse(f"/jobs/{quote(spec.id)}?added=job", status_code=303)

    async def candidate(request: Request) -> Response:
        return page(request, "candidate.html", c=candidate_page(settings, request.path_params["candidate_id"], clock()),
                    recorded=request.query_params.get("recorded"))

    async def document(request: Request) -> Response:
        from hotlist.desk import resume_file

        try:
            data, media, filename = resume_file(settings, request.path_params["candidate_id"],
                                                request.path_params["document_id"])
        except DocumentUnavailable as exc:
            return PlainTextResponse(f"{exc}.", 404)
        # Shown inline by the browser's own viewer (a CSP sandbox would block the PDF viewer); the stated type is
        # the one the parser read it as, and the browser must not sniff it into something else.
        return Response(data, media_type=media, headers={
            "Content-Disposition": f"inline; filename*=UTF-8''{quote(filename)}", "X-Content-Type-Options": "nosniff"})

    async def post_call(request: Request) -> Response:
        data = await form(request)
        key = forged(request, data)
        if key is None:
            return PlainTextResponse(expired, 403)
        job_id = request.path_params.get("job_id") or data.get("job_id") or None
        try:
            candidate_id = int(data.get("candidate_id", ""))
            callback = date.fromisoformat(data["callback"]) if data.get("callback") else None
        except ValueError:
            return PlainTextResponse("candidate_id must be a number and callback a date (YYYY-MM-DD).", 400)
        result = data.get("outcome", "")
        if result not in OUTCOMES:
            return PlainTextResponse(f"Unknown outcome {result!r}: use one of {', '.join(OUTCOMES)}.", 400)
        if result != "interested":
            callback = None
        recorded = record_call(settings, key, candidate_id, job_id, result, data.get("note", "").strip(), callback)
        flag = "recorded" if recorded else "repeated"
        back = f"/jobs/{quote(job_id)}" if request.path_params.get("job_id") else f"/candidates/{candidate_id}"
        return RedirectResponse(f"{back}?{flag}={quote(result)}", status_code=303)

    async def upload(request: Request) -> Response:
        body = await request.body()
        if len(body) > settings.max_file_mb * 20e6:
            return PlainTextResponse(f"Too much at once: upload at most 20 files of {settings.max_file_mb:g} MB.", 413)
        fields, files = parse_multipart(request.headers.get("content-type", ""), body)
        if forged(request, fields) is None:
            return PlainTextResponse(expired, 403)
        done = save_uploads(settings, files)
        return page(request, "board.html", board=board(settings), arrivals=arrivals(settings), upload=done)

    async def login(request: Request) -> Response:
        if request.method == "POST":
            data = await form(request)
            if forged(request, data) is None:
                return PlainTextResponse(expired, 403)
            if settings.web_token and same_token(data.get("token"), settings.web_token):
                response = RedirectResponse("/", status_code=303)
                response.set_cookie(AUTH_COOKIE, signer.auth_cookie(), httponly=True, samesite="strict")
                return response
            return page(request, "login.html", status=403, failed=True)
        return page(request, "login.html", failed=False)

    async def not_found(request: Request, exc: Exception) -> Response:
        return page(request, "error.html", status=404, message=str(exc))

    class TokenGate(BaseHTTPMiddleware):
        """With ``HOTLIST_WEB_TOKEN`` set, every page but /login needs the sign-in cookie or a Bearer token."""

        async def dispatch(self, request: Request, call_next):
            if settings.web_token and request.url.path != "/login":
                bearer = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
                if not (signer.check_auth_cookie(request.cookies.get(AUTH_COOKIE))
                        or same_token(bearer, settings.web_token)):
                    return RedirectResponse("/login", status_code=303)
            return await call_next(request)

    routes = [
        Route("/", index),
        Route("/jobs/new", new_job),
        Route("/jobs/new/draft", draft_new_job, methods=["POST"]),
        Route("/jobs/new/save", save_new_job, methods=["POST"]),
        Route("/jobs/{job_id}", job),
        Route("/jobs/{job_id}/targets", post_target, methods=["POST"]),
        Route("/jobs/{job_id}/report", report),
        Route("/jobs/{job_id}/report.pdf", report_pdf),
        Route("/jobs/{job_id}/calls", post_call, methods=["POST"]),
        Route("/candidates/{candidate_id:int}", candidate),
        Route("/candidates/{candidate_id:int}/calls", post_call, methods=["POST"]),
        Route("/candidates/{candidate_id:int}/documents/{document_id:int}", document),
        Route("/upload", upload, methods=["POST"]),
        Route("/login", login, methods=["GET", "POST"]),
    ]
    # Without a token the app is local only: a Host header naming another site (DNS rebinding: a web page whose
    # name resolves to 127.0.0.1) is refused, so no other site can read these pages through the browser.
    local_only = [] if settings.web_token else [Middleware(TrustedHostMiddleware, allowed_hosts=list(LOCAL_HOSTS))]
    return Starlette(routes=routes, middleware=[*local_only, Middleware(TokenGate)],
                     exception_handlers={UnknownJob: not_found, UnknownCandidate: not_found})


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Run the app with uvicorn until Ctrl-C (refusing a reachable host without a token)."""
    import uvicorn

    check_host(settings, host)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
