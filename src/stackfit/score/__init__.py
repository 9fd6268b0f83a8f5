"""Score stage: CandidateProfile from a Document, Assessment of a candidate against a role."""

from stackfit.score.candidate import profile_document
from stackfit.score.match import assess

__all__ = ["profile_document", "assess"]
