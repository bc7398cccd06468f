"""The verification app's writes, one module per act: ``snapshots`` (loading a DTKS extract),
``prior_recipients`` (earlier UEP/WRSE/KUBE recipients), ``batch`` (the desk verification) and
``field_visits``. None of them sends a task: views, commands and tasks do (``verification.tasks``)."""
