"""The web app and REST API: ``create_app(settings)``.

One error shape for every JSON error (``{"error": {"code", "message", "hint", "field"}}``): the
``StackfitError`` hierarchy, request validation and HTTP errors are all translated here, the API's
only handler. Pages get a readable HTML error page (or a redirect to the login page).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from stackfit.errors import StackfitError
from stackfit.store import Workspace
from stackfit.web import accounts
from stackfit.web.auth import AuthError, Sessions
from stackfit.web.hiring import Jobs
from stackfit.web.schemas import ErrorBody

HERE = Path(__file__).parent
_HTTP_CODES = {401: "unauthenticated", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}


@dataclass(frozen=True)
class WebSettings:
    db: Path  # the server database (accounts); workspaces live in workspaces/<slug>/ beside it
    secure_cookies: bool = False  # set when served over https (Secure cookies)


def error_body(code: str, message: str, hint: str = "", field: str | None = None) -> dict[str, Any]:
    return ErrorBody.model_validate({"error": {"code": code, "message": message, "hint": hint, "field": field}}).model_dump()


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def _error(request: Request, status: int, body: dict[str, Any]) -> Response:
    if _wants_html(request):
        if status == 401:
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        from stackfit.web.pages import render_error

        return render_error(request, status, body["error"])
    return JSONResponse(body, status_code=status)


def create_app(settings: WebSettings) -> FastAPI:
    from stackfit.web.api import router as api_router
    from stackfit.web.pages import router as pages_router

    app = FastAPI(title="stackfit", version="0.1.0", description="Stack-aware screening of AI engineers: roles, ranked candidates, "
                  "interview kits, scorecards and the team plan. Authenticate with a session cookie (web) or `Authorization: Bearer`.",
                  responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 404: {"model": ErrorBody}, 422: {"model": ErrorBody}})
    server = Workspace(settings.db)
    app.state.server = server
    app.state.db_path = str(settings.db)
    app.state.jobs = Jobs()
    app.state.sessions = Sessions(accounts.secret_key(server), settings.secure_cookies)

    @app.exception_handler(StackfitError)
    async def stackfit_error(request: Request, exc: StackfitError) -> Response:
        return _error(request, exc.http_status, error_body(exc.code, exc.message, exc.hint))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errs = exc.errors()
        first = errs[0] if errs else {}
        loc = [str(x) for x in first.get("loc", ()) if x not in ("body", "query", "path")]
        msg = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ()) if x != 'body') or 'body'}: {e.get('msg', '')}" for e in errs[:5])
        return _error(request, 422, error_body("invalid_request", msg or "the request is not valid", "fix the fields named", ".".join(loc) or None))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        return _error(request, exc.status_code, error_body(code, str(exc.detail), "see /docs for the routes"))

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        resp: Response = await call_next(request)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        return resp

    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> HTMLResponse:
        return HTMLResponse("ok")

    _ = AuthError  # re-exported for callers that catch it
    return app
