"""Questions: banks of questions in YAML, one class per question type."""
