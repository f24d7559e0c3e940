"""A ``next`` address is followed only when it is a path on this site that can travel in a
Location header: a newline (header injection, issue 12) or a backslash (``/\\evil.example`` is
another host to a browser) sends the user to the home page instead, never to a 500."""

import pytest

from portal.core.templating import is_safe_next


@pytest.mark.parametrize("target", ["/x\nSet-Cookie: a=b", "/x\r\n", "/\\evil.example",
                                    "//evil.example", "https://evil.example/", "/x\x00y", ""])
def test_unsafe_targets_are_refused(target):
    assert not is_safe_next(target)


@pytest.mark.parametrize("target", ["/masuk", "/instansi?q=dinas kesehatan", "/kinerja#bagian"])
def test_paths_on_the_site_are_followed(target):
    assert is_safe_next(target)
