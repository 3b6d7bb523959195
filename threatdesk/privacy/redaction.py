"""Redaction: turn a report's words into a copy that names no one.

Two kinds of personal data are found:

- the identifiers of known people (an office's protected workers and their families, the
  report's own sender and reporter), in the forms people actually write them: nicknames,
  initials, reordered names, possessives, one-letter typos, any phone format, street-name
  abbreviations;
- generic personal data of anyone: phone numbers, emails, handles, street addresses, dates of
  birth, licence plates, social security numbers.

Known names are matched as token sequences with one Aho-Corasick automaton per set of people
(built once per office and reused), generic data with compiled patterns. Overlapping finds are
merged, so whatever any detector covered stays covered; the merged span takes the placeholder of
its most specific find (a protected person's phone beats a generic phone).

Text is read as a browser shows it: characters that are never drawn (soft hyphens, zero-width
spaces and joiners, bidi controls and every other format character) are left out before anything
is looked for, so they cannot hide a name or break a phone number apart, and the redacted copy
leaves them out too. Offsets refer to the original text.

The module is pure Python over plain strings: no database, no Django, so it can be tested and
benchmarked alone. Callers must treat any exception as "no redacted copy" (fail closed).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from typing import Any

import ahocorasick
from nicknames import NickNamer

from threatdesk.privacy.identifiers import email_match_key, handle_match_key

# ---------------------------------------------------------------------------------------------
# What callers give and get


@dataclass(frozen=True)
class Person:
    """Everything the redactor should recognise of one person, in plaintext, in memory only.

    `kind` is "worker", "family", "sender" or "reporter". With `strong_only`, only identifiers
    that point at this person alone are matched (full names, phones, emails, handles,
    addresses), not a first name or surname on its own: used for people of other offices.
    """

    key: str
    kind: str
    names: Sequence[str] = ()
    aliases: Sequence[str] = ()
    phones: Sequence[str] = ()
    emails: Sequence[str] = ()
    handles: Sequence[str] = ()
    addresses: Sequence[str] = ()
    strong_only: bool = False


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    category: str
    placeholder: str
    person: str | None = None


@dataclass(frozen=True)
class Redacted:
    text: str
    spans: tuple[Span, ...]

    @property
    def people(self) -> list[str]:
        """Keys of the known people the text mentions, in order of first mention."""
        return list(dict.fromkeys(s.person for s in self.spans if s.person))


CATEGORIES = ("name", "phone", "email", "address", "handle", "dob", "plate", "ssn")
KIND_LABELS = {"worker": "WORKER", "family": "FAMILY", "sender": "SENDER", "reporter": "REPORTER"}
NUMBERED_KINDS = {"worker", "family"}
# A form two people share (a family surname) names the worker first.
KIND_RANKS = {"worker": 2, "family": 1}

# ---------------------------------------------------------------------------------------------
# Tokens: words of letters or digits, compared in a canonical lower-case, accent-free form in
# which street-type words and compass directions take their postal abbreviation, so that
# "1418 West Palm Lane" and "1418 W. Palm Ln" read the same.

# Words of letters or digits. An apostrophe splits (Jane's -> Jane, s; O'Neill -> O, Neill):
# surnames with one are matched as compound surnames, token by token.
_TOKEN = re.compile(r"[^\W_]+")

STREET_WORDS = {
    "alley": "aly", "avenue": "ave", "av": "ave", "boulevard": "blvd", "circle": "cir", "court": "ct",
    "crossing": "xing", "drive": "dr", "expressway": "expy", "freeway": "fwy", "highway": "hwy",
    "lane": "ln", "loop": "loop", "parkway": "pkwy", "place": "pl", "plaza": "plz", "road": "rd",
    "route": "rte", "square": "sq", "street": "st", "str": "st", "terrace": "ter", "trail": "trl",
    "way": "way", "point": "pt", "pike": "pike", "path": "path", "run": "run", "row": "row",
    "mountain": "mtn", "heights": "hts", "apartment": "apt", "suite": "ste", "unit": "unit",
    "north": "n", "south": "s", "east": "e", "west": "w", "northeast": "ne", "northwest": "nw",
    "southeast": "se", "southwest": "sw",
}  # fmt: skip
DIRECTIONS = {"n", "s", "e", "w", "ne", "nw", "se", "sw"}
_NOT_SUFFIXES = {"north", "south", "east", "west", "apartment", "apt", "suite", "ste", "unit"}
STREET_SUFFIXES = sorted({*STREET_WORDS, *STREET_WORDS.values()} - DIRECTIONS - _NOT_SUFFIXES, key=len, reverse=True)
# Words after a given name that make a place of it (Jackson County, Carson City, Lincoln
# Elementary), not a person. Only words that are next to never surnames: Park, Hall, Hills,
# Street, Arena or Creek can be a person's name, and a name let through is worse than a place
# taken out.
PLACE_WORDS = frozenset(
    {
        *("county", "parish", "borough", "township", "city", "elementary", "school", "academy"),
        *("college", "university", "library", "courthouse", "airport", "hospital", "stadium"),
        *("avenue", "boulevard", "highway", "parkway"),
    }
)
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "esq", "phd", "md"}
TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "rev"}

# Given names that are also everyday words: matched alone only when written with a capital.
EVERYDAY_WORDS = frozenset(
    [
        "will",
        "bill",
        "mark",
        "hope",
        "may",
        "june",
        "april",
        "august",
        "grace",
        "rose",
        "joy",
        "faith",
        "art",
        "pat",
        "rich",
        "chase",
        "frank",
        "guy",
        "ray",
        "dawn",
        "summer",
        "lane",
        "sue",
        "max",
        "jack",
        "don",
        "rob",
        "nick",
        "gene",
        "penny",
        "ruby",
        "amber",
        "ivy",
        "holly",
        "lily",
        "iris",
        "daisy",
        "sunny",
        "rusty",
        "sandy",
        "dusty",
        "buddy",
        "bud",
        "peg",
        "kit",
        "jay",
        "dot",
        "fay",
        "hunter",
        "carter",
        "mason",
        "miles",
        "sky",
        "river",
        "rocky",
        "chip",
        "chuck",
        "win",
        "dob",
        "hob",
        "dick",
        "earl",
        "king",
        "price",
        "rice",
        "young",
        "white",
        "brown",
        "green",
        "black",
        "long",
        "bell",
        "hall",
        "wood",
        "hill",
        "ward",
        "cook",
        "cole",
        "stone",
        "west",
        "north",
        "south",
        "love",
        "star",
        "sterling",
        "gay",
        "gus",
        "mac",
        "bee",
    ]
)

# Words that are no one's given name or surname and no city's name: pronouns, articles,
# prepositions, auxiliaries and the verbs of a threat. A capitalised phrase with one of them is
# not a name ("I'm Going To Kill You", "See You Soon", "One Of You", "Lena I'm here"), and a
# capitalised word after a street is not its city ("1423 Elm Street, We Will Kill Her"). Words
# that are also surnames (Will, May, Hope, Hunt, Love, Young, Day) are not here: "Helen Hunt"
# stays a name.
COMMON_WORDS = frozenset(
    {
        *("i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "ya", "u", "ur", "im", "ive"),
        *("he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "we", "us", "our"),
        *("ours", "they", "them", "their", "theirs", "youre", "who", "whoever", "this", "that", "these"),
        *("those", "one", "everyone", "everybody", "anyone", "anybody", "someone", "somebody", "nobody"),
        *("a", "an", "the", "to", "of", "in", "on", "at", "by", "for", "from", "with", "into", "about"),
        *("after", "before", "until", "up", "down", "out", "off", "over", "and", "or", "but", "if", "so"),
        *("then", "than", "when", "not", "no", "never", "now", "here", "there", "all", "every", "each"),
        *("soon", "today", "tonight", "tomorrow", "again"),
        *("am", "is", "are", "was", "were", "be", "been", "do", "does", "did", "have", "has", "had", "can"),
        *("could", "shall", "should", "would", "must", "gonna", "going", "gotta", "wanna"),
        *("kill", "shoot", "stab", "murder", "strangle", "choke", "hang", "lynch", "die", "bleed", "burn"),
        *("beat", "see", "get", "go", "come", "know", "find", "watch", "pay", "make", "take", "let", "put"),
        *("bring", "leave", "meet", "wait", "want", "need", "say", "said", "told", "give", "keep"),
    }
)


# Characters a browser does not draw: every format character (Unicode category Cf: the soft hyphen,
# zero-width space and joiners, word joiner, byte-order mark, bidi marks, embeddings, overrides
# and isolates, Arabic and Syriac signs, tag characters...) and the other default-ignorable code
# points (combining grapheme joiner, variation selectors, Hangul fillers). Written out, since
# building the set from unicodedata at import would cost a fifth of a second in every process;
# a test walks every Cf code point of the running Python's Unicode tables.
_INVISIBLE_SET = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_INVISIBLE = re.compile(f"[{_INVISIBLE_SET}]")
_VISIBLE_RUN = re.compile(f"[^{_INVISIBLE_SET}]+")
# Accents and other marks written as characters of their own after a letter (an accent typed on a
# Mac, marks stacked on every letter to get past a filter): words are read without them, so that
# they cannot split one. The redacted copy keeps them, but for those on a replaced word.
_MARKS_SET = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_MARK = re.compile(f"[{_MARKS_SET}]")
_UNMARKED_RUN = re.compile(f"[^{_MARKS_SET}]+")


def _left_out(text: str, chars: re.Pattern[str], runs: re.Pattern[str]) -> tuple[str, list[int] | None]:
    """The text without `chars`, and for each character kept its offset in `text` (None when
    nothing was left out, as for almost every text). `runs` matches runs of the other characters."""
    if not chars.search(text):
        return text, None
    where: list[int] = []
    for run in runs.finditer(text):
        where.extend(range(run.start(), run.end()))
    return chars.sub("", text), where


def visible(text: str) -> tuple[str, list[int] | None]:
    """The text without the characters a browser does not draw, and where each character kept
    stands in `text` (None when nothing was left out)."""
    return _left_out(text, _INVISIBLE, _VISIBLE_RUN)


# Cyrillic and Greek letters that look like Latin ones. A word written in them and in Latin letters
# ('Delacroix' with a Cyrillic o), or in them alone ('Hayes' wholly in Cyrillic), reads as the Latin
# word it passes for; a word with any other letter of those scripts is left as it is.
_LOOKALIKE_PAIRS = (
    ("\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421", "ABEKMHOPC"),  # Cyrillic capitals
    ("\u0422\u0423\u0425\u0406\u0408\u0405\u051a\u051c\u04ae", "TYXIJSQWY"),  # Cyrillic capitals
    ("\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458", "aeopcyxij"),  # Cyrillic small letters
    ("\u0455\u0501\u04bb\u051b\u051d\u04cf\u04af\u043a", "sdhqwlyk"),  # Cyrillic small letters
    ("\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7", "ABEZHIKMNOPTYX"),  # Greek capitals
    ("\u03b1\u03bf\u03c1\u03b9\u03c7\u03ba\u03bd\u03c5\u03b3", "aopixkvuy"),  # Greek small letters
    ("\u0131", "i"),  # dotless i
)
_LOOKALIKES = str.maketrans("".join(other for other, _ in _LOOKALIKE_PAIRS), "".join(latin for _, latin in _LOOKALIKE_PAIRS))


def _unaccented(lowered: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))


def fold(word: str) -> str:
    """Lower case without accents: 'José' and 'jose' are one token. A word whose other letters are
    all look-alikes of Latin ones reads as Latin ('Delacroix' with a Cyrillic e too)."""
    lowered = word.lower()
    if lowered.isascii():
        return lowered
    plain = _unaccented(lowered)
    if not plain.isascii():
        latin = _unaccented(word.translate(_LOOKALIKES).lower())
        if latin.isascii():
            return latin
    return plain


def canon(word: str) -> str:
    folded = fold(word)
    return STREET_WORDS.get(folded, folded)


# Reports repeat the same few thousand words: remembering their canonical forms saves most of it.
_canon_of = lru_cache(maxsize=1 << 16)(canon)


def _words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of every token."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


class _Tokens:
    """The words of a text, as written and canonical. Their offsets are found only when asked
    for, when a name is found: most texts hold none, and offsets cost more than the words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: list[str] = _TOKEN.findall(text)  # as written
        self.canon: list[str] = list(map(_canon_of, self.words))

    @cached_property
    def _spans(self) -> list[tuple[int, int]]:
        return [m.span() for m in _TOKEN.finditer(self.text)]

    @cached_property
    def starts(self) -> list[int]:
        return [start for start, _end in self._spans]

    @cached_property
    def ends(self) -> list[int]:
        return [end for _start, end in self._spans]

    @property
    def mostly_lower_case(self) -> bool:
        """A message typed without capitals, where the capital-letter rules cannot help."""
        capitals = sum(1 for w in self.words if w[:1].isupper())
        return capitals <= len(self.words) // 20


def tokens_of(text: str) -> list[str]:
    return [canon(w) for _s, _e, w in _words(text)]


# ---------------------------------------------------------------------------------------------
# Known people: every way their identifiers may be written, as token sequences.


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer:
    return NickNamer()


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Every given name and nickname the nickname table knows (about 2,100 names)."""
    table = _nicknamer().nickname_lookup
    names = set(table) | {n for nicks in table.values() for n in nicks}
    return frozenset(fold(n) for n in names if n.isalpha() and len(n) > 2) - EVERYDAY_WORDS


@lru_cache(maxsize=4096)
def given_name_forms(first: str) -> frozenset[str]:
    """A given name and its nicknames ('Robert' -> 'Bob', 'Bobby', 'Rob'…); a nickname also brings
    the formal names it stands for and their nicknames ('Bob' -> 'Robert', 'Bobby')."""
    nn = _nicknamer()
    forms = {first} | nn.nicknames_of(first)
    if len(forms) == 1:  # not a formal name the table knows: perhaps a nickname
        for formal in nn.canonicals_of(first):
            forms.add(formal)
            forms |= nn.nicknames_of(formal)
    return frozenset(fold(f) for f in forms if f and " " not in f)


NAME_PARTICLES = frozenset(
    [
        "de",
        "del",
        "della",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "da",
        "di",
        "du",
        "dos",
        "das",
        "st",
        "saint",
        "ter",
        "ten",
        "bin",
        "al",
        "el",
    ]
)


@dataclass(frozen=True)
class NameParts:
    first: tuple[str, ...]
    middles: tuple[str, ...]
    surname: tuple[str, ...]  # 'De La Cruz' -> ('de', 'la', 'cruz'); 'Nguyen-Tran' -> ('nguyen', 'tran')


def name_parts(name: str) -> NameParts | None:
    """Split a full name into given name, middle names and surname, keeping compound surnames
    (particles such as 'de la', hyphens) whole."""
    words = [w for w in name.replace(",", " ").split() if canon(w.strip(".")) not in TITLES]
    while len(words) > 1 and canon(words[-1].strip(".")) in NAME_SUFFIXES:
        words.pop()
    words = [w for w in words if tokens_of(w)]
    if not words:
        return None
    if len(words) == 1:
        return NameParts(tuple(tokens_of(words[0])), (), ())
    starts = [i for i in range(1, len(words) - 1) if canon(words[i].strip(".")) in NAME_PARTICLES]
    at = starts[0] if starts else len(words) - 1
    middles = tuple(t for w in words[1:at] for t in tokens_of(w))
    return NameParts(tuple(tokens_of(words[0])), middles, tuple(tokens_of(" ".join(words[at:]))))


@dataclass
class NameForms:
    multi: set[tuple[str, ...]] = field(default_factory=set)  # two or more tokens in a row
    single: set[str] = field(default_factory=set)  # a given name or surname alone
    initials: set[tuple[str, ...]] = field(default_factory=set)  # 'J.D.', 'JD': written in capitals
    joined: set[str] = field(default_factory=set)  # run together, as in a hashtag: 'janedoe'
    fuzzy: set[str] = field(default_factory=set)  # long enough to match with one letter wrong


def name_forms(name: str, *, strong_only: bool) -> NameForms:
    """Every way a full name is written in prose: nicknames, initials, surname first,
    with or without middle names, and run together. For strong-only people, only the forms
    that point at the person alone (no first name or surname on its own, no initials)."""
    forms = NameForms()
    parts = name_parts(name)
    if parts is None:
        return forms
    first, middles, surname = parts.first, parts.middles, parts.surname
    firsts = {(g,) for g in given_name_forms(first[0])} if len(first) == 1 else {first}
    if not surname:
        if not strong_only:
            forms.single.update(g[0] for g in firsts if len(g) == 1)
            forms.fuzzy.add(first[0])
        return forms
    for given in firsts:
        forms.multi |= {(*given, *surname), (*given, *middles, *surname), (*surname, *given), (*surname, *given, *middles)}
        forms.multi.add((*given, surname[0][0]))
        if len(given) == 1 and len(given[0] + "".join(surname)) >= 7:
            forms.joined.add(given[0] + "".join(surname))
    forms.multi |= {(first[0][0], *surname), (first[0][0], *[m[0] for m in middles], *surname), (*first, *middles, *surname)}
    forms.multi |= {(*first, m[0], *surname) for m in middles}
    if len(surname) > 1 and len("".join(surname)) >= 6:
        forms.joined.add("".join(surname))
    if not strong_only:
        forms.initials |= {(first[0][0], surname[0][0]), (first[0][0] + surname[0][0],)}
        forms.single.update(g[0] for g in firsts if len(g) == 1)
        if len(surname) > 1:
            forms.multi.add(surname)
        forms.single.update(w for w in surname if len(w) > 2 and w not in NAME_PARTICLES)
        forms.fuzzy.update(w for w in (*first, *surname) if w not in NAME_PARTICLES)
    forms.multi = {f for f in forms.multi if len(f) > 1 or len(f[0]) > 1}
    return forms


# A sender's forms are worked out again for each of their reports; read them, never change them.
_name_forms_of = lru_cache(maxsize=4096)(name_forms)


def _street_part(address: str) -> str:
    """The part of an address that holds the house number and street ('Apt 4B, 1418 W Palm Ln')."""
    parts = [p.strip() for p in address.split(",")]
    return next((p for p in parts if p[:1].isdigit()), parts[0])


def address_forms(address: str) -> set[tuple[str, ...]]:
    """The street line of an address with and without its house number and unit.

    'Apt 4B, 1418 W Palm Ln, Phoenix AZ' -> ('1418','w','palm','ln'), ('w','palm','ln'),
    ('palm','ln'), ...: someone who writes 'you live on Palm Lane' knows where the worker lives.
    """
    words = tokens_of(_street_part(address))
    if not words:
        return set()
    forms = {tuple(words)}
    suffix_at = max((i for i, w in enumerate(words) if w in STREET_SUFFIXES and i > 0), default=len(words) - 1)
    line = words[: suffix_at + 1]
    forms.add(tuple(line))
    unnumbered = line[1:] if line and line[0][0].isdigit() else line
    if len(unnumbered) >= 2:
        forms.add(tuple(unnumbered))
        if unnumbered[0] in DIRECTIONS and len(unnumbered) >= 3:
            forms.add(tuple(unnumbered[1:]))
    return {f for f in forms if len(f) >= 2}


def street_key(text: str) -> tuple[str, ...]:
    """House number and street, canonical, for comparing a found address with a known one."""
    words = tokens_of(_street_part(text))
    suffix_at = max((i for i, w in enumerate(words) if w in STREET_SUFFIXES and i > 0), default=len(words) - 1)
    return tuple(words[: suffix_at + 1])


def phone_digits(raw: str) -> str:
    """The ten digits of a North American number (E.164 '+1' dropped), or all digits otherwise,
    in ASCII whatever digits they were written in."""
    digits = "".join(ch for ch in raw if ch.isdecimal())
    if not digits.isascii():
        digits = "".join(str(unicodedata.decimal(ch)) for ch in digits)
    if len(digits) == 11 and digits.startswith("1"):
        return digits[1:]
    return digits


def email_key(raw: str) -> str:
    """Provider rules (Gmail dots, sub-address tags), so any spelling of a known mailbox matches."""
    try:
        return email_match_key(raw.lower())
    except ValueError:
        return raw.lower()


def handle_key(raw: str) -> str:
    try:
        return handle_match_key(raw)
    except ValueError:
        return raw.strip().lstrip("@").lower()


# ---------------------------------------------------------------------------------------------
# Generic personal data.

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}"
    rf"|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{4}})"
)
_SUFFIX_ALT = "|".join(STREET_SUFFIXES)
# A compass direction: N, SW, North; not "we" or "ew" ("1423 Elm Street we will...").
_DIRECTION = r"(?:north|south|east|west|[ns][ew]?|[ew])\.?"
# Between the groups of a phone number: space, dot, hyphen, slash or underscore, up to three
# (602 - 555 - 0143). Typographic dashes read as hyphens (see `_DASH`).
_SEP = r"[\s./_-]"
_STATE = r"(?:A[KLRZS]|C[AOT]|D[CE]|FL|G[AU]|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|P[AR]|RI|S[CD]|T[NX]|UT|V[AIT]|W[AIVY])"  # noqa: E501

_ZIP = r"\d{5}(?:-\d{4})?"
_NOT_COMMON = rf"(?!(?i:{'|'.join(sorted(COMMON_WORDS))})\b)"
# The city after a street, up to three words: capitalised whatever the case of the text around it
# (the address pattern ignores case, this does not), and none of them a pronoun or a verb, so that
# "1423 Elm Street, we will kill her" keeps the words after the street. A full stop only ends an
# abbreviation (St. Louis), never a sentence (Millbrook. Pay her a visit). In lower case, a city
# is one only before a state and a ZIP code (phoenix, az 85004).
_CITY_WORD = rf"(?-i:{_NOT_COMMON}(?:[SFMP]t\.|[A-Z][A-Za-z'-]*))"
_CITY = rf"{_CITY_WORD}(?:\s+{_CITY_WORD}){{0,2}}"
_ANY_CITY = rf"{_NOT_COMMON}[a-z][a-z'-]*(?:\s+{_NOT_COMMON}[a-z][a-z'-]*){{0,2}}"
# A word of a street's name, between the house number and the street type: not a pronoun or a
# modal verb, so that "3 of us will run you over" and "5 guys who would drive" are no addresses.
# "Will" and "Can" capitalised may be a street's name (Will Rogers Drive).
_STREET_WORD = (
    r"(?!(?i:you|we|he|she|they|him|her|them|who|would|should|could|shall|must|gonna|wanna|am|is|are|was|were)\b)"
    r"(?!(?-i:will|can)\b)[A-Za-z0-9][A-Za-z0-9'.-]*"
)

PATTERNS: dict[str, re.Pattern[str]] = {
    "email": re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
    "handle": re.compile(r"(?<![\w@/.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?"),
    "phone": re.compile(
        rf"(?<![\w+])(?:\+?1{_SEP}{{0,3}})?(?:\(\d{{3}}\)|\d{{3}}){_SEP}{{0,3}}\d{{3}}{_SEP}{{0,3}}(?:\d{{4}}|\d\d{_SEP}?\d\d)(?!\d)"
        r"(?:\s*(?:x|ext\.?|extension)\s*\d{1,5})?"
        rf"|(?<![\w+])\+(?:[2-9]\d{{0,2}}){_SEP}?\d{{2,4}}(?:{_SEP}?\d{{2,4}}){{2,4}}(?!\d)"
    ),
    "local_phone": re.compile(r"(?<![\d-])\d{3}[-./_]\d{4}(?![\d-])"),
    "ssn": re.compile(
        r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])|(?<!\d)\d{3} \d{2} \d{4}(?!\d)"
        r"|(?i:(?:ssn|social(?: security)?(?: number| no\.?| #)?|ss#)\s*+(?:is|:|#)?\s*+)\d{9}(?!\d)"
    ),
    "dob": re.compile(
        rf"(?i:\b(?:d\.?o\.?b\.?|date of birth|birth ?date|birthday|born(?: on)?|b\.)\s*+(?:is|was|of|:|-)?\s*+)({_DATE})",
        re.IGNORECASE,
    ),
    "plate": re.compile(
        rf"(?i:\b(?:licen[cs]e plates?|plates?|tags?|registration)(?: (?:number|no\.?|num|#))?\s*+(?:is|reads|was|of|:|#)?\s*+)"
        rf"(?:(?:(?i:{_STATE})|[A-Z][a-z]+)\s+)?"
        r"((?=[A-Za-z0-9 -]{0,9}\d)(?=[A-Za-z0-9 -]{0,9}[A-Za-z])[A-Za-z0-9]{1,4}[- ]?[A-Za-z0-9]{2,5})\b"
    ),
    "address": re.compile(
        rf"(?<![\w/-])\d{{1,6}}[A-Za-z]?(?:\s+\d/\d)?\s+(?:{_DIRECTION}\s+)?(?:{_STREET_WORD}\s+){{1,4}}?"
        rf"(?:{_SUFFIX_ALT})\b(?:\.(?=,|\s*(?:apt|unit|suite|ste|#)))?(?:\s+{_DIRECTION}(?![A-Za-z]))?"
        rf"(?:,?\s*(?:apt|apartment|unit|suite|ste|#)\.?\s*+#?\s*+[A-Za-z0-9-]{{1,6}}\b)?"
        rf"(?:,\s*(?:{_CITY}(?:,?\s+(?-i:{_STATE})\b)?(?:\s+{_ZIP})?|{_ANY_CITY},?\s+{_STATE}\s+{_ZIP}))?"
        r"|\b(?i:p\.?\s?o\.?\s+box)\s+\d{1,6}",
        re.IGNORECASE,
    ),
}
# A capitalised given name followed by a capitalised surname, perhaps with a nickname in quotes or
# brackets between them (Mary "Mo" Klein) or a middle initial (an I only with its full stop: "Mary
# I Will" is no name): anyone's name, known or not. A possessive 's stays outside, as it does after
# a known name. It is tried at each capitalised word in turn (`_CAPITALISED`), so that the word
# before a name cannot take its given name away ("Tell Mary Smith").
_FULL_NAME = re.compile(
    r"([A-Z][a-z]+)(?:\s+(?:\([\"'\u201c]?|[\"'\u201c\u2018])[A-Z][a-z]+(?:[\"'\u201d\u2019]?\)|[\"'\u201d\u2019]))?"
    r"(?:\s+(?:[A-HJ-Z]\.?|I\.))?\s+(?P<surname>(?:(?:Mc|Mac|O'|De|Van|Von)\s?)?[A-Z](?:[a-z]+(?:['\u2019](?!s\b)[a-z]+)?|['\u2019][A-Za-z][a-z]+)(?:-[A-Z][a-z]+)?)\b"
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")
# A nickname in quotes or brackets between two words, as between a given name and a surname:
# Katherine "Kat" Moore, Robert (Bob) Smith, Gregory 'the Clerk' Hollister.
# The opening mark comes first, so that the pattern is tried only where there is one.
_NICKNAME = re.compile(
    r"([(\"'\u201c\u2018](?<=[^\W\d_]\s.)[\"'\u201c]?[^\W\d_](?:[^\W\d_]|[ .'\u2019-]){0,30}?"
    r"(?:[\"'\u201d\u2019]?\)|[\"'\u201d\u2019]))(?=\s+[^\W\d_])"
)
_DIGIT = re.compile(r"\d")  # the same digits as the patterns' \d, any script's
# Hyphens, dashes and minus signs that word processors and phones' smart punctuation put where a
# hyphen was typed (an en dash in 602-555-0143): the patterns read each as a hyphen.
_DASH = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
# Seven digits or more, however they are spaced or punctuated within one line (6 0 2 5 5 5 0 1 4 3,
# 602*555*0143, 602,555,0143): a phone only when some of its groups of digits are a known person's.
_DIGIT_RUN = re.compile(r"(?<!\w)\d(?:(?:[^\w\n]|_){0,3}\d){6,}")
_DIGIT_GROUP = re.compile(r"\d+")
PHONE_LENGTHS = range(7, 16)  # E.164 allows 15 digits; seven are a local number
_PHONE_CONTEXT = re.compile(r"(?i)(?:call|phone|cell|number|text|tel|mobile|fax|line|reach)\W{0,3}(?:\w+\W+){0,3}$")


# ---------------------------------------------------------------------------------------------
# The redactor


@dataclass
class _Find:
    """One detector's hit. When hits overlap, the highest rank names the merged span: a known
    person's identifier found by a pattern (500+), then a known name (200-499: longer forms
    first, then workers before family), a misspelt one (150), then generic data (under 100)."""

    start: int
    end: int
    category: str
    person: str | None
    rank: int

    def __post_init__(self) -> None:
        if self.person is not None and self.rank < 100:
            self.rank += 500


@dataclass
class _Known:
    """Identifiers of known people, in the forms that are compared directly."""

    phones: dict[str, str] = field(default_factory=dict)  # ten digits -> person key
    local_phones: dict[str, str] = field(default_factory=dict)  # last seven digits -> key
    emails: dict[str, str] = field(default_factory=dict)
    handles: dict[str, str] = field(default_factory=dict)
    streets: dict[tuple[str, ...], str] = field(default_factory=dict)
    fuzzy: dict[str, tuple[str, str]] = field(default_factory=dict)  # deletion variant -> (name, key)

    def copy(self) -> _Known:
        return _Known(*(dict(getattr(self, f.name)) for f in fields(self)))


FUZZY_MIN_LENGTH = 5


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _with_placeholders(text: str, spans: Sequence[Span]) -> str:
    """`text` with each span (in order, apart) replaced by its placeholder, and nothing else changed."""
    parts, cursor = [], 0
    for span in spans:
        parts += [text[cursor : span.start], span.placeholder]
        cursor = span.end
    return "".join([*parts, text[cursor:]])


def _full_names(text: str) -> list[_Find]:
    """Anyone's full name: a given name the nickname table knows and a surname after it, neither
    of them a common word (`COMMON_WORDS`: "Kill You", "See Christmas") and the surname no place
    word (Jackson County)."""
    names = given_names()
    out: list[_Find] = []
    end = 0
    for word in _CAPITALISED.finditer(text):
        if word.start() < end or fold(word.group()) not in names or fold(word.group()) in COMMON_WORDS:
            continue
        m = _FULL_NAME.match(text, word.start())
        if m is None:
            continue
        surname = [fold(t) for t in _TOKEN.findall(m.group("surname"))]
        if surname[-1] in PLACE_WORDS or COMMON_WORDS.intersection(surname):
            continue
        out.append(_Find(m.start(), m.end(), "name", None, 10))
        end = m.end()
    return out


class Redactor:
    """Finds and replaces personal data for one set of known people; build once, reuse."""

    def __init__(self, people: Iterable[Person] = (), *, base: Redactor | None = None) -> None:
        self.people: dict[str, Person] = dict(base.people) if base else {}
        self._known: _Known = base._known.copy() if base else _Known()
        self._automatons: list[Any] = list(base._automatons) if base else []
        self._automaton: Any = ahocorasick.Automaton()
        for person in people:
            self.people[person.key] = person
            self._learn(person)
        if len(self._automaton):
            self._automaton.make_automaton()
            self._automatons.append(self._automaton)

    def with_people(self, people: Iterable[Person]) -> Redactor:
        """This redactor plus a few more people (a report's own sender), without rebuilding it."""
        return Redactor(people, base=self)

    # -- building

    def _add(self, form: Sequence[str], category: str, person: Person, *, guard: str = "") -> None:
        """Learn one form. `guard` is "" (any case), TITLE (an everyday word: only written with a
        capital), CAPS (initials: only in capitals) or INSIDE (run together: found inside a word)."""
        key = "".join(form) if guard == INSIDE else " " + " ".join(form) + " "
        rank = 200 + 10 * len(form) + KIND_RANKS.get(person.kind, 0)
        existing = self._automaton.get(key, None)
        # A form shared by two people (a surname in one family) goes to the first, workers first.
        if existing is None or existing[3] < rank:
            self._automaton.add_word(key, (len(form), len(key), category, rank, person.key, guard))

    def _learn_name(self, name: str, person: Person) -> None:
        forms = _name_forms_of(name, strong_only=person.strong_only)
        for form in forms.multi:
            self._add(form, "name", person)
        for word in forms.single:
            self._add((word,), "name", person, guard=TITLE if word in EVERYDAY_WORDS else "")
        for form in forms.initials:
            self._add(form, "name", person, guard=CAPS)
        for joined in forms.joined:
            self._add((joined,), "name", person, guard=INSIDE)
        for word in forms.fuzzy:
            if len(word) >= FUZZY_MIN_LENGTH and word not in EVERYDAY_WORDS:
                for variant in _deletions(word) | {word}:
                    self._known.fuzzy.setdefault(variant, (word, person.key))

    def _learn(self, person: Person) -> None:
        for name in (*person.names, *person.aliases):
            self._learn_name(name, person)
        for phone in person.phones:
            digits = phone_digits(phone)
            if len(digits) >= 7:
                self._known.phones.setdefault(digits, person.key)
                self._known.local_phones.setdefault(digits[-7:], person.key)
        for email in person.emails:
            self._known.emails.setdefault(email_key(email), person.key)
            local = fold(email.partition("@")[0])
            if len(local) >= 4:
                self._add(tokens_of(local) or [local], "email", person)
        for handle in person.handles:
            self._known.handles.setdefault(handle_key(handle), person.key)
            words = tokens_of(handle)
            if words and (len(words) > 1 or len(words[0]) >= 4):
                self._add(words, "handle", person)
        for address in person.addresses:
            self._known.streets.setdefault(street_key(address), person.key)
            for form in address_forms(address):
                self._add(form, "address", person)

    # -- finding

    def find(self, text: str) -> list[_Find]:
        if _DASH.search(text):  # one character for one: the offsets stay the same
            text = _DASH.sub("-", text)
        finds: list[_Find] = []
        finds += self._pattern_finds(text)
        if self._automatons or self._known.fuzzy:  # else there is no known name to look for
            tokens = _Tokens(text)
            finds += self._known_finds(tokens)
            finds += self._fuzzy_finds(tokens, finds)
            finds += self._nicknamed_finds(text)
        return finds

    def _pattern_finds(self, text: str) -> list[_Find]:
        out: list[_Find] = []
        if "@" in text:  # every email and handle has one
            out += self._address_finds(text)
        if _DIGIT.search(text):  # every other pattern but a name needs a digit in the text
            out += self._number_finds(text)
        out += _full_names(text)
        return out

    def _address_finds(self, text: str) -> list[_Find]:
        known = self._known
        out: list[_Find] = []
        for m in PATTERNS["email"].finditer(text):
            out.append(_Find(m.start(), m.end(), "email", known.emails.get(email_key(m.group())), 50))
        for m in PATTERNS["handle"].finditer(text):
            out.append(_Find(m.start(), m.end(), "handle", known.handles.get(handle_key(m.group())), 50))
        return out

    def _number_finds(self, text: str) -> list[_Find]:
        known = self._known
        out: list[_Find] = []
        for m in PATTERNS["ssn"].finditer(text):
            out.append(_Find(m.start(), m.end(), "ssn", None, 60))
        for m in PATTERNS["phone"].finditer(text):
            out.append(_Find(m.start(), m.end(), "phone", known.phones.get(phone_digits(m.group())), 40))
        for m in PATTERNS["local_phone"].finditer(text):
            person = known.local_phones.get(phone_digits(m.group()))
            if person or _PHONE_CONTEXT.search(text, max(0, m.start() - 40), m.start()):
                out.append(_Find(m.start(), m.end(), "phone", person, 30))
        if known.phones:
            for m in _DIGIT_RUN.finditer(text):
                out += self._known_phones_in_run(m)
        for m in PATTERNS["dob"].finditer(text):
            out.append(_Find(m.start(1), m.end(1), "dob", None, 45))
        for m in PATTERNS["plate"].finditer(text):
            out.append(_Find(m.start(1), m.end(1), "plate", None, 35))
        for m in PATTERNS["address"].finditer(text):
            out.append(_Find(m.start(), m.end(), "address", known.streets.get(street_key(m.group())), 20))
        return out

    def _known_phones_in_run(self, run: re.Match[str]) -> list[_Find]:
        """A known phone anywhere among a run's groups of digits, so that a number written before
        it (unit 4, 602 555 0143) does not hide it. A phone starts and ends where a group does:
        part of a longer number is not one, nor are the last seven digits of a number with another
        area code. A lone 1 before a phone found without it stays out, as it is more often the end
        of an address (unit 1, 602...) than a country code."""
        at = run.start()
        groups = [(at + g.start(), at + g.end(), phone_digits(g.group())) for g in _DIGIT_GROUP.finditer(run.group())]
        found: dict[tuple[int, int], str] = {}
        for first in range(len(groups)):
            digits = ""
            area_code_before = _ends_an_area_code(groups, first)
            for last in range(first, len(groups)):
                digits += groups[last][2]
                if len(digits) > PHONE_LENGTHS[-1]:
                    break
                person = self._known_phone(digits, area_code_before=area_code_before)
                if person:
                    found[first, last] = person
        return [
            _Find(groups[first][0], groups[last][1], "phone", person, 30)
            for (first, last), person in found.items()
            if not (groups[first][2] == "1" and (first + 1, last) in found)
        ]

    def _known_phone(self, digits: str, *, area_code_before: bool) -> str | None:
        if len(digits) == 7:
            return None if area_code_before else self._known.local_phones.get(digits)
        if len(digits) in PHONE_LENGTHS:
            return self._known.phones.get(digits[1:] if len(digits) == 11 and digits[0] == "1" else digits)
        return None

    def _known_finds(self, tokens: _Tokens) -> list[_Find]:
        if not self._automatons or not tokens.canon:
            return []
        line = " " + " ".join(tokens.canon) + " "
        token_at: dict[int, int] = {}
        pos = 1
        for i, word in enumerate(tokens.canon):
            token_at[pos] = i
            pos += len(word) + 1
        out: list[_Find] = []
        inside: list[int] | None = None
        for automaton in self._automatons:
            for end, (n_words, key_length, category, rank, person, guard) in automaton.iter(line):
                if guard == INSIDE:
                    inside = inside or _token_of_each_char(line)
                    first, last = inside[end - key_length + 1], inside[end]
                else:
                    # The key is ' w1 … wn ', so the first word starts one past where the key begins.
                    first = token_at[end - key_length + 2]
                    last = first + n_words - 1
                if not _guard_holds(guard, tokens, first, last):
                    continue
                out.append(_Find(tokens.starts[first], tokens.ends[last], category, person, rank))
        return out

    def _nicknamed_finds(self, text: str) -> list[_Find]:
        """Known names with a nickname between their words (Katherine "Kat" Moore): looked for
        again with each nickname blanked out, keeping only the finds that reach across one."""
        gaps = [m.span(1) for m in _NICKNAME.finditer(text)]
        if not gaps or not self._automatons:
            return []
        parts, cursor = [], 0
        for start, end in gaps:
            parts += [text[cursor:start], " " * (end - start)]
            cursor = end
        parts.append(text[cursor:])
        finds = self._known_finds(_Tokens("".join(parts)))
        return [f for f in finds if any(f.start < start and end < f.end for start, end in gaps)]

    def _fuzzy_finds(self, tokens: _Tokens, found: list[_Find]) -> list[_Find]:
        """Names misspelled by one letter ('Katherin', 'Jonson'), for names of five letters or more."""
        fuzzy = self._known.fuzzy
        if not fuzzy:
            return []
        covered = {(f.start, f.end) for f in found}
        any_case = tokens.mostly_lower_case
        out: list[_Find] = []
        for i, word in enumerate(tokens.canon):
            if len(word) < FUZZY_MIN_LENGTH - 1 or not word.isalpha() or word in EVERYDAY_WORDS:
                continue
            if not (any_case or tokens.words[i][:1].isupper()):
                continue  # a lower-case word in ordinary prose is a word, not a misspelt name
            hit = fuzzy.get(word)
            if hit is None:
                hit = next((fuzzy[v] for v in _deletions(word) if v in fuzzy), None)
            if hit is None or not _one_edit_apart(word, hit[0]):
                continue
            if (tokens.starts[i], tokens.ends[i]) not in covered:  # offsets only for a likely name
                out.append(_Find(tokens.starts[i], tokens.ends[i], "name", hit[1], 150))
        return out

    # -- replacing

    def redact(self, text: str, *, labels: dict[str, str] | None = None, people_only: bool = False) -> Redacted:
        """The text with every find replaced by its placeholder, and without the characters a
        browser does not draw (see `visible`); the spans index `text` as given. Marks written
        after a letter are read past (see `_MARK`).

        `labels` numbers known people in order of first mention (WORKER-1, FAMILY-1); pass the
        same dict for every text of one report so a person keeps one label throughout, or
        seed it to choose a label. With `people_only`, generic data is left as it is, and so is
        every character outside what is replaced (used to take one person out of a text that
        others may still read in full).
        """
        labels = {} if labels is None else labels
        shown, where = visible(text)
        read, unmarked = _left_out(shown, _MARK, _UNMARKED_RUN)
        finds = self.find(read)
        if people_only:
            finds = [f for f in finds if f.person is not None]
        merged = _merge(finds)
        spans: list[Span] = []
        parts: list[str] = []
        cursor = 0
        for find in merged:
            placeholder = self._placeholder(find, labels)
            first, stop = find.start, find.end  # in `shown`, with the marks on the last letter
            if unmarked is not None:
                first, stop = unmarked[first], unmarked[stop] if stop < len(unmarked) else len(shown)
            start, end = (first, stop) if where is None else (where[first], where[stop - 1] + 1)
            spans.append(Span(start, end, find.category, placeholder, find.person))
            parts.append(shown[cursor:first])
            parts.append(placeholder)
            cursor = stop
        parts.append(shown[cursor:])
        if people_only:  # a text others still read in full: the person goes, every other character stays
            return Redacted(_with_placeholders(text, spans), tuple(spans))
        return Redacted("".join(parts), tuple(spans))

    def redact_many(self, texts: Sequence[str]) -> list[Redacted]:
        labels: dict[str, str] = {}
        return [self.redact(t, labels=labels) for t in texts]

    def _placeholder(self, find: _Find, labels: dict[str, str]) -> str:
        if find.person is None:
            return f"[{find.category.upper()}]"
        label = labels.get(find.person)
        if label is None:
            kind = self.people[find.person].kind
            base = KIND_LABELS.get(kind, "PERSON")
            if kind in NUMBERED_KINDS:
                taken = [int(v.rsplit("-", 1)[1]) for v in labels.values() if re.fullmatch(rf"{base}-\d+", v)]
                label = f"{base}-{max(taken, default=0) + 1}"
            else:
                label = base
            labels[find.person] = label
        return f"[{label}]" if find.category == "name" else f"[{label} {find.category.upper()}]"


TITLE, CAPS, INSIDE = "title", "caps", "inside"
MONTH_NAMES = frozenset({"april", "may", "june", "august"})


def _guard_holds(guard: str, tokens: _Tokens, first: int, last: int) -> bool:
    if guard == TITLE:
        word = tokens.words[first]
        if not (word[:1].isupper() and not word.isupper()):
            return False  # 'will', 'WILL', 'DOB' are words; 'Will' may be a name
        following = tokens.words[last + 1] if last + 1 < len(tokens.words) else ""
        return not (tokens.canon[first] in MONTH_NAMES and following[:1].isdigit())  # 'May 5'
    if guard == CAPS:
        return all(tokens.words[i].isupper() for i in range(first, last + 1))
    return True


def _token_of_each_char(line: str) -> list[int]:
    """For each character of the token line ' w1 w2 … ', the index of its token (-1 for spaces)."""
    index, token = [], -1
    for i, ch in enumerate(line):
        if ch == " ":
            index.append(-1)
        else:
            if i == 0 or line[i - 1] == " ":
                token += 1
            index.append(token)
    return index


def _one_edit_apart(a: str, b: str) -> bool:
    """Levenshtein distance at most one, or two adjacent letters swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _ends_an_area_code(groups: Sequence[tuple[int, int, str]], first: int) -> bool:
    """Whether the groups of digits before `first` end in three digits, or a 1 and three. It
    looks back only as far as that takes (at most four groups), so a long run costs linear work."""
    digits = ""
    for index in range(first - 1, -1, -1):
        group = groups[index][2]
        digits = group + digits
        if len(digits) == 3 or (len(digits) == 4 and group == "1"):
            return True
        if len(digits) > 4:
            return False
    return False


def _merge(finds: list[_Find]) -> list[_Find]:
    """Union overlapping finds; the merged span takes the category and person of its best find."""
    merged: list[_Find] = []
    for find in sorted(finds, key=lambda f: (f.start, -f.end)):
        if merged and find.start < merged[-1].end:
            top = merged[-1]
            best = top if top.rank >= find.rank else find
            merged[-1] = _Find(top.start, max(top.end, find.end), best.category, best.person, max(top.rank, find.rank))
        else:
            merged.append(find)
    return merged


def redact_texts(people: Iterable[Person], texts: Sequence[str]) -> list[Redacted]:
    """One-off convenience: build a redactor for `people` and redact `texts` as one report."""
    return Redactor(people).redact_many(texts)
