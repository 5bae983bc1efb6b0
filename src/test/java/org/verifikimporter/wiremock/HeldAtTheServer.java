package org.verifikimporter.wiremock;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every request in flight at the server for a while before it is answered, and notes each request
 * that arrives while another is held: what the server would see as two calls at once. The first such overlap
 * releases every held request, so a test that has its answer does not wait on. Runs before any fixed delay
 * of the stub, so a delayed answer counts as held only for the hold.
 */
final class HeldAtTheServer implements ResponseTransformerV2 {

    private final Duration hold;
    /** Guarded by this: what is held now, by serve event id. */
    private final Map<Object, String> held = new LinkedHashMap<>();
    private final List<String> overlaps = new CopyOnWriteArrayList<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch overlapSeen = new CountDownLatch(1);

    HeldAtTheServer(Duration holdFor) {
        this.hold = holdFor;
    }

    @Override
    public Response transform(Response response, ServeEvent event) {
        String call = event.getRequest().getMethod().getName() + " " + event.getRequest().getUrl();
        seen.add(call);
        synchronized (this) {
            if (!held.isEmpty()) {
                overlaps.add(call + " while " + held.values());
                overlapSeen.countDown();
            }
            held.put(event.getId(), call);
        }
        try {
            overlapSeen.await(hold.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                held.remove(event.getId());
            }
        }
        return response;
    }

    /** Each request that arrived while another was held, with what was held. */
    List<String> overlaps() {
        return List.copyOf(overlaps);
    }

    /** Method and URL of every request, in the order they arrived. */
    List<String> seen() {
        return List.copyOf(seen);
    }

    @Override
    public String getName() {
        return "held-at-the-server";
    }
}
