#!/usr/bin/env bash
# Smoke test of the packaged app: builds the image, starts it under Xvfb with no Maven or JDK on the PATH, waits for
# the window (and prints how long that took), takes a screenshot, then runs the packaged command line's sweep on a
# tiny setting. Exits non-zero if any step fails. Needs xvfb, imagemagick (import) and x11-utils (xwininfo):
#   apt-get install -y xvfb imagemagick x11-utils fakeroot
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=installer/target
NAME=TransferWorkbench
[ "${SKIP_BUILD:-}" = 1 ] || TYPES="${TYPES:-app-image}" installer/build.sh
LAUNCHER="$OUT/$NAME/bin/$NAME"
[ -x "$LAUNCHER" ] || { echo "FAIL: no launcher at $LAUNCHER"; exit 1; }
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
# Nothing from the build machine: no JDK, no Maven on the PATH, a fresh home (so caches start empty).
CLEAN_ENV=(env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8)
mkdir -p "$WORK/home"

echo "== window"
Xvfb :97 -screen 0 1440x900x24 >/dev/null 2>&1 &
sleep 1
start=$(date +%s.%N)
"${CLEAN_ENV[@]}" DISPLAY=:97 "$LAUNCHER" > "$WORK/gui.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do
  if DISPLAY=:97 xwininfo -root -tree 2>/dev/null | grep -q '"Transfer Workbench"'; then break; fi
  kill -0 $app 2>/dev/null || { echo "FAIL: the app exited"; cat "$WORK/gui.log"; exit 1; }
  sleep 0.25
done
DISPLAY=:97 xwininfo -root -tree | grep -q '"Transfer Workbench"' || { echo "FAIL: no window after 30 s"; exit 1; }
shown=$(date +%s.%N)
sleep 4  # let the sample data load and the first frame settle
DISPLAY=:97 import -window root "$OUT/smoke-window.png"
printf 'startup: window shown %.1f s after launch\n' "$(echo "$shown - $start" | bc)"
kill $app; wait $app 2>/dev/null || true

echo "== packaged command line"
APPDIR="$OUT/$NAME/lib/app"
"${CLEAN_ENV[@]}" "$LAUNCHER" sweep "$APPDIR/sample-data/fashion-mnist" --split random --seed 1 --k 4..5 \
  --conditions baseB,BnB,AnB+ --epochs 1 --b-per-class 20 --out "$WORK/results" | tail -12
test -s "$WORK/results/results.json" || { echo "FAIL: no results.json"; exit 1; }

echo "== packaged net import (Keras HDF5 needs the bundled HDF5 natives)"
"${CLEAN_ENV[@]}" "$LAUNCHER" inspect-net "$APPDIR/assets/nets/keras/fashion-A-functional.h5" | head -3
"${CLEAN_ENV[@]}" "$LAUNCHER" sweep "$APPDIR/sample-data/fashion-mnist" \
  --pretrained "$APPDIR/assets/nets/keras/fashion-A-sequential.h5" --k 3 --epochs 1 --b-per-class 20 \
  --out "$WORK/keras" | tail -6
test -s "$WORK/keras/results.json" || { echo "FAIL: no results.json from the Keras sweep"; exit 1; }
echo "PASS: window in $(printf '%.1f' "$(echo "$shown - $start" | bc)") s, screenshot $OUT/smoke-window.png, sweeps (base nets, Keras net) wrote results.json"
