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
    before = measure.server_cpu(os.getpid())
    deadline = time.process_time() + 0.5
    while time.process_time() < deadline:
        pass
    assert 0.45 <= measure.server_cpu_since(os.getpid(), before) < 1
    # Its whole time; and not its parent's, which is no server process.
    assert abs(measure.server_cpu(os.getpid())[os.getpid()] - time.process_time()) < 0.1
    assert os.getppid() not in measure.server_cpu(os.getpid())


def test_server_cpu_counts_the_workers_even_one_that_started_meanwhile():
    burn = "import time\nt = time.process_time() + 0.5\nwhile time.process_time() < t: pass\n"
    before = measure.server_cpu(os.getpid())
    worker = subprocess.Popen(
        [sys.executable, "-c", burn + "print(flush=True)\ntime.sleep(30)"], stdout=subprocess.PIPE
    )
    try:
        worker.stdout.readline()  # its half second of work is done
        assert measure.server_cpu_since(os.getpid(), before) >= 0.4
    finally:
        worker.kill()
        worker.wait()


def test_a_process_that_ended_is_not_counted_as_a_negative():
    before = {**measure.server_cpu(os.getpid()), 999_999_999: 1000.0}  # no such process now
    assert 0 <= measure.server_cpu_since(os.getpid(), before) < 1
