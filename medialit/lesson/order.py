"""The order a learner sees a question's options and items in: shuffled per learner, and stable.

The order of a choice question's options, and of a classification question's items, is a
shuffle seeded from the learner's id and the question id: the same learner sees the same
order after a restart (and on another machine under the same id), two learners usually see
different orders, and the bank's own order gives nothing away.  Answers are stored by
option and item id, so the order plays no part in grading.

The learner's id is ``$JUPYTERHUB_USER`` when set (every learner of a JupyterHub), else the
user the kernel runs as.  Categories, scales and labels keep the bank's order.

Limit: learners who share one OS account outside JupyterHub see the same order.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import random
from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T")

#: The question types whose options are shuffled, and those whose items are.
SHUFFLED_OPTIONS = ("single", "multiple")
SHUFFLED_ITEMS = ("classify",)


def learner_id() -> str:
    """``$JUPYTERHUB_USER``, else the OS user, else ``"learner"``."""
    hub = os.environ.get("JUPYTERHUB_USER", "").strip()
    if hub:
        return hub
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in this environment
        return "learner"


def shuffled(values: Sequence[T], question_id: str, part: str, learner: str | None = None) -> list[T]:
    """``values`` in the order ``learner`` (default :func:`learner_id`) sees ``part`` of the question."""
    who = learner_id() if learner is None else learner
    seed = hashlib.sha256(f"{who}\0{question_id}\0{part}".encode()).digest()
    out = list(values)
    random.Random(int.from_bytes(seed[:8], "big")).shuffle(out)
    return out


def presented(question: Any, learner: str | None = None) -> Any:
    """The question as ``learner`` sees it: a copy with its options (single and multiple choice)
    or items (classify) in the learner's order; any other question is returned as it is."""
    from medialit.questions.question import Question

    data = dict(question.data)
    if question.type in SHUFFLED_OPTIONS and question.options:
        data["options"] = shuffled(question.options, question.id, "options", learner)
    elif question.type in SHUFFLED_ITEMS and question.items:
        data["items"] = shuffled(question.items, question.id, "items", learner)
    else:
        return question
    return Question(data, question.bank_path, question.bank_article, question.bank_notebook)
