"""spec2db: compile Markdown feature specs into database code."""

__version__ = "0.1.0"
