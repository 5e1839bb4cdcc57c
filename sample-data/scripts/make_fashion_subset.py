#!/usr/bin/env python3
"""Builds sample-data/fashion-mnist: a class-balanced Fashion-MNIST subset in the original IDX layout.

Source: Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist, MIT licence, Zalando Research).
Takes the first TRAIN_PER_CLASS training and TEST_PER_CLASS test images of every class, in file order, so the
result is the same every time. Usage: python3 make_fashion_subset.py [SOURCE_DIR] [OUT_DIR]
"""
import gzip
import os
import struct
import sys

TRAIN_PER_CLASS = 1000
TEST_PER_CLASS = 200
CLASSES = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def read(path):
    with gzip.open(path, "rb") as f:
        return f.read()


def subset(src, prefix, per_class):
    images = read(os.path.join(src, prefix + "-images-idx3-ubyte.gz"))
    labels = read(os.path.join(src, prefix + "-labels-idx1-ubyte.gz"))
    magic, n, rows, cols = struct.unpack(">IIII", images[:16])
    assert magic == 2051 and struct.unpack(">II", labels[:8]) == (2049, n)
    size = rows * cols
    taken = [0] * 10
    keep = []
    for i in range(n):
        label = labels[8 + i]
        if taken[label] < per_class:
            taken[label] += 1
            keep.append(i)
    assert taken == [per_class] * 10, taken
    out_images = struct.pack(">IIII", 2051, len(keep), rows, cols) + b"".join(
        images[16 + i * size:16 + (i + 1) * size] for i in keep)
    out_labels = struct.pack(">II", 2049, len(keep)) + bytes(labels[8 + i] for i in keep)
    return out_images, out_labels


def write_gz(path, data):
    # mtime=0 keeps the bytes (and so the dataset fingerprint) identical on every rebuild.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as f:
        f.write(data)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fashion-mnist")
    os.makedirs(out, exist_ok=True)
    for prefix, per_class in (("train", TRAIN_PER_CLASS), ("t10k", TEST_PER_CLASS)):
        images, labels = subset(src, prefix, per_class)
        write_gz(os.path.join(out, prefix + "-images-idx3-ubyte.gz"), images)
        write_gz(os.path.join(out, prefix + "-labels-idx1-ubyte.gz"), labels)
    with open(os.path.join(out, "classes.txt"), "w") as f:
        f.write("\n".join(CLASSES) + "\n")
    print("wrote", out)


if __name__ == "__main__":
    main()
