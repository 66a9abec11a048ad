"""Errors that carry a message a user can act on. Services raise them; views, the CLI and the importer show
the message (always Vietnamese) instead of a server error."""


class DvkError(Exception):
    """Base of every refusal DVK explains to its user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(DvkError):
    """The actor's role or scope does not permit this action."""


class InvalidState(DvkError):
    """The record is not in a state where this action makes sense."""


class ValidationFailed(DvkError):
    """The input is incomplete or inconsistent."""
