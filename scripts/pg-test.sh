#!/usr/bin/env bash
# pg-test.sh [COMMAND...] — start a throwaway PostgreSQL cluster for tests.
#
# The cluster lives in a temporary folder, listens on a free port on
# 127.0.0.1 only (plus a Unix socket in that folder), trusts local
# connections and has one empty database. CHURNDESK_TEST_PG is exported as
# postgres://postgres@127.0.0.1:PORT/churndesk_test?sslmode=disable; with
# PG_TEST_RESTART=1 also CHURNDESK_TEST_PG_RESTART, the command that restarts it.
#
#   scripts/pg-test.sh go test -race ./backend/...   run COMMAND, then stop
#   scripts/pg-test.sh                                print the DSN, wait for Ctrl-C
#
# The server and its folder are removed on exit whatever happens. When run as
# root the server runs as the `postgres` system user (PostgreSQL refuses to
# run as root). Needs the Debian postgresql package (scripts/deps.sh test).
set -euo pipefail

say() { printf 'pg-test: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    if [ -x "$d/initdb" ]; then bindir=$d; break; fi
  done
fi
[ -n "$bindir" ] && [ -x "$bindir/initdb" ] || bindir=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
[ -x "$bindir/initdb" ] || die "PostgreSQL server binaries not found: run scripts/deps.sh test (apt package postgresql)"

as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' system user"
  as_pg=(runuser -u postgres --)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/churndesk-pg.XXXXXX")
chmod 700 "$tmp"
[ ${#as_pg[@]} -eq 0 ] || chown postgres: "$tmp"
data="$tmp/data"
log="$tmp/server.log"
started=0
sleeper=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -z "$sleeper" ] || kill "$sleeper" 2>/dev/null || true
  if [ "$started" = 1 ]; then
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${as_pg[@]}" "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 ||
  { cat "$tmp/initdb.log" >&2; die "initdb failed"; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

port=""
for _ in 1 2 3 4 5 6 7 8; do
  p=$((20000 + RANDOM % 30000))
  port_free "$p" || continue
  if "${as_pg[@]}" "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $p -c unix_socket_directories=$tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
    port=$p started=1
    break
  fi
done
[ -n "$port" ] || { cat "$log" >&2 2>/dev/null || true; die "could not start PostgreSQL"; }

"$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres churndesk_test || die "createdb failed"

export CHURNDESK_TEST_PG="postgres://postgres@127.0.0.1:$port/churndesk_test?sslmode=disable"
# With PG_TEST_RESTART=1, tests may restart this server (fast shutdown, same
# options, waiting until it is up again): only for a command that has the
# server to itself.
if [ "${PG_TEST_RESTART:-}" = 1 ]; then
  export CHURNDESK_TEST_PG_RESTART="${as_pg[*]} $bindir/pg_ctl -D $data -l $log -w -t 60 -m fast restart"
fi
say "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
echo "export CHURNDESK_TEST_PG='$CHURNDESK_TEST_PG'"

if [ $# -eq 0 ]; then
  say "press Ctrl-C to stop and remove it"
  while :; do
    sleep 3600 &
    sleeper=$!
    wait "$sleeper" || true
  done
fi

set +e
"$@"
rc=$?
set -e
exit "$rc"
