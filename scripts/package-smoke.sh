#!/usr/bin/env bash
# package-smoke.sh — install and run the artefacts scripts/package.sh left in
# dist/, the way a user would, and check what they do:
#
#   checksums  dist/SHA256SUMS matches every artefact
#   .deb       metadata and file list; unpacked into a throwaway root with
#              `dpkg -x`; desktop entry valid; every shared library the binary
#              needs comes from a package in Depends; the installed binary's
#              version, demo (data in $XDG_DATA_HOME/churndesk, modes 700/600)
#              and serve (/api/v1/health, /api/v1/summary); then the desktop
#              smoke test (app/smoke_test.go) against that installed binary
#              under Xvfb
#   tarball    file list, and the unpacked binary's version
#   Windows    in a throwaway Wine prefix (Windows 10 mode): silent install
#              (/S), files and shortcuts where the installer's uninstall entry
#              says; the installed churndesk.exe's version, demo --accounts
#              200 (data in %APPDATA%\ChurnDesk, owned by the user), serve
#              answering /api/v1/summary, backup and restore; silent uninstall
#              removes the program and keeps the data
#
# Wine 8 (Debian 12) has no bcryptprimitives.dll, whose ProcessPrng every Go
# program since Go 1.22 calls at start; build/windows/wine-shim provides it
# and is compiled into the test prefix only. Needs what `scripts/deps.sh
# package` installs. Run it through `make package-smoke`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

VERSION=$(tr -d '[:space:]' <VERSION)
DIST="$ROOT/dist"
DEB="$DIST/churndesk_${VERSION}_amd64.deb"
TARBALL="$DIST/churndesk-$VERSION-linux-amd64.tar.gz"
INSTALLER="$DIST/churndesk-amd64-installer.exe"

started=$SECONDS
say() { printf 'package-smoke: %s\n' "$*" >&2; }
die() { say "FAIL: $*"; exit 1; }
ok() { printf '  ok  %s\n' "$*"; }
stage() { printf '\n--- %s (%ds)\n' "$*" $((SECONDS - started)); }
# expect WHAT GOT WANT
expect() { [ "$2" = "$3" ] || die "$1: got '$2', want '$3'"; ok "$1 = $3"; }

for f in "$DEB" "$TARBALL" "$INSTALLER" "$DIST/SHA256SUMS"; do
  [ -f "$f" ] || die "$f is missing: run \`make package\` first"
done

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "${WINEPREFIX:-}" ] && [ -d "${WINEPREFIX:-}" ]; then
    WINEPREFIX="$WINEPREFIX" "$wineserver" -k 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# wait_http URL PID: poll until URL answers 200, failing if PID exits.
wait_http() {
  local i
  for i in $(seq 1 150); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || die "the server exited before answering $1"
    sleep 0.2
  done
  die "no answer from $1 within 30 s"
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# ---------------------------------------------------------------------------
stage "checksums"
(cd "$DIST" && sha256sum --check --quiet SHA256SUMS) || die "dist/SHA256SUMS does not match"
ok "SHA256SUMS matches $(wc -l <"$DIST/SHA256SUMS") artefacts"

# ---------------------------------------------------------------------------
stage "Debian package: metadata and contents"
expect "Package" "$(dpkg-deb -f "$DEB" Package)" churndesk
expect "Version" "$(dpkg-deb -f "$DEB" Version)" "$VERSION"
expect "Architecture" "$(dpkg-deb -f "$DEB" Architecture)" amd64
depends=$(dpkg-deb -f "$DEB" Depends)
for need in libwebkit2gtk-4.1-0 libgtk-3-0 libc6; do
  [[ ", $depends" == *", $need "* || ", $depends," == *", $need,"* ]] || die "Depends lacks $need: $depends"
done
ok "Depends: $depends"
listing=$(dpkg-deb -c "$DEB")
for want in \
  "-rwxr-xr-x root/root .* ./usr/bin/churndesk$" \
  "-rw-r--r-- root/root .* ./usr/share/applications/churndesk.desktop$" \
  "-rw-r--r-- root/root .* ./usr/share/icons/hicolor/512x512/apps/churndesk.png$"; do
  grep -qE -- "$want" <<<"$listing" || die "the .deb has no entry matching '$want'"
done
ok "binary, desktop entry and icon in place, owned by root"

root="$work/debroot"
dpkg -x "$DEB" "$root"
bin="$root/usr/bin/churndesk"
desktop-file-validate "$root/usr/share/applications/churndesk.desktop" || die "desktop entry is not valid"
expect "desktop Exec" "$(sed -n 's/^Exec=//p' "$root/usr/share/applications/churndesk.desktop")" churndesk
expect "desktop Icon" "$(sed -n 's/^Icon=//p' "$root/usr/share/applications/churndesk.desktop")" churndesk
expect "icon size" "$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$root/usr/share/icons/hicolor/512x512/apps/churndesk.png")" 512x512

# Every library the binary links must come from a package in Depends.
ldd "$bin" | grep -q 'not found' && die "unresolved libraries: $(ldd "$bin" | grep 'not found')"
dep_names=$(tr ',' '\n' <<<"$depends" | sed 's/^ *//; s/ .*//')
nlibs=0
for lib in $(objdump -p "$bin" | awk '$1 == "NEEDED" {print $2}'); do
  path=$(ldd "$bin" | awk -v l="$lib" '$1 == l {print $3}')
  pkg=$( (dpkg-query -S "$path" 2>/dev/null || dpkg-query -S "$(readlink -f "$path")" 2>/dev/null ||
    dpkg-query -S "${path#/usr}" 2>/dev/null) | head -n1 | cut -d: -f1)
  [ -n "$pkg" ] || die "no package owns $path ($lib)"
  grep -qx "$pkg" <<<"$dep_names" || die "$lib comes from $pkg, which is not in Depends"
  nlibs=$((nlibs + 1))
done
ok "all $nlibs linked libraries resolve and come from packages in Depends"

# ---------------------------------------------------------------------------
stage "Debian package: the installed binary"
home="$work/home"
mkdir -p "$home"
run_linux() { env -u CHURNDESK_DB HOME="$home" XDG_DATA_HOME="$home/data" "$bin" "$@"; }
expect "churndesk version" "$(run_linux version)" "churndesk $VERSION"
run_linux demo --accounts 200 >/dev/null
data="$home/data/churndesk"
[ -f "$data/churndesk.db" ] || die "demo did not create $data/churndesk.db"
expect "data folder mode" "$(stat -c %a "$data")" 700
expect "database file mode" "$(stat -c %a "$data/churndesk.db")" 600
port=$(free_port)
# Started directly (not through run_linux) so that $! is the server itself.
env -u CHURNDESK_DB HOME="$home" XDG_DATA_HOME="$home/data" "$bin" serve --addr "127.0.0.1:$port" >"$work/serve-linux.log" 2>&1 &
pid=$!
pids+=("$pid")
wait_http "http://127.0.0.1:$port/api/v1/health" "$pid"
expect "serve /api/v1/health version" "$(curl -fsS "http://127.0.0.1:$port/api/v1/health" | json_field version)" "$VERSION"
expect "serve /api/v1/summary accounts" "$(curl -fsS "http://127.0.0.1:$port/api/v1/summary" | json_field accounts)" 200
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root">' || die "serve / did not return the web UI"
ok "serve / returns the web UI"
stop "$pid"

stage "Debian package: desktop smoke test on the installed binary (Xvfb)"
CHURNDESK_SMOKE_BIN="$bin" go test -tags smoke -run TestDesktopSmoke -count=1 ./app/ ||
  die "desktop smoke test failed on the installed binary"
ok "TestDesktopSmoke passed with CHURNDESK_SMOKE_BIN=$bin"

# ---------------------------------------------------------------------------
stage "portable tarball"
name="churndesk-$VERSION-linux-amd64"
expect "tarball contents" "$(tar -tzf "$TARBALL" | sort | tr '\n' ' ')" \
  "$name/ $name/CHANGELOG.md $name/README.md $name/churndesk $name/churndesk.desktop $name/churndesk.png "
tar -xzf "$TARBALL" -C "$work"
expect "tarball churndesk version" "$(env -u CHURNDESK_DB HOME="$home" "$work/$name/churndesk" version)" "churndesk $VERSION"

# ---------------------------------------------------------------------------
stage "Windows: Wine prefix"
wine=$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)
wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver)
[ -x "$wine" ] || die "wine64 not found: scripts/deps.sh package installs it"
export WINEPREFIX="$work/wine" WINEDEBUG=-all WINEARCH=win64
# No Mono/Gecko prompts, no desktop menu entries on the host.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
unset DISPLAY
w() { "$wine" "$@" 2>>"$work/wine.log" | tr -d '\r'; }
w wineboot --init >/dev/null
w winecfg -v win10 >/dev/null
"$wineserver" -w
sys32="$WINEPREFIX/drive_c/windows/system32"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$sys32/bcryptprimitives.dll" build/windows/wine-shim/bcryptprimitives.c -lbcrypt
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -o "$work/aclcheck.exe" ./build/windows/aclcheck
ok "prefix ready (Windows $(w reg query 'HKLM\Software\Microsoft\Windows NT\CurrentVersion' /v CurrentBuild | awk '/CurrentBuild/ {print $3}')), ProcessPrng shim in system32"

stage "Windows: silent install"
"$wine" "$INSTALLER" /S 2>>"$work/wine.log" || die "the installer exited with $?"
"$wineserver" -w
key='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\ChurnDeskChurnDesk'
reg_value() { w reg query "$key" /v "$1" | awk -v n="$1" '$1 == n {sub(/^[ \t]*[^ \t]+[ \t]+[^ \t]+[ \t]+/, ""); print}'; }
expect "uninstall entry DisplayVersion" "$(reg_value DisplayVersion | xargs)" "$VERSION"
exe_win=$(reg_value DisplayIcon | sed 's/ *$//')
uninst_win=$(reg_value UninstallString | sed 's/^"//; s/" *$//')
expect "installed program" "$exe_win" 'C:\Program Files\ChurnDesk\churndesk.exe'
unix_path() { w winepath -u "$1"; }
for f in "$exe_win" "$uninst_win" \
  'C:\ProgramData\Microsoft\Windows\Start Menu\Programs\ChurnDesk.lnk' 'C:\users\Public\Desktop\ChurnDesk.lnk'; do
  [ -f "$(unix_path "$f")" ] || die "$f is missing after the install"
done
ok "churndesk.exe, uninstall.exe, Start menu and desktop shortcuts are where the uninstall entry says"
if [ -f build/bin/churndesk.exe ]; then
  cmp -s "$(unix_path "$exe_win")" build/bin/churndesk.exe || die "the installed churndesk.exe differs from build/bin/churndesk.exe"
  ok "installed churndesk.exe is build/bin/churndesk.exe"
fi

stage "Windows: the installed churndesk.exe"
win() { w "$exe_win" "$@"; }
expect "churndesk.exe version" "$(win version)" "churndesk $VERSION"
win demo --accounts 200 >/dev/null
appdata_win="$(w cmd /c echo '%APPDATA%')"
data_win="$appdata_win\\ChurnDesk"
db_unix=$(unix_path "$data_win\\churndesk.db")
[ -f "$db_unix" ] || die "demo did not create $data_win\\churndesk.db"
ok "demo --accounts 200 wrote $data_win\\churndesk.db"
acl=$(w "$work/aclcheck.exe" "$data_win" "$data_win\\churndesk.db")
sid=$(awk -F'\t' '$1 == "user" {print $2}' <<<"$acl")
while IFS=$'\t' read -r path sd; do
  [ "$path" = user ] && continue
  [[ "$sd" == "O:$sid"* ]] || die "$path is not owned by the user ($sid): $sd"
  ok "$path owned by the user: $sd"
done <<<"$acl"

# summary_count: start serve, read /api/v1/summary's account count, stop.
summary_count() {
  local port pid n
  port=$(free_port)
  "$wine" "$exe_win" serve --addr "127.0.0.1:$port" >>"$work/serve-wine.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  wait_http "http://127.0.0.1:$port/api/v1/health" "$pid"
  n=$(curl -fsS "http://127.0.0.1:$port/api/v1/summary" | json_field accounts)
  stop "$pid"
  "$wineserver" -w
  echo "$n"
}
expect "serve /api/v1/summary accounts" "$(summary_count)" 200

backup_win='C:\churndesk-backup.db'
win backup "$backup_win" | grep -q '^Backed up to' || die "backup did not report success"
[ -s "$(unix_path "$backup_win")" ] || die "backup wrote no file"
ok "backup wrote $backup_win"
# Replace the live data with a smaller portfolio, then restore the backup.
rm -f "$db_unix" "$db_unix-wal" "$db_unix-shm"
win demo --accounts 50 >/dev/null
expect "accounts before restore" "$(summary_count)" 50
restored=$(win restore "$backup_win")
grep -q 'previous database is kept as' <<<"$restored" || die "restore did not keep the replaced file: $restored"
expect "accounts after restore" "$(summary_count)" 200

stage "Windows: silent uninstall"
w "$uninst_win" /S >/dev/null || true
for _ in $(seq 1 60); do
  [ -e "$(unix_path "$exe_win")" ] || break
  sleep 0.5
done
"$wineserver" -w
[ ! -e "$(unix_path "$exe_win")" ] || die "churndesk.exe is still there after the uninstall"
[ -z "$(w reg query "$key" 2>/dev/null | grep DisplayVersion)" ] || die "the uninstall entry is still there"
[ -f "$db_unix" ] || die "the uninstall removed the user's data"
ok "program and uninstall entry removed, data in $data_win kept"

printf '\npackage-smoke: all checks passed in %ds\n' $((SECONDS - started))
