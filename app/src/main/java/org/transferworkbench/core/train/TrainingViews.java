package org.transferworkbench.core.train;

import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.net.Recipe;

/**
 * What a training epoch draws its examples from: the training images (turned into their augmented views on the way
 * when the recipe augments), or rows computed once from those views, e.g. a frozen prefix's activations.
 *
 * <p>Rows are laid out view-major: the row of example {@code e}'s view {@code v} is {@code v * examples + e}. With
 * {@code augmentOnCopy} the rows are the images themselves (one per example) and a view is made when copied.
 *
 * @param rows          the images or the rows computed from their views
 * @param examples      training examples (images)
 * @param views         views per example (1 = no augmentation)
 * @param augmentOnCopy true when {@code rows} holds the images and views are made while copying
 */
public record TrainingViews(TensorSet rows, int examples, int views, boolean augmentOnCopy) {

    public TrainingViews {
        if (views < 1 || examples < 0) {
            throw new IllegalArgumentException("views must be >= 1 and examples >= 0");
        }
        int expected = augmentOnCopy ? examples : examples * views;
        if (rows.size() != expected) {
            throw new IllegalArgumentException(rows.size() + " rows for " + examples + " examples x " + views
                    + " views");
        }
        if (augmentOnCopy && rows.exampleShape().length != 3) {
            throw new IllegalArgumentException("only images [channels, height, width] can be augmented");
        }
    }

    /** The images as the recipe trains on them: with {@link Augmentation#VIEWS} views each when it augments. */
    public static TrainingViews of(TensorSet images, Recipe recipe) {
        boolean augment = recipe.augment() && images.exampleShape().length == 3;
        return new TrainingViews(images, images.size(), augment ? Augmentation.VIEWS : 1, augment);
    }

    /** A set used as it is, one view per example (validation and test sets, cached activations without views). */
    public static TrainingViews plain(TensorSet set) {
        return new TrainingViews(set, set.size(), 1, false);
    }

    /** Rows computed from every view of {@code examples} examples, view-major (see the class comment). */
    public static TrainingViews computed(TensorSet rows, int views) {
        if (views < 1 || rows.size() % views != 0) {
            throw new IllegalArgumentException(rows.size() + " rows cannot hold " + views + " views of each example");
        }
        return new TrainingViews(rows, rows.size() / views, views, false);
    }

    /** Rows to compute from this source: one per example and view. */
    public int rowCount() {
        return examples * views;
    }

    public int label(int example) {
        return rows.labels()[example];
    }

    public int[] exampleShape() {
        return rows.exampleShape();
    }

    /** The view of {@code example} that epoch {@code epoch} of the run seeded {@code seed} trains on. */
    public int view(long seed, int epoch, int example) {
        return views == 1 ? 0 : Augmentation.viewOf(seed, epoch, example);
    }

    /** Copies the examples {@code order[from .. from+count)} as epoch {@code epoch} shows them into {@code buffer}. */
    public void copyBatch(int[] order, int from, int count, long seed, int epoch, float[] buffer) {
        int per = rows.valuesPerExample();
        for (int i = 0; i < count; i++) {
            int e = order[from + i];
            int v = view(seed, epoch, e);
            copyRow(v * examples + e, buffer, i * per);
        }
    }

    /** Row {@code row} (view-major: example {@code row % examples}, view {@code row / examples}) at {@code offset}. */
    public void copyRow(int row, float[] buffer, int offset) {
        int per = rows.valuesPerExample();
        if (!augmentOnCopy) {
            System.arraycopy(rows.data(), row * per, buffer, offset, per);
            return;
        }
        int e = row % examples;
        System.arraycopy(rows.data(), e * per, buffer, offset, per);
        Augmentation.applyView(buffer, offset, rows.exampleShape(), e, row / examples);
    }

    /** The label of every row, view-major: each example's label repeated once per view. */
    public int[] rowLabels() {
        int[] labels = new int[rowCount()];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = label(r % examples);
        }
        return labels;
    }
}
