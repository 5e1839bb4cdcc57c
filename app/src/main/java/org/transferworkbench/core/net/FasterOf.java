package org.transferworkbench.core.net;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the faster of two implementations that compute the same values, per kind of call (a layer's pass on one
 * shape), timing both on the first calls of that kind in this process and keeping the one with the lower median.
 *
 * <p>Why: which is faster depends on the machine. The workbench's 2x2 max pooling loop was 3-6x faster than DL4J's
 * (libnd4j and oneDNN) on an AVX2 machine and 1.5-2x slower on an AVX-512 one (README: Speed); both give the same
 * values, so choosing by time changes the speed, never the results.
 */
final class FasterOf {

    private static final Logger LOG = LoggerFactory.getLogger(FasterOf.class);

    /** Untimed calls of each implementation first: the JIT compiles the Java loops during their first calls. */
    static final int WARM_UP = 2;
    /** Timed calls of each implementation; then the one with the lower median runs from then on. */
    static final int TIMED = 5;

    private final String what;
    private final String firstName;
    private final String secondName;
    private final Map<Object, Trials> kinds = new ConcurrentHashMap<>();

    FasterOf(String what, String firstName, String secondName) {
        this.what = what;
        this.firstName = firstName;
        this.secondName = secondName;
    }

    /** The result of {@code first} or {@code second} for a call of kind {@code kind} (equal keys: same kind). */
    <T> T run(Object kind, Supplier<T> first, Supplier<T> second) {
        Trials trials = kinds.computeIfAbsent(kind, k -> new Trials());
        int choice = trials.choice();
        if (choice >= 0) {
            return choice == 0 ? first.get() : second.get();
        }
        int which = trials.nextTrial();
        long start = System.nanoTime();
        T result = which == 0 ? first.get() : second.get();
        if (trials.record(which, System.nanoTime() - start)) {
            LOG.debug(String.format(Locale.ROOT, "%s %s: %s %.2f ms, %s %.2f ms (medians of %d): %s", what, kind,
                    firstName, trials.median(0) / 1e6, secondName, trials.median(1) / 1e6, TIMED,
                    trials.choice() == 0 ? firstName : secondName));
        }
        return result;
    }

    /** The implementation chosen for {@code kind}: 0 first, 1 second, -1 while still timing (or never called). */
    int choice(Object kind) {
        Trials trials = kinds.get(kind);
        return trials == null ? -1 : trials.choice();
    }

    /** The calls of one kind: alternating trials, then a choice. */
    private static final class Trials {
        private final long[][] nanos = new long[2][TIMED];
        private final int[] done = new int[2];
        private int calls;
        private int choice = -1;

        synchronized int choice() {
            return choice;
        }

        /** Which implementation the next trial runs: they alternate, so both see the same state of the machine. */
        synchronized int nextTrial() {
            return calls++ % 2;
        }

        /** Records a trial's time (warm-up calls are not kept); true when this decided the choice. */
        synchronized boolean record(int which, long elapsed) {
            int n = done[which]++;
            if (n >= WARM_UP && n < WARM_UP + TIMED) {
                nanos[which][n - WARM_UP] = elapsed;
            }
            if (choice < 0 && done[0] >= WARM_UP + TIMED && done[1] >= WARM_UP + TIMED) {
                choice = median(1) < median(0) ? 1 : 0;
                return true;
            }
            return false;
        }

        synchronized long median(int which) {
            long[] sorted = nanos[which].clone();
            Arrays.sort(sorted);
            return sorted[TIMED / 2];
        }
    }
}
