package org.transferworkbench.core.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Wall time of each layer's forward and backward pass in a net's training steps: every layer of the net is put behind
 * a proxy of its own interfaces that times {@code activate} and {@code backpropGradient} and passes every call on.
 *
 * <p>Why a proxy and not a sampling profiler: JFR attributes native time only where it samples a Java frame, and
 * misses some (README: Speed, "unattributed native"); this counts every nanosecond inside a layer's calls, the
 * native ops included, and what a step spends outside them is the step's time minus their sum. For benchmarks only:
 * a timed net trains as before (same results), but its layers are no longer DL4J's or the workbench's classes.
 */
final class LayerTimer {

    private final long[] forward;
    private final long[] backward;

    private LayerTimer(int layers) {
        forward = new long[layers];
        backward = new long[layers];
    }

    /** Puts {@code net}'s layers behind timing proxies (after anything that swaps layers, such as LeanLayers). */
    static LayerTimer attach(MultiLayerNetwork net) {
        Layer[] layers = net.getLayers();
        LayerTimer timer = new LayerTimer(layers.length);
        Layer[] timed = new Layer[layers.length];
        for (int i = 0; i < layers.length; i++) {
            timed[i] = timer.timed(layers[i], i);
        }
        net.setLayers(timed);
        return timer;
    }

    private Layer timed(Layer layer, int index) {
        return (Layer) Proxy.newProxyInstance(LayerTimer.class.getClassLoader(), interfaces(layer.getClass()),
                (proxy, method, args) -> {
                    long[] slot = slot(method);
                    long start = System.nanoTime();
                    try {
                        return method.invoke(layer, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (slot != null) {
                            slot[index] += System.nanoTime() - start;
                        }
                    }
                });
    }

    private long[] slot(Method method) {
        return switch (method.getName()) {
            case "activate" -> forward;
            case "backpropGradient" -> backward;
            default -> null;
        };
    }

    /** Every interface of {@code type} and its superclasses (the net tests some, such as an output layer's). */
    private static Class<?>[] interfaces(Class<?> type) {
        Set<Class<?>> all = new LinkedHashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            addInterfaces(c, all);
        }
        return all.toArray(new Class<?>[0]);
    }

    private static void addInterfaces(Class<?> type, Set<Class<?>> all) {
        for (Class<?> i : type.getInterfaces()) {
            if (all.add(i)) {
                addInterfaces(i, all);
            }
        }
    }

    /** Nanoseconds in layer {@code i}'s forward passes since the last reset. */
    long forwardNanos(int i) {
        return forward[i];
    }

    long backwardNanos(int i) {
        return backward[i];
    }

    long totalNanos() {
        return Arrays.stream(forward).sum() + Arrays.stream(backward).sum();
    }

    void reset() {
        Arrays.fill(forward, 0);
        Arrays.fill(backward, 0);
    }
}
