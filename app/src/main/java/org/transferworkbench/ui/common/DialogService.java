package org.transferworkbench.ui.common;

import java.util.function.Consumer;

/**
 * How a model asks the user something (JabRef's {@code DialogService}): the window answers with a dialog, tests and
 * the screenshot script answer themselves. The answer comes back on the UI thread; nothing waits for it.
 */
@FunctionalInterface
public interface DialogService {

    void confirm(String title, String header, String text, String yes, Consumer<Boolean> answer);

    /** Says yes to everything (scripts). */
    DialogService YES = (title, header, text, yes, answer) -> answer.accept(true);
}
