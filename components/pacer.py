"""The breathing pacer (a CSS animation) and the practice timer (a fragment that ticks each second).

INVARIANT — this is the one file allowed to call `st.html`, and only because what it renders is
built solely from Attune's own content: `pacer_html(practice_id)` takes an *id*, looks the
practice up in the shipped library (`data/practices.yaml`, validated by `attune.content`), and
builds HTML from that practice's numeric phase lengths, its fixed phase labels (HTML-escaped even
so) and the constants below. No argument, session value, preference, query parameter or anything
a person typed can reach the markup. The animation is pure CSS: no script, no network, no fonts.
`tests/unit/test_layout.py` checks this for every shipped practice.
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
  align-items: center; justify-content: center; opacity: 0; color: #1f2a27;
  font-size: 1.35rem; font-weight: 600; line-height: 1.2;}
.attune-pacer .ap-secs {font-size: 0.95rem; font-weight: 400; color: #3d4a46;}
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


def pacer_html(practice_id: str) -> str:
    """The pacer's HTML for a shipped practice (see the module docstring for the invariant)."""
    practice = load_library().practice(practice_id)
    phases = practice.pacer
    if not phases:
        raise ValueError(f"practice {practice_id!r} has no pacer")
    cycle = sum(sec for _, sec in phases)
    css = CSS.replace("LOWPX", _num(LOW)).replace("CYCLE", _num(cycle))
    rules, labels, t = [_circle_keyframes(phases)], [], 0.0
    for i, (label, sec) in enumerate(phases):
        start, t = 100 * t / cycle, t + sec
        rules.append(_label_keyframes(i, start, 100 * t / cycle, 100 * FADE_SECONDS / cycle))
        rules.append(
            f".attune-pacer .ap-l{i} {{animation: ap-label-{i} {_num(cycle)}s linear infinite;}}"
        )
        labels.append(
            f'<div class="ap-label ap-l{i}">{html.escape(label)}'
            f'<span class="ap-secs">{_num(sec)} s</span></div>'
        )
    aria = ", ".join(f"{html.escape(label)} {_num(sec)} s" for label, sec in phases)
    return (
        f"<style>{css}{' '.join(rules)}</style>"
        f'<div class="attune-pacer" role="img" aria-label="{aria}">'
        '<div class="ap-stage"><div class="ap-ring"></div><div class="ap-circle"></div></div>'
        f'<div class="ap-labels">{"".join(labels)}</div></div>'
    )


def pacer(practice: Practice) -> None:
    """Show the animated pacer for a practice that has one (see the invariant above)."""
    if practice.pacer:
        st.html(pacer_html(practice.id))


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
    st.button(messages.TIMER_START, key="practice_start", type="primary", icon=":material/play_arrow:",
              on_click=_start, args=(practice.id,))  # fmt: skip


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
