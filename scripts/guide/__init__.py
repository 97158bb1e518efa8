"""Shared logic of the site: loading and validating the content and data files.

The MkDocs hooks in ``overrides/hooks/`` and the command-line tools in
``scripts/`` both import from here, so a rule (what a valid link entry is, which
pages need a translation) is written once.
"""
