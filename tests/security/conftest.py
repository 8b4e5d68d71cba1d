"""Fixtures of the security suite: see security_province.py."""

from security_province import province

__all__ = ["province"]
