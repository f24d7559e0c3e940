"""The scorecard pages pass the same checks as the rest of the site: unique ids, a label for
every field, one main landmark and one h1."""

import pytest

from tests.core.test_accessibility import _check
from tests.scorecards.conftest import add_answers, publish


@pytest.mark.parametrize("url", ["/", "/instansi", "/instansi/{slug}", "/metodologi", "/data",
                                 "/survei", "/survei/terima-kasih?layanan={layanan}"])
def test_public_pages(client, world, url):
    add_answers(world.layanan, 12)
    publish(world)
    _check(client.get(url.format(slug=world.opd.slug, layanan=world.layanan.id)).get_data(
        as_text=True))


@pytest.mark.parametrize(("role", "url"), [
    ("admin_opd", "/kelola/opd/{opd}/capaian"),
    ("admin_opd", "/kelola/opd/{opd}/capaian/impor"),
    ("admin_opd", "/kelola/opd/{opd}/saran"),
    ("admin_pemda", "/kelola/capaian"),
    ("admin_pemda", "/kelola/rapor"),
])
def test_staff_pages(client, world, login_as, role, url):
    login_as(role)
    _check(client.get(url.format(opd=world.opd.id)).get_data(as_text=True))
