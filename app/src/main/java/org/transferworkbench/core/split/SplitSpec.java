package org.transferworkbench.core.split;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.transferworkbench.core.Json;
import org.transferworkbench.core.UserError;

/**
 * How to split classes: {@code random} (a seeded shuffle, A gets the first half) or {@code groups:FILE} (a JSON file
 * naming the classes of A and B, e.g. the "dissimilar" natural vs man-made split).
 *
 * <p>Groups file format: {@code {"name": "natural vs man-made", "A": ["cat", ...], "B": ["car", ...]}}.
 */
public sealed interface SplitSpec {

    ClassSplit apply(List<String> classNames, long splitSeed);

    String describe();

    /** The random split of these classes for a split seed. */
    static ClassSplit random(List<String> classNames, long splitSeed) {
        return new Random().apply(classNames, splitSeed);
    }

    /**
     * @param classesInA how many classes A gets (0 = the first half): {@code random:8} on 10 classes is the 8:2
     *                   split, the category-count analogue of the seed article's 999:1 question
     */
    record Random(int classesInA) implements SplitSpec {

        public Random() {
            this(0);
        }

        @Override
        public ClassSplit apply(List<String> classNames, long splitSeed) {
            List<String> shuffled = new ArrayList<>(classNames);
            // qualified: SplitSpec.Random, the random split, shadows java.util.Random here
            java.util.Random random = new java.util.Random(splitSeed);
            for (int i = shuffled.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                String t = shuffled.get(i);
                shuffled.set(i, shuffled.get(j));
                shuffled.set(j, t);
            }
            int half = classesInA > 0 ? classesInA : (shuffled.size() + 1) / 2;
            if (half > shuffled.size() - 2) {
                throw new IllegalArgumentException("random:" + classesInA + " leaves B fewer than two of the "
                        + shuffled.size() + " classes");
            }
            List<String> a = sortedByDatasetOrder(shuffled.subList(0, half), classNames);
            List<String> b = sortedByDatasetOrder(shuffled.subList(half, shuffled.size()), classNames);
            String name = classesInA > 0 ? "random " + a.size() + ":" + b.size() + " (split seed " + splitSeed + ")"
                    : "random (split seed " + splitSeed + ")";
            return new ClassSplit("random", name, splitSeed, a, b);
        }

        @Override
        public String describe() {
            return classesInA > 0 ? "random:" + classesInA : "random";
        }
    }

    record Groups(Path file) implements SplitSpec {
        @Override
        public ClassSplit apply(List<String> classNames, long splitSeed) {
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(Files.readString(file));
            } catch (IOException e) {
                throw new UserError(file + ": cannot read groups file (" + e.getMessage() + ")", e);
            }
            if (root == null || !root.has("A") || !root.has("B")) {
                throw new UserError(file + ": a groups file needs \"A\" and \"B\" lists of class names");
            }
            List<String> a = names(root.get("A"), "A", classNames);
            List<String> b = names(root.get("B"), "B", classNames);
            Set<String> both = new HashSet<>(a);
            both.retainAll(b);
            if (!both.isEmpty()) {
                throw new UserError(file + ": classes in both A and B: " + both);
            }
            if (a.size() < 2 || b.size() < 2) {
                throw new UserError(file + ": A and B need at least two classes each");
            }
            String name = root.has("name") ? root.get("name").asText() : file.getFileName().toString();
            return new ClassSplit("groups", name, splitSeed, sortedByDatasetOrder(a, classNames),
                    sortedByDatasetOrder(b, classNames));
        }

        private List<String> names(JsonNode node, String side, List<String> classNames) {
            if (!node.isArray()) {
                throw new UserError(file + ": \"" + side + "\" must be a list of class names");
            }
            List<String> names = new ArrayList<>();
            for (JsonNode n : node) {
                String name = n.asText();
                if (!classNames.contains(name)) {
                    throw new UserError(file + ": class \"" + name + "\" in " + side
                            + " is not in the dataset (its classes: " + classNames + ")");
                }
                if (names.contains(name)) {
                    // Else [Trouser, Trouser] trains a one-class task and reports accuracy 1.0.
                    throw new UserError(file + ": class \"" + name + "\" is listed twice in " + side);
                }
                names.add(name);
            }
            return names;
        }

        @Override
        public String describe() {
            return "groups:" + file;
        }
    }

    /** Parses the CLI form: {@code random}, {@code random:N} (N classes in A) or {@code groups:FILE}. */
    static SplitSpec parse(String text) {
        if (text.equals("random")) {
            return new Random();
        }
        if (text.matches("random:\\d{1,4}")) {
            int n = Integer.parseInt(text.substring("random:".length()));
            if (n < 2) {
                throw new IllegalArgumentException("random:N needs N >= 2 classes in A, not " + n);
            }
            return new Random(n);
        }
        if (text.startsWith("groups:") && text.length() > "groups:".length()) {
            return new Groups(Path.of(text.substring("groups:".length())));
        }
        throw new IllegalArgumentException("split must be 'random', 'random:N' or 'groups:FILE', not '" + text + "'");
    }

    private static List<String> sortedByDatasetOrder(List<String> subset, List<String> all) {
        List<String> sorted = new ArrayList<>(subset);
        sorted.sort((x, y) -> Integer.compare(all.indexOf(x), all.indexOf(y)));
        return sorted;
    }
}
