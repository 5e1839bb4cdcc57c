package org.transferworkbench.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Reads a folder of labelled images (layout: {@link FolderScan}). Every file that cannot be used is reported with a
 * reason; classes with too few usable images are left out with a message; fewer than two usable classes is an error.
 *
 * <p>Memory is planned before decoding ({@link MemoryPlan}): each image is decoded, fitted to the input size and kept
 * as RGB bytes at once, so only the small images are held, never the decoded photos; when even those would not fit,
 * the images are loaded smaller, then fewer per class, and the dataset's notes say so. Decoding uses every core.
 */
public final class ImageFolderLoader {

    /** Classes with fewer usable images than this are left out: they cannot be split into train, validation, test. */
    public static final int MIN_IMAGES_PER_CLASS = 5;

    private ImageFolderLoader() {
    }

    public static Dataset load(Path root, LoadOptions options) {
        return load(root, options, LoadProgress.NONE);
    }

    public static Dataset load(Path root, LoadOptions options, LoadProgress progress) {
        if (!Files.isDirectory(root)) {
            throw new DataException(root + ": not a folder");
        }
        FolderScan.Result scan = FolderScan.scan(root);
        List<SkippedFile> skipped = new ArrayList<>(scan.skipped());
        List<String> notes = new ArrayList<>();
        int requested = options.imageSize() != 0 ? options.imageSize() : LoadOptions.DEFAULT_FOLDER_IMAGE_SIZE;
        MemoryPlan plan = MemoryPlan.fit(scan.jobs(), requested, options.channels(), options.effectiveMemoryBudget());
        if (plan.note() != null) {
            notes.add(plan.note());
        }
        List<Decoded> decoded = decodeAll(root, plan.jobs(), plan.size(), options.resize(), skipped, progress);

        Map<String, Integer> counts = new LinkedHashMap<>();
        scan.classNames().forEach(c -> counts.put(c, 0));
        decoded.forEach(d -> counts.merge(d.className, 1, Integer::sum));
        List<String> usable = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= MIN_IMAGES_PER_CLASS) {
                usable.add(e.getKey());
            } else {
                String why = "class " + e.getKey() + " left out: " + e.getValue() + " usable image(s), at least "
                        + MIN_IMAGES_PER_CLASS + " needed";
                skipped.add(new SkippedFile(e.getKey() + "/", why));
                notes.add(why);
            }
        }
        if (usable.size() < 2) {
            throw new DataException(root + ": fewer than two classes with at least " + MIN_IMAGES_PER_CLASS
                    + " usable images (found " + usable.size() + (usable.isEmpty() ? "" : ": " + usable.get(0))
                    + "); expected one subfolder of images per class" + skippedSummary(skipped));
        }
        boolean allGray = decoded.stream().filter(d -> usable.contains(d.className)).allMatch(d -> d.gray);
        int channels = options.channels() != 0 ? options.channels() : (allGray ? 1 : 3);
        InputShape shape = new InputShape(channels, plan.size(), plan.size());

        MessageDigest digest = Fingerprint.newDigest();
        digest.update(("folder|" + shape + "|" + options.resize() + "|" + String.join(",", usable))
                .getBytes(StandardCharsets.UTF_8));
        Map<String, List<Decoded>> byPart = new LinkedHashMap<>();
        for (Decoded d : decoded) {
            if (usable.contains(d.className)) {
                byPart.computeIfAbsent(d.part, p -> new ArrayList<>()).add(d);
                digest.update((d.relativePath + "|" + d.fileSize + "|" + d.modified + "\n")
                        .getBytes(StandardCharsets.UTF_8));
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
                validation, test, Fingerprint.hex(digest), skipped, notes);
    }

    private static String skippedSummary(List<SkippedFile> skipped) {
        if (skipped.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, " (%d file(s) skipped, e.g. %s: %s)", skipped.size(), skipped.get(0).path(),
                skipped.get(0).reason());
    }

    private record Decoded(String part, String className, String relativePath, long fileSize, long modified,
                           byte[] rgb, boolean gray) {
    }

    private static List<Decoded> decodeAll(Path root, List<FolderScan.Job> jobs, int size, ResizeRule rule,
                                           List<SkippedFile> skipped, LoadProgress progress) {
        Object[] results = new Object[jobs.size()];
        AtomicInteger done = new AtomicInteger();
        progress.decoded(0, jobs.size());
        // Decoding dominates loading time; use every core (the common pool: cores-1 workers plus this thread).
        IntStream.range(0, jobs.size()).parallel().forEach(i -> {
            FolderScan.Job job = jobs.get(i);
            results[i] = decodeOne(root, job, size, rule);
            progress.decoded(done.incrementAndGet(), jobs.size());
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

    private static Object decodeOne(Path root, FolderScan.Job job, int size, ResizeRule rule) {
        String rel = FolderScan.relative(root, job.file());
        try {
            ImageDecoder.Result r = ImageDecoder.decode(job.file(), 8 * size);
            if (r.image() == null) {
                return new SkippedFile(rel, r.problem());
            }
            byte[] rgb = ImageConversion.toRgbBytes(r.image(), size, rule);
            return new Decoded(job.part(), job.className(), rel, Files.size(job.file()),
                    Files.getLastModifiedTime(job.file()).toMillis(), rgb, ImageConversion.isGray(rgb));
        } catch (IOException e) {
            return new SkippedFile(rel, "unreadable (" + e.getMessage() + ")");
        } catch (InvalidPathException e) {
            return new SkippedFile(rel, "its name cannot be read in this system's character encoding ("
                    + System.getProperty("sun.jnu.encoding")
                            + "); start the app with a UTF-8 locale, e.g. LANG=C.UTF-8");
        } catch (RuntimeException | OutOfMemoryError e) {
            // One pathological file (a decompression bomb, a plugin bug) must not sink the whole folder.
            return new SkippedFile(rel, "cannot decode (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static TensorSet toTensors(List<Decoded> images, List<String> classes, InputShape shape) {
        int per = shape.channels() * shape.height() * shape.width();
        float[] data = new float[images.size() * per];
        int[] labels = new int[images.size()];
        IntStream.range(0, images.size()).parallel().forEach(i -> {
            ImageConversion.rgbBytesToChw(images.get(i).rgb, shape.channels(), data, i * per);
            labels[i] = classes.indexOf(images.get(i).className);
        });
        return new TensorSet(shape.toArray(), data, labels, classes.size());
    }
}
