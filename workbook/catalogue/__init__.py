"""The user story catalogue: stories shared by every engagement, searched as you type.

``storage`` (tables), ``model`` (the story as plain values), ``service`` (add, read,
change, remove), ``transfer`` (promote, use, compare with engagements), ``search``,
``sentences`` (reading "As a … I want … so that …"), and the files: ``json_format``,
``csv_format`` and ``files`` (import and export by suffix).
"""
