#!/usr/bin/env bash
# Builds a git repository for the git benchmark: DIR/agreements holds one team's agreement
# (payments) with REVISIONS revisions (default 500), each one realistic edit that validates.
# Usage: scripts/make-history-repo.sh DIR [REVISIONS]
# Deterministic: fixed dates, authors and messages, so the same arguments give the same commit ids.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 DIR [REVISIONS]" >&2; exit 2; }
dir=$1
revisions=${2:-500}
root="$(cd "$(dirname "$0")/.." && pwd)"
(cd "$root" && cargo build --release --quiet --example make-history-repo)
"$root/target/release/examples/make-history-repo" "$dir" "$revisions"
