"""One error hierarchy for stackfit.

Every error carries a message, a hint naming the next action, and the HTTP status
an API edge would answer with. Errors are translated only at the edges (the CLI
handler, later the API handler); the core raises them and never swallows them.
"""

from __future__ import annotations


class StackfitError(Exception):
    """Base class: ``message`` says what went wrong, ``hint`` what to do next."""

    http_status = 400
    code = "stackfit_error"

    def __init__(self, message: str, *, hint: str = "", path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        tail = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{tail}"

    def to_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "message": self.message, "hint": self.hint, "path": self.path}


class InputError(StackfitError):
    """A file or argument the user gave cannot be used."""

    code = "input_error"


class UnsupportedFormatError(InputError):
    code = "unsupported_format"
    http_status = 415


class EmptyDocumentError(InputError):
    code = "empty_document"
    http_status = 422


class CorruptFileError(InputError):
    code = "corrupt_file"
    http_status = 422


class EncryptedFileError(InputError):
    code = "encrypted_file"
    http_status = 422


class NoTextLayerError(InputError):
    code = "no_text_layer"
    http_status = 422


class EncodingError(InputError):
    code = "encoding_error"
    http_status = 422


class LimitExceededError(InputError):
    """A file went over one of the parse limits (``ParseLimits``): ``limit`` names the setting,
    ``value`` its value, and the hint says how to get the file through."""

    code = "limit_exceeded"
    http_status = 422

    def __init__(self, message: str, *, hint: str = "", path: str | None = None, limit: str = "",
                 value: float | int | None = None) -> None:
        super().__init__(message, hint=hint, path=path)
        self.limit = limit
        self.value = value


class FileTooLargeError(LimitExceededError):
    code = "file_too_large"
    http_status = 413


class ParseTimeoutError(LimitExceededError):
    """Parsing one file took longer than ``ParseLimits.time_limit``; its worker was stopped."""

    code = "time_limit"


class MemoryLimitError(LimitExceededError):
    """Parsing one file needed more memory than ``ParseLimits.memory_limit``."""

    code = "memory_limit"


class WorkerCrashedError(InputError):
    """The worker process parsing a file died (a parser crash, a signal, the OOM killer)."""

    code = "worker_crashed"
    http_status = 422


class RoleError(InputError):
    """A role brief, job description or saved RoleProfile is not usable."""

    code = "role_error"
    http_status = 422


class DataFileError(StackfitError):
    """A shipped or user-supplied policy file (taxonomy, rules) is invalid."""

    code = "data_file_error"
    http_status = 500


class StorageError(StackfitError):
    code = "storage_error"
    http_status = 500


class NotFoundError(StackfitError):
    code = "not_found"
    http_status = 404


class EngineError(StackfitError):
    """The compute engine (``--engine ray``) is not installed or its cluster cannot be reached."""

    code = "engine_error"
    http_status = 503
