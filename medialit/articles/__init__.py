"""Articles: the article model, reference annotations built from their readable source, review of
drafts, and ``ingest`` for adding a saved page.
"""
