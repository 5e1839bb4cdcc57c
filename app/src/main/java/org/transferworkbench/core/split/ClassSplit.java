package org.transferworkbench.core.split;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A partition of a dataset's classes into halves A and B, as in Yosinski et al. (2014).
 *
 * @param kind        "random" or "groups"
 * @param name        human-readable name ("random (seed 1)", or the groups file's name, e.g. "natural vs man-made")
 * @param seed        the split seed (for random splits; kept for groups for provenance)
 * @param classesA    class names in A, in label order of the A task
 * @param classesB    class names in B, in label order of the B task
 */
public record ClassSplit(String kind, String name, long seed, List<String> classesA, List<String> classesB) {

    public ClassSplit {
        classesA = List.copyOf(classesA);
        classesB = List.copyOf(classesB);
        if (classesA.size() < 2 || classesB.size() < 2) {
            throw new IllegalArgumentException("each half of a split needs at least two classes (A has "
                    + classesA.size() + ", B has " + classesB.size() + ")");
        }
        Set<String> overlap = new HashSet<>(classesA);
        overlap.retainAll(classesB);
        if (!overlap.isEmpty()) {
            throw new IllegalArgumentException("classes in both A and B: " + overlap);
        }
    }

    public List<String> classes(Side side) {
        return side == Side.A ? classesA : classesB;
    }
}
