// Supplier links: which suppliers serve a bound resource, at what cost and priority, and which one
// a use would pick.
import { html, useEffect, useState } from '../preact.js';
import { del, get, post, put, segment } from '../api.js';
import { label } from '../codes.js';
import {
  ProductSelect, SupplierSelect, byId, loadSuppliers, useChosenProduct,
} from '../catalog.js';
import { compare } from '../decimal.js';
import {
  Confirm, ErrorNote, Field, Loading, TableBox, present, useLoad, useSubmit,
} from '../ui.js';

/**
 * The supplier a use is served by, as core chooses it: among active links of active suppliers,
 * the lowest priority number, then the lowest unit cost, then the supplier id. `undefined` when
 * nothing is linked (the reseller serves it), `null` when no link is eligible (a use is refused).
 */
export function pickedSupplier(links, suppliers) {
  if (!links.length) return undefined;
  const eligible = links.filter(
    (link) => link.status === 'active' && suppliers.get(link.supplier_org_id)?.status === 'active',
  );
  eligible.sort(
    (a, b) =>
      a.priority - b.priority ||
      compare(a.unit_cost, b.unit_cost) ||
      (a.supplier_org_id < b.supplier_org_id ? -1 : a.supplier_org_id > b.supplier_org_id ? 1 : 0),
  );
  return eligible.length ? eligible[0] : null;
}

export function LinksScreen() {
  const { products, productId, setProductId, resources } = useChosenProduct();
  const suppliers = useLoad(loadSuppliers, []);
  const [resourceId, setResourceId] = useState('');
  useEffect(() => {
    const items = resources.data ? resources.data.items : [];
    if (!items.some((r) => r.id === resourceId)) setResourceId(items.length ? items[0].id : '');
  }, [resources.data]);
  const links = useLoad(
    () => (resourceId ? get(`/resources/${segment(resourceId)}/suppliers`, { page_size: 1000 }) : null),
    [resourceId],
  );
  const supplierById = byId(suppliers.data, 'org_id');
  return html`<div class="screen"><h1>Supplier links</h1>
    <p class="lead">Which suppliers can serve a bound resource, at what unit cost and priority. A use
      is served by the active supplier with the lowest priority number, then the lowest cost.</p>
    <${Loading} state=${products} what="products" />
    <div class="toolbar">
      <${Field} label="Product">
        <${ProductSelect} id="links-product" products=${products.data} value=${productId}
          onChange=${(e) => setProductId(e.target.value)} />
      </${Field}>
      <${Field} label="Bound resource">
        <select id="links-resource" value=${resourceId} onChange=${(e) => setResourceId(e.target.value)}>
          ${(resources.data ? resources.data.items : []).map(
            (r) => html`<option value=${r.id}>${`${label('resource_type', r.resource_type)} · ${
              r.resource_ref_id} (${label('resource_status', r.status)})`}</option>`,
          )}
        </select>
      </${Field}>
    </div>
    ${resources.data && !resources.data.items.length
      ? html`<p class="muted">This product has no bound resource.</p>` : null}
    <${Loading} state=${links} what="supplier links" />
    ${links.data && suppliers.data ? html`<div>
      <${Pick} link=${pickedSupplier(links.data.items, supplierById)} suppliers=${supplierById} />
      <${LinkTable} resourceId=${resourceId} links=${links.data.items} suppliers=${supplierById}
        picked=${pickedSupplier(links.data.items, supplierById)} onChanged=${links.reload} />
      <${LinkForm} resourceId=${resourceId} suppliers=${suppliers.data} onLinked=${links.reload} />
      </div>` : null}</div>`;
}

function supplierName(suppliers, org) {
  const supplier = suppliers.get(org);
  return supplier ? `${supplier.supplier_name} (${org})` : org;
}

function Pick({ link, suppliers }) {
  let text;
  if (link === undefined) {
    text = 'No supplier is linked: the reseller serves a use itself, at no supplier cost.';
  } else if (link === null) {
    text = 'No active supplier can serve this resource: a use of it is refused.';
  } else {
    text = `A use is served by ${supplierName(suppliers, link.supplier_org_id)} at ${link.unit_cost} ${link.currency} per unit (priority ${link.priority}).`;
  }
  return html`<p class="pick" id="supplier-pick" role="status">${text}</p>`;
}

function LinkTable({ resourceId, links, suppliers, picked, onChanged }) {
  const [editing, setEditing] = useState(null);
  const [removing, setRemoving] = useState(null);
  if (!links.length) return null;
  return html`<div><${TableBox} label="Supplier links"><table id="links">
    <thead><tr>
      <th scope="col">Supplier</th><th scope="col" class="num">Unit cost</th><th scope="col">Currency</th>
      <th scope="col" class="num">Priority</th><th scope="col">Status</th><th scope="col">Picked</th>
      <th scope="col"><span class="sr-only">Actions</span></th>
    </tr></thead>
    <tbody>${links.map((link) =>
      editing === link.supplier_org_id
        ? html`<${EditRow} resourceId=${resourceId} link=${link} suppliers=${suppliers}
            onDone=${() => { setEditing(null); onChanged(); }} onCancel=${() => setEditing(null)} />`
        : html`<tr data-supplier=${link.supplier_org_id}>
            <td>${supplierName(suppliers, link.supplier_org_id)}</td>
            <td class="num">${link.unit_cost}</td>
            <td>${link.currency}</td>
            <td class="num">${link.priority}</td>
            <td>${label('link_status', link.status)}</td>
            <td>${picked && picked.supplier_org_id === link.supplier_org_id ? html`<span class="badge">picked</span>` : ''}</td>
            <td class="row-actions">
              <button type="button" class="small" onClick=${() => setEditing(link.supplier_org_id)}>Edit</button>
              <button type="button" class="small danger" onClick=${() => setRemoving(link)}>Remove</button>
            </td>
          </tr>`)}
    </tbody>
  </table></${TableBox}>
  ${removing ? html`<${Confirm} title="Remove this supplier link?" confirmLabel="Remove"
      onClose=${() => setRemoving(null)}
      onConfirm=${async () => {
        await del(`/resources/${segment(resourceId)}/suppliers/${segment(removing.supplier_org_id)}`);
        onChanged();
      }}>
      <p>${supplierName(suppliers, removing.supplier_org_id)} will no longer serve this resource.</p>
    </${Confirm}>` : null}</div>`;
}

function EditRow({ resourceId, link, suppliers, onDone, onCancel }) {
  const submit = useSubmit(
    async (values) => {
      await put(`/resources/${segment(resourceId)}/suppliers/${segment(link.supplier_org_id)}`, {
        unit_cost: values.unit_cost,
        priority: Number(values.priority),
        status: values.status,
      });
      onDone();
    },
    { keep: true },
  );
  const form = `edit-${link.supplier_org_id}`;
  return html`<tr data-supplier=${link.supplier_org_id} class="editing">
    <td>${supplierName(suppliers, link.supplier_org_id)}
      <form id=${form} onSubmit=${submit.onSubmit}></form>
      <${ErrorNote} error=${submit.error} id="link-edit-error" /></td>
    <td class="num"><input form=${form} name="unit_cost" aria-label="Unit cost" inputmode="decimal"
      defaultValue=${link.unit_cost} required size="12" /></td>
    <td>${link.currency}</td>
    <td class="num"><input form=${form} name="priority" aria-label="Priority" type="number" step="1"
      defaultValue=${String(link.priority)} required class="narrow" /></td>
    <td><select form=${form} name="status" aria-label="Status">
      ${['active', 'inactive'].map(
        (s) => html`<option value=${s} selected=${s === link.status}>${label('link_status', s)}</option>`,
      )}</select></td>
    <td></td>
    <td class="row-actions">
      <button type="submit" form=${form} class="small" disabled=${submit.busy}>Save</button>
      <button type="button" class="small" onClick=${onCancel}>Cancel</button>
    </td>
  </tr>`;
}

function LinkForm({ resourceId, suppliers, onLinked }) {
  const submit = useSubmit(async (values) => {
    const body = present(values);
    if (body.priority !== undefined) body.priority = Number(body.priority);
    await post(`/resources/${segment(resourceId)}/suppliers`, body);
    onLinked();
  });
  if (!resourceId) return null;
  return html`<section aria-labelledby="link-title" class="panel">
    <h2 id="link-title">Link a supplier</h2>
    <form id="link-form" onSubmit=${submit.onSubmit}>
      <div class="fields">
        <${Field} label="Supplier">
          <${SupplierSelect} name="supplier_org_id" suppliers=${suppliers} required />
        </${Field}>
        <${Field} label="Unit cost" hint="what the supplier charges per unit">
          <input name="unit_cost" inputmode="decimal" required />
        </${Field}>
        <${Field} label="Currency"><input name="currency" defaultValue="CNY" /></${Field}>
        <${Field} label="Priority" hint="lower is picked first">
          <input name="priority" type="number" step="1" defaultValue="0" required />
        </${Field}>
      </div>
      <${ErrorNote} error=${submit.error} id="link-error" />
      <div class="actions"><button type="submit" disabled=${submit.busy}>Link supplier</button></div>
    </form>
  </section>`;
}
