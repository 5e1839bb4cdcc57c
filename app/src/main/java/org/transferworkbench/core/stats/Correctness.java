package org.transferworkbench.core.stats;

import java.util.Base64;
import java.util.BitSet;

/**
 * Which test images a run got right, in test-set order, as results files store it: a bit per image, Base64 (2,000
 * images take 336 characters). It lets two runs on the same test images be compared image by image.
 */
public final class Correctness {

    private Correctness() {
    }

    public static String encode(boolean[] correct) {
        BitSet bits = new BitSet(correct.length);
        for (int i = 0; i < correct.length; i++) {
            bits.set(i, correct[i]);
        }
        return Base64.getEncoder().encodeToString(bits.toByteArray());
    }

    /** @param n the number of test images (trailing wrong answers are not stored) */
    public static boolean[] decode(String encoded, int n) {
        BitSet bits = BitSet.valueOf(Base64.getDecoder().decode(encoded));
        if (bits.length() > n) {
            throw new IllegalArgumentException("correctness of " + bits.length() + " images for a test set of " + n);
        }
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = bits.get(i);
        }
        return out;
    }
}
