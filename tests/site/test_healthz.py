"""/healthz: ok while the database answers, 503 when it does not."""

from portal import create_app


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_healthz_fails_when_the_database_is_gone(tmp_path):
    app = create_app({"PORTAL_ENV": "testing", "INSTANCE_PATH": tmp_path,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'missing' / 'x.db'}"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "database-unavailable"}
