package dev.glimpse.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReversalRuleTest {

    @Test
    void shouldReverseEachWordAndKeepWhitespace() {
        assertThat(ReversalRule.apply("the cat sat on the mat")).isEqualTo("eht tac tas no eht tam");
        assertThat(ReversalRule.apply("  mat.\tok ")).isEqualTo("  .tam\tko ");
        assertThat(ReversalRule.apply("$1 a\\b")).isEqualTo("1$ b\\a");
    }
}
