package org.transferworkbench.core.data;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes one image file, or says in words why it cannot be used. The format is read from the file's content (so a
 * renamed file is caught), very large images are subsampled while decoding (a 6000x4000 photo never becomes a 96 MB
 * raster), and a JPEG's EXIF orientation is applied so photos from phones stand upright.
 *
 * <p>Formats: PNG (8/16-bit, gray, palette, alpha), JPEG (including CMYK/YCCK, through TwelveMonkeys), GIF, BMP,
 * WebP and TIFF (TwelveMonkeys).
 */
public final class ImageDecoder {

    /** Images are decoded to at most about this many pixels on the long side. */
    static final int MAX_DECODED_SIDE = 1024;

    /** File extension -> format family, as the content check names it. */
    static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("png", "PNG"), Map.entry("jpg", "JPEG"), Map.entry("jpeg", "JPEG"), Map.entry("jpe", "JPEG"),
            Map.entry("jfif", "JPEG"), Map.entry("gif", "GIF"), Map.entry("bmp", "BMP"), Map.entry("dib", "BMP"),
            Map.entry("webp", "WEBP"), Map.entry("tif", "TIFF"), Map.entry("tiff", "TIFF"));

    /**
     * @param image  the decoded image, upright, or null
     * @param problem why the file cannot be used, or null
     * @param format the format found in the content (PNG, JPEG, ...), or null
     */
    public record Result(BufferedImage image, String problem, String format) {
        static Result skip(String problem) {
            return new Result(null, problem, null);
        }
    }

    private ImageDecoder() {
    }

    public static boolean hasImageExtension(Path file) {
        return EXTENSIONS.containsKey(extension(file));
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public static Result decode(Path file) throws IOException {
        return decode(file, MAX_DECODED_SIDE);
    }

    /**
     * @param maxSide decode to about this many pixels on the long side at most (subsampling while reading): the
     *                loader asks for 8x the input size, enough for the halving resize to smooth away the aliasing
     *                of point subsampling, and much faster for photos than decoding every pixel
     */
    public static Result decode(Path file, int maxSide) throws IOException {
        if (Files.size(file) == 0) {
            return Result.skip("empty file (0 bytes)");
        }
        String ext = extension(file);
        String claimed = EXTENSIONS.get(ext);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return Result.skip("cannot open");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.hasNext() ? readers.next() : null;
            String format = reader == null ? null : family(reader.getFormatName());
            // WBMP has no signature: Java's reader claims many non-image files. Only believe it when named so.
            if (format == null || (format.equals("WBMP") && !ext.equals("wbmp"))) {
                return Result.skip(claimed == null
                        ? "not an image" + (ext.isEmpty() ? " (no file extension)" : " (." + ext + " file)")
                        : "not a valid " + claimed + " file (its content is not an image)");
            }
            if (!format.equals(claimed)) {
                return Result.skip("wrong extension: a " + format + " image named "
                        + (ext.isEmpty() ? "without an extension" : "." + ext) + " (rename it to use it)");
            }
            in.seek(0);
            BufferedImage image = read(reader, in, format, Math.max(64, Math.min(maxSide, MAX_DECODED_SIDE)));
            if (image == null) {
                return Result.skip("truncated or corrupt " + format + " file (nothing decoded)");
            }
            if (format.equals("JPEG")) {
                in.seek(0); // the same open file: its EXIF block is near the start
                image = Orientation.apply(image, exifOrientation(in));
            }
            return new Result(image, null, format);
        } catch (UnreadableException e) {
            return Result.skip((e.truncated ? "truncated " : "corrupt ") + e.format + " file (" + e.getMessage() + ")");
        }
    }

    /** Decodes with the reader that recognised the content (disposed here). */
    private static BufferedImage read(ImageReader reader, ImageInputStream in, String format, int maxSide)
            throws UnreadableException {
        List<String> warnings = new ArrayList<>();
        try {
            // Not seek-forward-only: a JPEG is read again from the start for its EXIF orientation.
            reader.setInput(in, false, true);
            reader.addIIOReadWarningListener((IIOReadWarningListener) (source, warning) -> warnings.add(warning));
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.max(w, h) / maxSide);
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            // JPEG readers decode what they can of a cut-off file and only warn: a grey lower half is no image.
            for (String warning : warnings) {
                String lower = warning.toLowerCase(Locale.ROOT);
                if (lower.contains("premature") || lower.contains("truncat") || lower.contains("corrupt")) {
                    throw new UnreadableException(format, true, warning.strip());
                }
            }
            return image == null || image.getWidth() < 1 || image.getHeight() < 1 ? null : image;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableException(format, isEndOfData(e), describe(e));
        } finally {
            reader.dispose();
        }
    }

    private static boolean isEndOfData(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof EOFException || m.contains("end of") || m.contains("eof") || m.contains("truncat")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.strip().lines().findFirst().orElse(m);
    }

    /** EXIF orientation 1..8 of a JPEG, 1 (upright) when it has none or it cannot be read. */
    static int exifOrientation(ImageInputStream in) {
        try {
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            if (exif.isEmpty()) {
                return 1;
            }
            try (InputStream data = exif.get(0).data()) {
                data.read(); // the pad byte after "Exif\0"
                Directory dir = new TIFFReader().read(new MemoryCacheImageInputStream(data));
                Directory ifd0 = dir instanceof CompoundDirectory c ? c.getDirectory(0) : dir;
                Entry entry = ifd0.getEntryById(TIFF.TAG_ORIENTATION);
                if (entry != null && entry.getValue() instanceof Number n && n.intValue() >= 1 && n.intValue() <= 8) {
                    return n.intValue();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Damaged metadata must not cost the user the picture: use it as stored.
        }
        return 1;
    }

    static String family(String formatName) {
        String f = formatName.toUpperCase(Locale.ROOT);
        return switch (f) {
            case "JPG", "JPEG", "JPEG-LOSSLESS" -> "JPEG";
            case "TIF", "TIFF" -> "TIFF";
            default -> f;
        };
    }

    /** A file the reader fails on, or decodes only in part, with what the reader said. */
    static final class UnreadableException extends Exception {
        final String format;
        final boolean truncated;

        UnreadableException(String format, boolean truncated, String message) {
            super(message);
            this.format = format;
            this.truncated = truncated;
        }
    }
}
