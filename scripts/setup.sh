#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine: Debian packages the tests drive for real
# (Chromium for the browser tests, mosquitto for the bridge's external-broker tests), then the npm workspaces from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/sbin/mosquitto ] || command -v mosquitto >/dev/null 2>&1 || need+=(mosquitto)
command -v g++ >/dev/null 2>&1 || need+=(g++)
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing Debian packages: ${need[*]} (run this script as root, or install them with apt-get)" >&2
    exit 1
  fi
fi

npm install --no-audit --no-fund
