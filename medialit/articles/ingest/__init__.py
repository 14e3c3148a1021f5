"""Adding an article: a saved page (HTML or text) becomes an article folder with a draft reference annotation."""
