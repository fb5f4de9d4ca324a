"""Every session-state key the app uses, in one place."""

MEMBER_ID = "member_id"  # who is writing (int) — the viewer for every read
JOURNAL_ID = "journal_id"  # a signed-in person's journal (int; components.signin), else unset
CHOSEN_AT = "chosen_at"  # when this session chose its member (epoch seconds; components.lock)
# The frame's own widgets, drawn before every page (components/frame.py)
SIDEBAR_MEMBER = "sidebar_member"
LEAVE_QUICKLY = "leave_quickly"
LOCK_NOW = "lock_now"
FRAME_KEYS = (SIDEBAR_MEMBER, LEAVE_QUICKLY, LOCK_NOW)
FLASH = "flash"  # (kind, message) shown once at the top of the next run
RUN_REVISION = "run_revision"  # (the run it was read in, the revision): components.services
UNDO_TRASH = "undo_trash_id"  # the entry just moved to trash, for the Undo button
EDITING = "editing"  # (entry_id, version) of the entry open for editing on the Journal page
JOURNAL_PAGE = "journal_page"
SHOW_TRASH = "journal_show_trash"
SEARCH = "journal_search"
F_DATES = "journal_dates"
F_TAGS = "journal_tags"
F_FEELINGS = "journal_feelings"
F_VALENCE = "journal_valence"
DRAFT_LOADED = "draft_loaded"  # {text area key: "member:slot"} — whose draft each area holds
WRITE_PROMPT = "write_prompt_id"  # prompt chosen to write about (Readings -> Write)
WRITE_READING = "write_reading_id"
# The weekly check-in on Together (radios are `csi4_0`…, `who5_0`…)
WEEKLY_CSI4 = "csi4_"
WEEKLY_WHO5 = "who5_"
WEEKLY_APPRECIATION = "weekly.appreciation"
WEEKLY_TALK = "weekly.talk"
WEEKLY_SHARED = "weekly.shared"
WEEKLY_SAVE = "weekly.save"
WEEKLY_PROBLEM = "weekly.problem"  # why the last Save did not save, shown under the form once
WEEKLY_PENDING = "weekly.pending"  # a check-in to share, shown as the others would see it first
ASK_PROMPT = "ask.prompt"  # the ask form on Together: a shipped prompt, or …
ASK_OWN = "ask.own"  # … the asker's own question,
ASK_WHOM = "ask.whom"  # … and the member ids to ask
ASK_PROBLEM = "ask.problem"


def checkin_key(prefix: str, field: str) -> str:
    """Widget keys of a check-in form: `today.valence`, `edit.tags`, …"""
    return f"{prefix}.{field}"


# Readings, Write and Practices (issue 3). WRITE_PROMPT: absent = prompt of the day, "" = blank page.
READING = "reading_open"  # id of the reading open on the Readings page (None = the library)
READING_TOPIC = "readings_topic"
READING_PROMPT = "reading_prompt"  # which of the open reading's prompts "Write about this" uses
WRITE_THEME = "write_theme"
WRITE_DEPTH = "write_depth"
WRITE_AUDIENCE = "write_audience"
WRITE_PICK = "write_pick"  # the prompt highlighted in the chooser, before "Use this prompt"
PRACTICE = "practice_open"  # id of the practice open on the Practices page (None = the list)
PRACTICE_STARTED = "practice_started"  # (practice id, wall-clock start) while the timer runs
PRACTICE_ENDED = "practice_ended"  # "done" or "stopped" after the timer ends, until saved
PRACTICE_BEFORE = "practice.before"  # 1–5 intensity before (see attune.domain.practices)
PRACTICE_AFTER = "practice.after"
PRACTITIONER_NAME = "practitioner.name"
PRACTITIONER_URL = "practitioner.url"

# Query parameters that links carry to preselect something (validated against the library).
QP_PRACTICE = "practice"
QP_PROMPT = "prompt"
QP_READING = "reading"

# Import (issue 7)
IMPORT_ROUND = "import_round"  # bumped after an import so the uploader starts empty again
IMPORT_PREVIEW = "import_preview"  # (file id, mood mapping, ImportPreview) of the file on screen
IMPORT_UNDO = "import_undo"  # id of the import whose Undo is waiting for confirmation
IMPORT_OWNER = "import_owner"  # member the upload on screen belongs to


def import_upload_key(round_no: int) -> str:
    return f"import_upload.{round_no}"


def import_mood_key(name: str) -> str:
    """Widget key of the pleasantness chosen for one Daylio mood name."""
    return f"import.mood.{name.casefold()}"


# Share and Therapist review (issue 6)
SHARE_RANGE = "share.range"
SHARE_SCOPE = "share.scope"
SHARE_FORMAT = "share.format"
SHARE_PHRASE = "share.phrase"
SHARE_SECOND_PHRASE = "share.phrase_again"
SHARE_SEALED = "share.sealed"  # ((choices, revision), Rendered): the bundle sealed for them
SHARE_MEMO = "share.memo"  # this session's export and rendered files for the current choices
REVIEW_ROUND = "review_round"  # bumped after opening an export so the uploader starts empty
REVIEW_PHRASE = "review.phrase"
REVIEW_CLIENT = "review.client"  # client_id of the record on screen
REVIEW_EXPORT = "review.export"  # exported_at (UTC datetime) of the export on screen
REVIEW_NOTE = "review.note"


def share_pick_key(uid: str) -> str:
    """Checkbox of one entry in the Share page's hand-pick list."""
    return f"share.pick.{uid}"


def review_upload_key(round_no: int) -> str:
    return f"review_upload.{round_no}"


def form_uid_key(prefix: str) -> str:
    """The idempotency key of a check-in form as drawn (one save, however many clicks)."""
    return f"{prefix}.form_uid"


# Settings › Support and prompts (components/care_settings.py)
CARE_COUNTRY = "care.country"
CARE_LOCAL = "care.local_lines"
CARE_LOCAL_SAVE = "care.local_lines.save"
CARE_RELATIONSHIP = "care.relationship"
CARE_LOSS = "care.loss"
CARE_MULTIPLE = "care.multiple"
CARE_PROMPTS_SAVE = "care.prompts.save"
