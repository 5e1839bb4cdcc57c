package org.transferworkbench.core.pretrained;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.data.Fingerprint;

/** The content hash of a source net file: results from two different nets of the same name never mix. */
public final class SourceFiles {

    private SourceFiles() {
    }

    public static String sha256(Path file) {
        MessageDigest digest = Fingerprint.newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }
}
