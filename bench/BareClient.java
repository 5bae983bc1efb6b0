import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * What the HTTP client alone reaches in a fresh JVM (bench/run.sh overhead): the importer's own HttpClient 5, 16
 * threads, one POST per data line of the file, nothing else. No Camel, no checks, no ledger, no reports. Next to
 * wrk it shows how much of wrk's ceiling any JVM client of this stack can have on this machine, before the
 * importer does a single thing of its own.
 *
 * <pre>java -Xmx256m -cp CLASSES:verifik-importer.jar BareClient CSV_FILE URL</pre>
 * Prints "bare client: N answered 200, F failed"; exit 1 if any call failed.
 */
public final class BareClient {

    private static final int THREADS = 16;

    public static void main(String[] args) throws Exception {
        String url = args[1];
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(THREADS).setMaxConnPerRoute(THREADS).build();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (BufferedReader lines = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8);
             CloseableHttpClient client = HttpClients.custom().setConnectionManager(pool).build()) {
            lines.readLine(); // the header
            Thread[] threads = new Thread[THREADS];
            for (int i = 0; i < THREADS; i++) {
                threads[i] = new Thread(() -> post(lines, client, url, ok, failed), "bare-" + i);
                threads[i].start();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        System.out.println("bare client: " + ok.get() + " answered 200, " + failed.get() + " failed");
        System.exit(failed.get() == 0 ? 0 : 1);
    }

    private static void post(BufferedReader lines, CloseableHttpClient client, String url, AtomicInteger ok,
                             AtomicInteger failed) {
        String line;
        while ((line = next(lines)) != null) {
            if (line.isEmpty()) {
                continue;
            }
            HttpPost request = new HttpPost(url);
            // a body of the importer's size: the line, quoted as a JSON string
            request.setEntity(new StringEntity("{\"row\":\"" + line.replace("\"", "'") + "\"}",
                    ContentType.APPLICATION_JSON));
            try {
                int code = client.execute(request, answer -> {
                    EntityUtils.consume(answer.getEntity());
                    return answer.getCode();
                });
                (code == 200 ? ok : failed).incrementAndGet();
            } catch (Exception e) {
                failed.incrementAndGet();
            }
        }
    }

    private static String next(BufferedReader lines) {
        synchronized (lines) {
            try {
                return lines.readLine();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
