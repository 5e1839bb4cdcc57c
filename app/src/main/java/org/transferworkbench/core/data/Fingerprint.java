package org.transferworkbench.core.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers for content fingerprints (data, splits, recipes) that key the base-net cache. */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    public static String of(String text) {
        MessageDigest d = newDigest();
        d.update(text.getBytes(StandardCharsets.UTF_8));
        return hex(d);
    }
}
