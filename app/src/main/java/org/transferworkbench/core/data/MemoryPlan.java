package org.transferworkbench.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides, before anything is decoded, what a folder's images will need and what to do if that is too much: load
 * them smaller (down to {@link #MIN_SIZE} pixels), then keep fewer per class (every n-th file, so each class keeps
 * its share). Loading never fails for size alone, and never silently: the note says what was done and why.
 *
 * @param size the image side to load at
 * @param jobs the files to decode
 * @param note what was changed, or null when everything fits as asked
 */
record MemoryPlan(int size, List<FolderScan.Job> jobs, String note) {

    static final int MIN_SIZE = 16;

    /**
     * Bytes per pixel of one image at its peak: 3 RGB bytes while the folder decodes, then the float tensor and the
     * copy made when validation and test images are held out (4 bytes x channels each).
     */
    static long bytesPerPixel(int channels) {
        int c = channels == 0 ? 3 : channels;
        return 3 + 8L * c;
    }

    static MemoryPlan fit(List<FolderScan.Job> jobs, int size, int channels, long budget) {
        long perPixel = bytesPerPixel(channels);
        long need = (long) jobs.size() * size * size * perPixel;
        if (need <= budget) {
            return new MemoryPlan(size, jobs, null);
        }
        int smaller = (int) Math.floor(Math.sqrt(budget / (double) (Math.max(1, jobs.size()) * perPixel)));
        if (smaller >= MIN_SIZE) {
            return new MemoryPlan(smaller, jobs, String.format(Locale.ROOT,
                    "images loaded at %dx%d instead of %dx%d: %d images at %dx%d would need %s, more than the %s "
                            + "available for data", smaller, smaller, size, size, jobs.size(), size, size, mb(need),
                    mb(budget)));
        }
        int fitting = (int) (budget / ((long) MIN_SIZE * MIN_SIZE * perPixel));
        List<FolderScan.Job> kept = everyNth(jobs, fitting);
        return new MemoryPlan(MIN_SIZE, kept, String.format(Locale.ROOT,
                "%d of %d images loaded, at %dx%d: all of them would need %s even at that size, more than the %s "
                        + "available for data (start with more memory: -Xmx)", kept.size(), jobs.size(), MIN_SIZE,
                MIN_SIZE, mb((long) jobs.size() * MIN_SIZE * MIN_SIZE * perPixel), mb(budget)));
    }

    /** About {@code keep} jobs, the same fraction of every class and partition, spread evenly over each. */
    private static List<FolderScan.Job> everyNth(List<FolderScan.Job> jobs, int keep) {
        double fraction = Math.max(0, Math.min(1, keep / (double) jobs.size()));
        Map<String, List<FolderScan.Job>> groups = new LinkedHashMap<>();
        jobs.forEach(j -> groups.computeIfAbsent(j.part() + "/" + j.className(), g -> new ArrayList<>()).add(j));
        List<FolderScan.Job> kept = new ArrayList<>();
        for (List<FolderScan.Job> group : groups.values()) {
            int n = (int) Math.floor(group.size() * fraction);
            for (int i = 0; i < n; i++) {
                kept.add(group.get((int) ((long) i * group.size() / n)));
            }
        }
        return kept;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
}
