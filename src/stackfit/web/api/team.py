"""The team plan (the guide's Step 8): save the workspace's TEAM.yaml, read and download the plan."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import Response

from stackfit.team.plan import TeamPlan
from stackfit.team.render import plan_html, plan_json, plan_markdown
from stackfit.web import hiring
from stackfit.web.deps import Staff
from stackfit.web.schemas import TeamIn

router = APIRouter(tags=["team"])
MEDIA = {"html": "text/html; charset=utf-8", "json": "application/json", "md": "text/markdown; charset=utf-8"}


@router.post("/team", response_model=TeamPlan, summary="Save the team (TEAM.yaml text) and plan its next hires")
def save_team(body: TeamIn, ctx: Staff) -> TeamPlan:
    return hiring.save_team(ctx.place, body.yaml)


@router.get("/team", response_model=TeamPlan, summary="The team plan: coverage, gaps, ordered hires, warnings")
def team(ctx: Staff) -> TeamPlan:
    return hiring.team_plan(ctx.place)


@router.get("/team/plan.{fmt}", summary="Download the team plan (html, json or md)",
            responses={200: {"content": {"text/html": {}, "application/json": {}, "text/markdown": {}}}})
def team_download(fmt: Literal["html", "json", "md"], ctx: Staff) -> Response:
    plan = hiring.team_plan(ctx.place)
    body = {"html": plan_html, "json": plan_json, "md": plan_markdown}[fmt](plan)
    return Response(body, media_type=MEDIA[fmt], headers={"Content-Disposition": f'attachment; filename="team_plan.{fmt}"'})
