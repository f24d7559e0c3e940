"""The reporter's timeline on the tracking page says what each step was (issue 11)."""

import re

from portal.complaints.models import Identitas


def _steps(html: str) -> list[str]:
    return re.findall(r'<p class="timeline-what">([^<]*)</p>', html)


def test_information_the_reporter_adds_is_not_shown_as_received_again(client, file, db):
    pengaduan = file(identitas=Identitas.ANONIM)
    response = client.post_form(f"/pengaduan/{pengaduan.kode_lacak}/keterangan",
                                {"keterangan": "Loket 3, sekitar jam 11 siang."})
    assert response.status_code == 303
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    steps = _steps(html)
    assert steps.count("Diterima") == 1
    assert "Informasi tambahan dari pelapor" in steps
    assert "Loket 3, sekitar jam 11 siang." in html
