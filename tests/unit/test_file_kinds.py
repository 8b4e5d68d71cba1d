"""A file's kind is read from its first bytes, never from its name (services/file_kinds.py)."""

import pytest

from ward_admin.services.file_kinds import file_kind


@pytest.mark.parametrize(
	"content, kind",
	[
		(b"%PDF-1.7\n...", "PDF"),
		(b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
		(b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
		(b"MZ\x90\x00 an executable named .pdf", None),
		(b"GIF89a", None),
		(b"", None),
		(None, None),
		(b" %PDF-1.7", None),  # the mark must be the very first bytes
	],
)
def test_the_kind_comes_from_the_first_bytes(content, kind):
	assert file_kind(content) == kind
