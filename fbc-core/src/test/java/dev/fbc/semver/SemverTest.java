package dev.fbc.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemverTest {

  @ParameterizedTest(name = "{0} in \"{1}\" is {2}")
  @CsvSource(delimiter = ';', value = {
      // blang/semver answers recorded in ../shared/reference/java-deps.md §2.2
      "1.2.5-rc.1 ; >=1.2.0 <1.3.0 ; true",
      "1.3.0-rc.1 ; >=1.2.0 <1.3.0 ; true",
      "2.5.0 ; <2.0.0 || >=3.0.0 ; false",
      "4.2.1 ; >1.0.0 <2.0.0 || >3.0.0 !4.2.1 ; false",
      "1.3.0 ; <=1.2.x ; false",
      "1.0.0+build.5 ; =1.0.0 ; true",
      "1.2.3 ; >= 1.2.0 < 1.3.0 ; true",
      // more of blang's documented semantics
      "2.0.0-alpha ; <2.0.0 ; true",
      "1.2.9 ; <=1.2.x ; true",
      "1.9.0 ; 1.x ; true",
      "2.0.0 ; 1.x ; false",
      "4.2.2 ; >1.0.0 <2.0.0 || >3.0.0 !4.2.1 ; true",
      "1.5.0 ; >1.0.0 <2.0.0 || >3.0.0 !=4.2.1 ; true",
      "0.0.9 ; >=0.0.1 <0.0.10 ; true",
      "1.3.5 ; !1.3.x ; false",
      "1.4.0 ; !1.3.x ; true",
      "1.0.0 ; >=1.0.0||<0.5.0 ; true",
  })
  void rangesMatchLikeBlang(String version, String range, boolean expected) {
    assertThat(Range.parse(range).test(Version.parse(version))).isEqualTo(expected);
  }

  @Test
  void precedenceFollowsSemver() {
    List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
        "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.10.0", "2.0.0");
    List<Version> shuffled = new ArrayList<>(ordered.stream().map(Version::parse).toList());
    Collections.shuffle(shuffled, new java.util.Random(7));
    Collections.sort(shuffled);
    assertThat(shuffled).extracting(Version::toString).containsExactlyElementsOf(ordered);
    assertThat(Version.parse("1.0.0+a").compareTo(Version.parse("1.0.0+b"))).isZero();
    assertThat(Version.parse("1.0.0+a")).isNotEqualTo(Version.parse("1.0.0+b"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'' | Version string empty",
      "0.7 | No Major.Minor.Patch elements found",
      "v1.2.3 | Invalid character(s) found in major number \"v1\"",
      "01.2.3 | Major number must not contain leading zeroes \"01\"",
      "1.2.0.1 | Invalid character(s) found in patch number \"0.1\"",
      "1.2.3-01 | Numeric PreRelease version must not contain leading zeroes \"01\"",
      "1.2.3- | Prerelease is empty",
      "1.2.3+ | Buildmetadata is empty",
      "1.2.3+a_b | Invalid character(s) found in build meta data \"a_b\"",
  })
  void parseErrorsCarryBlangsMessages(String in, String message) {
    assertThatThrownBy(() -> Version.parse(in)).hasMessage(message);
  }

  @Test
  void rangeErrorsCarryBlangsMessages() {
    assertThatThrownBy(() -> Range.parse(">v0.1.0"))
        .hasMessage("Could not parse Range \">v0.1.0\": Could not parse comparator \">v\" in \">v0.1.0\"");
    assertThatThrownBy(() -> Range.parse("not a range"))
        .hasMessage("Could not parse Range \"not a range\": Could not get version from string: \"not\"");
    assertThatThrownBy(() -> Range.parse("^1.2.3")).isInstanceOf(Range.ParseException.class);
  }
}
