#!/usr/bin/python3
"""Writes two small, real Keras-format HDF5 nets (Sequential and functional) for the workbench's tests and demos.

No Keras or TensorFlow is needed (neither is packaged in Debian): the net is trained with PyTorch on the Fashion-MNIST
classes T-shirt, Trouser, Pullover, Dress, Coat (split "A" of the clothing/footwear grouping in sample-data), and
written with h5py in exactly the layout Keras 2.2.4's model.save() produces: root attributes keras_version, backend,
model_config (JSON) and, for the Sequential file, training_config; a model_weights group with one subgroup per layer
holding "<layer>/kernel:0" and "<layer>/bias:0".

Keras layouts differ from PyTorch's: convolution kernels are [kh, kw, in, out], dense kernels [in, out], and images are
channels-last, so Flatten orders features (y, x, channel). The dense layer after Flatten is permuted to match.

bn-gap-sequential.h5 (random weights) has batch normalisation and global average pooling, as MobileNet-style nets do.
weights-only.h5 is what Keras's save_weights() writes (no model_config): a file the workbench must refuse clearly.

expected-outputs.json holds the softmax outputs of the trained net for four synthetic inputs (pixel formula below), so
a test can check that the import reads the same function PyTorch computed, layout included.

Usage: /usr/bin/python3 make_keras_fixture.py [--data /usr/share/datasets/fashion-mnist] [--out DIR]
Needs Debian's python3-torch, python3-h5py, python3-numpy. Deterministic for a given torch build (seed 7).
"""
import argparse
import gzip
import json
import os

import h5py
import numpy as np
import torch
import torch.nn as nn

CLASSES = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat"]
IMAGES_PER_CLASS = 2000


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)
        self.conv2 = nn.Conv2d(8, 16, 3)
        self.fc1 = nn.Linear(16 * 5 * 5, 32)
        self.predictions = nn.Linear(32, len(CLASSES))

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.conv1(x)), 2)
        x = torch.max_pool2d(torch.relu(self.conv2(x)), 2)
        x = torch.relu(self.fc1(x.flatten(1)))
        return self.predictions(x)


def synthetic_inputs():
    """Four 28x28 gray images in [0,1]; the Java test builds the same ones."""
    n, y, x = np.meshgrid(np.arange(4), np.arange(28), np.arange(28), indexing="ij")
    return (((n * 131 + y * 29 * (n + 1) + x * 7 * (3 - n)) % 97) / 96.0).astype(np.float32)


def train(data_dir):
    images = read_idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz"))
    picked = np.concatenate([np.flatnonzero(labels == c)[:IMAGES_PER_CLASS] for c in range(len(CLASSES))])
    x = torch.tensor(images[picked], dtype=torch.float32).unsqueeze(1) / 255.0
    y = torch.tensor(labels[picked], dtype=torch.long)
    torch.manual_seed(7)
    net = Net()
    opt = torch.optim.Adam(net.parameters(), 1e-3)
    for epoch in range(3):
        order = torch.randperm(len(y))
        for i in range(0, len(y), 64):
            idx = order[i:i + 64]
            opt.zero_grad()
            loss = nn.functional.cross_entropy(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
        with torch.no_grad():
            acc = (net(x).argmax(1) == y).float().mean().item()
        print(f"epoch {epoch + 1}: train accuracy {acc:.3f}")
    return net


def initializer(kind):
    if kind == "zeros":
        return {"class_name": "Zeros", "config": {}}
    return {"class_name": "VarianceScaling",
            "config": {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform", "seed": None}}


def conv(name, filters, first=False):
    cfg = {"name": name, "trainable": True, "filters": filters, "kernel_size": [3, 3], "strides": [1, 1],
           "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1], "activation": "relu",
           "use_bias": True, "kernel_initializer": initializer("glorot"), "bias_initializer": initializer("zeros"),
           "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
           "kernel_constraint": None, "bias_constraint": None}
    if first:
        cfg["batch_input_shape"] = [None, 28, 28, 1]
        cfg["dtype"] = "float32"
    return {"class_name": "Conv2D", "config": cfg}


def pool(name):
    return {"class_name": "MaxPooling2D", "config": {"name": name, "trainable": True, "pool_size": [2, 2],
                                                      "padding": "valid", "strides": [2, 2],
                                                      "data_format": "channels_last"}}


def dense(name, units, activation):
    return {"class_name": "Dense", "config": {
        "name": name, "trainable": True, "units": units, "activation": activation, "use_bias": True,
        "kernel_initializer": initializer("glorot"), "bias_initializer": initializer("zeros"),
        "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
        "kernel_constraint": None, "bias_constraint": None}}


def layers():
    return [conv("conv1", 8, first=True), pool("pool1"), conv("conv2", 16), pool("pool2"),
            {"class_name": "Flatten", "config": {"name": "flatten", "trainable": True, "data_format": "channels_last"}},
            dense("fc1", 32, "relu"), dense("predictions", len(CLASSES), "softmax")]


def sequential_config():
    return {"class_name": "Sequential", "config": {"name": "fashion_a", "layers": layers()}}


def functional_config():
    """The same net as a functional Model: an InputLayer, and each layer's inbound node naming its predecessor."""
    graph = [{"name": "image", "class_name": "InputLayer",
              "config": {"batch_input_shape": [None, 28, 28, 1], "dtype": "float32", "sparse": False,
                         "name": "image"}, "inbound_nodes": []}]
    previous = "image"
    for layer in layers():
        cfg = dict(layer["config"])
        cfg.pop("batch_input_shape", None)
        cfg.pop("dtype", None)
        graph.append({"name": cfg["name"], "class_name": layer["class_name"], "config": cfg,
                      "inbound_nodes": [[[previous, 0, 0, {}]]]})
        previous = cfg["name"]
    return {"class_name": "Model", "config": {"name": "fashion_a_functional", "layers": graph,
                                              "input_layers": [["image", 0, 0]],
                                              "output_layers": [[previous, 0, 0]]}}


def batch_norm(name):
    return {"class_name": "BatchNormalization", "config": {
        "name": name, "trainable": True, "axis": -1, "momentum": 0.99, "epsilon": 0.001, "center": True,
        "scale": True, "beta_initializer": initializer("zeros"), "gamma_initializer": {"class_name": "Ones", "config": {}},
        "moving_mean_initializer": initializer("zeros"),
        "moving_variance_initializer": {"class_name": "Ones", "config": {}},
        "beta_regularizer": None, "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None}}


def write_bn_gap(path):
    """A second shape of Keras net, with random weights: batch normalisation and global average pooling, the layers
    of MobileNet-style models, whose channels-last settings the workbench must convert when it rebuilds the net."""
    rng = np.random.default_rng(3)
    layers = [conv("conv1", 8, first=True), batch_norm("bn1"), conv("conv2", 16),
              {"class_name": "GlobalAveragePooling2D",
               "config": {"name": "gap", "trainable": True, "data_format": "channels_last"}},
              dense("fc1", 12, "relu"), dense("predictions", 5, "softmax")]
    weights = {
        "conv1": [("kernel:0", rng.normal(size=(3, 3, 1, 8)) * 0.3), ("bias:0", rng.normal(size=8) * 0.1)],
        "bn1": [("gamma:0", 1 + 0.2 * rng.normal(size=8)), ("beta:0", 0.1 * rng.normal(size=8)),
                ("moving_mean:0", 0.2 * rng.normal(size=8)), ("moving_variance:0", 1 + 0.3 * rng.random(8))],
        "conv2": [("kernel:0", rng.normal(size=(3, 3, 8, 16)) * 0.2), ("bias:0", rng.normal(size=16) * 0.1)],
        "gap": [],
        "fc1": [("kernel:0", rng.normal(size=(16, 12)) * 0.3), ("bias:0", np.zeros(12))],
        "predictions": [("kernel:0", rng.normal(size=(12, 5)) * 0.3), ("bias:0", np.zeros(5))],
    }
    write(path, {"class_name": "Sequential", "config": {"name": "bn_gap", "layers": layers}}, weights, False, None)


def keras_weights(net):
    """Layer name -> list of (weight name, array) in Keras layout."""
    sd = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    # Flatten in Keras runs over (y, x, channel); PyTorch's over (channel, y, x): reorder fc1's inputs.
    fc1 = sd["fc1.weight"].reshape(32, 16, 5, 5).transpose(0, 2, 3, 1).reshape(32, 400)
    return {
        "conv1": [("kernel:0", sd["conv1.weight"].transpose(2, 3, 1, 0)), ("bias:0", sd["conv1.bias"])],
        "pool1": [], "conv2": [("kernel:0", sd["conv2.weight"].transpose(2, 3, 1, 0)), ("bias:0", sd["conv2.bias"])],
        "pool2": [], "flatten": [],
        "fc1": [("kernel:0", fc1.T), ("bias:0", sd["fc1.bias"])],
        "predictions": [("kernel:0", sd["predictions.weight"].T), ("bias:0", sd["predictions.bias"])],
    }


def write(path, config, weights, training_config, input_layer):
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = np.bytes_("2.2.4")
        f.attrs["backend"] = np.bytes_("tensorflow")
        f.attrs["model_config"] = np.bytes_(json.dumps(config))
        if training_config:
            f.attrs["training_config"] = np.bytes_(json.dumps({
                "optimizer_config": {"class_name": "Adam", "config": {"lr": 0.001, "beta_1": 0.9, "beta_2": 0.999,
                                                                      "decay": 0.0, "amsgrad": False}},
                "loss": "categorical_crossentropy", "metrics": ["accuracy"], "sample_weight_mode": None,
                "loss_weights": None}))
        group = f.create_group("model_weights")
        names = ([input_layer] if input_layer else []) + list(weights)
        group.attrs["layer_names"] = np.array([np.bytes_(n) for n in names])
        group.attrs["backend"] = np.bytes_("tensorflow")
        group.attrs["keras_version"] = np.bytes_("2.2.4")
        for name in names:
            layer = group.create_group(name)
            entries = weights.get(name, [])
            layer.attrs["weight_names"] = np.array([np.bytes_(f"{name}/{w}") for w, _ in entries], dtype="S")
            for w, value in entries:
                layer.create_dataset(f"{name}/{w}", data=value.astype(np.float32))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    args = parser.parse_args()
    net = train(args.data).eval()
    weights = keras_weights(net)
    write(os.path.join(args.out, "fashion-A-sequential.h5"), sequential_config(), weights, True, None)
    write(os.path.join(args.out, "fashion-A-functional.h5"), functional_config(), weights, False, "image")
    write_bn_gap(os.path.join(args.out, "bn-gap-sequential.h5"))
    # What model.save_weights() writes: weights without a model_config. The workbench must refuse it clearly.
    with h5py.File(os.path.join(args.out, "weights-only.h5"), "w") as f:
        f.attrs["layer_names"] = np.array([np.bytes_("predictions")])
        layer = f.create_group("predictions")
        layer.attrs["weight_names"] = np.array([np.bytes_("predictions/bias:0")])
        layer.create_dataset("predictions/bias:0", data=weights["predictions"][1][1].astype(np.float32))
    with torch.no_grad():
        out = torch.softmax(net(torch.tensor(synthetic_inputs()).unsqueeze(1)), 1).numpy()
    with open(os.path.join(args.out, "expected-outputs.json"), "w") as f:
        json.dump({"inputs": "pixel(n, y, x) = ((n*131 + y*29*(n+1) + x*7*(3-n)) mod 97) / 96, n = 0..3, 28x28x1",
                   "classes": CLASSES, "softmax": out.round(6).tolist()}, f, indent=1)
    print("wrote", args.out)


if __name__ == "__main__":
    main()
