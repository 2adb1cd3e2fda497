// Consumption records: the usage log with supplier cost, sell price and margin per use; totals,
// pagination, a CSV export and a daily chart of revenue against cost.
import { html, useEffect, useRef, useState } from '../preact.js';
import { get, getAll } from '../api.js';
import { label } from '../codes.js';
import { ProductSelect, SupplierSelect, byId, loadProducts, loadSuppliers } from '../catalog.js';
import { compare, subtract, sum } from '../decimal.js';
import { Field, Loading, Pager, TableBox, fields, present, time, useLoad } from '../ui.js';

const PAGE_SIZES = [20, 50, 100];

/** Sell price less supplier cost, when both are in one currency. */
function margin(row) {
  return row.cost_currency === row.currency ? subtract(row.sell_price, row.total_cost) : null;
}

/** The API's filters from the form's: dates become UTC instants, `to` taking its whole day. */
function apiFilters(values) {
  const { from_date: from, to_date: to, ...rest } = values;
  const filters = present(rest);
  if (from) filters.from = `${from}T00:00:00Z`;
  if (to) {
    const [y, m, d] = to.split('-').map(Number);
    filters.to = `${new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)}T00:00:00Z`;
  }
  return filters;
}

/** Totals of rows per currency: used (when one unit), cost, sell price, margin. */
function totals(rows) {
  const groups = new Map();
  for (const row of rows) {
    if (!groups.has(row.currency)) groups.set(row.currency, []);
    groups.get(row.currency).push(row);
  }
  return [...groups.entries()].map(([currency, group]) => {
    const units = new Set(group.map((r) => r.used_unit));
    const costed = group.filter((r) => r.cost_currency === currency);
    return {
      currency,
      count: group.length,
      used: units.size === 1 ? sum(group.map((r) => r.used_amount)) : '',
      unit: units.size === 1 ? [...units][0] : 'mixed',
      cost: sum(costed.map((r) => r.total_cost)),
      sell: sum(group.map((r) => r.sell_price)),
      margin: sum(costed.map((r) => subtract(r.sell_price, r.total_cost))),
    };
  });
}

export function UsageScreen() {
  const products = useLoad(loadProducts, []);
  const suppliers = useLoad(loadSuppliers, []);
  const [filters, setFilters] = useState({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const rows = useLoad(() => get('/usage', { ...filters, page, page_size: pageSize }), [filters, page, pageSize]);
  const everything = useLoad(() => getAll('/usage', filters), [filters]);
  const productById = byId(products.data);
  const supplierById = byId(suppliers.data, 'org_id');
  const apply = (event) => {
    event.preventDefault();
    setFilters(apiFilters(fields(event.currentTarget)));
    setPage(1);
  };
  return html`<div class="screen"><h1>Consumption records</h1>
    <p class="lead">Every use with what it cost the reseller and what the customer paid.</p>
    <form id="usage-filters" class="toolbar" onSubmit=${apply} aria-label="Filter consumption records">
      <${Field} label="Customer org"><input name="user_org_id" /></${Field}>
      <${Field} label="User"><input name="user_id" /></${Field}>
      <${Field} label="Product"><${ProductSelect} name="product_id" products=${products.data} any="any product" /></${Field}>
      <${Field} label="Supplier"><${SupplierSelect} name="supplier_org_id" suppliers=${suppliers.data} any="any supplier" /></${Field}>
      <${Field} label="From (UTC)"><input type="date" name="from_date" /></${Field}>
      <${Field} label="To (UTC, inclusive)"><input type="date" name="to_date" /></${Field}>
      <div class="actions"><button type="submit">Filter</button></div>
    </form>
    <div class="toolbar">
      <${Field} label="Rows per page">
        <select id="usage-page-size" value=${String(pageSize)}
          onChange=${(e) => { setPageSize(Number(e.target.value)); setPage(1); }}>
          ${PAGE_SIZES.map((n) => html`<option value=${String(n)}>${n}</option>`)}
        </select>
      </${Field}>
      <div class="actions">
        <button type="button" id="usage-export" disabled=${!everything.data}
          onClick=${() => exportCsv(everything.data.items, productById)}>Export CSV</button>
      </div>
    </div>
    <${Loading} state=${rows} what="consumption records" />
    ${rows.data ? html`<div><${UsageTable} rows=${rows.data.items} all=${everything.data}
        products=${productById} suppliers=${supplierById} />
      <${Pager} page=${page} pageSize=${pageSize} total=${rows.data.total} onPage=${setPage}
        label="Consumption record pages" /></div>` : null}
    <section aria-labelledby="chart-title" class="panel">
      <h2 id="chart-title">Daily revenue and cost</h2>
      <${Loading} state=${everything} what="totals" />
      ${everything.data ? html`<${DailyChart} rows=${everything.data.items} />` : null}
    </section></div>`;
}

function UsageTable({ rows, all, products, suppliers }) {
  if (!rows.length) return html`<p class="muted">No consumption record matches.</p>`;
  const name = (map, id, field) => (id ? map.get(id)?.[field] || id : '');
  return html`<${TableBox} label="Consumption records"><table id="usage">
    <thead><tr>
      <th scope="col">Time (UTC)</th><th scope="col">Customer</th><th scope="col">Product</th>
      <th scope="col">Supplier</th><th scope="col" class="num">Used</th><th scope="col">Unit</th>
      <th scope="col" class="num">Unit cost</th><th scope="col" class="num">Total cost</th>
      <th scope="col" class="num">Sell price</th><th scope="col" class="num">Margin</th>
      <th scope="col">Currency</th><th scope="col">Billing mode</th>
    </tr></thead>
    <tbody>${rows.map((r) => html`<tr data-usage-id=${r.id}>
      <td>${time(r.use_time)}</td>
      <td>${r.user_org_id}<br /><span class="muted">${r.user_id}</span></td>
      <td>${name(products, r.product_id, 'product_name')}</td>
      <td>${name(suppliers, r.supplier_org_id, 'supplier_name')}</td>
      <td class="num">${r.used_amount}</td>
      <td>${r.used_unit}</td>
      <td class="num">${r.unit_cost || ''}</td>
      <td class="num">${r.total_cost}</td>
      <td class="num">${r.sell_price}</td>
      <td class=${`num ${(margin(r) !== null && compare(margin(r), '0') < 0) ? 'loss' : ''}`}>${margin(r) ?? '—'}</td>
      <td>${r.currency}</td>
      <td>${label('billing_mode', r.billing_mode)}</td>
    </tr>`)}</tbody>
    <tfoot>
      ${totals(rows).map((t) => html`<${TotalRow} id=${`page-total-${t.currency}`} title="Page total" t=${t} />`)}
      ${all ? totals(all.items).map((t) => html`<${TotalRow} id=${`all-total-${t.currency}`}
        title=${all.complete ? `All ${t.count} matching` : `First ${t.count} of ${all.total} matching`} t=${t} />`) : null}
    </tfoot>
  </table></${TableBox}>`;
}

function TotalRow({ id, title, t }) {
  return html`<tr id=${id} class="total">
    <th scope="row" colspan="4">${title}</th>
    <td class="num">${t.used}</td><td>${t.unit}</td><td></td>
    <td class="num">${t.cost}</td><td class="num">${t.sell}</td><td class="num">${t.margin}</td>
    <td>${t.currency}</td><td></td>
  </tr>`;
}

/** Revenue (sell price) and supplier cost per business day, of the first currency. */
export function daily(rows) {
  const currency = rows.length ? rows[0].currency : '';
  const days = new Map();
  for (const row of rows) {
    if (row.currency !== currency) continue;
    const day = days.get(row.biz_date) || { revenue: '0', cost: '0' };
    day.revenue = sum([day.revenue, row.sell_price]);
    if (row.cost_currency === currency) day.cost = sum([day.cost, row.total_cost]);
    days.set(row.biz_date, day);
  }
  const dates = [...days.keys()].sort();
  return { currency, dates, revenue: dates.map((d) => days.get(d).revenue), cost: dates.map((d) => days.get(d).cost) };
}

function DailyChart({ rows }) {
  const canvas = useRef(null);
  const series = daily(rows);
  useEffect(() => {
    if (!series.dates.length) return undefined;
    // Chart.js draws numbers; the tooltips show the exact decimal strings
    const chart = new globalThis.Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: series.dates,
        datasets: [
          { label: `Revenue (${series.currency})`, data: series.revenue.map(Number), backgroundColor: '#2f6fdf' },
          { label: `Cost (${series.currency})`, data: series.cost.map(Number), backgroundColor: '#e0962f' },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) => `${item.dataset.label}: ${(item.datasetIndex === 0 ? series.revenue : series.cost)[item.dataIndex]}`,
            },
          },
        },
        scales: { y: { beginAtZero: true } },
      },
    });
    return () => chart.destroy();
  }, [rows]);
  if (!series.dates.length) return html`<p class="muted">No use to chart.</p>`;
  return html`<div><div class="chart-box">
      <canvas ref=${canvas} id="daily-chart" role="img"
        aria-label=${`Daily revenue and cost in ${series.currency}, ${series.dates[0]} to ${series.dates[series.dates.length - 1]}`}></canvas>
    </div>
    <details class="chart-data"><summary>The chart's figures</summary>
      <${TableBox} label="Daily revenue and cost"><table id="daily">
        <thead><tr><th scope="col">Day</th><th scope="col" class="num">Revenue</th><th scope="col" class="num">Cost</th></tr></thead>
        <tbody>${series.dates.map((d, i) => html`<tr><td>${d}</td><td class="num">${series.revenue[i]}</td><td class="num">${series.cost[i]}</td></tr>`)}</tbody>
      </table></${TableBox}>
    </details></div>`;
}

const CSV_COLUMNS = [
  'id', 'use_time', 'biz_date', 'user_org_id', 'user_id', 'product_id', 'product_name',
  'resource_type', 'resource_ref_id', 'supplier_org_id', 'used_amount', 'used_unit', 'unit_cost',
  'total_cost', 'cost_currency', 'sell_price', 'currency', 'margin', 'billing_mode',
  'source_ref_table', 'source_ref_id',
];
/** Columns that hold numbers; any other cell that starts like a formula is defused. */
const NUMERIC = new Set(['used_amount', 'unit_cost', 'total_cost', 'sell_price', 'margin']);

function csvCell(column, value) {
  let text = value === null || value === undefined ? '' : String(value);
  if (!NUMERIC.has(column) && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV of the rows, as the API sent their values (plus product name and margin). */
export function toCsv(rows, products) {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    const values = { ...row, product_name: products.get(row.product_id)?.product_name || '', margin: margin(row) ?? '' };
    lines.push(CSV_COLUMNS.map((c) => csvCell(c, values[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function exportCsv(rows, products) {
  const url = URL.createObjectURL(new Blob([toCsv(rows, products)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'tally-consumption.csv';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
