package org.transferworkbench.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferworkbench.Synthetic;

class IdxLoaderTest {

    @TempDir
    Path dir;

    @Test
    void readsGzippedIdxWithClassNamesAndStratifiedValidation() throws Exception {
        Synthetic.writeIdx(dir, 4, 30, 10, 20, 1);
        Dataset d = DatasetLoader.load(dir, LoadOptions.defaults());
        assertThat(d.format()).isEqualTo("idx");
        assertThat(d.classNames()).containsExactly("class 0", "class 1", "class 2", "class 3");
        assertThat(d.inputShape()).isEqualTo(new InputShape(1, 20, 20));
        assertThat(d.train().size() + d.validation().size()).isEqualTo(120);
        assertThat(d.validation().classCounts()).containsExactly(3, 3, 3, 3);
        assertThat(d.test().classCounts()).containsExactly(10, 10, 10, 10);
        // pixel values are scaled to [0,1], and the square of class 0 is bright
        float max = 0;
        for (float v : d.test().data()) {
            assertThat(v).isBetween(0f, 1f);
            max = Math.max(max, v);
        }
        assertThat(max).isGreaterThan(0.85f);
    }

    @Test
    void sameFilesGiveSameFingerprintAndPartition() throws Exception {
        Synthetic.writeIdx(dir, 3, 20, 5, 16, 2);
        Dataset a = DatasetLoader.load(dir, LoadOptions.defaults());
        Dataset b = DatasetLoader.load(dir, LoadOptions.defaults());
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
        assertThat(a.validation().data()).isEqualTo(b.validation().data());
        Dataset resized = DatasetLoader.load(dir, LoadOptions.defaults().withImageSize(24));
        assertThat(resized.fingerprint()).isNotEqualTo(a.fingerprint());
    }

    @Test
    void resizesAndReplicatesChannels() throws Exception {
        Synthetic.writeIdx(dir, 3, 10, 5, 16, 3);
        Dataset d = DatasetLoader.load(dir, LoadOptions.defaults().withImageSize(32).withChannels(3));
        assertThat(d.inputShape()).isEqualTo(new InputShape(3, 32, 32));
        assertThat(d.train().exampleShape()).containsExactly(3, 32, 32);
        float[] x = d.test().data();
        int plane = 32 * 32;
        for (int i = 0; i < plane; i++) {
            assertThat(x[i]).isEqualTo(x[plane + i]).isEqualTo(x[2 * plane + i]);
        }
    }

    @Test
    void readsUncompressedFiles() throws Exception {
        Synthetic.writeIdx(dir, 3, 10, 5, 16, 4);
        for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
            byte[] raw;
            try (var in = new GZIPInputStream(Files.newInputStream(dir.resolve(f + ".gz")))) {
                raw = in.readAllBytes();
            }
            Files.delete(dir.resolve(f + ".gz"));
            Files.write(dir.resolve(f), raw);
        }
        assertThat(DatasetLoader.load(dir, LoadOptions.defaults()).test().size()).isEqualTo(15);
    }

    @Test
    void badMagicNamesTheFile() throws Exception {
        Synthetic.writeIdx(dir, 3, 10, 5, 16, 5);
        ByteArrayOutputStream junk = new ByteArrayOutputStream();
        Synthetic.writeInt(junk, 1234);
        Files.delete(dir.resolve("train-images-idx3-ubyte.gz"));
        Files.write(dir.resolve("train-images-idx3-ubyte"), junk.toByteArray());
        assertThatThrownBy(() -> DatasetLoader.load(dir, LoadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("train-images-idx3-ubyte")
                .hasMessageContaining("not an IDX image file");
    }

    @Test
    void missingFolderIsAClearError() {
        assertThatThrownBy(() -> DatasetLoader.load(dir.resolve("nope"), LoadOptions.defaults()))
                .isInstanceOf(DataException.class).hasMessageContaining("no such file or folder");
    }
}
