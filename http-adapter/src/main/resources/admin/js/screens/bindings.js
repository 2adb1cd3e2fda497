// Resource binding: which resources a product is built from, how each is sold; bind and unbind.
import { html, useState } from '../preact.js';
import { del, getAll, post, segment } from '../api.js';
import { label } from '../codes.js';
import { ProductSelect, useChosenProduct } from '../catalog.js';
import {
  CodeSelect, Confirm, ErrorNote, Field, Loading, TableBox, present, time, useLoad, useSubmit,
} from '../ui.js';

/** Where a resource of each type can be chosen from (the synced catalogue caches). */
const CACHES = { llm: '/llms', uapi: '/uapis' };

export function BindingsScreen() {
  const { products, productId, setProductId, resources } = useChosenProduct();
  const [unbinding, setUnbinding] = useState(null);
  const product = (products.data || []).find((p) => p.id === productId);
  return html`<div class="screen"><h1>Resource binding</h1>
    <p class="lead">The resources a product is built from, and how each is sold: billing mode, unit,
      and a unit price or a pricing programme.</p>
    <${Loading} state=${products} what="products" />
    <div class="toolbar">
      <${Field} label="Product">
        <${ProductSelect} id="binding-product" products=${products.data} value=${productId}
          onChange=${(e) => setProductId(e.target.value)} />
      </${Field}>
      ${product ? html`<p class="muted product-about">${
        `${product.description} · ${label('product_status', product.status)} · owner ${product.owner_org_id}`}</p>` : null}
    </div>
    <h2>Bound resources</h2>
    <${Loading} state=${resources} what="resources" />
    ${resources.data ? html`<${ResourceTable} resources=${resources.data.items}
      onUnbind=${setUnbinding} />` : null}
    ${productId ? html`<${BindForm} productId=${productId} onBound=${resources.reload} />` : null}
    ${unbinding ? html`<${Confirm} title="Unbind this resource?" confirmLabel="Unbind"
        onClose=${() => setUnbinding(null)}
        onConfirm=${async (values) => {
          await del(`/products/${segment(productId)}/resources/${segment(unbinding.id)}`,
            { force: values.force ? 'true' : undefined });
          resources.reload();
        }}>
        <p>Unbind <strong>${label('resource_type', unbinding.resource_type)} ${unbinding.resource_ref_id}</strong>${' '}from <strong>${
          product ? product.product_name : productId}</strong>? New uses of it are then refused; its
          usage history is kept.</p>
        <label class="check"><input type="checkbox" name="force" /> Unbind even if an active
          subscription loses its only resource</label>
      </${Confirm}>` : null}</div>`;
}

function ResourceTable({ resources, onUnbind }) {
  if (!resources.length) return html`<p class="muted">No resource is bound to this product.</p>`;
  return html`<${TableBox} label="Bound resources"><table id="resources">
    <thead><tr>
      <th scope="col">Type</th><th scope="col">Resource</th><th scope="col">Billing mode</th>
      <th scope="col">Unit</th><th scope="col" class="num">Unit price</th>
      <th scope="col">Pricing programme</th><th scope="col" class="num">Min balance</th>
      <th scope="col">Status</th><th scope="col">Bound</th><th scope="col"><span class="sr-only">Actions</span></th>
    </tr></thead>
    <tbody>${resources.map((r) => html`<tr data-resource-id=${r.id} data-resource-ref=${r.resource_ref_id}>
      <td>${label('resource_type', r.resource_type)}</td>
      <td>${r.resource_ref_id}</td>
      <td>${label('billing_mode', r.billing_mode)}</td>
      <td>${r.used_unit}</td>
      <td class="num">${r.unit_price ? `${r.unit_price} ${r.currency}` : ''}</td>
      <td>${r.pricing_program_id || ''}</td>
      <td class="num">${r.min_balance || ''}</td>
      <td>${label('resource_status', r.status)}</td>
      <td>${time(r.created_at)}</td>
      <td>${r.status === 'active' ? html`<button type="button" class="danger small"
        onClick=${() => onUnbind(r)}>Unbind</button>` : null}</td>
    </tr>`)}</tbody>
  </table></${TableBox}>`;
}

function BindForm({ productId, onBound }) {
  const [type, setType] = useState('llm');
  const cached = useLoad(() => (CACHES[type] ? getAll(CACHES[type]) : null), [type]);
  const programs = useLoad(() => getAll('/pricing/programs'), []);
  const submit = useSubmit(async (values) => {
    await post(`/products/${segment(productId)}/resources`, present(values));
    onBound();
  });
  return html`<section aria-labelledby="bind-title" class="panel">
    <h2 id="bind-title">Bind a resource</h2>
    <form id="bind-form" onSubmit=${submit.onSubmit}>
      <div class="fields">
        <${Field} label="Resource type">
          <${CodeSelect} set="resource_type" name="resource_type" value=${type}
            onChange=${(e) => setType(e.target.value)} />
        </${Field}>
        <${Field} label="Resource" hint=${CACHES[type] ? 'choose from the synced catalogue or type an id' : 'type its id'}>
          <input name="resource_ref_id" list="resource-choices" required autocomplete="off" />
          <datalist id="resource-choices">
            ${(cached.data ? cached.data.items : []).map(
              (entry) => html`<option value=${entry.id}>${entry.name || entry.id}</option>`,
            )}
          </datalist>
        </${Field}>
        <${Field} label="Billing mode">
          <${CodeSelect} set="billing_mode" name="billing_mode" initial="1" />
        </${Field}>
        <${Field} label="Unit" hint="token, call, second, byte, image, …">
          <input name="used_unit" defaultValue="token" required />
        </${Field}>
        <${Field} label="Unit price" hint="sell price per unit; leave empty to price by programme">
          <input name="unit_price" inputmode="decimal" />
        </${Field}>
        <${Field} label="Currency">
          <input name="currency" defaultValue="CNY" />
        </${Field}>
        <${Field} label="Pricing programme">
          <select name="pricing_program_id">
            <option value="">none</option>
            ${(programs.data ? programs.data.items : []).map(
              (p) => html`<option value=${p.id}>${p.name} (${p.id})</option>`,
            )}
          </select>
        </${Field}>
        <${Field} label="Min balance" hint="optional">
          <input name="min_balance" inputmode="decimal" />
        </${Field}>
      </div>
      <${ErrorNote} error=${submit.error} id="bind-error" />
      <div class="actions"><button type="submit" disabled=${submit.busy}>Bind</button></div>
    </form>
  </section>`;
}
