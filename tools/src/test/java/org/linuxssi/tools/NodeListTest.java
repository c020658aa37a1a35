package org.linuxssi.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NodeListTest {

    @Test
    void readsKerrighedsExample() {
        assertThat(NodeList.parse("2,3,6-10,42-45").ids())
                .containsExactly(2, 3, 6, 7, 8, 9, 10, 42, 43, 44, 45);
    }

    @Test
    void sortsAndDropsRepeats() {
        assertThat(NodeList.parse("9,1-3,2,1").ids()).containsExactly(1, 2, 3, 9);
    }

    @Test
    void acceptsTheWholeIdRangeAndOneIdRanges() {
        assertThat(NodeList.parse("1,4094").ids()).containsExactly(1, 4094);
        assertThat(NodeList.parse("7-7").ids()).containsExactly(7);
        assertThat(NodeList.parse("1-4094").ids()).hasSize(4094);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "x       | 'x' in node list 'x'",
            "1,x     | 'x' in node list '1,x'",
            "1,      | empty item in node list '1,'",
            ",1      | empty item in node list ',1'",
            "1,,2    | empty item in node list '1,,2'",
            "1-      | '1-' in node list '1-'",
            "-3      | '-3' in node list '-3'",
            "1-2-3   | '1-2-3' in node list '1-2-3'",
            "+1      | '+1' in node list '+1'",
            "1 2     | '1 2' in node list '1 2'",
    })
    void namesTheBadItemAndTheAllowedForm(String list, String named) {
        assertThatThrownBy(() -> NodeList.parse(list))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(named)
                .hasMessageContaining("ID or ID-ID")
                .hasMessageContaining("1-4094");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "4095", "3,0-2", "4000-5000", "99999999999999999999"})
    void refusesIdsOutOfRange(String list) {
        assertThatThrownBy(() -> NodeList.parse(list))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is out of range (ids are 1-4094)");
    }

    @Test
    void refusesABackwardRange() {
        assertThatThrownBy(() -> NodeList.parse("1,5-3"))
                .hasMessage("range '5-3' in node list '1,5-3' ends before it starts "
                        + "(write the lower id first, e.g. 3-5)");
    }

    @Test
    void refusesAnEmptyList() {
        assertThatThrownBy(() -> NodeList.parse("")).hasMessageStartingWith("empty node list");
    }

    @Test
    void printsNodeSetsAsKerrighedDid() {
        assertThat(NodeList.bracketed(List.of(5, 1, 2))).isEqualTo("[1,2,5]");
        assertThat(NodeList.bracketed(List.of(3))).isEqualTo("[3]");
    }
}
