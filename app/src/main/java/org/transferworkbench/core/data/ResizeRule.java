package org.transferworkbench.core.data;

import java.util.Locale;

/**
 * How an image whose shape differs from the net's square input is fitted to it. The default is {@link #SQUASH}: it is
 * what Yosinski et al.'s ImageNet pipeline (Caffe's) did, keeps every pixel, and leaves square images untouched.
 */
public enum ResizeRule {
    /** Scale width and height independently to the square: nothing lost, shapes distorted. */
    SQUASH,
    /** Scale the short side to the square and cut the centre: shapes kept, the edges of long images lost. */
    CROP,
    /** Scale the long side to the square and fill the rest with the background (white): shapes and pixels kept. */
    PAD;

    public static final ResizeRule DEFAULT = SQUASH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ResizeRule fromId(String id) {
        for (ResizeRule r : values()) {
            if (r.id().equalsIgnoreCase(id.strip())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown resize rule '" + id + "' (one of squash, crop, pad)");
    }
}
