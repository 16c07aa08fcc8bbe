"""Redaction of people, organisations, contacts and identifying numbers, with adversarial cases.

Every expected string is written out by hand.
"""

from __future__ import annotations

import pytest

from pdu_analysis.qual.redact import redactor

NAMES = ["Ann Smith", "Will Young", "Mary-Jane O'Brien", "Cath Hughes", "Zoë Bellamy", "Seán Ó Dálaigh"]
ORGS = ["Lacebridge Housing Trust", "Adult Social Care", "Rosehill Women's Centre", "Brightpath Training Ltd"]


@pytest.fixture(scope="module")
def redact():
    return redactor(NAMES, ORGS)


@pytest.mark.parametrize(
    "text, expected",
    [
        # full names in any case, and across a line break or double space
        ("I met Ann Smith there", "I met [name] there"),
        ("ANN SMITH rang", "[name] rang"),
        ("ann  smith rang", "[name] rang"),
        # parts of names alone, possessives, and a name inside a word left alone
        ("Ann's team", "[name]'s team"),
        ("Smith’s idea", "[name]’s idea"),
        ("The Annual review", "The Annual review"),
        ("Smithfield market", "Smithfield market"),
        ("Hughesy said", "Hughesy said"),
        ("cath said", "[name] said"),
        # names that are everyday words: only with a capital
        ("young people will come", "young people will come"),
        ("Will said Young was right", "[name] said [name] was right"),
        # double-barrelled and apostrophe names, whole and in parts
        ("Mary-Jane O'Brien called", "[name] called"),
        ("Mary-Jane called", "[name] called"),
        ("Jane called", "[name] called"),
        ("O'Brien called", "[name] called"),
        # in quotes and brackets
        ("'Ann' said (Smith)", "'[name]' said ([name])"),
        # organisations in any case, before the names inside them are looked at
        ("worked at lacebridge housing trust", "worked at [organisation]"),
        ("Adult Social Care referred her", "[organisation] referred her"),
        ("adult care", "adult care"),
        # e-mail addresses, including ones built from names
        ("write to ann.smith@example.org today", "write to [e-mail] today"),
        ("A.Smith+pdu@mail.example.co.uk.", "[e-mail]."),
        # UK phone numbers
        ("call 0115 496 0123", "call [phone]"),
        ("call (0115) 496 0123 now", "call [phone] now"),
        ("a direct line (0115 496 0341) so", "a direct line ([phone]) so"),
        ("mobile 07700 900123", "mobile [phone]"),
        ("mobile 07700900123", "mobile [phone]"),
        ("+44 7700 900123 or +44 (0)115 496 0123", "[phone] or [phone]"),
        ("01632 960 123", "[phone]"),
        ("020 7946 0000", "[phone]"),
        # numbers that are not phones
        ("on 2018-06-30 for 16 pages", "on 2018-06-30 for 16 pages"),
        ("it was over £600 and 0 of 7 came", "it was over £600 and 0 of 7 came"),
        ("ref 0115 49", "ref 0115 49"),
        # phone numbers written every other way
        ("ring 0044 115 496 0123", "ring [phone]"),
        ("ring 0115.496.0123 or 07700.900.123", "ring [phone] or [phone]"),
        ("ring 496 0123 after six", "ring [phone] after six"),
        ("ext. 4410", "ext. [phone]"),
        # names with accents dropped or added, curly apostrophes, spaces for hyphens
        ("Zoe Bellamy and ZOE BELLAMY", "[name] and [name]"),
        ("Sean O Dalaigh rang", "[name] rang"),
        ("Mary Jane O’Brien and OBrien", "[name] and [name]"),
        # titles with names no list holds; common first names and the surname after them
        ("Dr Smith, Dr. Okonkwo-Adeyemi and Mrs McAllister", "Dr [name], Dr. [name] and Mrs [name]"),
        ("Councillor Jane Doe spoke", "Councillor [name] spoke"),
        ("Sarah Jenkins rang, then Grace Hopper", "[name] rang, then [name]"),
        ("grace and hope, Will said", "grace and hope, [name] said"),
        # e-mail addresses written out
        ("ann (at) lacebridge dot org", "[e-mail]"),
        ("kev.m [at] example [dot] co [dot] uk.", "[e-mail]."),
        ("bob AT example DOT org", "[e-mail]"),
        ("meet at the hub at ten", "meet at the hub at ten"),
        # postcodes, street addresses, dates of birth
        ("NG7 2RD, ng1 5ab and NG72RD", "[postcode], [postcode] and [postcode]"),
        ("lives at 12 Mill Lane, off Alfreton Road", "lives at [address], off [address]"),
        ("Flat 3, 45a Queens Drive", "[address]"),
        ("DOB 12/03/1975; born 3rd March 1968", "DOB [date of birth]; born [date of birth]"),
        ("date of birth: 1 Jan 1980, aged 38", "date of birth: [date of birth], aged 38"),
        ("the event on 14/06/2018 and 2018-06-30", "the event on 14/06/2018 and 2018-06-30"),
        # NI numbers (HMRC's prefix rules) and NHS numbers (modulus-11 check digit)
        ("NI AB 12 34 56 C or ab123456d", "NI [NI number] or [NI number]"),
        ("QQ 12 34 56 C is the form's example", "QQ 12 34 56 C is the form's example"),
        ("NHS no 943 476 5919 or 9434765919", "NHS no [NHS number] or [NHS number]"),
        # handles and web addresses of people
        ("follow @ann_smith77 on twitter", "follow [handle] on twitter"),
        ("linkedin.com/in/ann-smith.", "[web address]."),
        ("(see https://facebook.com/ann.smith.9)", "(see [web address])"),
        # organisations by short form, initials, first word, curly apostrophe, without "Ltd"
        ("LHT and Lacebridge Housing", "[organisation] and [organisation]"),
        ("lacebridge said", "[organisation] said"),
        ("Rosehill Women’s Centre and Rosehill Womens Centre", "[organisation] and [organisation]"),
        ("Brightpath Training ran it", "[organisation] ran it"),
        # ordinary words, theme words and acronyms of the study stay
        ("Housing Support and adult social work", "Housing Support and adult social work"),
        ("The PDU, the NHS and CPD", "The PDU, the NHS and CPD"),
    ],
)
def test_redaction(redact, text, expected):
    assert redact(text) == expected


def test_redaction_is_idempotent(redact):
    once = redact("Ann Smith (ann.smith@example.org, 0115 496 0123) at Lacebridge Housing Trust")
    assert once == "[name] ([e-mail], [phone]) at [organisation]"
    assert redact(once) == once


def test_blank_and_missing_text(redact):
    assert redact(None) == "" and redact(float("nan")) == "" and redact("") == ""


def test_nothing_known_still_redacts_contacts():
    bare = redactor([], [], first_names=())
    assert bare("Ann at ann@example.org, 0115 496 0123") == "Ann at [e-mail], [phone]"


def test_nhs_number_needs_its_check_digit(redact):
    assert redact("9434765919") == "[NHS number]"
    assert "[NHS number]" not in redact("9434765918")


def test_markers_already_in_a_text_stay_whole(redact):
    text = "[name] at [organisation], [date of birth], [web address]"
    assert redact(text) == text


def test_reference_wording_is_never_redacted():
    """The codebook's and the themes' own words are ordinary text: a rule that changes them
    over-redacts (common first names, organisation words, title-case phrases)."""
    import pandas as pd

    from pdu_analysis.paths import REFERENCE_DIR

    redact = redactor(NAMES, ORGS)
    checked = 0
    for name, columns in [
        ("themes.csv", ["label", "definition", "include", "exclude", "example"]),
        ("questions.csv", ["question_text", "options"]),
    ]:
        table = pd.read_csv(REFERENCE_DIR / name, dtype=str, keep_default_na=False)
        for column in columns:
            for value in table[column]:
                assert redact(value) == value, (name, column, value)
                checked += 1
    assert checked > 50


def test_excerpt_quotes_a_few_words_redacted():
    from pdu_analysis.qual.redact import excerpt

    text = "Sarah Jenkins 07700 900123 wants a call back about the event"
    assert excerpt(text) == "[name] [phone] wants a \u2026"
    assert excerpt("Yes") == "Yes"


def test_redaction_summary_counts_kinds_per_sheet():
    import pandas as pd

    from pdu_analysis.qual.redact import kinds_not_found, not_found_sentence, redaction_summary

    texts = pd.DataFrame(
        {
            "sheet": ["a", "a", "b"],
            "text": ["[name] rang [name] on [phone]", "nothing here", "see [web address]"],
        }
    )
    summary = redaction_summary(texts)
    assert summary.to_dict("records") == [
        {"coding sheet": "a.xlsx", "texts": 2, "texts redacted": 1, "name": 2, "phone": 1, "web address": 0},
        {"coding sheet": "b.xlsx", "texts": 1, "texts redacted": 1, "name": 0, "phone": 0, "web address": 1},
        {
            "coding sheet": "all sheets",
            "texts": 3,
            "texts redacted": 2,
            "name": 2,
            "phone": 1,
            "web address": 1,
        },
    ]
    assert "organisation" in kinds_not_found(summary) and "name" not in kinds_not_found(summary)
    assert not_found_sentence(summary).endswith("handle.")
