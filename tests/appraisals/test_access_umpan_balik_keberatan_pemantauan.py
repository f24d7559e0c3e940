"""Every URL of peer feedback, keberatan and monitoring × every role: who gets in, who gets 403,
and the anonymous visitor sent to sign in. Includes another supervisor (of someone else in the same
OPD), her subordinate, and the admins of another OPD and another pemda."""

from __future__ import annotations

import pytest

from portal.appraisals.keberatan import services as keberatan_services
from portal.appraisals.umpan_balik import services as umpan_balik_services
from portal.extensions import db
from tests.appraisals.factories import approve

ROLES = ["anonim", "admin_pemda", "admin_pemda_lain", "admin_opd", "admin_opd_lain",
         "petugas_pengaduan", "koordinator_pengaduan", "pegawai", "atasan", "kabid",
         "atasan_lain", "bawahan_lain", "rekan1"]
EVERYONE = set(ROLES) - {"anonim"}
ADMINS = {"admin_opd", "admin_pemda"}

#: (method, url template, roles let in)
URLS = [
    ("GET", "/kinerja/umpan-balik/evaluasi/{ev}", {"pegawai", "atasan", "admin_opd"}),
    ("POST", "/kinerja/umpan-balik/evaluasi/{ev}/minta", {"atasan"}),
    ("GET", "/kinerja/umpan-balik/{permintaan}", {"rekan1"}),
    ("POST", "/kinerja/umpan-balik/{permintaan}", {"rekan1"}),
    ("POST", "/kinerja/umpan-balik/{permintaan}/tolak", {"rekan1"}),
    ("GET", "/kinerja/umpan-balik/masuk", EVERYONE),
    ("GET", "/kinerja/keberatan/evaluasi/{ev}", {"pegawai", "atasan", "admin_opd", "kabid"}),
    ("POST", "/kinerja/keberatan/evaluasi/{ev}/ajukan", {"pegawai"}),
    ("POST", "/kinerja/keberatan/evaluasi/{ev}/putus", {"kabid"}),
    ("GET", "/kinerja/keberatan", EVERYONE),
    ("GET", "/kinerja/pemantauan", ADMINS | {"admin_opd_lain", "admin_pemda_lain"}),
    ("GET", "/kinerja/pemantauan?opd={opd}", ADMINS),
    ("GET", "/kinerja/pemantauan/unduh.csv?opd={opd}", ADMINS),
    ("GET", "/kinerja/pemantauan/unduh.xlsx?opd={opd}", ADMINS),
    ("GET", "/kinerja/pemantauan/predikat-organisasi", {"admin_pemda", "admin_pemda_lain"}),
    ("POST", "/kinerja/pemantauan/predikat-organisasi", {"admin_pemda"}),
]


@pytest.fixture()
def ids(world, evaluasi_submitted, colleagues):
    (permintaan,) = umpan_balik_services.ask(world.users["atasan"], evaluasi_submitted, [colleagues[0].id])
    approve(world, evaluasi_submitted)
    keberatan_services.ajukan(world.users["pegawai"], evaluasi_submitted,
                     "Rating hasil kerja tidak sesuai dengan realisasi yang terlampaui.")
    db.session.commit()
    return {"ev": evaluasi_submitted.id, "permintaan": permintaan.id, "opd": world.opd.id}


@pytest.mark.parametrize("role", ROLES)
def test_every_url_for_role(client, login_as, world, ids, role):
    if role != "anonim":
        login_as(role)
    token = client.csrf_token()
    data = {"csrf_token": token}
    data_org = dict(data, opd_id=str(world.opd.id), predikat="")
    wrong = []
    for method, template, allowed in URLS:
        url = template.format(**ids)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data=data_org if "predikat-organisasi" in url else data)
        if role == "anonim":
            expected_ok = response.status_code == 302 and "/masuk" in response.headers["Location"]
        elif role in allowed:
            expected_ok = response.status_code in (200, 303, 422)
        else:
            expected_ok = response.status_code == 403
        if not expected_ok:
            wrong.append((method, url, response.status_code))
    assert wrong == []
