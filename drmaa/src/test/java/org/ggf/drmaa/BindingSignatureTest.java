package org.ggf.drmaa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The erased signatures an application compiled against another implementation's
 * drmaa.jar links to: names, parameter types, return types and modifiers.
 */
class BindingSignatureTest {
    @Test
    void thePackageHoldsExactlyTheBindingsPublicTypes() throws IOException, URISyntaxException {
        Path dir = Path.of(Session.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/ggf/drmaa");
        Set<String> publicTypes;
        try (Stream<Path> files = Files.list(dir)) {
            publicTypes = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .filter(BindingSignatureTest::isPublic)
                    .collect(Collectors.toSet());
        }

        assertThat(publicTypes).containsExactlyInAnyOrder(
                "Session", "SessionFactory", "JobTemplate", "SimpleJobTemplate", "JobInfo", "Version",
                "FileTransferMode", "PartialTimestamp", "PartialTimestampFormat",
                "DrmaaException", "InternalException", "AlreadyActiveSessionException",
                "AuthorizationException", "ConflictingAttributeValuesException",
                "DefaultContactStringException", "DeniedByDrmException", "DrmCommunicationException",
                "DrmsExitException", "DrmsInitException", "ExitTimeoutException",
                "HoldInconsistentStateException", "InconsistentStateException",
                "InvalidAttributeFormatException", "InvalidAttributeValueException",
                "InvalidContactStringException", "InvalidJobException", "InvalidJobTemplateException",
                "NoActiveSessionException", "NoDefaultContactStringException",
                "ReleaseInconsistentStateException", "ResumeInconsistentStateException",
                "SuspendInconsistentStateException", "TryLaterException", "UnsupportedAttributeException");
    }

    @Test
    void session() {
        assertThat(Session.class.isInterface()).isTrue();
        assertThat(methods(Session.class)).containsExactlyInAnyOrder(
                "void init(String) throws DrmaaException",
                "void exit() throws DrmaaException",
                "JobTemplate createJobTemplate() throws DrmaaException",
                "void deleteJobTemplate(JobTemplate) throws DrmaaException",
                "String runJob(JobTemplate) throws DrmaaException",
                "List runBulkJobs(JobTemplate,int,int,int) throws DrmaaException",
                "void control(String,int) throws DrmaaException",
                "void synchronize(List,long,boolean) throws DrmaaException",
                "JobInfo wait(String,long) throws DrmaaException",
                "int getJobProgramStatus(String) throws DrmaaException",
                "String getContact()",
                "Version getVersion()",
                "String getDrmSystem()",
                "String getDrmaaImplementation()");
    }

    @Test
    void jobInfo() {
        assertThat(methods(JobInfo.class)).containsExactlyInAnyOrder(
                "String getJobId() throws DrmaaException",
                "Map getResourceUsage() throws DrmaaException",
                "boolean hasExited() throws DrmaaException",
                "int getExitStatus() throws DrmaaException",
                "boolean hasSignaled() throws DrmaaException",
                "String getTerminatingSignal() throws DrmaaException",
                "boolean hasCoreDump() throws DrmaaException",
                "boolean wasAborted() throws DrmaaException");
    }

    @Test
    void jobTemplateAndItsSimpleImplementation() {
        List<String> expected = List.of(
                "void setRemoteCommand(String)", "String getRemoteCommand()",
                "void setArgs(List)", "List getArgs()",
                "void setJobSubmissionState(int)", "int getJobSubmissionState()",
                "void setJobEnvironment(Map)", "Map getJobEnvironment()",
                "void setWorkingDirectory(String)", "String getWorkingDirectory()",
                "void setJobCategory(String)", "String getJobCategory()",
                "void setNativeSpecification(String)", "String getNativeSpecification()",
                "void setEmail(Set)", "Set getEmail()",
                "void setBlockEmail(boolean)", "boolean getBlockEmail()",
                "void setStartTime(PartialTimestamp)", "PartialTimestamp getStartTime()",
                "void setJobName(String)", "String getJobName()",
                "void setInputPath(String)", "String getInputPath()",
                "void setOutputPath(String)", "String getOutputPath()",
                "void setErrorPath(String)", "String getErrorPath()",
                "void setJoinFiles(boolean)", "boolean getJoinFiles()",
                "void setTransferFiles(FileTransferMode)", "FileTransferMode getTransferFiles()",
                "void setDeadlineTime(PartialTimestamp)", "PartialTimestamp getDeadlineTime()",
                "void setHardWallclockTimeLimit(long)", "long getHardWallclockTimeLimit()",
                "void setSoftWallclockTimeLimit(long)", "long getSoftWallclockTimeLimit()",
                "void setHardRunDurationLimit(long)", "long getHardRunDurationLimit()",
                "void setSoftRunDurationLimit(long)", "long getSoftRunDurationLimit()",
                "Set getAttributeNames()")
                .stream().map(m -> m + " throws DrmaaException").toList();

        assertThat(methods(JobTemplate.class)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(methods(SimpleJobTemplate.class))
                .containsAll(expected)
                .contains("protected Set getOptionalAttributeNames()", "protected void modified()", "String toString()");
        assertThat(SimpleJobTemplate.class.getInterfaces()).contains(JobTemplate.class, java.io.Serializable.class);
        assertThat(protectedFields(SimpleJobTemplate.class)).containsExactlyInAnyOrder(
                "String remoteCommand", "List args", "int jobSubmissionState", "Map jobEnvironment",
                "String workingDirectory", "String jobCategory", "String nativeSpecification", "Set email",
                "boolean blockEmail", "PartialTimestamp startTime", "String jobName", "String inputPath",
                "String outputPath", "String errorPath", "boolean joinFiles");
    }

    @Test
    void sessionFactory() throws NoSuchMethodException {
        assertThat(Modifier.isAbstract(SessionFactory.class.getModifiers())).isTrue();
        assertThat(methods(SessionFactory.class)).containsExactlyInAnyOrder(
                "Session getSession()", "static SessionFactory getFactory()");
        assertThat(Modifier.isPublic(SessionFactory.class.getConstructor().getModifiers())).isTrue();
    }

    @Test
    void valueClasses() {
        assertThat(methods(Version.class)).contains(
                "int getMajor()", "int getMinor()", "int compareTo(Object)", "Object clone()");
        assertThat(Version.class.getInterfaces())
                .contains(java.io.Serializable.class, Cloneable.class, Comparable.class);
        assertThat(methods(FileTransferMode.class)).contains(
                "void setInputStream(boolean)", "boolean getInputStream()",
                "void setOutputStream(boolean)", "boolean getOutputStream()",
                "void setErrorStream(boolean)", "boolean getErrorStream()", "Object clone()");
        assertThat(methods(PartialTimestamp.class)).contains(
                "int getModifier(int)", "void setModifier(int,int)", "Object clone()");
        assertThat(methods(PartialTimestampFormat.class)).contains(
                "String format(PartialTimestamp)",
                "StringBuffer format(PartialTimestamp,StringBuffer,FieldPosition)",
                "StringBuffer format(Object,StringBuffer,FieldPosition)",
                "PartialTimestamp parse(String) throws ParseException",
                "PartialTimestamp parse(String,ParsePosition)",
                "Object parseObject(String,ParsePosition)",
                "Object clone()");
    }

    private static boolean isPublic(String simpleName) {
        try {
            return Modifier.isPublic(Class.forName("org.ggf.drmaa." + simpleName).getModifiers());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** Public and protected methods the class itself declares, bridges included, as erased signatures. */
    private static List<String> methods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()))
                .map(BindingSignatureTest::signature)
                .distinct()
                .toList();
    }

    private static String signature(Method m) {
        String params = Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(","));
        String exceptions = Arrays.stream(m.getExceptionTypes()).map(Class::getSimpleName).collect(Collectors.joining(","));
        return (Modifier.isProtected(m.getModifiers()) ? "protected " : "")
                + (Modifier.isStatic(m.getModifiers()) ? "static " : "")
                + m.getReturnType().getSimpleName() + " " + m.getName() + "(" + params + ")"
                + (exceptions.isEmpty() ? "" : " throws " + exceptions);
    }

    private static List<String> protectedFields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields())
                .filter(f -> Modifier.isProtected(f.getModifiers()))
                .map(BindingSignatureTest::field)
                .toList();
    }

    private static String field(Field f) {
        return f.getType().getSimpleName() + " " + f.getName();
    }
}
