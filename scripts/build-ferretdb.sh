#!/usr/bin/env bash
# Builds FerretDB v1.24.2 (a MongoDB wire-protocol server on SQLite) into a cache outside the repo.
#
# Why not `go install …/cmd/ferretdb@v1.24.2`: the published module has no build/version/version.txt
# (a generated file), and build/version/version.go panics at start-up when the binary's main module
# is FerretDB itself and that file does not hold a `v…` version (upstream issue FerretDB#2982).
# Building the command from inside another module used to avoid that check, but Go ≥ 1.24 records
# the module of the main package as the binary's main module, so that trick no longer works here
# (checked with Go 1.26). Instead we copy the module source out of the module cache, write the one
# generated file that `bin/task gen-version` would write (version.txt), and build it through a
# `replace` directive. The FerretDB source is otherwise untouched.
set -euo pipefail

VERSION="v1.24.2"
MODULE="github.com/FerretDB/FerretDB"
CACHE_DIR="${DUBAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/duban}"
ROOT="$CACHE_DIR/ferretdb-$VERSION"
OUT="$ROOT/ferretdb"

if [[ -x "$OUT" ]] && "$OUT" --version >/dev/null 2>&1; then
  echo "ferretdb $VERSION already built: $OUT"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "error: Go is needed to build FerretDB (install Go 1.22+ or set MONGODB_URI to a MongoDB server)" >&2
  exit 1
fi

start=$(date +%s)
echo "building ferretdb $VERSION into $OUT (a cold build takes a few minutes on two cores)"
mkdir -p "$ROOT"

echo "  [1/3] downloading $MODULE@$VERSION through the Go module proxy"
dir=$(cd "$ROOT" && GOFLAGS=-mod=mod go mod download -json "$MODULE@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[[ -d "$dir" ]] || { echo "error: go mod download did not report a source folder" >&2; exit 1; }

echo "  [2/3] preparing a patched copy (adds build/version/version.txt = $VERSION)"
rm -rf "$ROOT/FerretDB" "$ROOT/build"
cp -r "$dir" "$ROOT/FerretDB"
chmod -R u+w "$ROOT/FerretDB"
echo "$VERSION" > "$ROOT/FerretDB/build/version/version.txt"
mkdir -p "$ROOT/build"
cd "$ROOT/build"
cat > go.mod <<GOMOD
module duban-ferretdb-build

go 1.22

require $MODULE $VERSION

replace $MODULE => ../FerretDB
GOMOD
cat > tools.go <<'GO'
//go:build tools

package tools

import _ "github.com/FerretDB/FerretDB/cmd/ferretdb"
GO
GOFLAGS=-mod=mod go mod tidy >/dev/null

echo "  [3/3] go build (compiling; modernc SQLite dominates)"
( while sleep 30; do echo "  ... still compiling ($(( $(date +%s) - start ))s)"; done ) &
ticker=$!
trap 'kill $ticker 2>/dev/null || true' EXIT
GOFLAGS=-mod=mod go build -trimpath -o "$OUT.tmp" "$MODULE/cmd/ferretdb"
mv "$OUT.tmp" "$OUT"
"$OUT" --version | head -3
echo "ferretdb $VERSION built in $(( $(date +%s) - start ))s: $OUT"
