"""Who is calling: a signed session cookie (HttpOnly, SameSite=Lax, Secure over https) with a CSRF
token checked on every unsafe request, or an API token (``Authorization: Bearer sf_...``, no CSRF:
a script holds it, no browser sends it by itself). Roles: admin, recruiter, interviewer."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from stackfit.errors import StackfitError
from stackfit.web import accounts
from stackfit.web.accounts import User

COOKIE = "stackfit_session"
SESSION_MAX_AGE = 12 * 3600
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class AuthError(StackfitError):
    code = "unauthenticated"
    http_status = 401


class ForbiddenError(StackfitError):
    code = "forbidden"
    http_status = 403


class CsrfError(StackfitError):
    code = "csrf_failed"
    http_status = 403


@dataclass(frozen=True)
class Principal:
    user: User
    csrf: str  # "" for API tokens
    via_token: bool


class Sessions:
    def __init__(self, secret: str, secure: bool) -> None:
        self.signer = URLSafeTimedSerializer(secret, salt="stackfit-session")
        self.secure = secure

    def login(self, response: Response, user: User) -> str:
        csrf = secrets.token_urlsafe(24)
        response.set_cookie(COOKIE, self.signer.dumps({"uid": user.id, "csrf": csrf}), max_age=SESSION_MAX_AGE,
                            httponly=True, samesite="lax", secure=self.secure, path="/")
        return csrf

    def logout(self, response: Response) -> None:
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=self.secure)

    def read(self, request: Request) -> tuple[int, str] | None:
        raw = request.cookies.get(COOKIE)
        if not raw:
            return None
        try:
            data = self.signer.loads(raw, max_age=SESSION_MAX_AGE)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("uid"), int) or not isinstance(data.get("csrf"), str):
            return None
        return data["uid"], data["csrf"]


async def principal(request: Request) -> Principal | None:
    """The caller, or None. A bad or unknown API token is an error (a script should learn at once)."""
    app = request.app.state
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthError("the Authorization header is not a bearer token", hint="send Authorization: Bearer sf_...")
        user = accounts.user_for_token(app.server, token.strip())
        if user is None:
            raise AuthError("unknown or revoked API token", hint="create a token on the Tokens page or with POST /api/tokens")
        return Principal(user, "", True)
    sess = app.sessions.read(request)
    if sess is None:
        return None
    user = accounts.get_user(app.server, sess[0])
    if user is None:
        return None
    p = Principal(user, sess[1], False)
    if request.method in UNSAFE:
        sent = request.headers.get(CSRF_HEADER, "")
        if not sent and request.headers.get("content-type", "").startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            v = form.get(CSRF_FIELD)
            sent = v if isinstance(v, str) else ""
        if not sent or not hmac.compare_digest(sent, p.csrf):
            raise CsrfError("the form's CSRF token is missing or wrong", hint="reload the page and submit again")
    return p
