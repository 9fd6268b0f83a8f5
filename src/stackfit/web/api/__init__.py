"""The REST API under ``/api``: one router per area, each calling the services."""

from fastapi import APIRouter

from stackfit.web.api import accounts, hiring, team

router = APIRouter(prefix="/api")
for r in (accounts.router, hiring.router, team.router):
    router.include_router(r)
