"""The course: lesson sources, building lessons for an article, and the nbgrader glue."""
