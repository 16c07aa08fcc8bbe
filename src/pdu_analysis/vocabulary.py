"""The study's controlled values (sectors, fields of work, event kinds), in one light module.

``schemas`` checks data against them; analysis code and notebooks use them for ordering without
loading pandera.
"""

SECTORS = ("statutory", "voluntary", "private")
FOCUS_OF_WORK = ("Housing", "Women's services", "Offending", "Mental health", "Substance misuse", "Other")
EVENT_KINDS = ("learning_event", "community_of_practice")
EVENT_STATUS = ("held", "planned")
SURVEYS = ("post_event", "follow_up")
