"""Model artefacts: gzipped JSON written deterministically, with a sha256 file beside it."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from eventlens.errors import ModelError


def save_json_artefact(payload: dict, path: Path) -> str:
    """Write `payload` (sorted keys, fixed gzip mtime) and `<name>.sha256`; returns the sha256."""
    data = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                               filename="") as handle:
        handle.write(data)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    path.with_suffix(".sha256").write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    return digest


def load_json_artefact(path: Path, *, retrain: str) -> dict:
    """Read an artefact after checking it against its sha256 file; `retrain` is the command
    that rebuilds it, named in the errors."""
    if not path.is_file():
        raise ModelError(f"no model at {path}", hint=f"run `{retrain}`")
    checksum = path.with_suffix(".sha256")
    if checksum.is_file():
        want = checksum.read_text(encoding="utf-8").split()[0]
        if want != hashlib.sha256(path.read_bytes()).hexdigest():
            raise ModelError(f"{path} does not match its checksum {checksum.name}",
                             hint=f"retrain with `{retrain}` or restore the file")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)
