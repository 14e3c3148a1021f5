"""The answers file of a notebook: what a student answered, kept safe on disk.

The store itself is :mod:`medialit.answers.store`.  Learners record answers from code
with this package's functions::

    from medialit import answers
    answers.use("01-sources")
    answers.record("l1-named", ["cui", "zhao"])
"""

from medialit.answers.store import (
    SUFFIX,
    AnswersFileError,
    AnswersFileWarning,
    AnswerStore,
    answered,
    current_store,
    get,
    read_only_env,
    record,
    use,
)

__all__ = ["SUFFIX", "AnswerStore", "AnswersFileError", "AnswersFileWarning", "answered", "current_store", "get",
           "read_only_env", "record", "use"]
