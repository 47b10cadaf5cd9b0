"""One validated settings object: packaged defaults, then a user file, then command-line flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from eventlens.errors import ConfigError

CONFIG_ENV = "EVENTLENS_CONFIG"
DEFAULT_FILE = "eventlens.toml"
# Events below this calibrated confidence are hidden by every face (and by `eventlens eval`)
# unless asked for (`--all`, `min_confidence=0`); see docs/coder.md.
DEFAULT_MIN_CONFIDENCE = 0.40


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """What a run uses. Every field can be set in eventlens.toml (see docs/config.md)."""

    db: Path = Path("eventlens.duckdb")
    coder: str = "linguistic"
    actor_files: tuple[Path, ...] = field(default=())
    batch_size: int = 32
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    # DuckDB's memory_limit and temp_directory for the store's connection (None: DuckDB's
    # own, 80 % of RAM and `FILE.tmp` beside the store); past the limit, DuckDB spills joins,
    # aggregates and sorts to the temporary folder instead of growing
    db_memory_limit: str | None = None
    db_temp_directory: Path | None = None

    def with_flags(self, **flags) -> Settings:
        """These settings with the command-line flags that were given (None = not given)."""
        given = {k: v for k, v in flags.items() if v not in (None, (), [])}
        if "actor_files" in given:
            given["actor_files"] = self.actor_files + tuple(Path(p) for p in given["actor_files"])
        return replace(self, **given)


def load_settings(path: Path | None = None) -> Settings:
    """Settings from `path`, else $EVENTLENS_CONFIG, else ./eventlens.toml if present."""
    if path is None:
        env = os.environ.get(CONFIG_ENV)
        path = Path(env) if env else Path(DEFAULT_FILE)
        if not path.exists():
            return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read settings: {exc}", where=str(path)) from exc
    section = data.get("eventlens", data)
    known = {f.name for f in fields(Settings)}
    unknown = set(section) - known
    if unknown:
        raise ConfigError(f"unknown setting(s) {sorted(unknown)}", where=str(path),
                          hint=f"known settings: {sorted(known)}")
    values = dict(section)
    base = path.parent
    if "db" in values:
        values["db"] = base / str(values["db"])
    if "db_temp_directory" in values:
        values["db_temp_directory"] = base / str(values["db_temp_directory"])
    if "db_memory_limit" in values and not isinstance(values["db_memory_limit"], str):
        raise ConfigError("db_memory_limit must be a string such as '2GB'", where=str(path))
    if "actor_files" in values:
        if not isinstance(values["actor_files"], list):
            raise ConfigError("actor_files must be a list of paths", where=str(path))
        values["actor_files"] = tuple(base / str(p) for p in values["actor_files"])
    if "batch_size" in values and (not isinstance(values["batch_size"], int)
                                   or values["batch_size"] < 1):
        raise ConfigError("batch_size must be a whole number >= 1", where=str(path))
    if "min_confidence" in values and (isinstance(values["min_confidence"], bool) or not isinstance(
            values["min_confidence"], int | float) or not 0 <= values["min_confidence"] <= 1):
        raise ConfigError("min_confidence must be a number from 0 to 1", where=str(path))
    return Settings(**values)
