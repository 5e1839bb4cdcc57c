#!/usr/bin/env python3
"""Builds the colour image set the bundled colour source net is trained on: every emoji of three vendors' artwork
under permissive licences, labelled by its Unicode CLDR group (Smileys & Emotion, People & Body, Symbols, ...), 48x48
PNG on white.

It leaves out every emoji of the subgroups the emoji sample (sample-data/emoji-natural-manmade) is made of (mammals,
birds, bugs, plants, fruit, ground transport, buildings, tools, household objects, clothing), under any vendor, so
the source net has never seen an image, or a concept, of the task it is transferred to.

  Noto Emoji (Google)          npm emoji-datasource-google@16.0.0          Apache-2.0
  Twemoji (Twitter)            npm emoji-datasource-twitter@16.0.0         CC-BY-4.0
  Fluent Emoji Flat (Microsoft) npm @iconify-json/fluent-emoji-flat@1.2.6  MIT (SVG, rasterised here)

OpenMoji (CC-BY-SA-4.0, share-alike) is left out: a net trained on it would arguably be an adaptation under the same
licence. Skin-tone variants are left out (near copies). Needs npm and ImageMagick (mogrify).
Usage: python3 make_emoji_groups_set.py OUT_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "sample-data", "scripts"))
from make_emoji_set import fetch  # noqa: E402 (the emoji sample's npm download, shared)

PACKAGES = {
    "noto": "emoji-datasource-google@16.0.0",
    "twemoji": "emoji-datasource-twitter@16.0.0",
    "fluent": "@iconify-json/fluent-emoji-flat@1.2.6",
}
SKIN_TONES = {"1f3fb", "1f3fc", "1f3fd", "1f3fe", "1f3ff"}
# The emoji sample's subgroups (make_emoji_set.py's CLASSES): never in this set.
SAMPLE_SUBGROUPS = {"animal-mammal", "animal-bird", "animal-bug", "plant-flower", "plant-other", "food-fruit",
                    "transport-ground", "place-building", "tool", "household", "clothing"}
# CLDR group -> folder name; "Component" (skin-tone swatches, hair parts) is not an image class.
GROUPS = {
    "Smileys & Emotion": "smileys", "People & Body": "people", "Animals & Nature": "animals-nature",
    "Food & Drink": "food-drink", "Travel & Places": "travel-places", "Activities": "activities",
    "Objects": "objects", "Symbols": "symbols", "Flags": "flags",
}
SIZE = 48


def datasource_images(root, vendor_dir):
    with open(os.path.join(root, "emoji.json")) as f:
        for e in json.load(f):
            path = os.path.join(root, "img", vendor_dir, "64", e["image"])
            if os.path.isfile(path):
                yield e["category"], e["subcategory"], e["unified"].lower(), path


def code_key(code):
    """A code point sequence without variation selectors, lower case: 'U+2764 FE0F' and '2764' match."""
    return "-".join(p for p in code.lower().split("-") if p != "fe0f")


def fluent_images(root, groups_by_code, tmp):
    """Fluent Emoji Flat's SVG icons, each written as an SVG file; group and subgroup from emoji-datasource."""
    with open(os.path.join(root, "icons.json")) as f:
        icons = json.load(f)
    with open(os.path.join(root, "chars.json")) as f:
        chars = json.load(f)
    size = icons.get("width", 32)
    for code, name in chars.items():
        key = code_key(code)
        icon = icons["icons"].get(name)
        if icon is None or key not in groups_by_code or SKIN_TONES & set(key.split("-")):
            continue
        group, subgroup = groups_by_code[key]
        path = os.path.join(tmp, "fluent-%s.svg" % key)
        with open(path, "w") as out:
            out.write('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                      'viewBox="0 0 %d %d" width="192" height="192">%s</svg>' % (size, size, icon["body"]))
        yield group, subgroup, key, path


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_emoji_groups_set.py OUT_DIR")
    out = sys.argv[1]
    counts = {}
    with tempfile.TemporaryDirectory() as tmp:
        roots = fetch(tmp, PACKAGES)
        with open(os.path.join(roots["noto"], "emoji.json")) as f:
            groups_by_code = {code_key(e["unified"]): (e["category"], e["subcategory"]) for e in json.load(f)}
        sources = {
            "noto": datasource_images(roots["noto"], "google"),
            "twemoji": datasource_images(roots["twemoji"], "twitter"),
            "fluent": fluent_images(roots["fluent"], groups_by_code, tmp),
        }
        for vendor, images in sources.items():
            for group, subgroup, code, path in images:
                cls = GROUPS.get(group)
                if cls is None or subgroup in SAMPLE_SUBGROUPS:
                    continue
                target_dir = os.path.join(out, cls)
                os.makedirs(target_dir, exist_ok=True)
                extension = os.path.splitext(path)[1]
                shutil.copyfile(path, os.path.join(target_dir, "%s-%s%s" % (vendor, code_key(code), extension)))
                counts[cls] = counts.get(cls, 0) + 1
    # One ImageMagick process per class: SVGs rasterised, everything composited on white, fitted into 48x48.
    for cls in counts:
        folder = os.path.join(out, cls)
        svgs = sorted(f for f in os.listdir(folder) if f.endswith(".svg"))
        if svgs:
            subprocess.run(["mogrify", "-background", "white", "-format", "png"] + svgs, cwd=folder, check=True)
            for f in svgs:
                os.remove(os.path.join(folder, f))
        files = sorted(os.listdir(folder))
        subprocess.run(["mogrify", "-background", "white", "-alpha", "remove", "-alpha", "off", "-resize",
                        "%dx%d" % (SIZE, SIZE), "-gravity", "center", "-extent", "%dx%d" % (SIZE, SIZE), "-strip",
                        "-define", "png:color-type=2", "-depth", "8"] + files, cwd=folder, check=True)
    for cls in GROUPS.values():
        print("%-14s %d" % (cls, counts.get(cls, 0)))


if __name__ == "__main__":
    main()
