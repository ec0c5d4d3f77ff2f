"""Authoring adapters: help for the people who write records and run decisions still in progress.

``plan`` (the steps still due and their earliest lawful dates), ``new`` (a fresh record from the
rules), ``catalog_import`` (the annual 决策事项目录 from Excel/CSV), ``evidence`` and ``yamledit``
(``doc add``: evidence registered in a record edited in place). Each consumes the engine's results;
none re-decides which steps the law requires.
"""
