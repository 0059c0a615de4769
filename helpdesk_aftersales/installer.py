# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Installation of the bridges needed by the team options switched on, once the
transaction that switched them on is committed (never inside it).

From an HTTP request, the installation runs in a process of its own, started
with the server's configuration: the request's time and CPU limits, and the
worker that served it, may end long before an installation does (a prefork
worker installing in a thread would also stop serving its other requests while
the registry is rebuilt). The other processes load the new registry through
Odoo's registry signalling. Elsewhere (shell, scripts, scheduled actions), it
runs at once in the current process.

The process starts with the server's limits and signals, not those of the HTTP
worker that served the request: a prefork worker lowers its own soft CPU and
memory limits, and serves requests in a thread that blocks signals, and a child
would inherit both (and be killed by the worker's CPU limit, or ignore a
shutdown).
"""

import json
import logging
import os
import resource
import signal
import subprocess
import sys
import threading

from odoo import SUPERUSER_ID, api
from odoo.http import request
from odoo.modules import module as odoo_module
from odoo.modules.registry import Registry
from odoo.tools import config

_logger = logging.getLogger(__name__)

SPEC_VARIABLE = "HELPDESK_AFTERSALES_INSTALL"
# the limits that Odoo's workers lower on themselves
RAISED_LIMITS = (resource.RLIMIT_CPU, resource.RLIMIT_AS)
# what the installing process needs of the server's configuration (given through
# its environment, not its command line: the database password is among them)
PASSED_OPTIONS = (
    "addons_path",
    "upgrade_path",
    "data_dir",
    "server_wide_modules",
    "db_host",
    "db_port",
    "db_user",
    "db_password",
    "db_sslmode",
    "logfile",
    "log_level",
    "log_handler",
    "syslog",
)
BOOTSTRAP = f"""
import json, os
from odoo import netsvc
from odoo.modules import module
from odoo.tools import config
spec = json.loads(os.environ.pop({SPEC_VARIABLE!r}))
config.parse_config(spec["args"], setup_logging=False)
for key, value in spec["options"].items():
    config[key] = value
netsvc.init_logger()
module.initialize_sys_path()
from odoo.addons.helpdesk_aftersales.installer import install_pending
install_pending(spec["db"])
"""


def install_after_commit(dbname):
    """Post-commit callback of a transaction that switched an option on."""
    if odoo_module.current_test:
        return
    if request:
        start_install_process(dbname)
    else:
        install_pending(dbname)


def install_pending(dbname):
    """Install what the options switched on in ``dbname`` need (see
    ``helpdesk.ticket.team._aftersales_install_pending``)."""
    threading.current_thread().dbname = dbname
    with Registry(dbname).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["helpdesk.ticket.team"]._aftersales_install_pending()


def start_install_process(dbname):
    """Run :func:`install_pending` in a new process with the server's
    configuration; the team form polls ``aftersales_install_status``."""
    spec = {
        "db": dbname,
        "args": ["-c", config["config"]]
        if os.path.isfile(config["config"] or "")
        else [],
        "options": {
            key: config[key] for key in PASSED_OPTIONS if config.get(key) is not None
        },
    }
    environment = dict(os.environ, **{SPEC_VARIABLE: json.dumps(spec, default=list)})
    _logger.info("Helpdesk after-sales: installation process started for %s", dbname)
    process = spawn([sys.executable, "-c", BOOTSTRAP], env=environment)
    # reap it when it ends (no zombie left behind by a long-lived worker)
    threading.Thread(target=process.wait, daemon=True).start()
    return process


def spawn(command, **options):
    """Start ``command`` in a session of its own, with the soft CPU and memory
    limits raised back to the hard ones and no signal blocked, whatever the
    calling process and thread had lowered or blocked."""
    limits = [(limit, resource.getrlimit(limit)[1]) for limit in RAISED_LIMITS]

    def reset_in_child():
        # between fork and exec: system calls only, nothing that could wait for
        # a lock held by another thread of the parent
        for limit, hard in limits:
            resource.setrlimit(limit, (hard, hard))
        signal.pthread_sigmask(signal.SIG_SETMASK, ())

    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=reset_in_child,  # noqa: PLW1509 (safe: see above)
        **options,
    )
