package org.transferworkbench.core.data;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** Turns a JPEG as stored into the image as it is meant to be seen, following its EXIF orientation (1..8). */
final class Orientation {

    private Orientation() {
    }

    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5; // 5..8 turn by a quarter: width and height trade places
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }                        // mirrored
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }                     // upside down
            case 4 -> { t.translate(0, h); t.scale(1, -1); }                        // mirrored vertically
            case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }                   // transposed
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }                 // needs 90 degrees clockwise
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }             // needs 90 counter-clockwise
            default -> { }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
