package org.linuxssi.tools;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** One node id, 1-4094, for the -n option of krgrun and krgps; anything else is a usage error. */
public final class NodeIdConverter implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        // Ten digits or more cannot be an id, and parsing them could overflow an int.
        if (!value.matches("\\d{1,9}")) {
            throw new TypeConversionException("'" + value + "' is not a node id (expected " + NodeList.MIN_ID
                    + "-" + NodeList.MAX_ID + ")");
        }
        int id = Integer.parseInt(value);
        if (id < NodeList.MIN_ID || id > NodeList.MAX_ID) {
            throw new TypeConversionException("node id " + value + " is out of range (ids are " + NodeList.MIN_ID
                    + "-" + NodeList.MAX_ID + ")");
        }
        return id;
    }
}
