#!/usr/bin/env bash
# Builds the packaged Transfer Workbench: a jlink runtime (only the JDK modules the app needs) and a jpackage
# app-image, plus a .deb on Linux (set TYPES="app-image" to skip it). Output: installer/target/.
#
# jlink cannot take automatic modules (DL4J, jfreechart): the runtime holds the JDK modules and JavaFX's (linked from
# the modular platform jars Maven fetched), every other jar goes on the class path through jpackage --input. JDK 17's
# jpackage has no --app-content, so the sample data and bundled nets travel in the input folder too (the app finds
# them beside its jars).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
VERSION=$(sed -n 's:.*<version>\([0-9.]*\)</version>.*:\1:p' pom.xml | head -1)
OUT=installer/target
TYPES=${TYPES:-"app-image deb"}
NAME=TransferWorkbench

# PROFILE=cuda builds the GPU variant (README: GPU).
[ -f app/target/transfer-workbench.jar ] && [ "${SKIP_MVN:-}" = 1 ] || mvn -B -q -DskipTests ${PROFILE:+-P$PROFILE} clean package
rm -rf "$OUT"
mkdir -p "$OUT/input"
cp app/target/transfer-workbench.jar "$OUT/input/"
for jar in app/target/lib/*.jar; do
  case "$(basename "$jar")" in
    # JavaFX is linked into the runtime below.
    javafx-*) continue ;;
    # The plain ND4J build is superseded by the -onednn one, which JavaCPP prefers: ship one native build only.
    nd4j-native-*-linux-x86_64.jar|nd4j-native-*-windows-x86_64.jar|nd4j-native-*-macosx-x86_64.jar)
      ls app/target/lib/nd4j-native-*-onednn.jar >/dev/null 2>&1 && continue ;;
  esac
  cp "$jar" "$OUT/input/"
done
cp -r sample-data assets "$OUT/input/"
rm -rf "$OUT/input/sample-data/scripts" "$OUT/input/assets/screenshots"

MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.prefs,java.scripting,java.sql,java.xml,jdk.unsupported,jdk.zipfs,jdk.crypto.ec,jdk.management,jdk.jsobject,jdk.xml.dom,java.net.http
FX_MODULES=javafx.base,javafx.graphics,javafx.controls,javafx.swing
FX_JARS=$(ls app/target/lib/javafx-*-[lmw]*[a-z0-9].jar | grep -E -- '-(linux|mac|win)[a-z0-9-]*\.jar$' | tr '\n' ':')
"$JAVA_HOME/bin/jlink" --module-path "$JAVA_HOME/jmods:$FX_JARS" --add-modules "$MODULES,$FX_MODULES" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$OUT/runtime"

# Launcher options: oneDNN layer helpers on (also set in code), JavaFX falls back to software rendering by itself
# when no GPU pipeline works, native libraries are extracted once to a per-user cache (JavaCPP's ~/.javacpp/cache),
# and the heap may use up to half the memory.
# The class-data archive (installer/cds-archive.sh) makes the window start faster; the JVM ignores it where it is
# missing or was made for other jar paths.
JAVA_OPTIONS="-Dorg.eclipse.deeplearning4j.helpers.disable=false -XX:MaxRAMPercentage=50 -Dprism.order=es2,sw"
JAVA_OPTIONS="$JAVA_OPTIONS -XX:SharedArchiveFile=\$APPDIR/transfer-workbench.jsa"
COMMON=(--name "$NAME" --app-version "$VERSION" --vendor "Transfer Workbench" --description "See how transferable the features of a deep network are"
  --input "$OUT/input" --main-jar transfer-workbench.jar --main-class org.transferworkbench.Main
  --runtime-image "$OUT/runtime" --java-options "$JAVA_OPTIONS" --dest "$OUT")
# The app-image comes first, always: starting it records the classes the window loads (installer/cds-archive.sh), a
# list the .deb carries so that its postinst makes the archive where the package is installed.
"$JAVA_HOME/bin/jpackage" --type app-image --icon assets/icons/transfer-workbench.png "${COMMON[@]}"
installer/cds-archive.sh "$OUT/$NAME" "$NAME"
[ -f "$OUT/$NAME/lib/app/transfer-workbench.classlist" ] && cp "$OUT/$NAME/lib/app/transfer-workbench.classlist" "$OUT/input/"
for type in $TYPES; do
  case "$type" in
    app-image) ;;
    deb) "$JAVA_HOME/bin/jpackage" --type deb --icon assets/icons/transfer-workbench.png "${COMMON[@]}" \
           --resource-dir installer/linux --linux-package-name transfer-workbench --linux-shortcut \
           --linux-menu-group Education \
           --linux-app-category education \
           --linux-package-deps "libgtk-3-0, libgl1, libxtst6, libxxf86vm1, libasound2, libfreetype6, libfontconfig1" ;;
    *) echo "unknown package type $type" >&2; exit 2 ;;
  esac
done
du -sh "$OUT/runtime" "$OUT/$NAME" "$OUT"/*.deb 2>/dev/null || true
