package org.transferworkbench.core.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * JavaCPP's resident-memory check on every native allocation is off once the backend starts (it reads the setting
 * once, when its Pointer class starts: so each case runs in a JVM of its own), unless the user set a limit.
 */
class PhysicalBytesCheckTest {

    /** Starts the backend the way the app does, then prints the limit JavaCPP applies. */
    public static void main(String[] args) {
        Backend.ensureInitialised();
        System.out.println("maxPhysicalBytes=" + Pointer.maxPhysicalBytes());
    }

    private static String limitInChild(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PhysicalBytesCheckTest.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.startsWith("maxPhysicalBytes=")).findFirst().orElse(out);
    }

    @Test
    void theCheckIsOffAfterTheBackendStartsUnlessTheUserSetALimit() throws Exception {
        assertThat(limitInChild()).isEqualTo("maxPhysicalBytes=0");
        assertThat(limitInChild("-Dorg.bytedeco.javacpp.maxPhysicalBytes=3g"))
                .isEqualTo("maxPhysicalBytes=" + 3L * 1024 * 1024 * 1024);
        assertThat(limitInChild("-Dorg.bytedeco.javacpp.maxphysicalbytes=2g"))
                .isEqualTo("maxPhysicalBytes=" + 2L * 1024 * 1024 * 1024);
    }
}
