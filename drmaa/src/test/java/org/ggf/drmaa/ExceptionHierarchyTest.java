package org.ggf.drmaa;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every exception of the binding, with the parent the binding gives it; catch clauses depend on this tree. */
class ExceptionHierarchyTest {
    private static final Map<Class<?>, Class<?>> PARENTS = Map.ofEntries(
            Map.entry(DrmaaException.class, Exception.class),
            Map.entry(InternalException.class, RuntimeException.class),
            Map.entry(AlreadyActiveSessionException.class, DrmaaException.class),
            Map.entry(AuthorizationException.class, DrmaaException.class),
            Map.entry(DeniedByDrmException.class, DrmaaException.class),
            Map.entry(DrmCommunicationException.class, DrmaaException.class),
            Map.entry(DrmsExitException.class, DrmaaException.class),
            Map.entry(DrmsInitException.class, DrmaaException.class),
            Map.entry(InvalidContactStringException.class, DrmsInitException.class),
            Map.entry(DefaultContactStringException.class, InvalidContactStringException.class),
            Map.entry(NoDefaultContactStringException.class, InvalidContactStringException.class),
            Map.entry(ExitTimeoutException.class, DrmaaException.class),
            Map.entry(InconsistentStateException.class, DrmaaException.class),
            Map.entry(HoldInconsistentStateException.class, InconsistentStateException.class),
            Map.entry(ReleaseInconsistentStateException.class, InconsistentStateException.class),
            Map.entry(ResumeInconsistentStateException.class, InconsistentStateException.class),
            Map.entry(SuspendInconsistentStateException.class, InconsistentStateException.class),
            Map.entry(InvalidAttributeValueException.class, DrmaaException.class),
            Map.entry(InvalidAttributeFormatException.class, InvalidAttributeValueException.class),
            Map.entry(ConflictingAttributeValuesException.class, InvalidAttributeValueException.class),
            Map.entry(InvalidJobException.class, DrmaaException.class),
            Map.entry(InvalidJobTemplateException.class, DrmaaException.class),
            Map.entry(NoActiveSessionException.class, DrmaaException.class),
            Map.entry(TryLaterException.class, DrmaaException.class),
            Map.entry(UnsupportedAttributeException.class, DrmaaException.class));

    static Stream<Arguments> exceptions() {
        return PARENTS.keySet().stream()
                .sorted(Comparator.comparing(Class::getSimpleName))
                .map(type -> Arguments.of(type.getSimpleName(), type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exceptions")
    void extendsTheBindingsParent(String name, Class<?> type) {
        assertThat(type.getSuperclass()).isEqualTo(PARENTS.get(type));
        assertThat(Modifier.isPublic(type.getModifiers())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exceptions")
    void hasTheTwoPublicConstructors(String name, Class<?> type) throws Exception {
        Constructor<?> empty = type.getConstructor();
        Constructor<?> withMessage = type.getConstructor(String.class);

        assertThat(Modifier.isPublic(empty.getModifiers())).isTrue();
        if (!Modifier.isAbstract(type.getModifiers())) {
            assertThat(((Throwable) empty.newInstance()).getMessage()).isNull();
            assertThat(((Throwable) withMessage.newInstance("why")).getMessage()).isEqualTo("why");
        }
    }

    @Test
    void onlyTheTwoGroupingParentsAreAbstract() {
        assertThat(PARENTS.keySet().stream().filter(t -> Modifier.isAbstract(t.getModifiers())))
                .containsExactlyInAnyOrder(DrmaaException.class, InconsistentStateException.class);
    }

    @Test
    void internalErrorIsUncheckedAndEverythingElseIsADrmaaException() {
        assertThat(RuntimeException.class).isAssignableFrom(InternalException.class);
        assertThat(PARENTS.keySet().stream()
                .filter(t -> t != InternalException.class && t != DrmaaException.class)
                .allMatch(DrmaaException.class::isAssignableFrom)).isTrue();
    }
}
