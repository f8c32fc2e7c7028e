#!/usr/bin/env bash
# Provision PDFium (the PDF engine of Chromium), which claimscan uses to read PDFs, from the
# PyPI wheel of pypdfium2: the wheel carries a prebuilt libpdfium.so, and nothing is
# installed into Python. Both the wheel and the library are checked against the SHA-256
# sums below, so a different build is never picked up silently.
# Idempotent: does nothing when the library is in place and verified. The wheel is cached
# per user (4 MB).
#   usage: scripts/setup-pdfium.sh [DEST]   (default: .pdfium in the project)
# claimscan looks for DEST/libpdfium.so at the path baked in at build time (build.rs), or
# wherever CLAIMSCAN_PDFIUM points.
set -euo pipefail

project=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$project/.pdfium}
cache=${CLAIMSCAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/claimscan}/wheels
wheel_version=5.15.2
# PDFium build 159.0.8149 (pypdfium2_raw/version.json in the wheel).
pdfium_build=8149
wheel_name=pypdfium2-$wheel_version-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
wheel_sha256=dc31aea5b0fb9fefc9b537a65f4113980b2c40798445736a7e6565bc85161e37
library_sha256=c76dc0f7839644bfa7c3e3107a6068df714e339c861bb7d4519907b821d427f9

say() { printf '[pdfium] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

complete() {
  [ "$(cat "$dest/build-version" 2>/dev/null)" = "$pdfium_build" ] &&
    [ -f "$dest/libpdfium.so" ] &&
    [ "$(sha256_of "$dest/libpdfium.so")" = "$library_sha256" ]
}

if complete; then
  say "ready in $dest"
  exit 0
fi

arch=$(uname -m)
[ "$arch" = x86_64 ] || die "the PDFium build fetched here is for x86-64 Linux, this machine is $arch:
  put a libpdfium.so for this platform somewhere and set CLAIMSCAN_PDFIUM to its path"
for tool in python3 unzip sha256sum; do
  command -v "$tool" >/dev/null || die "'$tool' is missing: install it (Debian: apt-get install python3-pip unzip coreutils)"
done
python3 -m pip --version >/dev/null 2>&1 || die "pip is missing: install it (Debian: apt-get install python3-pip)"

mkdir -p "$cache"
wheel=$cache/$wheel_name
if [ -f "$wheel" ] && [ "$(sha256_of "$wheel")" = "$wheel_sha256" ]; then
  say "using cached $wheel_name"
else
  rm -f "$wheel"
  say "downloading pypdfium2==$wheel_version into $cache (4 MB)"
  python3 -m pip download --no-deps --only-binary=:all: --platform manylinux_2_17_x86_64 \
    --python-version 3.11 --progress-bar off -d "$cache" "pypdfium2==$wheel_version" >&2 ||
    die "pip could not download pypdfium2==$wheel_version (is PyPI reachable?)"
  [ -f "$wheel" ] || die "pip did not save $wheel_name in $cache"
  got=$(sha256_of "$wheel")
  if [ "$got" != "$wheel_sha256" ]; then
    rm -f "$wheel"
    die "$wheel_name has SHA-256 $got, expected $wheel_sha256: refusing to use it"
  fi
fi

# Unpack in a temporary folder beside the destination, then rename: never a half-made folder.
mkdir -p "$(dirname "$dest")"
work=$(mktemp -d "$(dirname "$dest")/.pdfium.tmp.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/pdfium"
unzip -q -j "$wheel" 'pypdfium2_raw/libpdfium.so' -d "$work/pdfium" ||
  die "could not unpack libpdfium.so from $wheel_name"
got=$(sha256_of "$work/pdfium/libpdfium.so")
[ "$got" = "$library_sha256" ] ||
  die "libpdfium.so from $wheel_name has SHA-256 $got, expected $library_sha256"
if command -v ldd >/dev/null && ldd "$work/pdfium/libpdfium.so" | grep -q "not found"; then
  die "libpdfium.so needs libraries this machine lacks: $(ldd "$work/pdfium/libpdfium.so" | grep 'not found')"
fi
echo "$pdfium_build" >"$work/pdfium/build-version"

rm -rf "$dest"
mv "$work/pdfium" "$dest"
complete || die "the folder $dest is incomplete"
say "ready in $dest (PDFium build $pdfium_build)"
