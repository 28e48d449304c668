"""The workbench server: one FastAPI app serving the pages and the JSON API under ``/api``.

Security on a server meant for one analyst's machine:

- bound to 127.0.0.1 by default, and requests whose ``Host`` is not this machine are refused
  (a web page cannot reach the server through DNS rebinding);
- every state-changing request (POST, PUT, PATCH, DELETE) must carry the server's CSRF token —
  a random value made at start-up, put in every page, sent back as the ``X-CSRF-Token`` header
  (the pages' scripts) or a ``csrf_token`` form field — so another site open in the same browser
  cannot start jobs or save scenarios (browsers do send cross-site form posts to 127.0.0.1).
  The middleware checks the header; a form endpoint checks its field with :func:`form_token`
  (reading a form in the middleware would consume the body);
- request bodies over 10 MB (the scenario file limit) are refused before they are read;
- templates escape all user text (Jinja autoescape); downloads are chosen by run id and a fixed
  format name, never by a path;
- errors are a page (or JSON under ``/api``) with one clear message, never a stack trace.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from detente import __version__
from detente.errors import DetenteError
from detente.io import MAX_BYTES
from detente.store import Store
from detente.web.jobs import JobLimitError, JobManager, user_message

__all__ = ["create_app"]

HERE = Path(__file__).parent
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
CSRF_MESSAGE = "missing or wrong CSRF token; reload the page and retry"
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1", "testserver"]


def create_app(
    store: str | Path | None = None,
    *,
    max_jobs: int = 8,
    max_draws: int = 100_000,
    csrf_token: str | None = None,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    """The workbench app over ``store`` (see :mod:`detente.store.engine` for the default)."""
    from detente.web import api, pages

    db = Store(store)
    jobs = JobManager(max_jobs=max_jobs)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        yield
        jobs.shutdown()
        db.close()

    app = FastAPI(
        title="detente workbench",
        version=__version__,
        description="Scenarios, runs and comparisons of detente over HTTP (used by its pages).",
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = db
    app.state.jobs = jobs
    app.state.max_draws = max_draws
    app.state.csrf = csrf_token or secrets.token_urlsafe(32)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, auto_reload=False
    )
    app.state.templates = Jinja2Templates(env=env)
    app.state.templates.env.globals.update(version=__version__, csrf=app.state.csrf)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOCAL_HOSTS)
    app.middleware("http")(_guard)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    _errors(app)
    return app


async def _guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Refuse oversized bodies and state changes without the CSRF token."""
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BYTES):
        return _error(request, 413, f"request too large (limit {MAX_BYTES // 1_000_000} MB)")
    form = request.headers.get("content-type", "").startswith(FORM_TYPES)
    checked = request.method in SAFE_METHODS or form  # forms: checked by form_token
    if not checked and not token_ok(request, request.headers.get("x-csrf-token")):
        return _error(request, 403, CSRF_MESSAGE)
    return await call_next(request)


def token_ok(request: Request, token: object) -> bool:
    """True when ``token`` is this server's CSRF token."""
    expected: str = request.app.state.csrf
    return isinstance(token, str) and secrets.compare_digest(token, expected)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _error(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    """One clear message: JSON under /api, otherwise the error page (``headers`` kept)."""
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    context = {"status": status, "message": message}
    return templates.TemplateResponse(
        request, "error.html.j2", context, status_code=status, headers=headers
    )


def _errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:  # every method of the path, not just one route's
            headers["Allow"] = ", ".join(_allowed(request))
        return _error(request, exc.status_code, str(exc.detail), headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return _error(request, 422, f"{where}: {first.get('msg', 'invalid input')}")

    @app.exception_handler(JobLimitError)
    async def too_many(request: Request, exc: JobLimitError) -> Response:
        return _error(request, 429, str(exc))

    @app.exception_handler(DetenteError)
    async def user_error(request: Request, exc: DetenteError) -> Response:
        return _error(request, 400, user_message(exc))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        import traceback

        traceback.print_exception(exc)
        msg = f"internal error ({type(exc).__name__}); the server log has the details"
        return _error(request, 500, msg)


def _allowed(request: Request) -> list[str]:
    """The methods that some route of this app accepts at the request's path."""
    methods: set[str] = set()
    for route in request.app.routes:
        regex, route_methods = getattr(route, "path_regex", None), getattr(route, "methods", None)
        if regex is not None and route_methods and regex.match(request.url.path):
            methods |= set(route_methods)
    return sorted(methods)


async def form_token(request: Request) -> None:
    """Dependency of every form endpoint: its ``csrf_token`` field must be the server's token."""
    form = await request.form()
    if not token_ok(request, form.get("csrf_token")):
        raise StarletteHTTPException(403, CSRF_MESSAGE)


def page(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
    """Render template ``name`` with ``context``."""
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context)
