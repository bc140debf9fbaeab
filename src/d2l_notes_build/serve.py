"""`make serve`: ``mkdocs serve`` with the site it rebuilds kept in memory, where there is room.

MkDocs serves from a new temporary folder and, after each save, deletes and writes again every file
of the site (1,300 at today's content, most of them the examples' downloads and figures). On this
project's disk that was most of a rebuild at five times today's content: 4.4 s per rebuild with the
folder on disk, 1.8 s in a RAM disk (``/dev/shm``, Linux). Elsewhere, or with less room than
``ROOM`` there (a container's default is 64 MB), the system's temporary folder is used as before.

    python -m d2l_notes_build.serve [mkdocs serve options]
"""

from __future__ import annotations

import os
import shutil
import sys

RAM_DISK = "/dev/shm"
ROOM = 512 * 2**20  # the site takes 11 MB at today's content, 48 MB at five times it


def temporary_folder() -> str | None:
    """The RAM disk, if there is one with ``ROOM`` free that this user can write to."""
    if os.path.isdir(RAM_DISK) and os.access(RAM_DISK, os.W_OK | os.X_OK):
        if shutil.disk_usage(RAM_DISK).free >= ROOM:
            return RAM_DISK
    return None


def main(argv: list[str]) -> None:
    folder = temporary_folder()
    if folder:  # before anything asks the tempfile module for its folder
        os.environ["TMPDIR"] = folder
    from mkdocs.__main__ import cli

    cli(["serve", *argv], prog_name="mkdocs")


if __name__ == "__main__":
    main(sys.argv[1:])
