package org.linuxssi.tools.krgkill;

import org.linuxssi.tools.LinuxSignals;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** krgkill -s: a signal name, with or without SIG, or its number. */
final class SignalConverter implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        return LinuxSignals.parse(value).orElseThrow(() -> new TypeConversionException(
                "unknown signal '" + value + "' (" + LinuxSignals.EXPECTED + "; krgkill -l lists them)"));
    }
}
