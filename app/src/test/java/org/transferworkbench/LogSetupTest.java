package org.transferworkbench;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogSetupTest {

    @Test
    void logsToStderrWithControlCharactersEscapedAndTheLevelsOfTheOldLogbackXml() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's SLF4J provider gives the real one
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(new LogSetup().configure(context))
                    .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            context.getLogger("org.transferworkbench.core.Some").info("layer \u001b[2Jname\tok");
            context.getLogger("org.deeplearning4j.nn.conf.inputs.InputType").warn("too small");
            context.getLogger("org.other.Lib").info("chatty");
            context.getLogger("org.other.Lib").warn("worth a look");
        } finally {
            System.setErr(err);
            context.stop();
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("INFO  Some - layer ?[2Jname\tok").contains("WARN  Lib - worth a look")
                .doesNotContain("\u001b").doesNotContain("too small").doesNotContain("chatty");
    }
}
