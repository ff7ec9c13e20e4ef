"""The one expected error type: bad arguments or a missing data repo.

Bad *data* is never an error: it is a finding. The CLI turns a GkError into one
Chinese line on stderr and exit code 2, in one place."""


class GkError(Exception):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint
