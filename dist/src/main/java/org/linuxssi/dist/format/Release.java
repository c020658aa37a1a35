package org.linuxssi.dist.format;

import java.time.Instant;
import org.linuxssi.dist.layout.PackageVersion;

/**
 * What every package of one build shares.
 *
 * @param version    the project version
 * @param maintainer "Name <address>"
 * @param homepage   the project's address
 * @param license    the license (an SPDX expression)
 * @param timestamp  every file's time and the build time: project.build.outputTimestamp, never the clock
 */
public record Release(PackageVersion version, String maintainer, String homepage, String license, Instant timestamp) {
}
