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


class KeyWithTeacherError(MedialitError, LookupError):
    """The key of a graded question is not here: it stays in the teacher's course.

    Raised when a key, a score or a reference answer is asked of a graded question from a
    public bank (what a student's install holds).
    """


def key_with_teacher_message(qid: str) -> str:
    """What a student is told when the key of graded question ``qid`` is asked for."""
    return (f"Your teacher holds the key to {qid} and grades it: the key stays in the teacher's course, not in the "
            "medialit package. Answer it in the notebook and hand the lesson in; your teacher's feedback shows the "
            "reference answer. (Learning on your own from a clone of the medialit repository? Open the lessons "
            "there: the repository is a course and holds the keys.)")
