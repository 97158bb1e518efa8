"""What runs inside ``mkdocs build``: loading and validating the content and data files, and
rendering them into pages.

The MkDocs hooks in ``overrides/hooks/`` call into here, and ``scripts/docs.py check`` uses the
same loaders, so a rule (what a valid link entry is, which pages need a translation) is written
once. Checks of the built site live apart, in ``scripts/site_checks/``.
"""
