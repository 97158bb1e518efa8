"""Who publishes the site and how readers reach them, from the configuration.

``mkdocs.yml`` reads ``CONTACT_EMAIL`` and ``PUBLISHER`` into ``extra`` and ``REPO_URL`` into
``repo_url`` (all optional for a local build; the deploy workflow requires the first two).
The hook overrides/hooks/site_settings.py hands the configuration over; the directives
below render it into the about and accessibility pages:

- ``{{ publisher() }}``  who publishes the site, and that it is based on, not published by,
  the KIS guide (unless the publisher is KIS)
- ``{{ feedback() }}``   how to report a mistake: the contact address (no account needed),
  and the repository when there is one
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

from . import ui
from .directives import DirectiveError
from .errors import ContentError

EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
# The guide's publisher: a site published by KIS itself says so instead of "not published by".
GUIDE_PUBLISHER = re.compile(r"\bKIS\b|Kennisplatform Integratie", re.I)
UI_TEXT = "publisher"  # docs/data/ui/publisher.yml


@dataclass(frozen=True)
class Settings:
    contact_email: str
    publisher: str
    repo_url: str


_configured: Settings | None = None


def _clean(contact_email, publisher, repo_url) -> Settings:
    email = (contact_email or "").strip()
    if email.startswith("mailto:"):
        email = email[len("mailto:"):]
    if email and not EMAIL.match(email):
        raise ContentError("mkdocs.yml", None, f"CONTACT_EMAIL '{email}' is not an e-mail address",
                           "set it to the address readers write to, e.g. CONTACT_EMAIL=redactie@example.org")
    return Settings(email, (publisher or "").strip(), (repo_url or "").strip().rstrip("/"))


def configure(config) -> Settings:
    """Take the settings from the MkDocs configuration (called by the hook in on_config)."""
    global _configured
    extra = config.get("extra") or {}
    _configured = _clean(extra.get("contact_email"), extra.get("publisher"), config.get("repo_url"))
    return _configured


def current() -> Settings:
    """The configured settings; outside a build (tests, audits) the same environment variables."""
    if _configured is not None:
        return _configured
    return _clean(os.environ.get("CONTACT_EMAIL"), os.environ.get("PUBLISHER"), os.environ.get("REPO_URL"))


def publisher_text(lang: str, settings: Settings | None = None) -> str:
    settings = settings or current()
    text = ui.texts(UI_TEXT, lang)
    if not settings.publisher:
        return text["no_publisher"]
    key = "publisher_kis" if GUIDE_PUBLISHER.search(settings.publisher) else "publisher"
    return text(key, publisher=settings.publisher.replace("*", r"\*"))


def feedback_text(lang: str, settings: Settings | None = None) -> str:
    settings = settings or current()
    text = ui.texts(UI_TEXT, lang)
    parts = [text("contact", email=settings.contact_email) if settings.contact_email else text["no_contact"]]
    if settings.repo_url:
        parts.append(text("repo", repo=settings.repo_url))
    return " ".join(parts)


def _no_argument(name: str, arg: str | None) -> None:
    if arg:
        raise DirectiveError(f"{name}() takes no argument", f"write {{{{ {name}() }}}}")


def render_publisher(arg: str | None, lang: str) -> str:
    _no_argument("publisher", arg)
    return publisher_text(lang)


def render_feedback(arg: str | None, lang: str) -> str:
    _no_argument("feedback", arg)
    return feedback_text(lang)
