#!/usr/bin/env bash
# Measures the learning rate and input size image folders are trained at: baseB (the net trained from scratch on B)
# for every learning rate x image size, 3 seeds each, under the small-data rule; prints the mean best validation
# accuracy (what the choice is made on) and the mean test accuracy of each.
# Run from the repository root after `mvn -DskipTests package`.
# Usage: sample-data/scripts/measure-folder-recipe.sh FOLDER SPLIT [extra sweep options...]
#   e.g. sample-data/scripts/measure-folder-recipe.sh sample-data/emoji-natural-manmade groups:sample-data/emoji-groups.json
set -euo pipefail
JAR=${JAR:-app/target/transfer-workbench.jar}
DATA=$1
SPLIT=$2
shift 2
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for size in 32 48; do
    for lr in 0.0003 0.001 0.003; do
        java -jar "$JAR" sweep "$DATA" --split "$SPLIT" --conditions baseB --seeds 3 --image-size "$size" \
            --learning-rate "$lr" --no-cache --out "$OUT/size$size-lr$lr" "$@" > "$OUT/size$size-lr$lr.log" 2>&1
        python3 - "$OUT/size$size-lr$lr/results.json" "$size" "$lr" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
val = [max(e["validationAccuracy"] for e in r["epochs"]) for r in runs]
test = [r["testAccuracy"] for r in runs]
secs = sum(r["seconds"] for r in runs)
print("size %s lr %-6s  best validation %.3f (%s)  test %.3f (%s)  %d runs, %.0f s" % (
    sys.argv[2], sys.argv[3], sum(val) / len(val), " ".join("%.3f" % v for v in val),
    sum(test) / len(test), " ".join("%.3f" % t for t in test), len(runs), secs))
PY
    done
done
