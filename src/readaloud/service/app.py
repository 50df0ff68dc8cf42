"""The HTTP API (FastAPI): accept conversions, report on them, serve their files.

Requests only touch the job table; conversions happen in the worker pool, and
webhooks in their own thread. Interactive docs are at ``/docs``.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Header, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..captions import CAPTION_FORMATS
from ..encode import FORMATS
from ..errors import InputError
from ..executor import DaskExecutor, JobExecutor, ProcessExecutor, SerialExecutor
from .jobs import IdempotencyConflict, Job, JobStore, QueueFull
from .security import check_url, token_matches
from .webhooks import WebhookPolicy, WebhookSender
from .worker import MAX_ATTEMPTS, WorkerPool

log = logging.getLogger(__name__)

API_PREFIX = "/v1"
MEDIA_TYPES = {
    "mp3": "audio/mpeg", "wav": "audio/wav", "flac": "audio/flac", "ogg": "audio/ogg",
    "m4a": "audio/mp4", "m4b": "audio/mp4", "vtt": "text/vtt; charset=utf-8", "srt": "application/x-subrip",
}
TOKEN_ENV = "READALOUD_API_TOKEN"
SECRET_ENV = "READALOUD_WEBHOOK_SECRET"
ALLOW_PRIVATE_ENV = "READALOUD_ALLOW_PRIVATE_URLS"
IDEMPOTENCY_KEY_MAX = 255


@dataclass
class ServiceConfig:
    """Everything the service is started with (the CLI fills it from options and environment)."""

    data_dir: Path
    workers: int = 1
    executor: str = "process"
    """process (a local pool of ``workers`` processes), serial (in the worker thread) or dask."""
    dask_scheduler: str | None = None
    token: str | None = None
    webhook_secret: str | None = None
    allow_private_urls: bool = False
    max_queued: int = 1000
    """Queued (not yet running) jobs accepted before new ones get 429."""
    retry_after_s: int = 30
    max_body_bytes: int = 6_000_000
    max_text_chars: int = 1_000_000
    webhook: WebhookPolicy = field(default_factory=WebhookPolicy)
    cache_dir: str | None = None
    """Chunk cache for the workers; None: ``<data_dir>/cache``."""

    @classmethod
    def from_env(cls, data_dir: Path, **kwargs: Any) -> ServiceConfig:
        """Token, webhook secret and the private-URL switch from the environment."""
        env_allow = os.environ.get(ALLOW_PRIVATE_ENV, "").lower() in ("1", "true", "yes")
        kwargs.setdefault("token", os.environ.get(TOKEN_ENV) or None)
        kwargs.setdefault("webhook_secret", os.environ.get(SECRET_ENV) or None)
        kwargs["allow_private_urls"] = kwargs.get("allow_private_urls", False) or env_allow
        return cls(data_dir=Path(data_dir), **kwargs)


class ConversionRequest(BaseModel):
    """One article to convert: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Plain article text.")
    html: str | None = Field(None, description="An article page's HTML (furniture is removed).")
    url: str | None = Field(None, description="An http(s) URL the server fetches.")
    title: str | None = Field(None, max_length=500)
    voice: str | None = Field(None, max_length=100, description="A voice name (see `readaloud voices`).")
    format: str = Field("mp3", description=f"One of {', '.join(FORMATS)}.")
    captions: str | None = Field(None, description="vtt or srt for a caption file beside the audio.")
    callback_url: str | None = Field(None, description="POSTed a signed JSON body when the job finishes.")

    @model_validator(mode="after")
    def _one_input(self) -> ConversionRequest:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of text, html or url (got {', '.join(given) or 'none'})")
        return self

    @field_validator("text", "html")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("must not be empty")
        return value

    @field_validator("format")
    @classmethod
    def _format(cls, value: str) -> str:
        if value.lower() not in FORMATS:
            raise ValueError(f"unknown format {value!r}; use one of {', '.join(FORMATS)}")
        return value.lower()

    @field_validator("captions")
    @classmethod
    def _captions(cls, value: str | None) -> str | None:
        if value is not None and value.lower() not in CAPTION_FORMATS:
            raise ValueError(f"unknown caption format {value!r}; use one of {', '.join(CAPTION_FORMATS)}")
        return value.lower() if value else None

    @field_validator("voice")
    @classmethod
    def _voice(cls, value: str | None) -> str | None:
        from ..voice import available_voices

        if value is not None and value not in available_voices():  # names only: never a path
            raise ValueError(f"unknown voice {value!r}; use one of {', '.join(sorted(available_voices()))}")
        return value


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=status, headers=headers)


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts) or "body"


def _links(job_id: str, job: Job | None = None) -> dict[str, str]:
    base = f"{API_PREFIX}/conversions/{job_id}"
    links = {"self": base, "audio": f"{base}/audio"}
    if job is None or job.captions:
        links["captions"] = f"{base}/captions"
    return links


def _job_view(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "status": job.status,
        "error": job.error,
        "duration": job.duration,
        "format": job.format,
        "captions": job.captions,
        "title": job.title,
        "progress": {"done": job.progress_done, "total": job.progress_total},
        "attempts": job.attempt,
        "created": job.created,
        "updated": job.updated,
        "webhook": job.webhook_state,
        "links": _links(job.id, job),
    }


def make_executor(config: ServiceConfig) -> JobExecutor:
    """The executor seam: where conversions actually run."""
    if config.dask_scheduler:
        return DaskExecutor(config.dask_scheduler)
    if config.executor == "serial":
        return SerialExecutor()
    return ProcessExecutor(config.workers)


class BodyLimit:
    """Pure-ASGI middleware: 413 for a body over the limit, before anything parses it."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_big = JSONResponse({"detail": f"request body is larger than {self.max_bytes} bytes"}, status_code=413)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await too_big(scope, receive, send)
            return
        chunks: list[bytes] = []
        total = 0
        more = True
        while more:  # read it all (it is small), so a lying or missing Content-Length is caught too
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.max_bytes:
                await too_big(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def create_app(config: ServiceConfig) -> FastAPI:
    """The ASGI app; workers start and stop with the app's lifespan."""
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = JobStore(config.data_dir)
        requeued = store.requeue_running(MAX_ATTEMPTS)
        if requeued:
            log.info("requeued %d job(s) that were running when the service last stopped", requeued)
        sender = WebhookSender(
            store, secret=config.webhook_secret or config.token, links=lambda job: _links(job.id, job),
            allow_private_urls=config.allow_private_urls, policy=config.webhook,
        )
        pool = WorkerPool(
            store, make_executor(config), threads=config.workers, allow_private_urls=config.allow_private_urls,
            cache_dir=config.cache_dir or str(config.data_dir / "cache"), on_finished=sender.wake,
        )
        state.update(store=store, pool=pool, sender=sender)
        pool.start()
        sender.start()
        try:
            yield
        finally:
            sender.stop(timeout=5)
            pool.stop(timeout=5)
            store.close()

    app = FastAPI(
        title="readaloud",
        description="Turn articles into podcast-ready audio. Every /v1 route needs `Authorization: Bearer <token>`"
        " when the server has a token.",
        version="1",
        lifespan=lifespan,
    )
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {"loc": (), "msg": "invalid request", "type": ""}
        if first.get("type") == "json_invalid":
            return _error(400, f"the body is not valid JSON ({first.get('ctx', {}).get('error', 'parse error')})")
        messages = []
        for err in errors:
            name = _field_name(tuple(err.get("loc", ())))
            msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
            messages.append(f"{name}: {msg}" if name != "body" else msg)
        status = 400 if first.get("type") in ("model_attributes_type", "dict_type") else 422
        return JSONResponse({"detail": "; ".join(messages), "fields": [_field_name(tuple(e.get("loc", ()))) for e in errors]},
                            status_code=status)

    def require_token(authorization: str | None = Header(None)) -> None:
        if config.token is None:
            return
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token_matches(given.strip(), config.token):
            from fastapi import HTTPException

            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    def store() -> JobStore:
        return state["store"]  # type: ignore[no-any-return]

    def found(job_id: str) -> Job | None:
        try:
            uuid.UUID(job_id)
        except ValueError:
            return None
        return store().get(job_id)

    api = APIRouter(prefix=API_PREFIX, dependencies=[Depends(require_token)])

    @api.post("/conversions", status_code=202, summary="Queue a conversion")
    def create_conversion(
        body: ConversionRequest, response: Response, idempotency_key: str | None = Header(None)
    ) -> Any:
        for name in ("url", "callback_url"):
            value = getattr(body, name)
            if value is not None:
                try:
                    check_url(value, allow_private=config.allow_private_urls, what=name)
                except InputError as exc:
                    return JSONResponse({"detail": exc.problem, "fields": [name]}, status_code=422)
        if body.text is not None and len(body.text) > config.max_text_chars:
            return JSONResponse({"detail": f"text: longer than {config.max_text_chars} characters",
                                 "fields": ["text"]}, status_code=413)
        if idempotency_key is not None and not 0 < len(idempotency_key) <= IDEMPOTENCY_KEY_MAX:
            return _error(400, f"Idempotency-Key must be 1 to {IDEMPOTENCY_KEY_MAX} characters")
        request = body.model_dump(exclude_none=True)
        try:
            job, created = store().create(request, idempotency_key=idempotency_key, max_queued=config.max_queued)
        except IdempotencyConflict:
            return _error(409, "this Idempotency-Key was already used with a different request body;"
                               " use a new key for a new request")
        except QueueFull:
            return _error(429, "the queue is full; try again later",
                          headers={"Retry-After": str(config.retry_after_s)})
        if created:
            state["pool"].wake()
        else:
            response.headers["Idempotent-Replayed"] = "true"
        response.headers["Location"] = _links(job.id)["self"]
        return {"id": job.id, "status": job.status, "links": _links(job.id, job)}

    @api.get("/conversions/{job_id}", summary="A conversion's status")
    def get_conversion(job_id: str) -> Any:
        job = found(job_id)
        if job is None:
            return _error(404, f"no conversion with id {job_id!r}")
        return _job_view(job)

    def _file(job_id: str, kind: str) -> Any:
        job = found(job_id)
        if job is None:
            return _error(404, f"no conversion with id {job_id!r}")
        if job.status != "done":
            return _error(409, f"the conversion is {job.status}, not done" + (f": {job.error}" if job.error else ""))
        ext = job.format if kind == "audio" else job.captions
        if not ext:
            return _error(404, "this conversion has no captions; ask for them with \"captions\": \"vtt\" or \"srt\"")
        path = store().job_dir(job.id) / f"audio.{ext}"
        if not path.is_file():
            return _error(410, "the file is gone from the server's data directory")
        return FileResponse(path, media_type=MEDIA_TYPES.get(ext, "application/octet-stream"),
                            filename=f"{job.id}.{ext}", content_disposition_type="inline")

    @api.get("/conversions/{job_id}/audio", summary="The audio file (HTTP Range supported)")
    def get_audio(job_id: str) -> Any:
        return _file(job_id, "audio")

    @api.get("/conversions/{job_id}/captions", summary="The caption file (HTTP Range supported)")
    def get_captions(job_id: str) -> Any:
        return _file(job_id, "captions")

    @api.delete("/conversions/{job_id}", status_code=204, summary="Delete a conversion and its files")
    def delete_conversion(job_id: str) -> Response:
        job = found(job_id)
        if job is None or store().delete(job.id) is None:
            return _error(404, f"no conversion with id {job_id!r}")
        shutil.rmtree(store().job_dir(job.id), ignore_errors=True)
        return Response(status_code=204)

    app.include_router(api)

    @app.get("/healthz", summary="Liveness and queue depth")
    def healthz() -> dict[str, Any]:
        counts = store().counts()
        return {"status": "ok", "queue_depth": counts["queued"], "running": counts["running"], "workers": config.workers}

    @app.get("/metrics", response_class=PlainTextResponse, summary="Prometheus metrics")
    def metrics() -> PlainTextResponse:
        return PlainTextResponse(render_metrics(store()), media_type="text/plain; version=0.0.4; charset=utf-8")

    return app


def render_metrics(store: JobStore) -> str:
    """Prometheus text exposition format (written by hand: a handful of series)."""
    counts = store.counts()
    counters = store.counters()
    lines = [
        "# HELP readaloud_jobs Jobs in the store, by status.",
        "# TYPE readaloud_jobs gauge",
        *(f'readaloud_jobs{{status="{status}"}} {n}' for status, n in counts.items()),
        "# HELP readaloud_queue_depth Jobs waiting for a worker.",
        "# TYPE readaloud_queue_depth gauge",
        f"readaloud_queue_depth {counts['queued']}",
        "# HELP readaloud_synthesis_seconds_total Wall-clock seconds spent converting finished jobs.",
        "# TYPE readaloud_synthesis_seconds_total counter",
        f"readaloud_synthesis_seconds_total {counters.get('synthesis_seconds', 0.0):.3f}",
        "# HELP readaloud_audio_seconds_total Seconds of audio produced.",
        "# TYPE readaloud_audio_seconds_total counter",
        f"readaloud_audio_seconds_total {counters.get('audio_seconds', 0.0):.3f}",
        "# HELP readaloud_jobs_finished_total Jobs finished since the data directory was created, by outcome.",
        "# TYPE readaloud_jobs_finished_total counter",
        f'readaloud_jobs_finished_total{{outcome="done"}} {int(counters.get("jobs_done", 0))}',
        f'readaloud_jobs_finished_total{{outcome="failed"}} {int(counters.get("jobs_failed", 0))}',
        "# HELP readaloud_webhook_deliveries_total Webhook delivery attempts, by result.",
        "# TYPE readaloud_webhook_deliveries_total counter",
        *(f'readaloud_webhook_deliveries_total{{result="{r}"}} {int(counters.get("webhook_" + r, 0))}'
          for r in ("delivered", "pending", "gave_up")),
    ]
    return "\n".join(lines) + "\n"
