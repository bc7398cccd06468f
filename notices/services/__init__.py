"""The notices app's writes, one module per act: ``outbox`` (writing notices in the transaction of the event
that causes them, opt-out by reply, restrictions) and ``sending`` (each notice sent exactly once by the
sweep). The texts are in ``notices.texts``, quiet hours in ``notices.quiet``, the providers in
``notices.providers``, the reads in ``selectors``.
"""
