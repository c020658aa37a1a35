package org.linuxssi.drmaa;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ggf.drmaa.DrmaaException;
import org.ggf.drmaa.InvalidAttributeValueException;
import org.ggf.drmaa.PartialTimestamp;
import org.linuxssi.api.v1.JobTemplate;

/** A job template as the Drmaa service receives it: a copy, so later changes do not touch submitted jobs. */
final class TemplateMessage {

    /** One address: local part, '@', domain; no spaces, commas or line breaks (they would forge headers). */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s,<>@]+@[^\\s,<>@]+");

    private TemplateMessage() {
    }

    static JobTemplate of(LinuxSsiJobTemplate jt) throws DrmaaException {
        String command = jt.getRemoteCommand();
        if (command == null || command.isEmpty()) {
            throw new InvalidAttributeValueException("remoteCommand is not set: give the program to run");
        }
        JobTemplate.Builder message = JobTemplate.newBuilder().addArgv(command);
        List<String> args = jt.getArgs();
        if (args != null) {
            for (String arg : args) {
                message.addArgv(arg == null ? "" : arg);
            }
        }
        Map<String, String> env = jt.getJobEnvironment();
        if (env != null) {
            env.forEach((name, value) -> message.addEnv(name + "=" + (value == null ? "" : value)));
        }
        message.setWorkingDirectory(orEmpty(jt.getWorkingDirectory()))
                .setInputPath(orEmpty(jt.getInputPath()))
                .setOutputPath(orEmpty(jt.getOutputPath()))
                .setErrorPath(orEmpty(jt.getErrorPath()))
                .setJoinFiles(jt.getJoinFiles())
                .setJobName(orEmpty(jt.getJobName()))
                .setHold(jt.getJobSubmissionState() == org.ggf.drmaa.JobTemplate.HOLD_STATE)
                .setWallclockLimitS(jt.limitSeconds());
        Set<String> email = jt.getEmail();
        if (email != null) {
            for (String address : email) {
                if (address == null || !ADDRESS.matcher(address).matches()) {
                    throw new InvalidAttributeValueException("email address '" + address
                            + "' is not of the form user@host (no spaces, commas or angle brackets)");
                }
            }
            message.addAllEmail(email.stream().sorted().toList());
        }
        message.setBlockEmail(jt.getBlockEmail());
        PartialTimestamp start = jt.getStartTime();
        if (start != null) {
            message.setStartTimeMs(start.getTimeInMillis());
        }
        NativeSpecification placement = jt.placement();
        return message.setNodeId(placement.nodeId()).setMemBytes(placement.memBytes())
                .setPolicy(placement.policy()).setRerunnable(placement.rerunnable()).build();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
