"""What a lesson cell imports: the widgets (``ask``, ``progress``, ``reveal``) and the check under a
graded question (``answered``).
"""
