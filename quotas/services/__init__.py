"""The quotas app's writes, one module per act: ``ledger`` (programme year rules, budget documents, the
budget check, quota entries and spreads) and ``decision`` (decide, the best-ranked N, the reserve
list, withdraw and replace from the reserve)."""
