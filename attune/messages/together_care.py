"""Words of care on Together and Today (issue 15): the safety screen, choosing whom to ask,
sharing the weekly check-in on purpose (and taking it back), and the private line that says
where help is."""

# The safety screen, once per member, before Together.
SAFETY_TITLE = "Before you use Together"
SAFETY_BODY = (
    "Together works when everyone here can say no, and can answer honestly, without fear of what "
    "happens afterwards.\n\n"
    "If that is not true for you right now — if you would hold back an answer, or worry about "
    "how someone will react — you do not need Together. Keep writing privately: nobody else can "
    "read your private entries. Support lists people you can talk to in confidence."
)
SAFETY_UNDERSTAND = "I understand"

# Asking some or all of the others.
ASK_LABEL = "A prompt to ask"
ASK_OWN = "Or your own question"
ASK_WHOM = "Who to ask"
ASK_WHOM_HELP = (
    "Everyone is chosen at first. Answers are revealed once everyone you ask has answered."
)
ASK_BUTTON = "Ask"
ASK_NOBODY = "Choose at least one person to ask."
ASK_EMPTY = "Choose a prompt or write your own question first."
NO_CONVERSATIONS = "Ask a prompt; the answers are revealed when all of you asked have answered."

# The weekly check-in: private unless shared on purpose, with a preview first.
WEEKLY_SHARE = "Share my scores and these notes with the others"
WEEKLY_SHARE_HELP = "Off: only you see this check-in. On: you see what the others would see first."
WEEKLY_SAVE = "Save weekly check-in"
WEEKLY_PREVIEW_TITLE = "This is exactly what {names} will see"
WEEKLY_PREVIEW_SCORES = (
    "Your scores on their *Scores over time* charts, dated {day}: CSI-4 {csi4} of 21 and "
    "WHO-5 {who5} of 100. Not your answers to each question."
)
WEEKLY_PREVIEW_NOTES = "In their appreciation log, under your name:"
WEEKLY_PREVIEW_NO_NOTES = "No notes: you left both empty."
WEEKLY_PREVIEW_APPRECIATED = "Appreciated: {text}"
WEEKLY_PREVIEW_TALK = "Would like to talk about: {text}"
WEEKLY_CONFIRM_SHARE = "Share this"
WEEKLY_KEEP_PRIVATE = "Save it privately instead"
WEEKLY_BACK = "Back to the form"
CHECKIN_KEPT_PRIVATE = (
    "Weekly check-in saved, just for you: CSI-4 {csi4} of 21, WHO-5 {who5} of 100."
)
CHECKIN_SHARED = "Weekly check-in saved and shared: CSI-4 {csi4} of 21, WHO-5 {who5} of 100."
#: Added, for its author only, when a score is under its questionnaire's cut-off.
CHECKIN_GENTLE = (
    "This week's scores are on the low side. That is worth noticing kindly, not a verdict: one "
    "week is one week, and nobody else gets a message about it."
)

# Taking back what was shared.
SHARED_CHECKINS_TITLE = "Check-ins you shared"
SHARED_CHECKINS_NONE = "You have not shared a weekly check-in. Yours stay private unless you do."
SHARED_CHECKIN_ROW = "{day}: CSI-4 {csi4} of 21, WHO-5 {who5} of 100"
HIDE_CHECKIN = "Make private"
HIDE_CHECKIN_HELP = "The others stop seeing these scores and this week's notes."
CHECKIN_HIDDEN = "Made private: the others no longer see that check-in."

# The private line that says where help is (attune.domain.care), never shown to anyone else.
HEAVY_DAYS_LINE = (
    "Things have looked heavy for you lately. You do not have to carry it alone: Support lists "
    "people you can talk to. Only you see this."
)
HEAVY_DAYS_LINK = "Support and helplines"
