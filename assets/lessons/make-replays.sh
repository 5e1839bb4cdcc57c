#!/usr/bin/env bash
# Regenerates the results the shipped lessons replay (assets/lessons/replays/), with the app itself.
# Run from the repository root after `mvn -DskipTests package`; about 20 minutes on a 2-core laptop.
# Usage: assets/lessons/make-replays.sh [path/to/transfer-workbench.jar]
set -euo pipefail
JAR=${1:-app/target/transfer-workbench.jar}
OUT=assets/lessons/replays
CACHE=$(mktemp -d)            # a fresh base-net cache: every replay is trained from nothing
trap 'rm -rf "$CACHE"' EXIT
tw() { java -jar "$JAR" "$@" --cache "$CACHE"; }
only() { rm -rf "${OUT:?}/$1"; mkdir -p "$OUT"; }

# Lessons a and b: the paper's Figure 2 with the classroom preset, 3 random splits x 2 training seeds (132 runs).
only fig2
tw sweep sample-data/fashion-mnist --preset classroom --split random --seed 1 --splits 3 --seeds 2 --out "$OUT/fig2"

# Lesson c: a dissimilar split (tops vs shoes, bags and trousers), classroom preset, 3 training seeds (66 runs).
only dissimilar
tw sweep sample-data/fashion-mnist --preset classroom --split groups:sample-data/fashion-groups.json --seeds 3 \
    --out "$OUT/dissimilar"

# Lesson d: few examples; baseB, AnB and AnB+ at k=4 with 2, 10 and 50 training images per B class, 2 seeds.
only fewshot
tw fewshot sample-data/fashion-mnist --split random --seed 1 --sizes 2,10,50 --k 4 --seeds 2 --out "$OUT/fewshot"

# Lesson e: recycle a net trained elsewhere (the bundled Fashion-MNIST base net) onto a folder of colour drawings,
# with the paper's recipe (6 epochs; made before image folders got the small-data rule by default).
only recycle
tw sweep sample-data/emoji-natural-manmade --pretrained assets/nets/fashion-mnist-A.zip --seeds 2 --paper-recipe \
    --out "$OUT/recycle"
