package dev.glimpse.ops;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard shows: the most recent attention maps, live subscribers (the SSE clients),
 * and a summary (throughput, mean entropy, dead letters). Fed by {@link KafkaAttentionSource} in
 * the app and directly in tests. Thread-safe.
 */
public final class AttentionFeed {

    private static final Logger log = LoggerFactory.getLogger(AttentionFeed.class);
    private static final long THROUGHPUT_WINDOW_MS = 60_000;

    /** Figures for the summary panel. */
    public record Summary(
            long translations, double perSecond, double meanEntropy, long deadLetters, Map<String, Long> deadLettersByReason) {}

    private final int capacity;
    private final Clock clock;
    private final Deque<AttentionView> recent = new ArrayDeque<>();
    private final Deque<Long> arrivals = new ArrayDeque<>();
    private final Map<String, Long> deadLettersByReason = new TreeMap<>();
    private final List<Consumer<AttentionView>> subscribers = new CopyOnWriteArrayList<>();
    private long translations;
    private long deadLetters;
    private double entropySum;

    public AttentionFeed(int capacity) {
        this(capacity, Clock.systemUTC());
    }

    AttentionFeed(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Adds one attention map and hands it to every subscriber. */
    public void publish(AttentionView view) {
        long now = clock.millis();
        synchronized (this) {
            recent.addFirst(view);
            if (recent.size() > capacity) {
                recent.removeLast();
            }
            arrivals.addLast(now);
            dropOldArrivals(now);
            translations++;
            entropySum += view.meanEntropy();
        }
        for (Consumer<AttentionView> subscriber : subscribers) {
            try {
                subscriber.accept(view);
            } catch (RuntimeException e) {
                // One broken subscriber (a closed browser tab) must not starve the others.
                log.warn("dropping dashboard subscriber after it failed: {}", e.toString());
                subscribers.remove(subscriber);
            }
        }
    }

    /** Counts one dead letter under its reason. */
    public synchronized void deadLetter(String reason) {
        deadLetters++;
        deadLettersByReason.merge(reason == null ? "unknown" : reason, 1L, Long::sum);
    }

    /**
     * Newest first, at most {@code limit}, keeping those whose id or input or output text contains
     * {@code filter} (case-insensitive; null or blank keeps all).
     */
    public synchronized List<AttentionView> recent(int limit, String filter) {
        String needle = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        List<AttentionView> out = new ArrayList<>();
        for (Iterator<AttentionView> it = recent.iterator(); it.hasNext() && out.size() < limit; ) {
            AttentionView v = it.next();
            if (needle.isEmpty()
                    || v.id().toLowerCase(Locale.ROOT).contains(needle)
                    || v.sourceText().toLowerCase(Locale.ROOT).contains(needle)
                    || v.targetText().toLowerCase(Locale.ROOT).contains(needle)) {
                out.add(v);
            }
        }
        return out;
    }

    public synchronized Summary summary() {
        dropOldArrivals(clock.millis());
        double perSecond = arrivals.size() / (THROUGHPUT_WINDOW_MS / 1000.0);
        double meanEntropy = translations == 0 ? 0 : entropySum / translations;
        return new Summary(translations, perSecond, meanEntropy, deadLetters, Map.copyOf(deadLettersByReason));
    }

    /** Registers a live subscriber; closing the returned handle unregisters it. */
    public AutoCloseable subscribe(Consumer<AttentionView> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private void dropOldArrivals(long now) {
        while (!arrivals.isEmpty() && arrivals.peekFirst() < now - THROUGHPUT_WINDOW_MS) {
            arrivals.removeFirst();
        }
    }
}
