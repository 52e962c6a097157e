#!/bin/bash
# A Slurm array job: task I of N runs the I-th slice of the sweep on its node's cores.
#   jobid=$(sbatch --parsable --array=1-8 docs/sharding/slurm.sh my-sweep.linmap)
#   sbatch --dependency=afterok:$jobid --wrap "linmap merge shards/shard-*.jsonl > sweep.jsonl"
#SBATCH --job-name=linmap-sweep
#SBATCH --array=1-8
#SBATCH --cpus-per-task=4
#SBATCH --output=shards/slurm-%A_%a.log
set -euo pipefail
scenario=${1:?usage: sbatch docs/sharding/slurm.sh SCENARIO}
mkdir -p shards
linmap run "$scenario" --format jsonl --jobs "$SLURM_CPUS_PER_TASK" --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" > "shards/shard-$SLURM_ARRAY_TASK_ID.jsonl"
