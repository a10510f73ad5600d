package co.courselabs.statefulsets.lab;

import static org.assertj.core.api.Assertions.assertThat;

import co.courselabs.statefulsets.k8s.Pods;
import co.courselabs.statefulsets.progress.Waits;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@LabScenario
@ResourceLock(ProductsDb.NAME)
@DisplayName("EXTRA Testing the replicated database: a SQL client")
class SqlClientIT {

    private static final String PRIMARY = "products-db-0.products-db.default.svc.cluster.local";
    private static final String STANDBY = "products-db-1.products-db.default.svc.cluster.local";
    private static final Pattern ERROR = Pattern.compile("class='error'>([^<]*)");

    private final Lab lab;
    private ProductsDb db;

    SqlClientIT(Lab lab) {
        this.lab = lab;
    }

    @BeforeAll
    void deploy() {
        db = lab.productsDb();
        lab.apply(LabSpecs.ADMINER);
        lab.pods().awaitAnyReady("app=adminer-web", Pods.READY_TIMEOUT);
        // kube-proxy opens a new NodePort a moment after the Service gets its endpoint
        Waits.forValue("Adminer answering on " + url(), Duration.ofSeconds(30),
                () -> Http.to(url()).get("/").statusCode(), status -> status == 200);
    }

    @Test
    @Order(1)
    @DisplayName("Adminer answers on NodePort 30020 with the primary as its default server")
    void adminerLoginPageAnswers() {
        Response page = Http.to(url()).get("/");
        assertThat(page.statusCode()).as("status of %s", url()).isEqualTo(200);
        assertThat(page.asString()).as("the Adminer login page at %s", url())
                .contains("<title>Login - Adminer</title>")
                .contains("value=\"" + PRIMARY + "\"");
    }

    @Test
    @Order(2)
    @DisplayName("logging in to the secondary with the lab's credentials lists the products table")
    void loginToSecondaryListsProductsTable() {
        db.awaitAcceptingQueries(1);
        CookieFilter session = new CookieFilter();
        Http.to(url()).filter(session).get("/");
        Response login = Http.to(url()).filter(session).redirects().follow(false)
                .formParam("auth[driver]", "pgsql")
                .formParam("auth[server]", STANDBY)
                .formParam("auth[username]", "postgres")
                .formParam("auth[password]", ProductsDb.PASSWORD)
                .formParam("auth[db]", "postgres")
                .post("/");
        assertThat(login.statusCode()).as("status of the login form post (Adminer redirects after a login)")
                .isEqualTo(302);
        Response tables = Http.to(url()).filter(session).get("/" + login.header("Location") + "&ns=public");
        assertThat(tables.asString())
                .as("the tables Adminer lists for %s after logging in (Adminer says: %s)", STANDBY, error(tables))
                .contains("Table-products");
    }

    private String url() {
        return lab.kube().nodePortUrl(LabSpecs.ports().nodePort("adminer-web-np"));
    }

    private static String error(Response page) {
        Matcher error = ERROR.matcher(page.asString());
        return error.find() ? error.group(1).replace("&quot;", "\"") : "no error";
    }
}
