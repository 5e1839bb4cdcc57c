package org.transferworkbench.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferworkbench.core.data.InputShape;

class NetMemoryTest {

    @Test
    void releaseFreesTheNetsArraysAndKeepsTheThreadsWorkspacesForTheNextNet() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        MultiLayerNetwork net = NetFactory.full(Architecture.transferCnn(new InputShape(1, 28, 28), 3), Recipe.DEFAULT,
                5);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 8, 3);
        labels.getColumn(0).assign(1);
        net.fit(Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28), labels);
        INDArray params = net.params();
        INDArray gradients = net.getFlattenedGradients();
        INDArray updaterState = net.getUpdater(false).getStateViewArray();
        int workspaces = Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread().size();
        assertThat(workspaces).isPositive();

        NetMemory.release(net);

        assertThat(params.wasClosed()).isTrue();
        assertThat(gradients.wasClosed()).isTrue();
        assertThat(updaterState.wasClosed()).isTrue();
        assertThat(Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()).hasSize(workspaces);
        long fullCollections = fullCollections();
        NetMemory.releaseWorkspaces();
        assertThat(Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()).isEmpty();
        // Without ND4J's System.gc() (G1 counts its full collections, the only kind System.gc() makes, as "old").
        assertThat(fullCollections()).isEqualTo(fullCollections);
    }

    private static long fullCollections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(gc -> gc.getName().contains("Old") || gc.getName().contains("MarkSweep"))
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }
}
