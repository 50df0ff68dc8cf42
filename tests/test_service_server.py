"""The real server: uvicorn in a subprocess on 127.0.0.1, killed with SIGKILL and restarted."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from readaloud.service.cli import serve
from readaloud.service.security import verify_signature

from test_service import Receiver  # type: ignore[import-not-found]

TOKEN = "server-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
START_TIMEOUT_S = 20.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, data: Path, port: int, workers: int = 1) -> None:
        self.data, self.port, self.workers = data, port, workers
        self.base = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**os.environ, "READALOUD_API_TOKEN": TOKEN}
        env.pop("READALOUD_WEBHOOK_SECRET", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from readaloud.service.cli import serve; serve()",
             "--host", "127.0.0.1", "--port", str(self.port), "--data", str(self.data),
             "--workers", str(self.workers), "--allow-private-urls", "--log-level", "warning"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.proc.stderr.read().decode() if self.proc.stderr else ""
            try:
                if httpx.get(self.base + "/healthz", timeout=0.5).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError("server did not start")

    def kill(self) -> None:
        """SIGKILL the whole process group: the server and its pool processes, no clean-up at all."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    s = Server(tmp_path / "data", free_port())
    yield s
    s.kill()


def article(n: int) -> str:
    return (f"Story number {n} begins here. The town council voted on plan {n} last night. "
            "Residents say they were surprised. A final decision is due next month.")


def test_restart_after_sigkill_finishes_every_job_exactly_once(server: Server) -> None:
    receiver = Receiver([])
    try:
        server.start()
        assert httpx.post(server.base + "/v1/conversions", json={"text": "x"}).status_code == 401
        ids = []
        for n in range(4):
            r = httpx.post(server.base + "/v1/conversions", headers=AUTH,
                           json={"text": article(n), "voice": "fast", "callback_url": receiver.url})
            assert r.status_code == 202, r.text
            ids.append(r.json()["id"])
        server.kill()  # mid-job or before any ran: the first job is claimed at once
        states = _statuses(server, ids)
        assert states[0] == "running" and set(states[1:]) == {"queued"}, states  # killed mid-job

        server.start()
        deadline = time.monotonic() + 30
        while True:
            states = [httpx.get(f"{server.base}/v1/conversions/{i}", headers=AUTH).json() for i in ids]
            if all(s["status"] == "done" for s in states) and len(receiver.calls) >= len(ids):
                break
            assert time.monotonic() < deadline, (states, receiver.calls)
            time.sleep(0.1)
        metrics = httpx.get(server.base + "/metrics").text
        assert 'readaloud_jobs_finished_total{outcome="done"} 4' in metrics
        for i in ids:
            audio = httpx.get(f"{server.base}/v1/conversions/{i}/audio", headers={**AUTH, "Range": "bytes=0-2"})
            assert audio.status_code == 206 and len(audio.content) == 3
            assert audio.headers["content-type"] == "audio/mpeg"
            assert not list((server.data / "jobs" / i).glob(".attempt-*"))  # no scratch left behind
        time.sleep(0.3)  # a duplicate webhook would arrive now
        delivered = [json.loads(body)["id"] for _, body, _ in receiver.calls]
        assert sorted(delivered) == sorted(ids)  # one completion each: none lost, none done twice
        for headers, body, _ in receiver.calls:
            assert verify_signature(body, headers["X-Readaloud-Signature"], TOKEN)
    finally:
        server.stop()
        receiver.close()


def _statuses(server: Server, ids: list[str]) -> list[str]:
    """Read the job table straight from the database while the server is down."""
    import sqlite3

    conn = sqlite3.connect(server.data / "jobs.sqlite3")
    try:
        return [conn.execute("SELECT status FROM jobs WHERE id=?", (i,)).fetchone()[0] for i in ids]
    finally:
        conn.close()


def test_serve_refuses_a_public_address_without_a_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("READALOUD_API_TOKEN", raising=False)
    result = CliRunner().invoke(serve, ["--host", "0.0.0.0", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert "READALOUD_API_TOKEN" in result.output


def test_serve_help_lists_the_options() -> None:
    result = CliRunner().invoke(serve, ["--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--workers", "--data", "--allow-private-urls", "--dask-scheduler"):
        assert option in result.output
