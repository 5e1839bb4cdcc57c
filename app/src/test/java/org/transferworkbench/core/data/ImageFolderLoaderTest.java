package org.transferworkbench.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderLoaderTest {

    @TempDir
    Path root;

    static void write(Path file, Color color, int w, int h, String format, int type) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        assertThat(ImageIO.write(img, format, file.toFile())).isTrue();
    }

    @Test
    void readsClassFoldersOfMixedFormatsAndReportsEveryUnusableFile() throws Exception {
        for (int i = 0; i < 6; i++) {
            write(root.resolve("red/r" + i + ".png"), Color.RED, 40, 30, "png", BufferedImage.TYPE_INT_RGB);
            write(root.resolve("été bleu/b" + i + ".jpg"), Color.BLUE, 20, 20, "jpg", BufferedImage.TYPE_INT_RGB);
        }
        write(root.resolve("red/nested/deeper/r9.gif"), Color.RED, 16, 16, "gif", BufferedImage.TYPE_INT_RGB);
        write(root.resolve("été bleu/b9.bmp"), Color.BLUE, 16, 16, "bmp", BufferedImage.TYPE_INT_RGB);
        Files.write(root.resolve("red/.DS_Store"), new byte[] {1, 2, 3});
        Files.write(root.resolve("red/empty.png"), new byte[0]);
        Files.writeString(root.resolve("red/notes.png"), "this is not a picture");
        Files.createDirectories(root.resolve(".hidden"));
        write(root.resolve(".hidden/x.png"), Color.GREEN, 8, 8, "png", BufferedImage.TYPE_INT_RGB);
        write(root.resolve("tiny/t0.png"), Color.GREEN, 8, 8, "png", BufferedImage.TYPE_INT_RGB);

        Dataset d = DatasetLoader.load(root, LoadOptions.defaults());

        assertThat(d.format()).isEqualTo("folder");
        assertThat(d.classNames()).containsExactly("red", "été bleu");
        assertThat(d.inputShape()).isEqualTo(new InputShape(3, 32, 32));
        assertThat(d.train().size() + d.validation().size() + d.test().size()).isEqualTo(14);
        List<String> skipped = d.skipped().stream().map(s -> s.path() + ": " + s.reason()).toList();
        assertThat(skipped).anyMatch(s -> s.startsWith("red/empty.png") && s.contains("0 bytes"));
        assertThat(skipped).anyMatch(s -> s.startsWith("red/notes.png") && s.contains("not an image"));
        assertThat(skipped).anyMatch(s -> s.startsWith("tiny/") && s.contains("left out"));
        assertThat(skipped).noneMatch(s -> s.contains(".DS_Store") || s.contains(".hidden"));
        // red images are red in the red plane only
        TensorSet all = TensorSet.concat(TensorSet.concat(d.train(), d.validation()), d.test());
        int plane = 32 * 32;
        for (int i = 0; i < all.size(); i++) {
            float r = all.data()[i * 3 * plane + 100];
            float b = all.data()[i * 3 * plane + 2 * plane + 100];
            if (all.labels()[i] == 0) {
                assertThat(r).isGreaterThan(0.9f);
                assertThat(b).isLessThan(0.1f);
            } else {
                assertThat(b).isGreaterThan(0.9f);
            }
        }
    }

    @Test
    void grayImagesGiveOneChannelAndTrainTestFoldersAreKept() throws Exception {
        for (String part : new String[] {"train", "test"}) {
            for (int i = 0; i < 6; i++) {
                write(root.resolve(part + "/dark/d" + i + ".png"), Color.DARK_GRAY, 28, 28, "png",
                        BufferedImage.TYPE_BYTE_GRAY);
                write(root.resolve(part + "/light/l" + i + ".png"), Color.LIGHT_GRAY, 28, 28, "png",
                        BufferedImage.TYPE_BYTE_GRAY);
            }
        }
        Dataset d = DatasetLoader.load(root, LoadOptions.defaults().withImageSize(28));
        assertThat(d.inputShape()).isEqualTo(new InputShape(1, 28, 28));
        assertThat(d.test().size()).isEqualTo(12);
        assertThat(d.train().size() + d.validation().size()).isEqualTo(12);
        assertThat(d.validation().classCounts()).containsExactly(1, 1);
    }

    @Test
    void refusesAFolderWithFewerThanTwoUsableClasses() throws Exception {
        for (int i = 0; i < 6; i++) {
            write(root.resolve("only/o" + i + ".png"), Color.RED, 10, 10, "png", BufferedImage.TYPE_INT_RGB);
        }
        assertThatThrownBy(() -> DatasetLoader.load(root, LoadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(root.toString())
                .hasMessageContaining("fewer than two classes");
    }
}
