"""Words of the shipped helplines on Support, and of Settings › Support and prompts."""

# --- Support ---------------------------------------------------------------------------------------
SUPPORT_HELP_IN = "{country}: who to call"
SUPPORT_CRISIS = "Crisis and suicide lines"
SUPPORT_ABUSE = "If someone at home hurts, frightens or controls you"
SUPPORT_LOCAL = "Added on this computer"
SUPPORT_EMERGENCY_LOCAL = "Emergency number set up on this computer"
SUPPORT_LINE = "**{name}**: {contact}"
SUPPORT_LINE_HOURS = "**{name}**: {contact} ({hours})"
SUPPORT_NO_COUNTRY = (
    "Choose your country in Settings › Support and prompts to see its emergency number and "
    "helplines here. Until then, the directories below list helplines for most countries."
)
SUPPORT_CHECKED = (
    "Numbers last checked against public listings on {date}. Numbers can change; if one does "
    "not work, the directories below are kept up to date."
)
SUPPORT_DIRECTORY = "Helplines in other countries"
SUPPORT_DIRECTORY_HINT = (
    "Type an address into your browser when you are ready: nothing on this page opens by itself "
    "or loads anything from the internet."
)
SUPPORT_HISTORY_HEADING = "What your browser remembers"
SUPPORT_HISTORY = (
    "Your words stay in Attune's file on this computer, but your browser's history keeps the "
    "addresses and titles of the Attune pages you opened, such as 127.0.0.1:8501/support and "
    "“Support”. It never holds what you wrote. Anyone who uses this browser can see that "
    "history: to leave no trace, open Attune in a private window (closing it forgets the "
    "pages), or delete these pages from the history (often Ctrl+H, or ⌘+Y on a Mac)."
)

# --- Settings › Support and prompts --------------------------------------------------------------
CARE_HEADING = "Support and prompts"
CARE_COUNTRY = "Country for the Support page"
CARE_COUNTRY_HELP = (
    "Chooses the emergency number and helplines shown on Support, for everyone on this journal."
)
CARE_COUNTRY_NONE = "None: show only the international directories"
CARE_COUNTRY_GUESSED = "Suggested by this computer's language settings; choose another any time."
CARE_COUNTRY_SAVED = "Support now shows help in {country}."
CARE_COUNTRY_CLEARED = "Support now shows the international directories."
CARE_LOCAL = "Local helplines"
CARE_LOCAL_HELP = (
    "One per line, as Name | number or address, for example a local counselling service. "
    "Shown on Support for everyone on this journal."
)
CARE_LOCAL_SAVE = "Save local helplines"
CARE_LOCAL_SAVED = "Local helplines saved."
CARE_LOCAL_TOO_LONG = "Local helplines can hold at most {n} characters. Nothing was saved."
CARE_PROMPTS_HEADING = "Your prompt of the day"
CARE_PROMPTS_HELP = (
    "Only for you. The prompt of the day is a light or medium prompt; deeper ones are always "
    "one choice away on Write. Turn on the themes you want to meet unasked."
)
CARE_RELATIONSHIP = "Prompts written for"
CARE_RELATIONSHIPS = {
    "any": "Any relationship",
    "romantic": "Partners",
    "family": "Family",
    "friends": "Friends or housemates",
}
CARE_LOSS = "Include prompts about loss and endings"
CARE_MULTIPLE = "Include prompts about having more than one partner"
CARE_PROMPTS_SAVE = "Save my prompt choices"
CARE_PROMPTS_SAVED = "Your prompt of the day follows your choices from now on."
