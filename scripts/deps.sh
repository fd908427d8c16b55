#!/usr/bin/env bash
# deps.sh GROUP... — install what ChurnDesk's make targets need, quickly
# skipping whatever is already there.
#
# Groups:
#   serve  Go, Node/npm, frontend node_modules        (make serve, make build)
#   run    serve + GTK 3 / WebKitGTK 4.1 dev files, gcc, pkg-config and the
#          pinned Wails CLI                            (make run, make dev)
#   test   run + xvfb, xauth, dbus-daemon, x11-utils (the desktop smoke
#          test's session bus and xwininfo), chromium, postgresql, sqlite3, imagemagick,
#          poppler-utils, libreoffice-impress and -calc, R with the survival
#          package (the retention figures' outside oracle) (make test)
#   package run + MinGW-w64, NSIS, dpkg-dev, desktop-file-utils, Wine (64-bit),
#          curl, xvfb, xauth, dbus-daemon, x11-utils, imagemagick
#          (make package, make package-smoke)
#
# As root, missing Debian/Ubuntu packages are installed with apt-get (one
# `apt-get update` first). Otherwise the exact `sudo apt-get install …` line
# is printed and the script exits non-zero. Go (see go.mod) and Node.js 20+
# must already be installed.
set -euo pipefail

WAILS_VERSION=v2.16.0
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

say() { printf 'deps: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[ $# -gt 0 ] || set -- run

want_gui=0 want_test=0 want_package=0
for g in "$@"; do
  case "$g" in
    serve) ;;
    run) want_gui=1 ;;
    test) want_gui=1 want_test=1 ;;
    package) want_gui=1 want_package=1 ;;
    *) die "unknown group '$g' (use serve, run, test or package)" ;;
  esac
done

# --- system packages --------------------------------------------------------
pkgs=()
if [ "$want_gui" = 1 ]; then
  pkgs+=(gcc pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev)
fi
if [ "$want_test" = 1 ]; then
  pkgs+=(xvfb xauth dbus-daemon x11-utils chromium postgresql sqlite3 imagemagick poppler-utils libreoffice-impress libreoffice-calc r-base-core r-cran-survival)
fi
if [ "$want_package" = 1 ]; then
  pkgs+=(gcc-mingw-w64-x86-64 nsis dpkg-dev desktop-file-utils wine64 curl xvfb xauth dbus-daemon x11-utils imagemagick)
fi

missing=()
if [ ${#pkgs[@]} -gt 0 ]; then
  if ! command -v dpkg-query >/dev/null 2>&1; then
    die "not a Debian/Ubuntu system: install the equivalents of: ${pkgs[*]}"
  fi
  for p in "${pkgs[@]}"; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" != installed ]; then
      missing+=("$p")
    fi
  done
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    say "missing system packages: ${missing[*]}"
    say "install them with:"
    printf 'sudo apt-get install -y %s\n' "${missing[*]}" >&2
    exit 1
  fi
  say "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# --- Go and Node ------------------------------------------------------------
command -v go >/dev/null 2>&1 || die "Go is not installed (need the version in go.mod): https://go.dev/dl/"
command -v node >/dev/null 2>&1 || die "Node.js 20+ is not installed: https://nodejs.org/"
command -v npm >/dev/null 2>&1 || die "npm is not installed (it comes with Node.js)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js $(node --version) is too old: need 20 or newer"

# --- Wails CLI (pinned) -----------------------------------------------------
if [ "$want_gui" = 1 ]; then
  gobin=$(go env GOBIN)
  [ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
  export PATH="$gobin:$PATH"
  have=""
  if command -v wails >/dev/null 2>&1; then
    have=$(wails version 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -n1 || true)
  fi
  if [ "$have" != "$WAILS_VERSION" ]; then
    say "installing Wails CLI $WAILS_VERSION (found: ${have:-none})"
    go install "github.com/wailsapp/wails/v2/cmd/wails@$WAILS_VERSION"
  fi
fi

# --- frontend node_modules --------------------------------------------------
fe="$ROOT/frontend"
if [ -f "$fe/package-lock.json" ]; then
  if [ ! -d "$fe/node_modules" ] || [ "$fe/package-lock.json" -nt "$fe/node_modules" ]; then
    say "npm ci in frontend/"
    (cd "$fe" && npm ci --no-audit --no-fund)
    touch "$fe/node_modules"
  fi
else
  die "frontend/package-lock.json is missing"
fi
