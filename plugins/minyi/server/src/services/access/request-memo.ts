import type { Core } from '@strapi/strapi';

/**
 * Memoises a lookup for the length of one HTTP request (Strapi's request context): the staff
 * record behind an admin account is read by the RBAC conditions and again by the route, and must
 * not be read twice — nor kept past the request, so a changed staff record counts from the next
 * request on. Outside a request (jobs, scripts) every call looks up afresh.
 */
export function requestMemo<K, V>(
  strapi: Core.Strapi,
  lookup: (key: K) => Promise<V>
): (key: K) => Promise<V> {
  const byRequest = new WeakMap<object, Map<K, Promise<V>>>();
  return (key: K) => {
    const request: object | undefined = strapi.requestContext.get();
    if (!request) return lookup(key);
    let known = byRequest.get(request);
    if (!known) {
      known = new Map();
      byRequest.set(request, known);
    }
    let value = known.get(key);
    if (!value) {
      value = lookup(key);
      known.set(key, value);
      // A failed lookup is not kept: a retry within the request asks again.
      value.catch(() => known.delete(key));
    }
    return value;
  };
}
