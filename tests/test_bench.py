"""The benchmark's own arithmetic (bench/measure.py), without running the benchmark."""

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

spec = importlib.util.spec_from_file_location(
    "measure", Path(__file__).resolve().parents[1] / "bench" / "measure.py"
)
measure = importlib.util.module_from_spec(spec)
spec.loader.exec_module(measure)


def test_server_cpu_counts_the_server_process():
    # This process stands in for gunicorn's master: half a second of its work shows as that.
    before = measure.server_cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.5
    while time.process_time() < deadline:
        pass
    assert 0.45 <= measure.server_cpu_seconds(os.getpid()) - before < 1
    # Its whole time, and no other process's but the database's and the cache's.
    mine = measure.server_cpu_seconds(os.getpid()) - measure.server_cpu_seconds(-1)
    assert abs(mine - time.process_time()) < 0.1


def test_server_cpu_counts_the_workers():
    burn = "import time\nt = time.process_time() + 0.5\nwhile time.process_time() < t: pass\n"
    worker = subprocess.Popen(
        [sys.executable, "-c", burn + "print(flush=True)\ntime.sleep(30)"], stdout=subprocess.PIPE
    )
    try:
        before = measure.server_cpu_seconds(os.getpid())
        worker.stdout.readline()  # its half second of work is done
        assert measure.server_cpu_seconds(os.getpid()) - before >= 0.4
    finally:
        worker.kill()
        worker.wait()
