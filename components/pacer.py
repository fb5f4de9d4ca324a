"""The breathing pacer (a CSS animation), its pace chooser, and the practice timer (a fragment
that ticks each second).

INVARIANT — this is the one file allowed to call `st.html`, and only because what it renders is
built solely from Attune's own content: `pacer_html(practice_id, pace)` takes an *id*, looks the
practice up in the shipped library (`data/practices.yaml`, validated by `attune.content`), and
builds HTML from that practice's numeric phase lengths, its fixed phase labels (HTML-escaped even
so) and the constants below. The one choice a person makes, the pace, is picked from the fixed
numeric set `PACES`; anything else is refused with ValueError, so no free text, session value,
preference or query parameter can reach the markup. The animation is pure CSS: no script, no
network, no fonts. `tests/unit/test_layout.py` and `tests/unit/test_prompts_practices_content.py`
check this for every shipped practice and every pace.
"""

from __future__ import annotations

import html
import re
import time

import streamlit as st

from attune import messages
from attune.content import Practice, load_library

from . import state

LOW, HIGH = 0.5, 1.0  # circle scale at empty and full lungs
FADE_SECONDS = 0.25  # how long one label takes to fade out, and the next to fade in
_OUT = re.compile(r"\bout\b", re.I)  # a phase whose label says "out" shrinks the circle
#: Breathing paces offered for a plain breathe-in/breathe-out pacer, as (seconds in, seconds out):
#: about 9, 7, 6 and 5 breaths a minute. The only numbers a person can choose.
PACES: tuple[tuple[int, int], ...] = ((3, 4), (4, 5), (4, 6), (5, 7))
PACE_KEY = "practice_pace"  # session key of the chooser: a "<in>-<out>" string naming one of PACES

# Text takes the page's colour (`inherit`), so the labels read on the light and the dark theme;
# the circle and its ring are mid-tones that show on both.
CSS = """
.attune-pacer {display: flex; flex-direction: column; align-items: center; gap: 0.75rem;
  padding: 0.5rem 0 0.25rem; font-family: inherit;}
.attune-pacer .ap-stage {position: relative; width: 13rem; height: 13rem; display: flex;
  align-items: center; justify-content: center;}
.attune-pacer .ap-ring {position: absolute; inset: 0; border-radius: 50%;
  border: 2px dashed #b9c9c2;}
.attune-pacer .ap-circle {position: absolute; inset: 0; border-radius: 50%;
  background: radial-gradient(circle at 40% 35%, #cfe0d9 0%, #8fb3a6 55%, #4f7a6d 100%);
  transform: scale(LOWPX); animation: ap-breathe CYCLEs linear infinite;}
.attune-pacer .ap-labels {position: relative; width: 11rem; min-height: 3.5rem; text-align: center;}
.attune-pacer .ap-label {position: absolute; inset: 0; display: flex; flex-direction: column;
  align-items: center; justify-content: center; opacity: 0; color: inherit;
  font-size: 1.35rem; font-weight: 600; line-height: 1.2;}
.attune-pacer .ap-secs {font-size: 0.95rem; font-weight: 400; color: inherit; opacity: 0.8;}
@media (prefers-reduced-motion: reduce) {
  .attune-pacer .ap-circle {animation: none; transform: scale(0.8);}
  .attune-pacer .ap-labels {display: flex; flex-direction: column; gap: 0.5rem;}
  .attune-pacer .ap-labels .ap-label {position: static; opacity: 1; animation: none;}
}
"""


def _num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".")


def _circle_keyframes(phases: tuple[tuple[str, float], ...]) -> str:
    """Breathing in grows the circle, breathing out shrinks it. A run of several "in" phases
    (breathe in, then top up) stops at 85% before its last step, so the top-up is visible."""
    cycle = sum(sec for _, sec in phases)
    stops = [(0.0, LOW)]
    t, scale = 0.0, LOW
    for i, (label, sec) in enumerate(phases):
        t += sec
        if _OUT.search(label):
            scale = LOW
        else:
            more_in = i + 1 < len(phases) and not _OUT.search(phases[i + 1][0])
            scale = LOW + (HIGH - LOW) * (0.85 if more_in else 1.0)
        stops.append((100 * t / cycle, scale))
    body = " ".join(
        f"{_num(pct)}% {{transform: scale({_num(sc)}); animation-timing-function: ease-in-out;}}"
        for pct, sc in stops
    )
    return f"@keyframes ap-breathe {{{body}}}"


def _label_keyframes(i: int, start: float, end: float, fade: float) -> str:
    """Label `i` fades in from `start`% of the cycle, shows, and fades out by `end`%."""
    fade = min(fade, (end - start) / 4)
    points = {0.0: 0.0, start: 0.0, start + fade: 1.0, end - fade: 1.0, end: 0.0, 100.0: 0.0}
    body = " ".join(f"{_num(p)}% {{opacity: {_num(v)};}}" for p, v in sorted(points.items()))
    return f"@keyframes ap-label-{i} {{{body}}}"


def adjustable(practice: Practice) -> bool:
    """True when the pacer is one breath in then one breath out, so any of PACES fits it."""
    p = practice.pacer
    return p is not None and len(p) == 2 and not _OUT.search(p[0][0]) and bool(_OUT.search(p[1][0]))


def phases(
    practice: Practice, pace: tuple[int, int] | None
) -> tuple[tuple[str, float], ...] | None:
    """The practice's phases at the chosen pace: its own labels, the seconds of one of PACES.
    None keeps the practice's own timing. Raises ValueError for any other pace."""
    if pace is None:
        return practice.pacer
    if not adjustable(practice) or practice.pacer is None:
        raise ValueError(f"practice {practice.id!r} has no adjustable pace")
    if not isinstance(pace, tuple) or pace not in PACES:
        raise ValueError(f"{pace!r} is not one of the offered paces")
    seconds = PACES[PACES.index(pace)]  # the constant's own numbers, never the caller's
    return tuple(
        (label, float(sec)) for (label, _), sec in zip(practice.pacer, seconds, strict=True)
    )


def pace_label(pace: tuple[int, int]) -> str:
    breathe_in, breathe_out = pace
    return messages.PACE_OPTION.format(breathe_in=breathe_in, breathe_out=breathe_out)


def _pace_key(pace: tuple[int, int]) -> str:
    return f"{pace[0]}-{pace[1]}"


def pace_chooser(practice: Practice) -> tuple[int, int] | None:
    """A horizontal, keyboard-reachable choice among PACES for a plain in/out pacer (None for
    any other practice). Starts at the practice's own timing; deselecting goes back to it."""
    if not adjustable(practice) or practice.pacer is None:
        return None
    by_key = {_pace_key(pace): pace for pace in PACES}
    own = _pace_key((int(practice.pacer[0][1]), int(practice.pacer[1][1])))
    if st.session_state.get(PACE_KEY) not in by_key:
        st.session_state[PACE_KEY] = own if own in by_key else None
    chosen = st.segmented_control(
        messages.PACE_LABEL,
        list(by_key),
        key=PACE_KEY,
        format_func=lambda key: pace_label(by_key[key]),
        help=messages.PACE_HELP,
        width="stretch",
    )
    return by_key.get(chosen) if chosen else None


def pacer_html(practice_id: str, pace: tuple[int, int] | None = None) -> str:
    """The pacer's HTML for a shipped practice at one of PACES, or at its own timing when pace is
    None (see the module docstring for the invariant)."""
    practice = load_library().practice(practice_id)
    steps = phases(practice, pace)
    if not steps:
        raise ValueError(f"practice {practice_id!r} has no pacer")
    return _html(steps)


def _html(steps: tuple[tuple[str, float], ...]) -> str:
    cycle = sum(sec for _, sec in steps)
    css = CSS.replace("LOWPX", _num(LOW)).replace("CYCLE", _num(cycle))
    rules, labels, t = [_circle_keyframes(steps)], [], 0.0
    for i, (label, sec) in enumerate(steps):
        start, t = 100 * t / cycle, t + sec
        rules.append(_label_keyframes(i, start, 100 * t / cycle, 100 * FADE_SECONDS / cycle))
        rules.append(
            f".attune-pacer .ap-l{i} {{animation: ap-label-{i} {_num(cycle)}s linear infinite;}}"
        )
        labels.append(
            f'<div class="ap-label ap-l{i}">{html.escape(label)}'
            f'<span class="ap-secs">{_num(sec)} s</span></div>'
        )
    aria = ", ".join(f"{html.escape(label)} {_num(sec)} s" for label, sec in steps)
    return (
        f"<style>{css}{' '.join(rules)}</style>"
        f'<div class="attune-pacer" role="img" aria-label="{aria}">'
        '<div class="ap-stage"><div class="ap-ring"></div><div class="ap-circle"></div></div>'
        f'<div class="ap-labels">{"".join(labels)}</div></div>'
    )


def pacer(practice: Practice, pace: tuple[int, int] | None = None) -> None:
    """Show the animated pacer for a practice that has one (see the invariant above)."""
    if practice.pacer:
        st.html(pacer_html(practice.id, pace))


# --- the timer ---------------------------------------------------------------------------------
def running(practice: Practice) -> bool:
    started: tuple[str, float] | None = st.session_state.get(state.PRACTICE_STARTED)
    return started is not None and started[0] == practice.id


def _start(practice_id: str) -> None:
    st.session_state[state.PRACTICE_STARTED] = (practice_id, time.time())
    st.session_state.pop(state.PRACTICE_ENDED, None)


def _end(how: str) -> None:
    st.session_state.pop(state.PRACTICE_STARTED, None)
    st.session_state[state.PRACTICE_ENDED] = how


def timer(practice: Practice) -> None:
    """Start, a countdown with a progress bar while running, and Stop."""
    if running(practice):
        _clock(practice.duration_seconds)
        return
    ended = st.session_state.get(state.PRACTICE_ENDED)
    if ended:
        st.success(messages.TIMER_DONE if ended == "done" else messages.TIMER_STOPPED)
    st.button(
        messages.TIMER_START,
        key="practice_start",
        type="primary",
        icon=":material/play_arrow:",
        on_click=_start,
        args=(practice.id,),
    )


@st.fragment(run_every=1)
def _clock(duration: int) -> None:
    started = st.session_state.get(state.PRACTICE_STARTED)
    if not started:  # stopped elsewhere; the full rerun will redraw without the clock
        return
    elapsed = time.time() - started[1]
    left = max(0, round(duration - elapsed))
    if left <= 0:
        _end("done")
        st.rerun()
    m, s = divmod(left, 60)
    st.progress(min(1.0, elapsed / duration), text=messages.TIMER_LEFT.format(m=m, s=s))
    if st.button(messages.TIMER_STOP, key="practice_stop", icon=":material/stop:"):
        _end("stopped")
        st.rerun()
