# syntax=docker/dockerfile:1
#
# The importer's container image: the shaded jar on a JRE 17, run as a non-root user.
#
#   docker build -t verifik-importer:0.1.0-SNAPSHOT .
#   docker run --rm -e VERIFIK_TOKEN_FILE=/run/secrets/token -v "$PWD/token:/run/secrets/token:ro" \
#       -v "$PWD/data:/work/data" verifik-importer:0.1.0-SNAPSHOT run
#
# The image's argument is the command (watch by default: run, validate, status, retry ... work the same).
# Nothing here pushes; tag it for your registry and push it yourself. deploy/k8s/ runs it in Kubernetes, and
# DeploymentFilesTest holds this file to the pom (the jar's name) and to the manifests (port, user).

# --- build: the same `mvn package` as on a workstation, tests left to CI --------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
# only what the jar is made of (the pom's sources and resource folders), so that a change to the README or
# the tests does not rebuild the image
COPY src/main src/main
COPY routes routes
COPY data/samples data/samples
# the class-data archive is made in the runtime stage instead: it belongs to the JVM that maps it
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -Dmaven.test.skip=true -Dcds.skip=true package

# --- runtime --------------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
# a numeric USER, so that Kubernetes' runAsNonRoot can check it; its home is the working directory, where
# the default folders (data/inbox, data/outbox ...) are created when no IMPORTER_* variable moves them
RUN groupadd --system --gid 10001 importer \
    && useradd --system --uid 10001 --gid importer --home-dir /work --create-home --shell /usr/sbin/nologin importer
COPY --from=build /build/target/verifik-importer.jar /app/verifik-importer.jar
# start-up: a class-data archive of the classes one demo loads (against its own loopback simulator, in a
# folder thrown away after), dumped by this image's JVM for this jar; the entrypoint maps it. The demo ends
# with 2 (sample rows fail on purpose): the archive file is what is checked
RUN mkdir /tmp/cds-training && cd /tmp/cds-training \
    && (java -XX:ArchiveClassesAtExit=/app/verifik-importer.jsa -Xlog:cds*=off -jar /app/verifik-importer.jar demo \
        > /dev/null || true) \
    && test -s /app/verifik-importer.jsa && cd / && rm -rf /tmp/cds-training
USER 10001:10001
WORKDIR /work
# Camel's management server (camel.management.enabled=true): /observe/health/live, /observe/health/ready,
# /observe/metrics
EXPOSE 9876
# exec form: java is PID 1 and gets the SIGTERM itself, so rows in flight finish within
# camel.main.shutdown-timeout. The heap follows the container's memory limit (75% of it, the rest for
# metaspace, threads and buffers); an OutOfMemoryError ends the process instead of leaving it half alive
# (the ledger resumes the file on the next start). More flags: JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:SharedArchiveFile=/app/verifik-importer.jsa", "-Xlog:cds*=off", "-jar", "/app/verifik-importer.jar"]
CMD ["watch"]
