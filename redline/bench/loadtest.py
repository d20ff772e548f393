"""Web and API under load: gunicorn on 127.0.0.1 and a small threaded keep-alive HTTP client.

Each scenario runs for at most ``seconds`` and ``max_requests`` with ``concurrency`` threads,
each thread on its own keep-alive connection, and reports p50 / p95 / p99 latency and requests
per second. Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from redline.bench import machine

HOST = "127.0.0.1"
PathMaker = Callable[[random.Random], str]


@dataclass
class Scenario:
    """A named request mix: ``make_path`` draws one path per request."""

    name: str
    make_path: PathMaker
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class LoadResult:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    def percentile(self, q: float) -> float:
        """The q-th percentile of latency in milliseconds (nearest rank)."""
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
        return ordered[index]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def mean_ms(self) -> float:
        return statistics.fmean(self.latencies_ms) if self.latencies_ms else float("nan")


class Gunicorn:
    """gunicorn serving redline on 127.0.0.1:``port``; a context manager that stops it."""

    def __init__(self, port: int, env: dict[str, str], workers: int = 2) -> None:
        self.port = port
        self.env = env
        self.workers = workers
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Gunicorn:
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        command = [
            gunicorn,
            "redline.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(command, env={**os.environ, **self.env})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited at start")
            try:
                with socket.create_connection((HOST, self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not start within 60 s")

    def rss_mb(self) -> dict[str, float]:
        """Resident memory of the master and of each worker."""
        if self.process is None:
            return {}
        sizes = {"master": machine.rss_mb(self.process.pid)}
        for number, child in enumerate(machine.children(self.process.pid), start=1):
            sizes[f"worker {number}"] = machine.rss_mb(child)
        return sizes

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def run_scenario(
    port: int,
    scenario: Scenario,
    *,
    concurrency: int = 4,
    seconds: float = 10.0,
    max_requests: int = 2000,
    warmup: int = 10,
    seed: int = 3,
) -> LoadResult:
    """Drive ``scenario`` against 127.0.0.1:``port`` until the time or request budget is spent."""
    lock = threading.Lock()
    latencies: list[float] = []
    errors = [0]
    issued = [0]
    rng = random.Random(seed)
    _drive(port, scenario, rng, warmup)
    deadline = time.perf_counter() + seconds

    def worker(thread_seed: int) -> None:
        thread_rng = random.Random(thread_seed)
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        while time.perf_counter() < deadline:
            with lock:
                if issued[0] >= max_requests:
                    break
                issued[0] += 1
            path = scenario.make_path(thread_rng)
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=scenario.headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors[0] += 1
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(seed * 1000 + n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return LoadResult(scenario.name, len(latencies), errors[0], elapsed, latencies)


def _drive(port: int, scenario: Scenario, rng: random.Random, count: int) -> None:
    """Warm caches and connections with ``count`` requests, not timed."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    for _ in range(count):
        conn.request("GET", scenario.make_path(rng), headers=scenario.headers)
        conn.getresponse().read()
    conn.close()


def check_status(port: int, scenario: Scenario, rng: random.Random) -> int:
    """The HTTP status of one request of the scenario (to fail loudly on a broken set-up)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request("GET", scenario.make_path(rng), headers=scenario.headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()
