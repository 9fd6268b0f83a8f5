"""Trust stage: the audit log, the bias audit (impact ratios), candidate stages, erasure and notices.

    log.py      append-only, hash-chained audit log: ``record`` / ``record_many`` / ``verify``
    impact.py   selection and scoring rates and impact ratios per sex, race/ethnicity and intersection
    render.py   the bias audit as CSV and HTML
    people.py   demographics import, stages (a person's action with a reason), erasure and retention
    oversight.py  the per-candidate explanation and the candidate notice
"""
