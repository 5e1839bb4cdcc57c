package org.transferworkbench.core.sweep;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.transferworkbench.core.experiment.BaseNetInfo;
import org.transferworkbench.core.net.NetMemory;

/**
 * The base nets of a sweep, shared by its workers: each base net (side, seed) is trained or loaded once, by the first
 * worker that needs it, while the others wait; every worker then works on its own copy, so no net is used by two
 * threads. With one worker this is simply a memo. The frozen runs' activations of each base net's prefixes live here
 * too ({@link #prefixes}), for as long as the base nets do.
 */
final class BaseNets {

    /** A base net as trained or loaded, and whether it came from the disk cache. */
    record Master(MultiLayerNetwork net, BaseNetInfo info, boolean reused) {
    }

    private final ConcurrentHashMap<String, CompletableFuture<Master>> masters = new ConcurrentHashMap<>();
    private final PrefixActivations prefixes = new PrefixActivations();

    /** The frozen runs' prefix activations of these base nets, keyed as the base nets are. */
    PrefixActivations prefixes() {
        return prefixes;
    }

    /**
     * The master of {@code key}, made by {@code make} on the calling thread if no worker has started it; else waits
     * for the worker that did. {@code made[0]} tells the caller whether it made it.
     */
    Master get(String key, Supplier<Master> make, boolean[] made) {
        CompletableFuture<Master> mine = new CompletableFuture<>();
        CompletableFuture<Master> existing = masters.putIfAbsent(key, mine);
        if (existing == null) {
            made[0] = true;
            try {
                Master m = make.get();
                mine.complete(m);
                return m;
            } catch (RuntimeException | Error e) {
                // Let a later run try again (e.g. after a cancel), and wake the waiters with the same failure.
                masters.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
        }
        made[0] = false;
        try {
            return existing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** A private copy of a master for one worker (cloning only reads the master, under its lock). */
    static MultiLayerNetwork copyOf(Master master) {
        synchronized (master) {
            return master.net().clone();
        }
    }

    /** Frees the masters once the sweep is over. */
    void close() {
        masters.values().forEach(f -> f.thenAccept(m -> NetMemory.release(m.net())));
        masters.clear();
        prefixes.clear();
    }
}
