"""Browser tests: the real app served on localhost, driven by Debian's Chromium."""
from __future__ import annotations

import shutil
import threading

import pytest
from werkzeug.serving import make_server

from registry import create_app
from tests.support import MIGRATIONS, app_config

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM:
        pytest.skip("no Chromium installed (apt-get install chromium); .ci/run installs it")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR"}


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, real_index):
    """Serve the app on the real content (the session's index) with its own SQLite
    database, CSRF on and TESTING off, as in production."""
    instance = tmp_path_factory.mktemp("e2e") / "instance"
    app = create_app(app_config(instance, index=real_index, TESTING=False,
                                WTF_CSRF_ENABLED=True,
                                database=f"sqlite:///{instance.parent / 'e2e.sqlite'}"))
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(directory=str(MIGRATIONS))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
