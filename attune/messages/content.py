"""Words of the readings, prompts and micro-practices (issue 3)."""

READINGS_TITLE = "Readings"
READINGS_INTRO = (
    "Short, honest summaries of what research says about bonding, closeness and feelings — "
    "what is established, what is still argued about, and one thing to try."
)
TOPIC_LABELS = {
    "brain": "The social brain",
    "reward": "Reward",
    "chemistry": "Body chemistry",
    "touch": "Touch",
    "pain": "Social pain",
    "attachment": "Attachment",
    "regulation": "Handling feelings",
    "communication": "Communication",
    "health": "Health",
    "intimacy": "Intimacy and sex",
    "conflict": "Conflict and safety",
    "relationships": "Relationships and help",
}
ALL_TOPICS = "All topics"
EVIDENCE_LABELS = {
    "strong": "Strong evidence",
    "moderate": "Moderate evidence",
    "mixed": "Mixed evidence",
    "early": "Early evidence",
}
EVIDENCE_MEANING = {
    "strong": "Many studies in people agree, including reviews that pool them.",
    "moderate": "Several good studies in people point the same way, with some gaps.",
    "mixed": "Studies disagree, or striking early findings have not held up well.",
    "early": "Only a few small studies so far, or mostly animal research.",
}
EVIDENCE_GROUP_LABELS = {"people": "in people", "animals": "in animals"}
#: What a level means for animal studies (the plain meanings above are about studies in people).
EVIDENCE_MEANING_ANIMALS = {
    "strong": "Many animal studies agree. On its own this says little about people.",
    "moderate": "Several good animal studies point the same way. This says little about people.",
    "mixed": "Animal studies disagree.",
    "early": "Only a few animal studies so far.",
}
TAKEAWAY = "In short"
READING_REVIEWED = "Last checked against its sources on {date}."
HOW_WE_CHECK_LINK = "How we check sources"
HOW_WE_CHECK_TITLE = "How we check sources"
HOW_WE_CHECK_INTRO = (
    "Every reading is written in our own words from published research. Each one ends with its "
    "sources, and says when we last checked it against them."
)
HOW_WE_CHECK_BADGES = "What the evidence badges mean"
HOW_WE_CHECK_BADGES_NOTE = (
    "When animal studies and studies in people disagree, a reading shows two badges, one for "
    "each. A strong badge means a strong, well-repeated link: it does not by itself show cause."
)
HOW_WE_CHECK_POLICY_HEADING = "How we check a source"
HOW_WE_CHECK_POLICY = """\
- **Checked**: we read the abstract or the publisher's page and confirmed the authors, year, \
journal and the finding we describe. Only checked sources are cited.
- **Partly checked**: we confirmed the title and journal but not every detail, such as the \
DOI. We cite these only when they matter, say so next to the source, and link to a title \
search instead of guessing a DOI.
- **Unchecked**: something we remember but could not confirm. We leave it out, or we say \
plainly that no source was found (for example, a popular statistic from books).
- We name animal studies as animal studies, say when a study was small, and never copy text \
from a source."""
HOW_WE_CHECK_BACK = "← All readings"
SOURCES = "Sources"
READING_PRACTICE = "Try the practice: {name}"
READING_PROMPTS = "Prompts to write about"
ALL_PROMPTS = "Show all {n} prompts"
WRITE_ABOUT_THIS = "Write about this"
BACK_TO_READINGS = "← All readings"

WRITE_TITLE = "Write"
PROMPT_OF_THE_DAY = "Prompt of the day"
YOUR_PROMPT = "Your prompt"
BLANK_PAGE = "Blank page — write whatever is on your mind."
CHOOSE_PROMPT = "Choose another prompt, or a blank page"
NO_PROMPTS_MATCH = "No prompts match these filters. Try clearing one."
USE_PROMPT = "Use this prompt"
USE_BLANK = "Blank page instead"
USE_TODAY = "Back to the prompt of the day"
FROM_READING = "From the reading “{title}”"
OPEN_READING = "Open the reading"
WRITE_NOTE_LABEL = "Your words"
WRITE_NOTE_PLACEHOLDER = "Write as much or as little as you like. A few honest lines are plenty."
WRITE_HOW = "How does it feel right now?"
SAVE_WRITING = "Save"
SAVED_WRITING = "Saved. Your words are stored on this computer."
STOP_HERE = "Stop here"
STOP_HERE_HELP = "Leave this prompt. What you wrote stays as a draft; nothing is saved as an entry."
STOPPED = (
    "You stopped here — that is fine. What you wrote is kept as a draft. "
    "If this stirred something up, a few slow breaths or a short walk can help."
)
THEME_LABELS = {
    "connection": "Connection",
    "regulation": "Handling feelings",
    "communication": "Communication",
    "repair": "Repair after conflict",
    "appreciation": "Appreciation",
    "secure-functioning": "Feeling secure together",
    "self-understanding": "Understanding yourself",
    "multiple-partners": "Several partners",
    "endings-loss": "Endings and loss",
    "intimacy": "Intimacy and sex",
    "shared-life": "Shared life",
}
DEPTH_LABELS = {"light": "Light", "medium": "Medium", "deep": "Deep"}
AUDIENCE_LABELS = {"solo": "On my own", "together": "Together"}

PRACTICES_TITLE = "Practices"
PRACTICES_INTRO = (
    "Short exercises for steadying yourself, or each other, in a hard moment. "
    "Each one says what the evidence shows and where it stops."
)
PRACTICE_KIND_LABELS = {
    "down-regulating": "Calming",
    "labelling": "Naming",
    "perspective": "Perspective",
    "compassion": "Self-kindness",
    "connecting": "Connecting",
    "together": "Together",
}
OPEN_PRACTICE = "Open"
BACK_TO_PRACTICES = "← All practices"
PRACTICE_STEPS = "Steps"
EVIDENCE_SHOWS = "What the evidence shows"
EVIDENCE_LIMITS = "What it does not show"
REFERENCES = "References"
PACER_HEADING = "Breathe along"
PACER_HINT = "Follow the circle: it grows as you breathe in and shrinks as you breathe out."
PACE_LABEL = "Pace: seconds in / out"
PACE_OPTION = "{breathe_in} / {breathe_out}"  # short: four fit one row on a phone
PACE_HELP = (
    "Choose the count that feels easy. A shorter one is fine: comfort matters more than the "
    "numbers. You can change it while you breathe."
)
TIMER_START = "Start"
TIMER_STOP = "Stop"
TIMER_LEFT = "{m}:{s:02d} left"
TIMER_DONE = "Time is up. Take a moment before you move on."
TIMER_STOPPED = "Stopped. Stopping early is always fine."
RATING_BEFORE = "Before: how intense does what you feel seem right now? (optional)"
RATING_AFTER = "After: how intense does it seem now? (optional)"
RATING_HELP = "1 is barely there, 5 is very intense. Only you see these answers."
RATING_NOTE = (
    "Feelings often ease with time on their own, so a lower number afterwards shows change, "
    "not proof that the practice caused it."
)
SAVE_PRACTICE = "Save how it went"
PRACTICE_SAVED = "Saved. Over time you can see which practices help you most."
UNKNOWN_PRACTICE = "That practice is not in Attune's library."
PRACTICE_MINUTES = "{duration} · {kind}"

SUGGEST_HEADING = "Something that might fit right now"
SUGGEST_PRACTICE = "Practice: {name}"
SUGGEST_PROMPT = "“{text}”"  # the prompt in full, as text that wraps on a phone
SUGGEST_WRITE = "Write about this"  # its link (a link's label stays on one line)
