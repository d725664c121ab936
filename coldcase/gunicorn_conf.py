"""The production server's settings: what ``coldcase serve`` gives gunicorn.

Also usable directly: ``gunicorn -c python:coldcase.gunicorn_conf 'coldcase:create_app()'``. Each value can be
overridden by the ``serve`` command's options or by ``COLDCASE_*`` environment variables named below.
"""

from __future__ import annotations

import os

bind = [f"{os.environ.get('COLDCASE_HOST', '127.0.0.1')}:{os.environ.get('COLDCASE_PORT', '8000')}"]
#: Two processes per core: a tip spends most of its time in the receipt's memory-hard hash and in the database.
workers = int(os.environ.get("COLDCASE_WORKERS", 0)) or 2 * (os.cpu_count() or 1)
worker_class = "sync"
#: A worker that has not answered in this many seconds is restarted. Every wait inside a request has a shorter
#: timeout of its own (the database's connect and statement timeouts), so this only catches real bugs.
timeout = int(os.environ.get("COLDCASE_WORKER_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
#: Workers are replaced after this many requests (with jitter, so not all at once): bounds slow memory growth.
max_requests = 2000
max_requests_jitter = 200
#: Request line and header limits: gunicorn refuses anything larger with a 4xx before the app sees it.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
#: No access log, ever: it would hold tipsters' addresses. The error log goes to stderr through a logger that
#: removes every client address, user agent, referrer and request line (coldcase.server.PrivateLogger).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("COLDCASE_LOG_LEVEL", "info")
logger_class = "coldcase.server.PrivateLogger"
proc_name = "coldcase"
#: gunicorn's control socket (in the home folder) is not needed: stop the server with SIGTERM.
control_socket_disable = True
