"""The errors of question banks and answers."""

from __future__ import annotations

from medialit.errors import MedialitError, ProblemsError


class QuestionBankError(ProblemsError):
    """A bank file is missing or malformed; ``problems`` lists each finding by question."""

    summary = "question bank {where} is not valid"


class UnknownQuestionError(MedialitError, LookupError):
    """No bank has a question with this id."""


class AnswerFormError(MedialitError, ValueError):
    """An answer does not have the form its question expects (says what is wrong and how to fix it)."""
