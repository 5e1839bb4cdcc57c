package org.transferworkbench.core.data;

/** The shape of one input image as the net sees it: channels x height x width. */
public record InputShape(int channels, int height, int width) {

    public InputShape {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (gray) or 3 (RGB), not " + channels);
        }
        if (height < 8 || width < 8 || height > 512 || width > 512) {
            throw new IllegalArgumentException("image size must be between 8 and 512 pixels, not " + height + "x"
                    + width);
        }
    }

    public int[] toArray() {
        return new int[] {channels, height, width};
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
