"""The benchmark's moving parts: a gunicorn server on the benchmark's data, HTTP requests to it,
and wrk driving load at it (used by `bench.run` and `bench.soak`)."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class BenchError(Exception):
    pass


def bench_database_url():
    """`BENCH_DATABASE_URL`, or "" for the SQLite file under the benchmark's VAR_DIR."""
    return os.environ.get("BENCH_DATABASE_URL", "")


def fetch(base, path, headers=None):
    request = urllib.request.Request(base + path, headers=headers or {})  # noqa: S310 (http only)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def fetch_json(base, path, headers=None):
    status, _headers, body = fetch(base, path, headers)
    if status != 200:
        raise BenchError(f"GET {path} answered {status}: {body[:300]!r}")
    return json.loads(body)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with the benchmark settings; its workers' peak memory is sampled while it runs."""

    def __init__(self, var_dir, workers=2):
        self.port = free_port()
        self.workers = workers
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.bench",
            "VAR_DIR": str(var_dir),
            "PYTHONUNBUFFERED": "1",
        }
        env["DATABASE_URL"] = bench_database_url()  # the benchmark's own database, never the developer's
        self.log = open(Path(var_dir) / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--access-logfile",
                "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.peak_rss_mb = 0.0
        self._sampling = True
        self._sampler = threading.Thread(target=self._sample_memory, daemon=True)

    def start(self):
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn stopped; see {self.log.name}")
            try:
                if fetch(self.base, "/api/v1/")[0] == 200:
                    self._sampler.start()
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise BenchError("gunicorn did not answer within 60 s")

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def worker_rss_mb(self):
        sizes = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmRSS:\s+(\d+) kB", status)
            if match:
                sizes.append(int(match.group(1)) / 1024)
        return max(sizes, default=0.0)

    def _sample_memory(self):
        while self._sampling:
            self.peak_rss_mb = max(self.peak_rss_mb, self.worker_rss_mb())
            time.sleep(0.5)

    def stop(self):
        self._sampling = False
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


# Scenarios ----------------------------------------------------------------------------------


def lua_table(requests):
    def quote(text):
        return json.dumps(text)  # a JSON string is a valid Lua string literal here (ASCII paths)

    items = []
    for path, headers in requests:
        header_table = ", ".join(f"[{quote(k)}] = {quote(v)}" for k, v in headers.items())
        items.append(f"{{{quote(path)}, {{{header_table}}}}}")
    return "{" + ",\n".join(items) + "}"


def wrk(base, script_source, duration, connections, threads=1):
    """Run wrk with a Lua script against the server; what the script's `done` wrote."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(script_source)
    try:
        command = [
            shutil.which("wrk"),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
        ]
        return subprocess.run(  # noqa: S603
            [*command, "-s", script.name, base], capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.unlink(script.name)
