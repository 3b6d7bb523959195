"""Sender identifiers: the form people see, and the key under which two spellings of one match.

Two steps, kept apart on purpose:

* ``normalise_*`` turns what someone typed into the value that is stored and shown: a phone in
  E.164, an email validated and lower-cased, a handle without ``@`` or profile URL around it.
  Nothing is thrown away that a person reading the report would want to see (``+tag``, dots).
* ``*_match_key`` and ``identifier_key`` turn a normalised value into the form under which two
  spellings of one mailbox, account or name are equal, following each provider's own rules. The
  keys are only ever hashed (see ``crypto.blind_index``) to link reports from one sender; they
  are never shown.

Every bad value raises ``ValueError`` whose message starts with the value in quotes and keeps
any detail after a colon, so that the importer can drop both before printing it.

This module sits at the bottom of the dependency graph: no Django, no ``threatdesk`` imports.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email

__all__ = [
    "IDENTIFIER_KINDS",
    "MAIL_PROVIDERS",
    "PLATFORMS",
    "MailProvider",
    "Platform",
    "email_match_key",
    "handle_match_key",
    "handle_platform",
    "identifier_key",
    "name_match_key",
    "normalise_email",
    "normalise_handle",
    "normalise_phone",
    "platform_code",
    "platform_named",
]

# --------------------------------------------------------------------------------------------
# Phones
# --------------------------------------------------------------------------------------------

_E164 = re.compile(r"\+[1-9][0-9]{1,14}")


def normalise_phone(raw: str) -> str:
    """E.164, reading numbers without a country code as U.S. numbers."""
    try:
        number = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"{raw!r} is not a phone number") from exc
    if not phonenumbers.is_possible_number(number):
        raise ValueError(f"{raw!r} is not a possible phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _phone_key(phone: str) -> str:
    """An E.164 number is its own key; anything else was not normalised first."""
    if not _E164.fullmatch(phone):
        raise ValueError(f"{phone!r} is not a phone number in E.164 form: normalise it first")
    return phone


# --------------------------------------------------------------------------------------------
# Emails
# --------------------------------------------------------------------------------------------


def normalise_email(raw: str) -> str:
    """The address as shown: validated (syntax only, no DNS lookup) and lower-cased."""
    try:
        checked = validate_email(raw, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(f"{raw!r} is not an email address: {exc}") from exc
    return checked.normalized.lower()


@dataclass(frozen=True)
class MailProvider:
    """How one provider spells one mailbox several ways.

    ``domains`` are matched exactly, except that an entry ending in ``.*`` stands for the name
    under any country or generic ending (``yahoo.*`` is yahoo.com, yahoo.co.uk, yahoo.fr ...).
    ``canonical`` is the domain written in the key when all of ``domains`` share one namespace
    of names (jane@googlemail.com is jane@gmail.com); empty when each domain is its own.
    ``tag`` starts the sub-address part of the local part, which delivers to the same mailbox.
    ``transparent`` are characters the provider ignores in the local part.
    """

    name: str
    domains: tuple[str, ...]
    canonical: str = ""
    tag: str = "+"
    transparent: str = ""


MAIL_PROVIDERS: tuple[MailProvider, ...] = (
    # Gmail ignores dots anywhere in the name; googlemail.com is the same namespace.
    MailProvider("Gmail", ("gmail.com", "googlemail.com"), canonical="gmail.com", transparent="."),
    # Outlook.com and its older names take +tags; jane@hotmail.com and jane@outlook.com are
    # two different accounts, so the domains stay apart.
    MailProvider("Microsoft", ("outlook.*", "hotmail.*", "live.*", "msn.com", "windowslive.com", "passport.com")),
    # One iCloud name holds @icloud.com and, for older accounts, @me.com and @mac.com: the
    # names are never given to two people, so the three domains are one namespace.
    MailProvider("iCloud", ("icloud.com", "me.com", "mac.com"), canonical="icloud.com"),
    # Proton gives every name @proton.me, @protonmail.com, @protonmail.ch and @pm.me, and treats
    # '.', '_' and '-' in names as if they were not there.
    MailProvider("Proton", ("proton.me", "protonmail.com", "protonmail.ch", "pm.me"), canonical="proton.me", transparent="._-"),
    MailProvider("Fastmail", ("fastmail.com", "fastmail.fm")),
    # Yahoo's disposable addresses read base-keyword@yahoo.com; Yahoo names cannot hold '-'.
    MailProvider("Yahoo", ("yahoo.*", "ymail.com", "rocketmail.com"), tag="-"),
)

# Every other domain: only '+tag' is dropped. Most mail systems (Postfix, Exchange, Google
# Workspace and Microsoft 365 on custom domains, Fastmail, Proton) deliver name+tag to name,
# and a threatener who adds a tag is still the same sender; a real '+' in a mailbox name is
# rare, and linking two reports too eagerly is checked by a person, missing a link is not.
OTHER_MAIL = MailProvider("other", ())

_MAIL_EXACT = {domain: p for p in MAIL_PROVIDERS for domain in p.domains if not domain.endswith(".*")}
_MAIL_ANY_ENDING = {domain[:-2]: p for p in MAIL_PROVIDERS for domain in p.domains if domain.endswith(".*")}
# A country or generic ending: com, fr, co.uk, com.au.
_ENDING = re.compile(r"[a-z]{2,3}(?:\.[a-z]{2})?")


def _mail_provider(domain: str) -> MailProvider:
    if domain in _MAIL_EXACT:
        return _MAIL_EXACT[domain]
    name, _, ending = domain.partition(".")
    if name in _MAIL_ANY_ENDING and _ENDING.fullmatch(ending):
        return _MAIL_ANY_ENDING[name]
    return OTHER_MAIL


def email_match_key(email: str) -> str:
    """The mailbox an address reaches, so that two spellings of one mailbox are equal.

    Takes the normalised address (``normalise_email``); drops the sub-address tag, drops the
    characters the provider ignores, and writes a shared namespace under one domain.
    """
    text = email.strip().lower()
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain or any(ch.isspace() for ch in text):
        raise ValueError(f"{email!r} is not an email address")
    provider = _mail_provider(domain)
    mailbox = local.split(provider.tag, 1)[0] or local
    mailbox = "".join(ch for ch in mailbox if ch not in provider.transparent) or mailbox
    return f"{mailbox}@{provider.canonical or domain}"


# --------------------------------------------------------------------------------------------
# Handles
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Platform:
    """One platform's account names: where they sit in a profile URL and what they may hold.

    ``profile`` is matched at the start of a profile URL's path (without its leading '/'); the
    first non-empty named group is the name. ``pattern`` is what a name may be, after
    lower-casing where ``case_insensitive``. ``transparent`` are characters the platform
    ignores in names, dropped in the matching key only.
    """

    code: str
    label: str
    hosts: tuple[str, ...]
    profile: str
    pattern: str
    rule: str
    case_insensitive: bool = True
    transparent: str = ""
    not_profiles: frozenset[str] = frozenset()
    aliases: tuple[str, ...] = ()


_ANY = r"(?P<name>[^/?#]+)"
_AT = r"@(?P<name>[^/?#]+)"
_DOMAIN = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+"
_FEDI_NAME = r"[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*"

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        "x",
        "X",
        ("x.com", "twitter.com"),
        _ANY,
        r"[a-z0-9_]{1,15}",
        "X usernames have 1 to 15 letters, digits or underscores",
        not_profiles=frozenset({"i", "intent", "home", "search", "hashtag", "explore", "messages", "settings", "share"}),
        aliases=("twitter",),
    ),
    Platform(
        "facebook",
        "Facebook",
        ("facebook.com", "fb.com"),
        r"profile\.php\?(?:[^#]*&)?id=(?P<id>[0-9]+)|people/[^/?#]+/(?P<person>[0-9]+)|" + _ANY,
        r"[a-z0-9.]{1,50}",
        "Facebook usernames have up to 50 letters, digits or periods",
        # Facebook: "periods and capitalisation don't count toward your username".
        transparent=".",
        not_profiles=frozenset(
            {"profile.php", "people", "groups", "pages", "events", "watch", "marketplace", "photo.php", "story.php"}
            | {"permalink.php", "sharer", "sharer.php", "share", "hashtag", "login", "reel", "photo", "stories"}
        ),
        aliases=("fb",),
    ),
    Platform(
        "instagram",
        "Instagram",
        ("instagram.com", "instagr.am"),
        _ANY,
        r"[a-z0-9._]{1,30}",
        "Instagram usernames have 1 to 30 letters, digits, periods or underscores",
        not_profiles=frozenset({"p", "reel", "reels", "explore", "stories", "accounts", "direct", "tv"}),
        aliases=("ig", "insta"),
    ),
    Platform(
        "threads",
        "Threads",
        ("threads.net", "threads.com"),
        _AT,
        r"[a-z0-9._]{1,30}",
        "Threads usernames are Instagram usernames: 1 to 30 letters, digits, periods or underscores",
    ),
    Platform(
        "tiktok",
        "TikTok",
        ("tiktok.com",),
        _AT,
        r"[a-z0-9._]{1,24}",
        "TikTok usernames have 1 to 24 letters, digits, periods or underscores",
    ),
    Platform(
        "youtube",
        "YouTube",
        ("youtube.com",),
        _AT,
        # Handles may be written in many scripts: \w is any letter or digit, and '_'.
        r"[\w.-]{3,30}",
        "YouTube handles have 3 to 30 letters, digits, underscores, hyphens or periods",
        aliases=("yt",),
    ),
    Platform(
        "telegram",
        "Telegram",
        ("t.me", "telegram.me", "telegram.dog"),
        r"(?:s/)?" + _ANY,
        r"[a-z][a-z0-9_]{3,31}",
        "Telegram usernames have 4 to 32 letters, digits or underscores and start with a letter",
        not_profiles=frozenset({"joinchat", "addstickers", "addemoji", "share", "proxy", "socks", "c", "iv"}),
        aliases=("tg",),
    ),
    Platform(
        "truthsocial",
        "Truth Social",
        ("truthsocial.com",),
        _AT,
        r"[a-z0-9_]{1,30}",
        "Truth Social usernames have 1 to 30 letters, digits or underscores",
        aliases=("truth",),
    ),
    Platform(
        "gab",
        "Gab",
        ("gab.com",),
        r"@?" + _ANY,
        r"[a-z0-9_]{1,30}",
        "Gab usernames have 1 to 30 letters, digits or underscores",
        not_profiles=frozenset({"groups", "hash", "search", "explore", "home", "about", "auth"}),
    ),
    Platform(
        "reddit",
        "Reddit",
        ("reddit.com",),
        r"(?:u|user)/" + _ANY,
        r"[a-z0-9_-]{3,20}",
        "Reddit usernames have 3 to 20 letters, digits, underscores or hyphens",
    ),
    Platform(
        "bluesky",
        "Bluesky",
        ("bsky.app",),
        r"profile/" + _ANY,
        rf"{_DOMAIN}|did:plc:[a-z2-7]{{24}}",
        "Bluesky handles are domain names, e.g. jane.bsky.social",
        aliases=("bsky",),
    ),
    Platform(
        "fediverse",
        "fediverse",
        (),
        _AT,
        rf"{_FEDI_NAME}(?:@{_DOMAIN})?",
        "fediverse handles read name@instance, the name in letters, digits, underscores, periods or hyphens",
        aliases=("mastodon", "activitypub", "pleroma", "misskey"),
    ),
)

_BY_CODE = {p.code: p for p in PLATFORMS}
_BY_HOST = {host: p for p in PLATFORMS for host in p.hosts}
# Subdomains that show the same profiles: www.x.com, mobile.twitter.com, old.reddit.com.
_HOST_PREFIXES = ("www.", "m.", "mobile.", "mbasic.", "web.", "old.", "new.", "np.")
_SCHEME = re.compile(r"https?://", re.IGNORECASE)
_FEDIVERSE = re.compile(rf"@?(?P<name>{_FEDI_NAME})@(?P<host>{_DOMAIN})", re.IGNORECASE)
_REDDIT_SHORT = re.compile(r"/?u/(?P<name>[^/\s]+)/?", re.IGNORECASE)
GENERIC_MAX_LENGTH = 100
# Room for a profile address: a scheme, the longest domain name (253), and a name of the generic
# length; every platform's own names are shorter. A fediverse name has no rule of its own.
HANDLE_INPUT_MAX_LENGTH = 400


def _squash(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


_PLATFORM_WORDS = {
    _squash(word): p for p in PLATFORMS for word in (p.code, p.label, *p.aliases, *p.hosts, *(h.split(".")[0] for h in p.hosts))
}
# A host's first label names its platform ('twitter', 'bsky'), except t.me's 't'.
_PLATFORM_WORDS.pop("t", None)


def platform_code(name: str) -> str:
    """The code of a platform named in free text ('Twitter', 'X.com', 'Truth Social'), or ''.

    A name we do not know gives '', the platform-agnostic rules: a report's platform field may
    name a forum or service that has no rules here.
    """
    platform = _PLATFORM_WORDS.get(_squash(name))
    return platform.code if platform else ""


def platform_named(text: str) -> str:
    """The code of the first platform a free text names ('Facebook Messenger, to her personal
    account', 'DM on twitter.com'), or ''. Unlike `platform_code`, the text may say more than
    the platform's name."""
    whole = platform_code(text)
    if whole or not text:
        return whole
    for word in re.findall(r"\w+(?:\.\w+)*", text):
        platform = _PLATFORM_WORDS.get(_squash(word)) or _PLATFORM_WORDS.get(_squash(word.split(".", 1)[0]))
        if platform is not None:
            return platform.code
    return ""


def _host(name: str | None) -> str:
    """A host lower-cased, without the subdomains that show a known platform's same pages."""
    host = (name or "").lower().rstrip(".")
    bare = host
    while bare not in _BY_HOST:
        prefix = next((p for p in _HOST_PREFIXES if bare.startswith(p)), "")
        if not prefix:
            return host
        bare = bare[len(prefix) :]
    return bare


def _fediverse(name: str, instance: str) -> tuple[str, Platform]:
    """name@instance, or just the name when the instance is a platform we know (truthsocial.com)."""
    host = _host(instance)
    known = _BY_HOST.get(host)
    return (name, known) if known else (f"{name}@{host}", _BY_CODE["fediverse"])


def _from_url(raw: str, text: str) -> tuple[str, Platform] | None:
    """(name, platform) when `text` is a profile address; None when it is not an address at all."""
    has_scheme = bool(_SCHEME.match(text))
    if not has_scheme and "/" not in text:
        return None
    try:
        parts = urlsplit(text if has_scheme else f"https://{text}")
        host = _host(parts.hostname)
    except ValueError:
        return None
    path = parts.path.lstrip("/")
    platform = _BY_HOST.get(host)
    if platform is None:
        # Any other site: a fediverse profile reads https://instance/@name.
        if re.fullmatch(_DOMAIN, host) and path.startswith("@"):
            name, _, home = unquote(path[1:].split("/", 1)[0]).partition("@")
            return _fediverse(name, home or host)
        return None
    subject = f"{path}?{parts.query}" if parts.query else path
    found = re.match(platform.profile, subject, re.IGNORECASE)
    name = next((unquote(v) for v in found.groupdict().values() if v), "") if found else ""
    if not name or name.lower() in platform.not_profiles:
        raise ValueError(f"{raw!r} is an address on {platform.label} but not an account's: give its profile address or handle")
    return name, platform


def _checked(raw: str, name: str, platform: Platform) -> str:
    handle = name.strip().lstrip("@")
    if platform.case_insensitive:
        handle = handle.lower()
    if not re.fullmatch(platform.pattern, handle):
        raise ValueError(f"{raw!r} is not a handle on {platform.label}: {platform.rule}")
    return handle


def _parse_handle(raw: str, platform: str = "") -> tuple[str, str]:
    """(handle as shown, platform code or '') from an @name, a bare name or a profile URL.

    A platform the input itself names (by its URL, u/name or @name@instance) wins over the
    `platform` argument: a report's platform is one field for the report, while a sender may
    have written from several accounts.
    """
    text = raw.strip()
    if len(text) > HANDLE_INPUT_MAX_LENGTH:
        raise ValueError(f"a handle or profile address is at most {HANDLE_INPUT_MAX_LENGTH} characters")
    target: Platform | None
    from_url = _from_url(raw, text)
    if from_url is not None:
        name, target = from_url
    elif reddit := _REDDIT_SHORT.fullmatch(text):
        name, target = reddit["name"], _BY_CODE["reddit"]
    elif fedi := _FEDIVERSE.fullmatch(text):
        name, target = _fediverse(fedi["name"], fedi["host"])
    else:
        name, target = text, _BY_CODE.get(platform_code(platform))
    if target is not None:
        return _checked(raw, name, target), target.code
    # No platform: the rules every handle obeys, and only those.
    handle = text.lstrip("@").lower()
    if not handle or len(handle) > GENERIC_MAX_LENGTH or any(ch.isspace() for ch in handle):
        raise ValueError(f"{raw!r} is not an account handle")
    return handle, ""


def normalise_handle(raw: str, platform: str = "") -> str:
    """The handle as shown: 'janedoe_az', or 'name@mastodon.social' for the fediverse.

    Takes '@name', 'name', or a profile URL (x.com/name, https://www.tiktok.com/@name,
    reddit.com/u/name, https://mastodon.social/@name ...). When the input or `platform` names a
    platform we know, its rules apply: its case-insensitive names are lower-cased and names
    holding characters it does not allow are refused. Otherwise only the rules for any handle
    apply (something, without spaces, at most 100 characters), lower-cased.
    """
    return _parse_handle(raw, platform)[0]


def handle_platform(raw: str, platform: str = "") -> str:
    """The code of the platform a handle belongs to ('x', 'reddit', 'fediverse' ...), or ''.

    Known from the input itself when it is a profile URL, u/name or @name@instance, else from
    `platform` when that names a platform we know.
    """
    return _parse_handle(raw, platform)[1]


def handle_match_key(handle: str, platform: str = "") -> str:
    """The key under which two spellings of one account are equal.

    The platform is not part of the key: one name on two platforms is, more often than not,
    one sender, and handles are mostly stored without their platform. Characters a platform
    ignores in names (Facebook's periods) are dropped, so pass `platform` when it is known
    (``handle_platform`` of the raw input, or the report's platform).
    """
    shown, code = _parse_handle(handle, platform)
    ignored = _BY_CODE[code].transparent if code else ""
    return "".join(ch for ch in shown if ch not in ignored) or shown


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

# Dropped without a trace, so that O'Hara is ohara and J.R. is jr; every other character that is
# not a letter or digit separates words (Doe, John; Smith-Jones).
_NAME_JOINERS = frozenset("'\u2018\u2019\u02bc\u00b4`.")


# The dotless i is the one letter whose capital (I) folds to another letter (i): read it as i,
# as its dot is dropped like any other mark, so that case never changes a key.
_DOTLESS = str.maketrans({"\u0131": "i"})


def _folded(text: str) -> str:
    """Case-folded, compatibility-decomposed, nonspacing marks (accents) removed, to a fixed point."""
    for _ in range(4):
        folded = unicodedata.normalize("NFKD", text.casefold().translate(_DOTLESS))
        folded = "".join(ch for ch in folded if unicodedata.category(ch) != "Mn")
        if folded == text:
            break
        text = folded
    return text


def name_match_key(name: str) -> str:
    """A person's name as a key: 'Doe, John', 'JOHN  DOE' and 'Jöhn Doe' all read 'doe john'."""
    text = _folded("".join(ch for ch in name if ch not in _NAME_JOINERS))
    kept = []
    for ch in text:
        if ch in _NAME_JOINERS:
            continue
        word_char = ch.isalnum() or unicodedata.category(ch) in ("Mc", "Me")
        kept.append(ch if word_char else " ")
    words = sorted("".join(kept).split())
    if not words:
        raise ValueError(f"{name!r} has no letters or digits to match a name on")
    return " ".join(words)


# --------------------------------------------------------------------------------------------
# One entry point
# --------------------------------------------------------------------------------------------

IDENTIFIER_KINDS = ("phone", "email", "handle", "name")


def identifier_key(kind: str, value: str, platform: str = "") -> str:
    """The matching key of an already-normalised identifier, for the pseudonym's keyed hash.

    phone: E.164 as is; email: ``email_match_key``; handle: ``handle_match_key`` (with
    `platform`, ignored for the other kinds); name: ``name_match_key``.
    """
    kind = str(kind)
    if kind == "phone":
        return _phone_key(value)
    if kind == "email":
        return email_match_key(value)
    if kind == "handle":
        return handle_match_key(value, platform)
    if kind == "name":
        return name_match_key(value)
    raise ValueError(f"unknown identifier kind {kind!r}: use one of {', '.join(IDENTIFIER_KINDS)}")
