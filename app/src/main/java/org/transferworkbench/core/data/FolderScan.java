package org.transferworkbench.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the images of a labelled folder without reading them: one subfolder per class (images nested deeper belong to
 * that class), or {@code train/}, {@code test/} and optionally {@code val/} each holding class subfolders. Hidden
 * files and folders are ignored, and files outside any class folder are reported (README, LICENSE and other notes
 * beside the class folders excepted). Symbolic links are followed only to files and folders inside the dataset
 * folder and never to a folder that contains the link (which would pull other classes' images into this class);
 * other links, and links that point nowhere, are reported as skipped with the reason.
 */
final class FolderScan {

    /** One image file to decode: the partition it belongs to ("train", "test", "val") and its class. */
    record Job(String part, String className, Path file) {
    }

    record Result(List<Job> jobs, TreeSet<String> classNames, List<SkippedFile> skipped) {
    }

    private FolderScan() {
    }

    static Result scan(Path root) {
        List<SkippedFile> skipped = new ArrayList<>();
        List<Job> jobs = new ArrayList<>();
        TreeSet<String> classNames = new TreeSet<>();
        Links links = new Links(root, skipped);
        for (Map.Entry<String, Path> part : partFolders(root).entrySet()) {
            for (Path classDir : sortedChildren(part.getValue())) {
                if (isHidden(classDir) || !links.allowed(classDir)) {
                    continue;
                }
                if (!Files.isDirectory(classDir)) {
                    if (!isDocumentation(classDir)) {
                        skipped.add(new SkippedFile(relative(root, classDir), "file outside any class folder"));
                    }
                    continue;
                }
                List<Path> files = new ArrayList<>();
                collectFiles(classDir, files, new HashSet<>(), links);
                String className = classDir.getFileName().toString();
                classNames.add(className);
                for (Path f : files) {
                    jobs.add(new Job(part.getKey(), className, f));
                }
            }
        }
        return new Result(jobs, classNames, skipped);
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString();
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

    private static void collectFiles(Path dir, List<Path> out, Set<Path> visited, Links links) {
        try {
            // Following links can loop (a link to an ancestor); the real path of each visited folder breaks the cycle.
            if (!visited.add(dir.toRealPath())) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        for (Path child : sortedChildren(dir)) {
            if (isHidden(child) || !links.allowed(child)) {
                continue;
            }
            if (Files.isDirectory(child)) {
                collectFiles(child, out, visited, links);
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

    /** Dot files and folders, and the desktop's own files. */
    static boolean isHidden(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(".") || name.equalsIgnoreCase("Thumbs.db") || name.equalsIgnoreCase("desktop.ini")
                || name.equals("__MACOSX");
    }

    /** Which symbolic links the scan follows; the others are reported as skipped, with the reason. */
    private static final class Links {
        private final Path root;
        private final Path realRoot;
        private final List<SkippedFile> skipped;

        Links(Path root, List<SkippedFile> skipped) {
            this.root = root;
            this.skipped = skipped;
            Path real;
            try {
                real = root.toRealPath();
            } catch (IOException e) {
                real = root.toAbsolutePath().normalize();
            }
            this.realRoot = real;
        }

        boolean allowed(Path p) {
            if (!Files.isSymbolicLink(p)) {
                return true;
            }
            Path target;
            try {
                target = p.toRealPath();
            } catch (IOException e) {
                skipped.add(new SkippedFile(relative(root, p), "a link that points nowhere"));
                return false;
            }
            if (!target.startsWith(realRoot)) {
                skipped.add(new SkippedFile(relative(root, p), "a link to outside the dataset folder"));
                return false;
            }
            Path parent;
            try {
                parent = p.toAbsolutePath().getParent().toRealPath();
            } catch (IOException e) {
                return false;
            }
            if (Files.isDirectory(target) && parent.startsWith(target)) {
                skipped.add(new SkippedFile(relative(root, p), "a link to a folder that contains it (it would pull "
                        + "other classes' images into this class)"));
                return false;
            }
            return true;
        }
    }
}
