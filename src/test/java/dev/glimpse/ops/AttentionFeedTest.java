package dev.glimpse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttentionFeedTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void shouldKeepTheNewestFirstUpToCapacity() {
        AttentionFeed feed = new AttentionFeed(3);
        for (int i = 1; i <= 5; i++) {
            feed.publish(TestViews.reversed("r" + i, "abc"));
        }
        assertThat(feed.recent(10, null)).extracting(AttentionView::id).containsExactly("r5", "r4", "r3");
        assertThat(feed.recent(2, "")).extracting(AttentionView::id).containsExactly("r5", "r4");
    }

    @Test
    void shouldFilterByIdOrInputOrOutputTextIgnoringCase() {
        AttentionFeed feed = new AttentionFeed(10);
        feed.publish(TestViews.reversed("alpha-1", "cat"));
        feed.publish(TestViews.reversed("beta-2", "dog"));
        assertThat(feed.recent(10, "ALPHA")).extracting(AttentionView::id).containsExactly("alpha-1");
        assertThat(feed.recent(10, "dog")).extracting(AttentionView::id).containsExactly("beta-2");
        assertThat(feed.recent(10, "tac")).extracting(AttentionView::id).containsExactly("alpha-1");
        assertThat(feed.recent(10, "zebra")).isEmpty();
    }

    @Test
    void shouldSummariseThroughputOverTheLastMinuteAndMeanEntropyAndDeadLetters() {
        ManualClock clock = new ManualClock();
        AttentionFeed feed = new AttentionFeed(10, clock);
        for (int i = 0; i < 30; i++) {
            feed.publish(TestViews.reversed("r" + i, "ab"));
        }
        feed.deadLetter("empty value");
        feed.deadLetter("empty value");
        feed.deadLetter(null);

        AttentionFeed.Summary summary = feed.summary();
        assertThat(summary.translations()).isEqualTo(30);
        assertThat(summary.perSecond()).isEqualTo(0.5);
        assertThat(summary.meanEntropy()).isEqualTo(0.5);
        assertThat(summary.deadLetters()).isEqualTo(3);
        assertThat(summary.deadLettersByReason()).containsEntry("empty value", 2L).containsEntry("unknown", 1L);

        clock.now = clock.now.plus(Duration.ofSeconds(61));
        assertThat(feed.summary().perSecond()).isZero();
        assertThat(feed.summary().translations()).isEqualTo(30);
    }

    @Test
    void shouldDeliverToSubscribersUntilTheyUnsubscribeAndDropOnesThatFail() throws Exception {
        AttentionFeed feed = new AttentionFeed(10);
        List<String> seen = new ArrayList<>();
        AutoCloseable subscription = feed.subscribe(v -> seen.add(v.id()));
        feed.subscribe(v -> { throw new IllegalStateException("tab closed"); });

        feed.publish(TestViews.reversed("r1", "ab"));
        assertThat(feed.subscriberCount()).isEqualTo(1);
        subscription.close();
        feed.publish(TestViews.reversed("r2", "ab"));

        assertThat(seen).containsExactly("r1");
        assertThat(feed.subscriberCount()).isZero();
    }

    @Test
    void shouldRejectAViewWhoseWeightsDoNotMatchItsTokens() {
        assertThatThrownBy(() -> new AttentionView("x", null, "m", "1", List.of("a", "b"), List.of("b"),
                        List.of(List.of(1f)), List.of(0f), 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 0 has 1 weights for 2 source tokens");
    }
}
