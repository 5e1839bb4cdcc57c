package org.transferworkbench.core.sweep;

import java.util.Locale;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.net.Recipe;

/**
 * A named setting that trades data and epochs for time, the same for every condition. {@link #CLASSROOM}: the whole
 * 22-run sweep in about 70 s on a 2-core laptop (64-67 s measured), so a class sees the full figure in one sitting
 * (README: The classroom preset).
 *
 * @param trainPerClass training images kept per class (validation and test stay whole)
 * @param epochs        epochs per net
 */
public record Preset(String name, int trainPerClass, int epochs) {

    public static final Preset CLASSROOM = new Preset("classroom", 150, 3);

    public Preset {
        if (trainPerClass < 1 || epochs < 1) {
            throw new IllegalArgumentException("a preset needs at least one image per class and one epoch");
        }
    }

    public static Preset named(String name) {
        if (CLASSROOM.name().equals(name.strip().toLowerCase(Locale.ROOT))) {
            return CLASSROOM;
        }
        throw new IllegalArgumentException("unknown preset '" + name + "' (known: classroom)");
    }

    public Dataset apply(Dataset dataset) {
        return dataset.withTrainingPerClass(trainPerClass);
    }

    public Recipe apply(Recipe recipe) {
        return recipe.withEpochs(epochs);
    }

    public String describe() {
        return name + ": " + trainPerClass + " training images per class, " + epochs + " epochs";
    }
}
