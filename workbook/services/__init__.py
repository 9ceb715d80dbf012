"""The one way data changes: the GUI, the CLI and the tests all call these services.

- :mod:`.engagements`: create, edit the header, rename, duplicate, delete, find
- :mod:`.stages`: each step's text, status and attachments
- :mod:`.collections`: add, update, delete, reorder any collection's rows; link lists
- :mod:`.dataset`: the dataset tree (move, indent, outdent, deletion impact)
- :mod:`workbook.files.engagement_file`: import and export of engagement files
"""
