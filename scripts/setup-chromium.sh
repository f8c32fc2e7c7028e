#!/usr/bin/env bash
# The browser of the report's check (scripts/browser/check.mjs): Debian's chromium, and
# Node.js with npm for the check itself. Installs only what is missing (apt-get).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-dejavu-core)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -eq 0 ]; then
    # Debian's chromium wrapper prints a harmless shell warning on stderr.
    echo "[setup] chromium in place: $(chromium --version 2>/dev/null); node $(node --version)"
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "[setup] installing from Debian: ${missing[*]} (apt-get; chromium is about 100 MB)"
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
echo "[setup] chromium installed: $(chromium --version 2>/dev/null)"
