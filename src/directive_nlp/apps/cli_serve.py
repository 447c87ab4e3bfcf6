"""``directive-nlp serve``: run the HTTP service (uvicorn, ``directive_nlp.apps.service:create_app``).

Light at import (argparse only); FastAPI, uvicorn and the pipeline are imported in :func:`run`.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
from typing import Any, TextIO

from directive_nlp.apps.argtypes import int_at_least, port, positive_number

__all__ = ["register", "run"]

log = logging.getLogger(__name__)

EPILOG = """\
examples:
  directive-nlp serve                                   # http://127.0.0.1:8080, one worker
  directive-nlp serve --port 9000 --workers 4 --timeout 10
  curl -s localhost:8080/v1/extract -H 'content-type: application/json' \\
       -d '{"text": "Ngày 28/5/2021, Bí thư Tỉnh ủy chủ trì cuộc họp.", "published_at": "2021-05-28"}'
  curl -s localhost:8080/v1/extract -F file=@corpus/docs/004_86ceddd2e63fe96c.txt
  curl -s localhost:8080/v1/extract/batch -H 'content-type: application/json' \\
       -d '{"documents": [{"text": "..."}, {"text": "...", "filename": "b.txt"}]}'
  curl -s localhost:8080/openapi.json | jq '.paths | keys'

Endpoints: POST /v1/extract (JSON {text, filename?, published_at?, tokens?} or a multipart
upload in part 'file'; the answer is what 'directive-nlp extract' prints), POST /v1/extract/batch
(at most --max-batch documents; failed ones as {error: {code, message}} in place), GET /v1/schema,
GET /healthz, GET /openapi.json, GET /docs. Errors are JSON {error: {code, message}}: 413 body
over --max-mb, 415 other content types, 422 invalid JSON/fields or undecodable text, 504 an
extraction over --timeout, 500 internal (logged here, never sent).

Each worker process extracts in --threads extraction processes, each loading the pipeline once;
an extraction over --timeout is answered 504 and its process killed and replaced. The
same settings can be given to any ASGI server through the environment (DIRECTIVE_NLP_MAX_BYTES,
DIRECTIVE_NLP_TIMEOUT, DIRECTIVE_NLP_BATCH_TIMEOUT, DIRECTIVE_NLP_MAX_BATCH, DIRECTIVE_NLP_THREADS):
  uvicorn --factory directive_nlp.apps.service:create_app --port 8080
"""


def register(subparsers: Any) -> None:
    """Add the ``serve`` command."""
    p = subparsers.add_parser(
        "serve",
        help="run the HTTP service",
        description="Serve the extraction over HTTP (FastAPI on uvicorn): POST /v1/extract and more.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=port, default=8080, help="TCP port (default 8080)")
    p.add_argument("--workers", type=int_at_least(1), default=1, metavar="N",
                   help="worker processes, each with its own pipeline (default 1)")
    p.add_argument("--threads", type=int_at_least(1), default=2, metavar="N",
                   help="extraction processes per worker (default 2); one over --timeout is replaced")
    p.add_argument("--max-mb", type=positive_number, default=5.0, metavar="MB",
                   help="largest request body accepted, in MB (default 5)")
    p.add_argument("--timeout", type=positive_number, default=30.0, metavar="SECONDS",
                   help="time limit of one extraction; 504 after it (default 30)")
    p.add_argument("--batch-timeout", type=positive_number, default=300.0, metavar="SECONDS",
                   help="time limit of a whole batch request (default 300)")
    p.add_argument("--max-batch", type=int_at_least(1), default=100, metavar="N",
                   help="most documents in one batch request (default 100)")
    p.add_argument("--no-access-log", action="store_true", help="do not log each request")
    p.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                   help="more log output on stderr (-vv: debug)")
    p.set_defaults(func=run)


def _error(msg: str) -> None:
    print(f"directive-nlp: error: {msg}", file=sys.stderr)


def _can_listen(host: str, port: int) -> str | None:
    """None when ``host:port`` can be bound now, else the reason."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return f"unknown host ({exc.strerror})"
    family, kind, proto, _, addr = infos[0]
    try:
        with socket.socket(family, kind, proto) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(addr)
    except OSError as exc:
        return f"cannot listen ({(exc.strerror or str(exc)).lower()})"
    return None


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Start uvicorn; return when it stops (0), or 1 when it cannot start."""
    from directive_nlp.extras import require

    require("serve", "directive-nlp serve")
    verbose = getattr(args, "verbose", 0) or 0
    level = "WARNING" if verbose <= 0 else "INFO" if verbose == 1 else "DEBUG"
    from directive_nlp.apps.service import Settings

    try:
        settings = Settings(
            max_bytes=int(args.max_mb * 1_000_000),
            timeout=args.timeout,
            batch_timeout=args.batch_timeout,
            max_batch=args.max_batch,
            threads=args.threads,
            model=os.environ.get("DIRECTIVE_NLP_MODEL") or None,
            log_level=level,
        )
    except ValueError as exc:
        _error(str(exc))
        return 2
    from directive_nlp.nlp.pipeline import models_dir

    model = models_dir()
    if not (model / "config.cfg").is_file():
        _error(f"{model}: no saved pipeline (run `python scripts/build_models.py` in the checkout)")
        return 1
    reason = _can_listen(args.host, args.port)
    if reason:
        _error(f"{args.host}:{args.port}: {reason}")
        return 1

    import uvicorn

    # the factory reads its settings from the environment in every worker process
    os.environ.update(settings.to_env())
    options: dict[str, Any] = dict(
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="debug" if verbose >= 2 else "info",
        access_log=not args.no_access_log,
        timeout_graceful_shutdown=max(5, int(settings.timeout) + 1),
    )
    try:
        if args.workers == 1 or not _run_workers(uvicorn.Config(APP, **options), args.host, args.port):
            uvicorn.run(APP, **options)
    except SystemExit as exc:  # uvicorn exits on start-up failure after logging the reason
        code = exc.code if isinstance(exc.code, int) else 1
        if code:
            _error(f"{args.host}:{args.port}: the server stopped (exit status {code})")
            return 1
    except OSError as exc:
        _error(f"{args.host}:{args.port}: cannot listen ({(exc.strerror or str(exc)).lower()})")
        return 1
    return 0


APP = "directive_nlp.apps.service:create_app"


def _run_workers(config: Any, host: str, port: int) -> bool:
    """What ``uvicorn.run`` does for several workers, with a TCP socket that has TCP_NODELAY.

    uvicorn binds ``socket.socket(family)`` (protocol 0) for its workers, and asyncio enables
    TCP_NODELAY only on sockets whose protocol is TCP: every answer then waits ~40 ms for the
    client's delayed ACK (Nagle). Binding the socket here avoids that. Returns False (nothing
    started) when this uvicorn's supervisor API is not the one expected.
    """
    import inspect

    from uvicorn import Server

    try:
        from uvicorn.supervisors import Multiprocess

        params = inspect.signature(Multiprocess).parameters
    except (ImportError, TypeError, ValueError):
        return False
    if "sockets" not in params:
        return False
    family, kind, proto, _, addr = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # inherited by accepted sockets
    sock.bind(addr)
    sock.set_inheritable(True)
    extra = {"target": Server(config=config).run} if "target" in params else {}
    shown = f"[{host}]" if ":" in host else host
    logging.getLogger("uvicorn.error").info(
        "Uvicorn running on http://%s:%d with %d workers (Press CTRL+C to quit)", shown, port, config.workers
    )
    Multiprocess(config, sockets=[sock], **extra).run()
    return True
