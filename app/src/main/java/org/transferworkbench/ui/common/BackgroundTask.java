package org.transferworkbench.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferworkbench.core.UserError;

/**
 * One piece of work for the training thread, with what the window does when it ends. Built like Cryptomator's
 * {@code Tasks} and run by a {@link TaskExecutor}: the work runs on the training thread; success and failure are
 * always delivered on the UI thread; the failure chain ends in a catch-all, so no failure is lost and none leaves the
 * window stuck (an exception thrown by the success handler is a failure too).
 *
 * <pre>
 * executor.execute(BackgroundTask.wrap(() -&gt; load(folder))
 *         .onSuccess(dataset::set)
 *         .explain(OutOfMemoryError.class, e -&gt; "Not enough memory to load " + folder)
 *         .onFailure(activity::fail));
 * </pre>
 */
public final class BackgroundTask<T> {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTask.class);

    private record Explanation(Class<? extends Throwable> type, Function<Throwable, String> message) {
    }

    private final Callable<T> work;
    private Consumer<T> onSuccess = value -> { };
    private Consumer<String> onFailure = message -> LOG.warn("Unhandled background failure: {}", message);
    private Function<String, String> userErrorPrefix = Function.identity();
    private final List<Explanation> explanations = new ArrayList<>();

    private BackgroundTask(Callable<T> work) {
        this.work = work;
    }

    public static <T> BackgroundTask<T> wrap(Callable<T> work) {
        return new BackgroundTask<>(work);
    }

    public static BackgroundTask<Void> wrap(Runnable work) {
        return new BackgroundTask<>(() -> {
            work.run();
            return null;
        });
    }

    /** On the UI thread, with the work's result. */
    public BackgroundTask<T> onSuccess(Consumer<T> handler) {
        this.onSuccess = handler;
        return this;
    }

    /** A message for a kind of failure the user can act on (checked in the order given, before the defaults). */
    @SuppressWarnings("unchecked")
    public <E extends Throwable> BackgroundTask<T> explain(Class<E> type, Function<E, String> message) {
        explanations.add(new Explanation(type, e -> message.apply((E) e)));
        return this;
    }

    /** How a user error's own message is framed, e.g. {@code m -> "Cannot use " + folder + ": " + m}. */
    public BackgroundTask<T> framing(Function<String, String> frame) {
        this.userErrorPrefix = frame;
        return this;
    }

    /** On the UI thread, with a one-line message, whatever went wrong. */
    public BackgroundTask<T> onFailure(Consumer<String> handler) {
        this.onFailure = handler;
        return this;
    }

    /** Runs the work on the calling (training) thread and hands the outcome to {@code ui}. */
    void run(Consumer<Runnable> ui) {
        T value;
        try {
            value = work.call();
        } catch (Throwable t) {
            ui.accept(() -> fail(t));
            return;
        }
        ui.accept(() -> {
            try {
                onSuccess.accept(value);
            } catch (Throwable t) {
                fail(t);
            }
        });
    }

    private void fail(Throwable t) {
        String message = message(t);
        try {
            onFailure.accept(message);
        } catch (Throwable again) {
            LOG.error("Failure handler failed on: {}", message, again);
        }
    }

    String message(Throwable t) {
        for (Explanation e : explanations) {
            if (e.type().isInstance(t)) {
                LOG.warn("{}", t.toString());
                return e.message().apply(t);
            }
        }
        if (t instanceof UserError || t instanceof IllegalArgumentException) {
            LOG.warn("{}", t.getMessage());
            return userErrorPrefix.apply(t.getMessage());
        }
        // Not the user's doing: a bug. The window says so in one line and stays usable; the log has the trace.
        LOG.error("Unexpected failure in a background task", t);
        return "Unexpected error (" + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": "
                + t.getMessage()) + "); the window is usable, please report it";
    }
}
