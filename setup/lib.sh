# shellcheck shell=bash
# Shared steps of setup/run, setup/test and setup/odoo. Sourced, never executed.
#
# Configuration (environment variables, all optional):
#   ODOO_SRC            Odoo 19.0 Community source tree (default /opt/odoo/19.0, else download)
#   AFTERSALES_VENV     virtualenv folder (default <repo>/.venv)
#   AFTERSALES_PYTHON   Python used to create the virtualenv (default python3, 3.10-3.13)
#   AFTERSALES_DB       demo database of setup/run (default aftersales_demo)
#   AFTERSALES_HTTP_PORT  port served by setup/run (default 8069)
#   PGHOST PGPORT PGUSER PGPASSWORD  use this PostgreSQL server instead of a private one

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL="$ROOT/.local"
VENV=$(realpath -m "${AFTERSALES_VENV:-$ROOT/.venv}")
CONF="$LOCAL/odoo.conf"
if [ "$VENV" != "$ROOT/.venv" ]; then
    # another virtualenv (e.g. another Python) has its own configuration: the OCA
    # addons are in its site-packages, and both can run at once
    CONF="$LOCAL/odoo-$(basename "$VENV").conf"
fi
DATA_DIR="$LOCAL/data"
ODOO_SERIES=19.0
ODOO_DOWNLOAD_URL="https://nightly.odoo.com/19.0/nightly/src/odoo_19.0.latest.tar.gz"
ODOO_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/helpdesk-aftersales/odoo-19.0"
PG_STARTED_HERE=0

# say: progress message; die: error message, then exit 1; is_root: whether we run as root.
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
    # Set ODOO_SRC to an Odoo 19.0 tree: ODOO_SRC, /opt/odoo/19.0, else download one.
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
    # Die unless ODOO_SRC is Odoo 19.0.
    grep -q "version_info = (19, 0" "$ODOO_SRC/odoo/release.py" \
        || die "$ODOO_SRC is not Odoo $ODOO_SERIES (see odoo/release.py). Set ODOO_SRC to a 19.0 tree."
}

# --- Python ---------------------------------------------------------------------------

pick_python() {
    # Print a Python 3.10-3.13 to create the virtualenv with.
    local py
    for py in "${AFTERSALES_PYTHON:-}" python3.11 python3.12 python3.13 python3.10 python3; do
        [ -n "$py" ] || continue
        if command -v "$py" >/dev/null && "$py" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 13)))' 2>/dev/null; then
            echo "$py"
            return 0
        fi
    done
    die "Python 3.10, 3.11, 3.12 or 3.13 is needed (Odoo $ODOO_SERIES). Install one (Debian: apt-get install python3 python3-venv python3-dev) or set AFTERSALES_PYTHON."
}

ensure_build_deps() {
    # psycopg2 and other sdists build against these headers.
    if ! command -v pg_config >/dev/null; then
        apt_install libpq-dev || die "pg_config is missing: install libpq-dev (Debian) so psycopg2 can be built."
    fi
}

VENV_RECIPE=3 # bump when the way the virtualenv is filled changes

install_stamp() {
    # Whatever changes what gets installed into the virtualenv.
    cat "$ROOT/requirements.txt" "$ROOT/setup/odoo-requirements.py" "$ODOO_SRC/requirements.txt" \
        <(echo "$ODOO_SRC recipe $VENV_RECIPE") | sha1sum | cut -d' ' -f1
}

ensure_venv() {
    # Create or update the virtualenv when what goes into it changed (install_stamp).
    local stamp wanted have
    if [ -n "${AFTERSALES_PYTHON:-}" ] && [ -x "$VENV/bin/python" ]; then
        wanted=$("$(pick_python)" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
        have=$("$VENV/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
        [ "$wanted" = "$have" ] || die "the virtualenv $VENV has Python $have, AFTERSALES_PYTHON is Python $wanted.
Give that Python a virtualenv of its own (e.g. AFTERSALES_VENV=.local/venv$wanted), or delete $VENV."
    fi
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
    # Odoo's setup.py asks for PyPDF2 whatever the Python, and pip installs it for the
    # OCA addons' requirement of odoo; from Python 3.13 on, Odoo's requirements take
    # pypdf instead, and Odoo imports PyPDF2 first when it is there (PyPDF2 3 only
    # warns, then refuses the old API): it goes.
    if "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 13))'; then
        "${pip[@]}" uninstall -y PyPDF2 >&2 2>/dev/null || true
    fi
    # From Python 3.12 on, Odoo's reportlab (4.1) draws barcodes (gift cards and
    # coupons sent to customers, the Return Authorization) only with a renderPM
    # backend, which Debian's python3-reportlab has and pip's reportlab has not:
    # rl-renderPM, a source build that fetches its C sources (internet, gcc).
    if ! "$VENV/bin/python" -c 'from reportlab.graphics import renderPM, shapes
renderPM.drawToString(shapes.Drawing(1, 1), fmt="PNG")' 2>/dev/null; then
        "${pip[@]}" install rl-renderPM >/dev/null 2>&1 \
            || say "WARNING: rl-renderPM could not be built (it downloads its C sources): PDFs with a barcode (gift cards and coupons e-mailed to customers, the Return Authorization) fail until it is installed (pip install rl-renderPM, with internet access)."
    fi
    echo "$stamp" >"$VENV/.aftersales-stamp"
}

oca_addons_dir() {
    # Where pip puts the OCA addons (site-packages/odoo/addons of the virtualenv).
    "$VENV/bin/python" - <<'EOF'
import pathlib, sysconfig
print(pathlib.Path(sysconfig.get_paths()["purelib"]) / "odoo" / "addons")
EOF
}

# --- PostgreSQL -----------------------------------------------------------------------

pg_bin() {
    # Print the folder of the PostgreSQL server binaries (pg_ctl, initdb, psql).
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    done
    command -v pg_ctl >/dev/null && { dirname "$(command -v pg_ctl)"; return 0; }
    return 1
}

free_port() {
    # Print a free TCP port of the loopback interface.
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

pg_password() {
    # The password of the private cluster's roles (postgres and odoo): generated once,
    # kept in .local/pg-password (mode 600). Sets PG_PASSWORD_NEW=1 when it was made
    # now.
    local file="$LOCAL/pg-password"
    PG_PASSWORD_NEW=0
    if [ ! -s "$file" ]; then
        (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$file.tmp") && mv "$file.tmp" "$file"
        PG_PASSWORD_NEW=1
    fi
    chmod 600 "$file"
    PG_PASSWORD=$(cat "$file")
}

cluster_trusts() {
    # Whether the cluster in $1 lets anyone in without a password (clusters made by
    # earlier versions of setup/ were created with --auth=trust).
    as_pg_owner grep -Eq '^[[:space:]]*(local|host)[^#]*[[:space:]]trust([[:space:]]|$)' "$1/pg_hba.conf"
}

secure_cluster() {
    # Give the roles postgres and odoo the password PG_PASSWORD (scram-sha-256) and let
    # nobody in without it, on the cluster in $2 (server binaries in $1): in
    # single-user mode when the server is stopped, else through the running server
    # (a cluster made by trust still lets its owner in), then reloaded.
    local bin=$1 dir=$2 running=0 output
    as_pg_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1 && running=1
    local sql="SET password_encryption = 'scram-sha-256';
ALTER ROLE postgres PASSWORD '$PG_PASSWORD';
DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'odoo') THEN CREATE ROLE odoo LOGIN CREATEDB; END IF; END\$\$;
ALTER ROLE odoo PASSWORD '$PG_PASSWORD';"
    if [ "$running" = 1 ]; then
        printf '%s\n' "$sql" | as_pg_owner "$bin/psql" -h 127.0.0.1 -p "$DB_PORT" -U postgres \
            -d postgres -v ON_ERROR_STOP=1 -tAq >/dev/null \
            || die "the passwords of the private PostgreSQL cluster ($dir) could not be set. Stop it (pg_ctl -D $dir stop) and run this command again, or delete $dir to start from a new cluster."
    else
        output=$(printf '%s\n' "$sql" | as_pg_owner "$bin/postgres" --single -D "$dir" postgres 2>&1 >/dev/null) \
            && ! grep -q ERROR <<<"$output" \
            || die "the passwords of the private PostgreSQL cluster ($dir) could not be set:
$output"
    fi
    as_pg_owner tee "$dir/pg_hba.conf" >/dev/null <<'HBA'
# Written by setup/ of helpdesk-aftersales: nobody gets in without the password of
# .local/pg-password (scram-sha-256), through the socket or the loopback interface.
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 scram-sha-256
host    all       all   127.0.0.1/32  scram-sha-256
host    all       all   ::1/128       scram-sha-256
HBA
    if [ "$running" = 1 ]; then
        as_pg_owner "$bin/pg_ctl" -D "$dir" reload >/dev/null
    fi
}

ensure_postgres() {
    # Set DB_HOST/DB_PORT/DB_USER/DB_PASSWORD: the PG* server, else the private cluster
    # (created and started when needed; only the password of .local/pg-password lets
    # anyone in). PG_PASSWORD_FILE is that file, empty for the PG* server.
    PG_PASSWORD_FILE=
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
    pg_password
    DB_PASSWORD=$PG_PASSWORD
    PG_PASSWORD_FILE="$LOCAL/pg-password"
    if [ ! -f "$dir/PG_VERSION" ]; then
        say "creating a private PostgreSQL cluster in $dir"
        mkdir -p "$dir"
        is_root && chown postgres: "$dir" && chmod 700 "$dir"
        # (secured below, before its server ever starts)
        as_pg_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
        free_port >"$dir/aftersales.port"
        is_root && chown postgres: "$dir/aftersales.port"
        secure_cluster "$bin" "$dir"
    fi
    DB_PORT=$(cat "$dir/aftersales.port")
    if cluster_trusts "$dir"; then
        say "securing the private PostgreSQL cluster in $dir: a password (in $LOCAL/pg-password) instead of trust"
        secure_cluster "$bin" "$dir"
    elif [ "$PG_PASSWORD_NEW" = 1 ]; then
        say "the password of the private PostgreSQL cluster in $dir was lost: setting a new one"
        secure_cluster "$bin" "$dir"
    fi
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
    psql_odoo -c "SELECT 1" >/dev/null 2>&1 \
        || die "the private PostgreSQL cluster ($dir) refuses the password of $LOCAL/pg-password.
Stop its server (pg_ctl -D $dir stop) and delete $LOCAL/pg-password: the next run sets a new password."
}

stop_postgres_if_started() {
    # Stop the private cluster if ensure_postgres started it.
    if [ "$PG_STARTED_HERE" = 1 ]; then
        as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >/dev/null 2>&1 || true
        PG_STARTED_HERE=0
    fi
}

psql_odoo() {
    # psql as Odoo's database user, on the maintenance database unless -d is given.
    local psql
    psql="$(pg_bin || true)/psql"
    [ -x "$psql" ] || psql=$(command -v psql) \
        || die "psql is missing: install the PostgreSQL client (Debian: apt-get install postgresql-client)."
    # (notices such as "database ... does not exist, skipping" are not news)
    PGPASSWORD="$DB_PASSWORD" PGOPTIONS="-c client_min_messages=warning" \
        "$psql" -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAq "$@"
}

db_exists() {
    # Whether database $1 exists.
    [ "$(psql_odoo -c "SELECT 1 FROM pg_database WHERE datname='$1'")" = 1 ]
}

# --- Browser and PDF ------------------------------------------------------------------

find_browser() {
    # Print the path of Chromium or Google Chrome.
    local b
    for b in chromium google-chrome chromium-browser; do
        command -v "$b" >/dev/null && { command -v "$b"; return 0; }
    done
    return 1
}

ensure_browser() {
    # Install Chromium when no browser is found (as root); fail if there is still none.
    find_browser >/dev/null && return 0
    apt_install chromium || true
    find_browser >/dev/null
}

ensure_wkhtmltopdf() {
    # Install wkhtmltopdf when missing (as root), else warn.
    command -v wkhtmltopdf >/dev/null && return 0
    apt_install wkhtmltopdf || say "wkhtmltopdf is missing: PDF reports (coupon e-mails) will not render. Install it (Debian: apt-get install wkhtmltopdf)."
}

# --- Odoo configuration ---------------------------------------------------------------

write_config() {
    # .local/odoo.conf (mode 600: it holds the database password); also sets
    # OCA_ADDONS_DIR and EXTERNAL_ADDONS_PATH (without ours).
    OCA_ADDONS_DIR=$(oca_addons_dir)
    EXTERNAL_ADDONS_PATH="$OCA_ADDONS_DIR,$ODOO_SRC/addons,$ODOO_SRC/odoo/addons"
    mkdir -p "$DATA_DIR"
    rm -f "$CONF.tmp"
    (umask 077 && touch "$CONF.tmp")
    cat >"$CONF.tmp" <<EOF
; Generated by setup/ (do not edit: it is rewritten on every run)
[options]
addons_path = $ROOT,$EXTERNAL_ADDONS_PATH
data_dir = $DATA_DIR
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
    # Everything setup/run, setup/test and setup/odoo need before starting Odoo.
    mkdir -p "$LOCAL"
    find_odoo_src
    odoo_version_ok
    ensure_venv
    ensure_postgres
    write_config
}

odoo_bin() {
    # Run odoo-bin with the generated configuration.
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" "$@"
}

odoo_install() {
    # odoo-bin ARGS... (an installation, --stop-after-init) with its progress shown:
    # Odoo's "Loading module NAME (n/N)" lines become one line rewritten in place on a
    # terminal, else a line at each fifth of the modules; warnings and errors pass
    # through, the other information lines (each data file loaded) are dropped.
    # LABEL ($1) names what is being made.
    local label=$1 tty=0
    shift
    [ -t 2 ] && tty=1
    odoo_bin "$@" --log-level=warn --log-handler=odoo.modules.loading:INFO 2>&1 \
        | awk -v label="$label" -v tty="$tty" '
            function done_line() { if (open) { printf "\n" > "/dev/stderr"; open = 0 } }
            / INFO .*Loading module [^ ]+ \([0-9]+\/[0-9]+\)/ {
                match($0, /Loading module [^ ]+ \([0-9]+\/[0-9]+\)/)
                split(substr($0, RSTART + 15, RLENGTH - 15), part, /[ ()\/]+/)
                n = part[2] + 0; total = part[3] + 0
                if (total != last_total) { step = 0; last_total = total }
                if (tty) {
                    printf "\r[setup] %s: module %d of %d (%s)\033[K", label, n, total, part[1] > "/dev/stderr"
                    open = 1
                } else if (total >= 10 && int(n * 5 / total) > step) {
                    step = int(n * 5 / total)
                    printf "[setup] %s: %d of %d modules\n", label, n, total > "/dev/stderr"
                }
                next
            }
            / INFO / { next }
            { done_line(); print > "/dev/stderr" }
            END { done_line() }'
}

# --- Template databases ---------------------------------------------------------------
# A template database holds the Odoo and OCA addons our addons depend on, never our own
# addons. setup/test and setup/run copy it (CREATE DATABASE ... TEMPLATE, and its
# filestore), then install our addons into the copy with Odoo's normal `-i`, so a
# missing dependency in a manifest still shows. Its name ends with a hash of what shapes
# its content (Odoo source, OCA addon versions, dependency list, demo data): when any of
# them changes, a new template is built and the old one dropped.

TEMPLATE_RECIPE=1 # bump when the way templates are built changes

now() {
    # Seconds since the epoch, with decimals (phase timings).
    date +%s.%N
}

seconds_since() {
    # Seconds elapsed since $1 (a `now`), one decimal.
    awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.1f", end - start }'
}

external_depends() {
    # The Odoo/OCA addons that our addons ($@, default all) depend on, comma-separated.
    "$VENV/bin/python" "$ROOT/setup/external_depends.py" "$ROOT" "$@" \
        || die "the addons' dependencies could not be read from their manifests (see above)"
}

odoo_fingerprint() {
    # Revision of the Odoo source tree, which may have no .git: its path, release.py, and
    # the path, size and mtime of each file (~0.1 s for 25,000 files). Left out: bytecode
    # and the egg-info that `pip install -e` of any checkout's virtualenv rewrites.
    {
        echo "$ODOO_SRC"
        cat "$ODOO_SRC/odoo/release.py"
        (cd "$ODOO_SRC" && find . \( -name .git -o -name __pycache__ -o -name '*.egg-info' \) -prune -o \
            -type f ! -name '*.pyc' -printf '%P %s %T@\n' | LC_ALL=C sort)
    } | sha1sum | cut -d' ' -f1
}

oca_family() {
    # The OCA addons of requirements.txt that our addons do not depend on
    # (comma-separated, sorted): not in the template of DEPENDS ($1), they are added
    # to the test database only, so that our tests run next to them and theirs next
    # to ours.
    local name family=()
    for name in $(sed -n 's/^odoo-addon-\([A-Za-z0-9_]*\).*/\1/p' "$ROOT/requirements.txt" | LC_ALL=C sort); do
        case ",$1," in *",$name,"*) ;; *) family+=("$name") ;; esac
    done
    (IFS=,; echo "${family[*]}")
}

oca_versions() {
    # The OCA addons installed in the virtualenv, one name-version per line (as pip freeze).
    find "$(dirname "$(dirname "$OCA_ADDONS_DIR")")" -maxdepth 1 -name 'odoo_addon_*' -printf '%f\n' \
        | LC_ALL=C sort
}

template_prefix() {
    # aftersales_tpl_<slot>_<checkout>_: every template of SLOT (test, e2e, demo) of this
    # checkout (checkouts sharing a PostgreSQL server keep their filestores apart).
    echo "aftersales_tpl_${1}_$(echo "$ROOT" | sha1sum | cut -c1-8)_"
}

template_hash() {
    # Hash of what a template holds: DEPENDS with or without DEMO (demo/nodemo) data.
    {
        echo "recipe $TEMPLATE_RECIPE"
        echo "odoo $ODOO_FINGERPRINT"
        oca_versions
        echo "depends $1"
        echo "demo $2"
    } | sha1sum | cut -c1-12
}

drop_database() {
    # Drop database $1 if it exists, with its filestore.
    psql_odoo -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
    rm -rf "${DATA_DIR:?}/filestore/$1"
}

build_template() {
    # Build template NAME: DEPENDS installed, DEMO data or not. Our addons are left off the
    # addons path, so none of them can get in (not even auto_install ones). Built under a
    # temporary name, closed to connections and renamed when complete: a database under a
    # template name is always a whole template.
    local name=$1 depends=$2 demo=$3 tmp="${1}_tmp" options=() started
    [ "$demo" = demo ] && options+=(--with-demo)
    say "building the template database $name ($demo): $depends and their dependencies (about two minutes; again only when Odoo, the OCA addons or the manifests' dependencies change)"
    drop_database "$tmp"
    started=$(now)
    if ! odoo_install "template $demo" -d "$tmp" --addons-path="$EXTERNAL_ADDONS_PATH" \
        -i "$depends" "${options[@]}" --stop-after-init --no-http; then
        drop_database "$tmp"
        die "the template database $name could not be built: Odoo could not install $depends (see the log above)"
    fi
    psql_odoo -c "ALTER DATABASE \"$tmp\" WITH ALLOW_CONNECTIONS false" >/dev/null
    drop_database "$name"
    mkdir -p "$DATA_DIR/filestore/$tmp"
    mv "$DATA_DIR/filestore/$tmp" "$DATA_DIR/filestore/$name"
    psql_odoo -c "ALTER DATABASE \"$tmp\" RENAME TO \"$name\"" >/dev/null
    say "template database $name built in $(seconds_since "$started") s"
}

template_ready() {
    # Whether template NAME is whole: its database (only complete ones get a template name)
    # and its filestore (gone if .local/data was deleted).
    db_exists "$1" && [ -d "$DATA_DIR/filestore/$1" ]
}

drop_stale_templates() {
    # Drop the templates of SLOT other than KEEP (older hashes, unfinished builds), and
    # leftover filestores of such templates.
    local slot=$1 keep=$2 prefix stale dir
    prefix=$(template_prefix "$slot")
    for stale in $(psql_odoo -c "SELECT datname FROM pg_database WHERE starts_with(datname, '$prefix') AND datname <> '$keep'"); do
        say "dropping the stale template database $stale"
        drop_database "$stale"
    done
    for dir in "$DATA_DIR/filestore/$prefix"*; do
        [ -d "$dir" ] && [ "$(basename "$dir")" != "$keep" ] && rm -rf "$dir"
    done
    return 0
}

lock_templates() {
    # Keep concurrent commands of this checkout from building, dropping and copying
    # templates at the same time (held until unlock_templates or exit).
    command -v flock >/dev/null || return 0
    exec 9>"$LOCAL/templates.lock"
    if ! flock -n 9; then
        say "waiting for another setup/ command of this checkout to finish with the templates"
        flock 9
    fi
}

unlock_templates() {
    # Release lock_templates.
    exec 9>&-
}

ensure_template() {
    # Set TEMPLATE to the up-to-date template of SLOT with DEPENDS and DEMO (demo/nodemo),
    # building it when missing or REBUILD_TEMPLATES=1 (TEMPLATE_BUILT=1 then); drop the
    # slot's stale templates. Call between lock_templates and unlock_templates.
    local slot=$1 depends=$2 demo=$3
    : "${ODOO_FINGERPRINT:=$(odoo_fingerprint)}"
    TEMPLATE="$(template_prefix "$slot")$(template_hash "$depends" "$demo")"
    TEMPLATE_BUILT=0
    if [ "${REBUILD_TEMPLATES:-0}" = 1 ] || ! template_ready "$TEMPLATE"; then
        build_template "$TEMPLATE" "$depends" "$demo"
        TEMPLATE_BUILT=1
    fi
    drop_stale_templates "$slot" "$TEMPLATE"
}

copy_template() {
    # Create database DB as a copy of template TEMPLATE, filestore included (a filestore
    # already under DB's name is a leftover, since DB did not exist).
    local template=$1 db=$2
    psql_odoo -c "CREATE DATABASE \"$db\" TEMPLATE \"$template\"" >/dev/null \
        || die "the template database $template could not be copied to $db (see above)"
    rm -rf "${DATA_DIR:?}/filestore/$db"
    cp -a "$DATA_DIR/filestore/$template" "$DATA_DIR/filestore/$db"
}

# --- Demo database ---------------------------------------------------------------------

ensure_demo_db() {
    # Database $1 with every addon of the repository and demo data: a copy of the demo
    # template (created when missing), or the existing one with the addons that appeared
    # in the repository since it was made. With AFTERSALES_LANG (e.g. ko_KR), that
    # language is installed and set for the demo users (admin, demo, portal).
    local db=$1 addons started depends missing
    addons=$(addons_of_repo)
    if ! db_exists "$db" || [ "$(psql_odoo -d "$db" -c "SELECT 1 FROM ir_module_module WHERE name='helpdesk_aftersales' AND state='installed'" 2>/dev/null)" != 1 ]; then
        started=$(now)
        db_exists "$db" && drop_database "$db"
        depends=$(external_depends)
        lock_templates
        ensure_template demo "$depends" demo
        copy_template "$TEMPLATE" "$db"
        unlock_templates
        say "creating the demo database $db: installing $addons into a copy of the template"
        odoo_install "demo database" -d "$db" -i "$addons" --stop-after-init --no-http \
            || { drop_database "$db"; die "the demo database could not be created (see the log above)"; }
        # Odoo installs a module whose demo data fails "without demo data", with a
        # warning only: a demo without its documents is refused here
        without=$(psql_odoo -d "$db" -c "SELECT string_agg(name, ', ') FROM ir_module_module WHERE name = ANY(string_to_array('$addons', ',')) AND state = 'installed' AND NOT demo")
        if [ -n "$without" ]; then
            drop_database "$db"
            die "the demo data of $without failed to install (see the warning above)"
        fi
        say "demo database ready in $(seconds_since "$started") s"
    else
        missing=$(psql_odoo -d "$db" -c "SELECT string_agg(n, ',') FROM unnest(string_to_array('$addons', ',')) n WHERE n NOT IN (SELECT name FROM ir_module_module WHERE state='installed')")
        if [ -n "$missing" ]; then
            say "installing new addons into $db: $missing"
            odoo_bin -d "$db" -i "$missing" --stop-after-init --log-level=warn --no-http
        fi
    fi
    if [ -n "${AFTERSALES_LANG:-}" ]; then
        ensure_language "$db" "$AFTERSALES_LANG"
    fi
}

ensure_language() {
    # Install language $2 (e.g. ko_KR) into database $1, translations of every installed
    # module included, and make it the language of the demo users.
    local db=$1 lang=$2
    say "installing the language $lang into $db and setting it for the demo users"
    # The modules without a file for that language (most of Odoo's and the OCA's for
    # Korean) each log "no translation for language": that logger's information lines
    # are left out; its warnings and errors, and everything else, are kept.
    local conf="$LOCAL/odoo-loadlang.conf"
    rm -f "$conf"
    (umask 077 && {
        cat "$CONF"
        echo "log_handler = :INFO,odoo.addons.base.models.ir_module:WARNING"
    } >"$conf")
    if ! "$VENV/bin/python" "$ODOO_SRC/odoo-bin" i18n loadlang -c "$conf" -d "$db" -l "$lang" >&2; then
        rm -f "$conf"
        die "the language $lang could not be installed into $db (see above)"
    fi
    rm -f "$conf"
    psql_odoo -d "$db" -c "UPDATE res_partner SET lang = '$lang' WHERE id IN (SELECT partner_id FROM res_users WHERE login IN ('admin', 'demo', 'portal'))" >/dev/null
}

ensure_cjk_fonts() {
    # Korean text in Chromium screenshots needs a CJK font.
    # (grep reads all of it: with pipefail, fc-list killed by an early exit of grep -q
    # would read as "no font")
    fc-list 2>/dev/null | grep -i "cjk" >/dev/null && return 0
    apt_install fonts-noto-cjk || say "fonts-noto-cjk is missing: Korean text may not render in screenshots (Debian: apt-get install fonts-noto-cjk)."
}
