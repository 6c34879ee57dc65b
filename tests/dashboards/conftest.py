"""The statement pages' tests moved here with the pages; they read the month of books the
statements' tests build (tests/statements/conftest.py)."""

from ..statements.conftest import books, clock  # noqa: F401
