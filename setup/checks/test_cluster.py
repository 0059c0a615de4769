"""The private PostgreSQL cluster of setup/ lets nobody in without its password: not
Odoo's role, not the superuser, not through the loopback interface nor through the
socket; the password (generated, in .local/pg-password) and the configuration that
holds it are readable by their owner only. Skipped when setup/ uses the PostgreSQL
server of the PG* variables."""

import configparser
import os
from pathlib import Path
import stat

import psycopg2
import pytest


@pytest.fixture(scope="module")
def cluster(monkeypatch_module):
    password_file = os.environ.get("AFTERSALES_PG_PASSWORD_FILE")
    if not password_file:
        pytest.skip("setup/ uses the PostgreSQL server of the PG* variables")
    # nothing but the arguments of each connection below: no password from the
    # environment or a ~/.pgpass
    monkeypatch_module.delenv("PGPASSWORD", raising=False)
    monkeypatch_module.setenv("PGPASSFILE", os.devnull)
    config = configparser.ConfigParser()
    config.read(os.environ["AFTERSALES_CONF"])
    options = config["options"]
    return {
        "password_file": Path(password_file),
        "conf": Path(os.environ["AFTERSALES_CONF"]),
        "port": int(options["db_port"]),
        "user": options["db_user"],
        "password": options["db_password"],
    }


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _connect(cluster, user, password=None, host="127.0.0.1"):
    arguments = {"host": host, "port": cluster["port"], "user": user}
    arguments["dbname"] = "postgres"
    if password is not None:
        arguments["password"] = password
    return psycopg2.connect(**arguments)


def test_secrets_are_private(cluster):
    for path in (cluster["password_file"], cluster["conf"]):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert cluster["password_file"].read_text().strip() == cluster["password"]
    assert len(cluster["password"]) >= 32


@pytest.mark.parametrize("user", ["odoo", "postgres"])
@pytest.mark.parametrize("password", [None, "", "odoo", "postgres", "wrong"])
@pytest.mark.parametrize("host", ["127.0.0.1", "/tmp"])
def test_no_entry_without_the_password(cluster, user, password, host):
    if host.startswith("/") and not Path(host, f".s.PGSQL.{cluster['port']}").exists():
        pytest.skip(f"no socket of the cluster in {host}")
    with pytest.raises(psycopg2.OperationalError, match="password"):
        _connect(cluster, user, password, host).close()


def test_entry_with_the_password_and_no_trust_rule(cluster):
    _connect(cluster, cluster["user"], cluster["password"]).close()
    connection = _connect(cluster, "postgres", cluster["password"])
    try:
        cr = connection.cursor()
        cr.execute(
            "SELECT DISTINCT auth_method FROM pg_hba_file_rules WHERE error IS NULL"
        )
        assert {row[0] for row in cr.fetchall()} == {"scram-sha-256"}
        cr.execute(
            "SELECT rolname FROM pg_authid WHERE rolname IN ('odoo', 'postgres') "
            "AND (rolpassword IS NULL OR rolpassword NOT LIKE 'SCRAM-SHA-256$%')"
        )
        assert not cr.fetchall(), "a role without a scram password"
    finally:
        connection.close()
