"""Completion webhooks: a signed POST to the job's callback_url, retried with backoff.

Delivery state lives in the job table, so pending deliveries survive a restart.
Delivery is at-least-once: a receiver should de-duplicate on the ``id`` field.
Receivers verify ``X-Readaloud-Signature: sha256=<hex>``, an HMAC-SHA256 of the
raw request body keyed with the shared secret (see ``security.verify_signature``).
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from .jobs import Job, JobStore
from .security import SIGNATURE_HEADER, check_url, sign

log = logging.getLogger(__name__)

EVENT_HEADER = "X-Readaloud-Event"
DELIVERY_HEADER = "X-Readaloud-Delivery"


@dataclass(frozen=True)
class WebhookPolicy:
    """How hard we try: attempt n (from 0) waits ``base_delay_s * 2**n`` (capped) after a failure."""

    max_attempts: int = 8
    base_delay_s: float = 2.0
    max_delay_s: float = 600.0
    timeout_s: float = 10.0
    poll_s: float = 0.5


def payload(job: Job, links: dict[str, str]) -> bytes:
    """The body we sign and send (deterministic, so every retry carries identical bytes)."""
    body: dict[str, Any] = {
        "event": f"conversion.{job.status}",
        "id": job.id,
        "status": job.status,
        "duration": job.duration,
        "error": job.error,
        "title": job.title,
        "links": links,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def next_delay(attempts_so_far: int, policy: WebhookPolicy) -> float:
    """Exponential backoff: base, 2*base, 4*base, ... up to the cap."""
    return min(policy.base_delay_s * (2 ** attempts_so_far), policy.max_delay_s)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 3xx counts as a failed delivery; we never follow a callback elsewhere


def deliver(url: str, body: bytes, secret: str | None, event: str, delivery_id: str, timeout_s: float) -> int:
    """POST once; the HTTP status (0 if no response)."""
    headers = {"Content-Type": "application/json", "User-Agent": "readaloud-webhook/1",
               EVENT_HEADER: event, DELIVERY_HEADER: delivery_id}
    if secret:
        headers[SIGNATURE_HEADER] = sign(body, secret)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    opener = urllib.request.build_opener(_NoRedirects())
    try:
        with opener.open(request, timeout=timeout_s) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, OSError) as exc:
        log.info("webhook to %s failed: %s", url, exc)
        return 0


class WebhookSender:
    """One background thread sending due webhooks from the job table."""

    def __init__(
        self,
        store: JobStore,
        *,
        secret: str | None,
        links: Any,
        allow_private_urls: bool = False,
        policy: WebhookPolicy = WebhookPolicy(),
    ) -> None:
        self.store = store
        self.secret = secret
        self.links = links
        self.allow_private_urls = allow_private_urls
        self.policy = policy
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="readaloud-webhooks", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float | None = None) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.send_due()
            except Exception:  # noqa: BLE001 - the sender must keep going
                log.exception("webhook sender failed")
            self._wake.wait(self.policy.poll_s)
            self._wake.clear()

    def send_due(self) -> int:
        """Try every due delivery once; how many were tried."""
        jobs = self.store.webhook_due(time.time())
        for job in jobs:
            if self._stop.is_set():
                break
            self._send(job)
        return len(jobs)

    def _send(self, job: Job) -> None:
        assert job.callback_url is not None
        try:  # re-checked at send time: DNS may have changed since the job was accepted
            check_url(job.callback_url, allow_private=self.allow_private_urls, what="callback_url")
        except InputError as exc:
            log.warning("job %s: webhook refused: %s", job.id, exc)
            self.store.webhook_result(job.id, delivered=False, next_try=None)
            return
        body = payload(job, self.links(job))
        status = deliver(job.callback_url, body, self.secret, f"conversion.{job.status}",
                         f"{job.id}.{job.webhook_attempts + 1}", self.policy.timeout_s)
        if 200 <= status < 300:
            self.store.webhook_result(job.id, delivered=True, next_try=None)
            return
        attempts = job.webhook_attempts + 1
        retry = None if attempts >= self.policy.max_attempts else time.time() + next_delay(job.webhook_attempts, self.policy)
        log.info("job %s: webhook answered %s (attempt %d)%s", job.id, status or "nothing", attempts,
                 "" if retry else "; giving up")
        self.store.webhook_result(job.id, delivered=False, next_try=retry)
