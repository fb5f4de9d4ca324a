"""Words of the practitioner's inbox on a hosted Attune: becoming a practitioner, connecting a
client, sending from Share, withdrawing, and the practitioner's Inbox."""

from .plural import Plural

# --- the welcome page: choosing to be a practitioner ---------------------------------------
BECOME_TITLE = "I am a practitioner"
BECOME_HINT = (
    "A therapist or counsellor whose clients use this Attune. You keep no journal here: your "
    "clients send you what they choose, and can take it back."
)
BECOME_NAME = "Your name, as your clients will see it"
BECOME = "Open my inbox"
NAME_NEEDED = "Type the name your clients know you by."

# --- the practitioner's pages ---------------------------------------------------------------
INBOX_TITLE = "Inbox"
INBOX_NAV = "Inbox"
CLIENTS_NAV = "Connect a client"
INBOX_LEAD = (
    "What your clients sent you, read-only, exactly as they sent it. When a client withdraws "
    "something, it leaves this inbox at once."
)
INBOX_EMPTY = (
    "Nothing here yet. When a client connects with a code from you and sends you something "
    "from their Share page, it appears here."
)
INBOX_CONNECT_FIRST = "Connect a client"
INBOX_CLIENT = "Client"
INBOX_SENT = "Sent"
PRACTITIONERS_ONLY = (
    "This page is for a practitioner signed in to a hosted Attune. Open Attune from its start page."
)
INBOX_GONE = "That export was withdrawn by the client: it is no longer here."
SENT_LINE = "{when} · {entries} · {scope}"
SIGNED_IN_AS = "Signed in as {name} (practitioner)"
CLIENT_COUNT = Plural("{client} · {n} export", "{client} · {n} exports")

CODES_TITLE = "Connect a client"
CODES_HINT = (
    "Make a one-time code for one client and give it to them yourself — in a session, or in a "
    "message only they read. They type it once on their Share page. It works once, for three "
    "days; Attune shows it only now. Nobody else in the client's journal sees the connection."
)
CODE_MAKE = "Make a code for a client"
CODE_MADE = "Give this code to your client. It works once, until {until}."
CODES_OPEN = "Unused codes: {count}."
CLIENTS_TITLE = "Your clients"
CLIENTS_NONE = "No client is connected yet."
CLIENT_SINCE = "Connected since {when}"
END_LINK = "End the connection"
END_LINK_CONFIRM = (
    "End the connection with {name}? Everything they sent you leaves your inbox, and they "
    "would need a new code to send again."
)
END_LINK_YES = "Yes, end it"
LINK_ENDED = "The connection with {name} is ended."
CANCEL = "Cancel"

# --- Share: the client's side ----------------------------------------------------------------
SEND_TITLE = "Send to your practitioner"
SEND_HINT = (
    "Your practitioner uses this Attune too. Send them exactly this export — the same "
    "scope and dates as above; nothing else of yours. Only they can open it, and you can "
    "withdraw it at any time. Until then it is kept on this server as sent: your passphrase "
    "does not seal it."
)
SEND_PRIVATE_NOTE = "Only you see this: nobody else in your journal knows who you send to."
CONNECT_TITLE = "Connect to your practitioner"
CONNECT_HINT = (
    "If your practitioner uses this Attune, they can give you a one-time code. Type it here "
    "once; then you can send them exports from this page."
)
CONNECT_CODE = "Code from your practitioner"
CONNECT_NAME = "Your name, as your practitioner will see it"
CONNECT = "Connect"
CODE_INVALID = (
    "That code is not valid: it may be used up or expired. Ask your practitioner for a new one."
)
CONNECTED = "Connected to {name}. You can send them exports from this page."
SEND = "Send to {name}"
SENT = "Sent to {name}. You can withdraw it below at any time."
SENT_TITLE = "What you sent"
SENT_NONE = "You have not sent anything yet."
SENT_ITEM = "To **{name}**"
WITHDRAW = "Withdraw"
WITHDRAW_CONFIRM = (
    "Withdraw this export? {name} can no longer open it — at once, on every device. A copy "
    "they wrote down or printed is theirs."
)
WITHDRAW_YES = "Yes, withdraw it"
WITHDRAWN = "Withdrawn: {name} can no longer open it."
DISCONNECT = "Disconnect from {name}"
DISCONNECT_CONFIRM = (
    "Disconnect from {name}? Everything you sent them is withdrawn, and you would need a new "
    "code from them to send again."
)
DISCONNECT_YES = "Yes, disconnect"
DISCONNECTED = "Disconnected from {name}; everything you sent them is withdrawn."
TOO_BIG = "This export is too large to send ({size}; at most {limit}). Choose fewer dates."
TOO_MANY = (
    "You have {n} exports waiting with your practitioners, the most there can be. Withdraw "
    "an older one first."
)
LEAVING_WITHDRAWS = "Your connection with {name} ends too: everything you sent them is withdrawn."
NOT_CONNECTED = "You are not connected to that practitioner any more."
