#!/bin/sh
# Spread a streamed sweep over N processes with GNU parallel (add --sshlogin to use other
# machines), then join the shards into exactly the output of one run.
#   usage: docs/sharding/parallel.sh SCENARIO [N] [OUT]
#   LINMAP: how to call linmap (default: linmap)
set -eu
scenario=$1
n=${2:-4}
out=${3:-sweep.jsonl}
linmap=${LINMAP:-linmap}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
seq 1 "$n" | parallel -j "$n" "$linmap run $scenario --format jsonl --jobs 1 --shard {}/$n > $dir/shard-{}.jsonl"
$linmap merge "$dir"/shard-*.jsonl > "$out"
