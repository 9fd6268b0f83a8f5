"""Team stage: the hiring plan over a roadmap (Step 8) and remote collaboration hours (Step 7)."""

from stackfit.team.plan import TeamPlan, make_plan, plan_team_file
from stackfit.team.schema import TeamFile, load_team_policy

__all__ = ["TeamPlan", "TeamFile", "make_plan", "plan_team_file", "load_team_policy"]
