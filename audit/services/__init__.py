"""The audit app's writes, one module per act: ``access`` (who read or exported personal data, which every
stage records), ``retention`` (undecided candidates anonymised after ``RETENTION_YEARS``), ``files`` (how
long uploaded files stay on disk) and ``snapshots`` (registry snapshots kept and dropped). Backup and
restore are in ``audit.backup``.

``.importlinter`` places ``access`` low (every stage writes it) and the other three high (they reach into
every stage's tables), so this package imports none of them.
"""
