"""Exit 0 when a PostgreSQL server answers at the URL given as the only argument, else 1 (used by `make test`)."""

import sys

import psycopg


def main(url: str) -> int:
    """Try one short connection."""
    try:
        psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=3).close()
    except psycopg.Error:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
