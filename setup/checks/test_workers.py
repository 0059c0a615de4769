"""Production runs Odoo's prefork server: several HTTP workers, a cron worker, a
websocket process, and time limits per request. Switching an option on through
the team form in one worker's request installs the bridge in a process of its own
(it outlives the request's time limit), and every worker then serves the new
buttons (registry signalling)."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
import re
import socket
import subprocess
import time

from odoo_process import odoo_command, run_odoo
import pytest
import requests

LIMIT_TIME_REAL = 8  # seconds: installing the refund bridge takes longer
REFUND_BUTTON = 'name="action_helpdesk_refund"'


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    def __init__(self, url, db):
        self.url, self.db = url, db
        self.session = requests.Session()

    def rpc(self, path, params, fresh_connection=False):
        headers = {"Connection": "close"} if fresh_connection else {}
        response = self.session.post(
            f"{self.url}{path}",
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            headers=headers,
            timeout=120,
        )
        response.raise_for_status()
        body = response.json()
        assert "error" not in body, body["error"]
        return body["result"]

    def call(self, model, method, *args, fresh_connection=False, **kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            fresh_connection=fresh_connection,
        )

    def ticket_form(self):
        views = self.call(
            "helpdesk.ticket", "get_views", [[False, "form"]], fresh_connection=True
        )
        return views["views"]["form"]["arch"]


@pytest.fixture(scope="module")
def server(test_db, tmp_path_factory):
    db = f"{test_db}_workers"
    run_odoo(["-d", db, "-i", "helpdesk_aftersales", "--stop-after-init"])
    port = _free_port()
    log = tmp_path_factory.mktemp("workers") / "odoo.log"
    command = odoo_command(
        "-d",
        db,
        f"--db-filter=^{db}$",
        "--workers=2",
        "--max-cron-threads=1",
        f"--http-port={port}",
        f"--gevent-port={_free_port()}",
        f"--limit-time-real={LIMIT_TIME_REAL}",
        "--limit-time-cpu=8",
        f"--logfile={log}",
        "--log-level=info",
    )
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _attempt in range(120):
        try:
            if requests.get(f"{url}/web/health", timeout=5).status_code == 200:
                break
        except requests.ConnectionError:
            pass
        time.sleep(1)
    else:
        process.terminate()
        pytest.fail(f"the prefork server did not start:\n{log.read_text()[-3000:]}")
    yield url, db, log
    process.terminate()
    process.wait(timeout=60)


def test_install_from_the_team_form_under_workers(server):
    url, db, log = server
    client = Client(url, db)
    client.rpc(
        "/web/session/authenticate", {"db": db, "login": "admin", "password": "admin"}
    )
    assert REFUND_BUTTON not in client.ticket_form()

    # the team form saves: web_save in one worker's request, which returns at once
    started = time.monotonic()
    client.call(
        "helpdesk.ticket.team",
        "web_save",
        [],
        {"name": "Under workers", "use_credit_notes": True},
        specification={"use_credit_notes": {}},
    )
    assert time.monotonic() - started < LIMIT_TIME_REAL
    # then polls, as the form does, until the installation is done
    while True:
        status = client.call("helpdesk.ticket.team", "aftersales_install_status")
        assert not status["error"], status["error"]
        if not status["pending"] and not status["running"]:
            break
        assert time.monotonic() - started < 1200, "the installation never ended"
        time.sleep(2)
    duration = time.monotonic() - started
    assert duration > LIMIT_TIME_REAL, "the installation must outlive a request"

    # every worker serves the new buttons
    with ThreadPoolExecutor(max_workers=4) as pool:
        forms = list(pool.map(lambda _n: client.ticket_form(), range(12)))
    assert all(REFUND_BUTTON in arch for arch in forms)

    text = Path(log).read_text()
    # (the cron worker may wait for the installation's locks and be recycled, as
    # with any installation in Odoo: only the HTTP workers matter here)
    assert not re.search(r"WorkerHTTP \(\d+\) timeout|limit .* reached", text), text[
        -5000:
    ]
    after_install = text.split("Registry changed, signaling through the database")[-1]
    served = {
        line.split()[2]
        for line in after_install.splitlines()
        if "call_kw/helpdesk.ticket/get_views" in line
    }
    assert len(served) >= 2, f"one worker served every request: {served}"
