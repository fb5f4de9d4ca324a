"""Words of the Support page, the practitioner and a practice's history."""

from .plural import Plural

SUPPORT_TITLE = "Support"
SUPPORT_NOT_THERAPY = (
    "Attune is a place for reflection. It is not therapy, it is not crisis care, and nobody "
    "reads what you write here. It cannot notice if you are in danger."
)
SUPPORT_EMERGENCY = "If you or someone else is in danger right now, call **{number}**."
SUPPORT_HELPLINES = "Helplines"
SUPPORT_NO_HELPLINES = (
    "No helplines have been added on this computer. Whoever set up Attune can add local ones "
    "(the README says how). Your doctor or a local health service can also point you to help."
)
SUPPORT_WHEN = "When to reach out for help"
SUPPORT_SIGNS = (
    "- You are thinking about ending your life or harming yourself.\n"
    "- You are afraid of someone you live with or are close to.\n"
    "- Low mood, worry or panic has lasted for weeks and gets in the way of sleep, work or "
    "looking after yourself.\n"
    "- You are using alcohol or drugs to get through the day.\n"
    "- You have stopped being able to feel much at all, or feel cut off from everyone.\n"
    "- People close to you are worried about you.\n"
)
SUPPORT_SIGNS_AFTER = (
    "Talking to a doctor, a counsellor, a therapist or a helpline is a good next step. "
    "You do not need to be in crisis to deserve support."
)
SUPPORT_SAFETY_HEADING = "If someone frightens, controls or hurts you"
SUPPORT_SAFETY = (
    "Nothing in Attune asks you to stay close to a partner who frightens, controls or harms you. "
    "Threats, violence, tracking your phone or money, cutting you off from friends and family, "
    "or forcing sex are not communication problems to journal through, and they are not your "
    "fault. The prompts and practices here are for relationships where everyone is safe. "
    "A domestic-abuse helpline can help you think through options in confidence."
)
SUPPORT_PRIVACY = (
    "If someone else might read this journal, remember that it is stored on this computer. "
    "You can move entries to the trash and empty it, which erases them for good."
)
SUPPORT_LINK = "Support and helplines"
#: Shown under a prompt that asks for a do-over, an apology or a promise (Prompt.self_blame).
REPAIR_SAFETY_LINE = (
    "If you are afraid of your partner, or being blamed is part of how they hurt you, skip this "
    "one — it is not yours to fix. Support has help."
)

PRACTITIONER_HEADING = "Practitioner"
PRACTITIONER_HELP = (
    "If you work with a therapist or counsellor, add their name and booking link. "
    "They are shown on readings as a reminder that you can talk things through with them."
)
PRACTITIONER_NAME = "Practitioner's name"
PRACTITIONER_URL = "Booking link (https://…)"
PRACTITIONER_SAVE = "Save practitioner"
PRACTITIONER_SAVED = "Practitioner saved."
PRACTITIONER_LINE = "Want to talk this through? You can bring it to {name}."
PRACTITIONER_LINE_NO_NAME = "Want to talk this through? You can bring it to your practitioner."
PRACTITIONER_BOOK = "Book a session"
PRACTITIONER_URL_HTTPS = (
    "The booking link must be a full https:// address (for example https://example.org/book). "
    "Nothing was saved."
)
PRACTITIONER_NAME_TOO_LONG = "A practitioner's name can be at most {n} characters."
PRACTITIONER_NAME_CONTROL = "A practitioner's name cannot contain control characters."
PRACTICE_HISTORY = Plural(
    "You have saved this practice once.", "You have saved this practice {n:,} times."
)
PRACTICE_HISTORY_CHANGE = (
    " When you rated both, intensity went from {before:.1f} to {after:.1f} on average."
    " Feelings often ease with time anyway, so this shows change, not its cause."
)
RELATED_READINGS = "Related readings"
TIMER_HEADING = "Timer"
