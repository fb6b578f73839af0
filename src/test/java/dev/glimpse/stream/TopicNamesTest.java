package dev.glimpse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void shouldDefaultToGlimpseTopics() {
        assertThat(TopicNames.defaults().all())
                .containsExactly("glimpse.requests", "glimpse.translations", "glimpse.attention", "glimpse.dlq");
    }

    @Test
    void shouldOverrideEachName() {
        TopicNames names = TopicNames.defaults().withRequests("a").withTranslations("b").withAttention("c")
                .withDlq("d");
        assertThat(names.all()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void shouldRejectDuplicateOrIllegalNames() {
        assertThatThrownBy(() -> TopicNames.defaults().withDlq("glimpse.requests"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> TopicNames.defaults().withRequests("bad name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name");
        assertThatThrownBy(() -> TopicNames.defaults().withRequests(".."))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicNames.defaults().withRequests("x".repeat(250)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
