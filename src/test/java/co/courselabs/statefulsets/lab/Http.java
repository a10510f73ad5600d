package co.courselabs.statefulsets.lab;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

/** HTTP to the lab's apps, as a browser on the student's machine would reach them. */
public final class Http {

    private static final int TIMEOUT_MS = 5_000;
    private static final RestAssuredConfig CONFIG = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
            .dontReuseHttpClientInstance()
            .setParam("http.connection.timeout", TIMEOUT_MS)
            .setParam("http.socket.timeout", TIMEOUT_MS));

    private Http() {
    }

    /**
     * A request to {@code baseUrl} on a new connection each time: Services balance connections, not
     * requests, so reusing one would always reach the same Pod (a browser's Ctrl-refresh does the same).
     */
    public static RequestSpecification to(String baseUrl) {
        return RestAssured.given().config(CONFIG).baseUri(baseUrl).header("Connection", "close");
    }
}
