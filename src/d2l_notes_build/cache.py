"""On-disk results of example runs, valid while the example and the project files it imports are.

An entry is one JSON file written atomically (temporary file, then rename), carrying a checksum of
its own payload: a truncated or edited entry fails the check and the example simply runs again.
Only successful runs are stored, so a failure is never served from the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .runner import RUNNER_VERSION, ExampleRun


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _checksum(payload: dict) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(canonical).hexdigest()


class ExampleCache:
    def __init__(self, directory: Path, root: Path, salt: str = "") -> None:
        self.directory = directory
        self.root = root
        # Options that change what a run records (the output cap, say) are part of the key.
        self.salt = salt

    def _entry(self, relative: str) -> Path:
        return self.directory / (relative.replace("/", "__") + ".json")

    def _key(self, relative: str) -> str:
        return f"{RUNNER_VERSION}:{self.salt}:{file_digest(self.root / relative)}"

    def load(self, relative: str) -> ExampleRun | None:
        """The stored run if it is intact and nothing it depends on has changed, else None."""
        try:
            entry = json.loads(self._entry(relative).read_text(encoding="utf-8"))
            payload = entry["payload"]
            if entry["checksum"] != _checksum(payload) or payload["key"] != self._key(relative):
                return None
            for dependency, digest in payload["dependencies"].items():
                if file_digest(self.root / dependency) != digest:
                    return None
            return ExampleRun.from_json(payload["run"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, run: ExampleRun) -> None:
        if run.error is not None:
            return
        payload = {
            "key": self._key(run.path),
            "dependencies": {
                name: file_digest(self.root / name) for name in run.imported_project_files
            },
            "run": run.to_json(),
        }
        self.directory.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"checksum": _checksum(payload), "payload": payload}, ensure_ascii=False)
        handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, self._entry(run.path))
