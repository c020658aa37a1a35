package org.linuxssi.dist.layout;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything one package is, whatever its format: name, description, relations, maintainer
 * scripts and the paths it installs. The .deb, .rpm and .tar.gz writers only translate this.
 *
 * @param name            package name, e.g. linuxssi-node
 * @param architecture    where it runs
 * @param debSection      Debian section (admin, java, metapackages)
 * @param summary         one line, no final period
 * @param description     paragraphs separated by blank lines
 * @param debDepends      Debian Depends, one item per element ("a (>= 1) | b")
 * @param rpmRequires     RPM Requires
 * @param debControlFiles Debian control files besides control (templates, config, postinst, prerm, postrm)
 * @param rpmScriptlets   RPM scriptlets, run by /bin/sh
 * @param entries         installed paths, sorted, each once
 */
public record PackageLayout(String name, Architecture architecture, String debSection, String summary,
                            String description, List<String> debDepends, List<RpmRequirement> rpmRequires,
                            SortedMap<String, String> debControlFiles,
                            SortedMap<RpmRequirement.Scriptlet, String> rpmScriptlets, List<Entry> entries) {

    public PackageLayout {
        debDepends = List.copyOf(debDepends);
        rpmRequires = List.copyOf(rpmRequires);
        debControlFiles = new TreeMap<>(debControlFiles);
        rpmScriptlets = new TreeMap<>(rpmScriptlets);
        entries = entries.stream().sorted(Comparator.comparing(Entry::path)).toList();
        Set<String> seen = new HashSet<>();
        for (Entry entry : entries) {
            if (!entry.path().startsWith("/") || entry.path().endsWith("/")) {
                throw new IllegalArgumentException(name + ": '" + entry.path() + "' is not an absolute path");
            }
            if (!seen.add(entry.path())) {
                throw new IllegalArgumentException(name + ": " + entry.path() + " is installed twice");
            }
        }
    }

    /** The conffiles (dpkg) or %config(noreplace) files (RPM). */
    public List<String> conffiles() {
        return entries.stream().filter(e -> e instanceof Entry.File file && file.conffile()).map(Entry::path).toList();
    }
}
