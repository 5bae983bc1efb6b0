import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The floor the importer is measured against (bench/run.sh overhead): the plainest Camel route that does the
 * same trip. A file, split line by line ({@code tokenize}, streaming), 16 lines at once, each line POSTed as
 * it is, one line appended to a results file per answer. No checks, no ledger, no reports, no JSON.
 *
 * <pre>java -Xmx256m -cp CLASSES:verifik-importer.jar PlainRoute INBOX_DIR URL OUT_DIR</pre>
 * Exits once the one file in INBOX_DIR has been split and every line answered; exit 1 if any call failed.
 * It runs on the importer's own jar (the same Camel, camel-http and HttpClient versions) but none of its code.
 */
public final class PlainRoute {

    public static void main(String[] args) throws Exception {
        Path inbox = Path.of(args[0]);
        String url = args[1];
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        CountDownLatch done = new CountDownLatch(1);
        int[] failed = {0};
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    ExecutorService pool = getContext().getExecutorServiceManager()
                            .newThreadPool(this, "plain", 16, 16);
                    onException(Exception.class).handled(true)
                            .process(e -> { synchronized (failed) { failed[0]++; } });
                    from("file:" + inbox + "?noop=true&initialDelay=0&maxMessagesPerPoll=1")
                            .split().tokenize("\n").streaming().parallelProcessing().executorService(pool)
                                .setHeader(Exchange.CONTENT_TYPE, constant("text/csv"))
                                // the method as an endpoint option, as the importer's call route has it: set as a
                                // CamelHttpMethod header, camel-http converts the String to its enum on every row,
                                // 13.4% of this route's CPU in a profile (bench/RESULTS.md)
                                .to(url + "?httpMethod=POST&throwExceptionOnFailure=true")
                                .process(e -> e.getIn().setBody(e.getProperty(Exchange.SPLIT_INDEX) + ","
                                        + e.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE) + "\n"))
                                .to("file:" + out + "?fileName=results.txt&fileExist=Append")
                            .end()
                            .process(e -> done.countDown());
                }
            });
            camel.start();
            if (!done.await(30, TimeUnit.MINUTES)) {
                System.err.println("plain route: not done after 30 minutes");
                System.exit(2);
            }
        }
        System.out.println("plain route: done, " + failed[0] + " calls failed");
        System.exit(failed[0] == 0 ? 0 : 1);
    }
}
