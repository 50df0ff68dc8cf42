"""The HTTP service in-process (TestClient): auth, validation, idempotency, files, webhooks, the queue."""

from __future__ import annotations

import json
import threading
import time
import uuid
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402

from readaloud.errors import InputError  # noqa: E402
from readaloud.executor import SerialExecutor  # noqa: E402
from readaloud.service import ServiceConfig, create_app  # noqa: E402
from readaloud.service.jobs import IdempotencyConflict, JobStore, QueueFull  # noqa: E402
from readaloud.service.security import check_url, is_public_address, sign, verify_signature  # noqa: E402
from readaloud.service.webhooks import WebhookPolicy, next_delay  # noqa: E402

TOKEN = "test-token-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = "The council met on Tuesday. It approved a new park. Work starts in the spring."


def make_client(tmp_path: Path, **overrides: Any) -> TestClient:
    settings: dict[str, Any] = dict(data_dir=tmp_path / "data", executor="serial", workers=1, token=TOKEN)
    settings.update(overrides)
    return TestClient(create_app(ServiceConfig(**settings)))


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(tmp_path) as c:
        yield c


@pytest.fixture
def idle_client(tmp_path: Path) -> Iterator[TestClient]:
    """No worker threads: jobs stay queued (for idempotency and queue tests)."""
    with make_client(tmp_path, workers=0, max_queued=3) as c:
        yield c


def wait_done(client: TestClient, job_id: str, timeout: float = 15.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = client.get(f"/v1/conversions/{job_id}", headers=AUTH).json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish: {state}")


def post(client: TestClient, body: dict[str, Any], **headers: str) -> Any:
    return client.post("/v1/conversions", json=body, headers={**AUTH, **headers})


# --- auth ---------------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                                     {"Authorization": f"Basic {TOKEN}"}])
def test_every_v1_route_needs_the_token(client: TestClient, headers: dict[str, str]) -> None:
    job = str(uuid.uuid4())
    for method, path in [("POST", "/v1/conversions"), ("GET", f"/v1/conversions/{job}"),
                         ("GET", f"/v1/conversions/{job}/audio"), ("GET", f"/v1/conversions/{job}/captions"),
                         ("DELETE", f"/v1/conversions/{job}")]:
        r = client.request(method, path, headers=headers, json={"text": ARTICLE} if method == "POST" else None)
        assert r.status_code == 401, (method, path)
        assert r.headers["WWW-Authenticate"] == "Bearer"


def test_health_metrics_and_docs_are_open(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    assert client.get("/metrics").status_code == 200
    assert client.get("/docs").status_code == 200
    assert "/v1/conversions" in client.get("/openapi.json").json()["paths"]


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": ARTICLE, "url": "https://example.org/a"}, "url"),
        ({"text": ARTICLE, "html": "<p>x</p>"}, "html"),
        ({"text": 5}, "text"),
        ({"text": "   "}, "text"),
        ({"text": ARTICLE, "format": "exe"}, "format"),
        ({"text": ARTICLE, "captions": "txt"}, "captions"),
        ({"text": ARTICLE, "voice": "nobody"}, "voice"),
        ({"text": ARTICLE, "voice": "../../etc/voice.toml"}, "voice"),
        ({"text": ARTICLE, "title": "x" * 501}, "title"),
        ({"text": ARTICLE, "filename": "x.mp3"}, "filename"),
        ({"text": ARTICLE, "callback_url": "ftp://example.org/"}, "callback_url"),
    ],
)
def test_invalid_requests_name_the_field(client: TestClient, body: dict[str, Any], field: str) -> None:
    r = post(client, body)
    assert r.status_code == 422, r.text
    assert field in r.json()["detail"]


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b'"text"'])
def test_a_body_that_is_not_a_json_object_is_400_or_422(client: TestClient, raw: bytes) -> None:
    r = client.post("/v1/conversions", content=raw, headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code in (400, 422)
    assert r.json()["detail"]


def test_an_oversized_body_is_413(tmp_path: Path) -> None:
    with make_client(tmp_path, max_body_bytes=2000) as c:
        r = post(c, {"text": "word " * 1000})
        assert r.status_code == 413
        assert "2000" in r.json()["detail"]
        assert post(c, {"text": ARTICLE, "voice": "fast"}).status_code == 202


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/", "http://10.0.0.1/", "file:///etc/passwd", "http://localhost/", "http://169.254.169.254/latest",
     "http://[::1]:8080/", "http://192.168.1.1/", "gopher://example.org/", "http://0.0.0.0/"],
)
@pytest.mark.parametrize("field", ["url", "callback_url"])
def test_private_and_non_http_urls_are_refused(client: TestClient, url: str, field: str) -> None:
    body = {"url": url} if field == "url" else {"text": ARTICLE, "callback_url": url}
    r = post(client, body)
    assert r.status_code == 422, r.text
    assert field in r.json()["detail"]


def test_check_url_checks_every_resolved_address() -> None:
    public = lambda host, port: ["93.184.216.34"]  # noqa: E731
    mixed = lambda host, port: ["93.184.216.34", "10.1.2.3"]  # noqa: E731
    assert check_url("https://news.example/a", resolver=public) == "https://news.example/a"
    with pytest.raises(InputError, match="10.1.2.3"):
        check_url("https://news.example/a", resolver=mixed)
    with pytest.raises(InputError, match="scheme"):
        check_url("javascript:alert(1)", resolver=public)
    assert check_url("http://127.0.0.1:9/", allow_private=True)
    assert not is_public_address("::ffff:127.0.0.1")
    assert not is_public_address("100.64.0.1")
    assert is_public_address("2606:4700::1111")


# --- jobs end to end ----------------------------------------------------------------------


def test_a_text_job_runs_and_serves_audio_with_ranges(client: TestClient) -> None:
    r = post(client, {"text": ARTICLE, "title": "Park approved", "voice": "fast", "captions": "vtt"})
    assert r.status_code == 202
    job = r.json()
    assert job["status"] == "queued" and set(job["links"]) >= {"self", "audio", "captions"}
    uuid.UUID(job["id"])
    state = wait_done(client, job["id"])
    assert state["status"] == "done", state
    assert state["duration"] > 1.0 and state["title"] == "Park approved"
    assert state["progress"]["done"] == state["progress"]["total"] > 0

    full = client.get(job["links"]["audio"], headers=AUTH)
    assert full.status_code == 200 and full.headers["content-type"] == "audio/mpeg"
    assert full.headers["accept-ranges"] == "bytes"
    size = len(full.content)
    part = client.get(job["links"]["audio"], headers={**AUTH, "Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes 100-199/{size}"
    assert part.content == full.content[100:200]
    tail = client.get(job["links"]["audio"], headers={**AUTH, "Range": "bytes=-50"})
    assert tail.status_code == 206 and tail.content == full.content[-50:]
    bad = client.get(job["links"]["audio"], headers={**AUTH, "Range": f"bytes={size + 10}-"})
    assert bad.status_code == 416

    captions = client.get(job["links"]["captions"], headers=AUTH)
    assert captions.headers["content-type"].startswith("text/vtt")
    assert captions.text.startswith("WEBVTT") and "new park" in captions.text
    cue = client.get(job["links"]["captions"], headers={**AUTH, "Range": "bytes=0-5"})
    assert cue.status_code == 206 and cue.content == b"WEBVTT"


def test_files_are_named_from_the_job_id_only(client: TestClient, tmp_path: Path) -> None:
    job = post(client, {"text": ARTICLE, "title": "../../escape", "voice": "fast", "format": "wav"}).json()
    wait_done(client, job["id"])
    files = sorted(p.relative_to(tmp_path / "data").as_posix() for p in (tmp_path / "data" / "jobs").rglob("*"))
    assert files == [f"jobs/{job['id']}", f"jobs/{job['id']}/audio.wav"]
    assert client.get(job["links"]["audio"], headers=AUTH).headers["content-type"] == "audio/wav"


def test_delete_removes_the_job_and_its_files(client: TestClient, tmp_path: Path) -> None:
    job = post(client, {"text": ARTICLE, "voice": "fast"}).json()
    wait_done(client, job["id"])
    folder = tmp_path / "data" / "jobs" / job["id"]
    assert folder.is_dir()
    assert client.delete(job["links"]["self"], headers=AUTH).status_code == 204
    assert not folder.exists()
    assert client.get(job["links"]["self"], headers=AUTH).status_code == 404
    assert client.get(job["links"]["audio"], headers=AUTH).status_code == 404
    assert client.delete(job["links"]["self"], headers=AUTH).status_code == 404


def test_unknown_and_malformed_ids_are_404(client: TestClient) -> None:
    assert client.get(f"/v1/conversions/{uuid.uuid4()}", headers=AUTH).status_code == 404
    assert client.get("/v1/conversions/..%2F..%2Fjobs.sqlite3", headers=AUTH).status_code == 404
    assert client.get("/v1/conversions/not-a-uuid/audio", headers=AUTH).status_code == 404


def test_a_failing_job_reports_its_error(client: TestClient) -> None:
    job = post(client, {"html": "<html><body><nav><a href='/'>Home</a></nav></body></html>", "voice": "fast"}).json()
    state = wait_done(client, job["id"])
    assert state["status"] == "failed"
    assert state["error"]
    r = client.get(job["links"]["audio"], headers=AUTH)
    assert r.status_code == 409 and "failed" in r.json()["detail"]


def test_html_and_url_inputs(tmp_path: Path, http_server: Any) -> None:
    page = ("<html><head><title>Bridge reopens | Daily</title></head><body><nav>Home News Sport</nav><article>"
            "<h1>Bridge reopens after repairs</h1><p>The old bridge reopened to traffic this morning after "
            "eight months of repairs.</p><p>Engineers replaced the deck and painted the railings. Local shops "
            "say trade is already picking up again.</p></article></body></html>")
    url = http_server.route("/story.html", page, content_type="text/html")
    with make_client(tmp_path, allow_private_urls=True) as c:
        by_html = post(c, {"html": page, "voice": "fast", "captions": "srt"}).json()
        by_url = post(c, {"url": url, "voice": "fast"}).json()
        for job in (by_html, by_url):
            state = wait_done(c, job["id"])
            assert state["status"] == "done", state
            assert "Bridge reopens" in (state["title"] or "")
        assert "Home News Sport" not in c.get(by_html["links"]["captions"], headers=AUTH).text


# --- idempotency and the queue --------------------------------------------------------------


def test_idempotency_key_returns_the_same_job(idle_client: TestClient) -> None:
    body = {"text": ARTICLE, "voice": "fast"}
    first = post(idle_client, body, **{"Idempotency-Key": "abc"})
    again = post(idle_client, dict(reversed(list(body.items()))), **{"Idempotency-Key": "abc"})
    assert first.status_code == again.status_code == 202
    assert first.json()["id"] == again.json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    other = post(idle_client, {"text": ARTICLE + " More.", "voice": "fast"}, **{"Idempotency-Key": "abc"})
    assert other.status_code == 409 and "Idempotency-Key" in other.json()["detail"]
    fresh = post(idle_client, body, **{"Idempotency-Key": "def"})
    assert fresh.json()["id"] != first.json()["id"]
    assert post(idle_client, body).json()["id"] not in (first.json()["id"], fresh.json()["id"])


def test_a_full_queue_answers_429_with_retry_after(idle_client: TestClient) -> None:
    ids = [post(idle_client, {"text": f"{ARTICLE} Number {n}."}).json()["id"] for n in range(3)]
    assert len(set(ids)) == 3
    r = post(idle_client, {"text": ARTICLE + " One too many."})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert idle_client.get("/healthz").json()["queue_depth"] == 3
    assert 'readaloud_jobs{status="queued"} 3' in idle_client.get("/metrics").text
    idle_client.delete(f"/v1/conversions/{ids[0]}", headers=AUTH)
    assert post(idle_client, {"text": ARTICLE + " Now it fits."}).status_code == 202


def test_metrics_are_prometheus_text(client: TestClient) -> None:
    wait_done(client, post(client, {"text": ARTICLE, "voice": "fast"}).json()["id"])
    text = client.get("/metrics").text
    samples = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            samples[name] = float(value)
    assert samples['readaloud_jobs{status="done"}'] == 1
    assert samples["readaloud_queue_depth"] == 0
    assert samples["readaloud_synthesis_seconds_total"] > 0
    assert samples["readaloud_audio_seconds_total"] > 1
    assert "# TYPE readaloud_synthesis_seconds_total counter" in text


# --- webhooks -----------------------------------------------------------------------------


class Receiver:
    """A local webhook receiver: answers the given statuses in turn, then 200."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = list(statuses)
        self.calls: list[tuple[dict[str, str], bytes, float]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.calls.append((dict(self.headers), body, time.monotonic()))
                status = outer.statuses.pop(0) if outer.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver([500, 500])
    yield r
    r.close()


def test_webhook_is_signed_and_retried_with_backoff(tmp_path: Path, receiver: Receiver) -> None:
    policy = WebhookPolicy(base_delay_s=0.1, poll_s=0.02, max_attempts=5)
    with make_client(tmp_path, allow_private_urls=True, webhook=policy, webhook_secret="s3cret") as c:
        job = post(c, {"text": ARTICLE, "voice": "fast", "callback_url": receiver.url}).json()
        wait_done(c, job["id"])
        deadline = time.monotonic() + 10
        while c.get(job["links"]["self"], headers=AUTH).json()["webhook"] != "delivered":
            assert time.monotonic() < deadline, receiver.calls
            time.sleep(0.05)
        assert 'result="delivered"} 1' in c.get("/metrics").text
    assert len(receiver.calls) == 3
    bodies = {body for _, body, _ in receiver.calls}
    assert len(bodies) == 1  # every retry carries the same bytes
    for headers, body, _ in receiver.calls:
        assert verify_signature(body, headers["X-Readaloud-Signature"], "s3cret")
        assert not verify_signature(body, headers["X-Readaloud-Signature"], TOKEN)
    payload = json.loads(bodies.pop())
    assert payload["id"] == job["id"] and payload["status"] == "done" and payload["event"] == "conversion.done"
    gaps = [b[2] - a[2] for a, b in zip(receiver.calls, receiver.calls[1:])]
    assert gaps[0] >= 0.1 * 0.9 and gaps[1] >= 0.2 * 0.9  # base, then twice base


def test_webhook_secret_defaults_to_the_token_and_gives_up(tmp_path: Path) -> None:
    always_failing = Receiver([503] * 10)
    try:
        policy = WebhookPolicy(base_delay_s=0.01, poll_s=0.02, max_attempts=3)
        with make_client(tmp_path, allow_private_urls=True, webhook=policy) as c:
            job = post(c, {"text": ARTICLE, "voice": "fast", "callback_url": always_failing.url}).json()
            deadline = time.monotonic() + 10
            while c.get(job["links"]["self"], headers=AUTH).json()["webhook"] != "gave_up":
                assert time.monotonic() < deadline
                time.sleep(0.05)
        assert len(always_failing.calls) == 3
        headers, body, _ = always_failing.calls[0]
        assert headers["X-Readaloud-Signature"] == sign(body, TOKEN)
    finally:
        always_failing.close()


def test_backoff_doubles_up_to_a_cap() -> None:
    policy = WebhookPolicy(base_delay_s=2, max_delay_s=20)
    assert [next_delay(n, policy) for n in range(6)] == [2, 4, 8, 16, 20, 20]


# --- the store ----------------------------------------------------------------------------


def test_concurrent_claims_never_share_a_job(tmp_path: Path) -> None:
    store = JobStore(tmp_path)
    made = {store.create({"text": f"article {n}"})[0].id for n in range(40)}
    claimed: list[str] = []
    lock = threading.Lock()

    def take() -> None:
        while (job := store.claim()) is not None:
            with lock:
                claimed.append(job.id)

    threads = [threading.Thread(target=take) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(claimed) == sorted(made)


def test_a_stale_attempt_cannot_finish_a_job_and_restart_requeues(tmp_path: Path) -> None:
    store = JobStore(tmp_path)
    job, _ = store.create({"text": "x"})
    first = store.claim()
    assert first is not None and first.attempt == 1
    assert store.requeue_running(max_attempts=3) == 1  # as if the server restarted mid-job
    second = store.claim()
    assert second is not None and second.id == job.id and second.attempt == 2
    assert not store.finish(job.id, 1, duration=1.0, synthesis_seconds=1.0, title=None)
    assert store.finish(job.id, 2, duration=1.0, synthesis_seconds=1.0, title=None)
    assert not store.finish(job.id, 2, duration=1.0, synthesis_seconds=1.0, title=None)
    assert store.counters()["jobs_done"] == 1
    store.close()
    reopened = JobStore(tmp_path)
    assert reopened.get(job.id).status == "done"  # type: ignore[union-attr]


def test_a_job_that_keeps_dying_is_failed_not_retried_forever(tmp_path: Path) -> None:
    store = JobStore(tmp_path)
    job, _ = store.create({"text": "x"})
    for _ in range(3):
        store.claim()
        store.requeue_running(max_attempts=3)
    state = store.get(job.id)
    assert state is not None and state.status == "failed" and "3" in (state.error or "")


def test_store_errors(tmp_path: Path) -> None:
    store = JobStore(tmp_path)
    store.create({"text": "a"}, idempotency_key="k", max_queued=1)
    with pytest.raises(IdempotencyConflict):
        store.create({"text": "b"}, idempotency_key="k")
    with pytest.raises(QueueFull):
        store.create({"text": "c"}, max_queued=1)


def test_serial_executor_submit_returns_a_done_future() -> None:
    ex = SerialExecutor()
    assert ex.submit(len, "abc").result() == 3
    with pytest.raises(ZeroDivisionError):
        ex.submit(lambda x: 1 / x, 0).result()
