"""On-disk results of example runs, valid while the example and the project files it read are.

An entry is one JSON file written atomically (temporary file, then rename), carrying a checksum of
its own payload: a truncated or edited entry fails the check and the example simply runs again.
Only successful runs are stored, so a failure is never served from the cache. Entries of examples
that no longer exist, and temporary files that a killed build left, are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from .runner import RUNNER_VERSION, ExampleRun

STALE_TEMPORARY_SECONDS = 3600  # older than any build: its writer is gone

# Entries already read and verified by this process, by (path, size, mtime): `mkdocs serve` makes
# a cache at every rebuild, and parsing and checksumming every entry again took seconds.
_verified: dict[tuple[str, int, int], dict] = {}


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    return digest(path.read_bytes())


def _checksum(payload: dict) -> str:
    return digest(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode())


class ExampleCache:
    def __init__(self, directory: Path, root: Path, salt: str = "") -> None:
        self.directory = directory
        self.root = root
        # What else changes a run's output (interpreter, packages, output cap) is part of the key.
        self.salt = salt
        self._digests: dict[tuple[str, int, int], str] = {}

    def _entry(self, relative: str) -> Path:
        return self.directory / (relative.replace("/", "__") + ".json")

    def _key(self, source_digest: str) -> str:
        return f"{RUNNER_VERSION}:{self.salt}:{source_digest}"

    def load(self, relative: str, source_digest: str) -> ExampleRun | None:
        """The stored run if it is intact and nothing it depends on has changed, else None."""
        try:
            payload = self._payload(self._entry(relative))
            if payload is None or payload["key"] != self._key(source_digest):
                return None
            for dependency, expected in payload["dependencies"].items():
                if self._digest(dependency) != expected:
                    return None
            return ExampleRun.from_json(payload["run"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    @staticmethod
    def _payload(path: Path) -> dict | None:
        """The entry's payload if its checksum holds."""
        stat = path.stat()
        seen = (str(path), stat.st_size, stat.st_mtime_ns)
        if seen not in _verified:
            entry = json.loads(path.read_text(encoding="utf-8"))
            if entry["checksum"] != _checksum(entry["payload"]):
                return None
            _verified[seen] = entry["payload"]
        return _verified[seen]

    def _digest(self, dependency: str) -> str:
        """A dependency's digest, read again only when the file changed (many runs share one)."""
        stat = (self.root / dependency).stat()
        seen = (dependency, stat.st_size, stat.st_mtime_ns)
        if seen not in self._digests:
            self._digests[seen] = file_digest(self.root / dependency)
        return self._digests[seen]

    def store(self, run: ExampleRun, source_digest: str, dependencies: Iterable[str] = ()) -> None:
        """Keep a successful run; ``dependencies`` are project files (besides the ones it imported)
        whose change must make it run again."""
        if run.error is not None:
            return
        names = sorted({*run.imported_project_files, *dependencies})
        payload = {
            "key": self._key(source_digest),
            "dependencies": {name: file_digest(self.root / name) for name in names},
            "run": run.to_json(),
        }
        text = json.dumps({"checksum": _checksum(payload), "payload": payload}, ensure_ascii=False)
        replace_file(self._entry(relative=run.path), text.encode())

    def evict(self, keep: Iterable[str]) -> list[str]:
        """Remove entries of examples not in ``keep`` and abandoned temporary files; return them."""
        return evict(self.directory, {self._entry(relative).name for relative in keep}, ".json")


def replace_file(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all: a temporary file next to it, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)


def evict(directory: Path, keep: set[str], suffix: str) -> list[str]:
    """Remove the files of ``directory`` with ``suffix`` whose names are not in ``keep``, and the
    temporary files that a killed build left; return their names."""
    if not directory.is_dir():
        return []
    removed = []
    for path in directory.iterdir():
        stale_entry = path.suffix == suffix and path.name not in keep
        abandoned = path.suffix == ".tmp" and time.time() - path.stat().st_mtime > STALE_TEMPORARY_SECONDS
        if stale_entry or abandoned:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return sorted(removed)
