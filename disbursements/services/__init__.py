"""The disbursements app's writes, one module per act: ``catalogue`` (items, the year's prices, packages under
the value cap), ``assignment`` (the package per recipient), ``procurement`` (vendors, contracts, deliveries and
the vendor's replacements), ``stock`` (the stock ledger and the warehouse's return, damage and write-off),
``training`` (bimtek and its attendance), ``handover`` (handover days, invitations with numbered BASTs, each
recipient's outcome), ``checks`` (the delivery check), ``complaints`` (complaints raised at a visit) and
``four_eyes`` (the acts that wait for a second person). Reads stay in ``selectors``, ``reports`` and
``reservation`` (the stock an invitation holds back); the papers in ``printing``. Monitoring after the
handover is the ``monitoring`` app.
"""
