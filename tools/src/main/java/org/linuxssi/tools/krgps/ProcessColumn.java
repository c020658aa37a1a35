package org.linuxssi.tools.krgps;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.linuxssi.api.v1.ProcessInfo;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A column of krgps and krgtop: its -o name, its header, how it is aligned, and its text for one process. */
public enum ProcessColumn {
    GPID("GPID", true, (process, clock) -> Long.toUnsignedString(process.getGpid())),
    NODE("NODE", true, (process, clock) -> Integer.toUnsignedString(process.getNodeId())),
    USER("USER", false, (process, clock) -> process.getUser().isEmpty()
            ? Integer.toUnsignedString(process.getUid()) : process.getUser()),
    PCPU("%CPU", true, (process, clock) -> String.format(Locale.ROOT, "%.1f", process.getCpuPercent())),
    RSS("RSS", true, (process, clock) -> Long.toUnsignedString(process.getRssKb())),
    STAT("STAT", false, (process, clock) -> process.getStat().isEmpty() ? "-" : process.getStat()),
    START("START", false, (process, clock) -> ProcessTimes.start(process.getStartMs(), clock)),
    TIME("TIME", true, (process, clock) -> ProcessTimes.cpuTime(process.getCpuTimeMs())),
    COMMAND("COMMAND", false, (process, clock) -> printable(process.getCommand()));

    /** krgps without -o, and krgtop. */
    public static final List<ProcessColumn> DEFAULT = List.of(values());

    static final String ALLOWED = Arrays.stream(values()).map(ProcessColumn::optionName)
            .collect(Collectors.joining(","));

    private final String header;
    private final boolean rightAligned;
    private final BiFunction<ProcessInfo, Clock, String> text;

    ProcessColumn(String header, boolean rightAligned, BiFunction<ProcessInfo, Clock, String> text) {
        this.header = header;
        this.rightAligned = rightAligned;
        this.text = text;
    }

    /** The name -o takes: gpid, pcpu ... */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    String header() {
        return header;
    }

    boolean rightAligned() {
        return rightAligned;
    }

    String text(ProcessInfo process, Clock clock) {
        return text.apply(process, clock);
    }

    /** Control characters in a command line would corrupt the table (ps does the same). */
    private static String printable(String command) {
        if (command.isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder(command.length());
        command.codePoints().forEach(c -> text.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.toString();
    }

    /** The columns -o asked for, in its order; one value for picocli, not a repeatable option. */
    record Choice(List<ProcessColumn> columns) {
    }

    /** The -o list: column names separated by commas, any case. */
    static final class ChoiceConverter implements ITypeConverter<Choice> {
        @Override
        public Choice convert(String value) {
            List<ProcessColumn> columns = new ArrayList<>();
            for (String item : value.split(",", -1)) {
                String name = item.trim();
                ProcessColumn column = Arrays.stream(values()).filter(c -> c.optionName().equalsIgnoreCase(name))
                        .findFirst()
                        .orElseThrow(() -> new TypeConversionException((name.isEmpty() ? "empty column name"
                                : "unknown column '" + name + "'") + " in '" + value + "' (allowed: " + ALLOWED + ")"));
                columns.add(column);
            }
            return new Choice(List.copyOf(columns));
        }
    }
}
