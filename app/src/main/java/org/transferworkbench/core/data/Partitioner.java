package org.transferworkbench.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic, stratified partitions: every class is split in the same proportion, and the same seed always gives
 * the same partition, so a validation set never drifts between runs or machines.
 */
public final class Partitioner {

    private Partitioner() {
    }

    /** Two disjoint sets: {@code [held-out, rest]} with about {@code fraction} of each class held out. */
    public static TensorSet[] holdOut(TensorSet set, double fraction, long seed) {
        if (fraction <= 0 || fraction >= 1) {
            throw new IllegalArgumentException("fraction must be in (0,1)");
        }
        List<List<Integer>> byClass = indicesByClass(set);
        Random random = new Random(seed);
        List<Integer> held = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (List<Integer> members : byClass) {
            shuffle(members, random);
            // Round, but keep at least one example on each side when a class has two or more.
            int n = (int) Math.round(members.size() * fraction);
            if (members.size() >= 2) {
                n = Math.max(1, Math.min(members.size() - 1, n));
            }
            held.addAll(members.subList(0, n));
            rest.addAll(members.subList(n, members.size()));
        }
        held.sort(null);
        rest.sort(null);
        return new TensorSet[] {set.select(toArray(held)), set.select(toArray(rest))};
    }

    /** At most {@code perClass} examples of each class, chosen at random with the seed (the rest is dropped). */
    public static TensorSet limitPerClass(TensorSet set, int perClass, long seed) {
        if (perClass < 1) {
            throw new IllegalArgumentException("perClass must be at least 1");
        }
        List<List<Integer>> byClass = indicesByClass(set);
        Random random = new Random(seed);
        List<Integer> kept = new ArrayList<>();
        for (List<Integer> members : byClass) {
            shuffle(members, random);
            kept.addAll(members.subList(0, Math.min(perClass, members.size())));
        }
        kept.sort(null);
        return set.select(toArray(kept));
    }

    static List<List<Integer>> indicesByClass(TensorSet set) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < set.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        int[] labels = set.labels();
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        return byClass;
    }

    private static void shuffle(List<Integer> list, Random random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
