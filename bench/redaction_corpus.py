"""Labelled synthetic corpus for the redaction benchmark: deterministic, generated here, no downloads.

    .venv/bin/python bench/redaction_corpus.py            statistics, and bench/results/redaction-corpus.jsonl
    .venv/bin/python bench/redaction_corpus.py --help

`build_corpus(n, seed)` returns `Doc`s: messages in the style of what U.S. election offices receive
(voicemail transcripts, emails, public posts, letters, walk-in notes by staff, web forms, texts;
angry, rambling, conspiratorial, polite but fixated; ALL CAPS, lower case, misspelled). Documents
come in offices of DOCS_PER_OFFICE; every document of an office carries the same protected persons
(`Doc.people`: election workers and their spouses, children and parents, as dicts with the fields
of `threatdesk.privacy.redaction.Person`).

Gold spans (`GoldSpan`) mark every piece of personal data:
  protected_name, protected_phone, protected_email, protected_address, protected_handle
      a protected person's identifier, written the way people write it (first name alone, surname
      alone, "Mrs. Doe", "J. Doe", "J.D.", nicknames, "Doe, Jane", possessives, every phone layout,
      case changes, "West Palm Lane" for "W Palm Ln", "#4" for "Apt 4", a one-letter typo in a
      misspelled message, surnames like "O'Neill", "Nguyen-Tran" or "De La Cruz", ...);
  phone, email, address, dob, plate, ssn
      personal data of nobody on the list (the sender's number, a DOB, a licence plate, ...).
[start, end) is what has to be hidden: a name without its title or "'s", a handle without "@", a
phone number without "+1", an address's street line and unit without city, state and ZIP, a date
of birth or plate without its label. [outer_start, outer_end) adds what may be hidden with it
(the title, "'s", "@", "+1 ", the label, ", Phoenix, AZ 85007"): a prediction there is not a false
positive. `form` says how the mention is written ("name:initials", "phone:dots", ...), so misses can
be counted by form.

Everything else is meant to stay: election dates and times, ballot counts, precincts, batches,
dollar amounts, statutes, case numbers, counties and cities, officials by title, founders quoted by
conspiracy letters, hashtags, public accounts, and common words that are also first names ("mark
my words", "I hope", "grant us an audit", "in June"). Names are generated from common first names
and surnames; phone numbers are in the fictional 555-01xx range; mail domains are example.*;
social security numbers start with 9, an area never issued.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
DEFAULT_SEED = 20241105
DOCS_PER_OFFICE = 20
MAX_FILE_BYTES = 2_000_000
DEFAULT_OUT = BENCH / "results" / "redaction-corpus.jsonl"

PROTECTED_CATEGORIES = ("protected_name", "protected_phone", "protected_email", "protected_address", "protected_handle")
GENERIC_CATEGORIES = ("phone", "email", "address", "dob", "plate", "ssn")
CATEGORIES = PROTECTED_CATEGORIES + GENERIC_CATEGORIES


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    category: str
    person: str | None
    form: str
    outer_start: int
    outer_end: int
    persons: tuple[str, ...] = ()  # every protected person the mention fits (a shared surname, a shared home)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "category": self.category, "form": self.form}
        if self.person is not None:
            out["person"] = self.person
        if (self.outer_start, self.outer_end) != (self.start, self.end):
            out["outer"] = [self.outer_start, self.outer_end]
        if len(self.persons) > 1:
            out["persons"] = list(self.persons)
        return out


@dataclass
class Doc:
    id: str
    office: str
    channel: str
    style: str
    tone: str
    text: str
    people: list[dict[str, Any]]
    spans: list[GoldSpan]


# --- word lists (all invented combinations; no real person is meant) ----------------------------------


def _words(text: str) -> list[str]:
    return text.split()


FIRST_F = _words(
    """
Jane Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Margaret Sandra Ashley
Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca Laura Sharon Cynthia Kathleen Amy
Angela Helen Anna Brenda Pamela Nicole Samantha Katherine Christine Rachel Catherine Carolyn Janet Ruth Maria
Heather Diane Virginia Julie Joyce Victoria Kelly Christina Joan Evelyn Lauren Judith Frances Martha Cheryl
Megan Andrea Hannah Jacqueline Alice Gloria Teresa Doris Julia Marie Grace Theresa Beverly Denise Marilyn
Amber Danielle Abigail Rose Diana Natalie Sophia Lori Kayla June Hope Faith Joy Rosa Lucia Guadalupe Mei Priya
Aaliyah Keisha Ngozi Yolanda Alicia Valerie Gwendolyn Allison Dorothy
"""
)
FIRST_M = _words(
    """
James Robert John Michael David William Richard Joseph Thomas Christopher Charles Daniel Matthew Anthony Mark
Donald Steven Andrew Paul Joshua Kenneth Kevin Brian Timothy Ronald George Jason Edward Jeffrey Ryan Jacob
Nicholas Gary Eric Jonathan Stephen Larry Justin Scott Benjamin Brandon Samuel Gregory Alexander Patrick Frank
Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Zachary Douglas Peter Kyle Noah Ethan Jeremy
Walter Christian Keith Roger Terry Austin Sean Gerald Carl Harold Dylan Arthur Lawrence Jesse Bryan Bruce
Gabriel Logan Alan Juan Albert Wayne Randy Vincent Mason Roy Ralph Russell Bradley Philip Eugene Grant Carlos
Luis Dmitri Hiroshi Kwame Tariq Malik Leonard Frederick
"""
)
SURNAMES = [
    *_words(
        """
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson
Anderson Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson
Walker Young Allen King Wright Torres Nguyen Hill Flores Green Nelson Baker Hall Rivera Campbell Mitchell
Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales
Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward
Richardson Watson Brooks Chavez Wood Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel
Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes
Fisher Vasquez Simmons Romero Patterson Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera
Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods
Kennedy Wells Vargas Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez
Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Stone Salazar Fox
Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Dunn
Spencer Hawkins Arnold Pierce Hansen Peters Santos Hart Knight Elliott Cunningham Duncan Armstrong Hudson
Carroll Riley Andrews Berry Perkins Hoffman Johnston Matthews Pena Richards Willis Carpenter Sandoval Okafor
Lindqvist Castellano Whitford Nakamura Oyelaran Brennan Halvorsen Marchetti Abernathy Delacroix Fairweather
Kowalczyk Thibodeaux Yazzie Begay Kaur Haddad
"""
    ),
    # surnames with an apostrophe, a hyphen, a space or a period
    *["O'Brien", "O'Neill", "Garcia-Lopez", "De La Cruz", "Van Dyke", "McAllister", "Nguyen-Tran", "St. Clair"],
]

# Common English nicknames, every one of them also listed by the `nicknames` package (1.0.1), so a
# redactor that derives nicknames from that package can find each. Keys are formal first names.
NICKNAMES = {
    "robert": "bob bobby rob robby", "william": "bill billy will willie", "elizabeth": "liz beth betsy lizzie eliza",
    "richard": "rick rich ricky", "james": "jim jimmy jamie", "john": "jack johnny", "michael": "mike mikey mick",
    "joseph": "joe joey", "thomas": "tom tommy", "christopher": "chris", "charles": "charlie chuck",
    "daniel": "dan danny", "matthew": "matt", "anthony": "tony", "donald": "don donny", "steven": "steve",
    "andrew": "andy drew", "kenneth": "ken kenny", "timothy": "tim timmy", "ronald": "ron ronnie",
    "edward": "ed eddie ted ned", "jeffrey": "jeff", "nicholas": "nick nicky", "gregory": "greg",
    "alexander": "alex", "patrick": "pat", "benjamin": "ben benny", "samuel": "sam sammy", "jonathan": "jon jonny",
    "lawrence": "larry", "raymond": "ray", "gerald": "jerry", "peter": "pete", "zachary": "zach zack",
    "douglas": "doug", "walter": "walt", "margaret": "peggy maggie meg marge", "patricia": "pat patty trish",
    "jennifer": "jen jenny", "susan": "sue susie", "deborah": "deb debbie", "katherine": "kate kathy katy",
    "kathleen": "kathy katy", "catherine": "cathy kathy", "rebecca": "becky becca", "christine": "chris chrissy",
    "pamela": "pam", "cynthia": "cindy", "barbara": "babs barbie", "samantha": "sam sammy", "victoria": "vicky tori",
    "abigail": "abby", "jacqueline": "jackie", "judith": "judy", "theresa": "terry tess", "teresa": "terry tess",
    "kimberly": "kim", "stephanie": "steph", "amanda": "mandy", "dorothy": "dot dottie", "frances": "fran",
    "virginia": "ginny", "jane": "janie", "joshua": "josh", "nathan": "nate", "frederick": "fred freddie",
    "gabriel": "gabe", "vincent": "vince", "philip": "phil", "russell": "russ", "bradley": "brad", "eugene": "gene",
    "harold": "hal harry", "henry": "hank", "albert": "al bert", "arthur": "art", "leonard": "len lenny leo",
    "melissa": "missy mel", "angela": "angie", "emily": "emmy", "sophia": "sophie", "valerie": "val",
    "gwendolyn": "gwen wendy", "allison": "allie ally", "danielle": "dani",
}  # fmt: skip

# (county, state, state name, cities, area codes, ZIP prefix): public places, never personal data.
OFFICES = [
    ("Maricopa County", "AZ", "Arizona", ["Phoenix", "Mesa", "Glendale", "Tempe", "Chandler"], ["602", "480", "623"], "850"),
    ("Pima County", "AZ", "Arizona", ["Tucson", "Marana", "Oro Valley"], ["520"], "857"),
    ("Coconino County", "AZ", "Arizona", ["Flagstaff", "Sedona", "Page"], ["928"], "860"),
    ("Fulton County", "GA", "Georgia", ["Atlanta", "Alpharetta", "Roswell"], ["404", "678", "470"], "303"),
    ("Cobb County", "GA", "Georgia", ["Marietta", "Smyrna", "Kennesaw"], ["770", "678"], "300"),
    ("Gwinnett County", "GA", "Georgia", ["Lawrenceville", "Duluth", "Snellville"], ["770", "470"], "300"),
    ("Clark County", "NV", "Nevada", ["Las Vegas", "Henderson", "North Las Vegas"], ["702", "725"], "891"),
    ("Washoe County", "NV", "Nevada", ["Reno", "Sparks"], ["775"], "895"),
    ("Wayne County", "MI", "Michigan", ["Detroit", "Dearborn", "Livonia"], ["313", "734"], "482"),
    ("Kent County", "MI", "Michigan", ["Grand Rapids", "Kentwood", "Walker"], ["616"], "495"),
    ("Philadelphia County", "PA", "Pennsylvania", ["Philadelphia"], ["215", "267"], "191"),
    ("Allegheny County", "PA", "Pennsylvania", ["Pittsburgh", "McKeesport", "Bethel Park"], ["412"], "152"),
    ("Lancaster County", "PA", "Pennsylvania", ["Lancaster", "Lititz", "Ephrata"], ["717"], "176"),
    ("Dane County", "WI", "Wisconsin", ["Madison", "Sun Prairie", "Fitchburg"], ["608"], "537"),
    ("Milwaukee County", "WI", "Wisconsin", ["Milwaukee", "Wauwatosa", "West Allis"], ["414"], "532"),
    ("Wake County", "NC", "North Carolina", ["Raleigh", "Cary", "Apex"], ["919", "984"], "276"),
    ("Mecklenburg County", "NC", "North Carolina", ["Charlotte", "Huntersville", "Cornelius"], ["704", "980"], "282"),
    ("Harris County", "TX", "Texas", ["Houston", "Pasadena", "Baytown"], ["713", "281", "832"], "770"),
    ("Tarrant County", "TX", "Texas", ["Fort Worth", "Arlington", "Mansfield"], ["817", "682"], "761"),
    ("Fairfax County", "VA", "Virginia", ["Fairfax", "Reston", "Herndon"], ["703", "571"], "220"),
    ("Hillsborough County", "FL", "Florida", ["Tampa", "Brandon", "Plant City"], ["813"], "336"),
    ("Jefferson County", "CO", "Colorado", ["Golden", "Lakewood", "Arvada"], ["303", "720"], "804"),
    ("Multnomah County", "OR", "Oregon", ["Portland", "Gresham"], ["503", "971"], "972"),
    ("Hennepin County", "MN", "Minnesota", ["Minneapolis", "Bloomington", "Edina"], ["612", "952"], "554"),
    ("Ottawa County", "MI", "Michigan", ["Holland", "Grand Haven", "Hudsonville"], ["616"], "494"),
]

STREETS = _words(
    """
Palm Oak Maple Cedar Pine Elm Willow Birch Sycamore Juniper Mesquite Saguaro Ocotillo Cactus Camelback Osborn
Peachtree Magnolia Dogwood Hickory Chestnut Walnut Aspen Spruce Laurel Holly Lakeview Ridgecrest Sunset
Highland Meadow Orchard Prairie Harbor Briarwood Stonegate Foxglove Bluebonnet Cottonwood Ironwood Larkspur
Hawthorne Primrose Whitehall Kingsley Brookside Fairview Greenbriar Hillcrest Riverside Sandpiper
"""
)
STREET_TWO_WORDS = ["Mill Creek", "Fox Run", "Quail Hollow", "Cherry Blossom", "Desert Willow", "Indian School", "Deer Park"]
SUFFIXES = [("St", "Street"), ("Ave", "Avenue"), ("Ln", "Lane"), ("Rd", "Road"), ("Dr", "Drive"), ("Ct", "Court"),
            ("Blvd", "Boulevard"), ("Pl", "Place"), ("Cir", "Circle"), ("Ter", "Terrace"), ("Pkwy", "Parkway"),
            ("Trl", "Trail"), ("Way", "Way")]  # fmt: skip
SUFFIX_FULL = dict(SUFFIXES)
DIRECTIONS = {"N": "North", "S": "South", "E": "East", "W": "West"}
WORKER_ROLES = ["elections director", "county recorder", "deputy registrar", "ballot processing supervisor",
                "county clerk", "election judge", "poll worker", "canvass board member", "voter services manager"]  # fmt: skip
MAIL_DOMAINS = ["example.com", "example.net", "example.org", "mail.example.com", "inbox.example.net", "home.example.org"]
PLATFORMS = ["Instagram", "TikTok", "Facebook", "X", "Threads", "Snapchat"]
PLATFORM_URLS = ["instagram.com/", "https://www.instagram.com/", "x.com/", "https://x.com/", "tiktok.com/@", "facebook.com/"]
VEHICLES = ["white Ford F-150", "silver Toyota Camry", "black Chevy Tahoe", "red Jeep Wrangler", "gray Honda Odyssey",
            "blue Toyota Tacoma", "green Subaru Outback", "tan Dodge Ram", "maroon Buick Enclave", "white Kia Soul"]  # fmt: skip
FOUNDERS = ["George Washington", "Thomas Jefferson", "Benjamin Franklin", "John Adams", "Abraham Lincoln",
            "Patrick Henry", "Thomas Paine", "James Madison", "Samuel Adams"]  # fmt: skip
OFFICIALS = ["the Secretary of State", "the Attorney General", "the Governor", "the Board of Supervisors",
             "the County Recorder's office", "the Sheriff", "the FBI", "the DOJ", "the state legislature",
             "the Election Assistance Commission", "the county attorney"]  # fmt: skip
STATUTES = ["A.R.S. § 16-1013", "O.C.G.A. § 21-2-566", "NRS 293.700", "MCL 168.932", "25 P.S. § 3527",
            "Wis. Stat. § 12.09", "N.C.G.S. § 163-274", "Tex. Elec. Code § 276.001", "18 U.S.C. § 594",
            "52 U.S.C. § 20511", "18 U.S.C. 241", "Section 16-452", "42 U.S.C. 1983"]  # fmt: skip
HASHTAGS = ["#AuditTheVote", "#DecertifyNow", "#ElectionFraud", "#WeThePeople", "#Treason", "#CountEveryVote",
            "#StopTheFraud", "#ChainOfCustody", "#Election2024", "#PaperBallotsNow"]  # fmt: skip
PUBLIC_ACCOUNTS = ["@CountyElections", "@SecStateOffice", "@StateGOP", "@StateDems", "@LocalNews4", "@VoteInfo"]
ANON_NAMES = ["Concerned Voter", "A Patriot", "anonymous", "Taxpayer", "We The People", "none of your business",
              "Watching", "Real American", "n/a"]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip


# --- protected persons ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    number: str
    direction: str  # "", "N", "S", "E", "W"
    street: str
    suffix: str  # abbreviation, a key of SUFFIX_FULL
    unit: str  # "" or "4", "12B"
    city: str
    state: str
    zip: str

    def street_line(self) -> str:
        parts = [self.number, *([self.direction] if self.direction else []), self.street, self.suffix]
        line = " ".join(parts)
        return f"{line} Apt {self.unit}" if self.unit else line

    def given(self) -> str:
        return f"{self.street_line()}, {self.city}, {self.state} {self.zip}"


@dataclass
class Human:
    key: str
    kind: str  # "worker" or "family"
    first: str
    middle: str  # an initial or ""
    last: str
    gender: str  # "f" or "m"
    aliases: list[str]
    phones: list[str]
    emails: list[str]
    handles: list[str]
    addresses: list[Address]
    relation: str = ""  # family: husband, wife, son, daughter, mother, father
    role: str = ""  # worker: job title
    family: list[Human] = field(default_factory=list)

    @property
    def nicks(self) -> list[str]:
        return [n.capitalize() for n in NICKNAMES.get(self.first.lower(), "").split()]

    def names(self) -> list[str]:
        middle = f" {self.middle}." if self.middle else ""
        return [f"{self.first}{middle} {self.last}"]

    def person(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "names": self.names(),
            "aliases": list(self.aliases),
            "phones": list(self.phones),
            "emails": list(self.emails),
            "handles": list(self.handles),
            "addresses": [a.given() for a in self.addresses],
        }


@dataclass
class Office:
    id: str
    county: str
    state: str
    state_name: str
    cities: list[str]
    area_codes: list[str]
    zip_prefix: str
    workers: list[Human]
    people: list[Human]
    used: set[str] = field(default_factory=set)


def _pick_weighted(rng: random.Random, table: list[tuple[Any, float]]) -> Any:
    return rng.choices([k for k, _ in table], weights=[w for _, w in table], k=1)[0]


def _unique_phone(rng: random.Random, office: Office) -> str:
    for _ in range(1000):
        number = f"+1{rng.choice(office.area_codes)}5550{rng.randint(100, 199):03d}"
        if number not in office.used:
            office.used.add(number)
            return number
    raise RuntimeError("ran out of 555-01xx numbers")


def _new_address(rng: random.Random, office: Office, unit_share: float = 0.2) -> Address:
    for _ in range(1000):
        street = rng.choice(STREETS) if rng.random() < 0.8 else rng.choice(STREET_TWO_WORDS)
        if rng.random() < 0.12:
            n = rng.randint(2, 99)
            ordinal = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
            street = f"{n}{ordinal}"
        address = Address(
            number=str(rng.choice([rng.randint(100, 999), rng.randint(1000, 9999), rng.randint(10000, 29999)])),
            direction=rng.choice(list(DIRECTIONS)) if rng.random() < 0.45 else "",
            street=street,
            suffix=rng.choice(list(SUFFIX_FULL)),
            unit=(str(rng.randint(1, 40)) + rng.choice(["", "", "", "B", "A"])) if rng.random() < unit_share else "",
            city=rng.choice(office.cities),
            state=office.state,
            zip=f"{office.zip_prefix}{rng.randint(1, 99):02d}",
        )
        marker = f"{address.number} {address.street}".lower()
        if marker not in office.used:
            office.used.add(marker)
            return address
    raise RuntimeError("could not draw a fresh address")


def _ascii_word(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _email_for(rng: random.Random, first: str, last: str, middle: str, office: Office) -> str:
    f, la, yy = _ascii_word(first), _ascii_word(last), rng.randint(60, 99)
    local = rng.choice(
        [f"{f}.{la}", f"{f[0]}{la}", f"{f}{la}{yy}", f"{la}.{f}", f"{f}_{la}{rng.randint(1, 9)}",
         f"{f}{(middle or 'x').lower()}{la}", f"{f[0]}.{la}{rng.randint(1, 99)}"]
    )  # fmt: skip
    email = f"{local}@{rng.choice(MAIL_DOMAINS)}"
    if email in office.used:
        email = f"{local}{rng.randint(100, 999)}@{rng.choice(MAIL_DOMAINS)}"
    office.used.add(email)
    return email


def _handle_for(rng: random.Random, first: str, last: str, office: Office) -> str:
    f, la, st = _ascii_word(first), _ascii_word(last), office.state.lower()
    handle = rng.choice(
        [f"{f}{la}_{st}", f"{f[0]}{la}{rng.choice(office.area_codes)}", f"real{f}{la}", f"{f}_{la}",
         f"{la}{f[0]}{rng.randint(70, 99)}", f"{f}.{la}.{st}" if False else f"{f}{la}{rng.randint(1, 99)}"]
    )  # fmt: skip
    if rng.random() < 0.2:
        handle = re.sub(r"[^A-Za-z]", "", f"{first}{last}") + office.state
    if handle.lower() in office.used:
        handle = f"{handle}{rng.randint(2, 9)}"
    office.used.add(handle.lower())
    return handle


def _draw_name(rng: random.Random, gender: str, taken_first: set[str], taken: set[str]) -> str:
    pool = FIRST_F if gender == "f" else FIRST_M
    for _ in range(200):
        first = rng.choice(pool)
        if first not in taken_first and first not in taken:
            return first
    raise RuntimeError("no first name left")


def build_office(rng: random.Random, index: int) -> Office:
    county, state, state_name, cities, area_codes, zip_prefix = OFFICES[index % len(OFFICES)]
    office = Office(f"o{index:03d}", county, state, state_name, list(cities), list(area_codes), zip_prefix, [], [])
    taken_first: set[str] = set()
    taken_last: set[str] = set()
    n_workers = rng.choice([2, 3, 3, 4])
    for w in range(1, n_workers + 1):
        gender = rng.choice("fm")
        first = _draw_name(rng, gender, taken_first, taken_last)
        last = rng.choice([s for s in SURNAMES if s not in taken_last and s not in taken_first])
        taken_first.add(first)
        taken_last.add(last)
        home = _new_address(rng, office)
        worker = Human(
            key=f"{office.id}-w{w}",
            kind="worker",
            first=first,
            middle=rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.5 else "",
            last=last,
            gender=gender,
            aliases=[],
            phones=[_unique_phone(rng, office) for _ in range(rng.choice([1, 1, 2]))],
            emails=[],
            handles=[],
            addresses=[home],
            role=rng.choice(WORKER_ROLES),
        )
        worker.emails = [_email_for(rng, first, last, worker.middle, office) for _ in range(rng.choice([1, 1, 2]))]
        worker.handles = [_handle_for(rng, first, last, office) for _ in range(rng.choice([0, 1, 1, 1, 2]))]
        if worker.nicks and rng.random() < 0.5:
            worker.aliases = [rng.choice(worker.nicks)]
        office.workers.append(worker)
        office.people.append(worker)

        relatives: list[tuple[str, str]] = []
        if rng.random() < 0.7:
            same_sex = rng.random() < 0.1
            spouse_gender = gender if same_sex else ("m" if gender == "f" else "f")
            relatives.append(("spouse", spouse_gender))
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            relatives.append(("child", rng.choice("fm")))
        if rng.random() < 0.3:
            relatives.append(("parent", rng.choice("fm")))
        children = 0
        for relation, rel_gender in relatives:
            children += relation == "child"
            rel_first = _draw_name(rng, rel_gender, taken_first, taken_last)
            taken_first.add(rel_first)
            rel_last = last
            if (relation == "spouse" and rng.random() < 0.25) or (
                relation == "parent" and rel_gender == "f" and rng.random() < 0.5
            ):
                rel_last = rng.choice([s for s in SURNAMES if s not in taken_last and s not in taken_first])
                taken_last.add(rel_last)
            word = {
                ("spouse", "f"): "wife",
                ("spouse", "m"): "husband",
                ("child", "f"): "daughter",
                ("child", "m"): "son",
                ("parent", "f"): "mother",
                ("parent", "m"): "father",
            }[(relation, rel_gender)]
            share = {"spouse": (0.7, 0.5, 0.3), "child": (0.3, 0.2, 0.5), "parent": (0.5, 0.3, 0.1)}[relation]
            relative = Human(
                key=f"{worker.key}-{relation}{children if relation == 'child' else ''}",
                kind="family",
                first=rel_first,
                middle=rng.choice("ABCDEJKLMRST") if rng.random() < 0.3 else "",
                last=rel_last,
                gender=rel_gender,
                aliases=[],
                phones=[_unique_phone(rng, office)] if rng.random() < share[0] else [],
                emails=[_email_for(rng, rel_first, rel_last, "", office)] if rng.random() < share[1] else [],
                handles=[_handle_for(rng, rel_first, rel_last, office)] if rng.random() < share[2] else [],
                addresses=[home] if relation != "parent" else [_new_address(rng, office, 0.1)],
                relation=word,
            )
            if relative.nicks and rng.random() < 0.4:
                relative.aliases = [rng.choice(relative.nicks)]
            worker.family.append(relative)
            office.people.append(relative)
    return office


# --- how identifiers are written ---------------------------------------------------------------------


@dataclass
class Mention:
    before: str  # may be hidden with the mention (title, "@", "+1 ", a label)
    inner: str  # has to be hidden
    after: str  # may be hidden with it ("'s", ", Phoenix, AZ 85007")
    category: str
    person: str | None
    form: str
    persons: tuple[str, ...] = ()


NAME_FORMS_WORKER = [("full", 26), ("first", 16), ("title", 12), ("last", 5), ("nick", 9), ("nick_full", 5),
                     ("initial_last", 5), ("initials", 3), ("reversed", 4), ("given", 6), ("first_mi_last", 2),
                     ("first_last_title", 2)]  # fmt: skip
NAME_FORMS_FAMILY = [("first", 40), ("full", 25), ("nick", 15), ("title", 5), ("given", 5), ("reversed", 2),
                     ("initial_last", 3), ("nick_full", 5)]  # fmt: skip


def _title(rng: random.Random, h: Human) -> str:
    if rng.random() < 0.05:
        return "Dr. "
    if h.gender == "m":
        return rng.choice(["Mr. ", "Mr. ", "Mr "])
    return rng.choice(["Ms. ", "Ms. ", "Mrs. ", "Mrs. ", "Miss "])


def typo(rng: random.Random, word: str) -> str:
    """One slip of the keyboard inside a word of five letters or more (never its first letter)."""
    for _ in range(20):
        i = rng.randint(1, len(word) - 2)
        op = rng.choice(["drop", "swap", "double", "vowel"])
        if op == "drop":
            out = word[:i] + word[i + 1 :]
        elif op == "swap":
            out = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif op == "double":
            out = word[:i] + word[i] + word[i:]
        else:
            vowels = [j for j in range(1, len(word)) if word[j] in "aeiou"]
            if not vowels:
                continue
            j = rng.choice(vowels)
            out = word[:j] + rng.choice([v for v in "aeiou" if v != word[j]]) + word[j + 1 :]
        if out != word and out.isalpha():
            return out
    return word


def name_mention(
    rng: random.Random, h: Human, office: Office, form: str | None = None, possessive: bool = False, misspell: bool = False
) -> Mention:
    if form is None:
        form = _pick_weighted(rng, NAME_FORMS_WORKER if h.kind == "worker" else NAME_FORMS_FAMILY)
    if form in ("nick", "nick_full") and not h.nicks:
        form = "full"
    if form == "first_mi_last" and not h.middle:
        form = "full"
    before = ""
    nick = ""
    if form in ("nick", "nick_full"):
        nick = rng.choice(h.aliases) if h.aliases and rng.random() < 0.5 else rng.choice(h.nicks)
    if form == "full":
        inner = f"{h.first} {h.last}"
    elif form == "given":
        inner = h.names()[0]
    elif form == "first":
        inner = h.first
    elif form == "title":
        before, inner = _title(rng, h), h.last
    elif form == "first_last_title":
        before, inner = _title(rng, h), f"{h.first} {h.last}"
    elif form == "last":
        inner = h.last
    elif form == "nick":
        inner = nick
    elif form == "nick_full":
        inner = f"{nick} {h.last}"
    elif form == "initial_last":
        inner = f"{h.first[0]}. {h.last}"
    elif form == "initials":
        inner = f"{h.first[0]}.{h.last[0]}."
    elif form == "reversed":
        inner = f"{h.last}, {h.first}"
    elif form == "first_mi_last":
        inner = f"{h.first} {h.middle} {h.last}"
    else:
        raise ValueError(form)
    tag = form
    if form in ("nick", "nick_full"):
        tag = f"{form}_alias" if nick in h.aliases else f"{form}_derived"
    if misspell:
        # the sender misspells the longest word of the name, if it has five letters or more
        word = max(re.findall(r"[A-Za-z]+", inner), key=len)
        wrong = typo(rng, word) if len(word) >= 5 else word
        if wrong != word:
            inner = inner.replace(word, wrong, 1)
            tag += "+typo"
    if form in ("title", "last"):
        persons = tuple(p.key for p in office.people if p.last == h.last)
    elif form == "initials":
        persons = tuple(p.key for p in office.people if p.first[0] == h.first[0] and p.last[0] == h.last[0])
    else:
        persons = (h.key,)
    after = ""
    if possessive:
        after = "'" if inner.endswith("s") and rng.random() < 0.5 else "'s"
        tag += "+possessive"
    return Mention(before, inner, after, "protected_name", h.key, f"name:{tag}", persons)


PHONE_FORMS = [("parens", 20), ("dashes", 20), ("dots", 12), ("spaces", 6), ("plus1_spaces", 8), ("plus1_dashes", 3),
               ("one_dashes", 5), ("digits", 10), ("e164", 6), ("plus1_parens", 4), ("parens_nospace", 3)]  # fmt: skip


def phone_text(rng: random.Random, e164: str) -> tuple[str, str, str]:
    d = e164[-10:]
    a, b, c = d[:3], d[3:6], d[6:]
    form = _pick_weighted(rng, PHONE_FORMS)
    before, inner = {
        "parens": ("", f"({a}) {b}-{c}"),
        "dashes": ("", f"{a}-{b}-{c}"),
        "dots": ("", f"{a}.{b}.{c}"),
        "spaces": ("", f"{a} {b} {c}"),
        "plus1_spaces": ("+1 ", f"{a} {b} {c}"),
        "plus1_dashes": ("+1-", f"{a}-{b}-{c}"),
        "one_dashes": ("1-", f"{a}-{b}-{c}"),
        "digits": ("", d),
        "e164": ("+1", d),
        "plus1_parens": ("+1 ", f"({a}) {b}-{c}"),
        "parens_nospace": ("", f"({a}){b}-{c}"),
    }[form]
    return before, inner, form


def email_text(rng: random.Random, email: str) -> tuple[str, str]:
    form = _pick_weighted(rng, [("as_given", 60), ("capitalised", 25), ("upper_domain", 10), ("upper_local", 5)])
    local, domain = email.split("@")
    if form == "capitalised":
        local = ".".join(p[:1].upper() + p[1:] for p in local.split("."))
        domain = domain[:1].upper() + domain[1:]
    elif form == "upper_domain":
        domain = domain.upper()
    elif form == "upper_local":
        local = local.upper()
    return f"{local}@{domain}", form


def handle_text(rng: random.Random, handle: str) -> tuple[str, str, str]:
    form = _pick_weighted(rng, [("at", 55), ("at_case_changed", 12), ("url", 15), ("platform_bare", 18)])
    if form == "at":
        return "@", handle, form
    if form == "at_case_changed":
        changed = handle.lower() if handle != handle.lower() else handle[:1].upper() + handle[1:]
        if changed == handle:
            changed = handle.upper()
        return "@", changed, form
    if form == "url":
        return rng.choice(PLATFORM_URLS), handle, form
    return f"{rng.choice(PLATFORMS)} user ", handle, form


def address_text(rng: random.Random, a: Address, with_tail: float = 0.45) -> tuple[str, str, str]:
    """(street line as written, the city/state/ZIP tail, form)."""
    dir_style = _pick_weighted(rng, [("abbr", 50), ("dot", 12), ("full", 28), ("none", 10)]) if a.direction else "abbr"
    suffix_style = _pick_weighted(rng, [("abbr", 50), ("dot", 15), ("full", 35)])
    unit_style = _pick_weighted(rng, [("Apt", 45), ("Apt.", 10), ("#", 25), ("Apartment", 12), ("Unit", 8)])
    words = [a.number]
    if a.direction and dir_style != "none":
        words.append({"abbr": a.direction, "dot": a.direction + ".", "full": DIRECTIONS[a.direction]}[dir_style])
    words.append(a.street)
    if a.suffix != "Way":
        words.append({"abbr": a.suffix, "dot": a.suffix + ".", "full": SUFFIX_FULL[a.suffix]}[suffix_style])
    else:
        words.append("Way")
    line = " ".join(words)
    if a.unit:
        unit = f"#{a.unit}" if unit_style == "#" else f"{unit_style} {a.unit}"
        line += rng.choice([" ", ", "]) + unit
    tail = ""
    if rng.random() < with_tail:
        tail = _pick_weighted(
            rng,
            [(f", {a.city}, {a.state} {a.zip}", 45), (f", {a.city}", 25), (f", {a.city}, {a.state}", 15),
             (f" {a.city} {a.state} {a.zip}", 10), (f", {a.zip}", 5)],
        )  # fmt: skip
    if a.direction and dir_style == "none":
        form = "no_direction"
    elif (a.direction and dir_style == "full") or (a.suffix != "Way" and suffix_style == "full"):
        form = "spelled_out"
    elif dir_style == "dot" or suffix_style == "dot":
        form = "dotted"
    elif a.unit and unit_style != "Apt":
        form = "unit_variant"
    elif tail == f", {a.city}, {a.state} {a.zip}":
        form = "as_given"
    else:
        form = "abbreviated"
    return line, tail, form


# --- generic personal data -------------------------------------------------------------------------------


def _date_text(rng: random.Random, year: int, month: int, day: int, forms: list[tuple[str, float]]) -> str:
    form = _pick_weighted(rng, forms)
    name = MONTHS[month - 1]
    suffix = "th" if 10 <= day <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return {
        "mdy_slash": f"{month:02d}/{day:02d}/{year}",
        "mdy_short": f"{month}/{day}/{str(year)[2:]}",
        "mdy_loose": f"{month}/{day}/{year}",
        "mdy_dash": f"{month:02d}-{day:02d}-{year}",
        "iso": f"{year}-{month:02d}-{day:02d}",
        "long": f"{name} {day}, {year}",
        "long_ordinal": f"{name} {day}{suffix}, {year}",
        "day_month": f"{day} {name[:3]} {year}",
        "abbr": f"{name[:3]}. {day}, {year}",
    }[form]


def dob_mention(rng: random.Random, narrative: bool) -> Mention:
    year, month, day = rng.randint(1940, 2006), rng.randint(1, 12), rng.randint(1, 28)
    if narrative:
        label = _pick_weighted(rng, [("born ", 60), ("born on ", 25), ("b. ", 15)])
        forms = [("long", 40), ("long_ordinal", 15), ("mdy_loose", 20), ("mdy_slash", 15), ("day_month", 10)]
    else:
        label = _pick_weighted(rng, [("DOB ", 40), ("DOB: ", 20), ("D.O.B. ", 10), ("date of birth ", 15),
                                     ("date of birth: ", 10), ("birthday ", 5)])  # fmt: skip
        forms = [("mdy_slash", 35), ("mdy_short", 15), ("mdy_dash", 10), ("iso", 10), ("long", 20), ("abbr", 10)]
    date = _date_text(rng, year, month, day, forms)
    return Mention(label, date, "", "dob", None, f"dob:{label.strip(' :').lower()}")


def ssn_mention(rng: random.Random) -> Mention:
    while True:
        area, group, serial = rng.randint(900, 999), rng.randint(1, 99), rng.randint(1, 9999)
        if group != 0 and serial != 0 and f"{area}{group:02d}{serial:04d}" != "987654320":
            break
    form = _pick_weighted(rng, [("dashes", 60), ("spaces", 20), ("digits", 20)])
    sep = {"dashes": "-", "spaces": " ", "digits": ""}[form]
    number = f"{area}{sep}{group:02d}{sep}{serial:04d}"
    label = _pick_weighted(rng, [("SSN ", 35), ("SSN: ", 15), ("social security number ", 20), ("SS# ", 10),
                                 ("SSN# ", 10), ("social ", 10)])  # fmt: skip
    return Mention(label, number, "", "ssn", None, f"ssn:{form}")


def plate_mention(rng: random.Random, office: Office) -> Mention:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"

    def lt(n: int) -> str:
        return "".join(rng.choice(letters) for _ in range(n))

    def dg(n: int) -> str:
        return "".join(str(rng.randint(0, 9)) for _ in range(n))

    shape = _pick_weighted(rng, [("LLL-DDDD", 30), ("LLLDDDD", 25), ("DLLL-DDD", 10), ("DLLLDDD", 15), ("LLL DDDD", 20)])
    plate = {
        "LLL-DDDD": lambda: f"{lt(3)}-{dg(4)}",
        "LLLDDDD": lambda: f"{lt(3)}{dg(4)}",
        "DLLL-DDD": lambda: f"{dg(1)}{lt(3)}-{dg(3)}",
        "DLLLDDD": lambda: f"{dg(1)}{lt(3)}{dg(3)}",
        "LLL DDDD": lambda: f"{lt(3)} {dg(4)}",
    }[shape]()
    label = _pick_weighted(
        rng,
        [(f"plate {office.state} ", 30), ("plate number ", 15), ("tag number ", 15), ("license plate ", 15),
         (f"{office.state_name} plate ", 10), ("plates ", 10), (f"tag {office.state} ", 5)],
    )  # fmt: skip
    return Mention(label, plate, "", "plate", None, f"plate:{shape}")


def generic_phone(rng: random.Random, office: Office) -> Mention:
    before, inner, form = phone_text(rng, _unique_phone(rng, office))
    return Mention(before, inner, "", "phone", None, f"phone:{form}")


def generic_email(rng: random.Random, office: Office) -> Mention:
    stem = rng.choice(["patriot", "truthseeker", "freedom", "eagle", "liberty", "watchdog", "voter", "citizen",
                       "redwhiteblue", "wethepeople", "justasking", "realamerican", "m.kerr", "dkowal", "tjbriggs"])  # fmt: skip
    local = f"{stem}{rng.choice(['', str(rng.randint(1, 99)), '1776', '_' + office.state.lower(), str(rng.randint(1950, 2001))])}"
    email = f"{local}@{rng.choice(MAIL_DOMAINS)}"
    office.used.add(email)
    text, form = email_text(rng, email)
    return Mention("", text, "", "email", None, f"email:{form}")


def generic_address(rng: random.Random, office: Office) -> Mention:
    line, tail, form = address_text(rng, _new_address(rng, office), with_tail=0.5)
    return Mention("", line, tail, "address", None, f"address:{form}")


# --- distractors: never personal data ----------------------------------------------------------------------


def distractor(rng: random.Random, office: Office, what: str) -> str:
    if what == "date":
        year = rng.choice([2020, 2022, 2024, 2024, 2024])
        month, day = rng.choice([(11, 3), (11, 5), (11, 8), (3, 19), (8, 6), (12, 2), (11, 22), (1, 6)])
        forms = [("long", 35), ("mdy_slash", 25), ("long_ordinal", 10), ("abbr", 10), ("mdy_loose", 10), ("iso", 5),
                 ("day_month", 5)]  # fmt: skip
        if rng.random() < 0.15:
            return rng.choice(["Election Day", "the 8th of November", f"Nov. {day}th", "the day after the election"])
        return _date_text(rng, year, month, day, forms)
    if what == "time":
        return rng.choice(["7:00 p.m.", "8:30 AM", "11:45pm", "3 in the morning", "1:15 a.m.", "10 PM", "0600", "noon",
                           "4:52 AM", "midnight"])  # fmt: skip
    if what == "ballots":
        n = rng.choice([rng.randint(100, 999), rng.randint(1000, 99999), rng.randint(100000, 900000)])
        kind = rng.choice(["ballots", "mail ballots", "provisional ballots", "votes", "early ballots", "ballots"])
        return f"{n:,} {kind}"
    if what == "precinct":
        return rng.choice([f"Precinct {rng.randint(1, 999):04d}", f"precinct {rng.randint(1, 60)}-{rng.choice('ABC')}",
                           f"Ward {rng.randint(1, 20)}, Precinct {rng.randint(1, 9)}", f"vote center {rng.randint(1, 80)}",
                           f"precinct {rng.randint(100, 999)}"])  # fmt: skip
    if what == "money":
        return rng.choice(["$2,500", "$25,000", "$1.2 million", "$14.99", "$480,000", "$3 million", "$75"])
    if what == "statute":
        return rng.choice(STATUTES)
    if what == "county":
        return office.county
    if what == "city":
        return rng.choice(office.cities)
    if what == "state":
        return office.state_name
    if what == "official":
        return rng.choice(OFFICIALS)
    if what == "Official":
        official = rng.choice(OFFICIALS)
        return official[0].upper() + official[1:]
    if what == "founder":
        return rng.choice(FOUNDERS)
    if what in ("hashtag", "hashtag2"):
        return rng.choice([*HASHTAGS, f"#{office.county.replace(' ', '')}Fraud"])
    if what == "acct":
        return rng.choice(PUBLIC_ACCOUNTS)
    if what == "tabulator":
        return f"Tabulator {rng.randint(1, 40)}"
    if what == "batch":
        return rng.choice(
            [f"Batch {rng.randint(1, 400)}", f"batch {rng.randint(1000, 9999)}", f"the {rng.randint(20, 90)} boxes"]
        )
    if what == "case":
        return rng.choice([f"Case No. CV2024-{rng.randint(1, 99999):06d}", f"complaint #2024-{rng.randint(1, 9999):04d}",
                           f"records request {rng.randint(24, 25)}-{rng.randint(100, 999)}"])  # fmt: skip
    if what == "room":
        return rng.choice(["Room 201", "Suite 100", "the 3rd floor", "Conference Room B", "the tabulation center",
                           f"Building {rng.randint(1, 9)}"])  # fmt: skip
    if what == "percent":
        return f"{rng.randint(40, 99)}.{rng.randint(0, 9)}%"
    if what == "vehicle":
        return rng.choice(VEHICLES)
    if what == "n":
        return str(rng.randint(3, 400))
    if what == "anon":
        return rng.choice(ANON_NAMES)
    raise KeyError(what)


# --- templates ----------------------------------------------------------------------------------------------
# {R.attr}: R is a role (W the worker the message is about, W2 another worker, F and F2 family of W,
# G generic personal data, D a distractor). name, poss, full, first, last, title, nick, initials, given
# render protected names; phone, email, handle, addr protected contact data; he/He/his/His/him,
# rel/Rel, role plain words.


@dataclass(frozen=True)
class Kinds:
    """Templates grouped by what they expose; a kind is drawn first, by weight, so that rare
    identifiers (a handle, an SSN) are not drowned by common ones."""

    pools: dict[str, list[str]]
    weights: dict[str, int]


Pool = list[str] | Kinds

ANGRY = """{W.name} is a traitor and everybody in {D.county} knows it.
This is for {W.name}.
{W.poss} days are numbered.
You better tell {W.name} to watch {W.his} back.
{W.name} certified a stolen election and {W.he} will answer for it.
Somebody needs to deal with {W.name}, and if the sheriff won't, we will.
{W.name}, you have until {D.date} to resign.
I saw {W.name} on the news lying about {D.ballots}.
People like {W.name} used to get tarred and feathered.
We are done being nice to {W.name}.
{W.name} thinks {W.he} is untouchable. {W.He} is not.
Tell {W.name} that {W.he} can run but {W.he} can't hide.
I hope {W.name} enjoys {W.his} last few weeks in that office.
{W.name} and {W2.name} should both be in prison.
Nobody voted for {W.name} to steal our votes.
{W.poss} name is on the list.
What {W.name} did in {D.precinct} is treason, plain and simple.
If {W.name} shows up at the canvass on {D.date} {W.he} will regret it.
Resign, {W.name}. Last chance.
{W.name} you piece of garbage, we know what you did.
Tell {W.poss} {W.role} friends we are coming for them too.
{W.name} should be scared. Very scared.
{W.name} is a liar, {W2.name} is a liar, the whole office is liars.
Every one of us knows {W.poss} face now.""".splitlines()

CONSPIRACY = """The tabulators were connected to the internet, we have the logs.
There were {D.ballots} that showed up at {D.time} with no chain of custody.
The ballots were printed overseas and trucked in on {D.date}.
{D.founder} warned us about people like {W.name}.
Under {D.statute} every one of you can be arrested for what happened in {D.precinct}.
The numbers in {D.precinct} jumped by {D.ballots} overnight, explain that.
I watched the livestream and saw {W.name} feed the same stack through {D.tabulator} again and again.
{D.Official} is in on it too, follow the money, {D.money} in grants.
They changed the rules without a vote of the legislature.
The signature checks were turned off in {D.county}, I have a source inside.
Why did the count stop at {D.time}? Nobody has ever answered that.
The dead voted in {D.city}, hundreds of them, I have the list.
{W.name} was seen carrying boxes out the back door on {D.date}.
My cousin works in IT and he says the servers were wiped after {D.date}.
The drop box on the corner was stuffed at {D.time}, it's on video.
Do the math: {D.ballots} in a precinct with fewer registered voters than that.
The whole thing was planned years ago and {W.name} was put there to run it.
The audit found {D.ballots} with no signature, read the report.
Everyone who touched those machines signed an NDA, ask yourself why.
I am not crazy, I have spent {D.money} of my own money on this research.
{W.name} knows about {D.batch}, ask {W.him}.
The same {D.n} names appear on the rolls in {D.city} and in {D.state} twice.
As {D.founder} said, when the people fear the government there is tyranny.""".splitlines()

POLITE = """I am writing again regarding {W.name} and the irregularities I reported on {D.date}.
I would like to know why {W.name} has not answered my last eleven letters.
With all due respect, {W.name} owes the voters of {D.county} an explanation.
I have attached my analysis of {D.ballots} in {D.precinct}, which {W.name} refuses to read.
Please forward this to {W.name} personally, not to the front desk.
I have been very patient with {W.name}, but my patience has limits.
I will keep writing to {W.name} every day until I get an answer.
Kindly ask {W.title} to call me back at {G.phone} at {W.his} earliest convenience.
I have requested the records under {D.statute} three times now.
I am sure {W.name} is a nice person, but {W.he} needs to explain {D.precinct}.
I have also written to {D.official} about {W.name}.
I waited in the lobby for two hours on {D.date} and {W.name} would not come out.
I know {W.name} reads these, so I will be brief this time.
I would appreciate a written reply from {W.title}, not a form letter.
Thank you in advance for passing this on to {W.name}.
As a taxpayer I am entitled to know what {W.poss} role was in {D.batch}.
I noticed {W.name} has a {W.role} title but no public calendar, which is odd.""".splitlines()

_DOXX = {
    "addr": """{W.name} lives at {W.addr}.
Here is {W.poss} home address for anyone who wants to pay a visit: {W.addr}.
Nice house at {W.addr}. Would be a shame if something happened to it.
I drove past {W.addr} last night. The lights were on.
Everyone go to {W.addr} this Saturday and let {W.name} hear from us.
We know you live at {W.addr} {W.name}.
I sent a letter to {W.addr} so {W.he} knows we mean it.
Someone dropped {W.poss} address in the group chat, {W.addr}, and now everyone has it.
Found {W.poss} house on the county map: {W.addr}.
Mail {W.name} something special at {W.addr}.
We are organizing a little vigil outside {W.addr}, bring flashlights.""".splitlines(),
    "phone": """Call {W.name} at home, {W.phone}, and tell {W.him} what you think.
{W.poss} cell is {W.phone}. Blow it up.
{W.name} has another number too, {W.phone}.
Text {W.name} at {W.phone}, {W.he} answers.
Put {W.phone} on every robocall list you can find.
{W.poss} number, {W.phone}, is on the flyer now.
Call {W.phone} at 2 am and keep calling until {W.he} quits.
This is {W.poss} personal line: {W.phone}.""".splitlines(),
    "email": """Email {W.poss} personal account {W.email} and let {W.him} know.
Write to {W.name} at {W.email} since the office won't answer.
{W.poss} private email is {W.email}, flood it.
I signed {W.email} up for every mailing list I could find.
Everyone send your receipts to {W.email}.
{W.email} is {W.name}, tell {W.him} what you think.
Contact {W.name} directly: {W.email}.
I already wrote to {W.email} twice and got nothing.""".splitlines(),
    "handle": """Follow {W.handle} and see what kind of person runs our elections.
I found {W.poss} account, {W.handle}, lots of pictures of the house.
{W.name} ({W.handle}) deleted {W.his} posts but we saved them.
DM {W.handle} and tell {W.him} you know where {W.he} sleeps.
Everybody report {W.handle} and then show up in person.
{W.handle} is {W.name}, the one who counted the ballots.
Look at {W.handle}, {W.he} posts {W.his} kids and {W.his} street.
Reply to {W.handle} with the video from the count.""".splitlines(),
    "mixed": """Your number is {W.phone} and your email is {W.email}, we have everything.
Here is {W.name}: {W.addr}, {W.phone}.
{W.phone} is {W.poss} number, {W.email} is {W.his} email.
{W.name}, {W.addr}, {W.handle}. Spread it.
Contact sheet for {W.name}: {W.phone} / {W.email} / {W.handle}.""".splitlines(),
}
DOXX = Kinds(_DOXX, {"addr": 24, "phone": 22, "email": 22, "handle": 26, "mixed": 12})

FAMILY = """We know {F.name} goes to practice on Tuesdays.
Tell your {F.rel} {F.name} to be careful driving home.
{F.name} posts everything on {F.handle}, real smart.
{W.poss} {F.rel} {F.name} can be reached at {F.phone}.
Maybe {F.poss} friends should know what {W.poss} family does.
I have {F.poss} email too, {F.email}.
{W.poss} {F.rel} {F.name} lives at {F.addr}.
How is {F.name} doing, {W.first}? Would be a shame.
{F.name} was at the store on {D.date}, we saw {F.him}.
Your {F.rel} {F.name} does not deserve what is coming, but you do.
{W.name} and {W.his} {F.rel} {F.name} are both in on it.
Ask {F.name} what {F.he} thinks about {W.poss} job.
Say hi to {F.name} for us.
We will be watching {F.name} too.
{F.poss} number is {F.phone}, in case anyone wants it.
{F.name} and {F2.name} should stay inside for a while.
Your {F.rel} {F.name} left the house at {D.time} yesterday, we were there.""".splitlines()

_GENERIC = {
    "phone": """Call me at {G.phone} if you want to settle this like adults.
The poll watcher who saw it all is at {G.phone}, ask him.
My husband's cell is {G.phone} if nobody answers mine.
My number is {G.phone}, I will be waiting.
Have someone with a spine call me back at {G.phone}.""".splitlines(),
    "email": """You can reach me at {G.email}, I'm not hiding.
Forward everything to my lawyer at {G.email}.
Send the cast vote records to {G.email} by {D.date}.""".splitlines(),
    "addr": """Mail the real results to {G.addr}.
The lady who helped {W.name} count lives at {G.addr}, we are watching that house too.
My neighbor at {G.addr} saw the whole thing.
Return the petition to {G.addr} by {D.date}.
Serve me at {G.addr}, I will see you in court.""".splitlines(),
    "dob": """Public records say {W.name} was {G.born}.
I know {W.first} was {G.born} because it's on the voter roll.
{W.name}, {G.dob}, {W.addr}. Pass it on.
{W.name}, {G.dob}. Everyone can look {W.him} up now.
I was {G.born} and I have never seen an election this crooked.
Somebody posted {W.poss} {G.dob} on the forum.""".splitlines(),
    "plate": """{W.poss} {F.rel} drives a {D.vehicle}, {G.plate}.
Saw {W.name} get into a {D.vehicle} with {G.plate} outside the warehouse.
There was a {D.vehicle} parked outside the count center all night, {G.plate}.
The guy in the {D.vehicle} ({G.plate}) followed {W.name} home.
The {D.vehicle} with {G.plate} belongs to one of the counters, look it up.
{W.name} parks a {D.vehicle}, {G.plate}, in the back lot.
Write down {G.plate}, that car was at the drop box at {D.time}.""".splitlines(),
    "ssn": """{W.poss} {G.ssn} is already posted online.
{W.name}, {G.dob}, {G.ssn}. It's all out there now.
Full dox on {W.name}: {W.addr}, {W.phone}, {G.dob}, {G.ssn}.
We have {W.poss} {G.ssn}, and soon the whole internet will.
Somebody on the forum posted {W.poss} {G.ssn} and {G.dob}.
My {G.ssn} was used to vote twice, I have proof.""".splitlines(),
    "mixed": """Write back to {G.email} or call {G.phone}.
The other counter, {G.born}, lives at {G.addr} with the {D.vehicle}, {G.plate}.""".splitlines(),
}
GENERIC = Kinds(_GENERIC, {"phone": 14, "email": 8, "addr": 16, "dob": 18, "plate": 18, "ssn": 18, "mixed": 8})

DISTRACT = """The canvass is set for {D.date} at {D.time} in {D.room}.
There were {D.ballots} counted in {D.precinct} and nobody will show us the tapes.
The county spent {D.money} on new machines and look what we got.
Read {D.statute} before you do anything else.
I called the office at {D.time} on {D.date} and nobody answered.
Mark my words, this will not stand.
I hope you will do the right thing and grant us a full forensic audit.
In good faith I gave the county until June to fix it.
We will sue under {D.statute} if we have to.
{D.founder} would be ashamed of what happened in {D.county}.
{D.hashtag} {D.hashtag2}
Tag {D.acct} so they see this.
The results in {D.precinct} show {D.percent} for one side, impossible.
I filed {D.case} with {D.official} and heard nothing back.
Everyone in {D.city} knows about {D.batch}.
The hand count on {D.date} was off by {D.ballots}.
Bill after bill and still no election integrity in {D.state}.
Rich people paid for this, {D.money} from out of state.
It will be a long May for all of you.
Frank talk: {D.official} knows exactly what happened.
{D.Official} said on TV that {D.ballots} were cured after the deadline.
The meeting in {D.room} on {D.date} was closed to the public.
Will anyone in {D.county} stand up? Hope won't fix this, only an audit will.
Go to {D.city} City Hall on {D.date} at {D.time} and bring a sign.""".splitlines()

WALKIN = """A man, approx. 50-60, came to the counter and asked whether {W.name} was in.
He said he knew {W.poss} {F.rel} {F.name} and where they live, and read out {W.addr}.
He left in a {D.vehicle}, {G.plate}.
He wrote {G.phone} on a sticky note and said to have {W.first} call him.
Staff did not confirm whether {W.name} works here. Security was notified at {D.time}.
A woman asked for {W.title} by name and would not give her own name.
She said she had been outside {W.addr} and {W.name} should expect more visitors.
He showed a printout with {W.poss} cell number, {W.phone}, and a photo of the house.
He referred to {D.statute} several times and said {W.name} would be arrested by {D.date}.
Visitor asked which car belongs to {W.name} and stood by the employee lot for 20 minutes.
He gave his own contact as {G.email} and left.
He knew {W.poss} {F.rel} by name ({F.name}) and asked if {F.he} still works nearby.
He was wearing a shirt that said {D.hashtag} and filmed the lobby.
Staff asked him to leave; he said he would come back on {D.date}.
He asked if {W.first} still lives on {W.addr}.
He showed a driver's license, {G.dob}, and said he is a poll watcher.
He had {W.poss} personal email ({W.email}) written on his hand.""".splitlines()

CLOSING = {
    "angry": ["Last warning.", "You have been warned.", "We are coming.", "Resign or else.", "Tick tock.", "See you soon.",
              "We know where you live.", "This is not over."],
    "conspiracy": ["Wake up people.", "Do your own research.", "The truth will come out.", "{D.hashtag}",
                   "We the people are watching.", "History will judge you."],
    "polite": ["Sincerely, A Concerned Voter", "Respectfully, Concerned Citizens of {D.county}", "Thank you for your time.",
               "Regards, a taxpayer", "God bless.", "I look forward to your prompt reply."],
    "doxx": ["Share this everywhere.", "Pass it on.", "You know what to do.", "Make {W.him} famous.", "Go get {W.him}."],
}  # fmt: skip

SUBJECTS = ["URGENT", "Re: Re: records request", "your election official", "TREASON", "Final notice",
            "{D.precinct} irregularities", "A message for {W.name}", "{W.name}", "you were warned", "Audit now",
            "Complaint about {W.title}", "FOIA {D.case}"]  # fmt: skip
FILLERS = ["uh", "um", "you know", "listen", "I mean", "yeah", "okay so"]

MISSPELL = {
    "you": ["u"], "your": ["ur", "youre"], "you're": ["your", "ur"], "because": ["becuz", "cuz"],
    "election": ["elecshun", "electon"], "elections": ["electons"], "ballots": ["balots"], "ballot": ["balot"],
    "definitely": ["definately"], "going": ["goin"], "know": ["kno"], "people": ["ppl", "peeple"],
    "treason": ["treeson"], "fraud": ["frawd"], "through": ["thru"], "believe": ["beleive"], "before": ["b4"],
    "their": ["there"], "tonight": ["tonite"], "right": ["rite"], "don't": ["dont"], "won't": ["wont"],
    "can't": ["cant"], "it's": ["its"], "i'm": ["im"], "government": ["goverment"], "address": ["adress"],
    "everybody": ["everybdy"], "everyone": ["every1"], "the": ["teh"], "what": ["wat"], "are": ["r"],
    "legislature": ["legislatur"], "signature": ["signiture"], "explain": ["explane"], "enough": ["enuf"],
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z']+")
_SLOT = re.compile(r"\{(\w+)\.(\w+)\}")


# --- assembling one message -----------------------------------------------------------------------------------


@dataclass
class Scene:
    rng: random.Random
    office: Office
    roles: dict[str, Human]
    style: str  # normal, lower, caps, misspelled
    parts: list[str] = field(default_factory=list)
    spans: list[GoldSpan] = field(default_factory=list)
    pos: int = 0
    used: set[str] = field(default_factory=set)

    def _case(self, s: str) -> str:
        if self.style == "caps":
            return s.upper()
        if self.style == "lower":
            return s.lower()
        return s

    def _misspell(self, s: str) -> str:
        if self.style != "misspelled":
            return s

        def swap(m: re.Match[str]) -> str:
            word = m.group(0)
            options = MISSPELL.get(word.lower())
            if not options or self.rng.random() < 0.45:
                return word if word != "I" or self.rng.random() < 0.5 else "i"
            out = self.rng.choice(options)
            return out.capitalize() if word[:1].isupper() else out

        return _WORD.sub(swap, s)

    def emit(self, s: str, literal: bool = False) -> None:
        s = self._case(self._misspell(s) if literal else s)
        self.parts.append(s)
        self.pos += len(s)

    def emit_mention(self, m: Mention) -> None:
        outer_start = self.pos
        self.emit(m.before)
        start = self.pos
        self.emit(m.inner)
        end = self.pos
        self.emit(m.after)
        self.spans.append(GoldSpan(start, end, m.category, m.person, m.form, outer_start, self.pos, m.persons))

    def text(self) -> str:
        return "".join(self.parts)


def resolve(scene: Scene, role: str, attr: str) -> str | Mention:
    rng, office = scene.rng, scene.office
    if role == "D":
        return distractor(rng, office, attr)
    if role == "G":
        if attr == "phone":
            return generic_phone(rng, office)
        if attr == "email":
            return generic_email(rng, office)
        if attr == "addr":
            return generic_address(rng, office)
        if attr in ("dob", "born"):
            return dob_mention(rng, narrative=attr == "born")
        if attr == "ssn":
            return ssn_mention(rng)
        if attr == "plate":
            return plate_mention(rng, office)
        raise KeyError(attr)
    h = scene.roles[role]
    pronouns = {
        "he": "she" if h.gender == "f" else "he",
        "him": "her" if h.gender == "f" else "him",
        "his": "her" if h.gender == "f" else "his",
    }
    if attr in pronouns:
        return pronouns[attr]
    if attr in ("He", "His"):
        return pronouns[attr.lower()].capitalize()
    if attr == "rel":
        return h.relation
    if attr == "Rel":
        return h.relation.capitalize()
    if attr == "role":
        return h.role or "office"
    forced = {"full": "full", "first": "first", "last": "last", "title": "title", "nick": "nick", "initials": "initials",
              "given": "given"}  # fmt: skip
    misspell = scene.style == "misspelled" and rng.random() < 0.15
    if attr == "name":
        return name_mention(rng, h, office, misspell=misspell)
    if attr == "poss":
        return name_mention(rng, h, office, possessive=True, misspell=misspell)
    if attr in forced:
        return name_mention(rng, h, office, form=forced[attr], misspell=misspell)
    if attr == "phone":
        before, inner, form = phone_text(rng, rng.choice(h.phones))
        return Mention(before, inner, "", "protected_phone", h.key, f"phone:{form}")
    if attr == "email":
        text, form = email_text(rng, rng.choice(h.emails))
        return Mention("", text, "", "protected_email", h.key, f"email:{form}")
    if attr == "handle":
        before, inner, form = handle_text(rng, rng.choice(h.handles))
        return Mention(before, inner, "", "protected_handle", h.key, f"handle:{form}")
    if attr == "addr":
        address = rng.choice(h.addresses)
        line, tail, form = address_text(rng, address)
        persons = tuple(p.key for p in office.people if address in p.addresses)
        return Mention("", line, tail, "protected_address", h.key, f"address:{form}", persons)
    raise KeyError(f"{role}.{attr}")


def available(scene: Scene, template: str) -> bool:
    """Whether this message has every role and every identifier the template asks for."""
    wanted = {"phone": "phones", "email": "emails", "handle": "handles"}
    for m in _SLOT.finditer(template):
        role, attr = m.group(1), m.group(2)
        if role in ("D", "G"):
            continue
        if role not in scene.roles:
            return False
        if attr in wanted and not getattr(scene.roles[role], wanted[attr]):
            return False
    return True


def render(scene: Scene, template: str) -> None:
    at = 0
    for m in _SLOT.finditer(template):
        if m.start() > at:
            scene.emit(template[at : m.start()], literal=True)
        piece = resolve(scene, m.group(1), m.group(2))
        if isinstance(piece, Mention):
            scene.emit_mention(piece)
        else:
            scene.emit(piece)
        at = m.end()
    if at < len(template):
        scene.emit(template[at:], literal=True)


def render_one(scene: Scene, pool: Pool) -> bool:
    """Render one template of the pool that this message can fill and has not used yet; False when none.
    From a Kinds pool, a kind (what the sentence exposes) is drawn first, by weight."""
    if isinstance(pool, Kinds):
        kinds = [k for k, ts in pool.pools.items() if any(available(scene, t) and t not in scene.used for t in ts)]
        if not kinds:
            return False
        pool = pool.pools[_pick_weighted(scene.rng, [(k, pool.weights[k]) for k in kinds])]
    candidates = [t for t in pool if available(scene, t) and t not in scene.used]
    if not candidates:
        return False
    template = scene.rng.choice(candidates)
    scene.used.add(template)
    render(scene, template)
    return True


CHANNELS = [("voicemail", 22), ("email", 22), ("social", 18), ("letter", 12), ("walkin", 12), ("webform", 7), ("text", 7)]
TONES = [("angry", 35), ("conspiracy", 22), ("polite", 18), ("doxx", 25)]
BODY_POOLS = {"angry": ANGRY, "conspiracy": CONSPIRACY, "polite": POLITE, "doxx": ANGRY}


def compose(rng: random.Random, office: Office, doc_id: str) -> Doc:
    channel = _pick_weighted(rng, CHANNELS)
    tone = _pick_weighted(rng, TONES)
    style_table = {
        "voicemail": [("lower", 55), ("normal", 35), ("misspelled", 10)],
        "social": [("normal", 35), ("lower", 20), ("caps", 20), ("misspelled", 25)],
        "walkin": [("normal", 100)],
        "text": [("lower", 40), ("normal", 25), ("caps", 15), ("misspelled", 20)],
    }.get(channel, [("normal", 60), ("caps", 14), ("misspelled", 18), ("lower", 8)])
    style = _pick_weighted(rng, style_table)
    anonymous = rng.random() < 0.05  # about no one on the list: only generic data and distractors
    roles: dict[str, Human] = {}
    if not anonymous:
        worker = rng.choice(office.workers)
        roles["W"] = worker
        others = [w for w in office.workers if w is not worker]
        if others:
            roles["W2"] = rng.choice(others)
        if worker.family:
            family = list(worker.family)
            rng.shuffle(family)
            roles["F"] = family[0]
            if len(family) > 1:
                roles["F2"] = family[1]
    scene = Scene(rng, office, roles, style)
    para = "\n\n" if channel in ("letter", "email") else ("\n" if channel == "walkin" else " ")
    sentence_gap = " "

    def body_sentence(pool: Pool) -> None:
        if scene.parts and not scene.parts[-1].endswith((" ", "\n")):
            scene.emit(sentence_gap)
        if channel == "voicemail" and rng.random() < 0.35:
            scene.emit(rng.choice(FILLERS) + rng.choice([" ", ", ", "... "]), literal=True)
        render_one(scene, pool)

    # header
    if channel == "voicemail":
        render_one(scene, ["Voicemail, main line, {D.date} {D.time}. Transcript: ", "[after-hours line, auto-transcribed] ",
                           "Voicemail left for {W.name} at {D.time}: ", "Voicemail transcript: "])  # fmt: skip
        render_one(scene, ["yeah this message is for {W.name}.", "hi um this is a message for {W.title}.", "hey yeah so.",
                           "this is for {W.poss} office.", "yeah hi."])  # fmt: skip
    elif channel == "email":
        scene.emit("From: ")
        scene.emit_mention(generic_email(rng, office))
        scene.emit("\nSubject: ")
        render_one(scene, SUBJECTS)
        scene.emit("\n\n")
        render_one(scene, ["To whom it may concern,", "Dear {W.title},", "{W.name},", "Hello,", "ATTN {W.full}:"])
        scene.emit(para)
    elif channel == "letter":
        render_one(scene, ["Letter received by mail, postmarked {D.city}, {D.date}. No return address.",
                           "Letter received by mail. Return address: {G.addr}.",
                           "Handwritten note left in the drop box on {D.date}:",
                           "Letter addressed to {W.full} at the office, opened by staff on {D.date}."])  # fmt: skip
        scene.emit(para)
        render_one(scene, ["To the Elections Department,", "Dear {W.title},", "{W.name}:", "To {W.full} and staff,"])
        scene.emit(para)
    elif channel == "social":
        render_one(scene, ["Public post, {D.date}, shared {D.n} times: ",
                           "Screenshot of a post in a local group, reported by staff: ",
                           "Reply under the county's video of the count: ", "Comment on {W.poss} public page: ",
                           "Post reported to the platform on {D.date}: "])  # fmt: skip
    elif channel == "walkin":
        render_one(scene, ["Walk-in note by front-desk staff, {D.date} {D.time}.", "Incident note, front counter, {D.date}.",
                           "Staff note (lobby), {D.time}."])  # fmt: skip
        scene.emit(para)
    elif channel == "webform":
        render_one(scene, ["Web contact form. Name: {D.anon}. Phone: {G.phone}. Message: ",
                           "Web contact form. Name: {D.anon}. Email: {G.email}. Message: ",
                           "Online complaint form, category 'Other'. Message: "])  # fmt: skip
    elif channel == "text":
        render_one(scene, ["Text message to {W.poss} personal cell ({W.phone}) from {G.phone}: ",
                           "SMS received on the office cell from {G.phone}: ",
                           "Text to {W.first} from an unknown number: "])  # fmt: skip

    # body
    if channel == "walkin":
        for _ in range(rng.randint(3, 6)):
            body_sentence(WALKIN)
            scene.emit(para)
    else:
        n_body = {"angry": (2, 4), "conspiracy": (4, 8), "polite": (3, 6), "doxx": (1, 3)}[tone]
        plan: list[Pool] = [BODY_POOLS[tone] for _ in range(rng.randint(*n_body))]
        if anonymous:
            plan = [CONSPIRACY] * rng.randint(2, 5) + [DISTRACT] * rng.randint(1, 2) + [GENERIC] * rng.randint(0, 2)
        else:
            plan += [DOXX] * (rng.randint(2, 3) if tone == "doxx" else rng.choice([0, 1, 1, 2]))
            if "F" in roles and rng.random() < 0.45:
                plan += [FAMILY] * rng.choice([1, 1, 2])
            if rng.random() < 0.55:
                plan += [GENERIC] * rng.choice([1, 1, 2])
            plan += [DISTRACT] * rng.choice([0, 1, 1, 2])
        first, rest = plan[0], plan[1:]
        rng.shuffle(rest)
        for i, pool in enumerate([first, *rest]):
            body_sentence(pool)
            if para != " " and i % 3 == 2:
                scene.emit(para)
        if rng.random() < 0.8:
            body_sentence(CLOSING[tone])
    text = scene.text().rstrip()
    return Doc(doc_id, office.id, channel, style, tone if not anonymous else "anonymous", text,
               [p.person() for p in office.people], list(scene.spans))  # fmt: skip


def build_corpus(n: int = 1000, seed: int = DEFAULT_SEED) -> list[Doc]:
    """n documents, DOCS_PER_OFFICE per office (the last office may have fewer); the same n and seed
    give the same corpus on every machine."""
    rng = random.Random(seed)
    docs: list[Doc] = []
    office_index = 0
    while len(docs) < n:
        office = build_office(rng, office_index)
        for _ in range(min(DOCS_PER_OFFICE, n - len(docs))):
            docs.append(compose(rng, office, f"d{len(docs):05d}"))
        office_index += 1
    for doc in docs:
        check(doc)
    return docs


def check(doc: Doc) -> None:
    """Gold spans are in order, do not overlap, and point at text that is not blank."""
    last = 0
    for span in doc.spans:
        assert span.outer_start >= last, (doc.id, span)
        assert span.outer_start <= span.start < span.end <= span.outer_end <= len(doc.text), (doc.id, span)
        assert doc.text[span.start : span.end].strip() == doc.text[span.start : span.end], (doc.id, span)
        last = span.outer_end


# --- output -------------------------------------------------------------------------------------------------------


def to_jsonl(docs: list[Doc]) -> str:
    """One {"type": "office"} line with the people of each office, then its {"type": "doc"} lines."""
    lines = []
    seen: set[str] = set()
    for doc in docs:
        if doc.office not in seen:
            seen.add(doc.office)
            lines.append(json.dumps({"type": "office", "office": doc.office, "people": doc.people}, separators=(",", ":")))
        record = {
            "type": "doc",
            "id": doc.id,
            "office": doc.office,
            "channel": doc.channel,
            "style": doc.style,
            "tone": doc.tone,
            "text": doc.text,
            "spans": [s.as_json() for s in doc.spans],
        }
        lines.append(json.dumps(record, separators=(",", ":")))
    return "\n".join(lines) + "\n"


def stats(docs: list[Doc]) -> dict[str, Any]:
    by_category = Counter(s.category for d in docs for s in d.spans)
    by_form = Counter(f"{s.category} {s.form}" for d in docs for s in d.spans)
    return {
        "documents": len(docs),
        "offices": len({d.office for d in docs}),
        "protected_persons": sum(len(d.people) for d in {d.office: d for d in docs}.values()),
        "characters": sum(len(d.text) for d in docs),
        "gold_spans": sum(by_category.values()),
        "by_category": {c: by_category.get(c, 0) for c in CATEGORIES},
        "by_channel": dict(Counter(d.channel for d in docs).most_common()),
        "by_style": dict(Counter(d.style for d in docs).most_common()),
        "by_tone": dict(Counter(d.tone for d in docs).most_common()),
        "by_form": dict(sorted(by_form.items())),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="documents (default 1000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON lines file, written only below 2 MB")
    parser.add_argument("--no-write", action="store_true", help="print statistics only")
    parser.add_argument("--show", type=int, default=0, help="print this many documents with their gold spans marked")
    args = parser.parse_args(argv)
    docs = build_corpus(args.n, args.seed)
    for doc in docs[: args.show]:
        marked, at = [], 0
        for s in doc.spans:
            marked.append(doc.text[at : s.start] + "[[" + doc.text[s.start : s.end] + f"|{s.category}]]")
            at = s.end
        marked.append(doc.text[at:])
        print(f"--- {doc.id} {doc.channel} {doc.style} {doc.tone}\n{''.join(marked)}\n")
    print(json.dumps(stats(docs), indent=2))
    if not args.no_write:
        data = to_jsonl(docs)
        size = len(data.encode())
        if size < MAX_FILE_BYTES:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(data)
            print(f"wrote {args.out} ({size:,} bytes)")
        else:
            print(f"not written: {size:,} bytes is over {MAX_FILE_BYTES:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
