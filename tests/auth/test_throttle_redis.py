"""With PORTAL_REDIS_URL the sign-in counters live in Redis, shared by every app server: a second
app process sees the failures counted by the first (runs where a Redis is given; CI does). When
Redis cannot be reached, signing in still works and is still throttled, counted in memory."""

import os
import subprocess
import sys
import textwrap
import uuid

import pytest

from tests.conftest import free_port

REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="set PORTAL_TEST_REDIS_URL to run")

SCRIPT = textwrap.dedent("""
    import sys, flask_migrate
    from portal import create_app
    from portal.extensions import db
    from tests.factories import build_world
    from tests.conftest import PortalClient

    db_path, redis_url, attempts, prefix = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    app = create_app({"PORTAL_ENV": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_path}",
                      "RATELIMIT_STORAGE_URI": redis_url, "RATELIMIT_KEY_PREFIX": prefix})
    app.test_client_class = PortalClient
    with app.app_context():
        flask_migrate.upgrade()
        from portal.auth.models import User
        if db.session.query(User).count() == 0:
            build_world()
            db.session.commit()
    client = app.test_client()
    codes = [client.post_form("/masuk", {"username": "admin.bdl", "password": "salah-sekali"})
             .status_code for _ in range(attempts)]
    print(" ".join(map(str, codes)))
""")


def _run(tmp_path, attempts: int, prefix: str, redis_url: str | None = None) -> list[int]:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "r.db"),
                           redis_url or REDIS_URL,
                           str(attempts), prefix], capture_output=True, text=True, check=True,
                          cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    return [int(code) for code in done.stdout.split()]


@needs_redis
def test_failed_sign_ins_are_counted_across_app_processes(tmp_path):
    prefix = f"uji-{uuid.uuid4().hex}"
    assert _run(tmp_path, 3, prefix) == [200, 200, 200]  # first "server": 3 failures
    assert _run(tmp_path, 3, prefix) == [200, 200, 429]  # second "server" knows about them


def test_sign_in_works_and_is_still_throttled_while_redis_is_down(tmp_path):
    nobody_listens = f"redis://127.0.0.1:{free_port()}/0"
    # wrong passwords get the form back (200), not a server error; the sixth is refused (429)
    # by the per-process count that stands in for Redis (the account limit is 5 per 15 min)
    assert _run(tmp_path, 7, "uji-mati", nobody_listens) == [200] * 5 + [429, 429]
