"""The grievances app's writes, one module per act: ``calendar`` (the days per category and the holiday
table, as provincial staff set them on their page or in the admin), ``intake`` (receive, acknowledge, close
a complaint; any stage may call it), ``escalation`` (the beat job's step up the region tree), ``notices``
(what the complainant is told, written in the act's transaction) and ``handling`` (the complaints' pages:
who may submit or move one). The clock is in ``grievances.clock``, the deadlines and holidays read in
``grievances.deadlines``, the reads in ``selectors``, ``queues`` and ``reports``.

``.importlinter`` places ``calendar``, ``intake``, ``escalation`` and ``notices`` low (the complaints' core)
and ``handling`` high (the pages), so this package imports none of them.
"""
