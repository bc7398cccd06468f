"""After the decision: the acts live one module each; this module names the two most called.

Bimtek: ``disbursements.training``; catalogue and cap: ``catalogue``; package per recipient:
``assignment``; vendors, contracts, deliveries: ``procurement``; stock ledger: ``stock``;
handover days, BAST and outcomes: ``handover``; delivery check: ``checks``; complaints: ``complaints``.
Monitoring after the handover is the ``monitoring`` app.
"""

from disbursements.handover import handover_record
from disbursements.training import training_invite, training_record

__all__ = ["handover_record", "training_invite", "training_record"]
