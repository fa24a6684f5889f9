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
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from hotlist.desk import CALL_OUTCOMES, board, call_sheet, candidate_page, job_report, record_call, save_uploads
from hotlist.errors import UnknownCandidate, UnknownJob, WebTokenRequired
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

    async def index(request: Request) -> Response:
        return page(request, "board.html", board=board(settings))

    async def job(request: Request) -> Response:
        sheet = call_sheet(settings, request.path_params["job_id"], clock())
        return page(request, "job.html", sheet=sheet, recorded=request.query_params.get("recorded"),
                    repeated=request.query_params.get("repeated"))

    async def report(request: Request) -> Response:
        return page(request, "report.html", report=job_report(settings, request.path_params["job_id"], clock()))

    async def candidate(request: Request) -> Response:
        return page(request, "candidate.html", c=candidate_page(settings, request.path_params["candidate_id"], clock()),
                    recorded=request.query_params.get("recorded"))

    async def post_call(request: Request) -> Response:
        data = await form(request)
        key = signer.check_csrf(request.cookies.get(CSRF_COOKIE, ""), data.get("csrf", ""))
        if key is None:
            return PlainTextResponse("The form expired or did not come from this page: reload it and try again.", 403)
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
        if signer.check_csrf(request.cookies.get(CSRF_COOKIE, ""), fields.get("csrf", "")) is None:
            return PlainTextResponse("The form expired or did not come from this page: reload it and try again.", 403)
        done = save_uploads(settings, files)
        return page(request, "board.html", board=board(settings), upload=done)

    async def login(request: Request) -> Response:
        if request.method == "POST":
            data = await form(request)
            if signer.check_csrf(request.cookies.get(CSRF_COOKIE, ""), data.get("csrf", "")) is None:
                return PlainTextResponse("The form expired or did not come from this page: reload it and try again.", 403)
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
        Route("/jobs/{job_id}", job),
        Route("/jobs/{job_id}/report", report),
        Route("/jobs/{job_id}/calls", post_call, methods=["POST"]),
        Route("/candidates/{candidate_id:int}", candidate),
        Route("/candidates/{candidate_id:int}/calls", post_call, methods=["POST"]),
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
