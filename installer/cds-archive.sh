#!/usr/bin/env bash
# Class-data sharing for the packaged app: records which classes the window loads while it starts (the `screenshot
# --preset start` command under Xvfb) and writes them, parsed and verified, to lib/app/transfer-workbench.jsa, which
# the launcher maps at start (-XX:SharedArchiveFile, README: Packaging). The list travels in the package
# (lib/app/transfer-workbench.classlist), because the archive holds the absolute paths of the jars: the .deb's postinst
# makes it again where the package is installed. A missing or stale archive is ignored by the JVM: the app then starts
# as before, only slower.
#   installer/cds-archive.sh APP_IMAGE_DIR [NAME]
set -euo pipefail
IMAGE=$(cd "$1" && pwd)
NAME=${2:-TransferWorkbench}
APP="$IMAGE/lib/app"
LIST="$APP/transfer-workbench.classlist"
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "cds-archive: no xvfb-run (apt-get install xvfb): the package starts without a class-data archive" >&2
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home"
# A fresh home, so the run neither reads nor changes the builder's settings.
env -i HOME="$work/home" PATH=/usr/bin:/bin LANG=C.UTF-8 JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$LIST" \
  xvfb-run -a -s "-screen 0 1440x900x24" "$IMAGE/bin/$NAME" screenshot --preset start --out "$work/start.png" \
  > "$work/run.log" 2>&1 || { echo "cds-archive: the window did not start (see below); no archive" >&2;
                               tail -5 "$work/run.log" >&2; rm -f "$LIST"; exit 0; }
"$IMAGE/lib/runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$LIST" \
  -XX:SharedArchiveFile="$APP/transfer-workbench.jsa" \
  -cp "$(sed -n "s|^app.classpath=\\\$APPDIR|$APP|p" "$APP/$NAME.cfg" | paste -sd: -)" > "$work/dump.log" 2>&1 \
  || { echo "cds-archive: dump failed; no archive" >&2; tail -5 "$work/dump.log" >&2; exit 0; }
echo "cds-archive: $(wc -l < "$LIST") classes, $(du -h "$APP/transfer-workbench.jsa" | cut -f1) archive"
