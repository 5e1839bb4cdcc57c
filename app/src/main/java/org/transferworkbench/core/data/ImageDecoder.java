package org.transferworkbench.core.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Decodes one image file, subsampling very large ones while decoding so a big photo cannot exhaust memory. */
public final class ImageDecoder {

    /** Images are decoded to at most about this many pixels on the long side. */
    static final int MAX_DECODED_SIDE = 1024;

    public record Result(BufferedImage image, String problem) {
    }

    private ImageDecoder() {
    }

    public static Result decode(Path file) throws IOException {
        if (Files.size(file) == 0) {
            return new Result(null, "empty file (0 bytes)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return new Result(null, "cannot open");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return new Result(null, "not an image in a supported format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(w, h) / MAX_DECODED_SIDE);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                    return new Result(null, "decoded to an empty image");
                }
                return new Result(image, null);
            } catch (IOException | RuntimeException e) {
                return new Result(null, "truncated or corrupt " + reader.getFormatName() + " ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            } finally {
                reader.dispose();
            }
        }
    }
}
