"""Invented people and organisations for the synthetic files.

Every name is drawn from common first names and surnames, every e-mail address is at the reserved
``example.org`` / ``example.net`` domains and every IP address is in the RFC 5737 documentation
ranges, so a privacy scan can recognise them and they can never reach a real person. Organisation
names are invented; none is meant to be a real Nottingham organisation.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Abigail", "Aisha", "Alexandra", "Amelia", "Amrit", "Angela", "Bethany", "Caroline",
    "Catherine", "Charlotte", "Chloe", "Claire", "Deborah", "Eleanor", "Elizabeth", "Emma",
    "Fatima", "Frances", "Gemma", "Georgina", "Hannah", "Harpreet", "Helen", "Imogen",
    "Jacqueline", "Jennifer", "Joanne", "Julia", "Karen", "Katherine", "Laura", "Leanne",
    "Lorraine", "Lucy", "Margaret", "Maria", "Megan", "Natalie", "Nicola", "Olivia", "Patricia",
    "Priya", "Rachel", "Rebecca", "Rosemary", "Ruth", "Samantha", "Sarah", "Shabana", "Sophie",
    "Susan", "Tamsin", "Teresa", "Victoria", "Yasmin", "Zainab",
    "Aaron", "Adrian", "Alexander", "Andrew", "Anthony", "Benjamin", "Callum", "Christopher",
    "Daniel", "David", "Declan", "Edward", "Gareth", "Graham", "Hamza", "Imran", "Jamal",
    "Jonathan", "Joseph", "Kieran", "Kwame", "Liam", "Marcus", "Matthew", "Michael", "Mohammed",
    "Nathan", "Nicholas", "Oliver", "Patrick", "Philip", "Raj", "Richard", "Robert", "Samuel",
    "Simon", "Stephen", "Stuart", "Thomas", "Timothy", "Tyrone", "William", "Yusuf",
)

NICKNAMES = {
    "Alexandra": "Alex", "Catherine": "Cath", "Deborah": "Debbie", "Elizabeth": "Liz",
    "Jennifer": "Jen", "Joanne": "Jo", "Katherine": "Kate", "Margaret": "Maggie",
    "Rebecca": "Becky", "Samantha": "Sam", "Victoria": "Vicky", "Patricia": "Trish",
    "Benjamin": "Ben", "Christopher": "Chris", "Daniel": "Dan", "Edward": "Ed",
    "Jonathan": "Jon", "Joseph": "Joe", "Matthew": "Matt", "Michael": "Mike",
    "Nicholas": "Nick", "Robert": "Rob", "Stephen": "Steve", "Thomas": "Tom",
    "Timothy": "Tim", "William": "Will", "Anthony": "Tony", "Andrew": "Andy",
    "Richard": "Rich", "Philip": "Phil",
}
"""Short forms people sign in with; none of them is also a first name in FIRST_NAMES."""

SURNAMES = (
    "Adams", "Ahmed", "Akhtar", "Allen", "Atkinson", "Bailey", "Baker", "Barker", "Begum",
    "Bennett", "Bibi", "Booth", "Bradley", "Brennan", "Brooks", "Campbell", "Carter", "Chambers",
    "Chapman", "Chaudhry", "Clarke", "Cole", "Collins", "Cooper", "Dawson", "Dixon", "Doyle",
    "Duffy", "Edwards", "Ellis", "Evans", "Farrell", "Fletcher", "Foster", "Gill", "Gordon",
    "Graham", "Grant", "Hall", "Harper", "Hayes", "Hill", "Holmes", "Hughes", "Hussain",
    "Jackson", "James", "Jenkins", "Johal", "Kaur", "Kelly", "Kennedy", "Khan", "Lawson",
    "Lewis", "Lloyd", "Malik", "Marsh", "Mason", "Mensah", "Mills", "Mitchell", "Morris",
    "Murphy", "Nolan", "Okafor", "Osei", "Palmer", "Parker", "Patel", "Pearson", "Price",
    "Quinn", "Rahman", "Reid", "Reynolds", "Riley", "Robinson", "Saunders", "Shah", "Sharma",
    "Singh", "Stevens", "Sutton", "Taylor", "Thompson", "Turner", "Walsh", "Ward", "Watson",
    "Webb", "Wells", "Whitfield", "Wilson", "Wright", "Young",
)

# Organisations by (sector, main focus of work): (name, sector spellings people type, weight).
_VOL = ("Voluntary", "voluntary", "VCS", "charity", "Charity", "voluntary  sector",
        "Voluntary Sector", "Third sector", "VCSE", " Voluntary", "Not for profit",
        "Community and voluntary", "vcs ")
_COUNCIL = ("Local Authority", "Council", "LA", "Statutory", "Nottingham City Council",
            "statutory ", "local authority")
_NHS = ("NHS", " NHS", "nhs", "Statutory", "Statutory sector")
_PROBATION = ("Probation", "Statutory", "statutory")
_POLICE = ("Police", "Statutory")

ORGANISATIONS = {
    ("voluntary", "Housing"): [
        ("Lacebridge Housing Trust", _VOL, 6), ("Goosegate Supported Housing", _VOL, 3),
        ("Trent Valley Hostels", _VOL, 3), ("Northgate Tenancy Support", _VOL, 2),
        ("Elm Bank Foyer", _VOL, 1), ("Canal Side Night Shelter", _VOL, 1)],
    ("voluntary", "Women's services"): [
        ("Rosehill Women's Centre", _VOL, 3), ("Hollybrook Refuge", _VOL, 2),
        ("Women Forward Project", _VOL, 1)],
    ("voluntary", "Offending"): [
        ("Second Chance Mentoring", _VOL, 2), ("Gatehouse Resettlement Project", _VOL, 1)],
    ("voluntary", "Mental health"): [
        ("Mindspace Peer Support", _VOL, 2), ("Open Door Wellbeing", _VOL, 1)],
    ("voluntary", "Substance misuse"): [
        ("Clearwater Recovery", _VOL, 2), ("Pathway Drug and Alcohol Service", _VOL, 1)],
    ("voluntary", "Other"): [
        ("Eastside Advice Centre", _VOL, 2), ("Youth Horizons", _VOL, 1),
        ("Advocacy Matters", _VOL, 2), ("Kindred Family Support", _VOL, 1),
        ("Community Larder Network", _VOL, 1), ("Lacebridge Housing Trust", _VOL, 2)],
    ("statutory", "Housing"): [
        ("City Council Housing Aid", _COUNCIL, 3), ("City Council Tenancy Services", _COUNCIL, 2)],
    ("statutory", "Women's services"): [
        ("City Council Domestic Abuse Team", _COUNCIL, 1)],
    ("statutory", "Offending"): [
        ("National Probation Service", _PROBATION, 3), ("Police Neighbourhood Team", _POLICE, 1)],
    ("statutory", "Mental health"): [
        ("NHS Community Mental Health Team", _NHS, 2), ("NHS Crisis Resolution Team", _NHS, 1)],
    ("statutory", "Substance misuse"): [
        ("NHS Dual Diagnosis Service", _NHS, 1)],
    ("statutory", "Other"): [
        ("City Council Community Engagement", _COUNCIL, 2), ("Adult Social Care", _COUNCIL, 2),
        ("Jobcentre Plus", ("Statutory", "statutory sector"), 1)],
}

HUB_PRIVATE_ORGANISATIONS = [
    ("Castle Lettings Ltd", ("Private", "private sector")),
    ("Trent Property Management Ltd", ("Business", "Private")),
    ("Brightpath Training Ltd", ("Private company", "PRIVATE ")),
    ("Keystone Recruitment Ltd", ("private",)),
]
"""Private-sector hub users only: no private-sector attendance appears in the register."""

HUB_EXTRA_SECTOR_SPELLINGS = {
    "voluntary": ("Voluntary and community", "third sector"),
    "statutory": ("Public sector", "Public Sector "),
}
"""Spellings seen only on the hub's free-text sector field."""


def ip_address(index: int) -> str:
    """A documentation-range (RFC 5737) IPv4 address, distinct for index < 762."""
    blocks = ("192.0.2", "198.51.100", "203.0.113")
    return f"{blocks[index % 3]}.{1 + (index // 3) % 254}"


def email_for(first: str, last: str, style: int) -> str:
    """A person's own e-mail address at a reserved domain, in one of a few local-part styles."""
    first_l, last_l = first.lower(), last.lower().replace("'", "")
    if style == 0:
        return f"{first_l}.{last_l}@example.org"
    if style == 1:
        return f"{first_l[0]}.{last_l}@example.net"
    return f"{first_l}{last_l}@example.net"
