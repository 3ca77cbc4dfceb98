#!/usr/bin/env bash
# What the test suites need from the machine: Debian's Chromium (never Playwright's own
# download), CJK fonts for screenshots, and a running PostgreSQL on 127.0.0.1:5432.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
# The export tests convert workbooks with a real spreadsheet program (LibreOffice headless).
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Real SIP calls (scripts/test-sip.sh): registrar/proxy, WebRTC <-> RTP relay, plain SIP peers.
# rtpengine-daemon without recommends: the metapackage would pull in the kernel DKMS module.
sip=()
command -v kamailio >/dev/null 2>&1 || sip+=(kamailio)
[ -e /usr/lib/x86_64-linux-gnu/kamailio/modules/websocket.so ] || sip+=(kamailio-websocket-modules)
command -v sipp >/dev/null 2>&1 || sip+=(sip-tester)
command -v baresip >/dev/null 2>&1 || sip+=(baresip-core)
if [ ${#sip[@]} -gt 0 ] || ! command -v rtpengine >/dev/null 2>&1; then
  echo "== installing ${sip[*]} rtpengine-daemon"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  [ ${#sip[@]} -gt 0 ] && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${sip[@]}" >/dev/null
  command -v rtpengine >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends rtpengine-daemon >/dev/null
fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "== starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
