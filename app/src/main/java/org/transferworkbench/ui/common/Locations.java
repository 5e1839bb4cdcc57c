package org.transferworkbench.ui.common;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the bundled sample data and nets up from the jar's folder (app/target/ in a checkout, the app folder of an
 * installed app); {@code -Dworkbench.home=DIR} overrides. Never the current folder: a net planted in whatever folder
 * the app happens to be started from must not become the net the window loads.
 */
public final class Locations {

    private Locations() {
    }

    public static Optional<Path> find(String relative) {
        for (Path base : bases()) {
            Path p = base.resolve(relative);
            if (Files.exists(p)) {
                return Optional.of(p.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    static List<Path> bases() {
        List<Path> bases = new ArrayList<>();
        String home = System.getProperty("workbench.home");
        if (home != null) {
            bases.add(Path.of(home));
        }
        try {
            Path jar = Path.of(Locations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null && bases.size() < 8; p = p.getParent()) {
                bases.add(p);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (unusual class loader): the working folder is all we have
        }
        return bases;
    }
}
