"""`flask create-admin`: the first admin pemda of a fresh installation."""

import sqlalchemy as sa

from portal.auth.models import User
from portal.core.roles import Role


def test_create_admin_makes_a_working_admin_pemda(app, db, world, client):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-admin", "Admin.Baru", "--pemda", "kota-bandar-lampung",
                                 "--nama", "Admin Baru"], input="sandi admin baru\nsandi admin baru\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.username == "admin.baru"))
    assert [(r.role, r.pemda_id) for r in user.roles] == [(Role.ADMIN_PEMDA, world.pemda.id)]
    response = client.post_form("/masuk", {"username": "admin.baru",
                                           "password": "sandi admin baru"})
    assert response.headers["Location"] == "/kelola/opd"


def test_create_admin_refuses_unknown_pemda_short_password_and_duplicates(app, db, world):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-admin", "x", "--pemda", "tidak-ada", "--password",
                                 "sandi yang panjang"])
    assert result.exit_code != 0 and "kota-bandar-lampung" in result.output
    result = runner.invoke(args=["create-admin", "x", "--pemda", "kota-bandar-lampung",
                                 "--password", "pendek"])
    assert result.exit_code != 0 and "10" in result.output
    result = runner.invoke(args=["create-admin", "admin.bdl", "--pemda", "kota-bandar-lampung",
                                 "--password", "sandi yang panjang"])
    assert result.exit_code != 0 and "sudah dipakai" in result.output
