// Balances: customers' prepaid balances, arrears first; recharge, credit limit, suspend and resume;
// the account's ledger records.
import { html, useState } from '../preact.js';
import { get, getAll, post, put, segment } from '../api.js';
import { label } from '../codes.js';
import {
  CodeSelect, ErrorNote, Field, Loading, Note, Pager, TableBox, time, useLoad, useSubmit,
} from '../ui.js';

const PAGE_SIZE = 50;
const LEDGER_PAGE_SIZE = 20;

/** Arrears first, then suspended, then the rest, each in the API's order (by customer). */
const RANK = { arrears: 0, suspended: 1 };
export function arrearsFirst(balances) {
  return balances
    .map((balance, index) => ({ balance, index }))
    .sort((a, b) => (RANK[a.balance.status] ?? 2) - (RANK[b.balance.status] ?? 2) || a.index - b.index)
    .map((entry) => entry.balance);
}

export function BalancesScreen() {
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState(null);
  const balances = useLoad(() => getAll('/balances', { status }), [status]);
  const ordered = balances.data ? arrearsFirst(balances.data.items) : [];
  const shown = ordered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const current = ordered.find((b) => b.customer_id === selected);
  return html`<div class="screen"><h1>Balances</h1>
    <p class="lead">Customers' prepaid balances, those in arrears first. Open one to recharge it,
      change its credit limit, suspend or resume it, and read its ledger.</p>
    <div class="toolbar">
      <${Field} label="Status">
        <${CodeSelect} set="balance_status" value=${status} any="all (arrears first)"
          onChange=${(e) => { setStatus(e.target.value); setPage(1); }} />
      </${Field}>
    </div>
    <${Loading} state=${balances} what="balances" />
    ${balances.data ? html`<div>
      ${shown.length ? html`<${TableBox} label="Balances"><table id="balances">
        <thead><tr>
          <th scope="col">Customer</th><th scope="col" class="num">Balance</th>
          <th scope="col" class="num">Credit limit</th><th scope="col" class="num">Held</th>
          <th scope="col" class="num">Available</th><th scope="col">Currency</th>
          <th scope="col">Status</th><th scope="col">Last recharge</th>
          <th scope="col"><span class="sr-only">Actions</span></th>
        </tr></thead>
        <tbody>${shown.map((b) => html`<tr data-customer=${b.customer_id} class=${b.status}>
          <td>${b.customer_id}</td>
          <td class="num">${b.balance}</td>
          <td class="num">${b.credit_limit}</td>
          <td class="num">${b.held}</td>
          <td class="num">${b.available}</td>
          <td>${b.currency}</td>
          <td>${label('balance_status', b.status)}</td>
          <td>${time(b.last_recharge)}</td>
          <td><button type="button" class="small" aria-pressed=${String(b.customer_id === selected)}
            onClick=${() => setSelected(b.customer_id)}>Open</button></td>
        </tr>`)}</tbody>
      </table></${TableBox}>` : html`<p class="muted">No balance matches.</p>`}
      <${Pager} page=${page} pageSize=${PAGE_SIZE} total=${ordered.length} onPage=${setPage}
        label="Balance pages" /></div>` : null}
    ${current ? html`<${Account} key=${current.customer_id} balance=${current} onChanged=${balances.reload} />` : null}</div>`;
}

function Account({ balance, onChanged }) {
  const customer = balance.customer_id;
  const path = `/balances/${segment(customer)}`;
  const [done, setDone] = useState(null);
  const [ledgerPage, setLedgerPage] = useState(1);
  const ledger = useLoad(
    () => get('/accounting/records', { customer_id: customer, page: ledgerPage, page_size: LEDGER_PAGE_SIZE }),
    [customer, ledgerPage, balance.sync_version, balance.status],
  );
  const changed = (text) => {
    setDone(text);
    onChanged();
  };
  const recharge = useSubmit(async (values) => {
    const body = { amount: values.amount };
    if (values.memo) body.memo = values.memo;
    const after = await post(`${path}/recharge`, body);
    changed(`Recharged ${values.amount} ${after.currency}: balance ${after.balance}.`);
  });
  const credit = useSubmit(async (values) => {
    const after = await put(`${path}/credit-limit`, { credit_limit: values.credit_limit });
    changed(`Credit limit now ${after.credit_limit} ${after.currency}.`);
  });
  const suspended = balance.status === 'suspended';
  const status = useSubmit(
    async () => {
      const after = await put(`${path}/status`, { status: suspended ? 'active' : 'suspended' });
      changed(`${customer} is now ${label('balance_status', after.status)}.`);
    },
    { keep: true },
  );
  return html`<section class="panel" aria-labelledby="account-title" id="account">
    <h2 id="account-title">Account ${customer}</h2>
    <p id="account-summary">${`Balance ${balance.balance} ${balance.currency} · credit limit ${
      balance.credit_limit} · available ${balance.available} · ${label('balance_status', balance.status)}`}</p>
    <${Note} text=${done} />
    <div class="forms">
      <form id="recharge-form" onSubmit=${recharge.onSubmit} aria-label="Recharge">
        <h3>Recharge</h3>
        <${Field} label=${`Amount (${balance.currency})`}><input name="amount" inputmode="decimal" required /></${Field}>
        <${Field} label="Memo" hint="optional"><input name="memo" /></${Field}>
        <${ErrorNote} error=${recharge.error} id="recharge-error" />
        <div class="actions"><button type="submit" disabled=${recharge.busy}>Recharge</button></div>
      </form>
      <form id="credit-form" onSubmit=${credit.onSubmit} aria-label="Credit limit">
        <h3>Credit limit</h3>
        <${Field} label=${`Credit limit (${balance.currency})`} hint="how far below zero the balance may go">
          <input name="credit_limit" inputmode="decimal" defaultValue=${balance.credit_limit} required />
        </${Field}>
        <${ErrorNote} error=${credit.error} id="credit-error" />
        <div class="actions"><button type="submit" disabled=${credit.busy}>Set credit limit</button></div>
      </form>
      <form id="status-form" onSubmit=${status.onSubmit} aria-label="Suspend or resume">
        <h3>${suspended ? 'Resume' : 'Suspend'}</h3>
        <p class="muted">${suspended
          ? 'Charges are blocked while suspended; resuming allows them again.'
          : 'Suspending blocks every charge until resumed.'}</p>
        <${ErrorNote} error=${status.error} id="status-error" />
        <div class="actions"><button type="submit" class=${suspended ? '' : 'danger'} id="status-button"
          disabled=${status.busy}>${suspended ? 'Resume' : 'Suspend'}</button></div>
      </form>
    </div>
    <h3>Ledger records</h3>
    <${Loading} state=${ledger} what="ledger records" />
    ${ledger.data ? html`<div><${TableBox} label="Ledger records"><table id="ledger">
        <thead><tr>
          <th scope="col">Time (UTC)</th><th scope="col">Operation</th><th scope="col" class="num">Amount</th>
          <th scope="col" class="num">Balance after</th><th scope="col">Reference</th><th scope="col">Memo</th>
        </tr></thead>
        <tbody>${ledger.data.items.map((r) => html`<tr>
          <td>${time(r.created_at)}</td>
          <td>${label('ledger_operation', r.operation)}</td>
          <td class="num">${r.amount} ${r.currency}</td>
          <td class="num">${r.balance_after || ''}</td>
          <td>${r.reference_type}: ${r.reference_id}</td>
          <td>${r.memo}</td>
        </tr>`)}</tbody>
      </table></${TableBox}>
      <${Pager} page=${ledgerPage} pageSize=${LEDGER_PAGE_SIZE} total=${ledger.data.total}
        onPage=${setLedgerPage} label="Ledger pages" /></div>` : null}
  </section>`;
}
