#!/usr/bin/env python3
"""Builds sample-data/emoji-natural-manmade: a small colour image set, natural vs man-made, from emoji artwork.

Three vendors draw every emoji differently, which gives several genuinely different images per concept:
  Noto Emoji (Google)   npm emoji-datasource-google@16.0.0   Apache-2.0
  Twemoji (Twitter)     npm emoji-datasource-twitter@16.0.0  CC-BY-4.0
  OpenMoji              npm openmoji@17.0.0                  CC-BY-SA-4.0
Classes come from the Unicode CLDR emoji subgroups each package lists for its images, so no labelling is ours.
Images are composited on white and saved as 48x48 PNG in <class>/<vendor>-<codepoints>.png.

Needs npm (to fetch the packages) and ImageMagick's `convert`. Usage: python3 make_emoji_set.py [OUT_DIR]
"""
import json
import os
import subprocess
import sys
import tarfile
import tempfile

PACKAGES = {
    "noto": "emoji-datasource-google@16.0.0",
    "twemoji": "emoji-datasource-twitter@16.0.0",
    "openmoji": "openmoji@17.0.0",
}
# class -> CLDR subgroups. Natural first, then man-made; groups.json names the two halves.
CLASSES = {
    "mammal": ["animal-mammal"],
    "bird": ["animal-bird"],
    "bug": ["animal-bug"],
    "plant": ["plant-flower", "plant-other"],
    "fruit": ["food-fruit"],
    "vehicle": ["transport-ground"],
    "building": ["place-building"],
    "tool": ["tool"],
    "household": ["household"],
    "clothing": ["clothing"],
}
NATURAL = ["mammal", "bird", "bug", "plant", "fruit"]
MANMADE = ["vehicle", "building", "tool", "household", "clothing"]
SIZE = 48


def fetch(tmp, packages=None):
    """npm-packs each package into tmp; returns vendor -> its unpacked package folder."""
    roots = {}
    for vendor, spec in (packages or PACKAGES).items():
        out = subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", tmp],
                             check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        folder = os.path.join(tmp, vendor)
        with tarfile.open(os.path.join(tmp, out)) as t:
            t.extractall(folder)
        roots[vendor] = os.path.join(folder, "package")
    return roots


def subgroup_to_class():
    return {sg: cls for cls, sgs in CLASSES.items() for sg in sgs}


def datasource_images(root, vendor_dir):
    with open(os.path.join(root, "emoji.json")) as f:
        emoji = json.load(f)
    for e in emoji:
        path = os.path.join(root, "img", vendor_dir, "64", e["image"])
        if os.path.isfile(path):
            yield e["subcategory"], e["unified"].lower(), path


def openmoji_images(root):
    with open(os.path.join(root, "data", "openmoji.json")) as f:
        emoji = json.load(f)
    for e in emoji:
        if e.get("skintone"):
            continue
        path = os.path.join(root, "color", "72x72", e["hexcode"] + ".png")
        if os.path.isfile(path):
            yield e["subgroups"], e["hexcode"].lower(), path


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "emoji-natural-manmade")
    mapping = subgroup_to_class()
    with tempfile.TemporaryDirectory() as tmp:
        roots = fetch(tmp)
        sources = {
            "noto": datasource_images(roots["noto"], "google"),
            "twemoji": datasource_images(roots["twemoji"], "twitter"),
            "openmoji": openmoji_images(roots["openmoji"]),
        }
        counts = {}
        for vendor, images in sources.items():
            for subgroup, code, path in images:
                cls = mapping.get(subgroup)
                if cls is None:
                    continue
                target_dir = os.path.join(out, cls)
                os.makedirs(target_dir, exist_ok=True)
                target = os.path.join(target_dir, "%s-%s.png" % (vendor, code))
                subprocess.run(["convert", path, "-background", "white", "-alpha", "remove", "-alpha", "off",
                                "-resize", "%dx%d" % (SIZE, SIZE), "-gravity", "center", "-extent", "%dx%d" % (SIZE, SIZE),
                                "-strip", "PNG24:" + target], check=True)
                counts[cls] = counts.get(cls, 0) + 1
    with open(os.path.join(out, "..", "emoji-groups.json"), "w") as f:
        json.dump({"name": "natural vs man-made", "A": NATURAL, "B": MANMADE}, f, indent=2)
        f.write("\n")
    for cls in CLASSES:
        print("%-10s %d" % (cls, counts.get(cls, 0)))


if __name__ == "__main__":
    main()
