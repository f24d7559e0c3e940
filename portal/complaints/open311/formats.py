"""The two formats of GeoReport v2. Every answer is built once, as the plain data of its JSON
answer; the XML answer is that same data in the spec's elements: a dict's keys become child
elements in order, a list becomes one element per item named after the list
(``services`` → ``service``, ``service_requests`` → ``request`` …), ``None`` an empty element,
a bool ``true``/``false``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

FORMATS = ("json", "xml")
XML_CONTENT_TYPE = "application/xml; charset=utf-8"
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

#: a list's element → the element of each of its items
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}

#: characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/FFFF);
#: a text holding one (pasted from a word processor, say) would make the whole answer unreadable
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _element(name: str, value: Any) -> ET.Element:
    element = ET.Element(name)
    if isinstance(value, dict):
        element.extend(_element(key, child) for key, child in value.items())
    elif isinstance(value, list):
        element.extend(_element(ITEM_NAMES[name], child) for child in value)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = _NOT_XML.sub("\ufffd", str(value))
    return element


def to_xml(root: str, payload: Any) -> bytes:
    """``payload`` (what the JSON answer holds) as a UTF-8 XML document under ``root``."""
    return _DECLARATION + ET.tostring(_element(root, payload), encoding="unicode").encode()
