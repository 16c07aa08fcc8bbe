# ruff: noqa: E501  (prose: one passage per line reads better than split strings)
"""The invented interview notes: who was interviewed, when, what they said, and its true themes.

The report drew on telephone interviews with repeat attenders, steering group members and
facilitators, on the PDU's delivery team, and on two review meetings of the Expert Citizens (June
2018 and February 2019); none of those notes is public. These notes are written for the
reconstruction in its own words, about the matters the report's qualitative sections discuss,
with dissent and reservations as real interviews hold them. Each passage carries the themes a
careful reader would code it to (the generator's ground truth, for the simulated coders only)
and whether the evaluator would approve it as a quote. Placeholders in braces are filled with
people and organisations from the synthetic register, so redaction is exercised on every build.
"""

from __future__ import annotations

Passage = tuple[str, tuple[str, ...], bool]
"""(text, true themes, approved as a quote)."""

RA, SG, FA, TEAM, EC = (
    "repeat attender",
    "steering group member",
    "facilitator",
    "member of the PDU delivery team",
    "Expert Citizens' review",
)

NOTES: dict[str, tuple[str, str, str, tuple[Passage, ...]]] = {
    "R01": (
        RA,
        "2018-06-11",
        "interim",
        (
            (
                "Our team signed up to the Pledge after the Getting Engaged session and we read it out at the start of every residents' meeting now.",
                ("pledge", "involvement"),
                True,
            ),
            ("I went because a colleague said it was worth the morning, and it was.", (), False),
        ),
    ),
    "R02": (
        RA,
        "2018-06-13",
        "interim",
        (
            (
                "We brought the Pledge in across both of our houses in May. Staff were wary at first; now it is on the wall in the office and we check ourselves against it.",
                ("pledge",),
                True,
            ),
            (
                "The one thing I would change is the room: forty people in a space meant for twenty.",
                ("improve",),
                True,
            ),
        ),
    ),
    "R03": (
        RA,
        "2018-06-20",
        "interim",
        (
            (
                "Since the spring the Pledge has been part of how we induct new volunteers, and two of our residents helped us rewrite it in plainer words.",
                ("pledge", "involvement"),
                True,
            ),
            (
                "I met {name_a} from {org_a} at the Housing First event and we have passed people to each other since. {first_a} gave me a direct line ({phone}).",
                ("links",),
                False,
            ),
        ),
    ),
    "R04": (
        RA,
        "2019-01-14",
        "final",
        (
            (
                "The trauma session changed how I run a first appointment. I used to get through every page of the form; now the form can wait until the second visit.",
                ("trauma_informed", "paperwork"),
                True,
            ),
            (
                "I shared the slides at a team meeting and we now talk about trauma in supervision.",
                ("sharing",),
                True,
            ),
        ),
    ),
    "R05": (
        RA,
        "2019-01-16",
        "final",
        (
            (
                "After the environments session we took down most of the notices in the lounge, the ones that were mostly rules. Residents said it feels less like an institution.",
                ("environment", "outcomes"),
                True,
            ),
            (
                "I would like to see more people from the council and more managers there. Front line staff can change how we talk to people, but not the procedures.",
                ("attendance", "reservations"),
                True,
            ),
            (
                "I keep in touch with {name_b} ({email_b}) about joint working on tenancy support.",
                ("links",),
                False,
            ),
        ),
    ),
    "R06": (
        RA,
        "2019-01-21",
        "final",
        (
            (
                "Honestly there was too much to take in at once. I came back with pages of notes and no time to do anything with them.",
                ("reservations",),
                True,
            ),
            (
                "Follow-up sessions a month later, to say what we tried and what got stuck, would make the learning stick.",
                ("follow_on", "improve"),
                True,
            ),
        ),
    ),
    "R07": (
        RA,
        "2019-01-23",
        "final",
        (
            (
                "I had no idea the women's centre would take referrals straight from us. I found that out over coffee at the event, and I have used it three times since.",
                ("knowledge", "links", "women"),
                True,
            ),
            ("One woman we referred has kept her tenancy for the first time in years.", ("outcomes",), True),
        ),
    ),
    "R08": (
        RA,
        "2019-01-25",
        "final",
        (
            (
                "It is often the same faces in the room. The people who most need to hear it, the ones who make decisions about funding, do not come.",
                ("attendance", "reservations"),
                True,
            ),
            (
                "What I got most was understanding why someone might miss three appointments in a row, and that it is not about being difficult.",
                ("trauma_informed", "meam"),
                True,
            ),
        ),
    ),
    "R09": (
        RA,
        "2019-01-28",
        "final",
        (
            (
                "Hearing a man talk about the years he spent being passed from service to service did more than any slide. You do not forget that.",
                ("lived_experience",),
                True,
            ),
            (
                "Our team has not changed anything yet. We talked about it, but our caseloads went up over the winter.",
                ("not_yet", "reservations"),
                True,
            ),
        ),
    ),
    "S01": (
        SG,
        "2019-01-22",
        "final",
        (
            (
                "The events are shifting how people think about adults with several needs at once: fitting the service to the person rather than the other way round.",
                ("meam",),
                True,
            ),
            (
                "Expert Citizens should sit on the steering group as of right, and have more say in choosing the topics.",
                ("lived_experience", "involvement"),
                True,
            ),
            (
                "My worry is the statutory sector. Housing Aid and the senior managers are hardly ever there, and without them the changes stay small.",
                ("attendance", "reservations"),
                True,
            ),
        ),
    ),
    "S02": (
        SG,
        "2019-01-29",
        "final",
        (
            (
                "When the funding ends, who keeps this going? A good programme of events is not the same as a changed system.",
                ("reservations",),
                True,
            ),
            (
                "The mix in the room is the strength: a hostel worker next to a probation officer next to a nurse. That is where the new contacts come from.",
                ("attendance", "links"),
                True,
            ),
        ),
    ),
    "S03": (
        SG,
        "2019-02-04",
        "final",
        (
            (
                "We have to be careful with the Expert Citizens. Asking someone to retell the worst of their life to a room of strangers has a cost, and they need support afterwards and to be paid properly.",
                ("involvement_risk",),
                True,
            ),
            (
                "When it is done well, lived experience is what makes these events different from any other training.",
                ("lived_experience",),
                True,
            ),
        ),
    ),
    "S04": (
        SG,
        "2019-02-06",
        "final",
        (
            (
                "Some people come for the lunch and the networking. That is fine, but we should not count attendance as change.",
                ("reservations",),
                True,
            ),
            (
                "Shorter, more practical sessions in the afternoon would reach the people who cannot leave a shift for a whole morning.",
                ("improve",),
                True,
            ),
        ),
    ),
    "F01": (
        FA,
        "2019-01-24",
        "final",
        (
            (
                "I co-facilitated the women's services event with {name_c} of {org_c}. What people remembered most was the women with lived experience who spoke.",
                ("lived_experience", "women"),
                True,
            ),
            (
                "I heard that one hostel moved to single-sex floors after the event, which the women living there welcomed.",
                ("women", "outcomes"),
                True,
            ),
        ),
    ),
    "F02": (
        FA,
        "2019-01-30",
        "final",
        (
            (
                "The discussion at the tables is where the learning happens. When the speakers overrun and we cut the table time, the evaluations drop.",
                ("improve",),
                True,
            ),
            (
                "There is a risk of tokenism: an Expert Citizen is asked on at the end for five minutes to tick a box. It works when they help plan the day from the start.",
                ("involvement_risk", "lived_experience"),
                True,
            ),
        ),
    ),
    "F03": (
        FA,
        "2019-02-01",
        "final",
        (
            (
                "People arrive knowing a little about trauma and leave knowing where to look for more; most had never heard of psychologically informed environments.",
                ("knowledge", "environment"),
                True,
            ),
            (
                "I am not convinced one event changes practice on its own. It opens a door; the Communities of Practice are what keep it open.",
                ("reservations", "follow_on"),
                True,
            ),
        ),
    ),
    "T01": (
        TEAM,
        "2019-02-05",
        "final",
        (
            (
                "Booking is easy; turning up is the problem. We lose a third of bookings on the day, often statutory staff called back to their desks.",
                ("attendance", "reservations"),
                True,
            ),
            (
                "The hub has been slower to take off than we hoped. People like to meet face to face.",
                ("reservations",),
                True,
            ),
            (
                "Next year we want fewer, deeper events, each with a follow-up session built in.",
                ("improve", "follow_on"),
                True,
            ),
        ),
    ),
    "E01": (
        EC,
        "2018-06-27",
        "interim",
        (
            (
                "The group felt listened to when the topics were chosen, but some members found speaking at events draining and asked for a debrief afterwards every time.",
                ("lived_experience", "involvement_risk"),
                True,
            ),
            (
                "Members want to see what changes in services, not just hear that people enjoyed the day.",
                ("reservations", "outcomes"),
                True,
            ),
        ),
    ),
    "E02": (
        EC,
        "2019-02-12",
        "final",
        (
            (
                "Members said co-delivering sessions built their confidence, and two have since been asked to sit on interview panels at services that attended.",
                ("lived_experience", "involvement", "outcomes"),
                True,
            ),
            (
                "They asked that people with lived experience are paid at the same rate as other speakers, and that no one is asked to tell the same story twice.",
                ("involvement_risk",),
                True,
            ),
            (
                "Some felt the events still talk about people rather than with them.",
                ("reservations", "involvement_risk"),
                True,
            ),
        ),
    ),
}
"""Interview code -> (group, date, round, passages)."""
