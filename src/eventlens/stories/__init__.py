"""Stories: near-duplicate and paraphrased reports grouped into stories, and the events they
share merged into one event with many sources."""

from eventlens.stories.merge import merged_events
from eventlens.stories.query import (
    Story,
    StoryArticle,
    get_story,
    list_stories,
    story_assignments,
    story_of,
)
from eventlens.stories.settings import DEFAULT_SETTINGS, StorySettings
from eventlens.stories.update import StoryUpdate, rebuild_stories, update_stories

__all__ = [
    "DEFAULT_SETTINGS",
    "Story",
    "StoryArticle",
    "StorySettings",
    "StoryUpdate",
    "get_story",
    "list_stories",
    "merged_events",
    "rebuild_stories",
    "story_assignments",
    "story_of",
    "update_stories",
]
