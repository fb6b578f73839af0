package dev.glimpse.model;

import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process's one {@link OrtEnvironment}. ONNX Runtime 1.29.0's native start-up recurses deeply
 * (measured on this project's machine: it overflows a 2 MiB thread stack and kills the JVM with
 * SIGSEGV, no Java exception), so the environment is created on a thread with a generous stack;
 * sessions and runs afterwards are fine on ordinary threads.
 */
final class OrtRuntime {

    private static final long INIT_STACK_BYTES = 64L << 20;
    private static volatile OrtEnvironment environment;

    private OrtRuntime() {}

    static OrtEnvironment environment() {
        OrtEnvironment current = environment;
        if (current != null) {
            return current;
        }
        synchronized (OrtRuntime.class) {
            if (environment == null) {
                environment = createOnLargeStack();
            }
            return environment;
        }
    }

    private static OrtEnvironment createOnLargeStack() {
        AtomicReference<OrtEnvironment> created = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread init = new Thread(null, () -> {
            try {
                created.set(OrtEnvironment.getEnvironment());
            } catch (Throwable t) {
                failed.set(t);
            }
        }, "onnxruntime-init", INIT_STACK_BYTES);
        init.start();
        try {
            init.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelLoadException("interrupted while starting ONNX Runtime", e);
        }
        if (failed.get() != null) {
            throw new ModelLoadException("ONNX Runtime cannot start: " + failed.get(), failed.get());
        }
        return created.get();
    }
}
