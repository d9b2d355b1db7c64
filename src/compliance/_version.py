"""The version of compliance: the single source (pyproject.toml reads it)."""

VERSION = "0.2.0"
