#!/usr/bin/env bash
# go-plugin compatibility: builds tests/compat (an independent Go host
# configured like Grafana, from Debian's go-plugin 1.0.1 and grpc packages,
# GOPATH mode, no module proxy) and runs it against the backend executable.
# Needs: apt-get install -y golang-go golang-github-hashicorp-go-plugin-dev \
#   golang-google-grpc-dev golang-golang-x-net-dev golang-github-golang-protobuf-1-5-dev
# The arm64 executable is checked too when it can run here: qemu-user-static
# plus arm64 libc (dpkg --add-architecture arm64; apt-get install
# qemu-user-static libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64).
set -euo pipefail
cd "$(dirname "$0")/../.."

EXE="${1:-dist/datasource/gpx_sloledger_linux_amd64}"
ARM64=dist/datasource/gpx_sloledger_linux_arm64
OUT=build/compat/compat

if ! command -v go >/dev/null || [ ! -d /usr/share/gocode/src/github.com/hashicorp/go-plugin ]; then
  echo "compat: Go or Debian's go-plugin sources missing; install them with:" >&2
  echo "  apt-get install -y golang-go golang-github-hashicorp-go-plugin-dev golang-google-grpc-dev golang-golang-x-net-dev golang-github-golang-protobuf-1-5-dev" >&2
  exit 1
fi
if [ ! -x "$EXE" ]; then
  echo "compat: $EXE missing; build it first (npm run build:backend)" >&2
  exit 1
fi

mkdir -p build/compat
# GOCACHE: HOME may be unset under CI-like environments.
GOCACHE="${GOCACHE:-$PWD/build/compat/gocache}" GO111MODULE=off GOPATH=/usr/share/gocode go build -o "$OUT" ./tests/compat

if [ $# -eq 0 ] && [ -x "$ARM64" ] && command -v qemu-aarch64-static >/dev/null && [ -e /lib/ld-linux-aarch64.so.1 ]; then
  # go-plugin execs the command directly, so emulate through a wrapper.
  printf '#!/bin/sh\nexec qemu-aarch64-static "%s" "$@"\n' "$PWD/$ARM64" > build/compat/arm64.sh
  chmod +x build/compat/arm64.sh
  echo "--- linux arm64 (qemu-user)"
  "$OUT" -exe build/compat/arm64.sh -label compat-arm64
fi

echo "--- linux amd64"
"$OUT" -exe "$EXE"
