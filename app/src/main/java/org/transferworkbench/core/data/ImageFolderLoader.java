package org.transferworkbench.core.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Reads a folder of labelled images: one subfolder per class (images nested deeper belong to that class), or
 * {@code train/}, {@code test/} and optionally {@code val/} each holding class subfolders. Hidden files and folders are
 * ignored, symbolic links are followed without looping, and every file that cannot be used is reported with a reason.
 */
public final class ImageFolderLoader {

    /** Classes with fewer usable images than this are left out: they cannot be split into train, validation, test. */
    public static final int MIN_IMAGES_PER_CLASS = 5;

    private ImageFolderLoader() {
    }

    public static Dataset load(Path root, LoadOptions options) {
        if (!Files.isDirectory(root)) {
            throw new DataException(root + ": not a folder");
        }
        Map<String, Path> parts = partFolders(root);
        List<SkippedFile> skipped = new ArrayList<>();
        Map<String, Map<String, List<Path>>> filesByPart = new LinkedHashMap<>();
        TreeSet<String> classNames = new TreeSet<>();
        for (Map.Entry<String, Path> part : parts.entrySet()) {
            Map<String, List<Path>> byClass = new LinkedHashMap<>();
            for (Path classDir : sortedChildren(part.getValue())) {
                if (isHidden(classDir)) {
                    continue;
                }
                if (!Files.isDirectory(classDir)) {
                    if (isDocumentation(classDir)) {
                        continue;
                    }
                    skipped.add(new SkippedFile(root.relativize(classDir).toString(), "file outside any class folder"));
                    continue;
                }
                List<Path> files = new ArrayList<>();
                collectFiles(classDir, files, new HashSet<>());
                byClass.put(classDir.getFileName().toString(), files);
                classNames.add(classDir.getFileName().toString());
            }
            filesByPart.put(part.getKey(), byClass);
        }
        List<Decoded> decoded = decodeAll(root, filesByPart, skipped);
        // Leave out classes too small to train and test on; say so.
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String c : classNames) {
            counts.put(c, 0);
        }
        for (Decoded d : decoded) {
            counts.merge(d.className, 1, Integer::sum);
        }
        List<String> usable = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= MIN_IMAGES_PER_CLASS) {
                usable.add(e.getKey());
            } else {
                skipped.add(new SkippedFile(e.getKey() + "/", "class left out: " + e.getValue()
                        + " usable images, at least " + MIN_IMAGES_PER_CLASS + " needed"));
            }
        }
        if (usable.size() < 2) {
            throw new DataException(root + ": fewer than two classes with at least " + MIN_IMAGES_PER_CLASS
                    + " usable images (found " + usable.size() + "); expected one subfolder of images per class");
        }
        boolean allGray = decoded.stream().allMatch(d -> d.gray);
        int channels = options.channels() != 0 ? options.channels() : (allGray ? 1 : 3);
        int size = options.imageSize() != 0 ? options.imageSize() : LoadOptions.DEFAULT_FOLDER_IMAGE_SIZE;
        InputShape shape = new InputShape(channels, size, size);
        checkMemory(root, decoded.size(), shape);

        MessageDigest digest = Fingerprint.newDigest();
        digest.update(("folder|" + shape + "|" + String.join(",", usable)).getBytes(StandardCharsets.UTF_8));
        Map<String, List<Decoded>> byPart = new LinkedHashMap<>();
        for (Decoded d : decoded) {
            if (usable.contains(d.className)) {
                byPart.computeIfAbsent(d.part, p -> new ArrayList<>()).add(d);
                digest.update((d.relativePath + "|" + d.fileSize + "|" + d.modified + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Map<String, TensorSet> sets = new LinkedHashMap<>();
        for (Map.Entry<String, List<Decoded>> e : byPart.entrySet()) {
            sets.put(e.getKey(), toTensors(e.getValue(), usable, shape));
        }
        TensorSet train = sets.get("train");
        TensorSet test = sets.get("test");
        TensorSet validation = sets.get("val");
        if (train == null) {
            throw new DataException(root + ": no usable training images");
        }
        if (test == null) {
            TensorSet[] split = Partitioner.holdOut(train, options.testFraction(), options.partitionSeed());
            test = split[0];
            train = split[1];
        }
        if (validation == null) {
            TensorSet[] split = Partitioner.holdOut(train, options.validationFraction(), options.partitionSeed() + 1);
            validation = split[0];
            train = split[1];
        }
        return new Dataset(root.getFileName().toString(), root.toString(), "folder", usable, shape, train,
                validation, test, Fingerprint.hex(digest), skipped);
    }

    private record Decoded(String part, String className, String relativePath, long fileSize, long modified,
                           BufferedImage image, boolean gray) {
    }

    private static List<Decoded> decodeAll(Path root, Map<String, Map<String, List<Path>>> filesByPart,
                                           List<SkippedFile> skipped) {
        record Job(String part, String className, Path file) {
        }
        List<Job> jobs = new ArrayList<>();
        filesByPart.forEach((part, byClass) -> byClass.forEach((cls, files) -> files.forEach(f -> jobs.add(new Job(part, cls, f)))));
        Object[] results = new Object[jobs.size()];
        // Decoding dominates loading time; use every core.
        IntStream.range(0, jobs.size()).parallel().forEach(i -> {
            Job job = jobs.get(i);
            String rel = root.relativize(job.file).toString();
            try {
                ImageDecoder.Result r = ImageDecoder.decode(job.file);
                if (r.image() == null) {
                    results[i] = new SkippedFile(rel, r.problem());
                } else {
                    results[i] = new Decoded(job.part, job.className, rel, Files.size(job.file),
                            Files.getLastModifiedTime(job.file).toMillis(), r.image(), ImageConversion.isGray(r.image()));
                }
            } catch (IOException | RuntimeException e) {
                results[i] = new SkippedFile(rel, "cannot read: " + e.getMessage());
            }
        });
        List<Decoded> decoded = new ArrayList<>();
        for (Object o : results) {
            if (o instanceof Decoded d) {
                decoded.add(d);
            } else {
                skipped.add((SkippedFile) o);
            }
        }
        return decoded;
    }

    private static TensorSet toTensors(List<Decoded> images, List<String> classes, InputShape shape) {
        int per = shape.channels() * shape.height() * shape.width();
        float[] data = new float[images.size() * per];
        int[] labels = new int[images.size()];
        IntStream.range(0, images.size()).parallel().forEach(i -> {
            ImageConversion.toChw(images.get(i).image, shape, data, i * per);
            labels[i] = classes.indexOf(images.get(i).className);
        });
        return new TensorSet(shape.toArray(), data, labels, classes.size());
    }

    private static void checkMemory(Path root, int images, InputShape shape) {
        long bytes = (long) images * shape.channels() * shape.height() * shape.width() * Float.BYTES;
        long budget = Runtime.getRuntime().maxMemory() / 3;
        if (bytes > budget) {
            throw new DataException(String.format(Locale.ROOT,
                    "%s: %d images at %s need %.0f MB, more than the %.0f MB this app may use; choose a smaller image size",
                    root, images, shape, bytes / 1e6, budget / 1e6));
        }
    }

    /** train/test/val subfolders when present, else the root itself as the single "train" part. */
    private static Map<String, Path> partFolders(Path root) {
        Map<String, Path> parts = new LinkedHashMap<>();
        Path train = root.resolve("train");
        if (Files.isDirectory(train)) {
            parts.put("train", train);
            for (String name : List.of("test", "val", "validation")) {
                Path p = root.resolve(name);
                if (Files.isDirectory(p)) {
                    parts.put(name.equals("validation") ? "val" : name, p);
                }
            }
        } else {
            parts.put("train", root);
        }
        return parts;
    }

    private static void collectFiles(Path dir, List<Path> out, Set<Path> visited) {
        try {
            // Following links can loop (a link to an ancestor); the real path of each visited folder breaks the cycle.
            if (!visited.add(dir.toRealPath())) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        for (Path child : sortedChildren(dir)) {
            if (isHidden(child)) {
                continue;
            }
            if (Files.isDirectory(child)) {
                collectFiles(child, out, visited);
            } else if (Files.isRegularFile(child)) {
                out.add(child);
            }
        }
    }

    private static List<Path> sortedChildren(Path dir) {
        try (var stream = Files.list(dir)) {
            return stream.sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list folder (" + e.getMessage() + ")", e);
        }
    }

    /** README, LICENSE and notes beside the class folders describe the data; they are not stray images. */
    static boolean isDocumentation(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".md") || name.endsWith(".txt") || name.endsWith(".json") || name.endsWith(".csv")
                || name.startsWith("license") || name.startsWith("readme");
    }

    static boolean isHidden(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(".") || name.equalsIgnoreCase("Thumbs.db") || name.equalsIgnoreCase("desktop.ini")
                || (Files.isSymbolicLink(p) && !Files.exists(p, new LinkOption[0]));
    }
}
