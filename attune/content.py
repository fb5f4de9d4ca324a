"""Load and strictly validate the content Attune ships in ``data/``.

Feeling words (``emotions.yaml``), readings (``readings/*.md``), guided prompts (``prompts.yaml``)
and micro-practices (``practices.yaml``). Pure Python: this module never imports streamlit. Any
problem raises :class:`ContentError` with a one-line message naming the file and what is wrong.
"""

from __future__ import annotations

import datetime
import functools
import pathlib
import random
import re
from dataclasses import dataclass
from typing import Any, NoReturn

import yaml

# fmt: off
THEMES = ("connection", "regulation", "communication", "repair", "appreciation",
          "secure-functioning", "self-understanding", "multiple-partners", "endings-loss",
          "intimacy", "shared-life")
TOPICS = ("brain", "reward", "chemistry", "touch", "pain", "attachment", "regulation",
          "communication", "health", "intimacy", "conflict", "relationships")
# fmt: on
AUDIENCES = ("solo", "together")
DEPTHS = ("light", "medium", "deep")
EVIDENCE_LEVELS = ("strong", "moderate", "mixed", "early")
PRACTICE_KINDS = (
    "down-regulating",
    "labelling",
    "perspective",
    "compassion",
    "connecting",
    "together",
)
#: Who a prompt is for: any group, or only a romantic, a family or a friends' group.
RELATIONSHIPS = ("any", "romantic", "family", "friends")
#: What a prompt touches; anything but "none" is kept out of the daily prompt by default.
SENSITIVITIES = ("none", "sexual", "conflict", "loss")
#: Themes whose prompts must carry a given sensitivity.
THEME_SENSITIVITY = {"repair": "conflict", "endings-loss": "loss"}
PRACTICE_SECONDS = (10, 1800)  # a flooding time-out lasts at least 20 minutes
SECTIONS = ("What research shows", "What is still debated", "Try this")
READING_WORDS = (150, 300)
#: A reading's evidence is one level, or one level per group studied (people is required).
EVIDENCE_GROUPS = ("people", "animals")
#: The takeaway shown first: exactly two short lines, each at most this many characters.
TAKEAWAY_LINE_CHARS = 90
#: A reading's "reviewed" date must fall on or after this day (and not in the future).
REVIEWED_SINCE = datetime.date(2024, 1, 1)
#: Prompts on these themes, or whose text touches these words, must end with a grounding close.
CLOSE_THEMES = ("repair", "endings-loss")
CLOSE_WORDS = re.compile(
    r"\b(conflict|argu|fight|fought|reject|loss|lost|losing|break-?up|grie)", re.I
)
_ENUMS = {
    "theme": THEMES,
    "audience": AUDIENCES,
    "depth": DEPTHS,
    "topic": TOPICS,
    "evidence": EVIDENCE_LEVELS,
    "kind": PRACTICE_KINDS,
    "relationship": RELATIONSHIPS,
    "sensitivity": SENSITIVITIES,
    "valence": ("pleasant", "unpleasant"),
    "energy": ("high", "low"),
}
DEFAULT_DATA_DIR = pathlib.Path(__file__).resolve().parent.parent / "data"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")
#: A feeling word: one to three lowercase words ("calm", "at ease", "walking on eggshells").
_FEELING = re.compile(r"[a-z]+(?:-[a-z]+)*(?: [a-z]+(?:-[a-z]+)*){0,2}")


class ContentError(ValueError):
    """A content file is missing, malformed or inconsistent; the message names the file."""


@dataclass(frozen=True)
class FeelingWord:
    word: str
    definition: str
    quadrant: str


@dataclass(frozen=True)
class Quadrant:
    id: str
    label: str
    valence: str
    energy: str
    words: tuple[FeelingWord, ...]


@dataclass(frozen=True)
class Reference:
    text: str
    doi: str | None
    url: str | None
    #: The work's title, which also appears in ``text`` (required for readings' references).
    title: str | None = None

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else str(self.url)


@dataclass(frozen=True)
class Reading:
    id: str
    title: str
    topic: str
    evidence: str
    summary: str
    practice: str | None
    references: tuple[Reference, ...]
    shows: str
    debated: str
    try_this: str
    word_count: int
    #: Two short lines shown first, before anything else (a phone shows little at once).
    takeaway: tuple[str, ...] = ()
    #: When the reading was last checked against its sources.
    reviewed: datetime.date | None = None
    #: (group, level) per group studied when the evidence differs, e.g. strong in animals but
    #: early in people; empty when one level covers it. ``evidence`` is always the people level.
    evidence_by_group: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Prompt:
    id: str
    theme: str
    audience: str
    depth: str
    readings: tuple[str, ...]
    text: str
    close: str | None
    relationship: str = "any"  # RELATIONSHIPS
    sensitivity: str = "none"  # SENSITIVITIES


@dataclass(frozen=True)
class Practice:
    id: str
    name: str
    kind: str
    audience: str
    duration_seconds: int
    pacer: tuple[tuple[str, float], ...] | None
    summary: str
    steps: tuple[str, ...]
    evidence_shows: str
    evidence_limits: str
    safety: str
    references: tuple[Reference, ...]
    readings: tuple[str, ...]
    credit: str | None = None  # shown on screen, e.g. whose exercise this is adapted from


# What fits a check-in, by quadrant (None = neutral on an axis): (practice id, prompt theme).
_SUGGESTIONS: dict[str | None, tuple[str | None, str]] = {
    "unpleasant-high": ("slow-breathing", "regulation"),
    "unpleasant-low": ("self-compassion-break", "self-understanding"),
    "pleasant-high": (None, "appreciation"),
    "pleasant-low": (None, "appreciation"),
    None: ("name-the-feeling", "self-understanding"),
}


@dataclass(frozen=True)
class Library:
    quadrants: tuple[Quadrant, ...]
    readings: tuple[Reading, ...]
    prompts: tuple[Prompt, ...]
    practices: tuple[Practice, ...]

    def feeling_words(self) -> tuple[FeelingWord, ...]:
        return tuple(w for q in self.quadrants for w in q.words)

    def quadrant_for(self, valence: int, energy: int) -> Quadrant | None:
        """Quadrant for a check-in on 1–5 scales: below 3 is unpleasant/low, above 3 is
        pleasant/high; exactly 3 on either axis is neutral and gives None."""
        if valence == 3 or energy == 3:
            return None
        want = ("pleasant" if valence > 3 else "unpleasant", "high" if energy > 3 else "low")
        return next((q for q in self.quadrants if (q.valence, q.energy) == want), None)

    def reading(self, id: str) -> Reading:
        return _by_id(self.readings, id, "reading")

    def prompt(self, id: str) -> Prompt:
        return _by_id(self.prompts, id, "prompt")

    def practice(self, id: str) -> Practice:
        return _by_id(self.practices, id, "practice")

    def prompts_for_reading(self, reading_id: str) -> tuple[Prompt, ...]:
        return tuple(p for p in self.prompts if reading_id in p.readings)

    def prompts_where(
        self,
        *,
        theme: str | None = None,
        depth: str | None = None,
        audience: str | None = None,
        relationship: str | None = None,
    ) -> tuple[Prompt, ...]:
        """Prompts matching every filter given. A relationship keeps that relationship's own
        prompts and those for any relationship ("friends" never yields a romantic prompt)."""
        return tuple(
            p
            for p in self.prompts
            if theme in (None, p.theme)
            and depth in (None, p.depth)
            and audience in (None, p.audience)
            and (relationship is None or p.relationship in ("any", relationship))
        )

    def prompt_of_the_day(
        self,
        day: datetime.date,
        *,
        audience: str = "solo",
        relationship: str = "any",
        sensitivities: tuple[str, ...] = ("none",),
    ) -> Prompt:
        """Deterministic: a fixed seeded permutation of the eligible prompts, cycled day by day,
        so no prompt repeats within len(eligible) consecutive days. Eligible by default: the
        audience's prompts for any relationship with no sensitive topic, so the daily prompt fits
        whoever opens the app; pass a relationship or more sensitivities to widen it."""
        order = sorted(
            (
                p
                for p in self.prompts_where(audience=audience, relationship=relationship)
                if p.sensitivity in sensitivities
            ),
            key=lambda p: p.id,
        )
        if not order:
            raise KeyError(f"no prompts for audience {audience!r}")
        seed = f"attune-prompt-of-the-day:{audience}"
        if relationship != "any" or sensitivities != ("none",):
            seed += f":{relationship}:{','.join(sorted(sensitivities))}"
        random.Random(seed).shuffle(order)  # noqa: S311 - seeded on purpose
        return order[day.toordinal() % len(order)]

    def suggest(self, valence: int, energy: int) -> tuple[Practice | None, Prompt | None]:
        """Unpleasant + high energy: slow breathing first, then a light regulation prompt.
        Unpleasant + low: self-compassion break, self-understanding prompt. Pleasant + high:
        appreciation prompt. Pleasant + low: appreciation too. Neutral: name the feeling."""
        quadrant = self.quadrant_for(valence, energy)
        practice_id, theme = _SUGGESTIONS[quadrant.id if quadrant else None]
        practice = next((p for p in self.practices if p.id == practice_id), None)
        prompts = self.prompts_where(theme=theme, audience="solo")
        light = [p for p in prompts if p.depth == "light"] or list(prompts)
        return practice, (light[0] if light else None)


def _by_id(items: tuple[Any, ...], id: str, kind: str) -> Any:
    for item in items:
        if item.id == id:
            return item
    raise KeyError(f"no {kind} with id {id!r}")


# --- validation helpers ------------------------------------------------------------------------


def _fail(where: str, problem: str) -> NoReturn:
    raise ContentError(f"{where}: {problem}")


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that rejects duplicate mapping keys instead of silently keeping the last."""


def _unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    keys = [loader.construct_object(k, deep=True) for k, _ in node.value]
    dupes = sorted({str(k) for k in keys if keys.count(k) > 1})
    if dupes:
        raise yaml.constructor.ConstructorError(
            None, None, f"duplicate key {dupes[0]!r}", node.start_mark
        )
    return dict(loader.construct_mapping(node, deep=True))


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def _yaml(text: str, where: str) -> Any:
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        _fail(where, f"invalid YAML: {' '.join(str(exc).split())}")


def _read(path: pathlib.Path, where: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        _fail(where, f"cannot read file ({exc.strerror})")


def _fields(obj: Any, where: str, required: str, optional: str = "") -> dict[str, Any]:
    """Check ``obj`` is a mapping with every key in ``required`` and no keys outside both lists."""
    if not isinstance(obj, dict):
        _fail(where, f"expected a mapping, got {type(obj).__name__}")
    missing = [k for k in required.split() if k not in obj]
    unknown = [str(k) for k in obj if k not in required.split() + optional.split()]
    if missing or unknown:
        _fail(where, f"missing key {missing[0]!r}" if missing else f"unknown key {unknown[0]!r}")
    return obj


def _text(d: dict[str, Any], key: str, where: str) -> str:
    value, allowed = d[key], _ENUMS.get(key)
    if not isinstance(value, str) or not value.strip():
        _fail(where, f"{key!r} must be a non-empty string")
    if allowed is not None and value not in allowed:
        _fail(where, f"{key!r} is {value!r}, expected one of {', '.join(allowed)}")
    return value.strip()


def _texts(d: dict[str, Any], keys: str, where: str) -> dict[str, Any]:
    return {k: _text(d, k, where) for k in keys.split()}


def _opt_text(d: dict[str, Any], key: str, where: str) -> str | None:
    return None if d.get(key) is None else _text(d, key, where)


def _list(d: dict[str, Any], key: str, where: str, minimum: int = 1) -> list[Any]:
    value = d[key]
    if not isinstance(value, list) or len(value) < minimum:
        _fail(where, f"{key!r} must be a list of at least {minimum}")
    return value


def _strings(d: dict[str, Any], key: str, where: str, minimum: int = 1) -> tuple[str, ...]:
    items = _list(d, key, where, minimum)
    if not all(isinstance(s, str) and s.strip() for s in items):
        _fail(where, f"every item of {key!r} must be a non-empty string")
    return tuple(s.strip() for s in items)


def _id(d: dict[str, Any], where: str, seen: set[str]) -> str:
    value = _text(d, "id", where)
    if not _ID.match(value):
        _fail(where, f"id {value!r} must be lowercase words joined by hyphens")
    if value in seen:
        _fail(where, f"duplicate id {value!r}")
    seen.add(value)
    return value


def _references(
    d: dict[str, Any], where: str, minimum: int, *, titled: bool = False
) -> tuple[Reference, ...]:
    """A list of references, each with a DOI or a URL; with ``titled``, each also needs a
    'title' that appears word for word in its 'text' (so the citation shown names the work)."""
    refs = []
    for i, raw in enumerate(_list(d, "references", where, minimum), 1):
        here = f"{where} reference {i}"
        ref = _fields(raw, here, "text title" if titled else "text", "doi url title")
        doi, url = _opt_text(ref, "doi", here), _opt_text(ref, "url", here)
        if not doi and not url:
            _fail(here, "needs a 'doi' or a 'url'")
        if doi and not _DOI.match(doi):
            _fail(here, f"doi {doi!r} does not look like 10.xxxx/...")
        if url and not url.startswith(("https://", "http://")):
            _fail(here, f"url {url!r} must start with https://")
        text, title = _text(ref, "text", here), _opt_text(ref, "title", here)
        if title is not None and title not in text:
            _fail(here, f"title {title!r} must appear in the reference text")
        refs.append(Reference(text, doi, url, title))
    return tuple(refs)


def _entries(path: pathlib.Path, key: str) -> list[Any]:
    where = path.name
    return _list(_fields(_yaml(_read(path, where), where), where, key), key, where)


# --- loaders ---------------------------------------------------------------------------------


def _load_quadrants(path: pathlib.Path) -> tuple[Quadrant, ...]:
    quadrants, seen, words = [], set[str](), set[str]()
    for raw in _entries(path, "quadrants"):
        q = _fields(raw, f"{path.name} quadrant", "id label valence energy words")
        here = f"{path.name} quadrant {_id(q, f'{path.name} quadrant', seen)!r}"
        feeling = []
        for w in _list(q, "words", here):
            w = _texts(_fields(w, f"{here} word", "word definition"), "word definition", here)
            if not _FEELING.fullmatch(w["word"]) or w["word"] in words:
                _fail(here, f"word {w['word']!r} must be lowercase, 1-3 plain words, and unique")
            if len(w["definition"]) > 90:
                _fail(here, f"definition of {w['word']!r} is longer than 90 characters")
            words.add(w["word"])
            feeling.append(FeelingWord(**w, quadrant=q["id"]))
        quadrants.append(
            Quadrant(**_texts(q, "id label valence energy", here), words=tuple(feeling))
        )
    combos = sorted((q.valence, q.energy) for q in quadrants)
    if combos != [
        ("pleasant", "high"),
        ("pleasant", "low"),
        ("unpleasant", "high"),
        ("unpleasant", "low"),
    ]:
        _fail(path.name, "needs exactly one quadrant for each valence x energy combination")
    return tuple(quadrants)


def _load_reading(path: pathlib.Path, seen: set[str]) -> Reading:
    where = f"readings/{path.name}"
    lines = _read(path, where).splitlines()
    ends = [i for i, line in enumerate(lines) if line.strip() == "---"]
    if not lines or lines[0].strip() != "---" or len(ends) < 2:
        _fail(where, "must start with front matter between two '---' lines")
    meta = _yaml("\n".join(lines[1 : ends[1]]), where)
    meta = _fields(
        meta, where, "id title topic evidence summary takeaway reviewed references", "practice"
    )
    rid = _id(meta, where, seen)
    if not re.fullmatch(rf"\d+-{re.escape(rid)}", path.stem):
        _fail(where, f"file name should be <nn>-{rid}.md")
    parts = re.split(r"^##[ \t]+(.+?)[ \t]*$", "\n".join(lines[ends[1] + 1 :]), flags=re.M)
    headings = [h.strip() for h in parts[1::2]]
    if parts[0].strip() or tuple(headings) != SECTIONS:
        _fail(where, f"body must be exactly the sections {' / '.join(SECTIONS)}, found {headings}")
    shows, debated, try_this = (s.strip() for s in parts[2::2])
    if not (shows and debated and try_this):
        _fail(where, "every section needs text")
    count = len(_WORD.findall(f"{shows}\n{debated}\n{try_this}"))
    if not READING_WORDS[0] <= count <= READING_WORDS[1]:
        _fail(where, f"sections hold {count} words, expected {READING_WORDS[0]}-{READING_WORDS[1]}")
    evidence, by_group = _evidence(meta, where)
    return Reading(
        **_texts(meta, "id title topic summary", where),
        evidence=evidence,
        practice=_opt_text(meta, "practice", where),
        references=_references(meta, where, 2, titled=True),
        shows=shows,
        debated=debated,
        try_this=try_this,
        word_count=count,
        takeaway=_takeaway(meta, where),
        reviewed=_reviewed(meta, where),
        evidence_by_group=by_group,
    )


def _evidence(meta: dict[str, Any], where: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """'evidence: early', or a mapping of group to level such as {animals: strong, people:
    early}; a mapping needs 'people', whose level is the reading's headline level."""
    raw = meta["evidence"]
    if not isinstance(raw, dict):
        return _text(meta, "evidence", where), ()
    groups = [g for g in EVIDENCE_GROUPS if g in raw]
    unknown = [str(g) for g in raw if g not in EVIDENCE_GROUPS]
    if unknown or "people" not in raw:
        _fail(where, f"'evidence' groups must include people and come from {EVIDENCE_GROUPS}")
    levels = {g: _text({"evidence": raw[g]}, "evidence", f"{where} evidence {g}") for g in groups}
    return levels["people"], tuple((g, levels[g]) for g in groups)


def _takeaway(meta: dict[str, Any], where: str) -> tuple[str, ...]:
    lines = _strings(meta, "takeaway", where, 2)
    if len(lines) != 2 or any(len(line) > TAKEAWAY_LINE_CHARS for line in lines):
        _fail(where, f"'takeaway' must be two lines of at most {TAKEAWAY_LINE_CHARS} characters")
    return lines


def _reviewed(meta: dict[str, Any], where: str) -> datetime.date:
    value = meta["reviewed"]
    if type(value) is not datetime.date:
        _fail(where, "'reviewed' must be a date written as YYYY-MM-DD")
    if not REVIEWED_SINCE <= value <= datetime.date.today():
        _fail(where, f"'reviewed' {value} must be from {REVIEWED_SINCE} up to today")
    return value


def _load_prompts(path: pathlib.Path) -> tuple[Prompt, ...]:
    seen: set[str] = set()
    prompts = []
    for raw in _entries(path, "prompts"):
        keys = "id theme audience depth relationship sensitivity readings text"
        p = _fields(raw, f"{path.name} prompt", keys, "close")
        here = f"{path.name} prompt {_id(p, f'{path.name} prompt', seen)!r}"
        prompt = Prompt(
            **_texts(p, "id theme audience depth relationship sensitivity text", here),
            readings=_strings(p, "readings", here),
            close=_opt_text(p, "close", here),
        )
        if not prompt.close and (
            prompt.theme in CLOSE_THEMES
            or prompt.sensitivity in ("conflict", "loss")
            or CLOSE_WORDS.search(prompt.text)
        ):
            _fail(here, "touches loss, rejection or conflict, so it needs a grounding 'close'")
        wanted = THEME_SENSITIVITY.get(prompt.theme)
        if wanted and prompt.sensitivity != wanted:
            _fail(here, f"a {prompt.theme!r} prompt has sensitivity {wanted!r}")
        if prompt.sensitivity == "sexual" and prompt.relationship not in ("any", "romantic"):
            _fail(here, "a sexual prompt is never for a family or a friends' group")
        prompts.append(prompt)
    return tuple(prompts)


def _pacer(p: dict[str, Any], where: str) -> tuple[tuple[str, float], ...] | None:
    if p["pacer"] is None:
        return None
    phases = []
    for raw in _list(p, "pacer", where):
        phase = _fields(raw, f"{where} pacer", "label seconds")
        seconds = phase["seconds"]
        if (
            isinstance(seconds, bool)
            or not isinstance(seconds, int | float)
            or not 0 < seconds <= 30
        ):
            _fail(where, "pacer 'seconds' must be a number above 0 and at most 30")
        phases.append((_text(phase, "label", where), float(seconds)))
    return tuple(phases)


def _load_practices(path: pathlib.Path) -> tuple[Practice, ...]:
    seen: set[str] = set()
    practices = []
    texts = "id name kind audience summary evidence_shows evidence_limits safety"
    for raw in _entries(path, "practices"):
        keys = f"{texts} duration_seconds pacer steps references readings"
        p = _fields(raw, f"{path.name} practice", keys, "credit")
        here = f"{path.name} practice {_id(p, f'{path.name} practice', seen)!r}"
        duration, (shortest, longest) = p["duration_seconds"], PRACTICE_SECONDS
        if type(duration) is not int or not shortest <= duration <= longest:
            _fail(here, f"'duration_seconds' must be a whole number from {shortest} to {longest}")
        practices.append(
            Practice(
                **_texts(p, texts, here),
                duration_seconds=duration,
                pacer=_pacer(p, here),
                steps=_strings(p, "steps", here, 3),
                references=_references(p, here, 1, titled=True),
                readings=_strings(p, "readings", here),
                credit=_opt_text(p, "credit", here),
            )
        )
    return tuple(practices)


def _check_links(lib: Library, files: list[pathlib.Path]) -> None:
    readings, practices = {r.id for r in lib.readings}, {p.id for p in lib.practices}
    for r, path in zip(lib.readings, files, strict=True):
        if r.practice is not None and r.practice not in practices:
            _fail(f"readings/{path.name}", f"practice {r.practice!r} is not in practices.yaml")
    for kind, items in (
        ("prompts.yaml prompt", lib.prompts),
        ("practices.yaml practice", lib.practices),
    ):
        for item in items:
            for rid in item.readings:
                if rid not in readings:
                    _fail(f"{kind} {item.id!r}", f"reading {rid!r} does not exist in readings/")


def _load(data_dir: pathlib.Path) -> Library:
    if not (data_dir / "readings").is_dir():
        _fail(str(data_dir), "has no readings/ folder")
    seen: set[str] = set()
    files = sorted((data_dir / "readings").glob("*.md"))
    readings = tuple(_load_reading(p, seen) for p in files)
    lib = Library(
        quadrants=_load_quadrants(data_dir / "emotions.yaml"),
        readings=readings,
        prompts=_load_prompts(data_dir / "prompts.yaml"),
        practices=_load_practices(data_dir / "practices.yaml"),
    )
    _check_links(lib, files)
    return lib


@functools.lru_cache(maxsize=1)
def _default_library() -> Library:
    return _load(DEFAULT_DATA_DIR)


def load_library(data_dir: pathlib.Path | None = None) -> Library:
    """Load and validate everything in ``data_dir`` (default: the repo's ``data/``, cached).

    Raises ContentError, naming the file and the problem, on anything missing or inconsistent.
    """
    return _default_library() if data_dir is None else _load(pathlib.Path(data_dir))
