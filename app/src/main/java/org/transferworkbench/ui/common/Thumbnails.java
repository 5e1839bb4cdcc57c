package org.transferworkbench.ui.common;

import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.transferworkbench.core.data.TensorSet;

/** Examples of a tensor set as small images (the data panel's thumbnails, the confusion view's samples). */
public final class Thumbnails {

    private Thumbnails() {
    }

    /** One example as an image, scaled up without smoothing to about 40 pixels. */
    public static WritableImage of(TensorSet set, int index) {
        int[] s = set.exampleShape();
        int ch = s[0];
        int h = s[1];
        int w = s[2];
        int scale = Math.max(1, 40 / Math.max(h, w));
        WritableImage img = new WritableImage(w * scale, h * scale);
        PixelWriter pw = img.getPixelWriter();
        int base = index * set.valuesPerExample();
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float r = set.data()[base + y * w + x];
                float g = ch == 3 ? set.data()[base + plane + y * w + x] : r;
                float b = ch == 3 ? set.data()[base + 2 * plane + y * w + x] : r;
                Color color = Color.color(clamp(r), clamp(g), clamp(b));
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        pw.setColor(x * scale + dx, y * scale + dy, color);
                    }
                }
            }
        }
        return img;
    }

    private static double clamp(float v) {
        return Math.max(0, Math.min(1, v));
    }
}
