"""gunicorn settings for `make serve` and production: threads in a few processes."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Two processes a core. A page spends its time in Python, waiting on the database for a
# millisecond or two: threads in one process would mostly queue for its interpreter lock (the
# uncached directory served 22 requests/s with 4 threads a process, 55 to 64 with one, side by
# side on 2 cores). gthread still parks idle keep-alive connections without holding a thread.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = 30
graceful_timeout = 20
keepalive = 5
max_requests = 0  # no leaks to bound; a restart reloads Django mid-traffic

# One line per request, and gunicorn's own messages, on standard output (Django's error lines
# go there too, through LOGGING in settings).
accesslog = "-"
errorlog = "/dev/stdout"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
wsgi_app = "cicopa.wsgi:application"
