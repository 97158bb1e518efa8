"""Checks of the built site: the audit (privacy, SEO, weight budgets, accessibility and keyboard
flows in a real browser, build-time benchmark). Nothing here runs during ``mkdocs build``."""
