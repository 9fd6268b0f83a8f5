"""Users, API tokens and the caller."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from stackfit.web import accounts
from stackfit.web.deps import Admin, Anyone
from stackfit.web.schemas import MAX_ID, Me, TokenIn, TokenInfo, TokenOut, UserIn

router = APIRouter(tags=["accounts"])


def _me(u: accounts.User) -> Me:
    return Me(id=u.id, email=u.email, role=u.role, workspace=u.workspace)


@router.get("/me", response_model=Me, summary="The signed-in user")
def me(ctx: Anyone) -> Me:
    return _me(ctx.user)


@router.get("/users", response_model=list[Me], summary="Users of your workspace (admin)")
def users(ctx: Admin) -> list[Me]:
    return [_me(u) for u in accounts.list_users(ctx.server, ctx.user.workspace_id)]


@router.post("/users", response_model=Me, status_code=201, summary="Add a user to your workspace (admin)")
def add_user(body: UserIn, ctx: Admin) -> Me:
    return _me(accounts.add_user(ctx.server, body.email, body.password, body.role, ctx.user.workspace))


@router.get("/tokens", response_model=list[TokenInfo], summary="Your API tokens")
def tokens(ctx: Anyone) -> list[TokenInfo]:
    return [TokenInfo.model_validate(t) for t in accounts.list_tokens(ctx.server, ctx.user)]


@router.post("/tokens", response_model=TokenOut, status_code=201, summary="Create an API token (shown once)")
def create_token(body: TokenIn, ctx: Anyone) -> TokenOut:
    tid, token = accounts.create_token(ctx.server, ctx.user, body.name)
    return TokenOut(id=tid, name=body.name.strip(), token=token)


@router.delete("/tokens/{token_id}", status_code=204, summary="Revoke one of your API tokens")
def revoke_token(token_id: Annotated[int, Path(ge=1, le=MAX_ID)], ctx: Anyone) -> None:
    accounts.revoke_token(ctx.server, ctx.user, token_id)
