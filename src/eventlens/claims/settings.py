"""How claims are matched to later events, in one validated object."""

from __future__ import annotations

from dataclasses import dataclass

from eventlens.errors import ConfigError


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimSettings:
    """Resolution settings. Defaults are the values docs/claims.md explains.

    grace_days: an event dated this many days either side of a claim's window still settles
        it (reports date an act a day off; a deadline "by Friday" is met on Saturday's news),
        and a claim is overdue or lapsed only this many days after its window ends.
    past_denial_days: a denial of a past or ongoing act ("denied that its troops had killed",
        "denied supplying arms") is contradicted by a report of that act dated from this many
        days before the denial to the end of its watch window.
    """

    grace_days: int = 2
    past_denial_days: int = 30

    def __post_init__(self) -> None:
        for name in ("grace_days", "past_denial_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError(f"{name} must be a whole number of days >= 0, got {value!r}")

    @property
    def version(self) -> str:
        """Names these settings in the store: claims resolved under others are recomputed."""
        return f"claims-v1/g{self.grace_days}/p{self.past_denial_days}"


DEFAULT_CLAIM_SETTINGS = ClaimSettings()
