package org.linuxssi.tools.krgkill;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The GPID operands of krgkill: positive numbers, node id × 10,000,000 + local pid. */
final class GlobalPids {

    private GlobalPids() {
    }

    /**
     * Parses every operand.
     *
     * @throws ParameterException naming the first one that is not a global PID
     */
    static List<Long> parse(List<String> operands, CommandLine commandLine) {
        List<Long> gpids = new ArrayList<>(operands.size());
        for (String operand : operands) {
            long gpid = 0;
            if (operand.matches("\\d{1,19}")) {
                try {
                    gpid = Long.parseLong(operand);
                } catch (NumberFormatException tooLarge) {
                    gpid = 0;
                }
            }
            if (gpid <= 0) {
                throw new ParameterException(commandLine,
                        "'" + operand + "' is not a global PID (expected a number like 20004242)");
            }
            gpids.add(gpid);
        }
        return gpids;
    }
}
