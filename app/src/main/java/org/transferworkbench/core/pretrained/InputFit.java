package org.transferworkbench.core.pretrained;

import org.transferworkbench.core.UserError;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.LoadOptions;

/** Loading the user's images to fit a source net's input: its size and channels, or a clear reason why not. */
public final class InputFit {

    private InputFit() {
    }

    /**
     * @param base the user's options; an explicit image size or channel count that contradicts the net is an error
     */
    public static LoadOptions optionsFor(PretrainedNet net, LoadOptions base) {
        NetInput in = net.input();
        int size = base.imageSize();
        if (!in.anySize()) {
            if (in.height() != in.width()) {
                throw new UserError(net.file() + ": input " + in.height() + "x" + in.width()
                        + " is not square; images can be adapted to square inputs only");
            }
            if (in.height() < 8 || in.height() > 512) {
                throw new UserError(net.file() + ": input " + in.height() + "x" + in.width()
                        + " is outside the 8..512 pixels images can be resized to");
            }
            if (size != 0 && size != in.height()) {
                throw new IllegalArgumentException("image size " + size + " contradicts the net's input "
                        + in.height() + "x" + in.width() + " (" + net.fileName() + ")");
            }
            size = in.height();
        }
        if (base.channels() != 0 && base.channels() != in.channels()) {
            throw new IllegalArgumentException(base.channels() + " channel(s) contradict the net's input of "
                    + in.channels() + " channel(s) (" + net.fileName() + ")");
        }
        return base.withImageSize(size).withChannels(in.channels());
    }

    /** True when the dataset's images already have the net's input shape. */
    public static boolean fits(Dataset d, PretrainedNet net) {
        NetInput in = net.input();
        return d.inputShape().channels() == in.channels()
                && (in.anySize() || (d.inputShape().height() == in.height() && d.inputShape().width() == in.width()));
    }
}
