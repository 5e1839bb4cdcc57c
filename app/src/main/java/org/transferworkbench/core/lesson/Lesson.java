package org.transferworkbench.core.lesson;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.transferworkbench.core.Json;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.experiment.NetFiles;

/**
 * A lesson: a title and steps a teacher walks a class through, one small JSON file (README: Lessons). Each step sets
 * part of the window ({@link LessonStep}); a field it leaves out keeps the value of the steps before it, so a step
 * opened out of order ({@link #resolved}) shows the same as one reached by Next. Nothing in a lesson is run: its
 * paths are opened with the same checks as when the user picks them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lesson(int schemaVersion, String title, String summary, List<LessonStep> steps) {

    public static final int SCHEMA_VERSION = 1;
    /** A lesson is a few kilobytes of text; anything much larger is not one. */
    static final long MAX_BYTES = 1 << 20;
    static final int MAX_STEPS = 100;

    public Lesson {
        if (schemaVersion < 1 || schemaVersion > SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion " + schemaVersion + " is not one this version reads");
        }
        if (title == null || title.isBlank() || title.length() > 200) {
            throw new IllegalArgumentException("a lesson needs a title (up to 200 characters)");
        }
        if (steps == null || steps.isEmpty() || steps.size() > MAX_STEPS) {
            throw new IllegalArgumentException("a lesson needs 1 to " + MAX_STEPS + " steps");
        }
        if (steps.get(0).data() == null) {
            throw new IllegalArgumentException("the first step must name its data");
        }
        steps = List.copyOf(steps);
    }

    /** Step {@code index} (0-based) with every field it leaves out taken from the steps before it. */
    public LessonStep resolved(int index) {
        LessonStep s = steps.get(index);
        for (int i = index - 1; i >= 0; i--) {
            s = s.over(steps.get(i));
        }
        return s;
    }

    public Lesson withStep(LessonStep step) {
        List<LessonStep> more = new ArrayList<>(steps);
        more.add(step);
        return new Lesson(schemaVersion, title, summary, more);
    }

    /** Written atomically (temp file beside it, flushed, renamed), so a crash never leaves half a lesson. */
    public void write(Path file) {
        try {
            Path tmp = NetFiles.tempBeside(file);
            Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this),
                    StandardCharsets.UTF_8);
            NetFiles.sync(tmp);
            NetFiles.move(tmp, file);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write the lesson (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a lesson; anything else (too large, not JSON, fields out of range) is one line naming the file. */
    public static Lesson read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new UserError(file + ": not a lesson (larger than 1 MB)");
            }
            return Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), Lesson.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new UserError(file + ": not a lesson (" + firstLine(cause.getMessage()) + ")", e);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static String firstLine(String message) {
        String m = message == null ? "unreadable" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
