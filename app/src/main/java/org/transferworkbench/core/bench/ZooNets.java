package org.transferworkbench.core.bench;

import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.zoo.model.AlexNet;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.VGG16;

/**
 * The Deeplearning4j zoo's ImageNet architectures, built with random weights (their pretrained weights are a download,
 * impossible offline): for timing a sweep against a big net, where only the arithmetic matters.
 */
public final class ZooNets {

    public static final List<String> NAMES = List.of("resnet50", "vgg16", "alexnet");

    private ZooNets() {
    }

    /** A random-weight {@code name} (resnet50, vgg16, alexnet) for {@code size} x {@code size} RGB, 1000 classes. */
    public static Model build(String name, int size) {
        int[] shape = {3, size, size};
        return switch (name.toLowerCase(Locale.ROOT)) {
            // He initialisation: the zoo's default (a normal of deviation 0.5) makes the last stage's activations so
            // large, without trained batch-norm statistics, that a classifier on them diverges at once.
            case "resnet50" -> ResNet50.builder().numClasses(1000).inputShape(shape).seed(1)
                    .weightInit(new WeightInitRelu()).build().init();
            case "vgg16" -> VGG16.builder().numClasses(1000).inputShape(shape).seed(1).build().init();
            case "alexnet" -> AlexNet.builder().numClasses(1000).inputShape(shape).seed(1).build().init();
            default -> throw new IllegalArgumentException("no zoo net '" + name + "' (choose from " + NAMES + ")");
        };
    }
}
