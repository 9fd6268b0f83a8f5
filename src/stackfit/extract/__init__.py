"""Extract stage: taxonomy skills, evidence strength and signals, each tied to a character span."""

from stackfit.extract.evidence import collect_evidence
from stackfit.extract.signals import SignalMatcher, default_signal_matcher
from stackfit.extract.skills import SkillMatcher, default_matcher

__all__ = ["SkillMatcher", "default_matcher", "collect_evidence", "SignalMatcher", "default_signal_matcher"]
