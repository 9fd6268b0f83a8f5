"""Typed dependencies of the routes: the caller, their workspace, and the role checks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request

from stackfit.store import Workspace
from stackfit.web import accounts
from stackfit.web.auth import AuthError, ForbiddenError, Principal, principal
from stackfit.web.hiring import Jobs, Place


@dataclass(frozen=True)
class Ctx:
    """One request's caller and the workspace it may use (the only one: the caller's own)."""

    p: Principal
    place: Place
    server: Workspace
    jobs: Jobs

    @property
    def user(self) -> accounts.User:
        return self.p.user

    def can_open(self, role_id: str, document_id: str) -> None:
        """Interviewers open only the candidates assigned to them."""
        if self.user.role == "interviewer" and not accounts.is_assigned(self.server, self.user, role_id, document_id):
            raise ForbiddenError("this candidate is not assigned to you", hint="ask a recruiter to assign the candidate to you")


async def _ctx(request: Request) -> Ctx:
    p = await principal(request)
    if p is None:
        raise AuthError("sign in first", hint="sign in at /login, or send Authorization: Bearer <API token>")
    st = request.app.state
    place = Place(p.user.workspace_id, p.user.workspace, accounts.workspace_folder(Path(st.db_path), p.user.workspace))
    return Ctx(p, place, st.server, st.jobs)


def allow(*roles: str) -> Callable[[Request], Awaitable[Ctx]]:
    """A dependency that lets only users with one of ``roles`` through."""

    async def dep(request: Request) -> Ctx:
        ctx = await _ctx(request)
        if ctx.user.role not in roles:
            raise ForbiddenError(f"your role ({ctx.user.role}) cannot do this", hint=f"needs the role: {' or '.join(roles)}")
        return ctx

    dep.__name__ = "allow_" + "_".join(roles)
    return dep


Anyone = Annotated[Ctx, Depends(allow("admin", "recruiter", "interviewer"))]
Staff = Annotated[Ctx, Depends(allow("admin", "recruiter"))]
Admin = Annotated[Ctx, Depends(allow("admin"))]
