package org.transferworkbench.core.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a dataset from a path, choosing the IDX reader or the image-folder reader by what the folder holds. */
public final class DatasetLoader {

    private DatasetLoader() {
    }

    public static Dataset load(Path path, LoadOptions options) {
        return load(path, options, LoadProgress.NONE);
    }

    public static Dataset load(Path path, LoadOptions options, LoadProgress progress) {
        if (!Files.exists(path)) {
            throw new DataException(path + ": no such file or folder");
        }
        if (!Files.isDirectory(path)) {
            throw new DataException(path
                    + ": not a folder (give the folder that holds the IDX files or the class folders)");
        }
        if (IdxLoader.looksLikeIdx(path)) {
            return IdxLoader.load(path, options);
        }
        return ImageFolderLoader.load(path, options, progress);
    }
}
