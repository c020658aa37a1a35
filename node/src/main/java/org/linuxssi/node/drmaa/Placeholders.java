package org.linuxssi.node.drmaa;

/** DRMAA's placeholders in paths: home directory, working directory, bulk index. */
public final class Placeholders {

    public static final String HOME = "$drmaa_hd_ph$";
    public static final String WORKING_DIRECTORY = "$drmaa_wd_ph$";
    public static final String INDEX = "$drmaa_incr_ph$";

    private Placeholders() {
    }

    /** {@code path} with a leading home or working directory placeholder replaced. */
    public static String directories(String path, String home, String workingDirectory) {
        if (path.startsWith(HOME)) {
            return home + path.substring(HOME.length());
        }
        if (path.startsWith(WORKING_DIRECTORY)) {
            return workingDirectory + path.substring(WORKING_DIRECTORY.length());
        }
        return path;
    }

    /** {@code text} with every index placeholder replaced by the job's bulk index (nothing for a single job). */
    public static String index(String text, boolean bulk, int index) {
        return text.replace(INDEX, bulk ? Integer.toString(index) : "");
    }
}
