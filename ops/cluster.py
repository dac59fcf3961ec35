"""Several app servers and the translation worker sharing one database, one Redis and one media
store, on loopback: `make cluster`, and tests/test_cluster.py.

Every process gets the same environment (production settings, `DATABASE_URL`, `REDIS_URL`, where
media goes) and nothing else in common: what one server changes, the others can only know through
PostgreSQL, Redis or the media store, as between the machines of a real deployment. Media is plain
configuration: `MEDIA_ROOT` here, or whatever storage settings the environment names (an S3
bucket), which every process inherits alike.

Run as `python -m ops.cluster` (see `--help`); it sets the database up when it is new (migrate,
bootstrap, the demo content and its logins), collects the static files, then serves until Ctrl-C.
"""

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
# what the settings read: taken from the arguments, never inherited by accident from the shell
OWN = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "VAR_DIR", "MEDIA_ROOT", "ALLOWED_HOSTS")
OWN += ("CSRF_TRUSTED_ORIGINS", "WAGTAILADMIN_BASE_URL", "SECURE_SSL_REDIRECT", "WEB_CONCURRENCY")


class ClusterError(Exception):
    pass


def shared_env(database_url, redis_url, var_dir, media_root=None, port=8001, workers=2, **extra):
    """The environment of every process of the cluster: production settings, shared services."""
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise ClusterError(
            "The servers of a cluster share one PostgreSQL database: DATABASE_URL=postgres://..."
        )
    if not redis_url.startswith(("redis://", "rediss://")):
        raise ClusterError("The servers of a cluster share one Redis: REDIS_URL=redis://...")
    inherited = {key: value for key, value in os.environ.items() if key not in OWN}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or _secret_key(),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "VAR_DIR": str(var_dir),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback, no TLS proxy in front
        "WEB_CONCURRENCY": str(workers),  # gunicorn's own variable: workers per server
        **extra,
    }
    if media_root:
        env["MEDIA_ROOT"] = str(media_root)
    return env


def _secret_key():
    from django.core.management.utils import get_random_secret_key

    return get_random_secret_key()


def manage(env, *args, **overrides):
    """Run a manage.py command with the cluster's environment (plus `overrides`)."""
    result = subprocess.run(  # noqa: S603 (our own manage.py)
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env={**env, **overrides},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise ClusterError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def create_database(database_url):
    """Create the database DATABASE_URL names, if it does not exist yet; True if it was created."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    server = {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "password": parts.password or "",
        "dbname": "postgres",
        "connect_timeout": 5,
    }
    with psycopg.connect(**server, autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        connection.execute(f'CREATE DATABASE "{name}"')
        return True


def collect_static(env):
    """Collect (and compress) the static files once per VAR_DIR; production serves them itself."""
    if not (Path(env["VAR_DIR"]) / "static" / "staticfiles.json").exists():
        manage(env, "collectstatic", "--no-input", "--verbosity", "0")


def set_up(env, demo=True):
    """Migrate, bootstrap and (with `demo`) load the demo content; each step is idempotent."""
    create_database(env["DATABASE_URL"])
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "bootstrap")
    if demo:
        # load_demo refuses the production settings (its logins are guessable); a loopback cluster
        # is not production, and the development settings hash passwords as production does
        manage(env, "load_demo", DJANGO_SETTINGS_MODULE="cms.settings.dev")
    collect_static(env)


def get_status(url, timeout=2):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@dataclass
class Cluster:
    """The processes of a cluster; each in its own process group, so that kill() takes the gunicorn
    master with its workers, as when a machine goes away."""

    env: dict
    log_dir: Path
    processes: dict = field(default_factory=dict)
    addresses: dict = field(default_factory=dict)

    def server(self, name, port, workers=None):
        """Start gunicorn serving cms.wsgi on 127.0.0.1:port; wait until /healthz answers."""
        workers = workers or int(self.env.get("WEB_CONCURRENCY", "2"))
        command = [GUNICORN, "cms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
        command += ["--timeout", "60", "--no-control-socket"]
        self._start(name, command)
        base = f"http://127.0.0.1:{port}"
        self.addresses[name] = base
        self.wait(name, lambda: get_status(f"{base}/healthz") == 200)
        return base

    def worker(self, name="worker"):
        """Start the background worker of the translation queue."""
        self._start(name, [PYTHON, "manage.py", "db_worker", "--backend", "translation"])

    def _start(self, name, command):
        log = (self.log_dir / f"{name}.log").open("ab")
        with log:
            self.processes[name] = subprocess.Popen(  # noqa: S603 (our own commands)
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait(self, name, ready, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                raise ClusterError(f"{name} stopped at start:\n{self.log(name)}")
            with contextlib.suppress(OSError):
                if ready():
                    return
            time.sleep(0.2)
        raise ClusterError(f"{name} did not answer within {seconds} s:\n{self.log(name)}")

    def log(self, name):
        path = self.log_dir / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def kill(self, name):
        """SIGKILL the process and its children at once: nothing runs its clean-up."""
        process = self.processes[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop(self):
        for process in self.processes.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for name, process in self.processes.items():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill(name)


@contextlib.contextmanager
def running(env, ports=(8001, 8002), worker=True):
    """Servers "a", "b", ... on `ports` and the worker; everything stops on leaving."""
    log_dir = Path(env["VAR_DIR"])
    log_dir.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(env=env, log_dir=log_dir)
    try:
        for name, port in zip("abcdefgh", ports, strict=False):
            cluster.server(name, port)
        if worker:
            cluster.worker()
        yield cluster
    finally:
        cluster.stop()


def interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    # Ctrl-C or a SIGTERM stops the servers and the worker too (each is in a session of its own)
    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    parser = argparse.ArgumentParser(prog="python -m ops.cluster", description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "cluster"))
    parser.add_argument("--media-root", default=os.environ.get("MEDIA_ROOT", ""))
    parser.add_argument("--ports", default="8001,8002", help="one server per port (default: 8001,8002)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server (default: 2)")
    options = parser.parse_args(argv)
    ports = [int(port) for port in options.ports.split(",")]
    var_dir = Path(options.var_dir).resolve()
    try:
        env = shared_env(
            options.database_url,
            options.redis_url,
            var_dir,
            media_root=options.media_root or var_dir / "media",
            port=ports[0],
            workers=options.workers,
        )
        print(f"Setting up {options.database_url} (migrate, bootstrap, demo content, static files)...")
        set_up(env)
        with running(env, ports) as cluster:
            for name, base in cluster.addresses.items():
                print(f"  server {name}: {base}/admin/  {base}/api/v1/")
            print(f"  worker: db_worker --backend translation; logs in {var_dir}/")
            print(f"  shared: {options.database_url}, {options.redis_url}, media in {env['MEDIA_ROOT']}")
            print(f"  demo logins: {var_dir}/demo-logins.txt. Ctrl-C stops everything.")
            with contextlib.suppress(KeyboardInterrupt):
                while all(process.poll() is None for process in cluster.processes.values()):
                    time.sleep(1)
                stopped = [name for name, process in cluster.processes.items() if process.poll() is not None]
                print(f"{', '.join(stopped)} stopped; stopping the others.\n{cluster.log(stopped[0])}")
                return 1
    except ClusterError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
