package dev.tally.http.route;

import dev.tally.core.auth.Principal;
import dev.tally.core.auth.Role;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.AccountId;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.VerificationReport;
import dev.tally.core.model.Violation;
import dev.tally.core.port.in.Ledger;
import dev.tally.http.auth.Access;
import dev.tally.http.json.BadRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The ledger: {@code GET /accounting/records} (its legs, newest first; a customer reads only its
 * own {@code customer:<org>} account) and {@code GET /accounting/verify} (admin: every invariant
 * checked, every violation reported).
 */
final class AccountingRoutes {
  private final Ledger ledger;

  AccountingRoutes(Ledger ledger) {
    this.ledger = ledger;
  }

  /** One leg of the ledger ({@code accounting_records}). */
  record RecordView(
      String transactionId,
      String operation,
      String account,
      String chain,
      long sequence,
      String amount,
      String currency,
      String balanceAfter,
      String referenceType,
      String referenceId,
      String memo,
      Instant createdAt,
      LocalDate bizDate,
      String hash,
      String previousHash) {

    static RecordView of(LedgerEntry entry) {
      return new RecordView(
          entry.transactionId().value(),
          entry.operation().code(),
          entry.account().toString(),
          entry.chain().toString(),
          entry.sequence(),
          Views.amount(entry.amount()),
          entry.amount().currency().code(),
          entry.balanceAfter().map(Views::amount).orElse(null),
          entry.reference().type(),
          entry.reference().id(),
          entry.memo(),
          entry.createdAt(),
          entry.bizDate(),
          entry.hash(),
          entry.previousHash());
    }
  }

  /** One business operation of the ledger with its legs (e.g. a refund). */
  record TransactionView(
      String transactionId,
      String operation,
      String referenceType,
      String referenceId,
      List<RecordView> legs) {

    static TransactionView of(LedgerTransaction transaction) {
      return new TransactionView(
          transaction.id().value(),
          transaction.operation().code(),
          transaction.reference().type(),
          transaction.reference().id(),
          transaction.legs().stream().map(RecordView::of).toList());
    }
  }

  /** One broken invariant. */
  record ViolationView(String rule, String subject, String detail) {
    static ViolationView of(Violation violation) {
      return new ViolationView(
          violation.rule().name().toLowerCase(Locale.ROOT),
          violation.subject(),
          violation.detail());
    }
  }

  /** What verification checked and found. */
  record VerificationView(
      boolean clean,
      long transactions,
      long entries,
      long accounts,
      long usages,
      List<ViolationView> violations) {

    static VerificationView of(VerificationReport report) {
      return new VerificationView(
          report.isClean(),
          report.transactions(),
          report.entries(),
          report.accounts(),
          report.usages(),
          report.violations().stream().map(ViolationView::of).toList());
    }
  }

  void register(RoutesConfig routes) {
    routes.get(Api.path("/accounting/records"), this::records);
    routes.get(Api.path("/accounting/verify"), this::verify);
  }

  private void records(Context ctx) {
    Principal principal = Access.require(ctx, Role.ADMIN, Role.SERVICE, Role.CUSTOMER);
    Optional<OrgId> customer = Params.query(ctx, "customer_id", OrgId::of);
    Optional<AccountId> account = Params.query(ctx, "account", AccountId::parse);
    if (principal.role() == Role.CUSTOMER) {
      if (account.isPresent()) {
        throw new TallyException(
            ErrorCode.FORBIDDEN,
            "a customer key reads only its own account; use customer_id, not account");
      }
      OrgId own = principal.orgId().orElseThrow();
      customer.ifPresent(org -> Access.requireOrg(ctx, org));
      account = Optional.of(AccountId.customer(own));
    } else if (customer.isPresent()) {
      AccountId asked = AccountId.customer(customer.get());
      if (account.isPresent() && !account.get().equals(asked)) {
        throw new BadRequest(
            "customer_id "
                + customer.get()
                + " and account "
                + account.get()
                + " name different accounts; give one of them");
      }
      account = Optional.of(asked);
    }
    Optional<Operation> operation = Params.query(ctx, "op", Operation::fromCode);
    Optional<Instant> from = Params.instant(ctx, "from");
    Optional<Instant> to = Params.instant(ctx, "to");
    Optional<AccountId> filter = account;
    LedgerQuery query = Commands.build(() -> new LedgerQuery(filter, operation, from, to));
    ctx.json(Views.page(ledger.records(query, Params.page(ctx)), RecordView::of));
  }

  private void verify(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    ctx.json(VerificationView.of(ledger.verify()));
  }
}
