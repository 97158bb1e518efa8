"""What the link checker works with: verdicts, options, results, and what needs no request."""
from __future__ import annotations

import dataclasses
import re
from urllib.parse import unquote, urldefrag

from site_build import links as guide_links
from site_build.datafiles import REPO_ROOT

VERDICTS = ("broken", "invalid", "unverified", "redirect", "ok", "skipped")  # most severe first
SUCCESS = ("ok", "redirect")
DEFAULT_CONFIG = REPO_ROOT / "scripts" / "link-check.yml"
DEFAULT_CACHE = REPO_ROOT / ".cache" / "link-check-cache.json"
WAYBACK = "https://web.archive.org/web/*/{url}"
USER_AGENT = "Mozilla/5.0 (compatible; hervestigers-link-check/1.0; +https://github.com/kis-hervestigers/hervestigers-site)"

REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}
RETRY_STATUS = {408, 425, 429}  # and every 5xx
FORBIDDEN = {401, 403, 999}  # 999: LinkedIn and others refusing bots
NOT_FETCHED_SCHEMES = {"ftp", "ftps", "sftp", "file", "data", "irc", "ircs", "news", "sms", "geo", "webcal", "urn"}
EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")
PHONE = re.compile(r"^\+?[0-9][0-9().-]{2,30}$")
HTML_ID = re.compile(rb"""\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)


class UsageError(Exception):
    """Bad options, config or data: exit code 2 with this message."""


@dataclasses.dataclass
class Options:
    per_host: int = 2
    global_limit: int = 32
    min_interval: float = 0.1
    timeout: float = 20.0
    connect_timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5
    max_backoff: float = 10.0
    max_retry_after: float = 60.0
    max_time: float = 300.0
    max_redirects: int = 10
    include_fragments: bool = False
    max_body: int = 5 * 1024 * 1024
    excludes: list = dataclasses.field(default_factory=list)  # [(compiled regex, reason)]
    user_agent: str = USER_AGENT


@dataclasses.dataclass
class Result:
    url: str
    verdict: str
    status: int | None = None
    final_url: str | None = None
    detail: str = ""
    sources: list = dataclasses.field(default_factory=list)  # [(file, line)]
    cached: bool = False

    def as_json(self) -> dict:
        return {
            "url": self.url, "verdict": self.verdict, "status": self.status, "final_url": self.final_url,
            "sources": [{"file": f, "line": n} for f, n in self.sources], "detail": self.detail,
        }


# --- Which URLs, and what can be decided without a request --------------------------

def result_key(url: str, include_fragments: bool) -> str:
    """The URL a result is reported under: as written, minus the fragment unless fragments are checked."""
    if include_fragments:
        return url
    return urldefrag(url)[0] if "#" in url else url


def group_sources(found, include_fragments: bool) -> dict[str, list]:
    grouped: dict[str, set] = {}
    for item in found:
        grouped.setdefault(result_key(item.url, include_fragments), set()).add((item.file, item.line))
    return {url: sorted(sources) for url, sources in grouped.items()}


def precheck(url: str, options: Options) -> Result | None:
    """A verdict that needs no request (excluded, malformed, mail, ...), or None to fetch."""
    for pattern, reason in options.excludes:
        if pattern.search(url):
            return Result(url, "skipped", detail=f"excluded: {reason}")
    if url.lower().startswith("www."):
        return Result(url, "invalid", detail="has no scheme; write https://" + url)
    scheme = url.split(":", 1)[0].lower()
    if scheme == "mailto":
        addresses = unquote(url[7:].split("?", 1)[0])
        bad = [a for a in addresses.split(",") if not EMAIL.match(a.strip())]
        if bad or not addresses:
            return Result(url, "invalid", detail=f"not a valid e-mail address: {(bad or [''])[0]!r}")
        return Result(url, "skipped", detail="e-mail address: syntax checked, not contacted")
    if scheme == "tel":
        number = unquote(url[4:]).replace(" ", "")
        if not PHONE.match(number):
            return Result(url, "invalid", detail=f"not a valid phone number: {url[4:]!r}")
        return Result(url, "skipped", detail="phone number: syntax checked, not called")
    if scheme in NOT_FETCHED_SCHEMES:
        return Result(url, "skipped", detail=f"{scheme}: links are not checked")
    if scheme not in ("http", "https"):
        return Result(url, "invalid", detail=f"unknown scheme '{scheme}:'; expected https://")
    problem = guide_links.url_problem(urldefrag(url)[0])
    if problem:
        return Result(url, "invalid", detail=f"malformed URL: {problem}")
    return None
