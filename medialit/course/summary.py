"""What ``medialit course show`` prints: the current course, its lessons and its articles."""

from __future__ import annotations

from medialit.course.course import require_course


def course_lines() -> list[str]:
    """Lines naming the current course's folder, each lesson (with its bank's question counts)
    and each article (with whether its reference annotation is here).

    Raises :class:`~medialit.course.course.CourseError` saying how to fix it when there is no course.
    """
    from medialit.articles.article import Article
    from medialit.questions import QuestionBankError, load_bank

    course = require_course()
    out = [f"course: {course.root}"]
    lessons = course.lesson_ids()
    out.append(f"lessons ({len(lessons)}):" if lessons else "lessons: none yet (medialit build ARTICLE_ID makes some)")
    for lesson in lessons:
        bank = course.lesson_dir(lesson) / "questions.yaml"
        try:
            questions = load_bank(bank).questions if bank.is_file() else []
            graded = sum(q.mode == "graded" for q in questions)
            out.append(f"  {lesson}: {len(questions)} questions, {graded} graded")
        except QuestionBankError as exc:
            out.append(f"  {lesson}: its bank does not load ({len(exc.problems)} problem(s)); "
                       "`medialit questions check` lists them")
    articles = sorted(p.name for p in course.seeds.iterdir() if (p / "article.txt").is_file()) \
        if course.seeds.is_dir() else []
    out.append(f"articles ({len(articles)}):" if articles else "articles: none (medialit article add adds one)")
    for article_id in articles:
        article = Article(course.seeds / article_id)
        state = "reference annotation" if article.has_reference else "no reference annotation"
        out.append(f"  {article_id}: {article.meta.get('status')}, {state}")
    return out
