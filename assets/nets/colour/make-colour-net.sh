#!/usr/bin/env bash
# Makes assets/nets/emoji-groups-A.zip (+ .json): the bundled colour source net, a workbench CNN trained by this app on
# emoji artwork of three vendors under permissive licences (Noto Emoji, Apache-2.0; Twemoji, CC-BY-4.0; Fluent Emoji
# Flat, MIT), labelled by Unicode CLDR group, without any emoji of the subgroups the emoji sample is made of.
# Run from the repository root after `mvn -DskipTests package`; needs npm and ImageMagick; a few minutes on 2 cores.
# Usage: assets/nets/colour/make-colour-net.sh [path/to/transfer-workbench.jar]
set -euo pipefail
JAR=${1:-app/target/transfer-workbench.jar}
SET=$(mktemp -d)
trap 'rm -rf "$SET"' EXIT
python3 assets/nets/colour/make_emoji_groups_set.py "$SET/emoji-groups"
# Side A: the seven largest groups; B (not trained here) the two smallest. The folder rule: augmented views, early
# stopping after 10 epochs without a better validation loss (best weights kept), at most 30 epochs.
java -jar "$JAR" train-base "$SET/emoji-groups" --split groups:assets/nets/colour/emoji-groups-split.json --side A \
    --seed 1 --epochs 30 --out assets/nets/emoji-groups-A.zip
