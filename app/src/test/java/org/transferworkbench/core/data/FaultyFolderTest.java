package org.transferworkbench.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.NetFactory;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.EpochStats;
import org.transferworkbench.core.train.Trainer;
import org.transferworkbench.core.train.TrainingListener;

/** A folder as users make them: every format the issue lists, and every fault, in one place. */
class FaultyFolderTest {

    static final String[] FIXTURES = {"cmyk.jpg", "exif-rotated.jpg", "lossless.webp", "lossy.webp", "rgb.tiff",
        "deep-16bit.png", "palette.png", "gray-16bit.png"};

    @TempDir
    Path tmp;

    static BufferedImage image(int w, int h, Color color, long noiseSeed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        if (noiseSeed != 0) {
            // Noise makes the compressed data long, so cutting the file in half cuts into the pixels.
            Random r = new Random(noiseSeed);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    img.setRGB(x, y, img.getRGB(x, y) ^ (r.nextInt(64) << 8));
                }
            }
        }
        return img;
    }

    static Path write(Path file, BufferedImage img, String format) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage out = img;
        if (!format.equals("png")) {
            // JPEG, BMP and GIF writers take no alpha.
            out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            out.getGraphics().drawImage(img, 0, 0, null);
        }
        assertThat(ImageIO.write(out, format, file.toFile())).as(file.toString()).isTrue();
        return file;
    }

    static void copyFixture(String name, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = FaultyFolderTest.class.getResourceAsStream("/images/" + name)) {
            Files.copy(in, target);
        }
    }

    static void truncate(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    }

    /** Builds the folder; returns the expected skip reasons by relative path. */
    Map<String, String> buildFaultyFolder(Path root) throws IOException {
        Path red = root.resolve("chat noir 🐈");
        Path blue = root.resolve("bleu ciel");
        for (int i = 0; i < 6; i++) {
            write(red.resolve("rouge " + i + ".png"), image(24, 24, new Color(220, 30, 30, 255), 0), "png");
            write(blue.resolve("b" + i + ".jpg"), image(24, 24, new Color(30, 30, 220), 0), "jpg");
        }
        write(red.resolve("sous dossier/plus bas/r.gif"), image(12, 12, Color.RED, 0), "gif");
        write(red.resolve("transparent.png"), image(20, 20, new Color(255, 0, 0, 128), 0), "png");
        write(blue.resolve("b.bmp"), image(16, 16, Color.BLUE, 0), "bmp");
        write(blue.resolve("huge.png"), image(6000, 4000, Color.BLUE, 0), "png");
        write(blue.resolve("thin.png"), image(1000, 10, Color.BLUE, 0), "png");
        write(blue.resolve("speck.png"), image(2, 2, Color.BLUE, 0), "png");
        for (String f : FIXTURES) {
            copyFixture(f, blue.resolve("formats/" + f));
        }
        // Hidden things: ignored without a word.
        Files.write(red.resolve(".DS_Store"), new byte[] {0, 0, 0, 1});
        Files.write(blue.resolve("Thumbs.db"), new byte[] {1, 2});
        write(root.resolve(".cache/x.png"), image(8, 8, Color.GREEN, 0), "png");
        write(red.resolve(".thumbnails/y.png"), image(8, 8, Color.GREEN, 0), "png");
        Files.writeString(root.resolve("README.md"), "my dataset");

        Map<String, String> expected = new TreeMap<>();
        // Links: a loop, a link to the dataset root (it would pull the other class in), one to outside, a dangling
        // one: none followed, each reported; a link to an image inside the dataset is followed.
        Files.createSymbolicLink(red.resolve("sous dossier/boucle"), red);
        expected.put(root.relativize(red.resolve("sous dossier/boucle")).toString(),
                "a link to a folder that contains it");
        Files.createSymbolicLink(red.resolve("tout"), root);
        expected.put(root.relativize(red.resolve("tout")).toString(), "a link to a folder that contains it");
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        write(outside.resolve("secret.png"), image(8, 8, Color.GREEN, 0), "png");
        Files.createSymbolicLink(blue.resolve("ailleurs"), outside);
        expected.put("bleu ciel/ailleurs", "a link to outside the dataset folder");
        Files.createSymbolicLink(blue.resolve("dangling.png"), tmp.resolve("gone.png"));
        expected.put("bleu ciel/dangling.png", "a link that points nowhere");
        Files.write(blue.resolve("empty.png"), new byte[0]);
        expected.put("bleu ciel/empty.png", "empty file (0 bytes)");
        truncate(write(blue.resolve("cut.png"), image(64, 64, Color.BLUE, 3), "png"));
        expected.put("bleu ciel/cut.png", "truncated PNG file");
        truncate(write(blue.resolve("cut.jpg"), image(64, 64, Color.BLUE, 4), "jpg"));
        expected.put("bleu ciel/cut.jpg", "truncated JPEG file");
        Files.writeString(blue.resolve("text.png"), "not a picture at all, just words");
        expected.put("bleu ciel/text.png", "not a valid PNG file");
        write(blue.resolve("renamed.jpg"), image(16, 16, Color.BLUE, 0), "png");
        expected.put("bleu ciel/renamed.jpg", "wrong extension: a PNG image named .jpg");
        write(blue.resolve("photo.dat"), image(16, 16, Color.BLUE, 0), "png");
        expected.put("bleu ciel/photo.dat", "wrong extension: a PNG image named .dat");
        Files.writeString(blue.resolve("notes.txt"), "taken on holiday");
        expected.put("bleu ciel/notes.txt", "not an image (.txt file)");
        byte[] noise = new byte[500];
        new Random(5).nextBytes(noise);
        Files.write(blue.resolve("blob"), noise);
        expected.put("bleu ciel/blob", "not an image (no file extension)");
        byte[] gif = Files.readAllBytes(write(tmp.resolve("g.gif"), image(32, 32, Color.BLUE, 6), "gif"));
        Arrays.fill(gif, 13, gif.length, (byte) 0x55);
        Files.write(blue.resolve("scrambled.gif"), gif);
        expected.put("bleu ciel/scrambled.gif", "GIF file");
        write(root.resolve("rare/a.png"), image(8, 8, Color.GREEN, 0), "png");
        write(root.resolve("rare/b.png"), image(8, 8, Color.GREEN, 0), "png");
        expected.put("rare/", "class rare left out: 2 usable image(s), at least 5 needed");
        write(root.resolve("stray.png"), image(8, 8, Color.GREEN, 0), "png");
        expected.put("stray.png", "file outside any class folder");
        return expected;
    }

    @Test
    void aFolderWithEveryFaultLoadsWithAnAccurateSkipReportAndTrains() throws IOException {
        Path root = tmp.resolve("Mes images — été");
        Map<String, String> expected = buildFaultyFolder(root);
        List<int[]> progress = new CopyOnWriteArrayList<>();

        Dataset d = DatasetLoader.load(root, LoadOptions.defaults(), (done, total) -> progress.add(new int[] {done,
                total}));

        assertThat(d.classNames()).containsExactly("bleu ciel", "chat noir 🐈");
        Map<String, String> skipped = new TreeMap<>();
        d.skipped().forEach(s -> skipped.put(s.path(), s.reason()));
        assertThat(skipped.keySet()).as("skip report: %s", skipped).isEqualTo(expected.keySet());
        expected.forEach((path, reason) -> assertThat(skipped.get(path)).as(path).contains(reason));
        // 6 jpg + bmp + huge + thin + speck + 8 formats in blue; 6 png + gif + transparent in red.
        int[] counts = TensorSet.concat(TensorSet.concat(d.train(), d.validation()), d.test()).classCounts();
        assertThat(counts).containsExactly(18, 8);
        assertThat(d.notes()).anyMatch(n -> n.contains("class rare left out"));
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)[1]).isEqualTo(progress.stream().mapToInt(p ->
                p[0]).max().getAsInt());

        // And it trains: red against (mostly) blue is learnt in a few epochs.
        Architecture arch = Architecture.transferCnn(d.inputShape(), d.numClasses());
        var net = NetFactory.full(arch, Recipe.DEFAULT, 1);
        TensorSet all = TensorSet.concat(d.train(), d.validation());
        List<EpochStats> history = Trainer.train(net, all, all, new Recipe(8, 8, 2e-3, 1), 1,
                new CancellationToken(), TrainingListener.NONE);
        assertThat(history.get(history.size() - 1).trainLoss()).isFinite();
        assertThat(Trainer.accuracy(net, all)).isGreaterThan(0.8);
    }

    @Test
    void everyFormatDecodesUpright() throws IOException {
        for (String f : FIXTURES) {
            Path file = tmp.resolve(f);
            copyFixture(f, file);
            ImageDecoder.Result r = ImageDecoder.decode(file);
            assertThat(r.problem()).as(f).isNull();
            BufferedImage img = r.image();
            if (f.startsWith("exif")) {
                // Stored 32x16 red|blue with orientation 6: shown 16x32, red on top.
                assertThat(img.getWidth()).isEqualTo(16);
                assertThat(img.getHeight()).isEqualTo(32);
                assertThat(red(img.getRGB(8, 3))).isGreaterThan(200);
                assertThat(blue(img.getRGB(8, 28))).isGreaterThan(200);
            } else if (!f.startsWith("gray")) {
                assertThat(img.getWidth()).as(f).isEqualTo(32);
                assertThat(red(img.getRGB(3, 8))).as(f + " left is red").isGreaterThan(200);
                assertThat(blue(img.getRGB(28, 8))).as(f + " right is blue").isGreaterThan(200);
            }
        }
    }

    private static int red(int argb) {
        return (argb >> 16) & 0xff;
    }

    private static int blue(int argb) {
        return argb & 0xff;
    }

    @Test
    void resizeRulesSquashCropAndPad() {
        // 40x10: left quarter red, the rest blue.
        BufferedImage img = image(40, 10, Color.BLUE, 0);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                img.setRGB(x, y, Color.RED.getRGB());
            }
        }
        byte[] squash = ImageConversion.toRgbBytes(img, 8, ResizeRule.SQUASH);
        byte[] crop = ImageConversion.toRgbBytes(img, 8, ResizeRule.CROP);
        byte[] pad = ImageConversion.toRgbBytes(img, 8, ResizeRule.PAD);
        assertThat(squash[0] & 0xff).as("squash keeps the red edge").isGreaterThan(200);
        assertThat(crop[0] & 0xff).as("crop keeps the blue centre").isLessThan(60);
        assertThat(pad[0] & 0xff).as("pad: white background at the top").isGreaterThan(200);
        assertThat(pad[1] & 0xff).as("pad: white has green").isGreaterThan(200);
        int middleRow = 4 * 8 * 3;
        assertThat(pad[middleRow] & 0xff).as("pad: image in the middle rows, red at its left").isGreaterThan(200);
        assertThat(pad[middleRow + 1] & 0xff).as("pad: red has no green").isLessThan(60);
    }

    @Test
    void largeFoldersAreLoadedSmallerThenThinnedInsteadOfFailing() throws IOException {
        Path root = tmp.resolve("many");
        for (int i = 0; i < 20; i++) {
            write(root.resolve("a/" + i + ".png"), image(40, 40, Color.RED, 0), "png");
            write(root.resolve("b/" + i + ".png"), image(40, 40, Color.BLUE, 0), "png");
        }
        long perImageAt32 = 32L * 32 * MemoryPlan.bytesPerPixel(0);
        Dataset smaller = DatasetLoader.load(root, LoadOptions.defaults().withMemoryBudget(40 * perImageAt32 / 2));
        assertThat(smaller.inputShape().height()).isBetween(MemoryPlan.MIN_SIZE, 31);
        assertThat(smaller.notes()).anyMatch(n -> n.contains("instead of 32x32"));
        assertThat(smaller.train().size() + smaller.validation().size() + smaller.test().size()).isEqualTo(40);

        long perImageAt16 = 16L * 16 * MemoryPlan.bytesPerPixel(0);
        Dataset thinned = DatasetLoader.load(root, LoadOptions.defaults().withMemoryBudget(24 * perImageAt16));
        assertThat(thinned.inputShape().height()).isEqualTo(MemoryPlan.MIN_SIZE);
        int[] counts = TensorSet.concat(TensorSet.concat(thinned.train(), thinned.validation()), thinned.test())
                .classCounts();
        assertThat(counts).containsExactly(12, 12);
        assertThat(thinned.notes()).anyMatch(n -> n.startsWith("24 of 40 images loaded"));
    }

    @Test
    void everyExifOrientationEndsUpright() {
        // A 3x2 image with distinct pixels, stored as each orientation would store it, must come back the same.
        int[][] upright = {{1, 2, 3}, {4, 5, 6}};
        for (int o = 1; o <= 8; o++) {
            BufferedImage stored = storedAs(upright, o);
            BufferedImage shown = Orientation.apply(stored, o);
            List<Integer> got = new ArrayList<>();
            for (int y = 0; y < shown.getHeight(); y++) {
                for (int x = 0; x < shown.getWidth(); x++) {
                    got.add(shown.getRGB(x, y) & 0xff);
                }
            }
            assertThat(got).as("orientation " + o).containsExactly(1, 2, 3, 4, 5, 6);
        }
    }

    /** How a camera stores an upright picture under EXIF orientation o (the inverse of what viewers do). */
    private static BufferedImage storedAs(int[][] px, int o) {
        int h = px.length;
        int w = px[0].length;
        boolean swap = o >= 5;
        BufferedImage img = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx;
                int sy;
                switch (o) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = w - 1 - x; }
                    case 7 -> { sx = h - 1 - y; sy = w - 1 - x; }
                    case 8 -> { sx = h - 1 - y; sy = x; }
                    default -> { sx = x; sy = y; }
                }
                img.setRGB(sx, sy, px[y][x]);
            }
        }
        return img;
    }
}
