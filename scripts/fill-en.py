"""Usage: .venv/bin/python scripts/fill-en.py list            -> print untranslated/fuzzy en msgids as JSON
          .venv/bin/python scripts/fill-en.py apply FILE.json -> set translations {msgid: str | [singular, plural]}"""
import json, sys
from babel.messages.pofile import read_po, write_po
P = "translations/en/LC_MESSAGES/messages.po"
with open(P, "rb") as fh:
    cat = read_po(fh, locale="en")
if sys.argv[1] == "list":
    out = {}
    for m in cat:
        if not m.id:
            continue
        s = m.string
        empty = (not any(s)) if isinstance(s, tuple) else not s
        if empty or m.fuzzy:
            out[m.id if isinstance(m.id, str) else m.id[0]] = m.id if isinstance(m.id, str) else list(m.id)
    print(json.dumps(out, ensure_ascii=False, indent=1))
else:
    data = json.load(open(sys.argv[2]))
    n = 0
    for m in cat:
        key = m.id if isinstance(m.id, str) else m.id[0]
        if key in data:
            v = data[key]
            m.string = tuple(v) if isinstance(v, list) else v
            m.flags.discard("fuzzy")
            n += 1
    with open(P, "wb") as fh:
        write_po(fh, cat, sort_output=True, width=100)
    print("filled", n)
