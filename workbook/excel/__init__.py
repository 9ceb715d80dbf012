"""The Excel dataset workbook: exported for a client to review, read back when returned.

:mod:`.export` writes it, :mod:`.returned` reads a returned copy into incoming data items
for :mod:`workbook.services.dataset_merge`. :mod:`.layout` is what both agree on (sheet
names, the Dataset columns, the hidden keys), :mod:`.safety` keeps written text from being
taken for a formula and :mod:`.package` checks an incoming file before openpyxl opens it.
"""
