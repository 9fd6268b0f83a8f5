"""The services layer: what the CLI (and later the REST API and web UI) call.

Each function takes typed inputs and returns typed results; none prints. Screening streams:
files are parsed and assessed in worker processes, results are stored in batches, and only
(score, id) pairs stay in memory, so memory stays flat in the size of the pool.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from stackfit.errors import InputError, StackfitError, UnsupportedFormatError
from stackfit.extract.location import gazetteer
from stackfit.extract.signals import default_signal_matcher
from stackfit.extract.skills import default_matcher
from stackfit.extract.tagger import TaggedSkill, default_tagger
from stackfit.isolate import Failed, Supervisor, failure_error, parse_file_isolated
from stackfit.models import CandidateProfile, Document, Failure, RoleProfile, SkillMentions
from stackfit.parse import SUPPORTED_SUFFIXES, ParseLimits, parse_bytes, parse_file
from stackfit.policy import load_policy
from stackfit.redact import candidate_code, redact_document
from stackfit.report import compact, entry_body, summary
from stackfit.role import load_role
from stackfit.score import assess, profile_document
from stackfit.score.view import ScoringView
from stackfit.store import RankedRow, Screened, Workspace, versions_key
from stackfit.team.plan import TeamPlan
from stackfit.team.remote import RemoteCheck
from stackfit.trust import assessment_logger, blind_versions

if TYPE_CHECKING:
    from stackfit.index.workspace import WorkspaceIndex
    from stackfit.retrieve import SearchResult

Progress = Callable[[int, int, str], None]


# --------------------------------------------------------------------------- files


def discover(paths: Iterable[Path], ignored: Counter[str] | None = None) -> tuple[list[Path], list[Failure]]:
    """Resume files under ``paths`` (folders searched recursively, hidden files skipped), sorted.

    A file named explicitly with an unsupported type is a failure; inside folders such files
    are ignored (folders often hold a README or images next to the resumes) and counted by
    suffix in ``ignored`` when it is given.
    """
    found: list[Path] = []
    failures: list[Failure] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if not f.is_file() or any(part.startswith(".") for part in rel.parts):
                    continue
                if f.suffix.lower() in SUPPORTED_SUFFIXES:
                    found.append(f)
                elif ignored is not None:
                    ignored[f.suffix.lower() or "(no suffix)"] += 1
        elif p.is_file():
            if p.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(p)
            else:
                e = UnsupportedFormatError(f"unsupported file type {p.suffix or '(none)'}",
                                           hint=f"supported: {', '.join(SUPPORTED_SUFFIXES)}", path=str(p))
                failures.append(Failure(file=str(p), code=e.code, message=e.message, hint=e.hint))
        else:
            failures.append(Failure(file=str(p), code="not_found", message="no such file or folder",
                                    hint="check the path"))
    return list(dict.fromkeys(found)), failures


def _failure(path: str, exc: StackfitError) -> Failure:
    return Failure(file=path, code=exc.code, message=exc.message, hint=exc.hint)


# --------------------------------------------------------------------------- single documents


def extract_skills(text: str) -> list[SkillMentions]:
    """Taxonomy skills in a text with character offsets (``stackfit extract``)."""
    return default_matcher().extract(text)


TAGGER_MODELS = ("crf", "minilm")


def tag_skills(text: str, model: str = "crf") -> list[TaggedSkill]:
    """Skill spans found by the learned SkillSpan tagger (``stackfit extract --tagger``): character
    offsets, a taxonomy id where the taxonomy resolves the span, else an open skill (id ``None``).
    ``model``: ``crf`` (shipped, no extra needed) or ``minilm`` (the CRF averaged with a MiniLM tagger;
    more accurate on SkillSpan, needs the ``minilm`` extra)."""
    return tagger_for(model).find(text)


def tagger_version(model: str = "crf") -> str:
    return tagger_for(model).version


def tagger_for(model: str):  # type: ignore[no-untyped-def]
    if model == "crf":
        return default_tagger()
    if model == "minilm":
        from stackfit.extract.tagger_minilm import ensemble_tagger

        return ensemble_tagger()
    raise InputError(f"unknown tagger model {model!r}", hint="use one of: " + ", ".join(TAGGER_MODELS))


def read_document(path: Path, *, limits: ParseLimits | None = None) -> Document:
    """Parse one file in a worker process under ``limits`` (``stackfit extract``, ``profile``)."""
    return parse_file_isolated(path, limits or ParseLimits())


def profile_file(path: Path, *, as_of: date | None = None, limits: ParseLimits | None = None,
                 include_hidden: bool = False) -> CandidateProfile:
    """A candidate assessment without a role (``stackfit profile``). Hidden text is flagged and,
    unless ``include_hidden``, kept out of scoring."""
    limits = dataclasses.replace(limits or ParseLimits(), include_hidden=include_hidden)
    return profile_document(read_document(path, limits=limits), as_of=as_of or date.today())


# --------------------------------------------------------------------------- screening

# Worker state, set once per process (fork copies what the parent loaded).
_W_ROLE: RoleProfile | None = None
_W_AS_OF: date | None = None
_W_BLIND = False
_W_LIMITS: ParseLimits = ParseLimits()
_W_EMBED: str | None = None  # the encoder new documents are embedded with (None: not embedded)


def _init_worker(role_json: str, as_of: str, limits: ParseLimits | None = None, blind: bool = False,
                 embed: str | None = None) -> None:
    global _W_ROLE, _W_AS_OF, _W_LIMITS, _W_BLIND, _W_EMBED
    _W_ROLE = RoleProfile.model_validate_json(role_json)
    _W_AS_OF = date.fromisoformat(as_of)
    _W_LIMITS = limits or ParseLimits()
    _W_BLIND = blind
    _W_EMBED = embed


def prepare_models(role: RoleProfile, embed: str | None) -> None:
    """Load what every worker needs before the workers fork (they inherit it instead of each loading it,
    under its time and memory limits): the skill and signal matchers, the gazetteer, and the encoders
    of the semantic score component and of the vector index, warmed on the role."""
    default_matcher(), default_signal_matcher(), gazetteer()
    semantic = load_policy().scoring.match.semantic
    if semantic is not None and semantic.weight > 0:
        from stackfit.embed.signal import prepare

        prepare(role, semantic.encoder)
    if embed is not None:
        from stackfit.embed import get_encoder

        get_encoder(embed)


def _embed(doc: Document) -> bytes | None:
    """The new document's vector, computed here in the worker (under its time and memory limits, and in
    parallel) rather than in the parent, which only stores it."""
    if _W_EMBED is None:
        return None
    from stackfit.embed import get_encoder
    from stackfit.index.workspace import document_text

    return bytes(get_encoder(_W_EMBED).encode([document_text(doc)])[0].tobytes())


def _view(cand: CandidateProfile) -> tuple[ScoringView, str]:
    """The new profile's scoring view and its JSON with its semantic text's vector, stored beside the profile
    for re-ranking (``stackfit.retrieve``); the view and the vector are handed to ``assess`` too, so each is
    computed once."""
    view = ScoringView.of(cand)
    sem = load_policy().scoring.match.semantic
    if sem is None or sem.weight <= 0 or not view.semantic_text:
        return view, view.to_json()
    from stackfit.embed import encoder_key, get_encoder
    from stackfit.embed.signal import prime_vectors

    enc = get_encoder(sem.encoder)
    vec = enc.encode([view.semantic_text])[0]
    prime_vectors({view.semantic_text: vec}, sem.encoder)
    return view, view.to_json(vec, encoder_key(enc))


Outcome = Screened | Failure
Job = tuple[str, bytes | None, str | None]  # path, file bytes, cached CandidateProfile JSON


def _screen_one(job: Job) -> Outcome:
    """Parse, profile and assess one file. ``job`` = (path, bytes, cached CandidateProfile JSON)."""
    path, data, cached = job
    assert _W_ROLE is not None and _W_AS_OF is not None
    try:
        if cached is not None:
            cand = CandidateProfile.model_validate_json(cached)
            cand = cand.model_copy(update={"file": candidate_code(cand.document_id) if _W_BLIND else path})
            doc = None
        else:
            # a large file is read here, not in the parent (see _jobs)
            doc = parse_file(Path(path), limits=_W_LIMITS) if data is None else parse_bytes(data, path, limits=_W_LIMITS)
            if _W_BLIND:  # blind screening: scorers and reports read the redacted document only
                doc = redact_document(doc, candidate_code(doc.id))
            cand = profile_document(doc, as_of=_W_AS_OF)
        view, view_json = _view(cand) if doc is not None else (None, None)
        a = assess(cand, _W_ROLE, view=view)
        return Screened(
            file=path, document_id=cand.document_id, score=a.score, profile=cand.profile,
            assessment_json=a.model_dump_json(),
            entry_json=compact(entry_body(a)), summary_json=compact(summary(a)),
            candidate_json=cand.model_dump_json() if doc is not None else None,
            document_json=doc.model_dump_json() if doc is not None else None,
            media_type=doc.media_type if doc is not None else "",
            label=candidate_code(cand.document_id) if _W_BLIND else "",
            vector=_embed(doc) if doc is not None else None,
            view_json=view_json, years=cand.years_experience,
        )
    except StackfitError as exc:
        return _failure(path, exc)
    except MemoryError:  # the worker's memory_limit (RLIMIT_AS): this file alone fails
        return _failure(path, failure_error(path, Failed("memory"), _W_LIMITS))
    except Exception as exc:  # noqa: BLE001 - isolation boundary: one bad file must not stop a batch
        return Failure(file=path, code="internal_error", message=f"{exc.__class__.__name__}: {exc}"[:300],
                       hint="please report this file's type and the message")


@dataclass
class ScreenResult:
    role: RoleProfile
    run_id: int
    ranking: list[RankedRow]
    failures: list[Failure]
    files: int
    screened: int
    reused: int
    as_of: date
    ignored: dict[str, int] = field(default_factory=dict)
    document_ids: list[str] = field(default_factory=list)
    slowest: list[tuple[float, str]] = field(default_factory=list)  # (seconds, file), the slowest files first


LARGE_FILE = 256 * 1024  # bytes: larger files are hashed here but read by the worker, so read-ahead stays small


def _jobs(files: list[Path], ws: Workspace, vkey: str, as_of: str, chunk: int = 128) -> Iterator[Job | Failure]:
    """Read files in chunks; a file whose content was profiled before under the same rules reuses that profile."""
    for i in range(0, len(files), chunk):
        read: list[tuple[Path, bytes | None, str]] = []
        for f in files[i:i + chunk]:
            try:
                if f.stat().st_size > LARGE_FILE:
                    with open(f, "rb") as fh:
                        read.append((f, None, hashlib.file_digest(fh, "sha256").hexdigest()))
                    continue
                data = f.read_bytes()
            except OSError as exc:
                yield Failure(file=str(f), code="unreadable", message=f"cannot read: {exc.strerror or exc}",
                              hint="check the file's permissions")
                continue
            read.append((f, data, hashlib.sha256(data).hexdigest()))
        cached = ws.cached_candidates(list({d for _, _, d in read}), vkey, as_of)
        for f, blob, doc_id in read:
            hit = cached.get(doc_id)
            yield (str(f), None, hit) if hit is not None else (str(f), blob, None)


def screen(
    role: RoleProfile, paths: Iterable[Path], *, workspace: Workspace, as_of: date | None = None,
    workers: int | None = None, batch_size: int = 200, progress: Progress | None = None,
    blind: bool = False, actor: str = "stackfit", include_hidden: bool = False, limits: ParseLimits | None = None,
    engine: Literal["local", "ray"] = "local", address: str | None = None,
) -> ScreenResult:
    """Screen every resume under ``paths`` against ``role``; store and rank the results.

    Every file is parsed and assessed in a worker process under ``limits`` (time per file,
    memory; see ``stackfit.isolate``): a file over a limit, or one that crashes its worker,
    is a failure naming the reason, and the batch goes on. ``blind``: personal details are
    masked before scoring and in everything stored and shown (``stackfit.redact``). Each
    assessment is appended to the audit log in the batch's transaction. Hidden text is flagged
    and kept out of scoring unless ``include_hidden``.
    ``engine="ray"`` runs the per-file work on a Ray cluster (local, or the one at ``address``;
    ``stackfit.engine_ray``) under the same limits; results and storage are the same as with the local engine.
    """
    if engine not in ("local", "ray"):
        raise InputError(f"unknown engine {engine!r}", hint="use --engine local or --engine ray")
    if address and engine != "ray":
        raise InputError("--address names a Ray cluster", hint="add --engine ray, or leave --address out")
    limits = dataclasses.replace(limits or ParseLimits(), include_hidden=include_hidden)
    as_of = as_of or date.today()
    limits = limits or ParseLimits()
    policy = load_policy()
    ignored: Counter[str] = Counter()
    files, failures = discover(paths, ignored)
    workspace.save_role(role)
    run_id = workspace.start_run(role.id)
    vkey = versions_key(blind_versions(policy.versions) if blind else policy.versions) + ("+include_hidden" if include_hidden else "")
    total = len(files)
    workers = workers or min(os.cpu_count() or 1, 8)
    workers = max(1, min(workers, total or 1))
    done = reused = 0
    seen_docs: dict[str, None] = {}
    batch: list[Screened] = []
    batch_fail: list[Failure] = list(failures)  # paths that could not be screened at all are recorded too

    # the encoder is loaded before the workers fork (they inherit it and embed what they parse); the
    # vector index itself is opened at the first stored batch, so workers never inherit its memory
    vectors: list[WorkspaceIndex | None] = []

    def flush() -> None:
        workspace.store_batch(run_id, role.id, as_of.isoformat(), vkey, batch, batch_fail,
                              also=assessment_logger(batch, role.id, run_id, actor, policy.versions, blind))
        if not vectors:
            vectors.append(_vector_index(workspace))
        if vectors[0] is not None and batch:  # new documents join the vector index as they are stored (saved at the end)
            done_ = [i for i in batch if i.vector is not None]
            if done_:  # embedded by the workers
                vectors[0].add_encoded([i.document_id for i in done_], [i.vector for i in done_ if i.vector is not None])
            rest = [i.document_id for i in batch if i.vector is None and i.document_json is not None]
            if rest:  # an engine that does not embed (Ray): embedded here
                vectors[0].add_documents(rest, save=False)
        batch.clear()
        batch_fail.clear()

    def handle(out: Outcome) -> None:
        nonlocal done, reused
        done += 1
        if isinstance(out, Failure):
            failures.append(out)
            batch_fail.append(out)
        else:
            if out.document_id not in seen_docs:  # the same content under two names is one candidate
                seen_docs[out.document_id] = None
                batch.append(out)
                if out.candidate_json is None:
                    reused += 1
        if len(batch) + len(batch_fail) >= batch_size:
            flush()
        if progress:
            progress(done, total, out.file)

    jobs = _jobs(files, workspace, vkey, as_of.isoformat())

    def ready() -> Iterator[Job]:
        for j in jobs:
            if isinstance(j, Failure):
                handle(j)
            else:
                yield j

    slowest: list[tuple[float, str]] = []
    embed = EMBED_ENCODER if _embedding_on() else None  # workers embed what they parse
    if engine == "ray":
        from stackfit.engine_ray import RayEngine

        ray_engine = RayEngine(address, workers)
        for out in ray_engine.map(ready(), (role.model_dump_json(), as_of.isoformat(), limits, blind, embed)):
            handle(out)
        slowest = ray_engine.slowest
    else:
        prepare_models(role, embed)
        # what is loaded now is shared with the forked workers page by page; keep the collector from
        # touching it (and so copying those pages into every worker) while they run
        gc.collect()
        gc.freeze()
        try:
            sup: Supervisor[Job, Outcome] = Supervisor(
                _screen_one, lambda job, failed: _failure(job[0], failure_error(job[0], failed, limits)),
                workers=workers, limits=limits, initializer=_init_worker,
                initargs=(role.model_dump_json(), as_of.isoformat(), limits, blind, embed), label=lambda job: job[0],
                size=lambda job: len(job[1] or b"") + len(job[2] or ""))
            for out in sup.map(ready(), window=workers * 32):
                handle(out)
            slowest = sup.slowest
        finally:
            gc.unfreeze()  # a long-running process (the web app) collects as usual between screenings
    flush()
    if vectors and vectors[0] is not None:
        vectors[0].save()
    screened = len(seen_docs)
    workspace.finish_run(run_id, files=total, screened=screened, reused=reused, failed=len(failures))
    ranking = workspace.ranking(role.id, set(seen_docs))
    return ScreenResult(role=role, run_id=run_id, ranking=ranking, failures=failures, files=total,
                        screened=screened, reused=reused, as_of=as_of, document_ids=[r.document_id for r in ranking],
                        ignored=dict(sorted(ignored.items())), slowest=slowest)


EMBED_ENCODER = "static"  # the encoder of the workspace's vector index


def _embedding_on() -> bool:
    return os.environ.get("STACKFIT_EMBED", "1") not in ("0", "off", "false")


def _vector_index(ws: Workspace) -> WorkspaceIndex | None:
    """The workspace's vector index for the default encoder, kept up to date by screening
    (``STACKFIT_EMBED=0`` turns that off; ``stackfit search`` then embeds what is missing)."""
    if not _embedding_on():
        return None
    from stackfit.index.workspace import open_index

    return open_index(ws, EMBED_ENCODER)


def search_role(ws: Workspace, role: RoleProfile, *, top: int = 100, filters: list[str] | None = None,
                min_years: float | None = None, encoder: str = "static", as_of: date | None = None) -> SearchResult:
    """Retrieve-and-rerank over every stored candidate (``stackfit search``): the ``top`` nearest by
    vector similarity among those passing the filters, each fully assessed, best match first."""
    from stackfit.retrieve import Filters, search

    return search(ws, role, top=top, filters=Filters.parse(filters or [], min_years), encoder=encoder, as_of=as_of)


@dataclass
class EmbedResult:
    encoder: str  # name@version
    engine: str
    documents: int  # stored documents
    embedded: int  # vectors added by this run
    indexed: int  # vectors of this encoder in the index after the run
    placement: str  # where the encoder ran, in words
    seconds: float  # the whole run
    startup_seconds: float  # loading the encoder (and, with Ray, starting the cluster and its actors)


def embed_documents(ws: Workspace, *, encoder: str = EMBED_ENCODER, engine: Literal["local", "ray"] = "local",
                    address: str | None = None, batch: int | None = None, actors: int | None = None,
                    workers: int | None = None, progress: Progress | None = None) -> EmbedResult:
    """(Re)embed every stored document that ``encoder``'s index lacks (``stackfit embed``), exactly as
    ``WorkspaceIndex.add_documents`` does: the same vectors in the same ``embeddings`` rows and index file.
    Incremental: documents with a vector are skipped, so a second run does nothing.

    ``engine="local"``: in this process. ``engine="ray"``: on a Ray cluster (a local one of ``workers``
    CPUs, or the one at ``address``): CPU tasks redact and tokenise batches of ``batch`` documents in
    parallel and ``actors`` encoder actors run the model, on a GPU each when the cluster has GPUs and
    the encoder can use one (``engine_ray.RayEmbedder``). The driver stores the vectors in input order.
    """
    import time

    from stackfit.embed import get_encoder
    from stackfit.embed.prepare import encoder_spec
    from stackfit.index.workspace import EMBED_BATCH, PGVECTOR_ENCODER, WorkspaceIndex, read_documents_json, stored_document_ids

    if engine not in ("local", "ray"):
        raise InputError(f"unknown engine {engine!r}", hint="use --engine local or --engine ray")
    if address and engine != "ray":
        raise InputError("--address names a Ray cluster", hint="add --engine ray, or leave --address out")
    if actors is not None and engine != "ray":
        raise InputError("--actors sets the Ray engine's encoder actors", hint="add --engine ray, or leave --actors out")
    if (batch is not None and batch < 1) or (actors is not None and actors < 1):
        raise InputError("--batch and --actors must be at least 1", hint="e.g. --batch 256")
    if address:  # fail fast on an address nothing answers at, even when there is nothing to embed
        from stackfit.engine_ray import check_address

        check_address(address)
    t0 = time.perf_counter()
    spec = encoder_spec(encoder)  # the encoder's identity; MiniLM's model is not loaded here for Ray
    enc = spec if engine == "ray" else get_encoder(encoder)
    startup = time.perf_counter() - t0
    idx = WorkspaceIndex(ws, enc, pgvector=encoder == PGVECTOR_ENCODER)
    ids = stored_document_ids(ws)
    todo = idx.missing(ids)
    placement = f"this process ({getattr(enc, 'device', 'cpu')})" if todo else ""
    added = 0
    if todo and engine == "local":
        def step(done: int, total: int) -> None:
            if progress:
                progress(done, total, "")

        added = idx.add_documents(todo, batch=batch or EMBED_BATCH, progress=step)
    elif todo:
        from stackfit.engine_ray import RayEmbedder

        ray_embed = RayEmbedder(address, workers, actors)
        for got, vecs in ray_embed.map(lambda size: read_documents_json(ws, todo, size), encoder, batch):
            idx.add_vectors(got, vecs)
            added += len(got)
            if progress:
                progress(added, len(todo), "")
        if added:
            idx.save()
        placement, startup = ray_embed.placement, startup + ray_embed.startup_seconds
    return EmbedResult(encoder=f"{spec.name}@{spec.version}", engine=engine, documents=len(ids), embedded=added,
                       indexed=idx.size(), placement=placement, seconds=time.perf_counter() - t0, startup_seconds=startup)


def load_role_file(path: Path) -> RoleProfile:
    if not path.exists():
        raise InputError("role file not found", hint="give a brief (.yaml), a saved role or a job description", path=str(path))
    return load_role(path)


# --------------------------------------------------------------------------- team plan (Step 8)


def team_plan(path: Path, *, as_of: date | None = None) -> TeamPlan:
    """The hiring plan for a TEAM.yaml (``stackfit team plan``): coverage, gaps, ordered hires, warnings."""
    from stackfit.team import plan_team_file

    return plan_team_file(path, as_of=as_of or date.today())


def save_team_roles(plan: TeamPlan, folder: Path) -> list[Path]:
    """Save the RoleProfile of each recommended hire under ``folder``."""
    from stackfit.team.plan import save_hire_roles

    return save_hire_roles(plan, folder)


# --------------------------------------------------------------------------- remote filter (Step 7)


def remote_checks(ws: Workspace, role_id: str, ids: list[str], *, team_hours: str, on: date,
                  min_overlap: float | None = None, regions: list[str] | None = None,
                  unknown: Literal["keep", "drop"] = "keep", overrides: list[str] | None = None) -> list[tuple[str, RemoteCheck]]:
    """For each ranked candidate (in ``ids`` order): location, time zone, overlap with the team's hours
    on ``on``, and whether the ``--min-overlap`` / ``--region`` filter keeps them, with the reason.
    ``overrides`` ("cv.pdf=Lisbon, Portugal") replace what the resume says, by file name."""
    from stackfit.team.remote import WorkingHours, check, parse_overrides, region_countries

    given = parse_overrides(overrides or [])

    team = WorkingHours.parse(team_hours)
    regs = region_countries(regions or [])
    return [(a.document_id, check(a.file, given.get(Path(a.file).name, a.candidate.location), team, on,
                                  min_overlap=min_overlap, regions=regs, unknown=unknown))
            for a in ws.iter_assessments(role_id, ids)]
