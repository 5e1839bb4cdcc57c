package org.transferworkbench.core.split;

import java.util.Arrays;
import java.util.List;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.Partitioner;
import org.transferworkbench.core.data.TensorSet;

/** Cuts a dataset into the A and B tasks of a split, optionally limiting B's training examples per class. */
public final class TaskBuilder {

    private TaskBuilder() {
    }

    /**
     * @param bPerClass training examples per class kept for B (0 = all): the few-shot / "999:1" question. Validation
     *                  and test sets are never reduced, so accuracies stay comparable across sizes.
     */
    public static TaskData task(Dataset dataset, ClassSplit split, Side side, int bPerClass) {
        List<String> names = split.classes(side);
        int[] map = labelMap(dataset, names);
        TensorSet train = restrict(dataset.train(), map, names.size());
        if (side == Side.B && bPerClass > 0) {
            // Seeded by the split seed: the same split always keeps the same few examples.
            train = Partitioner.limitPerClass(train, bPerClass, split.seed() * 31 + 7);
        }
        return new TaskData(side, names, train, restrict(dataset.validation(), map, names.size()),
                restrict(dataset.test(), map, names.size()));
    }

    /**
     * A task over the named classes alone (the target of a sweep against a pretrained net), labels renumbered in
     * the order given, training examples limited per class when {@code perClass} > 0.
     */
    public static TaskData classes(Dataset dataset, List<String> names, int perClass, long seed) {
        int[] map = labelMap(dataset, names);
        TensorSet train = restrict(dataset.train(), map, names.size());
        if (perClass > 0) {
            train = Partitioner.limitPerClass(train, perClass, seed);
        }
        return new TaskData(Side.B, names, train, restrict(dataset.validation(), map, names.size()),
                restrict(dataset.test(), map, names.size()));
    }

    /** Only the test set of one side's task (what a run's sample predictions refer to). */
    public static TensorSet testSet(Dataset dataset, ClassSplit split, Side side) {
        List<String> names = split.classes(side);
        return restrict(dataset.test(), labelMap(dataset, names), names.size());
    }

    private static int[] labelMap(Dataset dataset, List<String> names) {
        int[] map = new int[dataset.numClasses()];
        Arrays.fill(map, -1);
        for (int i = 0; i < names.size(); i++) {
            int label = dataset.classNames().indexOf(names.get(i));
            if (label < 0) {
                throw new IllegalArgumentException("class " + names.get(i) + " not in dataset");
            }
            map[label] = i;
        }
        return map;
    }

    private static TensorSet restrict(TensorSet set, int[] map, int numClasses) {
        int[] labels = set.labels();
        int count = 0;
        for (int label : labels) {
            if (map[label] >= 0) {
                count++;
            }
        }
        int[] indices = new int[count];
        int j = 0;
        for (int i = 0; i < labels.length; i++) {
            if (map[labels[i]] >= 0) {
                indices[j++] = i;
            }
        }
        TensorSet picked = set.select(indices);
        int[] relabelled = new int[count];
        for (int i = 0; i < count; i++) {
            relabelled[i] = map[picked.labels()[i]];
        }
        return new TensorSet(picked.exampleShape(), picked.data(), relabelled, numClasses);
    }
}
