"""Page throughput: gunicorn (2 workers) on 127.0.0.1, driven for a bounded time.

Not a test. Starts `gunicorn wsgi:app` on a free loopback port with its own instance
folder, warms it up, then drives a document page and a search page for DURATION
seconds each, with `wrk` when it is installed (apt-get install wrk), else with a
small bounded Python load generator (threads, keep-alive). Loopback only.

usage: python benchmarks/page_throughput.py [--duration 10] [--connections 8]
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"document page": "/monographies/silapsy-saint-nazaire",
         "search page": "/recherche?q=logement+psychose&mission=1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def with_wrk(url: str, duration: int, connections: int) -> tuple[float, int]:
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", url],
                         capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:Non-2xx or 3xx responses|connect|read|write|"
                                           r"timeout) (\d+)", out))
    return rate, errors


def with_python(port: int, path: str, duration: int, connections: int) -> tuple[float, int]:
    counts = {"ok": 0, "errors": 0}
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            with lock:
                counts["ok" if ok else "errors"] += 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counts["ok"] / (time.monotonic() - start), counts["errors"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args(argv)
    port = free_port()
    instance = tempfile.mkdtemp(prefix="registry-bench-")
    env = {**os.environ, "SECRET_KEY": "bench", "REGISTRY_INDEX_DIR": f"{instance}/index",
           "DATABASE_URL": f"sqlite:///{instance}/bench.sqlite", "FLASK_APP": "wsgi"}
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "flask"), "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    subprocess.run([str(bin_dir / "flask"), "index", "build"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    server = subprocess.Popen([str(bin_dir / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}",
                               "wsgi:app"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    tool = "wrk" if shutil.which("wrk") else "python threads"
    try:
        base = f"http://127.0.0.1:{port}"
        for path in PAGES.values():
            wait_until_up(base + path)
        print(f"gunicorn 2 workers, {args.connections} connections, {args.duration} s each, "
              f"driven by {tool}")
        print(f"{'page':<15} | {'requests/s':>10} | {'errors':>6}")
        for name, path in PAGES.items():
            if shutil.which("wrk"):
                rate, errors = with_wrk(base + path, args.duration, args.connections)
            else:
                rate, errors = with_python(port, path, args.duration, args.connections)
            print(f"{name:<15} | {rate:>10.1f} | {errors:>6}")
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(instance, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
