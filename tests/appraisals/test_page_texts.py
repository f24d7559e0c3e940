"""Small texts a reader trips over (issue 11): words run together where a template line ends."""

import re

from portal.appraisals.skp.models import Skp
from portal.extensions import db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_the_trail_puts_a_space_before_the_states(client, login_as, world, year):
    login_as("pegawai")
    client.post_form(f"/kinerja/tahun/{year.id}/skp")
    skp = db.session.query(Skp).filter_by(pegawai_id=world.pegawai["staf"].id).one()
    text = _text(client.get(f"/kinerja/skp/{skp.id}").get_data(as_text=True))
    assert "Dibuat · versi 1 (— → Draf)" in text, text
