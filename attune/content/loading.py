"""Read and check the content files in ``data/`` into a `Library`; any problem is a
`ContentError` with one line naming the file and what is wrong.

Each object's shape is checked by its pydantic model (`attune.content.schema`); here are the
rules across objects and files: unique ids, file names, the readings' sections and length, a
grounding close on prompts that touch loss or conflict, and links between files.
"""

from __future__ import annotations

import functools
import pathlib
import re
from typing import Any, NoReturn, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from . import schema
from .library import Library
from .model import (
    CLOSE_THEMES,
    CLOSE_WORDS,
    DEFAULT_DATA_DIR,
    READING_WORDS,
    SECTIONS,
    SELF_BLAME_WORDS,
    THEME_SENSITIVITY,
    ContentError,
    FeelingWord,
    Practice,
    Prompt,
    Quadrant,
    Reading,
    Reference,
)

M = TypeVar("M", bound=BaseModel)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")
#: A feeling word: one to three lowercase words ("calm", "at ease", "walking on eggshells").
_FEELING = re.compile(r"[a-z]+(?:-[a-z]+)*(?: [a-z]+(?:-[a-z]+)*){0,2}")


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


def _model(model: type[M], raw: Any, where: str) -> M:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ContentError(schema.one_line(where, exc)) from None


def _named(raw: Any, kind: str, seen: set[str]) -> str:
    """Where an object is ("prompts.yaml prompt 'p-01'"), its id checked and kept in `seen`."""
    value = raw.get("id") if isinstance(raw, dict) else None
    if not isinstance(value, str) or not value.strip():
        return kind  # the model says what is wrong
    value = value.strip()
    if not _ID.match(value):
        _fail(kind, f"id {value!r} must be lowercase words joined by hyphens")
    if value in seen:
        _fail(kind, f"duplicate id {value!r}")
    seen.add(value)
    return f"{kind} {value!r}"


def _references(refs: list[schema.ReferenceModel], where: str) -> tuple[Reference, ...]:
    """Each with a DOI or a URL, and a title that appears word for word in its text (so the
    citation shown names the work)."""
    out = []
    for i, ref in enumerate(refs, 1):
        here = f"{where} reference {i}"
        if ref.title is None:
            _fail(here, "missing key 'title'")
        if not ref.doi and not ref.url:
            _fail(here, "needs a 'doi' or a 'url'")
        if ref.doi and not _DOI.match(ref.doi):
            _fail(here, f"doi {ref.doi!r} does not look like 10.xxxx/...")
        if ref.url and not ref.url.startswith(("https://", "http://")):
            _fail(here, f"url {ref.url!r} must start with https://")
        if ref.title not in ref.text:
            _fail(here, f"title {ref.title!r} must appear in the reference text")
        out.append(Reference(ref.text, ref.doi, ref.url, ref.title))
    return tuple(out)


def _entries(path: pathlib.Path, key: str) -> list[Any]:
    where = path.name
    doc = _yaml(_read(path, where), where)
    if not isinstance(doc, dict):
        _fail(where, f"expected a mapping, got {type(doc).__name__}")
    if set(doc) != {key}:
        unknown = [str(k) for k in doc if k != key]
        _fail(where, f"unknown key {unknown[0]!r}" if key in doc else f"missing key {key!r}")
    items = doc[key]
    if not isinstance(items, list) or not items:
        _fail(where, f"{key!r} must be a list of at least 1")
    return items


# --- one loader per file ---------------------------------------------------------------------------
def _load_quadrants(path: pathlib.Path) -> tuple[Quadrant, ...]:
    quadrants, seen, words = [], set[str](), set[str]()
    for raw in _entries(path, "quadrants"):
        here = _named(raw, f"{path.name} quadrant", seen)
        q = _model(schema.QuadrantModel, raw, here)
        feeling = []
        for w in q.words:
            if not _FEELING.fullmatch(w.word) or w.word in words:
                _fail(here, f"word {w.word!r} must be lowercase, 1-3 plain words, and unique")
            if len(w.definition) > 90:
                _fail(here, f"definition of {w.word!r} is longer than 90 characters")
            words.add(w.word)
            feeling.append(FeelingWord(w.word, w.definition, quadrant=q.id))
        quadrants.append(Quadrant(q.id, q.label, q.valence, q.energy, tuple(feeling)))
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
    raw = _yaml("\n".join(lines[1 : ends[1]]), where)
    _named(raw, where, seen)
    meta = _model(schema.ReadingMeta, raw, where)
    if not re.fullmatch(rf"\d+-{re.escape(meta.id)}", path.stem):
        _fail(where, f"file name should be <nn>-{meta.id}.md")
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
    try:
        evidence, by_group = schema.evidence_levels(meta.evidence)
        takeaway = schema.takeaway_lines(meta.takeaway)
        reviewed = schema.reviewed_date(meta.reviewed)
    except ValueError as exc:
        _fail(where, str(exc))
    return Reading(
        id=meta.id,
        title=meta.title,
        topic=meta.topic,
        summary=meta.summary,
        evidence=evidence,
        practice=meta.practice,
        references=_references(meta.references, where),
        shows=shows,
        debated=debated,
        try_this=try_this,
        word_count=count,
        takeaway=takeaway,
        reviewed=reviewed,
        evidence_by_group=by_group,
    )


def _load_prompts(path: pathlib.Path) -> tuple[Prompt, ...]:
    seen: set[str] = set()
    prompts = []
    for raw in _entries(path, "prompts"):
        here = _named(raw, f"{path.name} prompt", seen)
        p = _model(schema.PromptModel, raw, here)
        prompt = Prompt(
            id=p.id,
            theme=p.theme,
            audience=p.audience,
            depth=p.depth,
            readings=tuple(p.readings),
            text=p.text,
            close=p.close,
            relationship=p.relationship,
            sensitivity=p.sensitivity,
            self_blame=p.self_blame,
        )
        if SELF_BLAME_WORDS.search(prompt.text) and not prompt.self_blame:
            _fail(here, "asks for a do-over, an apology or a promise: add 'self_blame: true'")
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


def _load_practices(path: pathlib.Path) -> tuple[Practice, ...]:
    seen: set[str] = set()
    practices = []
    for raw in _entries(path, "practices"):
        here = _named(raw, f"{path.name} practice", seen)
        p = _model(schema.PracticeModel, raw, here)
        practices.append(
            Practice(
                id=p.id,
                name=p.name,
                kind=p.kind,
                audience=p.audience,
                summary=p.summary,
                evidence_shows=p.evidence_shows,
                evidence_limits=p.evidence_limits,
                safety=p.safety,
                duration_seconds=p.duration_seconds,
                pacer=None if p.pacer is None else tuple((x.label, x.seconds) for x in p.pacer),
                steps=tuple(p.steps),
                references=_references(p.references, here),
                readings=tuple(p.readings),
                credit=p.credit,
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
