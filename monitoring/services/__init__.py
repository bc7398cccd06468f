"""The monitoring app's writes, one module per act: ``rounds`` (the nightly jobs: every handover's due
visits, the families told a visit is coming), ``visits`` (the baseline, pendamping and their assignments,
the visits of each round), ``graduation`` (the year's rule, computed nightly and on demand), ``prior`` (the
earlier programmes' recipients followed with their own visits) and ``cohorts`` (the cohort summary and each
family's times, rewritten on each visit saved). The rounds' due/overdue/missed rule is in
``monitoring.schedule``, the reads in ``selectors``, the statistics in ``estimators``.
"""
