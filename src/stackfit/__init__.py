"""stackfit: stack-aware screening of AI engineers.

The pipeline, one package per stage, in the order data flows::

    parse/  -> Document          (text, sections, dated entries)
    extract/ -> Evidence, Signal (taxonomy skills and Step-4 signals tied to character spans)
    score/  -> CandidateProfile, Assessment
    rank    -> Ranking
    report/ -> HTML, JSON, CSV

``stackfit.services`` is the one layer the CLI (and later the REST API) call.
"""

__version__ = "0.1.0"
