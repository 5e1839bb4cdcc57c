package org.transferworkbench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The logging setup, in code, found by logback through its service file: starting logback took 0.3 s of the window's
 * start with a logback.xml to parse, 0.14 s without (README: Start time). {@code -Dlogback.configurationFile=...}
 * still wins.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    /**
     * Control characters in a message (a layer or file name from an untrusted file) are escaped, so a name cannot move
     * the terminal's cursor, recolour it or rewrite earlier lines.
     */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - "
            + "%replace(%msg){'[\\p{Cntrl}&&[^\\n\\t]]', '?'}%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        // Logs go to stderr so the CLI's stdout stays clean for results and JSON.
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("org.transferworkbench").setLevel(Level.INFO);
        // Probing a foreign net for its input size tries sizes that are too small; DL4J warns about each.
        context.getLogger("org.deeplearning4j.nn.conf.inputs.InputType").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
