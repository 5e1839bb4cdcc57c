package org.transferworkbench.core.experiment;

/**
 * Derives independent seeds per run from a training seed (Tribuo's habit: never reuse one seed for two purposes).
 * SplitMix64 finaliser over the parts.
 */
public final class SeedMixer {

    private SeedMixer() {
    }

    public static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h ^= p;
            h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
            h ^= h >>> 31;
        }
        // Keep it positive: DL4J and Random accept any long, but positive seeds read better in files.
        return h & Long.MAX_VALUE;
    }
}
