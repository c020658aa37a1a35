package org.linuxssi.tools.krgjob;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A job id: a positive number, as krgjob submit prints it. */
final class JobIdConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        if (value.matches("\\d{1,18}") && Long.parseLong(value) > 0) {
            return Long.parseLong(value);
        }
        throw new TypeConversionException("'" + value + "' is not a job id (a positive number, as submit prints)");
    }
}
