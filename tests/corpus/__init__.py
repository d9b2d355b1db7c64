"""A development corpus of real report text, with verdicts worked out by hand (see README.md)."""
