"""The appraisal pages pass the same checks as the rest (unique ids, a label per field, one main
and one h1), and no form sits inside another (a browser would cut the outer one short, and its
buttons would submit nothing)."""

import re

import pytest

from portal.appraisals.evaluasi import services as evaluasi_services
from portal.extensions import db
from tests.appraisals.factories import make_draft_skp, make_submitted_evaluasi, periode
from tests.core.test_accessibility import _check


def _no_nested_forms(html: str) -> None:
    depth = 0
    for tag in re.findall(r"<(/?)form\b", html):
        depth += -1 if tag else 1
        assert depth in (0, 1), "a form inside a form"
    assert depth == 0


def _pages(world, year, skp_set):
    user = world.users["pegawai"]
    ev = make_submitted_evaluasi(world, year, skp_set)
    draft = evaluasi_services.start_evaluasi(user, user.pegawai, periode(year, year.periode[1].jenis))
    evaluasi_services.add_bukti_tautan(user, draft, "https://example.org/rekap", "Rekap", None)
    db.session.commit()
    return [
        ("pegawai", "/kinerja"),
        ("pegawai", f"/kinerja/skp/{skp_set.id}"),
        ("pegawai", f"/kinerja/evaluasi/{draft.id}"),
        ("pegawai", f"/kinerja/evaluasi/{ev.id}"),
        ("pegawai", f"/kinerja/evaluasi/{ev.id}/dokumen"),
        ("atasan", "/kinerja/penilaian"),
        ("atasan", f"/kinerja/penilaian/evaluasi/{ev.id}"),
        ("admin_pemda", "/kinerja/kelola/tahun"),
        ("admin_pemda", f"/kinerja/kelola/tahun/{year.id}"),
    ]


def test_appraisal_pages(client, world, login_as, year, skp_set):
    current = None
    for role, url in _pages(world, year, skp_set):
        if role != current:
            if current:
                client.post_form("/keluar")
            login_as(role)
            current = role
        html = client.get(url).get_data(as_text=True)
        _check(html)
        _no_nested_forms(html)


@pytest.mark.parametrize("editing", [False, True])
def test_the_skp_editor(client, world, login_as, year, atasan_skp, editing):
    skp = make_draft_skp(world, year, atasan_skp)
    db.session.commit()
    login_as("pegawai")
    url = f"/kinerja/skp/{skp.id}" + (f"?ubah={skp.rhk[0].id}" if editing else "")
    html = client.get(url).get_data(as_text=True)
    _check(html)
    _no_nested_forms(html)
    client.post_form("/keluar")
    from portal.appraisals.skp import services as skp_services
    skp_services.submit_skp(world.users["pegawai"], skp, revisi=skp.revisi)
    db.session.commit()
    login_as("atasan")
    html = client.get(f"/kinerja/penilaian/skp/{skp.id}").get_data(as_text=True)
    _check(html)
    _no_nested_forms(html)
