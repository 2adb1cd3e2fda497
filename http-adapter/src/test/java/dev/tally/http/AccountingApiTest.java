package dev.tally.http;

import static dev.tally.http.MeteringSetup.useJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.core.model.ProductResource;
import dev.tally.http.testing.ApiServer;
import dev.tally.http.testing.HttpApi.Reply;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountingApiTest {
  private static final String RECORDS = "/api/v1/accounting/records";
  private static final String VERIFY = "/api/v1/accounting/verify";

  @RegisterExtension final ApiServer api = new ApiServer();

  @BeforeEach
  void ledger() {
    MeteringSetup setup = new MeteringSetup(api.core());
    ProductResource llm = setup.payPerUse("0.002", "0.001");
    setup.recharged("acme", "10").recharged("globex", "5");
    api.clock().advance(Duration.ofMinutes(1));
    assertThat(api.asService().post("/api/v1/usage", useJson(llm, "acme", "1000", "r-1")).status())
        .isEqualTo(201);
    assertThat(api.asService().post("/api/v1/usage", useJson(llm, "globex", "500", "r-2")).status())
        .isEqualTo(201);
  }

  @Test
  void listsACustomersRecordsNewestFirstWithTheirHashChain() {
    Reply reply = api.asAdmin().get(RECORDS + "?customer_id=acme");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode items = reply.json().path("items");
    assertThat(reply.json().path("total").asLong()).isEqualTo(2);
    JsonNode pay = items.get(0);
    JsonNode recharge = items.get(1);
    assertThat(pay.path("operation").asText()).isEqualTo("PAY");
    assertThat(pay.path("account").asText()).isEqualTo("customer:acme");
    assertThat(pay.path("chain").asText()).isEqualTo("customer:acme");
    // the recharge's cash leg is #1 and its customer leg #2 of acme's chain
    assertThat(pay.path("sequence").asLong()).isEqualTo(3);
    assertThat(pay.path("amount").asText()).isEqualTo("-2.000000");
    assertThat(pay.path("currency").asText()).isEqualTo("CNY");
    assertThat(pay.path("balance_after").asText()).isEqualTo("8.000000");
    assertThat(pay.path("reference_type").asText()).isEqualTo("usage");
    assertThat(pay.path("reference_id").asText()).isNotEmpty();
    assertThat(pay.path("transaction_id").asText()).isNotEmpty();
    assertThat(pay.path("created_at").asText()).isEqualTo("2026-03-01T00:01:00Z");
    assertThat(pay.path("biz_date").asText()).isEqualTo("2026-03-01");
    assertThat(pay.has("memo")).isTrue();
    assertThat(pay.path("hash").asText()).hasSize(64);
    assertThat(pay.path("previous_hash").asText()).isEqualTo(recharge.path("hash").asText());
    assertThat(recharge.path("operation").asText()).isEqualTo("RECHARGE");
    assertThat(recharge.path("sequence").asLong()).isEqualTo(2);
  }

  @Test
  void filtersByOperationTimeAndAnyAccountForAdminsAndServices() {
    Reply pays = api.asService().get(RECORDS + "?op=PAY");
    Reply revenue = api.asAdmin().get(RECORDS + "?account=revenue:reseller-1");
    Reply early = api.asAdmin().get(RECORDS + "?to=2026-03-01T00:00:30Z");
    Reply late = api.asAdmin().get(RECORDS + "?from=2026-03-01T00:00:30Z&op=PAY_COST");

    for (JsonNode leg : pays.json().path("items")) {
      assertThat(leg.path("operation").asText()).isEqualTo("PAY");
    }
    assertThat(pays.json().path("total").asLong()).isEqualTo(4);
    assertThat(revenue.json().path("total").asLong()).isEqualTo(2);
    assertThat(revenue.json().path("items").get(0).path("balance_after").isNull()).isTrue();
    for (JsonNode leg : early.json().path("items")) {
      assertThat(leg.path("operation").asText()).isEqualTo("RECHARGE");
    }
    assertThat(early.json().path("total").asLong()).isEqualTo(4);
    assertThat(late.json().path("total").asLong()).isEqualTo(4);
  }

  @Test
  void paginatesRecords() {
    Reply first = api.asAdmin().get(RECORDS + "?page=1&page_size=3");
    Reply third = api.asAdmin().get(RECORDS + "?page=3&page_size=3");

    assertThat(first.json().path("items")).hasSize(3);
    assertThat(first.json().path("page_size").asInt()).isEqualTo(3);
    long total = first.json().path("total").asLong();
    assertThat(third.json().path("items")).hasSize((int) Math.max(0, Math.min(3, total - 6)));
  }

  @Test
  void confinesACustomerToItsOwnAccount() {
    Reply own = api.asCustomer().get(RECORDS);
    Reply ownNamed = api.asCustomer().get(RECORDS + "?customer_id=acme&op=PAY");

    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().path("total").asLong()).isEqualTo(2);
    for (JsonNode leg : own.json().path("items")) {
      assertThat(leg.path("account").asText()).isEqualTo("customer:acme");
    }
    assertThat(ownNamed.json().path("total").asLong()).isEqualTo(1);
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonNode leg : own.json().path("items")) {
      sum = sum.add(new BigDecimal(leg.path("amount").asText()));
    }
    assertThat(sum).isEqualByComparingTo("8");
  }

  @Test
  void refusesACustomerAnotherOrgsRecordsOrAnyAccount() {
    Reply otherOrg = api.asCustomer().get(RECORDS + "?customer_id=globex");
    Reply account = api.asCustomer().get(RECORDS + "?account=revenue:reseller-1");
    Reply ownAccountByName = api.asCustomer().get(RECORDS + "?account=customer:acme");

    assertThat(otherOrg.status()).isEqualTo(403);
    assertThat(otherOrg.code()).isEqualTo("forbidden");
    assertThat(account.status()).isEqualTo(403);
    assertThat(ownAccountByName.status()).isEqualTo(403);
    assertThat(api.anonymous().get(RECORDS).status()).isEqualTo(401);
  }

  @Test
  void refusesBadRecordFiltersWith400() {
    for (String query :
        List.of(
            "?op=STEAL",
            "?account=nowhere",
            "?account=vault:acme",
            "?customer_id=a%20b",
            "?customer_id=acme&account=customer:globex",
            "?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
            "?to=tomorrow",
            "?page_size=0")) {
      Reply reply = api.asAdmin().get(RECORDS + query);
      assertThat(reply.status()).as(query + " -> " + reply).isEqualTo(400);
      assertThat(reply.code()).isEqualTo("validation_failed");
    }
    assertThat(api.asAdmin().get(RECORDS + "?customer_id=acme&account=customer:acme").status())
        .isEqualTo(200);
  }

  @Test
  void verifiesTheLedgerForAdmins() {
    Reply reply = api.asAdmin().get(VERIFY);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode report = reply.json();
    assertThat(report.path("clean").asBoolean()).isTrue();
    assertThat(report.path("transactions").asLong()).isEqualTo(6);
    assertThat(report.path("entries").asLong()).isGreaterThanOrEqualTo(12);
    assertThat(report.path("accounts").asLong()).isPositive();
    assertThat(report.path("usages").asLong()).isEqualTo(2);
    assertThat(report.path("violations").isArray()).isTrue();
    assertThat(report.path("violations")).isEmpty();
  }

  @Test
  void letsOnlyAdminsVerify() {
    assertThat(api.asService().get(VERIFY).status()).isEqualTo(403);
    assertThat(api.asCustomer().get(VERIFY).status()).isEqualTo(403);
    assertThat(api.asCustomer().get(VERIFY).code()).isEqualTo("forbidden");
    assertThat(api.anonymous().get(VERIFY).status()).isEqualTo(401);
  }
}
