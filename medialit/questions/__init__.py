"""Questions: banks of questions in YAML, one class per question type.

- :mod:`.bank`: finding, loading and checking bank files (:func:`find_question`, :func:`load_bank`);
- :mod:`.question`: one bank entry (:class:`Question`);
- :mod:`.types`: the question types and their registry;
- :mod:`.keys`: keys of graded questions and the instructor's answers files;
- :mod:`.span_documents`: span answers and keys as annotation documents;
- :mod:`.schemas`: the bank and answers-file schemas, completed from the type registry.
"""

from medialit.questions.bank import (
    Bank,
    all_questions,
    bank_problems,
    check_bank,
    find_question,
    load_bank,
    questions_for_notebook,
)
from medialit.questions.errors import AnswerFormError, QuestionBankError, UnknownQuestionError
from medialit.questions.keys import key_answer, reference_answers_text
from medialit.questions.question import Question

__all__ = ["AnswerFormError", "Bank", "Question", "QuestionBankError", "UnknownQuestionError", "all_questions",
           "bank_problems", "check_bank", "find_question", "key_answer", "load_bank", "questions_for_notebook",
           "reference_answers_text"]
