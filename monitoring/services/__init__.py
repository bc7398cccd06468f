"""The monitoring app's writes, one module per act: ``visits`` (the baseline, pendamping and their
assignments, the visits of each round), ``graduation`` (the year's rule, computed nightly and on demand),
``prior`` (the earlier programmes' recipients followed with their own visits) and ``cohorts`` (the cohort
summary and each family's times, rewritten on each visit saved). The rounds' due/overdue/missed rule and the
nightly scheduling are in ``monitoring.schedule``, the reads in ``selectors``, the statistics in
``estimators``.
"""
