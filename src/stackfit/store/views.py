"""Table of migration ``0007_candidate_views``: the scoring view of each stored candidate profile.

One row per row of ``candidates`` (same key): the compact part of the profile that the match score
reads, with the vector of its semantic text (``stackfit.score.view``). Re-ranking retrieved candidates
reads these instead of the full profiles. Written with the profile by screening; a view missing for an
older profile is computed from it and stored the first time re-ranking needs it.
"""

from __future__ import annotations

from sqlalchemy import Column, MetaData, String, Table, Text

views_metadata = MetaData()

views_t = Table(
    "candidate_views", views_metadata,
    Column("document_id", String, primary_key=True),
    Column("versions", String, primary_key=True),
    Column("as_of", String, primary_key=True),
    Column("data", Text, nullable=False),  # ScoringView.to_json()
)

TABLES = [views_t]
