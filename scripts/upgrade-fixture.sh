#!/usr/bin/env bash
# upgrade-fixture.sh [COMMIT] — rebuild backend/reliability/testdata/release-<version>.db,
# a database written by an earlier release, for the upgrade test.
#
# Builds churndesk from COMMIT (default: the commit that last changed VERSION)
# in a temporary git worktree, loads the sample portfolio (60 accounts, seed 3),
# recomputes health and places tiers with that build, and compacts the file.
# The upgrade test (TestPreviousReleaseDatabaseUpgrades) opens a copy with
# the current code.
set -euo pipefail
root=$(git rev-parse --show-toplevel)
commit=${1:-$(git -C "$root" log -n 1 --format=%H -- VERSION)}
tmp=$(mktemp -d)
cleanup() { git -C "$root" worktree remove --force "$tmp/src" >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap cleanup EXIT
git -C "$root" worktree add --detach "$tmp/src" "$commit" >/dev/null
version=$(cat "$tmp/src/VERSION")
(cd "$tmp/src" && go build -o "$tmp/churndesk" .)
db="$tmp/fixture.db"
export XDG_DATA_HOME="$tmp/data"
"$tmp/churndesk" demo --db "$db" --accounts 60 --seed 3 >/dev/null
"$tmp/churndesk" health recompute --db "$db" >/dev/null
"$tmp/churndesk" tiers evaluate --db "$db" >/dev/null
out="$root/backend/reliability/testdata/release-$version.db"
rm -f "$out"
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE); VACUUM INTO '$out';"
echo "wrote $out (churndesk $version at ${commit:0:12}, $(du -h "$out" | cut -f1))"
