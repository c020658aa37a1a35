package org.linuxssi.tools.krgrun;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** One krgrun -e VAR=VALUE: sets or replaces VAR in the environment the program gets. */
record EnvAssignment(String name, String value) {

    /** Lets picocli report an assignment without a name as a usage error. */
    static final class Converter implements ITypeConverter<EnvAssignment> {
        @Override
        public EnvAssignment convert(String text) {
            int equals = text.indexOf('=');
            if (equals <= 0) {
                throw new TypeConversionException("'" + text
                        + "' is not an environment assignment (expected VAR=VALUE, e.g. -e LANG=C)");
            }
            return new EnvAssignment(text.substring(0, equals), text.substring(equals + 1));
        }
    }
}
