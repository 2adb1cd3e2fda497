// Subscriptions: find them by org, product and status; subscribe; cancel, renew, edit overage;
// each with a quota bar.
import { html, useState } from '../preact.js';
import { get, post, put, segment } from '../api.js';
import { label } from '../codes.js';
import { ProductSelect, byId, loadProducts } from '../catalog.js';
import { isZero } from '../decimal.js';
import {
  CodeSelect, Confirm, ErrorNote, Field, Loading, Note, Pager, TableBox, fields, present, time,
  useLoad, useSubmit,
} from '../ui.js';

const PAGE_SIZE = 20;

export function SubscriptionsScreen() {
  const products = useLoad(loadProducts, []);
  const [filters, setFilters] = useState({});
  const [page, setPage] = useState(1);
  const [overage, setOverage] = useState(null);
  const [cancelling, setCancelling] = useState(null);
  const [actionError, setActionError] = useState(null);
  const [done, setDone] = useState(null);
  const list = useLoad(
    () => get('/subscriptions', { ...filters, page, page_size: PAGE_SIZE }),
    [filters, page],
  );
  const productById = byId(products.data);
  const applyFilters = (event) => {
    event.preventDefault();
    setFilters(present(fields(event.currentTarget)));
    setPage(1);
  };
  const act = async (what, subscription, change) => {
    setActionError(null);
    setDone(null);
    try {
      await change();
      setDone(`${what}: subscription ${subscription.id}.`);
      list.reload();
    } catch (e) {
      setActionError(e);
    }
  };
  return html`<div class="screen"><h1>Subscriptions</h1>
    <p class="lead">Who has subscribed to what: quota per period, overage, renewal and fee.</p>
    <form id="subscription-filters" class="toolbar" onSubmit=${applyFilters} aria-label="Filter subscriptions">
      <${Field} label="Customer org"><input name="user_org_id" /></${Field}>
      <${Field} label="Product">
        <${ProductSelect} name="product_id" products=${products.data} any="any product" />
      </${Field}>
      <${Field} label="Status">
        <${CodeSelect} set="subscription_status" name="status" any="any status" />
      </${Field}>
      <div class="actions"><button type="submit">Filter</button></div>
    </form>
    <${Loading} state=${list} what="subscriptions" />
    <${ErrorNote} error=${actionError} id="subscription-action-error" />
    <${Note} text=${done} />
    ${list.data ? html`<div>
      ${list.data.items.length ? html`<${TableBox} label="Subscriptions"><table id="subscriptions">
        <thead><tr>
          <th scope="col">Product</th><th scope="col">Customer</th><th scope="col">Billing mode</th>
          <th scope="col">Quota</th><th scope="col">Period</th><th scope="col">Status</th>
          <th scope="col">Renews</th><th scope="col" class="num">Fee</th>
          <th scope="col"><span class="sr-only">Actions</span></th>
        </tr></thead>
        <tbody>${list.data.items.map((s) => html`<tr data-subscription-id=${s.id}>
          <td>${productById.get(s.product_id)?.product_name || s.product_id}</td>
          <td>${s.user_org_id}<br /><span class="muted">${s.user_id}</span></td>
          <td>${label('billing_mode', s.billing_mode)}</td>
          <td><${QuotaBar} subscription=${s} /></td>
          <td>${time(s.period_start)}<br />to ${time(s.period_end)} <span class="muted">(${s.period})</span></td>
          <td>${label('subscription_status', s.status)}</td>
          <td>${s.auto_renew ? 'yes' : 'no'}</td>
          <td class="num">${s.fee} ${s.currency}</td>
          <td class="row-actions">
            <button type="button" class="small" onClick=${() => act('Renewed', s, () => post(`/subscriptions/${segment(s.id)}/renew`))}>Renew</button>
            <button type="button" class="small" onClick=${() => setOverage(s)}>Overage</button>
            ${s.status !== 'cancelled' ? html`<button type="button" class="small danger"
              onClick=${() => setCancelling(s)}>Cancel</button>` : null}
          </td>
        </tr>`)}</tbody>
      </table></${TableBox}>` : html`<p class="muted">No subscription matches.</p>`}
      <${Pager} page=${page} pageSize=${PAGE_SIZE} total=${list.data.total} onPage=${setPage}
        label="Subscription pages" /></div>` : null}
    ${overage ? html`<${OverageDialog} subscription=${overage} onClose=${() => setOverage(null)}
      onSaved=${() => { setDone(`Overage changed: subscription ${overage.id}.`); list.reload(); }} />` : null}
    ${cancelling ? html`<${Confirm} title="Cancel this subscription?" confirmLabel="Cancel subscription"
        onClose=${() => setCancelling(null)}
        onConfirm=${async () => {
          await post(`/subscriptions/${segment(cancelling.id)}/cancel`);
          setDone(`Cancelled: subscription ${cancelling.id}.`);
          list.reload();
        }}>
        <p>${`${cancelling.user_org_id}'s subscription to ${
          productById.get(cancelling.product_id)?.product_name || cancelling.product_id
        } ends now; its uses are then refused or paid per use.`}</p>
      </${Confirm}>` : null}
    <${SubscribeForm} products=${products.data} onCreated=${(s) => {
      setDone(`Subscribed: subscription ${s.id}.`);
      list.reload();
    }} /></div>`;
}

/** Used against total quota, and overage used; numbers only draw the bar, text shows the API's. */
function QuotaBar({ subscription: s }) {
  const hasQuota = !isZero(s.quota_total);
  return html`<div class="quota">
    ${hasQuota ? html`<progress max=${Number(s.quota_total)} value=${Math.min(Number(s.quota_used), Number(s.quota_total))}
      aria-label=${`quota used of ${s.id}`}></progress>` : null}
    <span class="quota-text">${hasQuota ? `${s.quota_used} / ${s.quota_total} ${s.quota_unit}` : 'no quota'}</span>
    ${s.allow_overage ? html`<span class="quota-text muted">overage ${s.overage_used} ${s.quota_unit}
      ${s.overage_cap ? ` of ${s.overage_cap}` : ' (no cap)'}${s.overage_unit_price ? ` at ${s.overage_unit_price} ${s.currency}` : ''}</span>` : null}
  </div>`;
}

function OverageDialog({ subscription: s, onClose, onSaved }) {
  return html`<${Confirm} title="Overage" confirmLabel="Save overage" onClose=${onClose}
      onConfirm=${async (values) => {
        const body = { allow_overage: values.allow_overage };
        if (values.overage_unit_price) body.overage_unit_price = values.overage_unit_price;
        if (values.overage_cap) body.overage_cap = values.overage_cap;
        await put(`/subscriptions/${segment(s.id)}/overage`, body);
        onSaved();
      }}>
      <p>Use beyond the quota of ${s.user_org_id}'s subscription ${s.id}.</p>
      <label class="check"><input type="checkbox" name="allow_overage" defaultChecked=${s.allow_overage} />
        Allow overage</label>
      <div class="fields">
        <${Field} label=${`Overage unit price (${s.currency})`} hint="empty: the resource's sell price">
          <input name="overage_unit_price" inputmode="decimal" defaultValue=${s.overage_unit_price || ''} />
        </${Field}>
        <${Field} label=${`Overage cap (${s.quota_unit})`} hint="empty: no cap">
          <input name="overage_cap" inputmode="decimal" defaultValue=${s.overage_cap || ''} />
        </${Field}>
      </div>
    </${Confirm}>`;
}

function SubscribeForm({ products, onCreated }) {
  const submit = useSubmit(async (values) => {
    onCreated(await post('/subscriptions', present(values)));
  });
  return html`<section aria-labelledby="subscribe-title" class="panel">
    <h2 id="subscribe-title">Subscribe a customer</h2>
    <form id="subscribe-form" onSubmit=${submit.onSubmit}>
      <div class="fields">
        <${Field} label="Product"><${ProductSelect} name="product_id" products=${products} required /></${Field}>
        <${Field} label="Customer org"><input name="user_org_id" required /></${Field}>
        <${Field} label="User"><input name="user_id" required /></${Field}>
        <${Field} label="Billing mode">
          <${CodeSelect} set="billing_mode" name="billing_mode" any="the resource's default" />
        </${Field}>
        <${Field} label="Quota per period"><input name="quota_total" inputmode="decimal" defaultValue="0" required /></${Field}>
        <${Field} label="Quota unit"><input name="quota_unit" defaultValue="token" required /></${Field}>
        <${Field} label="Period" hint="ISO-8601: P1M, P7D, P1Y">
          <input name="period" defaultValue="P1M" required />
        </${Field}>
        <${Field} label="Fee per period" hint="optional"><input name="fee" inputmode="decimal" /></${Field}>
        <${Field} label="Currency"><input name="currency" defaultValue="CNY" /></${Field}>
        <${Field} label="Overage unit price" hint="optional"><input name="overage_unit_price" inputmode="decimal" /></${Field}>
        <${Field} label="Overage cap" hint="optional"><input name="overage_cap" inputmode="decimal" /></${Field}>
      </div>
      <div class="checks">
        <label class="check"><input type="checkbox" name="allow_overage" /> Allow overage</label>
        <label class="check"><input type="checkbox" name="auto_renew" defaultChecked=${true} /> Renew automatically</label>
      </div>
      <${ErrorNote} error=${submit.error} id="subscribe-error" />
      <div class="actions"><button type="submit" disabled=${submit.busy}>Subscribe</button></div>
    </form>
  </section>`;
}
