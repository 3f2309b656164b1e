"""Page throughput: gunicorn (2 workers) on 127.0.0.1, driven for a bounded time.

Not a test. Starts gunicorn on a free loopback port with its own instance folder, warms
it up, then drives each scenario for DURATION seconds with `wrk` (apt-get install wrk;
without it, a small bounded Python load generator drives the GET scenarios only):

- a document page;
- the search page with one query (answered from the results cache after the first);
- the search page with a new query at every request (cache bypassed);
- evaluations created through the API (POST), rate limits off for the run.

With `--baseline REV`, the same scenarios run first on a git worktree of REV (same
virtualenv), so that "before" and "after" come from the same run on the same machine.
Errors count every non-2xx/3xx response and every socket error. Loopback only.

usage: python benchmarks/page_throughput.py [--duration 10] [--connections 8]
                                            [--baseline REV]
"""
from __future__ import annotations

import argparse
import http.client
import json
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
NEW_EVALUATION = json.dumps({"tool_name": "Banc d'essai", "category": "information",
                             "answers": [{"criterion": "direction-porte-projet",
                                          "value": "oui"}]})
# wrk scripts: a new query per request (a counter, per thread), and a JSON POST.
UNIQUE_QUERIES = """
-- Two or three words of the corpus a request, in a new combination each time (about
-- 27 000 combinations: the results cache never answers), as people type them.
local words = {"logement", "psychose", "pair", "soins", "equipe", "crise", "jeunes",
  "hopital", "sortie", "medecin", "infirmier", "accompagnement", "social", "parcours",
  "famille", "traitement", "urgence", "domicile", "retablissement", "insertion", "emploi",
  "precoce", "somatique", "teleconsultation", "formation", "coordination", "prevention",
  "addiction", "enfant", "adolescent"}
counter = 0
request = function()
  counter = counter + 1
  local n = #words
  local a = words[(counter % n) + 1]
  local b = words[(math.floor(counter / n) % n) + 1]
  local c = words[(math.floor(counter / (n * n)) % n) + 1]
  local q = a .. "+" .. b
  if counter % 3 == 0 then q = q .. "+" .. c end
  return wrk.format("GET", "/recherche?q=" .. q)
end
"""
POST_EVALUATION = """
wrk.method = "POST"
wrk.body = %s
wrk.headers["Content-Type"] = "application/json"
"""
SCENARIOS = {  # name → (path, wrk script or None)
    "document page": ("/monographies/silapsy-saint-nazaire", None),
    "search, same query": ("/recherche?q=logement+psychose&mission=1", None),
    "search, unique queries": ("/recherche", UNIQUE_QUERIES),
    "create evaluation (POST)": ("/api/v1/evaluations",
                                 POST_EVALUATION % json.dumps(NEW_EVALUATION)),
}
# The app as a gunicorn factory call: rate limits off, so that the POST scenario measures
# the work, not the limiter's refusals.
APP = "registry:create_app({'RATELIMIT_ENABLED': False})"


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


def with_wrk(url: str, duration: int, connections: int, script: str | None,
             folder: Path, cpu: str | None = None) -> tuple[float, float, float, int]:
    """(requests/s, p50 ms, p99 ms, errors); `cpu` pins wrk (one thread) to those cores."""
    threads = "-t1" if cpu else "-t2"
    command = ["wrk", threads, f"-c{connections}", f"-d{duration}s", "--latency", url]
    if script:
        path = folder / f"script-{abs(hash(script))}.lua"
        path.write_text(script)
        command[1:1] = ["-s", str(path)]
    if cpu:
        command = ["taskset", "-c", cpu, *command]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:Non-2xx or 3xx responses:|connect|read|write|"
                                           r"timeout) (\d+)", out))
    return rate, _latency(out, "50%"), _latency(out, "99%"), errors


def _latency(out: str, percentile: str) -> float:
    value, unit = re.search(rf"{re.escape(percentile)}\s+([\d.]+)(us|ms|s)", out).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def with_python(port: int, path: str, duration: int,
                connections: int) -> tuple[float, float, float, int]:
    counts = {"ok": 0, "errors": 0}
    times: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            start = time.perf_counter()
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
                times.append((time.perf_counter() - start) * 1000)
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    times.sort()

    def percentile(q: float) -> float:
        return times[min(len(times) - 1, int(len(times) * q))] if times else 0.0

    return (counts["ok"] / (time.monotonic() - start), percentile(0.5), percentile(0.99),
            counts["errors"])


def serve(source: Path, instance: Path, port: int, workers: int = 2,
          cpu: str | None = None) -> subprocess.Popen:
    """gunicorn with `workers` workers on the code in `source`, after migrating and
    indexing; `cpu` pins it to those cores (taskset)."""
    env = {**os.environ, "SECRET_KEY": "bench", "REGISTRY_INDEX_DIR": f"{instance}/index",
           "REGISTRY_CONTENT_DIR": str(source / "content"), "PYTHONPATH": str(source),
           "DATABASE_URL": f"sqlite:///{instance}/bench.sqlite", "FLASK_APP": "wsgi"}
    bin_dir = Path(sys.executable).parent
    for command in (["db", "upgrade"], ["index", "build"]):
        subprocess.run([str(bin_dir / "flask"), *command], cwd=source, env=env, check=True,
                       capture_output=True)
    # Each revision runs with the gunicorn settings it ships (its hooks), if any.
    config = source / "gunicorn.conf.py"
    config_arg = str(config) if config.exists() else "/dev/null"
    pin = ["taskset", "-c", cpu] if cpu else []
    return subprocess.Popen([*pin, str(bin_dir / "gunicorn"), "-w", str(workers), "-b",
                             f"127.0.0.1:{port}", "--config", config_arg, APP], cwd=source,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def measure(source: Path, args, folder: Path) -> dict[str, tuple]:
    port = free_port()
    instance = Path(tempfile.mkdtemp(prefix="registry-bench-", dir=folder))
    server = serve(source, instance, port)
    base = f"http://127.0.0.1:{port}"
    results = {}
    try:
        for path, _script in SCENARIOS.values():
            if path.startswith("/api/v1/evaluations"):
                continue
            wait_until_up(base + path)
        for name, (path, script) in SCENARIOS.items():
            if shutil.which("wrk"):
                results[name] = with_wrk(base + path, args.duration, args.connections, script,
                                         folder)
            elif script is None:
                results[name] = with_python(port, path, args.duration, args.connections)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return results


PINNED = "practice page, 1 worker on 1 core"
PINNED_PATH = "/monographies/passerelle-sud-yvelines"


def measure_pinned(source: Path, args, folder: Path) -> tuple | None:
    """One worker pinned to core 0, wrk pinned to core 1: requests/s per core of a
    practice page (the goal: at least 400). None without wrk, taskset or two cores."""
    if not (shutil.which("wrk") and shutil.which("taskset")) or (os.cpu_count() or 1) < 2:
        return None
    port = free_port()
    instance = Path(tempfile.mkdtemp(prefix="registry-bench-", dir=folder))
    server = serve(source, instance, port, workers=1, cpu="0")
    try:
        url = f"http://127.0.0.1:{port}{PINNED_PATH}"
        wait_until_up(url)
        return with_wrk(url, args.duration, 4, None, folder, cpu="1")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--baseline", help="a git revision to measure first, for comparison")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="registry-throughput-"))
    runs = []
    try:
        if args.baseline:
            worktree = folder / "baseline"
            subprocess.run(["git", "worktree", "add", "--detach", str(worktree), args.baseline],
                           cwd=ROOT, check=True, capture_output=True)
            try:
                measured = measure(worktree, args, folder)
                pinned = measure_pinned(worktree, args, folder)
                if pinned:
                    measured[PINNED] = pinned
                runs.append((f"baseline {args.baseline}", measured))
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(worktree)],
                               cwd=ROOT, capture_output=True)
        measured = measure(ROOT, args, folder)
        pinned = measure_pinned(ROOT, args, folder)
        if pinned:
            measured[PINNED] = pinned
        runs.append(("this checkout", measured))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    tool = "wrk" if shutil.which("wrk") else "python threads"
    print(f"gunicorn 2 workers, {args.connections} connections, {args.duration} s a scenario, "
          f"driven by {tool}, loopback")
    print(f"{'run':<22} | {'scenario':<34} | {'requests/s':>10} | {'p50 ms':>7} | "
          f"{'p99 ms':>7} | {'errors':>6}")
    for label, results in runs:
        for name, (rate, p50, p99, errors) in results.items():
            print(f"{label:<22} | {name:<34} | {rate:>10.1f} | {p50:>7.1f} | {p99:>7.1f} | "
                  f"{errors:>6}")
    print()
    for label, results in runs:  # the goal: a new search costs at most two page views
        ratio = results["search, unique queries"][0] / results["document page"][0]
        print(f"{label:<22} | unique-query search / document page = {ratio:.2f} "
              f"(target ≥ 0.50: {'met' if ratio >= 0.5 else 'NOT met'})")
        if PINNED in results:
            rate = results[PINNED][0]
            print(f"{label:<22} | practice page per core = {rate:.0f} requests/s "
                  f"(target ≥ 400: {'met' if rate >= 400 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
