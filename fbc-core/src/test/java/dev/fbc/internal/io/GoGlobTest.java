package dev.fbc.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Go's filepath.Match cases (from its documented rules), matched without backtracking. */
class GoGlobTest {
  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource(delimiter = '|', value = {
      "abc|abc|true", "*|abc|true", "*c|abc|true", "a*|a|true", "a*|abc|true", "a*|ab/c|false",
      "a*b*c*d*e*/f|axbxcxdxe/f|true", "a*b*c*d*e*/f|axbxcxdxexxx/f|true", "a*b*c*d*e*/f|axbxcxdxe/xxx/f|false",
      "a*b?c*x|abxbbxdbxebxczzx|true", "a*b?c*x|abxbbxdbxebxczzy|false",
      "ab[c]|abc|true", "ab[b-d]|abc|true", "ab[e-g]|abc|false", "ab[^c]|abc|false", "ab[^b-d]|abc|false",
      "ab[^e-g]|abc|true", "a\\*b|a*b|true", "a\\*b|ab|false", "a?b|a☺b|true", "a[^a]b|a☺b|true",
      "a???b|a☺b|false", "a[!a]b|a!b|true", "[\\]a]|]|true", "[\\-]|-|true", "[x\\-]|x|true",
      "[x\\-]|-|true", "[x\\-]|z|false", "[\\-x]|x|true", "*x|xxx|true",
      "[z-a]|m|false", "[^z-a]|m|true", "*.json|catalog.json|true", "*.json|.json|true", "?|/|false"})
  void matchesAsGoDoes(String pattern, String name, boolean expected) {
    assertThat(GoGlob.isWellFormed(pattern)).isTrue();
    assertThat(GoGlob.matches(pattern, name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"[", "[^", "[^bc", "a[", "[]a]", "[-]", "[x-]", "[-x]", "a\\", "[a-b-c", "[\\]", "[]", "*[", "a*["})
  void malformedPatternsAreRecognised(String pattern) {
    assertThat(GoGlob.isWellFormed(pattern)).isFalse();
    assertThat(IndexIgnore.fnmatch(pattern, "a")).isFalse();
  }

  @Test
  void manyStarsAgainstALongNameEndQuickly() {
    String pattern = "*a".repeat(60) + "b";
    String name = "a".repeat(100_000);
    boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> IndexIgnore.fnmatch(pattern, name));
    assertThat(matched).isFalse();
    assertThat(IndexIgnore.fnmatch(pattern, name + "b")).isTrue();
  }
}
