package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiResponsesTest {

    @Test
    void shapeA() {
        var s = ApiResponses.created("{\"success\":true,\"data\":{\"_id\":\"a1\",\"status\":\"new\",\"identifier\":\"x\"}}");
        assertThat(s).contains(new CreatedSession("a1", "new", null));
    }

    @Test
    void shapeB() {
        var s = ApiResponses.created("{\"data\":{\"livenessSession\":{\"_id\":\"ls\"},\"biometricValidation\":"
                + "{\"_id\":\"b1\",\"status\":\"new\",\"url\":\"https://access.verifik.co/x\"},\"token\":\"secret\"}}");
        assertThat(s).contains(new CreatedSession("b1", "new", "https://access.verifik.co/x"));
    }

    @Test
    void noIdMeansUnknown() {
        assertThat(ApiResponses.created("{\"data\":{}}")).isEmpty();
        assertThat(ApiResponses.created("OK")).isEmpty();
        assertThat(ApiResponses.created("")).isEmpty();
    }

    @Test
    void errorWithCodeAndMessage() {
        var e = ApiResponses.error(409, "{\"code\":\"MissingParameter\",\"message\":\"missing project\"}");
        assertThat(e).isEqualTo(new ApiResponses.ApiError(409, "MissingParameter", "missing project"));
    }

    @Test
    void errorWithSuccessFalseShape() {
        var e = ApiResponses.error(400, "{\"success\":false,\"error\":\"Invalid project flow\",\"code\":\"INVALID_PROJECT_FLOW\"}");
        assertThat(e.code()).isEqualTo("INVALID_PROJECT_FLOW");
        assertThat(e.message()).isEqualTo("Invalid project flow");
    }

    @Test
    void errorWhoseCodeSitsInMessage() {
        var e = ApiResponses.error(402, "{\"error\":\"Insufficient credits\",\"message\":\"INSUFFICIENT_CREDITS\"}");
        assertThat(e.code()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(e.message()).isEqualTo("Insufficient credits");
    }

    @Test
    void nonJsonErrorGetsHttpStatusCodeAndTheTextOnOneLine() {
        var e = ApiResponses.error(502, "<html>\n<body>Bad Gateway</body>\n</html>");
        assertThat(e.code()).isEqualTo("HTTP_502");
        assertThat(e.message()).isEqualTo("<html> <body>Bad Gateway</body> </html>");
        assertThat(ApiResponses.error(500, "").message()).isEqualTo("HTTP 500 with no message");
    }

    @Test
    void oddCodesAreNotTrusted() {
        assertThat(ApiResponses.error(418, "{\"code\":\"a b; rm -rf\"}").code()).isEqualTo("HTTP_418");
    }
}
