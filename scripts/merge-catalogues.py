"""Resolve a merge whose only conflicts are translation catalogues.
Run from the repository root during a conflicted merge:  .venv/bin/python scripts/merge-catalogues.py
Re-extracts the strings from the merged code, then gives every entry the en translation either
side had."""
import io, subprocess, sys
from babel.messages.pofile import read_po, write_po
PY = sys.executable
EN = "translations/en/LC_MESSAGES/messages.po"
def side(stage):
    out = subprocess.run(["git", "show", f":{stage}:{EN}"], capture_output=True, check=True).stdout
    return read_po(io.BytesIO(out), locale="en")
known = {}
for stage in (3, 2):  # theirs first, ours wins
    for m in side(stage):
        if m.id and not m.fuzzy and (any(m.string) if isinstance(m.string, tuple) else m.string):
            known[m.id] = m.string
for p in ("translations/messages.pot", "translations/id/LC_MESSAGES/messages.po", EN):
    subprocess.run(["git", "checkout", "--ours", "--", p], check=True)
def pybabel(*a):
    subprocess.run([PY, "-m", "babel.messages.frontend", *a], check=True)
pybabel("extract", "-F", "babel.cfg", "-k", "_l", "--no-location", "--sort-output", "--omit-header",
        "-o", "translations/messages.pot", "portal")
pybabel("update", "-i", "translations/messages.pot", "-d", "translations", "--no-fuzzy-matching",
        "--ignore-obsolete")
with open(EN, "rb") as fh:
    cat = read_po(fh, locale="en")
missing = []
for m in cat:
    if not m.id:
        continue
    if m.id in known:
        m.string = known[m.id]
        m.flags.discard("fuzzy")
    elif not (any(m.string) if isinstance(m.string, tuple) else m.string):
        missing.append(m.id)
with open(EN, "wb") as fh:
    write_po(fh, cat, sort_output=True, width=100)
subprocess.run(["git", "add", "translations"], check=True)
print("untranslated after merge:", len(missing))
for x in missing[:20]:
    print("  ", x)
