#!/bin/sh
# Writes the small image files the loader tests need in formats Java cannot write itself (WebP, CMYK JPEG, JPEG
# with an EXIF orientation, TIFF, 16-bit and palette PNG). Needs ImageMagick 6 with WebP (Debian: imagemagick).
# Each image is 32x16: left half red, right half blue, so a test can tell orientation and colour apart.
set -eu
cd "$(dirname "$0")"
base="-size 16x16 xc:red -size 16x16 xc:blue +append +repage"
convert $base -define webp:lossless=true lossless.webp
convert $base -quality 90 lossy.webp
convert $base -colorspace CMYK -quality 95 cmyk.jpg
# EXIF orientation 6 (RightTop): viewers rotate 90 degrees clockwise, so the red half is shown on top. ImageMagick
# cannot create an EXIF block from nothing, so a minimal one (IFD0 with the Orientation tag) is spliced in after SOI.
convert $base -quality 95 plain.jpg
python3 - <<'PY'
import struct
jpg = open("plain.jpg", "rb").read()
tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1) + struct.pack(">HHIHH", 0x0112, 3, 1, 6, 0) + struct.pack(">I", 0)
payload = b"Exif\x00\x00" + tiff
app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
open("exif-rotated.jpg", "wb").write(jpg[:2] + app1 + jpg[2:])
PY
rm plain.jpg
convert $base -compress lzw rgb.tiff
convert $base -depth 16 PNG48:deep-16bit.png
convert $base PNG8:palette.png
convert -size 32x16 gradient:black-white -colorspace Gray -define png:bit-depth=16 -define png:color-type=0 gray-16bit.png
echo "wrote: $(ls *.webp *.jpg *.tiff *.png | tr '\n' ' ')"
