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

from .directives import DirectiveError
from .errors import ContentError

EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
# The guide's publisher: a site published by KIS itself says so instead of "not published by".
GUIDE_PUBLISHER = re.compile(r"\bKIS\b|Kennisplatform Integratie", re.I)
TEXT = {
    "nl": {
        "publisher": "Deze website wordt uitgegeven door **{publisher}**. Zij is gebaseerd op de handreiking van "
                     "het Kennisplatform Integratie & Samenleving (KIS) en het Verwey-Jonker Instituut, maar wordt "
                     "niet door hen uitgegeven.",
        "publisher_kis": "Deze website wordt uitgegeven door **{publisher}**, dat ook de handreiking uitgaf.",
        "no_publisher": "De uitgever van deze website is nog niet ingesteld (PUBLISHER). De website is gebaseerd op "
                        "de handreiking van KIS en het Verwey-Jonker Instituut, maar wordt niet door hen uitgegeven.",
        "contact": "Mail uw opmerking naar [{email}](mailto:{email}); daarvoor heeft u geen account nodig.",
        "no_contact": "Het contactadres van deze website is nog niet ingesteld (CONTACT_EMAIL).",
        "repo": "Heeft u een account bij GitHub, dan kunt u ook [een issue aanmaken]({repo}/issues) in de "
                "[openbare repository]({repo}), of zelf een wijziging voorstellen met een pull request.",
        "footer": "Fout melden",
    },
    "en": {
        "publisher": "This website is published by **{publisher}**. It is based on the guide by Kennisplatform "
                     "Integratie & Samenleving (KIS) and the Verwey-Jonker Institute, but it is not published by them.",
        "publisher_kis": "This website is published by **{publisher}**, which also published the guide.",
        "no_publisher": "The publisher of this website has not been set yet (PUBLISHER). The website is based on the "
                        "guide by KIS and the Verwey-Jonker Institute, but it is not published by them.",
        "contact": "Email your comment to [{email}](mailto:{email}); you do not need an account for this.",
        "no_contact": "The contact address of this website has not been set yet (CONTACT_EMAIL).",
        "repo": "If you have a GitHub account, you can also [open an issue]({repo}/issues) in the "
                "[public repository]({repo}), or propose a change yourself with a pull request.",
        "footer": "Report a mistake",
    },
}


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
    text = TEXT[lang]
    if not settings.publisher:
        return text["no_publisher"]
    key = "publisher_kis" if GUIDE_PUBLISHER.search(settings.publisher) else "publisher"
    return text[key].format(publisher=settings.publisher.replace("*", r"\*"))


def feedback_text(lang: str, settings: Settings | None = None) -> str:
    settings = settings or current()
    text = TEXT[lang]
    parts = [text["contact"].format(email=settings.contact_email) if settings.contact_email else text["no_contact"]]
    if settings.repo_url:
        parts.append(text["repo"].format(repo=settings.repo_url))
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
