#!/usr/bin/env bash
# The web page's browser test (crates/keypoints-server/tests/browser.rs) drives Debian's headless
# Chromium through chromedriver; bench/load.sh uses wrk. CI runs as root after `apt-get update`.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v wrk >/dev/null; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y --no-install-recommends chromium chromium-driver wrk fonts-dejavu-core >/dev/null
chromium --version
