// Lists several screens choose from: products and suppliers, each read whole.
import { get, getAll, segment } from './api.js';
import { html, useEffect, useState } from './preact.js';
import { useLoad } from './ui.js';

export async function loadProducts() {
  return (await getAll('/products')).items;
}

export async function loadSuppliers() {
  return (await getAll('/suppliers')).items;
}

/** The products, the one chosen (the first until another is), and its bound resources. */
export function useChosenProduct() {
  const products = useLoad(loadProducts, []);
  const [productId, setProductId] = useState('');
  useEffect(() => {
    if (!productId && products.data && products.data.length) setProductId(products.data[0].id);
  }, [products.data]);
  const resources = useLoad(
    () => (productId ? get(`/products/${segment(productId)}/resources`, { page_size: 1000 }) : null),
    [productId],
  );
  return { products, productId, setProductId, resources };
}

/** id -> item. */
export function byId(items, key = 'id') {
  return new Map((items || []).map((item) => [item[key], item]));
}

/** A select of products; `any` adds an empty first choice. */
export function ProductSelect({ products, name, value, any, onChange, id, required }) {
  return html`<select name=${name} id=${id} value=${value} onChange=${onChange} required=${required}>
    ${any !== undefined ? html`<option value="">${any}</option>` : null}
    ${(products || []).map((p) => html`<option value=${p.id}>${p.product_name}</option>`)}
  </select>`;
}

/** A select of suppliers, shown by name and org. */
export function SupplierSelect({ suppliers, name, value, any, onChange, required }) {
  return html`<select name=${name} value=${value} onChange=${onChange} required=${required}>
    ${any !== undefined ? html`<option value="">${any}</option>` : null}
    ${(suppliers || []).map(
      (s) => html`<option value=${s.org_id}>${s.supplier_name} (${s.org_id})</option>`,
    )}
  </select>`;
}
