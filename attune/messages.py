"""User-facing words, in one place, so pages hold no copy and tests compare against the same text."""

APP_TAGLINE = "A private place to notice how you feel and how connected you are."
NOT_THERAPY = (
    "Attune is for reflection. It is not therapy or crisis care. "
    "If you are in danger or thinking of harming yourself, contact emergency services now."
)
PRIVACY = (
    "Everything you write stays on this computer, in a database file only this app reads. "
    "Nothing is sent anywhere: no accounts, no analytics, no cloud."
)
WELCOME_TITLE = "Welcome to Attune"
WELCOME_NAME = "What should we call you?"
WELCOME_START = "Start journaling"

SAVED = "Saved. Your check-in is stored on this computer."
SAVED_EDIT = "Changes saved."
NEED_VALENCE_ENERGY = "Choose how pleasant it feels and how much energy you have, then save."
TRASHED = "Moved to the trash."
RESTORED = "Entry restored."
EMPTIED = "Trash emptied: {n} entries erased for good."
NOTHING_TODAY = "No check-ins yet today. The first one takes about ten seconds."
NO_ENTRIES = "No entries yet. Check in on the Today page and they will appear here."
NO_MATCHES = "No entries match. Try fewer words or clear a filter."
TRASH_EMPTY = "The trash is empty."
EMPTY_TRASH_WARNING = (
    "This erases {n} entries for good, including their text in the search index. "
    "It cannot be undone."
)
DRAFT_HINT = "Your note is kept as a draft until you save — even if you leave this page."
MEMBER_ADDED = "Added {name}."
MEMBER_RENAMED = "Renamed to {name}."

# --- readings, prompts and practices (issue 3) ---------------------------------------------------
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
PACE_LABEL = "Pace: seconds in and out"
PACE_OPTION = "{breathe_in} in · {breathe_out} out"
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
SUGGEST_PROMPT = "Write: “{text}”"

SUPPORT_TITLE = "Support"
SUPPORT_NOT_THERAPY = (
    "Attune is a place for reflection. It is not therapy, it is not crisis care, and nobody "
    "reads what you write here. It cannot notice if you are in danger."
)
SUPPORT_EMERGENCY = "If you or someone else is in danger right now, call **{number}**."
SUPPORT_HELPLINES = "Helplines"
SUPPORT_NO_HELPLINES = (
    "No helplines have been added on this computer. Whoever set up Attune can add local ones "
    "with the ATTUNE_HELPLINES setting. Your doctor or a local health service can also point you "
    "to help."
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
PRACTICE_HISTORY = "You have saved this practice {n} times."
PRACTICE_HISTORY_CHANGE = (
    " When you rated both, intensity went from {before:.1f} to {after:.1f} on average."
    " Feelings often ease with time anyway, so this shows change, not its cause."
)
RELATED_READINGS = "Related readings"
TIMER_HEADING = "Timer"

# --- together -------------------------------------------------------------------------------------
LOCKED_TITLE = "{name}'s journal is locked"
LOCKED_HINT = (
    "Enter {name}'s passphrase to open it. Others on this computer cannot read it without it."
)
WRONG_PASSPHRASE = "That passphrase is not right."
WHO_TITLE = "Who is writing?"
WHO_HINT = "Choose yourself. A journal with a passphrase asks for it next."
WHO_NOBODY = "Nobody uses this journal yet: start on the Welcome page."
LOCK = "Lock"
LOCK_HELP = "Lock this journal now: opening it again asks for the passphrase."
LOCKED_NOW = "Locked."
UNLOCK = "Unlock"
TOGETHER_ALONE = (
    "Together works when more than one person uses this journal. Add someone in Settings; each of "
    "you keeps private entries private and chooses what to share."
)
ASKED = "Asked. Everyone's answers appear once all of you have answered."
ANSWERED = "Answer saved. It stays hidden until everyone has answered."
CLOSED_EARLY = "Closed. Everyone can now read the answers given so far."
CHECKIN_SAVED = "Weekly check-in saved: CSI-4 {csi4} of 21, WHO-5 {who5} of 100."
PASSPHRASE_SET = "Passphrase saved. Switching to you, or Lock, will ask for it."
PASSPHRASE_REMOVED = "Passphrase removed."

# --- import (issue 7) -----------------------------------------------------------------------------
IMPORT_TITLE = "Import"
IMPORT_INTRO = (
    "Bring your history from Daylio (CSV), jrnl (its JSON export or journal file) or Day One "
    "(the JSON export zip), or an Attune export (JSON, an encrypted bundle, or the CSV after "
    "editing it in a spreadsheet) from another computer. You see what the file holds before "
    "anything is stored, "
    "imported entries are private to you, and an import can be undone."
)
IMPORT_UPLOAD = "Choose an export file"
IMPORT_UPLOAD_HELP = (
    "Attune .json, .csv or encrypted .attune, Daylio .csv, jrnl .json or .txt, Day One .zip — "
    "up to {size}."
)
IMPORT_BUNDLE_LOCKED = "This is an encrypted Attune bundle. Give its passphrase to see inside."
IMPORT_BUNDLE_PASSPHRASE = "The bundle's passphrase"
IMPORT_BUNDLE_OPEN = "Open the bundle"
IMPORT_BUNDLE_OPENING = "Opening the bundle…"
IMPORT_DETECTED = "Recognised: {label}."
IMPORT_COUNTS = "{n:,} entries from {first} to {last}."
IMPORT_COUNTS_NONE = "No entries to import in this file."
IMPORT_SKIPPED_HEADING = "{n:,} will be skipped"
IMPORT_SAMPLES = "A few of the entries"
IMPORT_MOODS_HEADING = "How pleasant was each mood?"
IMPORT_MOODS_HELP = (
    "Daylio moods are names you chose. Give each a pleasantness from 1 (very unpleasant) to 5 "
    "(very pleasant); Daylio's standard moods are filled in."
)
IMPORT_NEEDS_MAPPING = "Choose a pleasantness for each mood before importing: {names}."
IMPORT_WAITING = "{n:,} entries wait for a mood to be mapped."
IMPORT_BUTTON = "Import {n:,} entries"
IMPORT_PROGRESS = "Importing…"
IMPORT_DONE = "Added {added:,} entries; {present:,} were already here; {skipped:,} skipped."
IMPORT_PAST = "Past imports"
IMPORT_PAST_NONE = "Nothing imported yet."
IMPORT_BATCH_LINE = "{label} · {n:,} entries · {when}"
IMPORT_BATCH_UNDONE = "{label} · {n:,} entries · {when} · undone"
IMPORT_UNDO = "Undo this import"
IMPORT_UNDO_CONFIRM = (
    "This removes the {n:,} entries this import added, including any you have edited since. "
    "Entries you wrote yourself are not touched."
)
IMPORT_UNDO_YES = "Yes, remove them"
IMPORT_UNDO_CANCEL = "Cancel"
IMPORT_UNDONE = "Import undone: {n:,} entries removed."
IMPORT_BATCH_GONE = "That import is not there, or was already undone."
IMPORT_DRY_RUN = "Dry run: nothing was written."
IMPORT_WOULD_ADD = "Would add {added:,} entries; {present:,} are already here."
IMPORT_CANNOT_OPEN = "The file could not be opened."

IMPORT_EMPTY = "The file is empty."
IMPORT_TOO_BIG = "The file is larger than {size}, the most Attune imports at once."
IMPORT_UNKNOWN_FORMAT = (
    "This doesn't look like an Attune (JSON or CSV), Daylio, jrnl or Day One export."
)
IMPORT_NOT_FORMAT = "This file is not a {label} export Attune can read."
IMPORT_NOT_UTF8 = (
    "The file is not UTF-8 text. Export it again from the app (its exports are UTF-8)."
)
IMPORT_UTF16 = "The file is UTF-16 text; Attune reads UTF-8. Export it again, or save it as UTF-8."
IMPORT_BAD_JSON = "The file is not valid JSON (it may be cut short): line {line}, column {col}."
IMPORT_JSON_DUPLICATE = "The JSON names the same field twice in one object, so it was not read."
IMPORT_JSON_NAN = "The JSON holds NaN or Infinity, which no journal export contains."
IMPORT_JSON_DEEP = "The JSON is nested more than {n} levels deep, which no journal export needs."
IMPORT_JSON_NUMBER = "The JSON holds a number too long to read."
IMPORT_CSV_HEADER = (
    "The first line is not a Daylio header (year or full_date, date, weekday, time, mood, "
    "activities, note)."
)
IMPORT_CSV_BROKEN = "The CSV file is malformed near line {line}."
IMPORT_ZIP_DAMAGED = "The zip file is damaged or incomplete. Export or download it again."
IMPORT_ZIP_PATH = "The zip holds a file whose path points outside it, so it was not opened."
IMPORT_ZIP_BOMB = "The zip unpacks to far more than its size suggests, so it was not opened."
IMPORT_ZIP_TOO_BIG = "The zip unpacks to more than {size}, the most Attune imports at once."
IMPORT_ZIP_TOO_MANY = "The zip holds more than {n:,} files."
IMPORT_ZIP_ENCRYPTED = "The zip is password-protected. Export it again without a password."
IMPORT_ZIP_NO_JSON = "The zip holds no Day One journal (a .json file)."
IMPORT_NOT_READY = "Some moods have no pleasantness yet, so nothing was imported."

IMPORT_WHERE_LINE = "line {n}"
IMPORT_WHERE_ENTRY = "entry {n}"
IMPORT_SKIP_REPEATED = "The same entry appears earlier in the file."
IMPORT_SKIP_COLUMNS = "It does not have the {n} columns of the header."
IMPORT_SKIP_MOOD = "It has no mood."
IMPORT_SKIP_DATE = "Its date is missing or not a real date."
IMPORT_SKIP_TIME = "Its time is missing or not a real time."
IMPORT_SKIP_ID = "It has no uuid."
IMPORT_SKIP_FIELD = "Its {field} field has the wrong type."
IMPORT_SKIP_NOT_OBJECT = "It is not an {what} object."
IMPORT_SKIP_UNDATED = "Text before the first dated entry."

IMPORT_NOTE_DAYLIO_ENERGY = "Daylio records no energy, so every entry gets energy 3 (steady)."
IMPORT_NOTE_NO_MOOD = (
    "{label} records no mood, so every entry gets pleasantness 3 (neutral) and energy 3 (steady)."
)
IMPORT_NOTE_STARRED = "Starred entries get the tag “starred”."
IMPORT_NOTE_MEDIA = "Attachments such as photos are not imported ({n:,} in this file); the text is."
IMPORT_NOTE_TZ = "Times without a time zone are read as {tz}."
IMPORT_NOTE_PRIVATE = "Imported entries are private to you; share any of them later if you like."

# --- sharing with a therapist, and the review mode (issue 6) -------------------------------------
ATTUNE_JSON_NOT = "This is not an Attune export."
ATTUNE_JSON_VERSION = (
    "This Attune export is format version {version}; this Attune reads version {ours}. "
    "Update Attune to open it."
)
ATTUNE_JSON_FIELD = "The Attune export is not valid: {where} is missing or has the wrong type."
ATTUNE_JSON_UNKNOWN = (
    "The Attune export is not valid: {where} holds a field this version does not know."
)
ATTUNE_JSON_ENTRY = "The Attune export is not valid: {where}: {reason}"
ATTUNE_JSON_WORDS = "Its feeling words or tags are not in Attune's normal form."
ATTUNE_JSON_REPEATED = "The Attune export is not valid: {where} repeats an earlier entry's uid."
ATTUNE_JSON_SCORE = (
    "The Attune export is not valid: {where} has a score that does not fit its answers."
)
IMPORT_NOTE_CSV_NEW_UIDS = (
    "{n:,} rows have no uid; each gets one made from its content, so importing again adds nothing."
)
IMPORT_NOTE_ATTUNE_UIDS = "Entries keep their ids, so importing the same export again adds nothing."
IMPORT_NOTE_ATTUNE_OTHERS = (
    "{n:,} entries were shared by someone else; they come in as your private entries."
)
IMPORT_NOTE_ATTUNE_SCORES = (
    "Questionnaire scores are not imported ({n:,} in this file); Therapist review shows them."
)
BUNDLE_NOT = "This is not an Attune encrypted bundle."
BUNDLE_DAMAGED = "The encrypted bundle is damaged or cut short, so it was not opened."
BUNDLE_KDF_LIMITS = (
    "The encrypted bundle asks for key-derivation settings beyond Attune's limits, so it was "
    "not opened."
)
BUNDLE_WRONG = "The passphrase is wrong, or the bundle was changed or cut short."
BUNDLE_NEEDS_PASSPHRASE = "This is an encrypted bundle: give its passphrase to open it."
EXPORT_NEEDS_PASSPHRASE = "An encrypted bundle needs a passphrase of at least {n} characters."
EXPORT_CSV_SUMMARY = "A CSV holds entries and a summary has none: choose PDF, Markdown or JSON."
EXPORT_UNKNOWN_FORMAT = "Attune cannot write that format."
EXPORT_WROTE = (
    "Wrote {path} ({label}): {entries:,} entries, {checkins:,} check-ins, {scores:,} "
    "questionnaire answers."
)
PASSPHRASE_PROMPT = "Passphrase"
PASSPHRASE_ENV_MISSING = "The environment variable {var} is not set or is empty."

REPORT_TITLE = "Reflection summary"
REPORT_FOOTER = "Shared by the client from Attune — not a clinical record"
REPORT_PAGE = "Page {n} of {total}"
REPORT_EXPORTED = "Exported {when}"
REPORT_PROGRESS_CHARTS = "Working out the charts…"
REPORT_PROGRESS_DRAWING = "Drawing {n} charts…"
REPORT_PROGRESS_PAGES = "Laying out the pages…"
REPORT_ALL_DATES = "All dates"
REPORT_SCOPES = {
    "therapist": "Entries the client marked for their therapist",
    "picked": "Entries the client chose",
    "summary": "Summary only — no entry text",
    "all": "Every entry the client can see",
}
REPORT_SUMMARY = "Summary"
REPORT_DAYS = "Days reflected"
REPORT_CHECKINS = "Check-ins"
REPORT_PLEASANTNESS_RANGE = "Pleasantness: min · mean · max"
REPORT_MIN_MEAN_MAX = "{lo} · {mean} · {hi}"
REPORT_ENERGY_MEAN = "Energy: mean"
REPORT_CONNECTION_MEAN = "Connection: mean"
REPORT_PLEASANTNESS = "Pleasantness"
REPORT_ENERGY = "Energy"
REPORT_CONNECTION = "Connection"
REPORT_FEELINGS = "Feelings"
REPORT_TAGS = "Tags"
REPORT_TOP_FEELINGS = "Feelings named most"
REPORT_LATEST_SCORES = "Latest questionnaire scores"
REPORT_SCORE_LINE = "{name}, {day}: {score} of {maximum}"
REPORT_SCORES = "Questionnaires, with every answer"
REPORT_NO_SCORES = "No questionnaires in this period."
REPORT_ITEM_HEADINGS = ("Question", "Answer", "Points")
REPORT_TRENDS = "Trends"
REPORT_SCORE_TRENDS = "Scores over time"
REPORT_ENTRIES = "Moments the client chose"
REPORT_NO_ENTRIES = "This export holds no entry text."
REPORT_ABOUT = (
    "Figures and charts come from the client's {n:,} check-ins in this period (pleasantness "
    "min · mean · max, energy and connection on 1–5 scales, and feeling words). Written text "
    "appears only for the {entries:,} entries the client chose to include. Attune is a "
    "reflection journal; this summary is not a clinical assessment."
)

SHARE_TITLE = "Share with a therapist"
SHARE_INTRO = (
    "You decide what leaves this computer. Choose the dates and what to include: the preview "
    "below is exactly the file you download, and nothing is sent anywhere."
)
SHARE_RANGE = "Dates"
SHARE_SCOPE = "What to include"
SHARE_SCOPES = {
    "therapist": "Entries I marked for my therapist",
    "picked": "Entries I choose",
    "summary": "Summary only",
}
SHARE_SCOPE_HELP = {
    "therapist": "Your own entries with “Share with my therapist” ticked, with their text.",
    "picked": "Exactly the entries you tick below, with their text.",
    "summary": "Figures, charts and questionnaire scores — no entry text at all.",
}
SHARE_PICK_HEADING = "Choose entries"
SHARE_PICK_NONE = "No entries in these dates."
SHARE_PICK_MORE = "Showing the {n:,} most recent; narrow the dates to choose older ones."
SHARE_SHARED_BY = "shared by {name}"
SHARE_FORMAT = "Format"
SHARE_INCLUDED = (
    "This file holds {entries:,} entries with their text, {checkins:,} of your check-ins as "
    "numbers and feeling words (for the charts) and {scores:,} questionnaire answers."
)
SHARE_INCLUDES_OTHERS = (
    "{n:,} of these entries were shared with you by someone else; the file marks them as theirs."
)
SHARE_NO_FLAGGED = (
    "None of your entries in these dates are marked for your therapist. Tick “Share with my "
    "therapist” when you edit an entry on the Journal page, or choose entries here."
)
SHARE_PREVIEW = "Preview — exactly what will be written"
SHARE_PDF_PAGE = "Page {n} of {total}"
SHARE_PDF_MORE = "…and {n:,} more pages in the file."
SHARE_PDF_ON_DEMAND = (
    "The PDF report opens with a summary page and charts, then your questionnaire scores and "
    "the entries counted above. It takes a few seconds to draw: prepare it when your choices "
    "are set, and the preview will show its pages exactly as they will be downloaded."
)
SHARE_PDF_PREPARE = "Prepare the PDF"
SHARE_PDF_CHANGED = (
    "Your journal changed since the PDF was prepared, so it was set aside. Prepare it again "
    "to include the change."
)
SHARE_PDF_PREVIEWING = "Drawing the preview…"
SHARE_DOWNLOAD = "Download {name}"
SHARE_PASSPHRASE = "Passphrase"
SHARE_PASSPHRASE_AGAIN = "The same passphrase again"
SHARE_PASSPHRASE_HELP = (
    "Tell your therapist the passphrase in person or by phone — never in the same message as the "
    "file. Nobody can recover it."
)
SHARE_PASSPHRASE_MISMATCH = "The two passphrases differ."
SHARE_SEAL = "Seal the bundle"
SHARE_SEALED = "Sealed. The download below is encrypted; the preview shows what is inside."
SHARE_BUNDLE_INSIDE = "Inside the bundle, encrypted in the file:"
SHARE_CHOOSE_SCOPE_FIRST = "A CSV holds entries; a summary has none, so CSV is not offered."

REVIEW_TITLE = "Therapist review"
REVIEW_INTRO = (
    "Open an export a client gave you. Each client's record is read-only and kept apart from "
    "your own journal, in {path}."
)
REVIEW_UPLOAD = "A client's export (.json or an encrypted .attune bundle)"
REVIEW_PASSPHRASE = "Passphrase (for an encrypted bundle)"
REVIEW_OPEN = "Open"
REVIEW_OPENED = "Opened {name}'s export of {when}."
REVIEW_ALREADY = "This export was opened before; nothing changed."
REVIEW_NONE = "No client exports opened yet."
REVIEW_CLIENT = "Client"
REVIEW_EXPORT = "Export"
REVIEW_READ_ONLY = "Read-only: exactly what the client exported."
REVIEW_NEW = "New since the previous export ({when})"
REVIEW_NEW_NONE = "No new entries since the previous export ({when})."
REVIEW_FIRST = "The first export from this client."
REVIEW_SCORES = "Questionnaires"
REVIEW_NOTES = "Your private notes"
REVIEW_NOTES_HELP = (
    "Kept with this client's review files — never in a journal and never in an export."
)
REVIEW_NOTE = "New note"
REVIEW_NOTE_SAVE = "Add note"
REVIEW_NOTE_SAVED = "Note saved."
REVIEW_NOTE_EMPTY = "Write something first."
REVIEW_NOTE_TOO_LONG = "A note can be at most {n:,} characters."
REVIEW_NOTES_NONE = "No notes yet."
REVIEW_BAD_CLIENT = "That client record is not here."
SHARE_PREVIEW_CUT = (
    "The preview shows the first {shown:,} of {total:,} characters; the file holds all."
)
EXPORT_LOCKED = (
    "Some of these entries are encrypted and this journal is locked here: unlock it, then export."
)


def entries(n: int) -> str:
    """ "1 entry", "2 entries", "19,031 entries"."""
    return f"{n:,} entry" if n == 1 else f"{n:,} entries"
