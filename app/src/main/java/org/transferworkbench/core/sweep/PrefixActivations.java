package org.transferworkbench.core.sweep;

import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.NetFactory;
import org.transferworkbench.core.net.NetMemory;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.net.WeightTransfer;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.Trainer;
import org.transferworkbench.core.train.TrainingViews;

/**
 * The frozen runs' prefix activations of B, shared by a sweep's workers. The frozen runs of one base net (a side and
 * a seed) at successive cut points compute nested prefixes of it on the same images: AnB at k=2 runs conv1, pool1
 * and conv2, where AnB at k=1 stopped after pool1. So a run continues from the activations of the deepest earlier
 * cut point that a run of the same base net left here, through the layers in between only, and leaves its own.
 *
 * <p>The values are the same either way, to the last digit: the same layers with the same weights on the same
 * inputs, in the same batches (a test checks). Only the latest activations per base net are kept, and only while all
 * kept ones fit a budget of the heap (an eighth of it), so that big images or many views cost no memory here; a run
 * that finds none starts from the images, as a run would with one worker or after a resume. {@code
 * -Dworkbench.sharePrefixes=false} turns the sharing off (to measure).
 */
final class PrefixActivations {

    static final boolean ON = !"false".equals(System.getProperty("workbench.sharePrefixes"));

    /** The activations at layer {@code cut}'s output of every training row (view-major) and validation image. */
    record Entry(int cut, TensorSet train, TensorSet validation) {
        long bytes() {
            return 4L * ((long) train.data().length + validation.data().length);
        }
    }

    private final ConcurrentHashMap<String, Entry> latest = new ConcurrentHashMap<>();
    private final long budgetBytes;

    PrefixActivations() {
        this(ON ? Runtime.getRuntime().maxMemory() / 8 : 0);
    }

    PrefixActivations(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /**
     * The activations of base net {@code source} (key {@code key}) at layer {@code cut}'s output, for the training rows
     * {@code views} and the validation set: continued from the deepest earlier cut point kept here, else computed from
     * the images; kept for later cut points where the budget allows.
     */
    Entry at(String key, MultiLayerNetwork source, Architecture arch, Recipe recipe, int cut, TrainingViews views,
             TensorSet validation, CancellationToken cancel) {
        Entry from = latest.get(key);
        Entry e;
        if (from == null || from.cut() >= cut) {
            e = new Entry(cut, Trainer.featurize(source, cut, views, cancel),
                    Trainer.featurize(source, cut, validation, cancel));
        } else {
            e = continued(from, source, arch, recipe, cut, cancel);
        }
        keep(key, e);
        return e;
    }

    /** Layers {@code from.cut + 1 .. cut} of {@code source}, alone, run on {@code from}'s activations. */
    static Entry continued(Entry from, MultiLayerNetwork source, Architecture arch, Recipe recipe, int cut,
                           CancellationToken cancel) {
        int first = from.cut() + 1;
        MultiLayerNetwork between = NetFactory.head(arch, first, from.train().exampleShape(), recipe, 0);
        try {
            WeightTransfer.copyLayers(source, between, first, cut, -first);
            return new Entry(cut, Trainer.featurize(between, cut - first, from.train(), cancel),
                    Trainer.featurize(between, cut - first, from.validation(), cancel));
        } finally {
            NetMemory.release(between);
        }
    }

    private void keep(String key, Entry e) {
        synchronized (latest) {
            Entry old = latest.get(key);
            if (old != null && old.cut() >= e.cut()) {
                return; // a run at a deeper cut point finished first: it serves later runs better
            }
            long others = latest.values().stream().filter(x -> x != old).mapToLong(Entry::bytes).sum();
            if (others + e.bytes() <= budgetBytes) {
                latest.put(key, e);
            } else {
                latest.remove(key);
            }
        }
    }

    /** What is kept for base net {@code key}, or null. */
    Entry kept(String key) {
        return latest.get(key);
    }

    /** Drops everything kept (the sweep is over). */
    void clear() {
        latest.clear();
    }
}
