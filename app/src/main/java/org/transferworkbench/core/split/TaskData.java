package org.transferworkbench.core.split;

import java.util.List;
import org.transferworkbench.core.data.TensorSet;

/**
 * One side's task: the dataset restricted to that side's classes, labels renumbered 0..m-1 in {@code classNames} order.
 */
public record TaskData(Side side, List<String> classNames, TensorSet train, TensorSet validation, TensorSet test) {

    public TaskData {
        classNames = List.copyOf(classNames);
    }

    public int numClasses() {
        return classNames.size();
    }
}
