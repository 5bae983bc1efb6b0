package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cause an unknown outcome's message names, for the messages this build writes and earlier builds wrote. */
class UnknownCauseTest {

    @Test
    void eachCauseIsFoundAgainInItsOwnMessageAndAfterALookupAddedToIt() {
        for (UnknownCause c : UnknownCause.values()) {
            assertThat(UnknownCause.of(c.message("SomeException: detail"))).isEqualTo(c);
            assertThat(UnknownCause.of(c.message("x") + "; none found in Verifik")).isEqualTo(c);
        }
    }

    @Test
    void messagesOfEarlierBuildsAreToldApartByTheExceptionTheyName() {
        assertThat(UnknownCause.of("no answer after the request was sent (SocketTimeoutException: Read timed out); "
                + "the validation may exist, so it was not sent again")).isEqualTo(UnknownCause.TIMEOUT);
        assertThat(UnknownCause.of("no answer after the request was sent (NoHttpResponseException: 127.0.0.1:8089 "
                + "failed to respond); the validation may exist")).isEqualTo(UnknownCause.DROPPED);
        assertThat(UnknownCause.of("Verifik answered 201 but the body holds no validation id; check in Verifik"))
                .isEqualTo(UnknownCause.NO_ID);
        assertThat(UnknownCause.of("something else")).isNull();
        assertThat(UnknownCause.of(null)).isNull();
    }
}
