# Sourced by the scripts in scripts/: puts Node.js 22 and the committed yarn release on PATH.
# Backstage 1.55 and @azure/identity need Node 22 or 24; machines may only have Node 20 and npm,
# and may reach nothing but the npm registry, so Node 22 comes from the `node-linux-<arch>` npm
# package (the binary plus its C headers, which native modules such as better-sqlite3 build against).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ROOT
NODE22_VERSION="22.23.3"
TOOLS_DIR="${AIB_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/aib-scorecards}"

log() { printf '\033[1m[aib]\033[0m %s\n' "$*" >&2; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if [ "$(node_major)" -ge 22 ]; then
    return 0
  fi
  local arch
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) log "unsupported CPU $(uname -m): install Node.js 22 yourself"; return 1 ;;
  esac
  local pkg="node-linux-${arch}"
  local dir="$TOOLS_DIR/node-$NODE22_VERSION"
  if [ ! -x "$dir/node_modules/$pkg/bin/node" ]; then
    log "Node $(node --version 2>/dev/null || echo none) is too old; installing Node $NODE22_VERSION from the npm registry into $dir"
    mkdir -p "$dir"
    (cd "$dir" && npm install --no-save --no-audit --no-fund --loglevel=error "$pkg@$NODE22_VERSION") || return 1
  fi
  export PATH="$dir/node_modules/$pkg/bin:$PATH"
  # node-gyp must build native modules against the headers of the Node that runs them.
  export npm_config_nodedir="$dir/node_modules/$pkg"
}

ensure_yarn() {
  local release
  release="$(sed -n 's/^yarnPath: *//p' "$ROOT/.yarnrc.yml")"
  mkdir -p "$TOOLS_DIR/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$ROOT/$release" > "$TOOLS_DIR/bin/yarn"
  chmod +x "$TOOLS_DIR/bin/yarn"
  export PATH="$TOOLS_DIR/bin:$PATH"
}

yarn_install() {
  # --immutable in CI: the committed lockfile is the truth there.
  if [ "${CI:-}" = "true" ]; then
    yarn install --immutable
  else
    yarn install
  fi
}

setup_toolchain() {
  ensure_node && ensure_yarn
  export YARN_ENABLE_TELEMETRY=0
  export YARN_ENABLE_PROGRESS_BARS=0
  log "node $(node --version), yarn $(yarn --version)"
}
