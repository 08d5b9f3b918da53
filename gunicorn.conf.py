"""gunicorn settings for `make serve` and production: threads in a few processes."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Two processes a core, four threads each. A slow client (one that sends its request or reads
# its answer slowly) holds a thread, never a whole process: the others go on serving. In
# production the nginx front of deploy/nginx.conf meets slow clients itself and hands the app
# servers only whole requests (docs/deployment.md). gthread parks idle keep-alive connections
# without holding a thread.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
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
