"""The recipients app's writes, one module per act: ``upload`` (the candidate list's upload: create, check,
confirm, resume or stop a lost confirm, cancel) and ``staging`` (the checked rows kept between check and
confirm, and the set-based COPY write). The row rules are in ``recipients.contract``, the life of a case
(its states and the one function that moves them) in ``recipients.lifecycle``, the reads in ``selectors``.
"""
