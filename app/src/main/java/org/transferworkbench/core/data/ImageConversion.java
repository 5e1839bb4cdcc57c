package org.transferworkbench.core.data;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Converts decoded images to the net's input: squashed to a square of the target size (bilinear, high quality),
 * alpha composited on white, then gray (luma) or RGB planes in [0,1], channel-major (CHW).
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

    /** True when every pixel has equal red, green and blue. */
    public static boolean isGray(BufferedImage image) {
        if (image.getColorModel().getNumColorComponents() == 1) {
            return true;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        // A sample grid is enough to tell a colour photo from a gray one, and keeps big images cheap.
        int step = Math.max(1, Math.max(w, h) / 64);
        for (int y = 0; y < h; y += step) {
            for (int x = 0; x < w; x += step) {
                int p = image.getRGB(x, y);
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                if (Math.abs(r - g) > 2 || Math.abs(g - b) > 2) {
                    return false;
                }
            }
        }
        return true;
    }

    static BufferedImage resizeOnWhite(BufferedImage image, int width, int height) {
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
            g.drawImage(source, 0, 0, width, height, null);
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
        image.getRaster().setDataElements(0, 0, width, height, java.util.Arrays.copyOfRange(pixels, offset, offset + width * height));
        return image;
    }
}
