// How an app uses the generated types (schema.d.ts): a promoter's product list page, a new link,
// the error body. Hand-written; `scripts/clients --check` compiles it with `tsc --strict`, so a
// schema change that breaks this usage fails CI.
import type { components, operations, paths } from "./schema";

type Schemas = components["schemas"];
export type Product = Schemas["Product"];
export type ProductPage = Schemas["PaginatedProductList"];
export type Link = Schemas["Link"];
export type ErrorBody = Schemas["ErrorResponse"];
export type ProductQuery = NonNullable<operations["products_list"]["parameters"]["query"]>;
export type LinkCreateBody = NonNullable<
  paths["/api/v1/links/"]["post"]["requestBody"]
>["content"]["application/json"];

/** An answer that is not 2xx: the status and the API's one error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(`${status} ${body.error.code}: ${body.error.message}`);
  }
}

async function call<T>(base: string, access: string, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(base + path, {
    ...init,
    headers: { Authorization: `Bearer ${access}`, "Content-Type": "application/json" },
  });
  const body: unknown = await response.json();
  if (!response.ok) {
    throw new ApiError(response.status, body as ErrorBody);
  }
  return body as T;
}

/** One page of the products a promoter may promote. */
export function productPage(base: string, access: string, query: ProductQuery): Promise<ProductPage> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) {
      // A list (ordering) goes out comma-separated: the schema's `explode: false`.
      search.set(name, Array.isArray(value) ? value.join(",") : String(value));
    }
  }
  return call<ProductPage>(base, access, `/api/v1/products/?${search.toString()}`);
}

/** The product on the page that earns the most; rates are decimal strings ("12.50"). */
export function bestPaid(page: ProductPage): Product | undefined {
  let best: Product | undefined;
  for (const product of page.results) {
    if (best === undefined || Number(product.effective_rate) > Number(best.effective_rate)) {
      best = product;
    }
  }
  return best;
}

/** A link to a product, in the default channel unless one is given. */
export function linkCreate(base: string, access: string, body: LinkCreateBody): Promise<Link> {
  return call<Link>(base, access, "/api/v1/links/", { method: "POST", body: JSON.stringify(body) });
}

/** What a share sheet shows for a link. */
export function shareSheet(link: Link): { text: string; url: string; qr: string } {
  return { text: link.share_text, url: link.short_url, qr: link.qr_png_url };
}

/** A line for the screen: the first message of each offending field, or the message. */
export function describeError(error: ErrorBody): string {
  const fields = error.error.fields;
  if (fields === undefined) {
    return error.error.message;
  }
  return Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages[0] ?? ""}`)
    .join("\n");
}

export async function firstShare(base: string, access: string): Promise<string> {
  try {
    const page = await productPage(base, access, { ordering: ["-effective_rate", "price"], page_size: 20 });
    const product = bestPaid(page);
    if (product === undefined) {
      return "Nothing to promote yet";
    }
    const link = await linkCreate(base, access, { product: product.id, sub_id: "app" });
    return shareSheet(link).text;
  } catch (error) {
    if (error instanceof ApiError) {
      return describeError(error.body);
    }
    throw error;
  }
}
