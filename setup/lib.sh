# shellcheck shell=bash
# Shared steps of setup/run, setup/test and setup/odoo. Sourced, never executed.
#
# Configuration (environment variables, all optional):
#   ODOO_SRC            Odoo 19.0 Community source tree (default /opt/odoo/19.0, else download)
#   AFTERSALES_VENV     virtualenv folder (default <repo>/.venv)
#   AFTERSALES_PYTHON   Python used to create the virtualenv (default python3, 3.10-3.12)
#   AFTERSALES_DB       demo database of setup/run (default aftersales_demo)
#   AFTERSALES_HTTP_PORT  port served by setup/run (default 8069)
#   PGHOST PGPORT PGUSER PGPASSWORD  use this PostgreSQL server instead of a private one

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL="$ROOT/.local"
VENV="${AFTERSALES_VENV:-$ROOT/.venv}"
CONF="$LOCAL/odoo.conf"
ODOO_SERIES=19.0
ODOO_DOWNLOAD_URL="https://nightly.odoo.com/19.0/nightly/src/odoo_19.0.latest.tar.gz"
ODOO_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/helpdesk-aftersales/odoo-19.0"
PG_STARTED_HERE=0

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '\n[setup] ERROR: %s\n\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
    # Install Debian packages when running as root; otherwise say what is missing.
    local pkgs=("$@")
    if ! is_root || ! command -v apt-get >/dev/null; then
        return 1
    fi
    say "installing Debian packages: ${pkgs[*]}"
    if [ ! -f "$LOCAL/.apt-updated" ]; then
        apt-get update -qq >&2 && mkdir -p "$LOCAL" && touch "$LOCAL/.apt-updated"
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >&2
}

addons_of_repo() {
    # Every addon of the repository, comma-separated, base first.
    local names=()
    for manifest in "$ROOT"/*/__manifest__.py; do
        names+=("$(basename "$(dirname "$manifest")")")
    done
    (IFS=,; echo "${names[*]}")
}

# --- Odoo source ----------------------------------------------------------------------

find_odoo_src() {
    local candidate
    for candidate in "${ODOO_SRC:-}" /opt/odoo/19.0 "$ODOO_CACHE"; do
        if [ -n "$candidate" ] && [ -f "$candidate/odoo/release.py" ] && [ -d "$candidate/addons" ]; then
            ODOO_SRC=$(cd "$candidate" && pwd)
            return 0
        fi
    done
    if [ -n "${ODOO_SRC:-}" ]; then
        die "ODOO_SRC=$ODOO_SRC is not an Odoo source tree (no odoo/release.py and addons/ in it).
Point ODOO_SRC at a checkout or extracted archive of Odoo $ODOO_SERIES Community, or unset it."
    fi
    say "no Odoo $ODOO_SERIES tree in ODOO_SRC or /opt/odoo/19.0: downloading the official release"
    local tmp
    tmp=$(mktemp -d)
    if command -v curl >/dev/null && curl -fsSL --retry 2 -o "$tmp/odoo.tar.gz" "$ODOO_DOWNLOAD_URL" \
        && mkdir -p "$tmp/x" && tar -xzf "$tmp/odoo.tar.gz" -C "$tmp/x" --strip-components=1 \
        && [ -f "$tmp/x/odoo/release.py" ]; then
        mkdir -p "$(dirname "$ODOO_CACHE")"
        rm -rf "$ODOO_CACHE"
        mv "$tmp/x" "$ODOO_CACHE"
        rm -rf "$tmp"
        ODOO_SRC="$ODOO_CACHE"
        return 0
    fi
    rm -rf "$tmp"
    die "Odoo $ODOO_SERIES Community source was not found and could not be downloaded.
Get the Odoo $ODOO_SERIES Community source tree (git clone -b 19.0 --depth 1 of the official
odoo repository, or the official 19.0 source archive from $ODOO_DOWNLOAD_URL),
then either extract it to /opt/odoo/19.0 or set ODOO_SRC=/path/to/odoo and run this command
again. The tree must contain odoo-bin, odoo/ and addons/; it is used in place, never copied."
}

odoo_version_ok() {
    grep -q "version_info = (19, 0" "$ODOO_SRC/odoo/release.py" \
        || die "$ODOO_SRC is not Odoo $ODOO_SERIES (see odoo/release.py). Set ODOO_SRC to a 19.0 tree."
}

# --- Python ---------------------------------------------------------------------------

pick_python() {
    local py
    for py in "${AFTERSALES_PYTHON:-}" python3.11 python3.12 python3.10 python3; do
        [ -n "$py" ] || continue
        if command -v "$py" >/dev/null && "$py" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))'; then
            echo "$py"
            return 0
        fi
    done
    die "Python 3.10, 3.11 or 3.12 is needed (Odoo $ODOO_SERIES). Install one (Debian: apt-get install python3 python3-venv python3-dev) or set AFTERSALES_PYTHON."
}

ensure_build_deps() {
    # psycopg2 and other sdists build against these headers.
    if ! command -v pg_config >/dev/null; then
        apt_install libpq-dev || die "pg_config is missing: install libpq-dev (Debian) so psycopg2 can be built."
    fi
}

install_stamp() {
    # Whatever changes what gets installed into the virtualenv.
    cat "$ROOT/requirements.txt" "$ROOT/setup/odoo-requirements.py" "$ODOO_SRC/requirements.txt" \
        <(echo "$ODOO_SRC") | sha1sum | cut -d' ' -f1
}

ensure_venv() {
    local stamp
    stamp=$(install_stamp)
    if [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.aftersales-stamp" 2>/dev/null)" = "$stamp" ]; then
        return 0
    fi
    local py
    py=$(pick_python)
    ensure_build_deps
    if [ ! -x "$VENV/bin/python" ]; then
        say "creating the virtualenv $VENV with $py"
        "$py" -m venv "$VENV"
    fi
    local pip=("$VENV/bin/python" -m pip --disable-pip-version-check -q)
    say "installing Odoo $ODOO_SERIES requirements (first run only: a few minutes)"
    "${pip[@]}" install "pip>=23" "setuptools<70" wheel >&2
    "$VENV/bin/python" "$ROOT/setup/odoo-requirements.py" "$ODOO_SRC/requirements.txt" >"$LOCAL/odoo-requirements.txt"
    "${pip[@]}" install --no-build-isolation -r "$LOCAL/odoo-requirements.txt" >&2
    say "installing Odoo from $ODOO_SRC (editable) and the project requirements"
    "${pip[@]}" install --no-build-isolation --no-deps -e "$ODOO_SRC" >&2
    "${pip[@]}" install -r "$ROOT/requirements.txt" -c "$LOCAL/odoo-requirements.txt" >&2
    echo "$stamp" >"$VENV/.aftersales-stamp"
}

oca_addons_dir() {
    "$VENV/bin/python" - <<'EOF'
import pathlib, sysconfig
print(pathlib.Path(sysconfig.get_paths()["purelib"]) / "odoo" / "addons")
EOF
}

# --- PostgreSQL -----------------------------------------------------------------------

pg_bin() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    done
    command -v pg_ctl >/dev/null && { dirname "$(command -v pg_ctl)"; return 0; }
    return 1
}

free_port() {
    "$(pick_python)" - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

as_pg_owner() {
    # Run a PostgreSQL server binary as the cluster's owner (never as root).
    if is_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

private_cluster_dir() {
    # .local/pg in the repository; as root, the postgres user must be able to reach it,
    # else the cluster lives in a folder of the postgres user (one per checkout).
    local dir="$LOCAL/pg"
    if is_root && ! runuser -u postgres -- test -x "$LOCAL" 2>/dev/null; then
        dir="/var/lib/postgresql/helpdesk-aftersales/$(echo "$ROOT" | sha1sum | cut -c1-12)"
    fi
    echo "$dir"
}

ensure_postgres() {
    if [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ]; then
        DB_HOST="${PGHOST:-localhost}"
        DB_PORT="${PGPORT:-5432}"
        DB_USER="${PGUSER:-$(id -un)}"
        DB_PASSWORD="${PGPASSWORD:-}"
        "$VENV/bin/python" -c "import psycopg2; psycopg2.connect(dbname='postgres', host='$DB_HOST', port=$DB_PORT, user='$DB_USER', password='$DB_PASSWORD').close()" 2>/dev/null \
            || die "cannot connect to PostgreSQL at $DB_HOST:$DB_PORT as $DB_USER (from the PG* variables). Check them, or unset them to use a private server."
        return 0
    fi
    local bin
    if ! bin=$(pg_bin); then
        apt_install postgresql || true
        bin=$(pg_bin) || die "PostgreSQL server binaries (pg_ctl, initdb) are missing. Install PostgreSQL >= 13 (Debian: apt-get install postgresql) or set PGHOST/PGPORT/PGUSER to use a running server."
    fi
    if is_root && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --create-home postgres
    fi
    local dir
    dir=$(private_cluster_dir)
    DB_HOST=127.0.0.1
    DB_USER=odoo
    DB_PASSWORD=odoo
    if [ ! -f "$dir/PG_VERSION" ]; then
        say "creating a private PostgreSQL cluster in $dir"
        mkdir -p "$dir"
        is_root && chown postgres: "$dir" && chmod 700 "$dir"
        as_pg_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
        free_port >"$dir/aftersales.port"
        is_root && chown postgres: "$dir/aftersales.port"
    fi
    DB_PORT=$(cat "$dir/aftersales.port")
    if ! as_pg_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
        if "$(pick_python)" -c "import socket,sys; sys.exit(socket.socket().connect_ex(('127.0.0.1', $DB_PORT)) != 0)"; then
            die "port $DB_PORT of the private PostgreSQL cluster ($dir) is taken by another program. Delete $dir/aftersales.port to pick a new port."
        fi
        as_pg_owner "$bin/pg_ctl" -D "$dir" -w -t 60 -l "$dir/server.log" \
            -o "-h 127.0.0.1 -p $DB_PORT -k /tmp -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
            start >/dev/null || die "PostgreSQL did not start; see $dir/server.log"
        PG_STARTED_HERE=1
        PG_DIR="$dir"
        PG_BIN="$bin"
    fi
    as_pg_owner "$bin/psql" -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -tAq -c \
        "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='odoo') THEN CREATE ROLE odoo LOGIN CREATEDB PASSWORD 'odoo'; END IF; END\$\$;" >/dev/null
}

stop_postgres_if_started() {
    if [ "$PG_STARTED_HERE" = 1 ]; then
        as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null 2>&1 || true
        PG_STARTED_HERE=0
    fi
}

psql_odoo() {
    PGPASSWORD="$DB_PASSWORD" "$(pg_bin)/psql" -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAq "$@"
}

db_exists() {
    [ "$(psql_odoo -c "SELECT 1 FROM pg_database WHERE datname='$1'")" = 1 ]
}

# --- Browser and PDF ------------------------------------------------------------------

find_browser() {
    local b
    for b in chromium google-chrome chromium-browser; do
        command -v "$b" >/dev/null && { command -v "$b"; return 0; }
    done
    return 1
}

ensure_browser() {
    find_browser >/dev/null && return 0
    apt_install chromium || true
    find_browser >/dev/null
}

ensure_wkhtmltopdf() {
    command -v wkhtmltopdf >/dev/null && return 0
    apt_install wkhtmltopdf || say "wkhtmltopdf is missing: PDF reports (coupon e-mails) will not render. Install it (Debian: apt-get install wkhtmltopdf)."
}

# --- Odoo configuration ---------------------------------------------------------------

write_config() {
    local oca
    oca=$(oca_addons_dir)
    mkdir -p "$LOCAL/data"
    cat >"$CONF.tmp" <<EOF
; Generated by setup/ (do not edit: it is rewritten on every run)
[options]
addons_path = $ROOT,$oca,$ODOO_SRC/addons,$ODOO_SRC/odoo/addons
data_dir = $LOCAL/data
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = $DB_PASSWORD
admin_passwd = admin
http_interface = 127.0.0.1
http_port = ${AFTERSALES_HTTP_PORT:-8069}
list_db = True
limit_time_real = 1200
limit_time_cpu = 1200
EOF
    mv "$CONF.tmp" "$CONF"
}

prepare() {
    mkdir -p "$LOCAL"
    find_odoo_src
    odoo_version_ok
    ensure_venv
    ensure_postgres
    write_config
}

odoo_bin() {
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" "$@"
}
