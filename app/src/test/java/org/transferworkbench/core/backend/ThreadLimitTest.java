package org.transferworkbench.core.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

class ThreadLimitTest {

    /** OpenMP's thread count as the calling thread sees it (libgomp keeps it per thread). */
    private static int ompThreadsOn(Runnable first) throws InterruptedException {
        AtomicInteger seen = new AtomicInteger();
        Thread t = new Thread(() -> {
            first.run();
            seen.set(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
        });
        t.start();
        t.join();
        return seen.get();
    }

    @Test
    void oneThreadMeansOneForOpenBlasAndForOpenMpOnEveryThreadThatAppliesIt() throws InterruptedException {
        int cores = Backend.limitThreads(Integer.MAX_VALUE).threads();
        try {
            Backend.limitThreads(1);
            assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(1);
            assertThat(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()).isEqualTo(1);
            // A worker thread: what it computes uses one thread once it applied the limit.
            assertThat(ompThreadsOn(Backend::applyLimitHere)).isEqualTo(1);
            int without = ompThreadsOn(() -> { });
            System.out.printf("OpenMP threads on a thread that did not apply the limit: %d (cores: %d)%n", without,
                    cores);
        } finally {
            Backend.limitThreads(cores);
        }
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(cores);
        assertThat(ompThreadsOn(Backend::applyLimitHere)).isEqualTo(cores);
    }
}
