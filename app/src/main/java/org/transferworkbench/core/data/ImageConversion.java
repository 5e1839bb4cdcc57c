package org.transferworkbench.core.data;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Converts decoded images to the net's input: fitted to the target size by a {@link ResizeRule} (bilinear, after
 * repeated halving), alpha composited on white, then gray (luma) or RGB planes in [0,1], channel-major (CHW).
 */
public final class ImageConversion {

    private ImageConversion() {
    }

    /** Writes the converted pixels of {@code image} into {@code out} starting at {@code offset}. */
    public static void toChw(BufferedImage image, InputShape shape, float[] out, int offset) {
        BufferedImage rgb = resizeOnWhite(image, shape.width(), shape.height());
        int w = shape.width();
        int h = shape.height();
        int plane = w * h;
        int[] argb = rgb.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            float r = ((p >> 16) & 0xff) / 255f;
            float g = ((p >> 8) & 0xff) / 255f;
            float b = (p & 0xff) / 255f;
            if (shape.channels() == 1) {
                out[offset + i] = 0.299f * r + 0.587f * g + 0.114f * b;
            } else {
                out[offset + i] = r;
                out[offset + plane + i] = g;
                out[offset + 2 * plane + i] = b;
            }
        }
    }

    /**
     * The image fitted to size x size by the rule, as interleaved RGB bytes (3 per pixel): a quarter of the memory of
     * floats, which is what a folder of thousands of images is held in until every file has been decoded.
     */
    public static byte[] toRgbBytes(BufferedImage image, int size, ResizeRule rule) {
        BufferedImage rgb = resizeOnWhite(image, size, size, rule);
        int[] argb = rgb.getRGB(0, 0, size, size, null, 0, size);
        byte[] out = new byte[argb.length * 3];
        for (int i = 0; i < argb.length; i++) {
            out[3 * i] = (byte) (argb[i] >> 16);
            out[3 * i + 1] = (byte) (argb[i] >> 8);
            out[3 * i + 2] = (byte) argb[i];
        }
        return out;
    }

    /** True when every pixel's red, green and blue agree (within JPEG noise). */
    public static boolean isGray(byte[] rgb) {
        for (int i = 0; i < rgb.length; i += 3) {
            int r = rgb[i] & 0xff;
            int g = rgb[i + 1] & 0xff;
            int b = rgb[i + 2] & 0xff;
            if (Math.abs(r - g) > 2 || Math.abs(g - b) > 2) {
                return false;
            }
        }
        return true;
    }

    /** Interleaved RGB bytes -> {@code channels} planes in [0,1] (1 = luma), written at {@code offset}. */
    public static void rgbBytesToChw(byte[] rgb, int channels, float[] out, int offset) {
        int plane = rgb.length / 3;
        for (int i = 0; i < plane; i++) {
            float r = (rgb[3 * i] & 0xff) / 255f;
            float g = (rgb[3 * i + 1] & 0xff) / 255f;
            float b = (rgb[3 * i + 2] & 0xff) / 255f;
            if (channels == 1) {
                out[offset + i] = 0.299f * r + 0.587f * g + 0.114f * b;
            } else {
                out[offset + i] = r;
                out[offset + plane + i] = g;
                out[offset + 2 * plane + i] = b;
            }
        }
    }

    static BufferedImage resizeOnWhite(BufferedImage image, int width, int height) {
        return resizeOnWhite(image, width, height, ResizeRule.SQUASH);
    }

    static BufferedImage resizeOnWhite(BufferedImage image, int width, int height, ResizeRule rule) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setComposite(AlphaComposite.SrcOver);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            BufferedImage source = image;
            // Halve repeatedly first: one bilinear step from a large image would alias badly.
            while (source.getWidth() >= 2 * width && source.getHeight() >= 2 * height) {
                source = halve(source);
            }
            int sw = source.getWidth();
            int sh = source.getHeight();
            switch (rule) {
                case SQUASH -> g.drawImage(source, 0, 0, width, height, null);
                case CROP -> {
                    // The largest centred region with the target's aspect ratio.
                    double scale = Math.min(sw / (double) width, sh / (double) height);
                    int cw = (int) Math.round(width * scale);
                    int ch = (int) Math.round(height * scale);
                    int x = (sw - cw) / 2;
                    int y = (sh - ch) / 2;
                    g.drawImage(source, 0, 0, width, height, x, y, x + cw, y + ch, null);
                }
                case PAD -> {
                    // The whole image, scaled to fit, centred on the background.
                    double scale = Math.min(width / (double) sw, height / (double) sh);
                    int dw = Math.max(1, (int) Math.round(sw * scale));
                    int dh = Math.max(1, (int) Math.round(sh * scale));
                    g.drawImage(source, (width - dw) / 2, (height - dh) / 2, dw, dh, null);
                }
                default -> throw new IllegalStateException(rule.name());
            }
        } finally {
            g.dispose();
        }
        return target;
    }

    private static BufferedImage halve(BufferedImage image) {
        int w = image.getWidth() / 2;
        int h = image.getHeight() / 2;
        BufferedImage half = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = half.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return half;
    }

    /** Gray pixel bytes (0..255) of one IDX image as a BufferedImage, for resizing. */
    static BufferedImage grayImage(byte[] pixels, int offset, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, Arrays.copyOfRange(pixels, offset, offset
                + width * height));
        return image;
    }
}
