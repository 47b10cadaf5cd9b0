"""Named exceptions. Each carries a code and says where the problem is and what to do."""

from __future__ import annotations


class EventlensError(Exception):
    """Base of every error eventlens raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, where: str = "", hint: str = "") -> None:
        self.message = message
        self.where = where
        self.hint = hint
        text = f"[{self.code}] "
        if where:
            text += f"{where}: "
        text += message
        if hint:
            text += f" ({hint})"
        super().__init__(text)

    def __reduce__(self):
        # keep `where` and `hint` when an error crosses a process boundary (parallel coding)
        return (_rebuild, (type(self), self.message, self.where, self.hint))


def _rebuild(cls: type[EventlensError], message: str, where: str, hint: str) -> EventlensError:
    return cls(message, where=where, hint=hint)


class IngestError(EventlensError):
    """A file or record could not be read as an article."""

    code = "E100"


class CodingError(EventlensError):
    """One article could not be parsed or coded; the run records it and goes on."""

    code = "E150"


class SchemaError(EventlensError):
    """The store's schema is missing, newer than this code, or damaged."""

    code = "E200"


class ConfigError(EventlensError):
    """A settings or dictionary file is invalid."""

    code = "E300"


class ActorFileError(ConfigError):
    """A user actor dictionary has a bad or conflicting entry."""

    code = "E310"


class ModelError(EventlensError):
    """The spaCy pipeline or a trained artefact cannot be loaded."""

    code = "E400"


class EvalError(EventlensError):
    """An evaluation file or gold folder is malformed."""

    code = "E500"


class ForecastError(EventlensError):
    """A forecasting dataset or request is invalid."""

    code = "E600"


class ClusterError(EventlensError):
    """A Dask cluster cannot be reached or started, or a partition failed on it."""

    code = "E650"


class FilterError(EventlensError, ValueError):
    """A filter value no event can have (an unknown type, status or actor, a bad date, an
    inverted range): the message names the accepted values and the nearest one."""

    code = "E700"


class UnknownActorError(FilterError):
    """An actor filter names no country, organisation, group or role anyone knows: the REST
    API answers it as it answers an unknown article, 404."""

    code = "E701"
