"""In real Chromium, with htmx: the pejabat penilai finds a colleague with the live search and asks
for feedback → the colleague answers from the inbox using only the keyboard → the admin OPD
filters the monitoring page by unit in place (no page load) and the address follows the filter."""

import threading

import flask_migrate
import pytest
from werkzeug.serving import make_server

from portal import create_app
from portal.extensions import db
from tests.appraisals.factories import (
    make_approved_skp,
    make_set_skp,
    make_submitted_evaluasi,
    make_year,
)
from tests.browser.conftest import sign_in
from tests.factories import build_world, make_pegawai, make_user

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def feedback_server(tmp_path_factory):
    """The test world with a submitted Triwulan I evaluation and two colleagues with accounts."""
    instance = tmp_path_factory.mktemp("feedback-live")
    app = create_app({"PORTAL_ENV": "testing", "INSTANCE_PATH": instance,
                      "PORTAL_UPLOAD_DIR": instance / "uploads",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'live.db'}"})
    with app.app_context(), app.test_request_context():  # the notices build their links
        flask_migrate.upgrade()
        world = build_world()
        year = make_year(world)
        skp = make_approved_skp(world, year, make_set_skp(world.pegawai["kasi"], year))
        evaluasi = make_submitted_evaluasi(world, year, skp)
        for username, nama in (("rina", "Rina Kusuma"), ("joko", "Joko Susilo")):
            person = make_pegawai(world.units["seksi"], nama, atasan=world.pegawai["kasi"])
            world.users[username] = make_user(username, nama, pegawai=person)
        db.session.commit()
        info = {"users": {name: user.username for name, user in world.users.items()},
                "evaluasi": evaluasi.id, "periode": evaluasi.periode_id,
                "unit": world.units["seksi"].id, "password": world.password}
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", info
    server.shutdown()
    thread.join(timeout=5)


def test_ask_answer_and_monitor(feedback_server, new_page):
    base, info = feedback_server
    users, password = info["users"], info["password"]

    penilai = new_page()
    sign_in(penilai, base, users["atasan"], password)
    penilai.goto(f"{base}/kinerja/umpan-balik/evaluasi/{info['evaluasi']}")
    penilai.evaluate("window.samePage = true")
    penilai.get_by_label("Cari rekan (nama atau NIP)").fill("Rina")
    penilai.get_by_text('Hasil pencarian "Rina"').wait_for()
    assert penilai.get_by_label("Joko Susilo", exact=False).count() == 0
    assert penilai.evaluate("window.samePage === true")  # swapped in place, no page load
    penilai.get_by_label("Rina Kusuma", exact=False).check()
    penilai.get_by_role("button", name="Kirim permintaan").click()
    penilai.get_by_text("Permintaan umpan balik dikirim kepada 1 rekan.").wait_for()

    rekan = new_page()
    sign_in(rekan, base, users["rina"], password)
    rekan.get_by_role("link", name="Umpan balik rekan").first.click()
    rekan.get_by_role("link", name="Dewi Lestari").click()
    # keyboard only: each group gets focus by Tab from the previous one, Space picks its first
    # answer, the arrow keys move to the next
    first = rekan.locator("#nilai_berorientasi_pelayanan-0")
    first.focus()
    rekan.keyboard.press("Space")
    for _ in range(6):
        rekan.keyboard.press("Tab")
        rekan.keyboard.press("ArrowDown")
    rekan.get_by_label("Catatan untuk pegawai (tanpa nama Anda)").fill("Sigap dan teliti.")
    rekan.get_by_role("button", name="Kirim umpan balik").focus()
    rekan.keyboard.press("Enter")
    rekan.get_by_text("Terima kasih, umpan balik Anda tersimpan.").wait_for()

    admin = new_page()
    sign_in(admin, base, users["admin_opd"], password)
    admin.goto(f"{base}/kinerja/pemantauan?periode={info['periode']}")
    admin.evaluate("window.samePage = true")
    admin.get_by_label("Unit kerja").select_option(str(info["unit"]))
    admin.wait_for_url(f"**unit={info['unit']}**")
    table = admin.locator("#hasil-pemantauan table").first
    assert "Seksi Identitas Penduduk" in table.inner_text()
    assert "Sekretariat" not in table.inner_text()
    assert admin.evaluate("window.samePage === true")
