# Sourced by scripts/test: the browser tests drive Debian's Chromium with playwright-core
# (Playwright's own browser download cannot work here).
ensure_chromium() {
  export AIB_CHROMIUM="${AIB_CHROMIUM:-/usr/bin/chromium}"
  if [ -x "$AIB_CHROMIUM" ]; then
    return 0
  fi
  log "Chromium not found; installing Debian's chromium"
  if [ "$(id -u)" != "0" ]; then
    log "need root to apt-get install chromium (or set AIB_CHROMIUM to a Chromium binary)"; return 1
  fi
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || return 1
}
