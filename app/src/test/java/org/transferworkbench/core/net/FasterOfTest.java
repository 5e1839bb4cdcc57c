package org.transferworkbench.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class FasterOfTest {

    /** Busy for about {@code millis} (a sleep may wake late; a busy wait ends on time). */
    private static void busy(double millis) {
        long end = System.nanoTime() + (long) (millis * 1e6);
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(10_000);
        }
    }

    @Test
    void timesBothAlternatelyThenKeepsTheFasterPerKind() {
        FasterOf faster = new FasterOf("test", "slow", "fast");
        List<String> ran = new ArrayList<>();
        int trials = 2 * (FasterOf.WARM_UP + FasterOf.TIMED);
        for (int call = 0; call < trials + 3; call++) {
            String result = faster.run("kind A", () -> {
                busy(3);
                ran.add("slow");
                return "slow";
            }, () -> {
                ran.add("fast");
                return "fast";
            });
            assertThat(result).isEqualTo(ran.get(ran.size() - 1));
        }
        // Trials alternate, starting with the first; after them only the faster runs.
        for (int i = 0; i < trials; i++) {
            assertThat(ran.get(i)).isEqualTo(i % 2 == 0 ? "slow" : "fast");
        }
        assertThat(ran.subList(trials, ran.size())).containsOnly("fast");
        assertThat(faster.choice("kind A")).isEqualTo(1);
        // Another kind is timed on its own: here the first is faster.
        assertThat(faster.choice("kind B")).isEqualTo(-1);
        for (int call = 0; call < trials; call++) {
            faster.run("kind B", () -> 1, () -> {
                busy(3);
                return 2;
            });
        }
        assertThat(faster.choice("kind B")).isEqualTo(0);
        assertThat(faster.run("kind B", () -> 1, () -> 2)).isEqualTo(1);
    }
}
