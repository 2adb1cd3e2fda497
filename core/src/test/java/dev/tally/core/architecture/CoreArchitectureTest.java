package dev.tally.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of core, checked on its production classes (DESIGN.md section 1, STYLE.md
 * points 3, 6 and 8): core is pure Java plus Guava; the model knows neither the ports nor the
 * services; the ports do not know the services; time comes only from the {@code Clock} port; money
 * is never a floating-point number.
 */
class CoreArchitectureTest {
  private static final String CORE = "dev.tally.core..";
  private static final String MODEL = "dev.tally.core.model..";
  private static final String PORT_CLOCK = "dev.tally.core.port.out.Clock";

  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.tally.core");

  private static final Set<String> FLOATING_POINT =
      Set.of("double", "float", Double.class.getName(), Float.class.getName());

  private static boolean isFloatingPoint(JavaClass type) {
    return FLOATING_POINT.contains(type.getBaseComponentType().getName());
  }

  private static final DescribedPredicate<JavaAccess<?>> READS_THE_WALL_CLOCK =
      DescribedPredicate.describe(
          "a read of the wall clock (java.time now(), System.currentTimeMillis() or nanoTime())",
          access -> {
            AccessTarget target = access.getTarget();
            String owner = target.getOwner().getName();
            String name = target.getName();
            return (owner.startsWith("java.time.") && name.equals("now"))
                || (owner.equals(System.class.getName())
                    && (name.equals("currentTimeMillis") || name.equals("nanoTime")));
          });

  /** Code of {@code Clock.system()}: the method itself or the body of a lambda written in it. */
  private static final DescribedPredicate<JavaAccess<?>> IN_CLOCK_SYSTEM =
      DescribedPredicate.describe(
          "in " + PORT_CLOCK + ".system()",
          access -> {
            JavaCodeUnit origin = access.getOrigin();
            return origin.getOwner().getName().equals(PORT_CLOCK)
                && (origin.getName().equals("system")
                    || origin.getName().startsWith("lambda$system$"));
          });

  private static final DescribedPredicate<JavaAccess<?>> CONVERTS_THROUGH_FLOATING_POINT =
      DescribedPredicate.describe(
          "a conversion between a decimal and a floating-point number",
          access -> {
            AccessTarget target = access.getTarget();
            if (!(target instanceof AccessTarget.CodeUnitAccessTarget codeUnit)) {
              return false;
            }
            String owner = codeUnit.getOwner().getName();
            boolean numberType =
                owner.equals(BigDecimal.class.getName()) || owner.equals(Number.class.getName());
            boolean takesFloatingPoint =
                codeUnit.getRawParameterTypes().stream()
                    .anyMatch(CoreArchitectureTest::isFloatingPoint);
            boolean returnsFloatingPoint =
                codeUnit.getName().equals("doubleValue") || codeUnit.getName().equals("floatValue");
            return numberType && (takesFloatingPoint || returnsFloatingPoint);
          });

  @Test
  void importsTheProductionClassesOfCoreAndNoTestClass() {
    assertThat(PRODUCTION.contain("dev.tally.core.service.TallyCore")).isTrue();
    assertThat(PRODUCTION.contain("dev.tally.core.model.Money")).isTrue();
    assertThat(PRODUCTION.contain(PORT_CLOCK)).isTrue();
    assertThat(PRODUCTION.contain("dev.tally.core.testing.TestTally")).isFalse();
    assertThat(PRODUCTION.contain(CoreArchitectureTest.class)).isFalse();
  }

  /**
   * Core depends on the JDK (including its cryptography, {@code javax.crypto}, for the platform's
   * AES tokens), Guava's {@code com.google.common} and itself, nothing else: not on Guava's
   * annotation jars (error_prone, jspecify, j2objc), which core's code does not use.
   */
  @Test
  void coreDependsOnlyOnTheJdkGuavaAndItself() {
    classes()
        .that()
        .resideInAPackage(CORE)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "javax.crypto..", "com.google.common..", CORE)
        .check(PRODUCTION);
  }

  @Test
  void theModelKnowsNeitherThePortsNorTheServices() {
    noClasses()
        .that()
        .resideInAPackage(MODEL)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..service..", "..port..")
        .check(PRODUCTION);
  }

  @Test
  void thePortsDoNotKnowTheServices() {
    noClasses()
        .that()
        .resideInAPackage("..port..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..service..")
        .check(PRODUCTION);
  }

  /**
   * Time comes from the {@code Clock} port. Reading the wall clock ({@code Instant.now()}, {@code
   * LocalDate.now()}, any {@code java.time} {@code now}, {@code System.currentTimeMillis()} or
   * {@code nanoTime()}, by a call or a method reference) is allowed in one place only: the {@code
   * Clock.system()} default of port.out.
   */
  @Test
  void onlyTheSystemClockOfThePortReadsTheWallClock() {
    noClasses()
        .that()
        .resideInAPackage(CORE)
        .should()
        .accessTargetWhere(READS_THE_WALL_CLOCK.and(DescribedPredicate.not(IN_CLOCK_SYSTEM)))
        .check(PRODUCTION);
  }

  /**
   * Keeps the exception above honest: the one read of the wall clock is seen (so a read written
   * the same way anywhere else would be), and it sits in {@code Clock.system()}.
   */
  @Test
  void theSystemClockIsTheOneReaderOfTheWallClock() {
    List<String> readers =
        PRODUCTION.stream()
            .flatMap(javaClass -> javaClass.getAccessesFromSelf().stream())
            .filter(READS_THE_WALL_CLOCK)
            .map(access -> access.getOrigin().getFullName())
            .distinct()
            .toList();

    assertThat(readers).hasSize(1).allMatch(origin -> origin.startsWith(PORT_CLOCK + ".system"));
  }

  @Test
  void noClassOfCoreUsesTheJdkClock() {
    noClasses()
        .that()
        .resideInAPackage(CORE)
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(java.time.Clock.class, InstantSource.class)
        .check(PRODUCTION);
  }

  @Test
  void noFieldOfTheModelIsAFloatingPointNumber() {
    fields()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage(MODEL)
        .should(notInvolveFloatingPoint())
        .check(PRODUCTION);
  }

  @Test
  void noMethodOrConstructorOfTheModelTakesOrReturnsAFloatingPointNumber() {
    codeUnits()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage(MODEL)
        .should(notTakeOrReturnFloatingPoint())
        .check(PRODUCTION);
  }

  /** A decimal never passes through a double: no {@code BigDecimal(double)} nor doubleValue(). */
  @Test
  void noClassOfCoreConvertsDecimalsThroughFloatingPoint() {
    noClasses()
        .that()
        .resideInAPackage(CORE)
        .should()
        .accessTargetWhere(CONVERTS_THROUGH_FLOATING_POINT)
        .check(PRODUCTION);
  }

  private static ArchCondition<JavaField> notInvolveFloatingPoint() {
    return new ArchCondition<>("not be of a floating-point type (money is never double)") {
      @Override
      public void check(JavaField field, ConditionEvents events) {
        boolean floating =
            field.getAllInvolvedRawTypes().stream().anyMatch(CoreArchitectureTest::isFloatingPoint);
        events.add(
            new SimpleConditionEvent(
                field,
                !floating,
                field.getFullName() + " is of type " + field.getType().getName()));
      }
    };
  }

  private static ArchCondition<JavaCodeUnit> notTakeOrReturnFloatingPoint() {
    return new ArchCondition<>("not take or return a floating-point type (money is never double)") {
      @Override
      public void check(JavaCodeUnit codeUnit, ConditionEvents events) {
        // involved types include type arguments, so Optional<Double> counts too
        boolean floating =
            codeUnit.getParameterTypes().stream()
                    .flatMap(type -> type.getAllInvolvedRawTypes().stream())
                    .anyMatch(CoreArchitectureTest::isFloatingPoint)
                || codeUnit.getReturnType().getAllInvolvedRawTypes().stream()
                    .anyMatch(CoreArchitectureTest::isFloatingPoint);
        events.add(
            new SimpleConditionEvent(
                codeUnit,
                !floating,
                codeUnit.getFullName() + " takes or returns a floating-point number"));
      }
    };
  }
}
