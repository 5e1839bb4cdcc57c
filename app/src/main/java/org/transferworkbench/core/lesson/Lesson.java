package org.transferworkbench.core.lesson;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.transferworkbench.core.experiment.JsonFile;

/**
 * A lesson: a title and steps a teacher walks a class through, one small JSON file (README: Lessons). Each step sets
 * part of the window ({@link LessonStep}); a field it leaves out keeps the value of the steps before it, so a step
 * opened out of order ({@link #resolved}) shows the same as one reached by Next. Nothing in a lesson is run: its
 * paths are opened with the same checks as when the user picks them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lesson(int schemaVersion, String title, String summary, List<LessonStep> steps) {

    public static final int SCHEMA_VERSION = 1;
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

    /** Written atomically (temp file beside it, flushed, renamed): a crash never leaves half a lesson. */
    public void write(Path file) {
        JsonFile.write(this, file, "lesson");
    }

    /** Reads a lesson; anything else (too large, not JSON, fields out of range) is one line naming the file. */
    public static Lesson read(Path file) {
        return JsonFile.read(file, Lesson.class, "lesson");
    }
}
