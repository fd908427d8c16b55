#!/usr/bin/env bash
# package.sh — build ChurnDesk's release artefacts into dist/:
#
#   churndesk_VERSION_amd64.deb             Debian/Ubuntu package (binary on
#                                           PATH, desktop entry, icon)
#   churndesk-VERSION-linux-amd64.tar.gz    portable Linux build
#   churndesk-amd64-installer.exe           Windows installer (NSIS, made by
#                                           `wails build -nsis`, cross-compiled
#                                           with MinGW-w64)
#   SHA256SUMS                              SHA-256 of each of them
#
# The version comes from the VERSION file (the binary embeds it; wails.json's
# info.productVersion must say the same). `make package` installs the tools
# first (scripts/deps.sh package) and builds the frontend; run this script
# through it. Nothing is downloaded: the WebView2 bootstrapper the installer
# carries comes with the Wails module.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

say() { printf 'package: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

VERSION=$(tr -d '[:space:]' <VERSION)
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "VERSION must be MAJOR.MINOR.PATCH, found '$VERSION'"
wails_version=$(node -p 'require("./wails.json").info.productVersion')
[ "$wails_version" = "$VERSION" ] ||
  die "wails.json info.productVersion is '$wails_version' but VERSION says '$VERSION': make them agree"
[ -f frontend/dist/index.html ] || die "frontend/dist is not built: run it through \`make package\`"

# Timestamps inside the archives come from the last commit, so that two
# builds of one commit give the same tarball and .deb contents.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"

DIST="$ROOT/dist"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$DIST"
mkdir -p "$DIST"

# Same flags as `make build-desktop`: the frontend is already built (-s), no
# `go mod tidy` (-m), no generated bindings (-skipbindings); -trimpath keeps
# this machine's paths out of the binaries.
wails_flags=(-skipbindings -m -s -trimpath -nocolour)

# --- Linux ------------------------------------------------------------------
say "Linux desktop binary (wails build -tags webkit2_41)"
wails build -tags webkit2_41 "${wails_flags[@]}" -o churndesk
bin="$ROOT/build/bin/churndesk"
[ -x "$bin" ] || die "wails build did not write $bin"
cp "$bin" "$work/churndesk"

say "Debian package"
deb="$work/deb"
install -Dm755 "$work/churndesk" "$deb/usr/bin/churndesk"
install -Dm644 build/linux/churndesk.desktop "$deb/usr/share/applications/churndesk.desktop"
install -Dm644 build/appicon.png "$deb/usr/share/icons/hicolor/512x512/apps/churndesk.png"
install -Dm644 README.md "$deb/usr/share/doc/churndesk/README.md"
install -Dm644 CHANGELOG.md "$deb/usr/share/doc/churndesk/CHANGELOG.md"

# Depends: the packages that hold the shared libraries the binary links
# (GTK 3, WebKitGTK 4.1, libsoup 3, GLib, libc), with the minimum versions
# their symbols need, as dpkg-shlibdeps reads them from this system.
mkdir -p "$work/shlibs/debian"
printf 'Source: churndesk\n\nPackage: churndesk\nArchitecture: amd64\n' >"$work/shlibs/debian/control"
depends=$(cd "$work/shlibs" && dpkg-shlibdeps -O "$deb/usr/bin/churndesk" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[[ "$depends" == *libwebkit2gtk-4.1-0* ]] || die "dpkg-shlibdeps found no WebKitGTK 4.1 dependency: '$depends'"

mkdir -p "$deb/DEBIAN"
cat >"$deb/DEBIAN/control" <<EOF
Package: churndesk
Version: $VERSION
Architecture: amd64
Maintainer: ChurnDesk maintainers <maintainers@churndesk.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$deb" | cut -f1)
Depends: $depends
Section: misc
Priority: optional
Description: churn database, account health and retention figures
 ChurnDesk keeps a small B2B SaaS team's accounts, usage, NPS answers and
 health scores, the churn database and the retention figures (GRR, NRR,
 Kaplan-Meier curve) in one local SQLite file, or in a shared PostgreSQL
 database. It runs as a desktop window, or as a local web server for a
 browser (churndesk serve).
EOF
find "$deb" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz --build "$deb" "$DIST/churndesk_${VERSION}_amd64.deb" >/dev/null

say "portable tarball"
name="churndesk-$VERSION-linux-amd64"
tarroot="$work/tar/$name"
install -Dm755 "$work/churndesk" "$tarroot/churndesk"
install -Dm644 build/linux/churndesk.desktop "$tarroot/churndesk.desktop"
install -Dm644 build/appicon.png "$tarroot/churndesk.png"
install -Dm644 README.md "$tarroot/README.md"
install -Dm644 CHANGELOG.md "$tarroot/CHANGELOG.md"
tar -C "$work/tar" --sort=name --owner=0 --group=0 --numeric-owner \
  --mtime="@$SOURCE_DATE_EPOCH" -cf - "$name" | gzip -n -9 >"$DIST/$name.tar.gz"

# --- Windows ----------------------------------------------------------------
# go-sqlite3 is C, so the Windows binary needs cgo with the MinGW-w64 cross
# compiler. Wails writes build/bin/churndesk.exe and, from
# build/windows/installer/project.nsi, build/bin/churndesk-amd64-installer.exe.
say "Windows binary and NSIS installer (wails build -platform windows/amd64 -nsis)"
rm -f build/bin/churndesk.exe build/bin/churndesk-amd64-installer.exe
CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ \
  wails build -platform windows/amd64 -nsis "${wails_flags[@]}" -o churndesk.exe
[ -f build/bin/churndesk-amd64-installer.exe ] || die "wails build did not write the installer (is makensis installed?)"
cp build/bin/churndesk-amd64-installer.exe "$DIST/"

# --- checksums --------------------------------------------------------------
(cd "$DIST" && sha256sum -- *.deb *.tar.gz *.exe >SHA256SUMS)
say "done: dist/ (version $VERSION)"
(cd "$DIST" && ls -l --time-style=+ -- * | awk '{printf "  %10s  %s\n", $5, $NF}') >&2
