"""What kind of document a file is, by its first bytes, whatever its name says: the kinds a
citizen uploads and downloads (PDF, JPEG, PNG). Pure: no Frappe."""

SIGNATURES = {"PDF": (b"%PDF-",), "JPEG": (b"\xff\xd8\xff",), "PNG": (b"\x89PNG\r\n\x1a\n",)}


def file_kind(content: bytes | None) -> str | None:
	""" "PDF", "JPEG" or "PNG", or None for anything else (an empty file included)."""
	head = content[:16] if content else b""
	return next((kind for kind, marks in SIGNATURES.items() if head.startswith(marks)), None)
