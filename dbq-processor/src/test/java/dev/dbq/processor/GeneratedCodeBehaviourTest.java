package dev.dbq.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.dbq.processor.testing.CallLog;
import dev.dbq.processor.testing.Compilations;
import dev.dbq.processor.testing.CompiledClasses;
import dev.dbq.processor.testing.JobSources;
import dev.dbq.runtime.InstanceFactory;
import dev.dbq.runtime.Invocation;
import dev.dbq.runtime.JobBuilder;
import dev.dbq.runtime.JobBuilderWithoutWorkspace;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobContext;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.StepDefinition;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the generated code of {@link JobSources} for real: loads the compiled classes, takes the
 * catalog from {@code Jobs.catalog()} and calls steps and hooks through their {@code JobMethod}s.
 */
class GeneratedCodeBehaviourTest {
  private static CompiledClasses classes;
  private static JobCatalog catalog;

  @BeforeAll
  static void compile() {
    Compilation compilation = Compilations.compile(JobSources.all());
    assertThat(compilation).succeededWithoutWarnings();
    classes = new CompiledClasses(compilation);
    catalog = (JobCatalog) classes.callStatic("com.example.Jobs", "catalog");
  }

  @BeforeEach
  void clearLog() {
    CallLog.CALLS.clear();
  }

  @Test
  void catalogListsEveryJobSortedByNameWithItsDefaults() throws Exception {
    assertThat(catalog.jobs().stream().map(JobDefinition::name).toList())
        .containsExactly("import_cats", "report.build", "send-digest")
        .inOrder();
    JobDefinition importCats = job("import_cats");
    assertThat(importCats.queue()).isEqualTo("imports");
    assertThat(importCats.priority()).isEqualTo(5);
    assertThat(importCats.maxAttempts()).isEqualTo(3);
    assertThat(importCats.workspaceType()).hasValue(classes.loadClass("com.example.cats.CatBatch"));
    assertThat(importCats.steps().stream().map(StepDefinition::name).toList())
        .containsExactly("fetch", "store")
        .inOrder();
    assertThat(importCats.steps().get(0).timeout()).hasValue(Duration.ofSeconds(90));
    assertThat(importCats.steps().get(1).timeout()).isEmpty();
    assertThat(job("send-digest").workspaceType()).isEmpty();
    assertThat(job("report.build").priority()).isEqualTo(-1);
  }

  @Test
  void typedRecordWorkspaceIsReplacedByTheValueAStepReturns() throws Throwable {
    Object batch = catBatch("shelter", 2);
    Object afterFetch = step("import_cats", 0).call(invocation("import_cats", batch, null));
    assertThat(afterFetch).isEqualTo(catBatch("shelter", 12));
    assertThat(CallLog.CALLS).containsExactly("fetch import_cats");

    Object afterStore = step("import_cats", 1).call(invocation("import_cats", afterFetch, null));
    assertThat(afterStore).isSameInstanceAs(afterFetch);
    assertThat(CallLog.CALLS).containsExactly("fetch import_cats", "store 12").inOrder();
  }

  @Test
  void beanWorkspaceIsMutatedInPlaceByAVoidStep() throws Throwable {
    Object state =
        classes.loadClass("com.example.reports.ReportState").getConstructor().newInstance();
    Object after = step("report.build", 0).call(invocation("report.build", state, null));
    assertThat(after).isSameInstanceAs(state);
    assertThat(state.getClass().getMethod("getPages").invoke(state)).isEqualTo(1);
  }

  @Test
  void untypedMapWorkspaceFlowsThroughTheContext() throws Throwable {
    Map<String, Object> workspace = new HashMap<>(Map.of("to", "ops"));
    JobContext context =
        JobContext.builder(UUID.randomUUID(), "send-digest").workspace(workspace).build();
    Object after =
        step("send-digest", 0)
            .call(new Invocation(context, workspace, null, InstanceFactory.NEW_INSTANCE_PER_CALL));
    assertThat(after).isSameInstanceAs(workspace);
    assertThat(workspace).containsEntry("sent", true);
    assertThat(CallLog.CALLS).containsExactly("digest to ops");
  }

  @Test
  void hooksAreWired() throws Throwable {
    JobDefinition importCats = job("import_cats");
    Object normalized =
        importCats
            .creationHook()
            .orElseThrow()
            .call(invocation("import_cats", catBatch("  shelter ", 1), null));
    assertThat(normalized).isEqualTo(catBatch("shelter", 1));

    importCats.preStepHook().orElseThrow().call(invocation("import_cats", normalized, null));
    importCats.postStepHook().orElseThrow().call(invocation("import_cats", normalized, null));
    importCats
        .failureHook()
        .orElseThrow()
        .call(invocation("import_cats", normalized, new IllegalStateException("boom")));
    assertThat(CallLog.CALLS)
        .containsExactly("before fetch", "after fetch", "failed shelter: boom")
        .inOrder();
  }

  @Test
  void anErrorReachesAnExceptionParameterWrapped() throws Throwable {
    AssertionError error = new AssertionError("bad");
    job("import_cats")
        .failureHook()
        .orElseThrow()
        .call(invocation("import_cats", catBatch("shelter", 1), error));
    assertThat(CallLog.CALLS).containsExactly("failed shelter: " + error);
  }

  @Test
  void instanceMethodsAreCalledOnWhatTheInstanceFactorySupplies() throws Throwable {
    List<Class<?>> asked = new ArrayList<>();
    InstanceFactory counting =
        new InstanceFactory() {
          @Override
          public <T> T instance(Class<T> type, Supplier<T> constructor) {
            asked.add(type);
            return constructor.get();
          }
        };
    step("import_cats", 0)
        .call(new Invocation(context("import_cats"), catBatch("a", 0), null, counting));
    step("import_cats", 1)
        .call(new Invocation(context("import_cats"), catBatch("a", 0), null, counting));
    // fetch is an instance method, store is static
    assertThat(asked).containsExactly(classes.loadClass("com.example.cats.ImportCats"));
  }

  @Test
  void buildersAreFluentAndTyped() throws Exception {
    JobBuilderWithoutWorkspace<?, ?> start =
        (JobBuilderWithoutWorkspace<?, ?>) classes.callStatic("com.example.Jobs", "importCats");
    assertThat(start.queue("q").priority(2)).isSameInstanceAs(start);
    assertThat(start.definition().name()).isEqualTo("import_cats");
    Class<?> catBatch = classes.loadClass("com.example.cats.CatBatch");
    Object chained =
        start.getClass().getMethod("workspace", catBatch).invoke(start, catBatch("a", 1));
    assertThat(chained).isInstanceOf(JobBuilder.class);
    JobBuilder<?> builder = (JobBuilder<?>) chained;
    assertThat(builder.queue("r").priority(3)).isSameInstanceAs(builder);
    assertThat(
            builder.getClass().getMethod("workspace", catBatch).invoke(builder, catBatch("b", 2)))
        .isSameInstanceAs(builder);
    JobBuilder<?> untyped = (JobBuilder<?>) classes.callStatic("com.example.Jobs", "sendDigest");
    assertThat(untyped.getClass().getMethod("workspace", Map.class).invoke(untyped, Map.of()))
        .isSameInstanceAs(untyped);
  }

  @Test
  void aTypedJobHasNoEnqueueUntilItsWorkspaceIsGiven() throws Exception {
    Object start = classes.callStatic("com.example.Jobs", "importCats");
    assertThat(Arrays.stream(start.getClass().getMethods()).map(Method::getName).toList())
        .containsNoneOf("enqueue", "enqueueAll");
    Object untyped = classes.callStatic("com.example.Jobs", "sendDigest");
    assertThat(Arrays.stream(untyped.getClass().getMethods()).map(Method::getName).toList())
        .contains("enqueue");
  }

  private static JobDefinition job(String name) {
    return catalog.job(name).orElseThrow();
  }

  private static dev.dbq.runtime.JobMethod step(String job, int index) {
    return job(job).steps().get(index).method();
  }

  private static JobContext context(String job) {
    return JobContext.builder(UUID.randomUUID(), job).step("fetch", 0).build();
  }

  private static Invocation invocation(String job, Object workspace, Throwable failure) {
    return new Invocation(context(job), workspace, failure, InstanceFactory.NEW_INSTANCE_PER_CALL);
  }

  private static Object catBatch(String source, int count) throws Exception {
    return classes
        .loadClass("com.example.cats.CatBatch")
        .getConstructor(String.class, int.class)
        .newInstance(source, count);
  }
}
