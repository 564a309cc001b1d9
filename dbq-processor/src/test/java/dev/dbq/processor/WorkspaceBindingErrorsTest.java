package dev.dbq.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import dev.dbq.processor.testing.Compilations;
import dev.dbq.processor.validation.Message;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Workspace types the processor once accepted but Jackson cannot bind at run time (issue #12): a
 * JDK value type, an empty bean, a property of an interface or abstract type. Each is an error on
 * the step or hook that takes it; a type its author configured with Jackson annotations is not.
 */
class WorkspaceBindingErrorsTest {
  private static final String IMPORTS =
      "import dev.dbq.annotation.*; import dev.dbq.runtime.JobContext;";

  private static JavaFileObject source(String simpleName, String... body) {
    return TestSources.source(IMPORTS, simpleName, body);
  }

  @Test
  void workspaceTypeThatJacksonReadsAsASingleValue() {
    JavaFileObject date =
        source(
            "DateWorkspace",
            "class DateWorkspace {",
            "  @Job(name = \"import_cats\") static void run(java.util.Date when) {}",
            "}");
    assertThat(Compilations.compile(date))
        .hadErrorContaining(
            Message.UNBINDABLE_WORKSPACE.format(
                "parameter 'when'",
                "Job",
                "run",
                "java.util.Date",
                "import_cats",
                Message.REASON_JDK_TYPE.pattern()))
        .inFile(date)
        .onLineContaining("Date when");
  }

  @Test
  void workspaceBeanWithoutProperties() {
    JavaFileObject empty =
        source(
            "EmptyBean",
            "class EmptyBean {",
            "  public static class State { private int hidden; }",
            "  @Job(name = \"import_cats\") static void run(State state) {}",
            "}");
    assertThat(Compilations.compile(empty))
        .hadErrorContaining(
            Message.UNBINDABLE_WORKSPACE.format(
                "parameter 'state'",
                "Job",
                "run",
                "test.EmptyBean.State",
                "import_cats",
                Message.REASON_NO_PROPERTIES.pattern()))
        .inFile(empty)
        .onLineContaining("State state");
  }

  @Test
  void workspaceRecordWithAnInterfaceTypedComponent() {
    JavaFileObject shapes =
        source(
            "Shapes",
            "class Shapes {",
            "  public interface Shape {}",
            "  public record Drawing(String title, java.util.List<Shape> shapes) {}",
            "  @Job(name = \"draw\") static void run(Drawing drawing) {}",
            "}");
    assertThat(Compilations.compile(shapes))
        .hadErrorContaining(
            Message.UNBINDABLE_PROPERTY.format(
                "parameter 'drawing'",
                "Job",
                "run",
                "test.Shapes.Drawing",
                "draw",
                "shapes",
                "test.Shapes.Drawing",
                "java.util.List<test.Shapes.Shape>",
                Message.REASON_ABSTRACT_PROPERTY_INTERFACE.pattern(),
                "java.util.List<test.Shapes.Shape>"))
        .inFile(shapes)
        .onLineContaining("Drawing drawing");
  }

  @Test
  void workspaceWithAnAbstractPropertyTwoLevelsDown() {
    JavaFileObject nested =
        source(
            "NestedAbstract",
            "class NestedAbstract {",
            "  public abstract static class Animal {}",
            "  public static class Pen { public Animal animal; }",
            "  public record Farm(Pen pen) {}",
            "  @Job(name = \"farm\") static void run(Farm farm) {}",
            "}");
    assertThat(Compilations.compile(nested))
        .hadErrorContaining(
            Message.UNBINDABLE_PROPERTY.format(
                "parameter 'farm'",
                "Job",
                "run",
                "test.NestedAbstract.Farm",
                "farm",
                "animal",
                "test.NestedAbstract.Pen",
                "test.NestedAbstract.Animal",
                Message.REASON_ABSTRACT_PROPERTY_CLASS.pattern(),
                "test.NestedAbstract.Animal"))
        .inFile(nested)
        .onLineContaining("Farm farm");
  }

  @Test
  void interfacePropertyWithJacksonTypeInformationIsAccepted() {
    JavaFileObject typed =
        source(
            "TypedShapes",
            "class TypedShapes {",
            "  @com.fasterxml.jackson.annotation.JsonTypeInfo(",
            "      use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME)",
            "  public interface Shape {}",
            "  public record Drawing(Shape shape) {}",
            "  @Job(name = \"draw\") static void run(Drawing drawing) {}",
            "}");
    // no processor handles @JsonTypeInfo: javac's -Xlint:processing would rightly say so
    assertThat(Compilations.compile(List.of("-Xlint:-processing"), typed))
        .succeededWithoutWarnings();
  }
}
