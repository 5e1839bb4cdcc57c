package org.transferworkbench.core.data;

import java.util.List;
import java.util.Objects;

/**
 * A labelled image dataset split into train, validation and test partitions, all sharing one class list.
 *
 * @param name         short name (folder name)
 * @param source       where it was loaded from
 * @param format       "idx" or "folder"
 * @param classNames   class names indexed by label
 * @param inputShape   shape every image was converted to
 * @param fingerprint  content hash of the source files: equal fingerprints mean equal data (used to key caches)
 * @param skipped      files that could not be used, with reasons
 * @param notes        what the loader decided on the user's behalf (smaller images to fit memory, classes left out)
 */
public record Dataset(String name, String source, String format, List<String> classNames, InputShape inputShape,
                      TensorSet train, TensorSet validation, TensorSet test, String fingerprint,
                      List<SkippedFile> skipped, List<String> notes) {

    public Dataset(String name, String source, String format, List<String> classNames, InputShape inputShape,
                   TensorSet train, TensorSet validation, TensorSet test, String fingerprint,
                   List<SkippedFile> skipped) {
        this(name, source, format, classNames, inputShape, train, validation, test, fingerprint, skipped, List.of());
    }

    public Dataset {
        Objects.requireNonNull(name);
        classNames = List.copyOf(classNames);
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
        if (classNames.size() < 2) {
            throw new IllegalArgumentException("a dataset needs at least two classes");
        }
        for (TensorSet part : List.of(train, validation, test)) {
            if (part.numClasses() != classNames.size()) {
                throw new IllegalArgumentException("partition class count differs from class list");
            }
        }
    }

    public int numClasses() {
        return classNames.size();
    }

    /** Marks a limited copy's fingerprint (followed by the number per class). */
    private static final String PER_CLASS = "|train-per-class=";

    /**
     * The same data with at most {@code perClass} training images per class (validation and test stay whole, so
     * accuracies stay as precise): a faster, smaller version, e.g. the classroom preset. Its own fingerprint, so its
     * base nets are cached apart.
     */
    public Dataset withTrainingPerClass(int perClass) {
        TensorSet fewer = Partitioner.limitPerClass(train, perClass, 17);
        if (fewer.size() == train.size()) {
            return this;
        }
        List<String> moreNotes = new java.util.ArrayList<>(notes); // qualified: the one mutable list here
        moreNotes.add("training images limited to " + perClass + " per class (" + fewer.size() + " of "
                + train.size() + ")");
        return new Dataset(name, source, format, classNames, inputShape, fewer, validation, test,
                fingerprint + PER_CLASS + perClass, skipped, moreNotes);
    }

    /**
     * The training images per class this is limited to if it is {@link #withTrainingPerClass} of the data whose
     * fingerprint is {@code whole}; else 0. Says why a base net of the whole data does not serve a classroom sweep.
     */
    public int perClassLimitOf(String whole) {
        String prefix = whole + PER_CLASS;
        return fingerprint.startsWith(prefix) && fingerprint.substring(prefix.length()).matches("[0-9]{1,9}")
                ? Integer.parseInt(fingerprint.substring(prefix.length())) : 0;
    }
}
