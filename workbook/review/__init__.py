"""Review checks: the Care Connect story guidance, coverage and completeness.

Each module registers its checks with :func:`workbook.checks.check` and is listed in
``workbook.checks.CHECK_MODULES``; :mod:`workbook.review.codes` lists every code they use,
with its severity and what it means. :mod:`workbook.review.dashboard` counts what the
overview's charts show.
"""
