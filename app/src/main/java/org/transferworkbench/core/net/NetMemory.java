package org.transferworkbench.core.net;

import java.util.List;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.MemoryWorkspaceManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Frees what a net holds off the heap, as DL4J's {@code close()} does, without the two things its {@code close()}
 * does besides: {@code System.gc()}, a full stop-the-world collection that pauses every thread (a sweep's other
 * worker too; 15-250 ms each here, about 30 of them in a default sweep, which closes a net or two per run), and
 * destroying all of the calling thread's workspaces, which the next run on that thread would then build again. The
 * arrays are closed explicitly, so nothing waits for the collector; {@link #releaseWorkspaces} frees a thread's
 * workspaces where its work ends.
 */
public final class NetMemory {

    private NetMemory() {
    }

    /** Frees {@code net}'s parameters, gradients and updater state; the net is unusable afterwards. */
    public static void release(MultiLayerNetwork net) {
        close(net.params());
        close(net.getFlattenedGradients());
        Updater updater = net.getUpdater(false);
        close(updater == null ? null : updater.getStateViewArray());
    }

    /** The same for a graph. */
    public static void release(ComputationGraph graph) {
        close(graph.params());
        close(graph.getFlattenedGradients());
        Updater updater = graph.getUpdater(false);
        close(updater == null ? null : updater.getStateViewArray());
    }

    /**
     * Frees the calling thread's workspaces (DL4J's per-thread buffers for activations and gradients, sized by the
     * largest net the thread ran: tens of MB for the sweep's CNN, GBs for a big loaded net): where a thread's work
     * ends, since a thread that stays (a job executor's) would otherwise keep them. One by one rather than through
     * ND4J's {@code destroyAllWorkspacesForCurrentThread}, which ends with {@code System.gc()}: a full collection
     * that stopped the other worker too (JFR of a default sweep: four of them, 21-113 ms each, two as the sweep
     * started and two as it ended).
     */
    public static void releaseWorkspaces() {
        MemoryWorkspaceManager manager = Nd4j.getWorkspaceManager();
        for (MemoryWorkspace workspace : List.copyOf(manager.getAllWorkspacesForCurrentThread())) {
            manager.destroyWorkspace(workspace);
        }
    }

    private static void close(INDArray array) {
        if (array != null && array.closeable()) {
            array.close();
        }
    }
}
