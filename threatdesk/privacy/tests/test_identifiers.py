"""Identifiers as shown and as matched: phones, emails, handles and names, by each provider's rules."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threatdesk.privacy.identifiers import (
    MAIL_PROVIDERS,
    PLATFORMS,
    email_match_key,
    handle_match_key,
    handle_platform,
    identifier_key,
    name_match_key,
    normalise_email,
    normalise_handle,
    normalise_phone,
    platform_code,
)
from threatdesk.reports import schemas

# ---------------------------------------------------------------------------------------------
# The move from reports.schemas
# ---------------------------------------------------------------------------------------------


def test_schemas_still_offer_the_same_normalisers():
    assert schemas.normalise_phone is normalise_phone
    assert schemas.normalise_email is normalise_email
    assert schemas.normalise_handle is normalise_handle


def test_the_identifiers_module_imports_nothing_from_reports_or_django():
    import ast
    from pathlib import Path

    import threatdesk.privacy.identifiers as module

    tree = ast.parse(Path(module.__file__).read_text())
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert not [name for name in imported if name.startswith(("threatdesk", "django"))]


# ---------------------------------------------------------------------------------------------
# Phones
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["(602) 555-0199", "602.555.0199", "+1 602 555 0199", "1-602-555-0199"])
def test_us_phones_in_any_spelling_become_e164(raw):
    assert normalise_phone(raw) == "+16025550199"


def test_a_foreign_number_with_its_country_code_keeps_it():
    assert normalise_phone("+44 20 7946 0958") == "+442079460958"


@pytest.mark.parametrize(
    ("raw", "message"),
    [("call me", "'call me' is not a phone number"), ("12", "'12' is not a possible phone number")],
)
def test_what_is_not_a_phone_number_is_refused_by_name(raw, message):
    with pytest.raises(ValueError, match=message):
        normalise_phone(raw)


def test_a_phone_key_is_the_e164_number_itself():
    assert identifier_key("phone", "+16025550199") == "+16025550199"


def test_a_phone_key_refuses_a_number_that_was_not_normalised():
    with pytest.raises(ValueError, match=re.escape("'602-555-0199' is not a phone number in E.164 form")):
        identifier_key("phone", "602-555-0199")


# ---------------------------------------------------------------------------------------------
# Emails
# ---------------------------------------------------------------------------------------------


def test_an_email_is_shown_lower_cased_with_its_tag_and_dots():
    assert normalise_email("Jane.Doe+Tips@Example.ORG") == "jane.doe+tips@example.org"


def test_a_malformed_email_is_refused_by_name():
    with pytest.raises(ValueError, match=r"'a@b' is not an email address: "):
        normalise_email("a@b")


def test_gmail_dots_and_tags_share_a_key():
    spellings = ["jane.doe@gmail.com", "JaneDoe@gmail.com", "j.a.n.e.d.o.e+threats@gmail.com", "jane.doe+x@googlemail.com"]
    assert {email_match_key(normalise_email(s)) for s in spellings} == {"janedoe@gmail.com"}


def test_googlemail_is_gmail():
    assert email_match_key("jane@googlemail.com") == email_match_key("jane@gmail.com") == "jane@gmail.com"


@pytest.mark.parametrize(
    "domain", ["outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com", "icloud.com", "fastmail.com"]
)
def test_plus_tags_are_dropped_by_providers_that_sub_address(domain):
    assert email_match_key(f"jane.doe+election@{domain}") == email_match_key(f"jane.doe@{domain}")


def test_dots_still_count_outside_gmail_and_proton():
    assert email_match_key("jane.doe@outlook.com") != email_match_key("janedoe@outlook.com")


def test_microsoft_domains_are_separate_mailboxes():
    assert email_match_key("jane@hotmail.com") != email_match_key("jane@outlook.com")


def test_icloud_me_and_mac_share_one_namespace():
    assert {email_match_key(f"jane+x@{d}") for d in ("icloud.com", "me.com", "mac.com")} == {"jane@icloud.com"}


def test_proton_domains_share_a_key_and_ignore_dots_underscores_and_hyphens():
    spellings = ["jane.doe@proton.me", "jane_doe@protonmail.com", "jane-doe+tag@pm.me", "JaneDoe@protonmail.ch"]
    assert {email_match_key(s) for s in spellings} == {"janedoe@proton.me"}


@pytest.mark.parametrize("domain", ["yahoo.com", "yahoo.co.uk", "yahoo.fr", "ymail.com"])
def test_yahoo_disposable_hyphen_keywords_are_dropped(domain):
    assert email_match_key(f"janedoe-shopping@{domain}") == f"janedoe@{domain}"


def test_yahoo_lookalike_domains_get_the_default_rules():
    assert email_match_key("jane-x@yahoo.evil.example") == "jane-x@yahoo.evil.example"


def test_other_domains_drop_a_plus_tag_but_keep_dots_and_hyphens():
    assert email_match_key("Jane.Doe-Smith+tips@Example.org") == "jane.doe-smith@example.org"


def test_a_local_part_that_is_all_tag_is_kept_whole():
    assert email_match_key("+tips@example.org") == "+tips@example.org"


def test_every_provider_lists_its_domains_once():
    domains = [d for provider in MAIL_PROVIDERS for d in provider.domains]
    assert len(domains) == len(set(domains))


def test_an_email_key_refuses_what_is_not_an_address():
    with pytest.raises(ValueError, match="'no at sign' is not an email address"):
        email_match_key("no at sign")


_LOCAL = st.text(alphabet=string.ascii_letters + string.digits + "._-+", min_size=1, max_size=20)
_DOMAINS = st.sampled_from(
    [
        *("gmail.com", "googlemail.com", "outlook.com", "hotmail.co.uk", "icloud.com", "me.com", "proton.me", "pm.me"),
        *("fastmail.com", "yahoo.com", "yahoo.com.au", "ymail.com", "example.org", "county.az.gov"),
    ]
)


@given(local=_LOCAL, domain=_DOMAINS)
def test_an_email_key_is_its_own_key(local, domain):
    key = email_match_key(f"{local}@{domain}")
    assert email_match_key(key) == key


@given(local=_LOCAL, domain=_DOMAINS)
def test_an_email_key_ignores_case(local, domain):
    address = f"{local}@{domain}"
    assert email_match_key(address.upper()) == email_match_key(address.lower())


@given(local=st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=10), tag=_LOCAL, domain=_DOMAINS)
def test_a_plus_tag_never_changes_the_key_except_at_yahoo(local, tag, domain):
    if domain.startswith(("yahoo.", "ymail.")):
        return
    assert email_match_key(f"{local}+{tag}@{domain}") == email_match_key(f"{local}@{domain}")


# ---------------------------------------------------------------------------------------------
# Handles
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "handle", "platform"),
    [
        ("@JaneDoe_AZ", "janedoe_az", ""),
        ("janedoe_az", "janedoe_az", ""),
        ("https://x.com/JaneDoe_AZ", "janedoe_az", "x"),
        ("twitter.com/janedoe_az/status/1790000000000000000", "janedoe_az", "x"),
        ("https://mobile.twitter.com/janedoe_az?s=20", "janedoe_az", "x"),
        ("https://www.facebook.com/Jane.Doe", "jane.doe", "facebook"),
        ("https://m.facebook.com/profile.php?id=100012345678", "100012345678", "facebook"),
        ("https://www.facebook.com/people/Jane-Doe/100012345678/", "100012345678", "facebook"),
        ("instagram.com/jane.doe/", "jane.doe", "instagram"),
        ("https://www.threads.net/@jane.doe", "jane.doe", "threads"),
        ("https://www.tiktok.com/@Jane.Doe?lang=en", "jane.doe", "tiktok"),
        ("youtube.com/@JaneDoe", "janedoe", "youtube"),
        ("t.me/JaneDoe", "janedoe", "telegram"),
        ("https://t.me/s/janedoe", "janedoe", "telegram"),
        ("truthsocial.com/@JaneDoe", "janedoe", "truthsocial"),
        ("https://gab.com/JaneDoe", "janedoe", "gab"),
        ("reddit.com/u/Jane-Doe", "jane-doe", "reddit"),
        ("https://old.reddit.com/user/jane_doe/comments/", "jane_doe", "reddit"),
        ("u/jane_doe", "jane_doe", "reddit"),
        ("bsky.app/profile/Jane.bsky.social", "jane.bsky.social", "bluesky"),
        ("https://mastodon.social/@Jane", "jane@mastodon.social", "fediverse"),
        ("https://mastodon.social/@jane@fosstodon.org", "jane@fosstodon.org", "fediverse"),
        ("@Jane@Mastodon.Social", "jane@mastodon.social", "fediverse"),
        ("@jane@truthsocial.com", "jane", "truthsocial"),
        ("https://mastodon.social/@Jane@TruthSocial.com", "jane", "truthsocial"),
    ],
)
def test_handles_are_read_from_names_and_profile_addresses(raw, handle, platform):
    assert normalise_handle(raw) == handle
    assert handle_platform(raw) == platform


def test_a_declared_platform_applies_its_rules_to_a_bare_name():
    assert normalise_handle("@Jane_Doe", "Twitter") == "jane_doe"
    assert handle_platform("@Jane_Doe", "Twitter") == "x"
    with pytest.raises(ValueError, match=re.escape("'jane.doe' is not a handle on X: ")):
        normalise_handle("jane.doe", "x")


def test_the_platform_an_address_names_wins_over_the_declared_one():
    assert handle_platform("https://t.me/janedoe", "facebook") == "telegram"
    assert handle_platform("@jane@mastodon.social", "x") == "fediverse"


@pytest.mark.parametrize(
    ("raw", "platform", "message"),
    [
        ("jane doe!", "instagram", "'jane doe!' is not a handle on Instagram: "),
        ("a" * 16, "x", f"'{'a' * 16}' is not a handle on X: "),
        ("https://x.com/jane-doe", "", "'https://x.com/jane-doe' is not a handle on X: "),
        ("t.me/+AbCdEf", "", r"'t.me/\+AbCdEf' is not a handle on Telegram: "),
        ("reddit.com/u/jd", "", "'reddit.com/u/jd' is not a handle on Reddit: "),
        ("jane", "bluesky", "'jane' is not a handle on Bluesky: Bluesky handles are domain names"),
        ("https://x.com/i/flow/login", "", "'https://x.com/i/flow/login' is an address on X but not an account's"),
        ("https://www.instagram.com/p/Cx1/", "", "is an address on Instagram but not an account's"),
        ("https://youtube.com/watch?v=abc", "", "is an address on YouTube but not an account's"),
    ],
)
def test_characters_a_platform_does_not_allow_are_refused_naming_the_handle(raw, platform, message):
    with pytest.raises(ValueError, match=message):
        normalise_handle(raw, platform)


@pytest.mark.parametrize("raw", ["", "   ", "@", "jane doe", "x" * 101])
def test_a_handle_with_no_platform_obeys_the_rules_of_any_handle(raw):
    with pytest.raises(ValueError, match="is not an account handle"):
        normalise_handle(raw)


@pytest.mark.parametrize(
    ("raw", "handle"),
    [
        ("<b>bold</b>", "<b>bold</b>"),
        ("@canary_handle_x", "canary_handle_x"),
        ("@@Jane", "jane"),
        ("https://forum.example.com/members/jane", "https://forum.example.com/members/jane"),
        ("jane+x@gmail.com", "jane+x@gmail.com"),
    ],
)
def test_handles_on_no_known_platform_are_kept_as_before(raw, handle):
    assert normalise_handle(raw) == handle
    assert handle_platform(raw) == ""


def test_an_unknown_platform_name_means_no_platform_rules():
    assert normalise_handle("Jane!", "Signal") == "jane!"
    assert platform_code("Signal") == ""


@pytest.mark.parametrize(
    ("name", "code"),
    [("Twitter", "x"), ("X.com", "x"), ("Truth Social", "truthsocial"), ("Mastodon", "fediverse"), ("FB", "facebook")],
)
def test_platforms_are_known_by_their_common_names(name, code):
    assert platform_code(name) == code


def test_every_platform_has_a_unique_code_and_hosts():
    hosts = [h for p in PLATFORMS for h in p.hosts]
    assert len({p.code for p in PLATFORMS}) == len(PLATFORMS)
    assert len(hosts) == len(set(hosts))


def test_facebook_ignores_dots_in_usernames():
    assert handle_match_key("https://www.facebook.com/Jane.Doe") == handle_match_key("janedoe", "facebook") == "janedoe"


def test_dots_count_on_platforms_where_they_name_another_account():
    assert handle_match_key("jane.doe", "instagram") != handle_match_key("janedoe", "instagram")


def test_a_profile_address_and_an_at_name_share_a_key():
    assert handle_match_key("https://x.com/JaneDoe_AZ") == handle_match_key("@janedoe_az") == "janedoe_az"


def test_a_fediverse_key_keeps_its_instance():
    assert handle_match_key("https://mastodon.social/@jane") == "jane@mastodon.social"
    assert handle_match_key("jane@mastodon.social") != handle_match_key("jane@fosstodon.org")


_HANDLE = st.text(alphabet=string.ascii_letters + string.digits + "_.", min_size=1, max_size=15)
_PLATFORM_NAMES = st.sampled_from(["", "x", "facebook", "instagram", "tiktok", "truthsocial", "Signal"])


@given(handle=_HANDLE, platform=_PLATFORM_NAMES)
def test_a_handle_key_is_its_own_key(handle, platform):
    try:
        key = handle_match_key(handle, platform)
    except ValueError:
        return
    assert handle_match_key(key, platform) == key


@given(handle=_HANDLE, platform=_PLATFORM_NAMES)
def test_a_handle_key_ignores_case_and_a_leading_at(handle, platform):
    try:
        key = handle_match_key(handle, platform)
    except ValueError:
        return
    assert handle_match_key("@" + handle.upper(), platform) == key


@given(handle=st.text(min_size=1, max_size=120))
def test_normalising_a_handle_either_refuses_it_or_gives_a_handle_that_normalises_to_itself(handle):
    try:
        shown = normalise_handle(handle)
    except ValueError as exc:
        assert repr(handle) in str(exc)
        return
    assert normalise_handle(shown) == shown


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["John Doe", "Doe, John", "  JOHN   doe ", "Jöhn Doé", "doe john."])
def test_spellings_of_one_name_share_a_key(spelling):
    assert name_match_key(spelling) == "doe john"


def test_apostrophes_join_and_hyphens_separate():
    assert name_match_key("Seán O'Hara") == name_match_key("sean ohara") == "ohara sean"
    assert name_match_key("Smith-Jones, Mary") == name_match_key("Mary Jones Smith")


def test_compatibility_forms_fold_to_plain_letters():
    full_width = "\uff2a\uff4f\uff48\uff4e\u3000\uff24\uff4f\uff45"  # John Doe, in full-width letters and space
    assert name_match_key(full_width) == "doe john"


def test_a_name_without_letters_is_refused_by_name():
    with pytest.raises(ValueError, match=re.escape("'-- ?' has no letters or digits")):
        name_match_key("-- ?")


@given(st.text(max_size=40))
def test_a_name_key_is_its_own_key(name):
    try:
        key = name_match_key(name)
    except ValueError:
        return
    assert name_match_key(key) == key


@pytest.mark.parametrize("name", ["Y\u0131ld\u0131z", "YILDIZ", "yildiz"])
def test_a_turkish_dotless_i_matches_its_capital(name):
    """Upper-casing the dotless i (U+0131) gives I, which folds to i: without reading it as i,
    case would change a key."""
    assert name_match_key(name) == "yildiz"


@given(st.text(max_size=40))
def test_a_name_key_ignores_case(name):
    try:
        key = name_match_key(name)
    except ValueError:
        return
    assert name_match_key(name.upper()) == key
    assert name_match_key(name.lower()) == key


@given(st.lists(st.text(alphabet=string.ascii_letters, min_size=1, max_size=8), min_size=1, max_size=4))
def test_a_name_key_ignores_word_order(words):
    assert name_match_key(" ".join(words)) == name_match_key(", ".join(reversed(words)))


# ---------------------------------------------------------------------------------------------
# The one entry point
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "platform", "key"),
    [
        ("phone", "+16025550199", "", "+16025550199"),
        ("email", "jane.doe+x@gmail.com", "", "janedoe@gmail.com"),
        ("handle", "jane.doe", "facebook", "janedoe"),
        ("handle", "jane.doe", "", "jane.doe"),
        ("name", "Doe, John", "facebook", "doe john"),
    ],
)
def test_identifier_key_dispatches_on_kind(kind, value, platform, key):
    assert identifier_key(kind, value, platform) == key


def test_an_unknown_identifier_kind_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown identifier kind 'fax'"):
        identifier_key("fax", "+16025550199")


def test_identifier_key_accepts_the_model_kind_choices():
    from threatdesk.reports.models import SenderIdentifier

    assert identifier_key(SenderIdentifier.Kind.EMAIL, "jane+x@gmail.com") == "jane@gmail.com"
