"""Thresholds and sketch parameters for story clustering, in one validated object."""

from __future__ import annotations

from dataclasses import dataclass

from eventlens.errors import ConfigError
from eventlens.store.merged import REPORT_RELIABILITY


@dataclass(frozen=True, slots=True, kw_only=True)
class StorySettings:
    """How articles are grouped into stories and events merged. Defaults are the tuned values
    documented in docs/stories.md; every number here is there with its reason.

    Near-duplicates (syndicated copies, light edits):
        shingle_size: words per shingle for MinHash.
        num_perm, seed: MinHash permutations and seed (part of the stored sketch: changing them
            needs `rebuild_stories`).
        bands, rows: LSH banding (bands * rows <= num_perm); 32 x 4 finds pairs with Jaccard
            0.5 with probability 0.87 and 0.6 with 0.99.
        duplicate_jaccard: estimated Jaccard of word shingles at or above which two articles are
            copies of one report.
        duplicate_days: copies further apart than this in publication date must reach
            `duplicate_jaccard_far` (a template reused for another day's happening is not a copy).
    Stories (paraphrases and other outlets' reports):
        story_days: articles further apart in publication date are never linked directly.
        candidate_cosine: TF-IDF cosine below which a pair is not scored at all.
        key_terms: an article is compared only with articles that share one of its key
            terms: its `key_terms` heaviest TF-IDF terms (names, places, the happening's own
            words), which keeps the work per article flat as articles per day grow.
        key_max_daily: a term more than this many articles of one day hold as a key term says
            little about which happening each reports; it is no key on that day (their pairs
            are still found through their other key terms and copies).
        min_shared_keys: two articles are compared only when they share at least this many
            key terms. Reports of one happening share its names; a single shared key term is
            mostly a rare word two unrelated articles happen to hold, and such pairs grow
            with the articles per day (1 gives that quadratic blocking back).
        link_score: combined score at or above which two articles report the same happening.
    Event merging:
        merge_days: raw events of one story with the same source, type, target and status whose
            dates are at most this many days apart are one event.
        report_reliability: chance that one independent report of an event is right; the merged
            confidence is the noisy-OR over independent reports (copies count once).
    """

    shingle_size: int = 4
    num_perm: int = 128
    seed: int = 1
    bands: int = 32
    rows: int = 4
    duplicate_jaccard: float = 0.5
    duplicate_days: int = 7
    duplicate_jaccard_far: float = 0.8
    story_days: int = 3
    candidate_cosine: float = 0.15
    key_terms: int = 30
    key_max_daily: int = 200
    min_shared_keys: int = 2
    link_score: float = 0.35
    merge_days: int = 1
    report_reliability: float = REPORT_RELIABILITY

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ConfigError(f"bands x rows ({self.bands} x {self.rows}) exceeds num_perm "
                                 f"({self.num_perm})", hint="lower bands or rows")
        for name in ("key_terms", "key_max_daily", "min_shared_keys"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be a positive integer, got {value!r}")
        for name in ("duplicate_jaccard", "duplicate_jaccard_far", "candidate_cosine",
                     "link_score", "report_reliability"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"{name} must be within 0..1, got {value}")

    @property
    def sketch_id(self) -> str:
        """Names the stored sketch format; signatures of another format cannot be compared."""
        return (f"datasketch-affine32/p{self.num_perm}/s{self.seed}/w{self.shingle_size}/"
                f"b{self.bands}r{self.rows}")


DEFAULT_SETTINGS = StorySettings()
